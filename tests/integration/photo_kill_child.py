"""The child process of test_photo_kill.py: adds photos through `Backend.call(add_photo, ...)` until it is
killed, and prints one line per photo only after the call has returned (file written, row committed).

    python photo_kill_child.py DATA_DIR TAG

Output, one line each, flushed:   P <photo uuid hex> <sha256>
It stops by itself after MAX_SECONDS so that a crashed parent cannot leave it running."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for photo_samples

from photo_samples import camera_jpeg, upright_pattern
from testkit import field_team

from fieldapp.services.backend import open_backend
from fieldapp.services.inspections import start_inspection
from fieldapp.services.photos import add_photo

ACCOUNT_NO = "0531990002"
MAX_SECONDS = 60


def main(argv: list[str]) -> int:
    data_dir, tag = Path(argv[0]), argv[1]
    stop_at = time.monotonic() + MAX_SECONDS
    backend = open_backend(str(data_dir))
    customer_id, team, template_id = field_team(backend, ACCOUNT_NO, "临河县污水处理厂")
    inspection_id = backend.call(start_inspection, customer_id, template_id, team)
    sources = data_dir.parent / f"sources-{tag}"
    sources.mkdir(exist_ok=True)
    rng = random.Random(tag)
    counter = 0
    while time.monotonic() < stop_at:
        counter += 1
        source = camera_jpeg(
            sources / f"{counter}.jpg",
            upright=upright_pattern(rng.randrange(1200, 2600), rng.randrange(900, 1900)),
            orientation=rng.randrange(1, 9),
        )
        view = backend.call(
            add_photo, backend.paths.photos, source, inspection_id=inspection_id, long_side=1024
        )
        sys.stdout.write(f"P {view.id.hex} {view.sha256}\n")
        sys.stdout.flush()
    backend.close()
    return 3  # not killed in time: the parent reports it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
