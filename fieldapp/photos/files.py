"""Where a photo's bytes live, and how their hash is checked. Photos are content-addressed: the file name
is the SHA-256 of its bytes, fanned out by the first two hex digits so no folder grows too large."""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1 << 20


def photo_path(photos_root: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return photos_root / sha256[:2] / f"{sha256}.jpg"


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
