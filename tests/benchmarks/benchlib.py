"""What every benchmark shares: the result it returns, the run context it is given (temp dirs, the big
database built once per run, repetition count, logging to stderr) and small statistics helpers.

A benchmark is a module `bench_<name>.py` in this folder with a function `run(ctx: Context) -> Result`;
run.py finds it by its file name. The baseline is measured by the benchmark itself, in the same run, so the
ratio value/baseline stays meaningful on a shared, noisy machine."""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent


class BenchmarkError(RuntimeError):
    """A benchmark could not measure (a child process failed, a contract is missing...)."""


@dataclass(frozen=True)
class Result:
    """What a benchmark measured. `value` and `baseline` are in `unit`; `goal` says in words what passing
    means and `met` whether this run met it (None: no goal). `details` are extra lines for stderr."""

    value: float
    baseline: float
    unit: str
    goal: str = ""
    met: bool | None = None
    details: tuple[str, ...] = field(default=())

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline > 0 else math.inf

    def line(self, name: str) -> str:
        value, baseline = _num(self.value), _num(self.baseline)
        return f"{name} ratio={self.ratio:.3f} value={value} unit={self.unit} baseline={baseline}"


def _num(value: float) -> str:
    return f"{value:.6g}"


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (p99 of 500 samples is the 495th smallest): a value that was actually
    observed, no interpolation."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


class Context:
    """Given to every benchmark of one run. Temp dirs live under one run root that is removed at the end
    of the run (and each benchmark's own dirs as soon as it is done with them)."""

    def __init__(self, base_tmp: Path | None = None, reps: int | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="fieldapp-bench-", dir=base_tmp))
        self.reps_override = reps
        self._big: Path | None = None

    def reps(self, default: int) -> int:
        return self.reps_override or default

    @contextmanager
    def tempdir(self, prefix: str) -> Iterator[Path]:
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=self.root))
        try:
            yield path
        finally:
            remove_tree(path)

    def big_data_dir(self) -> Path:
        """A data dir holding the big database (10 000 customers, 50 000 inspections), built on first use
        and shared by the benchmarks of this run. Treat it as read-only."""
        if self._big is None:
            from bigdb import build_big_database

            path = Path(tempfile.mkdtemp(prefix="big-", dir=self.root))
            started = time.perf_counter()
            counts = build_big_database(path)
            log(f"[big database] {counts} built in {time.perf_counter() - started:.1f} s at {path}")
            self._big = path
        return self._big

    def close(self) -> None:
        remove_tree(self.root)


def remove_tree(path: Path) -> None:
    # A child killed on Windows may hold a file open for a moment; retry before giving up quietly.
    for attempt in range(5):
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            if attempt == 4:
                log(f"warning: could not remove {path}")
                return
            time.sleep(0.2)


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured child: offscreen Qt, no inherited fieldapp data dir or database URL,
    and bytecode caching on. An installed app runs from compiled bytecode (pip compiles on install, a
    frozen build ships it); a shell that sets PYTHONDONTWRITEBYTECODE would otherwise make every measured
    start recompile the app's own modules from source, which no user ever waits for."""
    dropped = ("FIELDAPP_DATA_DIR", "FIELDAPP_DB", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra or {})
    return env


def time_process(argv: Sequence[str], env: Mapping[str, str], *, timeout: float = 120.0) -> float:
    """Wall time in seconds of one whole child process, from spawn to exit. Raises if it fails."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(argv),
            env=dict(env),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"{' '.join(argv)} did not exit within {timeout:.0f} s") from exc
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BenchmarkError(
            f"{' '.join(argv)} exited with {done.returncode}\n--- stderr ---\n{done.stderr[-4000:]}"
        )
    return elapsed
