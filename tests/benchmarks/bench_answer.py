"""Answer latency: p99 of Backend.call(record_answer, ...) to a committed row, in ms.

This is the path a tap in the inspection page takes: one session per call, SQLite in a temp data dir,
WAL + synchronous=FULL as store.engine configures it. 1000 calls cycling over the built-in template's
items, alternating verdicts, a number for number items, a distinct note each time; half of them first
answers (INSERT), half replacing one (UPDATE); one pass over the items first as warm-up, not counted (it
compiles and caches the SQL). value = p99 in ms (the 10th worst of 1000: steadier than of 500).

Baseline: a bare sqlite3 INSERT of a similar row + COMMIT into another database file in the same directory
(WAL, synchronous=FULL), p99 too. App calls and baseline inserts are interleaved, one each, so both see the
same machine noise and the same disk. p50 of both goes to stderr. Goal: answer p99 < 5 ms."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from benchlib import Context, Result, percentile
from sqlalchemy import select

from fieldapp.domain.enums import AnswerKind, ImportanceGrade, InspectorGrade, MeteringClass, Tariff, Verdict
from fieldapp.domain.enums import VoltageLevel as V
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.customers import CustomerFields, create_customer
from fieldapp.services.demo import DEMO_TEMPLATE
from fieldapp.services.inspections import record_answer, start_inspection
from fieldapp.services.inspectors import create_inspector
from fieldapp.services.templates import latest_template_id
from fieldapp.store.models import ChecklistItem

GOAL_P99_MS = 5.0
DEFAULT_CALLS = 1000


def run(ctx: Context) -> Result:
    calls = ctx.reps(DEFAULT_CALLS)
    with ctx.tempdir("answer-") as folder:
        backend = open_backend(str(folder / "data"))
        try:
            baseline = _Baseline(folder / "data" / "baseline.sqlite3")
            try:
                app_ms, bare_ms = _measure(backend, baseline, calls)
            finally:
                baseline.close()
        finally:
            backend.close()

    p99, p50 = percentile(app_ms, 99), percentile(app_ms, 50)
    b99, b50 = percentile(bare_ms, 99), percentile(bare_ms, 50)
    details = (
        f"answer p50={p50:.3f} ms p99={p99:.3f} ms max={max(app_ms):.3f} ms ({calls} calls)",
        f"answer baseline (sqlite3 INSERT+COMMIT) p50={b50:.3f} ms p99={b99:.3f} ms"
        f" max={max(bare_ms):.3f} ms",
        f"answer p50 ratio={p50 / b50:.3f}",
    )
    return Result(p99, b99, "ms", goal=f"p99 < {GOAL_P99_MS} ms", met=p99 < GOAL_P99_MS, details=details)


def _measure(backend: Backend, baseline: _Baseline, calls: int) -> tuple[list[float], list[float]]:
    """Latencies in ms of `calls` answers and as many baseline inserts, interleaved, after a warm-up.
    Every other pass over the items starts a new inspection (not timed), so half the answers are first
    answers (an INSERT) and half replace one (an UPDATE), as when an inspector corrects a tap."""
    start, items = _setup(backend)
    app_ms: list[float] = []
    bare_ms: list[float] = []
    inspection_id = start()
    for n in range(len(items) + calls):
        cycle, position = divmod(n, len(items))
        if position == 0 and cycle % 2 == 0 and cycle > 0:
            inspection_id = start()
        code, kind = items[position]
        verdict = Verdict.OK if n % 2 == 0 else Verdict.DEFECT
        kwargs: dict[str, object] = {"note": f"第{n}次 note {n}"}
        if kind is AnswerKind.NUMBER:
            kwargs["number"] = Decimal(n % 999 + 1) / 1000  # within every item's constraint (0 < pf <= 1 ...)
        else:
            kwargs["verdict"] = verdict
        started = time.perf_counter_ns()
        backend.call(record_answer, inspection_id, code, **kwargs)  # type: ignore[arg-type]
        app = time.perf_counter_ns() - started
        bare = baseline.insert(inspection_id, code, verdict.value, str(kwargs["note"]))
        if cycle > 0:  # the first pass over the items is the warm-up
            app_ms.append(app / 1e6)
            bare_ms.append(bare / 1e6)
    return app_ms, bare_ms


def _setup(backend: Backend) -> tuple[Callable[[], uuid.UUID], list[tuple[str, AnswerKind]]]:
    """A customer and a team; returns a function that starts an inspection, and the template's items."""
    customer_id = backend.call(
        create_customer,
        CustomerFields(
            account_no="0531000001",
            name="临河县人民医院",
            supply_voltage=V.KV_10,
            contract_capacity_kva=Decimal(2500),
            tariff=Tariff.TWO_PART,
            metering_class=MeteringClass.II,
            importance=ImportanceGrade.FIRST,
            address="临河县人民路18号",
        ),
    )
    team = [
        backend.call(create_inspector, "YJ001", "王建国", "用检证 鲁0315001", InspectorGrade.GRADE_1),
        backend.call(create_inspector, "YJ002", "李秀英", "用检证 鲁0315002", InspectorGrade.GRADE_1),
    ]
    template_id = backend.call(latest_template_id, DEMO_TEMPLATE)
    with backend.session() as session:
        items = [
            (code, kind)
            for code, kind in session.execute(
                select(ChecklistItem.code, ChecklistItem.answer_kind)
                .where(ChecklistItem.template_id == template_id)
                .order_by(ChecklistItem.position)
            )
        ]
    return lambda: backend.call(start_inspection, customer_id, template_id, team), items


class _Baseline:
    """A bare sqlite3 connection writing an answer-like row per commit."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(
            "CREATE TABLE answers (id CHAR(32) PRIMARY KEY, inspection_id CHAR(32) NOT NULL,"
            " item_code TEXT NOT NULL, verdict TEXT, note TEXT NOT NULL, answered_at DATETIME NOT NULL,"
            " revision INTEGER NOT NULL,"
            " modified_at DATETIME NOT NULL, modified_by TEXT NOT NULL, deleted BOOLEAN NOT NULL)"
        )

    def insert(self, inspection_id: uuid.UUID, item_code: str, verdict: str, note: str) -> int:
        started = time.perf_counter_ns()
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, 1, ?, 'BENCH', 0)",
            (uuid.uuid4().hex, inspection_id.hex, item_code, verdict, note, now, now),
        )
        self.conn.execute("COMMIT")
        return time.perf_counter_ns() - started

    def close(self) -> None:
        self.conn.close()
