"""The evidence pipeline: one camera or imported file in, one stored photo out. Qt-free, database-free.

`ingest(source, photos_root)`:
1. Refuses what it cannot store, with a PhotoError naming the file: an empty file, a file that is not an
   image, a format other than JPEG/PNG/TIFF/WebP, an image larger than Pillow's decompression-bomb limit
   (Image.MAX_IMAGE_PIXELS; the warning Pillow gives between one and two times the limit is an error
   here too), a truncated or otherwise undecodable image. Nothing is written for a refused file.
2. Reads the EXIF before decoding: orientation, DateTimeOriginal (+ OffsetTimeOriginal when the camera
   wrote one), GPS latitude/longitude.
3. Decodes with `Image.draft("RGB", size)` asking for the target size with the image's own aspect ratio, so
   a JPEG is decoded by the DCT at 1/2, 1/4 or 1/8 scale whenever that still covers the target.
4. Downscales so the long side is `long_side` (never upscales), then applies the EXIF orientation
   (`ImageOps.exif_transpose`, after the downscale: rotating a 2048 px image is cheaper than a 12 MP one).
   The stored pixels are upright; the stored file has no Orientation tag.
5. Encodes a baseline JPEG (quality `quality`, 4:2:0, no optimize pass: it costs ~15 % of the encode for
   ~3 % of size) carrying a small EXIF block: make, model, capture times and the GPS directory, so the file
   still says when and where it was taken when it leaves the app.
6. Hashes the encoded bytes (SHA-256) and writes them atomically (files.write_atomic: temp file in the
   same folder, fsync, os.replace) to photos/ab/<sha>.jpg. The same photo ingested twice gives the same
   bytes, hence the same name: the second write is skipped.
7. Writes a print copy (512 px long side, quality 80, upright, no EXIF) to photos/print/ab/<sha>.jpg and
   a thumbnail (320 px long side) to photos/thumbs/ab/<sha>.jpg, both named by the stored photo's SHA-256
   so they can be rebuilt from the photo at any time. The print copy is what a notice prints (its
   appendix box is 512 px wide at 200 dpi, fieldapp.notices.render.PHOTO_BOX): made here from pixels
   already decoded and downscaled it costs about 1 ms, where a notice decoding the 2048 px photo again
   spends about 6 ms per photo. The thumbnail is made from the print copy's pixels, not from the 2048 px
   image: the two reductions then cost no more than the thumbnail alone did.
8. With keep_original, copies the source file untouched to photos/originals/ab/<its sha><ext>.

Capture time. EXIF DateTimeOriginal has no zone. When the camera wrote OffsetTimeOriginal (EXIF 2.31,
most phones since 2017) that offset is used. Otherwise the time is taken as wall-clock time in
`exif_tz`, which defaults to the zone of the machine running the pipeline: the photos come from the
tablet's own camera or from a camera set to the same local time. taken_at is returned in UTC.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from fieldapp.domain.errors import ValidationError
from fieldapp.photos.files import original_path, photo_path, print_path, thumbnail_path, write_atomic

ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "TIFF", "WEBP"})
THUMB_LONG_SIDE = 320
THUMB_QUALITY = 80
# 512 px: the notice's photo box (65 mm) at 200 dpi; fieldapp.notices.photos makes the same copy when this
# one is missing, and a test checks that the two sizes agree.
PRINT_LONG_SIDE = 512
PRINT_QUALITY = 80

_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_KEPT_IFD0 = (0x010F, 0x0110, 0x0132)  # Make, Model, DateTime
# DateTimeOriginal, DateTimeDigitized, OffsetTime, OffsetTimeOriginal, OffsetTimeDigitized
_KEPT_EXIF = (36867, 36868, 36880, 36881, 36882)
_DATETIME_ORIGINAL = 36867
_OFFSET_TIME_ORIGINAL = 36881
_DECODE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    IndexError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


class PhotoError(ValidationError):
    """A file the pipeline cannot store as a photo; the message names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="photo")


