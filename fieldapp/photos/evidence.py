"""The customer's evidence of a fix: photos and scanned reports (JPEG, PNG, PDF) that came by e-mail or on a
stick. Stored as they are, content-addressed like photos, in the photos folder:

    evidence/ab/<sha><suffix>    named by the SHA-256 of its bytes (suffix .pdf, .jpg or .png)

A file is checked by its first bytes as well as its name: a Word document renamed to .pdf is refused with
the file's name, before anything is written. Written atomically (fieldapp.photos.files.write_atomic) before
any row names it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from fieldapp.domain.errors import ValidationError
from fieldapp.photos.files import write_atomic

EVIDENCE = "evidence"
MAX_BYTES = 25 * 1024 * 1024  # a phone photo or a scanned report of a few pages; not a video

# suffix -> (media type, how its bytes start)
_KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
_ALIASES = {".jpeg": ".jpg", ".jpe": ".jpg"}
ACCEPTED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png")


@dataclass(frozen=True)
class StoredEvidence:
    sha256: str
    suffix: str
    media_type: str
    size_bytes: int
    file_name: str  # the name the file had, for people


def evidence_path(photos_root: Path, sha256: str, suffix: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    if suffix not in _KINDS:
        raise ValueError(f"not an evidence suffix: {suffix!r}")
    return photos_root / EVIDENCE / sha256[:2] / f"{sha256}{suffix}"


def _refuse(source: Path, why: str) -> ValidationError:
    return ValidationError(f"证明材料 {source.name}：{why}", field="evidence")


def store_evidence(photos_root: Path, source: Path) -> StoredEvidence:
    """Check the file and store a copy under its SHA-256 (the same bytes twice are one file)."""
    suffix = _ALIASES.get(source.suffix.lower(), source.suffix.lower())
    if suffix not in _KINDS:
        raise _refuse(source, "只接受 PDF、JPEG 或 PNG 文件 (only PDF, JPEG or PNG files are accepted)")
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(
                source, f"文件超过 {MAX_BYTES // (1024 * 1024)} MB (the file is larger than the limit)"
            )
        data = source.read_bytes()
    except OSError as exc:
        raise _refuse(source, f"无法读取（{exc.strerror or exc}）(cannot read the file)") from exc
    media_type, magics = _KINDS[suffix]
    if not data.startswith(magics):
        raise _refuse(
            source,
            f"内容不是 {suffix[1:].upper()} 文件，可能已损坏或改了扩展名 "
            "(the content does not match the file type: damaged or renamed)",
        )
    sha256 = hashlib.sha256(data).hexdigest()
    write_atomic(evidence_path(photos_root, sha256, suffix), data)
    return StoredEvidence(sha256, suffix, media_type, len(data), source.name)
