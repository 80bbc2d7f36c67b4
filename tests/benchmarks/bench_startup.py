"""Start-up: median wall time of fieldapp opening on a big database, against a bare PySide6 process.

Wall time of a whole `python -m fieldapp --data-dir DIR` process on the big database (10 000
customers, 50 000 inspections) until the main window is shown and the event loop is idle
(FIELDAPP_QUIT_WHEN_IDLE=1), against a bare PySide6 process that shows an empty QMainWindow and waits for
idle (startup_bare.py). Both offscreen; one warm-up each, not counted (compiles .pyc, fills the OS file
cache: this is a warm start, not the first start after boot); then repetitions interleaved, in alternating
order, and the median of each. Goal: ratio <= 2.0."""

from __future__ import annotations

import sys

from benchlib import HERE, Context, Result, child_env, median, time_process

GOAL_RATIO = 2.0
DEFAULT_REPS = 9


def run(ctx: Context) -> Result:
    data_dir = ctx.big_data_dir()
    app_argv = [sys.executable, "-m", "fieldapp", "--data-dir", str(data_dir)]
    bare_argv = [sys.executable, str(HERE / "startup_bare.py")]
    floor_argv = [sys.executable, str(HERE / "startup_floor.py")]
    app_env = child_env({"FIELDAPP_QUIT_WHEN_IDLE": "1"})
    bare_env = child_env()

    time_process(bare_argv, bare_env)
    time_process(floor_argv, bare_env)
    time_process(app_argv, app_env)
    app_times: list[float] = []
    bare_times: list[float] = []
    floor_times: list[float] = []
    for rep in range(ctx.reps(DEFAULT_REPS)):
        order = [
            (bare_argv, bare_env, bare_times),
            (floor_argv, bare_env, floor_times),
            (app_argv, app_env, app_times),
        ]
        if rep % 2:
            order.reverse()
        for argv, env, times in order:
            times.append(time_process(argv, env))

    app, bare = median(app_times), median(bare_times)
    details = (
        f"startup app  s: median={app:.3f} min={min(app_times):.3f} all={_fmt(app_times)}",
        f"startup bare s: median={bare:.3f} min={min(bare_times):.3f} all={_fmt(bare_times)}",
        f"startup floor s (bare window after importing the ORM models): median={median(floor_times):.3f} "
        f"ratio={median(floor_times) / bare:.2f}",
    )
    ratio = app / bare
    return Result(app, bare, "s", goal=f"ratio <= {GOAL_RATIO}", met=ratio <= GOAL_RATIO, details=details)


def _fmt(times: list[float]) -> str:
    return ",".join(f"{t:.3f}" for t in times)
