"""Run fieldapp's benchmarks (on demand; the normal pytest run ignores this folder).

Usage:
    python tests/benchmarks/run.py [NAME ...] [--reps N] [--tmp DIR] [--list]

    NAME       benchmarks to run, in the order given; all of them (alphabetical) when none is named
    --reps N   repetitions, instead of each benchmark's default (startup: 9 process triples, search: 30
               rounds of every query, answer: 1000 calls)
    --tmp DIR  where the temp dirs go (default: the system temp dir). Choose a folder on the disk the app
               really uses: on a tmpfs fsync costs nothing and the `answer` figures mean little.
    --list     print the names and first docstring line of the benchmarks, and exit

Output: exactly one line per benchmark on stdout, as soon as it is done:

    NAME ratio=R value=V unit=U baseline=B

where R = V / B and the baseline B is measured in the same run, by the same benchmark, interleaved with
the measured value (machines are shared and noisy, so only the ratio compares across runs). Everything
else goes to stderr: progress, per-benchmark detail lines and whether the benchmark's goal was met.

    startup  value = median time (s) from spawning `python -m fieldapp --data-dir DIR` on a database of
             10 000 customers and 50 000 inspections to the first paint of its full main window (rail with
             every page's button, page frame, "Loading…" placeholder), reported by the app itself
             (FIELDAPP_STARTUP_PROBE); baseline = the same for a bare PySide6 process showing an empty
             QMainWindow. Goal: ratio <= 2.0. On stderr: the time to data (real pages attached, painted,
             idle) against the same baseline, whole-process wall times, and the floor.
    search   value = p95 (ms) of the slowest of six customer searches over the 10 000 customers, from
             setting the search text to the results painted in the real customer list (offscreen);
             baseline = the p95 of the same search as a bare sqlite3 query. Every query's median and p95
             on stderr. Goal: < 50 ms.
    answer   value = p99 latency (ms) of Backend.call(record_answer, ...) to a committed row; baseline = p99
             of a bare sqlite3 INSERT + COMMIT (WAL, synchronous=FULL) in the same directory. The p50 of
             both is on stderr ("answer p50=..."). Goal: answer p99 < 5 ms.
    findings_filter  value = p95 (ms) of the slowest of eight filters of the findings page over 100 000
             findings (added to the big database), from a filter change to its counts and first page of
             rows painted; baseline = the p95 of the same filter as bare sqlite3 statements. Every filter's
             median and p95, and the memory over 30 more rounds (tracemalloc, RSS), on stderr. Goal: < 100 ms.

Exit status: 0 when every benchmark ran (a missed goal is reported on stderr, not in the status), 1 when
one crashed (its traceback is on stderr; the others still run), 2 for an unknown name.

    export   value = export_bundle (full) of a database of 10 000 customers, 20 000 inspections and 200 000
             answers, in s; baseline = openpyxl write-only writing the same rows. Goal: ratio <= 1.3, peak
             memory < 250 MB. On stderr: an incremental export of one new inspection, big vs empty database.
    import   value = import_file of that bundle into an empty database, in s; baseline = openpyxl read-only
             iterating its data.xlsx. Goal: ratio <= 1.5 (and the re-import, on stderr), peak < 250 MB.

Adding a benchmark: create tests/benchmarks/bench_<name>.py with a docstring and a function
`run(ctx: benchlib.Context) -> benchlib.Result`. Measure its baseline in the same run; use ctx.tempdir()
for scratch space, ctx.big_data_dir() for the shared big database (built once per run), ctx.reps(default)
for the repetition count. run.py finds it by its file name. Benchmarks that share their setup may live in
one module instead: a top-level `BENCHMARKS = {"name": function, ...}` literal there names them (read from
the source, see bench_sync.py), each function documented like `run`."""

from __future__ import annotations

import argparse
import ast
import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the benchmark modules import each other by bare name
    sys.path.insert(0, str(HERE))

from collections.abc import Callable  # noqa: E402

from benchlib import Context, Result, log  # noqa: E402 (after the sys.path line above)

PREFIX = "bench_"


def discover() -> dict[str, str]:
    """Benchmark name -> module name, for every bench_<name>.py beside this file (or, for a module with a
    BENCHMARKS literal, for every name in it)."""
    found: dict[str, str] = {}
    for path in sorted(HERE.glob(f"{PREFIX}*.py")):
        names = _declared(path)
        found.update({name: path.stem for name in names} if names else {path.stem[len(PREFIX) :]: path.stem})
    return dict(sorted(found.items()))


def _declared(path: Path) -> list[str]:
    """The keys of a top-level `BENCHMARKS = {...}` literal, read without importing the module."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "BENCHMARKS" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            return [
                k.value for k in node.value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
            ]
    return []


def _function(name: str, module_name: str) -> Callable[[Context], Result]:
    module = importlib.import_module(module_name)
    declared: dict[str, Callable[[Context], Result]] | None = getattr(module, "BENCHMARKS", None)
    return declared[name] if declared is not None else module.run  # type: ignore[no-any-return]


def _summary(name: str, module_name: str) -> str:
    try:
        doc = _function(name, module_name).__doc__ or importlib.import_module(module_name).__doc__ or ""
    except Exception as exc:  # a broken module should not hide the others from --list
        return f"(cannot import: {exc})"
    return doc.strip().splitlines()[0] if doc.strip() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run fieldapp's benchmarks; see this file's docstring.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions instead of each default")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the temp dirs")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.reps is not None and args.reps < 1:
        parser.error("--reps must be at least 1")

    available = discover()
    if args.list:
        for name, module_name in available.items():
            print(f"{name}: {_summary(name, module_name)}")
        return 0
    unknown = [n for n in args.names if n not in available]
    if unknown:
        print(
            f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr
        )
        return 2
    names = args.names or list(available)

    crashed: list[str] = []
    ctx = Context(args.tmp, args.reps)
    try:
        for name in names:
            log(f"[{name}] running ...")
            started = time.perf_counter()
            try:
                result = _function(name, available[name])(ctx)
                if not isinstance(result, Result):
                    raise TypeError(f"{available[name]}.run returned {type(result).__name__}, not a Result")
            except Exception:
                crashed.append(name)
                log(f"[{name}] CRASHED after {time.perf_counter() - started:.1f} s")
                traceback.print_exc(file=sys.stderr)
                continue
            print(result.line(name), flush=True)
            for line in result.details:
                log(f"  {line}")
            if result.met is not None:
                verdict = "met" if result.met else "MISSED"
                log(f"[{name}] goal {result.goal}: {verdict} ({time.perf_counter() - started:.1f} s)")
    finally:
        ctx.close()
    if crashed:
        log(f"crashed: {', '.join(crashed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
