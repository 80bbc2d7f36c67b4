"""Reading a notice PDF back: the verification payload from its metadata, and its text."""

from __future__ import annotations

import logging
from pathlib import Path

from fieldapp.domain.errors import FieldappError


class NoticeUnreadableError(FieldappError):
    """The file cannot be read as a PDF."""


def read_notice_pdf(path: Path) -> tuple[str | None, str]:
    """(the payload in the PDF's Subject, or None; the text of every page)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported once, below

    try:
        reader = PdfReader(path)
        meta = reader.metadata
        subject = meta.subject if meta is not None else None
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (OSError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise NoticeUnreadableError(f"无法读取 PDF：{path.name}：{exc} (cannot read the PDF)") from exc
    return (str(subject) if subject else None), text
