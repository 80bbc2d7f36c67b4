"""The child process of test_durability.py: records answers until it is killed, and acknowledges each one
on stdout only after `Backend.call(record_answer, ...)` has returned, i.e. after the app says it is saved.

    python durability_child.py DATA_DIR TAG [--ack-before-commit]

It opens the app's backend on DATA_DIR (creating the database on the first run, continuing it after a
kill), finds or creates its customer and two inspectors, then starts inspection after inspection and
answers every item of each once, so every acknowledged answer is a distinct (inspection, item) pair that
the parent can check on its own. Output, one line each, flushed:

    # journal_mode=wal synchronous=2            the pragmas of the app's own connection, once
    A <inspection uuid hex> <item code> <note> <verdict or number>     per committed answer

--ack-before-commit prints the line inside the session, before the commit: a deliberately broken child
that lets anyone check that the test catches unacknowledged-but-lost answers (it should fail with it).
The child stops by itself after MAX_SECONDS so that a crashed parent cannot leave it running."""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for testkit

from testkit import field_team

from fieldapp.domain.enums import AnswerKind, Verdict
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.inspections import record_answer, start_inspection
from fieldapp.store.models import ChecklistItem

ACCOUNT_NO = "0531990001"
MAX_SECONDS = 120


def _ack(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _setup(backend: Backend) -> tuple:  # type: ignore[type-arg]
    customer_id, team, template_id = field_team(backend, ACCOUNT_NO, "临河县自来水公司第一水厂")
    with backend.session() as session:
        items = session.execute(
            select(ChecklistItem.code, ChecklistItem.answer_kind)
            .where(ChecklistItem.template_id == template_id)
            .order_by(ChecklistItem.position)
        ).all()
        journal_mode = session.execute(text("PRAGMA journal_mode")).scalar()
        synchronous = session.execute(text("PRAGMA synchronous")).scalar()
    _ack(f"# journal_mode={journal_mode} synchronous={synchronous}")
    return customer_id, team, template_id, items


def main(argv: list[str]) -> int:
    data_dir, tag = Path(argv[0]), argv[1]
    ack_before_commit = "--ack-before-commit" in argv[2:]
    stop_at = time.monotonic() + MAX_SECONDS
    backend = open_backend(str(data_dir))
    customer_id, team, template_id, items = _setup(backend)
    counter = 0
    while time.monotonic() < stop_at:
        inspection_id = backend.call(start_inspection, customer_id, template_id, team)
        for code, kind in items:
            counter += 1
            note = f"{tag}-{counter}"
            if kind is AnswerKind.NUMBER:
                # Within every number item's constraint (a power factor is at most 1, say), yet distinct.
                number = Decimal(counter % 999 + 1) / 1000
                value, kwargs = format(number.normalize(), "f"), {"number": number}
            else:
                verdict = Verdict.DEFECT if counter % 3 == 0 else Verdict.OK
                value, kwargs = verdict.value, {"verdict": verdict}
            line = f"A {inspection_id.hex} {code} {note} {value}"
            if ack_before_commit:
                with backend.session() as session:
                    record_answer(session, inspection_id, code, note=note, **kwargs)  # type: ignore[arg-type]
                    _ack(line)
            else:
                backend.call(record_answer, inspection_id, code, note=note, **kwargs)  # type: ignore[arg-type]
                _ack(line)
    backend.close()
    return 3  # not killed in time: the parent reports it


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
