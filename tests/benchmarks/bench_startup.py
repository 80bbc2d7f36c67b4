"""Start-up: median time to the first paint of fieldapp's full main window, against a bare PySide6 window.

`python -m fieldapp --data-dir DIR` on the big database (10 000 customers, 50 000 inspections) paints its
whole main window first (the navigation rail with every page's button, the page frame, a "Loading…"
placeholder in the first page), then opens the database and builds the real pages. With
FIELDAPP_STARTUP_PROBE naming a file, the app writes there the time.perf_counter() of its first paint and of
the moment the real pages are attached, painted and the event loop idle ("data"), and quits. time.perf_counter
is a system-wide clock (CLOCK_MONOTONIC on Linux, QueryPerformanceCounter on Windows), so subtracting the
time this process started the child gives each milestone from spawn, interpreter start-up included.

Baseline: a bare PySide6 process showing an empty QMainWindow of the same size (startup_bare.py), to its
first paint, probed the same way. value = the app's first paint; the goal is ratio <= 2.0. The time to data
against the same baseline is the second figure, on stderr, with whole-process wall times (spawn to exit:
what this benchmark measured before the window painted first) and the floor (startup_floor.py: the bare
window painted after importing the ORM models, which is where painting after opening storage would start).

All offscreen; one warm-up of each, not counted (compiles .pyc, fills the OS file cache: a warm start, not
the first after boot); then repetitions interleaved, in alternating order, and the median of each. A start
that has not reached its data after LIMIT_S is stopped and said so: its first paint still counts."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import HERE, REPO_ROOT, BenchmarkError, Context, Result, child_env, median

GOAL_RATIO = 2.0
DEFAULT_REPS = 9
PROBE_ENV = "FIELDAPP_STARTUP_PROBE"
# A start still running after this long is stopped: its first paint still counts, its time to data is
# reported as not reached. The shorter limit applies once the warm-up has shown the data takes longer, so
# a slow page costs the run minutes, not hours.
LIMIT_S = 60.0
LIMIT_AFTER_SLOW_WARM_UP_S = 10.0


@dataclass
class _Series:
    """One kind of process: how to start it, and what each of its runs measured (seconds from spawn)."""

    argv: Sequence[str]
    env: Mapping[str, str]
    marks: dict[str, list[float]] = field(default_factory=dict)
    runs: int = 0
    stopped: int = 0  # runs stopped at the limit

    def run(self, probe: Path, limit: float) -> None:
        probe.unlink(missing_ok=True)
        started = time.perf_counter()
        child = subprocess.Popen(
            list(self.argv),
            env={**self.env, PROBE_ENV: str(probe)},
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _, stderr = child.communicate(timeout=limit)
            wall: float | None = time.perf_counter() - started
            if child.returncode != 0:
                raise BenchmarkError(
                    f"{' '.join(self.argv)} exited with {child.returncode}\n--- stderr ---\n{stderr[-4000:]}"
                )
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            wall = None
        ended = time.perf_counter() - started
        try:
            stamps = json.loads(probe.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BenchmarkError(f"{' '.join(self.argv)} wrote no start-up probe: {exc}") from exc
        measured = {name: stamp - started for name, stamp in stamps.items()}
        for name, seconds in measured.items():
            if not 0 < seconds <= ended:  # a clock that is not shared between processes would show here
                raise BenchmarkError(f"{name} at {seconds:.3f} s is outside the process (0..{ended:.3f} s)")
        if wall is not None:
            measured["exit"] = wall
        self.runs += 1
        self.stopped += wall is None
        for name, seconds in measured.items():
            self.marks.setdefault(name, []).append(seconds)

    def median(self, name: str) -> float:
        return median(self.marks[name])

    def reached_all(self, name: str) -> bool:
        return len(self.marks.get(name, [])) == self.runs


def run(ctx: Context) -> Result:
    data_dir = ctx.big_data_dir()
    env = child_env()
    app = _Series([sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir)], env)
    bare = _Series([sys.executable, str(HERE / "startup_bare.py")], env)
    floor = _Series([sys.executable, str(HERE / "startup_floor.py")], env)

    with ctx.tempdir("startup-") as folder:
        probe = folder / "probe.json"
        warm_up = {id(s): _Series(s.argv, s.env) for s in (bare, floor, app)}
        for series in warm_up.values():
            series.run(probe, LIMIT_S)
        app_limit = LIMIT_S if warm_up[id(app)].stopped == 0 else LIMIT_AFTER_SLOW_WARM_UP_S
        for rep in range(ctx.reps(DEFAULT_REPS)):
            order = [bare, floor, app]
            if rep % 2:
                order.reverse()
            for series in order:
                series.run(probe, app_limit if series is app else LIMIT_S)

    paint, bare_paint = app.median("first_paint"), bare.median("first_paint")
    if app.reached_all("data_idle"):
        data = app.median("data_idle")
        data_line = (
            f"startup app time to data (pages attached, painted, idle) s: median={data:.3f}"
            f" ratio={data / bare_paint:.2f} (against the bare first paint)"
            f" all={_fmt(app.marks['data_idle'])}"
        )
        exit_line = (
            f"startup whole process (spawn to exit) s: app median={app.median('exit'):.3f}"
            f" bare median={bare.median('exit'):.3f} ratio={app.median('exit') / bare.median('exit'):.2f}"
        )
    else:
        warm = f"stopped after {LIMIT_S:.0f} s" if warm_up[id(app)].stopped else "reached"
        data_line = (
            f"startup app time to data (pages attached, painted, idle): NOT REACHED in {app.stopped} of"
            f" {app.runs} runs, stopped after {app_limit:.0f} s (the warm-up: {warm})"
        )
        exit_line = "startup whole process (spawn to exit): not measured, the app was stopped"
    details = (
        f"startup app first paint s: median={paint:.3f} min={min(app.marks['first_paint']):.3f}"
        f" all={_fmt(app.marks['first_paint'])}",
        f"startup bare first paint s: median={bare_paint:.3f} min={min(bare.marks['first_paint']):.3f}"
        f" all={_fmt(bare.marks['first_paint'])}",
        data_line,
        exit_line,
        f"startup floor first paint s (bare window after importing the ORM models):"
        f" median={floor.median('first_paint'):.3f} ratio={floor.median('first_paint') / bare_paint:.2f}",
    )
    ratio = paint / bare_paint
    return Result(
        paint, bare_paint, "s", goal=f"ratio <= {GOAL_RATIO}", met=ratio <= GOAL_RATIO, details=details
    )


def _fmt(times: list[float]) -> str:
    return ",".join(f"{t:.3f}" for t in times)
