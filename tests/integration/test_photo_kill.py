"""A photo the app has acknowledged survives the app being killed, and a kill never leaves a row naming a
missing or partial file (architecture invariants 1 and 4).

A child (photo_kill_child.py) adds photos through `Backend.call(add_photo, ...)` and prints one line per
photo after the call returned. The parent kills it (proc.kill()) at a random moment, KILLS times, each new
child going on in the same data dir. After every kill: every acknowledged photo has its row and its file,
and no row (acknowledged or not) names a missing file or one whose bytes do not match its SHA-256.

Temp files. A kill between creating a temp file and renaming it leaves the temp file behind; nothing can
prevent that. It is harmless: its name (.<name>.<random>.tmp) is never a photo's, and no row names it.
`fieldapp doctor` does not count it as a problem and removes those older than a minute; the test checks
that whatever is left in photos/ besides photos and thumbnails is such a temp file, that doctor exits 0,
and that remove_leftover_temps clears them."""

from __future__ import annotations

import hashlib
import random
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from testkit import run_cli

from fieldapp.photos.files import (
    is_temp_file,
    leftover_temps,
    photo_path,
    remove_leftover_temps,
    thumbnail_path,
)
from fieldapp.services.backend import open_backend
from fieldapp.store.models import Photo

CHILD = Path(__file__).resolve().with_name("photo_kill_child.py")
KILLS = 10


def _run_child(data_dir: Path, tag: str, rng: random.Random) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is adding photos
        assert first.startswith("P "), f"child failed: {first!r}\n{proc.stderr.read() if proc.stderr else ''}"
        time.sleep(rng.uniform(0.0, 0.6))
        proc.kill()
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return [first, *rest.splitlines()]


def test_killed_while_adding_photos(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random()
    acknowledged: dict[str, str] = {}
    for kill in range(KILLS):
        for line in _run_child(data_dir, f"k{kill}", rng):
            parts = line.split()
            if len(parts) == 3 and parts[0] == "P":  # a line cut by the kill is not an acknowledgement
                acknowledged[parts[1]] = parts[2]

        backend = open_backend(str(data_dir))
        try:
            photos = backend.paths.photos
            with backend.session() as session:
                rows = {p.id.hex: p.sha256 for p in session.scalars(select(Photo))}
        finally:
            backend.close()
        for photo_id, sha in acknowledged.items():
            assert rows.get(photo_id) == sha, f"acknowledged photo {photo_id} lost after kill {kill}"
        for photo_id, sha in rows.items():
            path = photo_path(photos, sha)
            assert path.is_file(), f"row {photo_id} names a missing file after kill {kill}"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"partial file {path}"

    assert len(acknowledged) >= KILLS
    expected = {photo_path(photos, sha) for sha in rows.values()} | {
        thumbnail_path(photos, sha) for sha in rows.values()
    }
    others = [p for p in photos.rglob("*") if p.is_file() and p not in expected]
    assert all(is_temp_file(p) or p.parent.parent.name == "thumbs" or len(p.parent.name) == 2 for p in others)
    assert all(is_temp_file(p) for p in others if not p.name.endswith(".jpg")), others

    done = run_cli(["--data-dir", str(data_dir), "doctor"])
    assert done.returncode == 0, done.stdout + done.stderr
    remove_leftover_temps(photos, older_than_s=0)
    assert leftover_temps(photos) == []
