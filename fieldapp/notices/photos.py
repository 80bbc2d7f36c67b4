"""Photos at print size: the copies a notice embeds.

A stored photo (2048 px) printed in the appendix's box needs a quarter of its pixels: the box is sized so
that a 2048 px photo decoded at the JPEG decoder's own 1/4 scale (DCT scaling, no resampling) prints at
PRINT_DPI. Decoding is most of the cost of a first issue (the JPEG's entropy decoding, about 5 ms for a
stored photo, whatever the scale), so the copies are made in worker threads, one per core (Pillow releases
the GIL while it decodes and encodes), started as rendering starts; drawing a photo waits for its copy.
The pages before the appendix are laid out meanwhile, though on two cores that gains little: a worker
needs the GIL back between its steps, and waits for it while the layout runs.

The photo pipeline writes each stored photo's print copy (512 px long side, upright) when it stores the
photo, next to it in the photos folder (print/ab/<sha>.jpg beside ab/<sha>.jpg): a notice reads that small
file (about 1 ms) instead of decoding the 2048 px photo. A photo without one (stored before print copies
existed, or synced in from another tablet without it) is decoded as above, and its print copy is written
then, so that the next notice finds it. Either way the notice's copy is made from the print copy's bytes,
so a photo prints the same whether its print copy was made at capture or by an earlier notice.

A photo's evidence strip (customer, time, inspectors) is not drawn into its pixels: the notice prints it
as text right below the picture (notices.render), sharp at any printer's resolution and read back by
`verify` like every other word; so a print copy made at capture is embedded as it is, with no decoding.
A copy that has to be made (turned, or too big) is written once into a cache folder, under a name made of
the source file's name and the size, so that a re-print finds it and embeds the same bytes (and so gives
the same PDF)."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PIL import Image

PRINT_DPI = 200  # sharp for photos on an office laser printer, and half the pixels of 300 dpi
JPEG_QUALITY = 80  # no optimize pass: it costs more time than the bytes it saves are worth here
# A stored photo's print copy: fieldapp.photos.files.print_path and pipeline.PRINT_LONG_SIDE/PRINT_QUALITY
# (notices may not import photos; tests/unit/photos/test_print_copy.py checks that these agree).
PREPARED_FOLDER = "print"
PREPARED_LONG_SIDE = 512
PREPARED_QUALITY = 80
_HEX = frozenset("0123456789abcdef")
_POINTS_PER_INCH = 72
_ORIENTATION = 0x0112
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_TURNED = frozenset(_UPRIGHT[n] for n in (5, 6, 7, 8))  # a quarter turn: width and height swap


@dataclass(frozen=True)
class PrintJob:
    source: Path  # a stored photo (its print copy is used when there is one) or any image file


@dataclass(frozen=True)
class PrintCopy:
    path: Path  # the file to embed
    size: tuple[int, int]  # its pixels


def print_pixels(box: tuple[float, float]) -> tuple[int, int]:
    """The pixels that fill a box of `box` points at PRINT_DPI."""
    return (round(box[0] / _POINTS_PER_INCH * PRINT_DPI), round(box[1] / _POINTS_PER_INCH * PRINT_DPI))


def _cache_name(job: PrintJob, pixels: tuple[int, int]) -> str:
    return f"{job.source.stem}-{pixels[0]}x{pixels[1]}.jpg"


def _fit(size: tuple[int, int], pixels: tuple[int, int]) -> tuple[int, int]:
    """`size` scaled down (never up) to fit within `pixels`, the aspect kept."""
    scale = min(1.0, pixels[0] / size[0], pixels[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def prepared_path(source: Path) -> Path | None:
    """Where the print copy of the stored photo `source` (<root>/ab/<sha>.jpg) lives: <root>/print/ab/
    <sha>.jpg. None for a file outside the photos folder's layout (it has no print copy)."""
    sha = source.stem
    if len(sha) != 64 or not _HEX.issuperset(sha) or source.parent.name != sha[:2]:
        return None
    return source.parent.parent / PREPARED_FOLDER / sha[:2] / source.name


