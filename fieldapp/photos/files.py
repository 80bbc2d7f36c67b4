"""Where a photo's bytes live, and how their hash is checked. Photos are content-addressed: the file name
is the SHA-256 of its bytes, fanned out by the first two hex digits so no folder grows too large.

Layout under the photos root:
    ab/<sha>.jpg                 a stored photo, named by the SHA-256 of its own bytes
    thumbs/ab/<sha>.jpg          its thumbnail, named by the *photo's* SHA-256 (so it can be rebuilt)
    print/ab/<sha>.jpg           its print copy (the size a notice prints it at), named like the thumbnail
    originals/ab/<sha><.ext>     an untouched original (photos.keep_original), named by its own SHA-256

Every file is written atomically (`write_atomic`): a temp file in the target's own folder, written,
flushed and fsynced, then os.replace'd onto its name. A process killed in between leaves at most a temp
file (`.<name>.<random>.tmp`), never a partial photo; no row names a temp file, and `fieldapp doctor`
removes those left over (`remove_leftover_temps`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import time
from pathlib import Path

_CHUNK = 1 << 20
TEMP_SUFFIX = ".tmp"
THUMBS = "thumbs"
# fieldapp.notices.photos finds a print copy by this layout on its own (notices may not import photos):
# tests/unit/photos/test_print_copy.py checks that the two agree.
PRINTS = "print"
ORIGINALS = "originals"


def _check_sha(sha256: str) -> None:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")


def photo_path(photos_root: Path, sha256: str) -> Path:
    _check_sha(sha256)
    return photos_root / sha256[:2] / f"{sha256}.jpg"


def thumbnail_path(photos_root: Path, photo_sha256: str) -> Path:
    """The thumbnail of the stored photo with this SHA-256."""
    _check_sha(photo_sha256)
    return photos_root / THUMBS / photo_sha256[:2] / f"{photo_sha256}.jpg"


def print_path(photos_root: Path, photo_sha256: str) -> Path:
    """The print copy of the stored photo with this SHA-256 (it may be missing: an older photo, or one
    synced in without it; a notice then makes it from the photo)."""
    _check_sha(photo_sha256)
    return photos_root / PRINTS / photo_sha256[:2] / f"{photo_sha256}.jpg"


def original_path(photos_root: Path, sha256: str, suffix: str) -> Path:
    _check_sha(sha256)
    return photos_root / ORIGINALS / sha256[:2] / f"{sha256}{suffix.lower()}"


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. POSIX only: Windows cannot open a directory this way, and NTFS
    journals the rename itself."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_path_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_atomic(target: Path, data: bytes) -> bool:
    """Write `data` to `target` atomically: temp file beside it, write, flush, fsync, os.replace. A target
    that already exists with the same size is content-addressed, hence the same bytes: left as it is.
    Returns whether a file was written. On any error the temp file is removed."""
    try:
        if target.stat().st_size == len(data):
            return False
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        with temp.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)  # os.replace: atomic, and overwrites on Windows too
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(target.parent)
    return True


def is_temp_file(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def leftover_temps(photos_root: Path) -> list[Path]:
    """Temp files left by a process killed while writing (they are in the photo folders, two or three
    levels down)."""
    if not photos_root.is_dir():
        return []
    found: list[Path] = []
    for pattern in (f".*{TEMP_SUFFIX}", f"*/.*{TEMP_SUFFIX}", f"*/*/.*{TEMP_SUFFIX}"):
        found.extend(p for p in photos_root.glob(pattern) if p.is_file())
    return sorted(found)


def remove_leftover_temps(photos_root: Path, *, older_than_s: float = 60.0) -> list[Path]:
    """Remove the temp files older than `older_than_s` (a younger one may belong to a write still under
    way in another process). Returns the files removed."""
    removed: list[Path] = []
    now = time.time()
    for path in leftover_temps(photos_root):
        try:
            if now - path.stat().st_mtime < older_than_s:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
