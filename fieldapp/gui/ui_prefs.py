"""The interface language before the database is open.

The language is a database setting ("ui.language"), but the window is painted before the database is
opened (opening it means importing SQLAlchemy, which takes longer than painting the whole window). So the
language last read from, or written to, the database is mirrored in a small text file in the data folder,
and the first paint reads that. If the mirror is stale (another workstation changed a shared PostgreSQL
database), the app switches language once the database is open; if it is missing or unreadable, the first
paint is in the default language.

Deliberately free of Qt and SQLAlchemy: it runs on the way to the first paint, and is a plain cache."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from fieldapp.settings import LANGUAGES, setting

MIRROR_NAME = "ui-language.txt"
DEFAULT_LANGUAGE: str = setting("ui.language").default


def mirror_path(data_root: Path) -> Path:
    return data_root / MIRROR_NAME


def read_language(data_root: Path) -> str:
    """The mirrored language, or the default when there is no usable mirror."""
    try:
        text = mirror_path(data_root).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return DEFAULT_LANGUAGE
    return text if text in LANGUAGES else DEFAULT_LANGUAGE


def write_language(data_root: Path, lang: str) -> None:
    """Mirror `lang`, atomically (a temp file, then Path.replace, which is os.replace: atomic, and it
    overwrites on Windows too): a start that reads the file while another
    writes it sees the old language or the new one, never half a file. Unchanged content is not rewritten.
    A failure is ignored: the database holds the truth, and the worst a missing mirror does is paint one
    start in the default language before switching."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    path = mirror_path(data_root)
    try:
        if path.read_text(encoding="utf-8").strip() == lang:
            return
    except (OSError, UnicodeDecodeError):
        pass  # absent or unreadable: write it
    temp = path.with_name(f".{MIRROR_NAME}.{os.getpid()}.tmp")
    try:
        temp.write_text(lang + "\n", encoding="utf-8")
        temp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):  # a read-only or vanished folder: nothing left to tidy
            temp.unlink(missing_ok=True)
