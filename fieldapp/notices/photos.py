"""Photos at print size: a stored photo (2048 px) printed 8 cm wide would carry four times the pixels the
paper shows, and twenty of them would make a notice of 10 MB. Larger JPEGs are decoded at a reduced scale
(the JPEG decoder's own 1/2, 1/4, 1/8) and written once into a cache folder, named by the source file's name
and the size, so that a re-print finds them and embeds the same bytes (and so gives the same PDF)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

PRINT_DPI = 250
JPEG_QUALITY = 82
_POINTS_PER_INCH = 72


def _print_pixels(box: tuple[float, float]) -> tuple[int, int]:
    return tuple(round(side / _POINTS_PER_INCH * PRINT_DPI) for side in box)  # type: ignore[return-value]


def _reduce(source: Path, cache: Path, pixels: tuple[int, int]) -> Path:
    target = cache / f"{source.stem}-{pixels[0]}x{pixels[1]}.jpg"
    if target.exists():
        return target
    with Image.open(source) as image:
        fits = image.width <= pixels[0] * 2 and image.height <= pixels[1] * 2
        if image.format == "JPEG" and fits:
            return source  # already near print size: embedded as it is
        # The size that fits the box at the print resolution, keeping the aspect.
        scale = min(pixels[0] / image.width, pixels[1] / image.height)
        wanted = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image.draft("RGB", wanted)  # JPEG: decode at 1/2, 1/4 or 1/8 scale, no smaller than wanted
        reduced = image.convert("RGB")
        if reduced.width > wanted[0] * 1.5:
            reduced = reduced.reduce(max(1, reduced.width // wanted[0]))
        # A name of its own per writer: two notices printed at once may reduce the same photo.
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        reduced.save(partial, "JPEG", quality=JPEG_QUALITY, optimize=False)
    partial.replace(target)
    return target


def print_copies(sources: Sequence[Path], cache: Path, box: tuple[float, float]) -> list[Path]:
    """For each source, the file to embed for a box of `box` points: the source itself when it is a JPEG
    near print size, else a reduced JPEG in `cache` (made on first use)."""
    if not sources:
        return []
    cache.mkdir(parents=True, exist_ok=True)
    pixels = _print_pixels(box)
    # One job per distinct file: the same photo in two strips (an item's and a finding's) would otherwise
    # be reduced twice at once into the same cache file.
    distinct = list(dict.fromkeys(sources))
    workers = min(4, os.cpu_count() or 1, len(distinct))
    with ThreadPoolExecutor(max_workers=workers) as pool:  # Pillow decodes and encodes without the GIL
        reduced = dict(
            zip(distinct, pool.map(lambda source: _reduce(source, cache, pixels), distinct), strict=True)
        )
    return [reduced[source] for source in sources]