def _write_atomic(target: Path, data: bytes) -> None:
    # A name of its own per writer: two notices printed at once may reduce the same photo.
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _prepare(source: Path, prepared: Path) -> Path:
    """Make the missing print copy of the stored photo `source` as the photo pipeline would have (upright,
    PREPARED_LONG_SIDE, decoded at the JPEG decoder's own scale) and write it to `prepared`. Returns the
    file to print from: `prepared`, or `source` when the copy cannot be written (a read-only folder)."""
    with Image.open(source) as image:
        turn = _UPRIGHT.get(image.getexif().get(_ORIENTATION, 1))
        scale = min(1.0, PREPARED_LONG_SIDE / max(image.size))
        image.draft("RGB", (max(1, round(image.width * scale)), max(1, round(image.height * scale))))
        image.decodermaxblock = max(image.decodermaxblock, source.stat().st_size)
        picture = image.convert("RGB")
    if turn is not None:
        picture = picture.transpose(turn)
    if max(picture.size) > PREPARED_LONG_SIDE:
        box = (PREPARED_LONG_SIDE, PREPARED_LONG_SIDE)
        picture.thumbnail(box, Image.Resampling.BILINEAR, reducing_gap=1.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=PREPARED_QUALITY)
    try:
        _write_atomic(prepared, buffer.getvalue())
    except OSError:
        return source
    return prepared


def _make(job: PrintJob, cache: Path, pixels: tuple[int, int]) -> PrintCopy:
    target = cache / _cache_name(job, pixels)
    if target.exists():
        with Image.open(target) as done:  # reads the header only
            return PrintCopy(target, done.size)
    source = job.source
    prepared = prepared_path(source)
    if prepared is not None:
        source = prepared if prepared.is_file() else _prepare(source, prepared)
    with Image.open(source) as image:
        turn = _UPRIGHT.get(image.getexif().get(_ORIENTATION, 1))
        upright_size = image.size[::-1] if turn in _TURNED else image.size
        wanted = _fit(upright_size, pixels)
        if turn is None and image.format == "JPEG" and image.width <= 2 * wanted[0]:
            return PrintCopy(source, image.size)  # already near print size: embedded as it is
        # Decode at the smallest DCT scale (1/2, 1/4, 1/8) that still gives the wanted pixels; the request
        # is in the file's own orientation, turned upright only afterwards (on the small image).
        image.draft("RGB", wanted[::-1] if turn in _TURNED else wanted)
        # The whole file to the decoder in one call: Pillow reads 64 KB at a time by default and takes the
        # GIL back between the pieces, and each time it waits for the thread laying out the notice.
        image.decodermaxblock = max(image.decodermaxblock, source.stat().st_size)
        picture = image.convert("RGB")
    if turn is not None:
        picture = picture.transpose(turn)
    if picture.width > wanted[0] * 1.1:  # a DCT scale rarely lands on the size: resample the rest
        picture = picture.resize(wanted, Image.Resampling.BILINEAR)
    # A name of its own per writer: two notices printed at once may reduce the same photo.
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    picture.save(partial, "JPEG", quality=JPEG_QUALITY, optimize=False)
    partial.replace(target)
    return PrintCopy(target, picture.size)


class PrintCopies:
    """The print copies of a notice's photos, started at once in worker threads; `get(n)` waits for the
    n-th. Use as a context manager: leaving it waits for (or cancels) the work still running."""

    def __init__(
        self,
        jobs: Sequence[PrintJob],
        cache: Path,
        box: tuple[float, float],
        *,
        workers: int | None = None,
    ) -> None:
        self._jobs = list(jobs)
        self.pixels = print_pixels(box)
        # One job per distinct photo: the same photo in two places (an item's and a finding's) would
        # otherwise be reduced twice at once into the same cache file.
        distinct = list(dict.fromkeys(self._jobs))
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[PrintJob, Future[PrintCopy]] = {}
        if not distinct:
            return
        cache.mkdir(parents=True, exist_ok=True)
        count = workers or min(4, os.cpu_count() or 1, len(distinct))  # tablets have 4 cores
        self._pool = ThreadPoolExecutor(max_workers=count, thread_name_prefix="notice-photo")
        self._futures = {job: self._pool.submit(_make, job, cache, self.pixels) for job in distinct}

    def __len__(self) -> int:
        return len(self._jobs)

    def get(self, index: int) -> PrintCopy:
        return self._futures[self._jobs[index]].result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PrintCopies:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def print_copies(jobs: Sequence[PrintJob], cache: Path, box: tuple[float, float]) -> list[PrintCopy]:
    """Every job's print copy for a box of `box` points, made (or found in `cache`) before returning."""
    with PrintCopies(jobs, cache, box) as copies:
        return [copies.get(n) for n in range(len(copies))]