@dataclass(frozen=True)
class IngestedPhoto:
    sha256: str
    path: Path
    width: int
    height: int
    size_bytes: int
    taken_at: datetime | None
    latitude: float | None
    longitude: float | None
    thumbnail_path: Path
    print_path: Path
    original_sha256: str | None = None
    original_path: Path | None = None
    written: bool = True  # False when the same photo was already stored


def ingest(
    source: Path,
    photos_root: Path,
    *,
    long_side: int = 2048,
    quality: int = 85,
    keep_original: bool = False,
    exif_tz: tzinfo | None = None,
) -> IngestedPhoto:
    """Store `source` as a content-addressed photo under `photos_root`; see the module docstring."""
    source = Path(source)
    if long_side < 1:
        raise ValueError("long_side must be positive")
    image, exif = _decode(source, long_side)
    try:
        taken_at = _taken_at(exif, exif_tz)
        latitude, longitude = _gps(exif)
        upright = ImageOps.exif_transpose(image)
        if upright is None:  # pragma: no cover - only with in_place=True
            upright = image
        data = _encode(upright, quality, _kept_exif(exif), image.info.get("icc_profile"))
        sha = hashlib.sha256(data).hexdigest()
        stored = photo_path(photos_root, sha)
        written = write_atomic(stored, data)
        thumb = thumbnail_path(photos_root, sha)
        printed = print_path(photos_root, sha)
        if written or not thumb.is_file() or not printed.is_file():
            # 2048 -> 512 px is then one box average by 4 and no resampling (a gap of 2 would average by 2
            # and resample 1024 px: several times the cost); the thumbnail is resampled from 512 px.
            small = _reduced(upright, PRINT_LONG_SIDE, reducing_gap=1.0)
            write_atomic(printed, _jpeg(small, PRINT_QUALITY))
            write_atomic(thumb, _jpeg(_reduced(small, THUMB_LONG_SIDE, reducing_gap=2.0), THUMB_QUALITY))
        width, height = upright.size
    finally:
        image.close()
    original_sha: str | None = None
    original: Path | None = None
    if keep_original:
        original_sha, original = _keep_original(source, photos_root)
    return IngestedPhoto(
        sha256=sha,
        path=stored,
        width=width,
        height=height,
        size_bytes=len(data),
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
        thumbnail_path=thumb,
        print_path=printed,
        original_sha256=original_sha,
        original_path=original,
        written=written,
    )


def _refuse(source: Path, zh: str, en: str) -> PhotoError:
    return PhotoError(f"照片 {source.name} {zh} (photo {source}: {en})")


