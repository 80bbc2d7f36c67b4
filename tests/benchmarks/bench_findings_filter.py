"""Findings filter: time from a filter change to its results on the screen, over 100 000 findings, in ms.

In one process (offscreen): the big database (10 000 customers, 50 000 inspections) copied, with 100 000
findings added by bulk inserts (seeded: statuses in the office's mix, deadlines from the inspection day,
some extended, 2 % withdrawn); the main window as the app builds it, 1280x800, on the findings page. Each
filter is what the office does: the filter controls set, then FindingsPage.apply_filter(), which counts
(all and overdue) and resets the lazy model; the clock stops when the first page of rows is on the screen:
the view laid out and its viewport painted (one turn of the event loop; a repaint() if that turn did not
paint), which is when the model reads that page. Filters: the default (not verified), every status, overdue,
a customer name fragment, one inspector, serious hazards of category B, due within 30 days, fix reported.
Each round runs every filter once, in turn; the first round is a warm-up, not counted.

Baseline: the same filter as bare sqlite3 SQL on the same file, the statements the app issues written out
by hand (the two counts and the first page: its ids, then its rows with customer, inspection day and
team), checked once to give the same counts and the same first page as the app shows. Run right after
each app filter, so both see the same machine noise.

Memory: after the timed rounds, tracemalloc follows 30 more rounds of every filter; the growth of traced
memory between round 5 and round 30 (and of the process's RSS, where /proc tells it) goes to stderr: flat
means the pages the model drops and the rows of filters left behind are freed.

value = the p95 of the slowest filter (ms), baseline = that filter's baseline p95; every filter's median and
p95 and its ratio go to stderr. Goal: < 100 ms (the p95 of every filter)."""

from __future__ import annotations

import gc
import os
import random
import shutil
import sqlite3
import time
import tracemalloc
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchlib import BenchmarkError, Context, Result, median, percentile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

GOAL_MS = 100.0
DEFAULT_ROUNDS = 20
MEMORY_ROUNDS = 30
FINDINGS = 100_000
SEED = 20261204
PAGE = 50  # FindingTableModel.PAGE_SIZE, checked below
STATUS_MIX = ["open"] * 10 + ["notified"] * 30 + ["fix_reported"] * 15 + ["verified"] * 40 + ["reopened"] * 5
DESCRIPTIONS = [
    ("A", "配电室电缆沟积水，未设排水设施", "清理积水并加装排水设施"),
    ("A", "配电室门口未装设挡鼠板", "装设高度不低于400毫米的挡鼠板"),
    ("B", "1号主变压器本体渗油，油位偏低", "停电处理渗漏点并补油至正常油位"),
    ("B", "10千伏开关柜五防闭锁被解除", "立即恢复五防闭锁功能"),
    ("C", "主变压器预防性试验超期未做", "委托有资质单位开展预防性试验"),
    ("D", "计量柜封印编号与档案不一致", "配合供电公司重新加封并核对档案"),
    ("F", "自备发电机未装设防反送电闭锁装置", "加装可靠的机械或电气闭锁装置"),
    ("G", "电容器组2号电容器鼓肚", "更换故障电容器"),
    ("I", "值班电工特种作业操作证过期", "组织电工复审取证"),
    ("J", "绝缘手套超过试验周期", "送检绝缘手套等安全工器具"),
    ("K", "供用电合同已过期未续签", "尽快续签供用电合同"),
]


