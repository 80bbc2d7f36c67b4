"""Customer search: time from a search to its results on the screen, over 10 000 customers, in ms.

In one process (offscreen): the backend on the big database (10 000 customers) and the main window as the
app builds it, 1280x800, on the customer list. Each search is what the app does when the inspector stops
typing or presses Enter: set the search box's text and call CustomersPage.apply_search(); the clock stops
when the results are on the screen: the model reset, the view laid out (one turn of the event loop) and its
viewport painted (an event filter on the viewport sees the paint; if that turn did not paint it, a
repaint() does). Queries: an account-number prefix, a Chinese name fragment, an address fragment, a query
that matches nothing, one that matches every customer, and the empty search (the box cleared: everyone).
Each round runs every query once, in turn, so each search really changes the results; the first round is
a warm-up, not counted.

Baseline: the same search as a bare sqlite3 query on the same file (the LIKE conditions of
search_customer_ids, every word on account number, name or address, ordered by account number), fetching
the ids as stored (hex text); checked once to be exactly the ids the app shows. Run right after each app
search, so both see the same machine noise.

value = the p95 of the slowest query (ms), baseline = that query's baseline p95; every query's median and
p95 and its ratio go to stderr. Goal: < 50 ms (the p95 of every query)."""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import BenchmarkError, Context, Result, median, percentile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

GOAL_MS = 50.0
DEFAULT_ROUNDS = 30
QUERIES = (
    ("account-number prefix", "05310012"),
    ("Chinese name fragment", "宏达"),
    ("address fragment", "黄河大街"),
    ("matches nothing", "不存在的客户"),
    ("matches everyone", "0531"),
    ("empty (box cleared)", ""),
)


@dataclass
class _Samples:
    app_ms: list[float] = field(default_factory=list)
    bare_ms: list[float] = field(default_factory=list)
    rows: int = 0


def run(ctx: Context) -> Result:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from fieldapp.gui.app import create_main_window
    from fieldapp.services.backend import open_backend

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    data_dir = ctx.big_data_dir()
    rounds = ctx.reps(DEFAULT_ROUNDS)
    backend = open_backend(str(data_dir))
    bare = _Baseline(data_dir / "fieldapp.sqlite3")
    try:
        app = QApplication.instance() or QApplication([])
        window = create_main_window(backend, "zh_CN")
        window.resize(1280, 800)
        window.show()
        window.navigate("customers")
        app.processEvents()
        page = window.customers_page
        viewport = page.table.viewport()
        counter = PaintCounter()
        viewport.installEventFilter(counter)

        def app_search(text: str) -> float:
            painted = counter.paints
            started = time.perf_counter_ns()
            page.search.setText(text)
            page.apply_search()
            app.processEvents()  # the view's delayed layout, and the paint Qt would do at once
            if counter.paints == painted:
                viewport.repaint()
            return (time.perf_counter_ns() - started) / 1e6

        samples = {label: _Samples() for label, _ in QUERIES}
        for label, text in QUERIES:  # the app shows exactly what the baseline finds
            app_search(text)
            shown = [page.model.customer_id(r) for r in range(page.model.rowCount())]
            found = [uuid.UUID(hex=raw) for raw in bare.search(text)]
            if shown != found:
                raise BenchmarkError(
                    f"{label} ({text!r}): the app shows {len(shown)} ids, sqlite3 finds {len(found)}"
                )
            samples[label].rows = len(shown)
        for round_no in range(rounds + 1):
            for label, text in QUERIES:
                app_ms = app_search(text)
                started = time.perf_counter_ns()
                bare.search(text)
                bare_ms = (time.perf_counter_ns() - started) / 1e6
                if round_no > 0:  # round 0 is the warm-up
                    samples[label].app_ms.append(app_ms)
                    samples[label].bare_ms.append(bare_ms)
        window.close()
    finally:
        bare.close()
        backend.close()

    details = []
    worst_label = max(samples, key=lambda label: percentile(samples[label].app_ms, 95))
    for label, text in QUERIES:
        s = samples[label]
        a50, a95 = median(s.app_ms), percentile(s.app_ms, 95)
        b50, b95 = median(s.bare_ms), percentile(s.bare_ms, 95)
        details.append(
            f"search {label} {text!r} ({s.rows} rows): app median={a50:.1f} ms p95={a95:.1f} ms"
            f" max={max(s.app_ms):.1f} ms; sqlite3 median={b50:.2f} ms p95={b95:.2f} ms;"
            f" ratio median={a50 / b50:.1f} p95={a95 / b95:.1f}"
        )
    details.append(f"search slowest query (by p95): {worst_label}; {rounds} rounds")
    worst = samples[worst_label]
    value, baseline = percentile(worst.app_ms, 95), percentile(worst.bare_ms, 95)
    return Result(
        value,
        baseline,
        "ms",
        goal=f"< {GOAL_MS:.0f} ms (p95 of every query)",
        met=value < GOAL_MS,
        details=tuple(details),
    )


class _Baseline:
    """The search as one bare sqlite3 query on the app's database file."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)

    def search(self, text: str) -> list[str]:
        """The ids as stored (32 hex digits): what the query costs, without making Python objects of them."""
        sql = "SELECT id FROM customers WHERE deleted = 0"
        params: list[str] = []
        for word in text.split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sql += (
                " AND (account_no LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'"
                " OR address LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        return [row[0] for row in self.conn.execute(sql + " ORDER BY account_no", params)]

    def close(self) -> None:
        self.conn.close()