def target_size(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The size with the same aspect ratio whose long side is at most `long_side` (never larger)."""
    width, height = size
    scale = long_side / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode(source: Path, long_side: int) -> tuple[Image.Image, Image.Exif]:
    """The image decoded (draft), in RGB and downscaled but not yet turned upright, and its EXIF."""
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise _refuse(source, "无法读取", f"cannot be read: {exc}") from exc
    if size == 0:
        raise _refuse(source, "是空文件", "the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as opened:
                if opened.format not in ACCEPTED_FORMATS:
                    raise _refuse(
                        source,
                        f"的格式 {opened.format} 不受支持",
                        f"format {opened.format} is not supported; use JPEG, PNG, TIFF or WebP",
                    )
                exif = opened.getexif()
                target = target_size(opened.size, long_side)
                if opened.format in ("JPEG", "MPO"):
                    opened.draft("RGB", target)
                opened.load()
                image = _to_rgb(opened)
                if image.size != target:
                    image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
                if image is opened:
                    image = opened.copy()  # closing `opened` would take its pixels with it
                return image, exif
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(
            source,
            "像素过多，拒绝处理",
            f"too many pixels, over the limit of {Image.MAX_IMAGE_PIXELS}; refused as a "
            f"possible decompression bomb ({exc})",
        ) from exc
    except _DECODE_ERRORS as exc:
        raise _refuse(source, "不是有效的图片或已损坏", f"not an image, or damaged: {exc}") from exc


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        flat.info = dict(image.info)
        return flat
    converted = image.convert("RGB")
    converted.info = dict(image.info)
    return converted


def _kept_exif(exif: Image.Exif) -> Image.Exif:
    """A small EXIF block for the stored file: who made it, when and where; no orientation (the pixels are
    upright), no maker notes, no embedded thumbnail, no pixel dimensions of the original."""
    kept = Image.Exif()
    for tag in _KEPT_IFD0:
        if tag in exif:
            kept[tag] = exif[tag]
    sub = exif.get_ifd(_EXIF_IFD)
    wanted = {tag: sub[tag] for tag in _KEPT_EXIF if tag in sub}
    if wanted:
        kept.get_ifd(_EXIF_IFD).update(wanted)
    gps = exif.get_ifd(_GPS_IFD)
    if gps:
        kept.get_ifd(_GPS_IFD).update(gps)
    return kept


def _encode(image: Image.Image, quality: int, exif: Image.Exif, icc: Any) -> bytes:
    options: dict[str, Any] = {"quality": quality, "optimize": False, "subsampling": "4:2:0"}
    if isinstance(icc, bytes) and len(icc) < 60_000:
        options["icc_profile"] = icc
    buffer = io.BytesIO()
    try:
        image.save(buffer, "JPEG", exif=exif.tobytes(), **options)
    except (ValueError, TypeError, struct.error, OSError):
        # A camera's EXIF that Pillow cannot write back: the pixels matter, keep them without it.
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def _reduced(image: Image.Image, long_side: int, reducing_gap: float) -> Image.Image:
    """`image` with its long side at most `long_side`: first reduced by the largest integer factor that
    leaves at least `reducing_gap` times the target (a box average, cheap), then resampled bilinearly."""
    size = target_size(image.size, long_side)
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.BILINEAR, reducing_gap=reducing_gap)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _keep_original(source: Path, photos_root: Path) -> tuple[str, Path]:
    data = source.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    target = original_path(photos_root, sha, source.suffix or ".bin")
    write_atomic(target, data)
    return sha, target


def _exif_text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).strip("\x00 ").strip()


def _taken_at(exif: Image.Exif, exif_tz: tzinfo | None) -> datetime | None:
    sub = exif.get_ifd(_EXIF_IFD)
    raw = sub.get(_DATETIME_ORIGINAL)
    if raw is None:
        return None
    try:
        naive = datetime.strptime(_exif_text(raw)[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other camera placeholders
    zone = _offset(sub.get(_OFFSET_TIME_ORIGINAL))
    if zone is not None:
        return naive.replace(tzinfo=zone).astimezone(UTC)
    if exif_tz is not None:
        return naive.replace(tzinfo=exif_tz).astimezone(UTC)
    return naive.astimezone(UTC)  # a naive time is the machine's local time


def _offset(value: Any) -> timezone | None:
    """An EXIF offset such as "+08:00"; None when absent or malformed."""
    if value is None:
        return None
    text = _exif_text(value)
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if text[0] == "-" else delta)


def _degrees(value: Any) -> float:
    parts = [float(v) for v in value]
    if len(parts) != 3 or any(math.isnan(p) or p < 0 for p in parts):
        raise ValueError("not degrees, minutes, seconds")
    return parts[0] + parts[1] / 60 + parts[2] / 3600


def _gps(exif: Image.Exif) -> tuple[float | None, float | None]:
    gps = exif.get_ifd(_GPS_IFD)
    if not gps or 2 not in gps or 4 not in gps:
        return None, None
    try:
        latitude, longitude = _degrees(gps[2]), _degrees(gps[4])
    except (TypeError, ValueError, ZeroDivisionError):
        return None, None
    if _exif_text(gps.get(1, "N")).upper() == "S":
        latitude = -latitude
    if _exif_text(gps.get(3, "E")).upper() == "W":
        longitude = -longitude
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None
    return round(latitude, 7), round(longitude, 7)


__all__ = ["PRINT_LONG_SIDE", "IngestedPhoto", "PhotoError", "ingest", "target_size"]