def add_findings(data_dir: Path, count: int = FINDINGS, seed: int = SEED) -> dict[str, Any]:
    """Bulk-insert `count` findings into the database in `data_dir` (Core executemany, in chunks)."""
    from sqlalchemy import insert, select

    from fieldapp.services.backend import open_backend
    from fieldapp.store.models import Finding, Inspection

    rng = random.Random(seed)
    backend = open_backend(str(data_dir))
    try:
        with backend.session() as session:
            inspections = session.execute(
                select(Inspection.id, Inspection.customer_id, Inspection.started_at)
            ).all()
            now = datetime.now(UTC)
            seqs: dict[uuid.UUID, int] = {}
            rows: list[dict[str, Any]] = []
            for _ in range(count):
                inspection_id, customer_id, started_at = inspections[rng.randrange(len(inspections))]
                seq = seqs.get(inspection_id, 0) + 1
                seqs[inspection_id] = seq
                category, description, requirement = rng.choice(DESCRIPTIONS)
                deadline = (
                    None
                    if rng.random() < 0.03
                    else started_at.date() + timedelta(days=rng.choice([7, 15, 30]))
                )
                current = deadline
                if deadline is not None and rng.random() < 0.05:
                    current = deadline + timedelta(days=rng.choice([15, 30, 60]))  # extended when notified
                rows.append(
                    {
                        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                        "inspection_id": inspection_id,
                        "customer_id": customer_id,
                        "item_id": None,
                        "seq": seq,
                        "category": category,
                        "description": description,
                        "severity": "serious" if rng.random() < 0.15 else "general",
                        "basis": "《电力供应与使用条例》",
                        "requirement": requirement,
                        "deadline": deadline,
                        "current_deadline": current,
                        "status": rng.choice(STATUS_MIX),
                        "status_changed_at": now,
                        "source": "checklist",
                        "revision": 1,
                        "modified_at": now,
                        "modified_by": "TBENCH",
                        "deleted": rng.random() < 0.02,
                        "clock": {},
                        "stored_at": now,
                    }
                )
                if len(rows) == 20_000:
                    session.execute(insert(Finding.__table__), rows)
                    rows = []
            if rows:
                session.execute(insert(Finding.__table__), rows)
    finally:
        backend.close()
    return {"findings": count}


@dataclass(frozen=True)
class Choice:
    """One filter as the controls set it."""

    label: str
    status: str = "unverified"
    text: str = ""
    severity: str = ""
    category: str = ""
    inspector: int = 0  # 0: every inspector, else the n-th in the list
    deadline: str = "any"
    days: int = 30


CHOICES = (
    Choice("default (not verified)"),
    Choice("every status", status="all"),
    Choice("overdue", deadline="overdue"),
    Choice("customer name fragment", text="宏达"),
    Choice("one inspector", inspector=1),
    Choice("serious, category B", severity="serious", category="B"),
    Choice("due within 30 days", deadline="due_within", days=30),
    Choice("fix reported", status="fix_reported"),
)


@dataclass
class _Samples:
    app_ms: list[float] = field(default_factory=list)
    bare_ms: list[float] = field(default_factory=list)
    rows: int = 0
    overdue: int = 0


