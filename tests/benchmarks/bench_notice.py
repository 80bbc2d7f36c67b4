"""Notice rendering: seconds to write a notice with 10 findings and 20 photos of 2048 px (both copies).

The photos are 2048x1536 JPEGs (noise over gradients, like camera pictures) stored once per run through
the real photo pipeline (fieldapp.photos.pipeline.ingest, as services.photos.add_photo does), so each has
the 512 px print copy the pipeline writes at capture, as in the field; each photo carries an evidence
stamp of three lines, as the service issues them. value = median time of fieldapp.notices.render.render
into a fresh image cache, as on a first issue (each photo's print copy is embedded as it is, its stamp
printed as text below it; the stored 2048 px photo is not decoded). On stderr too: the same render with
the print copies removed (photos synced in without them, or stored before print copies existed: decoded
from the 2048 px photo), each round also removing the print copies that render writes back. baseline =
median time of plain ReportLab canvas calls drawing the same text (same font, same strings, both
copies) and the same image files (drawImage of the 2048 px files, embedded as they are), interleaved one
for one. Goal: ratio <= 2.0 and the notice under 6 MB. The baseline's file size is on stderr too (it
embeds the full photos)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from benchlib import Context, Result

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: notice_kit

from notice_kit import FONT_FILE, sample_notice  # noqa: E402

from fieldapp.notices.data import NoticeData  # noqa: E402
from fieldapp.notices.render import FONT, register_font, render  # noqa: E402

GOAL_RATIO = 2.0
GOAL_MB = 6.0
SIZE = (2048, 1536)


def _make_photos(folder: Path, count: int) -> list[Path]:
    """`count` camera-like files, stored through the photo pipeline; the stored photos."""
    from PIL import Image

    from fieldapp.photos.pipeline import ingest

    camera = folder / "camera"
    camera.mkdir()

    gradient = Image.linear_gradient("L").resize(SIZE)
    radial = Image.radial_gradient("L").resize(SIZE)
    paths = []
    for n in range(count):
        noise = Image.effect_noise(SIZE, 20 + n % 10)
        image = Image.merge(
            "RGB",
            (Image.blend(gradient, noise, 0.25), Image.blend(radial, noise.rotate(180), 0.25), gradient),
        )
        path = camera / f"p{n:02d}.jpg"
        image.save(path, "JPEG", quality=85)  # stored at 85 again: about the files the baseline had before
        stored = ingest(path, folder / "photos")
        assert stored.print_path.is_file()
        paths.append(stored.path)
    return paths


def _drop_print_copies(folder: Path) -> None:
    for path in (folder / "photos" / "print").rglob("*.jpg"):
        path.unlink()


def _texts(data: NoticeData) -> list[str]:
    c, i = data.customer, data.inspection
    lines = [data.issuing_unit, data.title, data.number, c.name, c.account_no, c.address, c.contact]
    lines += [c.voltage, c.contract_capacity, i.day.isoformat(), i.kind_label]
    lines += [f"{x.name} {x.certificate_no}" for x in i.inspectors]
    for f in data.findings:
        lines += [str(f.seq), f.description, f.grade, f.basis, f.requirement, str(f.deadline)]
    lines += [data.consequences, data.verification_code]
    lines += [p.caption for p in data.photos]
    lines += [line for p in data.photos for line in p.stamp]
    return lines


def _baseline(data: NoticeData, out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(out), pagesize=A4)
    texts = _texts(data)
    for _ in data.copies:
        y = 800.0
        for text in texts:
            canvas.setFont(FONT, 9)
            for start in range(0, len(text), 40):  # crude fixed-width wrapping
                canvas.drawString(50, y, text[start : start + 40])
                y -= 12
                if y < 50:
                    canvas.showPage()
                    y = 800.0
        canvas.showPage()
        for n, photo in enumerate(data.photos):
            canvas.drawImage(str(photo.path), 60 + (n % 2) * 250, 560 - (n // 2 % 3) * 250, 230, 172)
            if n % 6 == 5:
                canvas.showPage()
        canvas.showPage()
    canvas.save()


def run(ctx: Context) -> Result:
    reps = ctx.reps(5)
    register_font(FONT_FILE)
    with ctx.tempdir("notice-") as folder:
        started = time.perf_counter()
        photos = _make_photos(folder, 20)
        made = time.perf_counter() - started
        data = sample_notice(photos, findings=10, stamped=True)
        render(data, folder / "warm.pdf", font_file=FONT_FILE, image_cache=folder / "warm-cache")
        _baseline(data, folder / "warm-base.pdf")
        values: list[float] = []
        bases: list[float] = []
        for n in range(reps):
            t0 = time.perf_counter()
            render(
                data,
                folder / f"n{n}.pdf",
                font_file=FONT_FILE,
                image_cache=folder / f"cache{n}",
            )
            t1 = time.perf_counter()
            _baseline(data, folder / f"b{n}.pdf")
            t2 = time.perf_counter()
            values.append(t1 - t0)
            bases.append(t2 - t1)
        fallbacks: list[float] = []
        for n in range(reps):
            _drop_print_copies(folder)
            t0 = time.perf_counter()
            render(
                data,
                folder / f"f{n}.pdf",
                font_file=FONT_FILE,
                image_cache=folder / f"fallback{n}",
            )
            fallbacks.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        render(data, folder / "reprint.pdf", font_file=FONT_FILE, image_cache=folder / "cache0")
        reprint = time.perf_counter() - t0
        size_mb = (folder / "n0.pdf").stat().st_size / 2**20
        base_mb = (folder / "b0.pdf").stat().st_size / 2**20
        photo_mb = sum(p.stat().st_size for p in photos) / 2**20
    value, base = statistics.median(values), statistics.median(bases)
    details = (
        f"notice photos: 20 x {SIZE[0]}x{SIZE[1]} JPEG, {photo_mb:.1f} MB in all, made and stored in "
        f"{made:.1f} s",
        f"notice render median={value:.3f} s min={min(values):.3f} max={max(values):.3f}; "
        f"re-print with a warm image cache {reprint:.3f} s",
        f"notice render without print copies (decoded from the 2048 px photos) "
        f"median={statistics.median(fallbacks):.3f} s min={min(fallbacks):.3f} max={max(fallbacks):.3f}",
        f"notice baseline (plain canvas) median={base:.3f} s min={min(bases):.3f} max={max(bases):.3f}",
        f"notice file {size_mb:.2f} MB (goal < {GOAL_MB} MB); baseline file {base_mb:.2f} MB",
        # The photos are decoded on every core (up to four): the ratio depends on how many are free.
        f"notice photo workers: {min(4, os.cpu_count() or 1)} on {os.cpu_count()} cores",
    )
    return Result(
        value,
        base,
        "s",
        goal=f"ratio <= {GOAL_RATIO}, file < {GOAL_MB} MB",
        met=value / base <= GOAL_RATIO and size_mb < GOAL_MB,
        details=details,
    )
