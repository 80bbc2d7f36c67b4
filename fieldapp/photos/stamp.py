"""The evidence stamp: a copy of a stored photo with a caption strip (customer, time, inspector, GPS when
known) added BELOW the picture, for the copies printed in notices. Qt-free, database-free.

The stored evidence is never touched: the stamp is drawn on a new canvas that holds the photo's pixels
above the strip, and written to another path (refused when it names the photo itself). The strip goes
below rather than over the picture so that no evidence is hidden behind the text.

Chinese text needs a TrueType CJK font. `font_path` names one; without it the bundled font in
resources/fonts is used, else a font of the system (WenQuanYi on Debian, Microsoft YaHei or SimHei on
Windows, Noto CJK); if there is none, StampFontError says where it looked."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from fieldapp.domain.errors import FieldappError
from fieldapp.paths import fonts_dir
from fieldapp.photos.files import temp_path_for

FONT_SUFFIXES = (".ttc", ".ttf", ".otf")
STRIP_BACKGROUND = (24, 32, 44)
STRIP_TEXT = (255, 255, 255)
STAMP_QUALITY = 90
_ORIENTATION = 0x0112


class StampFontError(FieldappError):
    """No TrueType CJK font to draw the stamp with."""


def _system_font_candidates() -> list[Path]:
    candidates = [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    ]
    windows = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    if windows:
        folder = Path(windows) / "Fonts"
        candidates[:0] = [folder / "msyh.ttc", folder / "simhei.ttf", folder / "simsun.ttc"]
    return candidates


def font_candidates() -> list[Path]:
    """Where a CJK font is looked for, in order: the bundled fonts first (the same look on every machine),
    then the system's."""
    bundled: list[Path] = []
    folder = fonts_dir()
    if folder.is_dir():
        bundled = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    return [*bundled, *_system_font_candidates()]


def find_cjk_font(font_path: Path | None = None) -> Path:
    """The font to draw with: `font_path` when given (it must exist), else the first candidate found."""
    if font_path is not None:
        if not Path(font_path).is_file():
            raise StampFontError(f"找不到字体文件 {font_path} (font file {font_path} not found)")
        return Path(font_path)
    candidates = font_candidates()
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(p) for p in candidates) or str(fonts_dir())
    raise StampFontError(
        f"找不到中文字体，无法加盖照片说明条 (no CJK TrueType font found for the evidence stamp; looked for "
        f"{fonts_dir()}/*.ttc|ttf|otf and {looked})"
    )


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy wrapping that fits `width` pixels: at a space when the line has one (Latin text), else at
    any character (Chinese has no spaces between words)."""
    if font.getlength(text) <= width:  # the usual case, in one measurement instead of one per character
        return [text]
    lines: list[str] = []
    current = ""
    for char in text:
        candidate = current + char
        if not current or font.getlength(candidate) <= width:
            current = candidate
            continue
        cut = current.rfind(" ")
        if char != " " and cut > 0:
            lines.append(current[:cut])
            current = current[cut + 1 :] + char
        else:
            lines.append(current.rstrip())
            current = char.lstrip()
    if current or not lines:
        lines.append(current)
    return lines


def _wrapped(lines: Iterable[str], font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    return [part for line in lines for part in _wrap(line, font, width)]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def stamp_picture(picture: Image.Image, lines: Sequence[str], font_path: Path | None = None) -> Image.Image:
    """A new RGB image: `picture` (upright) with a strip below it holding `lines`, wrapped to its width.
    The picture itself is only read."""
    texts = [line.strip() for line in lines if line.strip()]
    if not texts:
        raise ValueError("a stamp needs at least one line of text")
    font_file = find_cjk_font(font_path)
    width, height = picture.size
    # Sized to the photo so the strip reads the same on a small thumbnail-sized print and a full page.
    size = max(14, round(width / 42))
    try:
        # Basic layout: Chinese needs no shaping, and it measures and draws several times faster than raqm.
        font = ImageFont.truetype(str(font_file), size, index=0, layout_engine=ImageFont.Layout.BASIC)
    except OSError as exc:
        raise StampFontError(f"无法读取字体 {font_file} (cannot read font {font_file}: {exc})") from exc
    margin = max(8, size // 2)
    wrapped = _wrapped(texts, font, width - 2 * margin)
    ascent, descent = font.getmetrics()
    line_height = ascent + descent + max(2, size // 5)
    strip_height = 2 * margin + line_height * len(wrapped)
    canvas = Image.new("RGB", (width, height + strip_height), STRIP_BACKGROUND)
    canvas.paste(picture, (0, 0))
    draw = ImageDraw.Draw(canvas)
    y = height + margin
    for line in wrapped:
        draw.text((margin, y), line, font=font, fill=STRIP_TEXT)
        y += line_height
    return canvas


def stamped_copy(
    photo_path: Path, out_path: Path, lines: Sequence[str], font_path: Path | None = None
) -> Path:
    """Write to `out_path` (JPEG) the photo with a strip below it holding `lines`, wrapped to the photo's
    width. The photo file is only read. Returns `out_path`."""
    photo_path, out_path = Path(photo_path), Path(out_path)
    if _same_file(photo_path, out_path):
        raise ValueError(f"the stamped copy must not replace the evidence itself: {photo_path}")
    if not any(line.strip() for line in lines):
        raise ValueError("a stamp needs at least one line of text")
    find_cjk_font(font_path)  # before the photo is read: a missing font is the clearer error
    with Image.open(photo_path) as opened:
        exif = opened.getexif()
        upright = ImageOps.exif_transpose(opened)  # stored photos are upright already; others may not be
        picture = (upright if upright is not None else opened).convert("RGB")
    canvas = stamp_picture(picture, lines, font_path)
    if _ORIENTATION in exif:
        del exif[_ORIENTATION]  # the copy's pixels are upright
    buffer = io.BytesIO()
    try:
        canvas.save(buffer, "JPEG", quality=STAMP_QUALITY, exif=exif.tobytes())
    except (ValueError, TypeError, OSError):
        buffer = io.BytesIO()
        canvas.save(buffer, "JPEG", quality=STAMP_QUALITY)
    _write_replacing(out_path, buffer.getvalue())
    return out_path


def _write_replacing(target: Path, data: bytes) -> None:
    """Temp file beside the target, then os.replace: a notice never picks up half a copy. (Not
    files.write_atomic: that one skips an existing file of the same size, which is right only for
    content-addressed names.)"""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_for(target)
    try:
        with temp.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


__all__ = ["StampFontError", "find_cjk_font", "font_candidates", "stamp_picture", "stamped_copy"]