def run(ctx: Context) -> Result:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from fieldapp.gui.app import create_main_window
    from fieldapp.gui.finding_models import FindingTableModel
    from fieldapp.services.backend import open_backend

    if FindingTableModel.PAGE_SIZE != PAGE:
        raise BenchmarkError(
            f"the model reads pages of {FindingTableModel.PAGE_SIZE}, the baseline of {PAGE}"
        )

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    rounds = ctx.reps(DEFAULT_ROUNDS)
    with ctx.tempdir("findings-") as data_dir:
        shutil.copytree(ctx.big_data_dir(), data_dir, dirs_exist_ok=True)
        started = time.perf_counter()
        add_findings(data_dir)
        built_s = time.perf_counter() - started
        backend = open_backend(str(data_dir))
        bare = _Baseline(data_dir / "fieldapp.sqlite3")
        try:
            app = QApplication.instance() or QApplication([])
            window = create_main_window(backend, "zh_CN")
            window.resize(1280, 800)
            window.show()
            window.navigate("findings")
            app.processEvents()
            page = window.workflow.findings
            viewport = page.table.viewport()
            counter = PaintCounter()
            viewport.installEventFilter(counter)
            inspectors = [page.inspector_combo.itemData(i) for i in range(page.inspector_combo.count())]

            def set_controls(choice: Choice) -> None:
                widgets = (
                    page.status_combo,
                    page.search,
                    page.severity_combo,
                    page.category_combo,
                    page.inspector_combo,
                    page.deadline_combo,
                    page.days_spin,
                )
                for widget in widgets:
                    widget.blockSignals(True)
                page.status_combo.setCurrentIndex(page.status_combo.findData(choice.status))
                page.search.setText(choice.text)
                page.severity_combo.setCurrentIndex(page.severity_combo.findData(choice.severity))
                page.category_combo.setCurrentIndex(page.category_combo.findData(choice.category))
                page.inspector_combo.setCurrentIndex(choice.inspector)
                page.deadline_combo.setCurrentIndex(page.deadline_combo.findData(choice.deadline))
                page.days_spin.setValue(choice.days)
                for widget in widgets:
                    widget.blockSignals(False)

            def app_filter(choice: Choice) -> float:
                set_controls(choice)
                painted = counter.paints
                begun = time.perf_counter_ns()
                page.apply_filter()
                app.processEvents()  # the view's delayed layout, and the paint Qt would do at once
                if counter.paints == painted:
                    viewport.repaint()
                return (time.perf_counter_ns() - begun) / 1e6

            today = date.today()
            samples = {choice.label: _Samples() for choice in CHOICES}
            for choice in CHOICES:  # the app shows exactly what the baseline finds
                app_filter(choice)
                inspector = inspectors[choice.inspector]
                counts, first = bare.filter(choice, today, inspector.hex if inspector else None)
                shown = [page.model.row_at(r) for r in range(min(PAGE, page.model.rowCount()))]
                if (page.model.counts.total, page.model.counts.overdue) != counts or [
                    r.finding_id.hex for r in shown if r is not None
                ] != first:
                    raise BenchmarkError(
                        f"{choice.label}: the app shows {page.model.counts} and {len(shown)} rows, "
                        f"sqlite3 finds {counts} and {len(first)}"
                    )
                samples[choice.label].rows = counts[0]
                samples[choice.label].overdue = counts[1]
            for round_no in range(rounds + 1):
                for choice in CHOICES:
                    app_ms = app_filter(choice)
                    inspector = inspectors[choice.inspector]
                    begun = time.perf_counter_ns()
                    bare.filter(choice, today, inspector.hex if inspector else None)
                    bare_ms = (time.perf_counter_ns() - begun) / 1e6
                    if round_no > 0:  # round 0 is the warm-up
                        samples[choice.label].app_ms.append(app_ms)
                        samples[choice.label].bare_ms.append(bare_ms)
            memory = _memory(lambda: [app_filter(choice) for choice in CHOICES])
            window.close()
        finally:
            bare.close()
            backend.close()

    details = [f"findings_filter: 100 000 findings added in {built_s:.1f} s"]
    worst_label = max(samples, key=lambda label: percentile(samples[label].app_ms, 95))
    for choice in CHOICES:
        s = samples[choice.label]
        a50, a95 = median(s.app_ms), percentile(s.app_ms, 95)
        b50, b95 = median(s.bare_ms), percentile(s.bare_ms, 95)
        details.append(
            f"filter {choice.label} ({s.rows} findings, {s.overdue} overdue): app median={a50:.1f} ms "
            f"p95={a95:.1f} ms max={max(s.app_ms):.1f} ms; sqlite3 median={b50:.2f} ms p95={b95:.2f} ms;"
            f" ratio median={a50 / b50:.1f} p95={a95 / b95:.1f}"
        )
    details.append(f"filter slowest (by p95): {worst_label}; {rounds} rounds")
    details.append(memory)
    worst = samples[worst_label]
    value, baseline = percentile(worst.app_ms, 95), percentile(worst.bare_ms, 95)
    return Result(
        value,
        baseline,
        "ms",
        goal=f"< {GOAL_MS:.0f} ms (p95 of every filter)",
        met=value < GOAL_MS,
        details=tuple(details),
    )


def _rss_kb() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _memory(one_round: Callable[[], object]) -> str:
    """Traced memory and RSS over repeated rounds of every filter: their growth from round 5 to the end."""
    gc.collect()
    tracemalloc.start()
    try:
        traced: list[int] = []
        rss: list[int | None] = []
        for _ in range(MEMORY_ROUNDS):
            one_round()
            gc.collect()
            traced.append(tracemalloc.get_traced_memory()[0])
            rss.append(_rss_kb())
    finally:
        tracemalloc.stop()
    grown = (traced[-1] - traced[4]) / 1024
    text = (
        f"memory over {MEMORY_ROUNDS} rounds of every filter: traced {traced[4] / 1024:.0f} KiB after "
        f"round 5, {traced[-1] / 1024:.0f} KiB after round {MEMORY_ROUNDS} ({grown:+.0f} KiB)"
    )
    if rss[4] is not None and rss[-1] is not None:
        first, last = rss[4] / 1024, rss[-1] / 1024
        text += f"; RSS {first:.1f} MiB -> {last:.1f} MiB ({last - first:+.1f} MiB)"
    return text


