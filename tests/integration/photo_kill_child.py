"""The child process of test_photo_kill.py: adds photos through `Backend.call(add_photo, ...)` until it is
killed, and prints one line per photo only after the call has returned (file written, row committed).

    python photo_kill_child.py DATA_DIR TAG

Output, one line each, flushed:   P <photo uuid hex> <sha256>
It stops by itself after MAX_SECONDS so that a crashed parent cannot leave it running."""

from __future__ import annotations

import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for photo_samples

from photo_samples import camera_jpeg, upright_pattern

from fieldapp.domain.enums import ImportanceGrade, InspectorGrade, MeteringClass, Tariff
from fieldapp.domain.enums import VoltageLevel as V
from fieldapp.services.backend import open_backend
from fieldapp.services.customers import CustomerFields, create_customer, search_customer_ids
from fieldapp.services.demo import DEMO_TEMPLATE
from fieldapp.services.inspections import start_inspection
from fieldapp.services.inspectors import create_inspector, list_inspectors
from fieldapp.services.photos import add_photo
from fieldapp.services.templates import latest_template_id

ACCOUNT_NO = "0531990002"
MAX_SECONDS = 60


def main(argv: list[str]) -> int:
    data_dir, tag = Path(argv[0]), argv[1]
    stop_at = time.monotonic() + MAX_SECONDS
    backend = open_backend(str(data_dir))
    found = backend.call(search_customer_ids, ACCOUNT_NO)
    customer_id = (
        found[0]
        if found
        else backend.call(
            create_customer,
            CustomerFields(
                account_no=ACCOUNT_NO,
                name="临河县污水处理厂",
                supply_voltage=V.KV_10,
                contract_capacity_kva=Decimal(800),
                tariff=Tariff.TWO_PART,
                metering_class=MeteringClass.III,
                importance=ImportanceGrade.SECOND,
                address="临河县滨河路18号",
            ),
        )
    )
    team = [i.id for i in backend.call(list_inspectors)][:2]
    for staff_no, name in (("YJ901", "王建国"), ("YJ902", "李秀英"))[len(team) :]:
        team.append(
            backend.call(create_inspector, staff_no, name, f"用检证 鲁{staff_no}", InspectorGrade.GRADE_1)
        )
    template_id = backend.call(latest_template_id, DEMO_TEMPLATE)
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
