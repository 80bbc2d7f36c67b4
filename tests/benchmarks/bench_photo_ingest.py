"""Photo ingest: median ms per photo of fieldapp.photos.pipeline.ingest on 4000x3000 camera JPEGs.

N (default 20, --reps) distinct 4000x3000 JPEGs (noise over gradients, ~3-5 MB each at quality 92, EXIF
orientation 6 and a capture time) are made once per run. Each goes through the whole pipeline (draft
decode, downscale to 2048, turn upright, JPEG encode at 85, SHA-256, atomic write with fsync, 320 px
thumbnail) into a fresh photos folder. Baseline: the least any pipeline must do with the same file, in the
same run, interleaved one for one: Pillow open + draft("RGB") + load + the same resize to 2048.
value = median pipeline ms, baseline = median baseline ms. Goal: ratio <= 1.2.

Memory: then 200 ingests (the N files in turn, each into a new folder so every one is written) while the
resident set size is sampled every 25 photos (Linux /proc; elsewhere the peak from resource, when there is
one). Printed on stderr. Goal: peak under 300 MB and flat (last sample within 30 MB of the first)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from benchlib import Context, Result

from fieldapp.photos.pipeline import ingest, target_size

GOAL_RATIO = 1.2
GOAL_PEAK_MB = 300
DEFAULT_PHOTOS = 20
MEMORY_PHOTOS = 200
SIZE = (4000, 3000)


def _make_sources(folder: Path, count: int) -> list[Path]:
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(SIZE)
    radial = Image.radial_gradient("L").resize(SIZE)
    paths = []
    for n in range(count):
        noise = Image.effect_noise(SIZE, 30 + n % 20)
        red = Image.blend(gradient, noise, 0.35)
        green = Image.blend(radial, noise.rotate(180), 0.35)
        blue = Image.blend(gradient.rotate(180), radial, 0.5)
        image = Image.merge("RGB", (red, green, blue))
        exif = Image.Exif()
        exif[0x0112] = 6
        exif.get_ifd(0x8769)[36867] = "2024:05:06 17:30:00"
        path = folder / f"src{n:03d}.jpg"
        image.save(path, "JPEG", quality=92, exif=exif.tobytes())
        paths.append(path)
    return paths


def _baseline(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        target = target_size(image.size, 2048)
        image.draft("RGB", target)
        image.load()
        image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _rss_mb() -> float | None:
    try:
        import os

        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):
        return None


def _peak_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def run(ctx: Context) -> Result:
    count = ctx.reps(DEFAULT_PHOTOS)
    with ctx.tempdir("photo-") as folder:
        started = time.perf_counter()
        sources = _make_sources(folder, count)
        sizes = [p.stat().st_size / 2**20 for p in sources]
        made = time.perf_counter() - started
        _baseline(sources[0])  # warm-up: imports, codec tables
        ingest(sources[0], folder / "warm")
        pipeline_ms: list[float] = []
        baseline_ms: list[float] = []
        for source in sources:
            t0 = time.perf_counter()
            ingest(source, folder / "photos")
            t1 = time.perf_counter()
            _baseline(source)
            t2 = time.perf_counter()
            pipeline_ms.append((t1 - t0) * 1000)
            baseline_ms.append((t2 - t1) * 1000)
        samples: list[float] = []
        rss_start = _rss_mb()
        for n in range(MEMORY_PHOTOS):
            ingest(sources[n % count], folder / f"mem{n // count}")
            if n % 25 == 24:
                rss = _rss_mb()
                if rss is not None:
                    samples.append(rss)
        peak = _peak_mb()
    value, base = statistics.median(pipeline_ms), statistics.median(baseline_ms)
    flat = len(samples) < 2 or samples[-1] - samples[0] < 30
    peak_ok = peak is None or peak < GOAL_PEAK_MB
    details = (
        f"photo sources: {count} x {SIZE[0]}x{SIZE[1]} JPEG, {min(sizes):.1f}-{max(sizes):.1f} MB,"
        f" made in {made:.1f} s",
        f"photo pipeline median={value:.1f} ms min={min(pipeline_ms):.1f} max={max(pipeline_ms):.1f}",
        f"photo baseline (draft decode + resize) median={base:.1f} ms min={min(baseline_ms):.1f}"
        f" max={max(baseline_ms):.1f}",
        f"photo memory over {MEMORY_PHOTOS} ingests: rss at start="
        f"{'n/a' if rss_start is None else f'{rss_start:.0f}'} MB, every 25: "
        f"{', '.join(f'{s:.0f}' for s in samples)} MB; peak (ru_maxrss, whole run) = "
        f"{'n/a' if peak is None else f'{peak:.0f}'} MB; goal < {GOAL_PEAK_MB} MB and flat: "
        f"{'met' if flat and peak_ok else 'MISSED'}",
    )
    return Result(
        value,
        base,
        "ms",
        goal=f"ratio <= {GOAL_RATIO}, peak < {GOAL_PEAK_MB} MB, flat",
        met=value / base <= GOAL_RATIO and flat and peak_ok,
        details=details,
    )