class _Baseline:
    """The filter as bare sqlite3 statements on the app's database file: the counts (every finding the
    filter finds, less those of inspections under way or void) and the first page (ids in the list's order,
    then their rows, customer, inspection day and team)."""

    STATUSES = ("fix_reported", "notified", "open", "reopened")

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)

    def _where(
        self, choice: Choice, today: date, inspector: str | None, *, few: bool = False
    ) -> tuple[str, list[object]]:
        sql = "f.deleted = 0"
        params: list[object] = []
        if choice.status == "unverified":
            sql += f" AND f.status IN ({','.join('?' * len(self.STATUSES))})"
            params += self.STATUSES
        elif choice.status != "all":
            sql += " AND f.status IN (?)"
            params.append(choice.status)
        if choice.text:
            pattern = "%" + choice.text + "%"
            sql += (
                " AND f.customer_id IN (SELECT id FROM customers WHERE deleted = 0"
                " AND (account_no LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'))"
            )
            params += [pattern, pattern]
        if choice.severity:
            sql += " AND f.severity = ?"
            params.append(choice.severity)
        if choice.category:
            sql += " AND f.category = ?"
            params.append(choice.category)
        if inspector and few:
            sql += (
                " AND EXISTS (SELECT 1 FROM inspection_inspectors t"
                " WHERE t.inspection_id = f.inspection_id AND t.inspector_id = ?)"
            )
            params.append(inspector)
        elif inspector:
            sql += (
                " AND f.inspection_id IN"
                " (SELECT inspection_id FROM inspection_inspectors WHERE inspector_id = ?)"
            )
            params.append(inspector)
        if choice.deadline == "overdue":
            sql += " AND f.current_deadline < ? AND f.status != 'verified'"
            params.append(today.isoformat())
        elif choice.deadline == "due_within":
            sql += " AND f.current_deadline >= ? AND f.current_deadline <= ? AND f.status != 'verified'"
            params += [today.isoformat(), (today + timedelta(days=choice.days)).isoformat()]
        return sql, params

    def filter(self, choice: Choice, today: date, inspector: str | None) -> tuple[tuple[int, int], list[str]]:
        where, params = self._where(choice, today, inspector)
        counts = "SELECT count(*), count(*) FILTER (WHERE f.current_deadline < ? AND f.status != 'verified')"
        skipped = "SELECT id FROM inspections WHERE status IN ('in_progress', 'voided')"
        total, overdue = self.conn.execute(
            f"{counts} FROM findings f WHERE {where}", [today.isoformat(), *params]
        ).fetchone()
        few, few_params = self._where(choice, today, inspector, few=True)
        left, left_overdue = self.conn.execute(
            f"{counts} FROM ({skipped} LIMIT -1 OFFSET 0) AS i JOIN findings f ON f.inspection_id = i.id"
            f" WHERE {few}",
            [today.isoformat(), *few_params],
        ).fetchone()
        ids = [
            row[0]
            for row in self.conn.execute(
                f"SELECT f.id FROM findings f WHERE {where} AND f.inspection_id NOT IN ({skipped})"
                f" ORDER BY f.current_deadline NULLS LAST, f.id LIMIT {PAGE}",
                params,
            )
        ]
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT f.id, f.customer_id, c.name, c.account_no, f.inspection_id, i.started_at, f.seq,"
            " f.category, f.description, f.severity, f.status, f.current_deadline FROM findings f"
            " JOIN customers c ON c.id = f.customer_id JOIN inspections i ON i.id = f.inspection_id"
            f" WHERE f.id IN ({marks})",
            ids,
        ).fetchall()
        teams = {row[4] for row in rows}
        self.conn.execute(
            "SELECT t.inspection_id, p.name FROM inspection_inspectors t"
            " JOIN inspectors p ON p.id = t.inspector_id"
            f" WHERE t.inspection_id IN ({','.join('?' * len(teams))}) AND t.deleted = 0"
            " ORDER BY t.inspection_id, t.position",
            list(teams),
        ).fetchall()
        return (total - left, (overdue or 0) - (left_overdue or 0)), ids

    def close(self) -> None:
        self.conn.close()
