"""Excel sync: `export` and `import` of a whole database, against plain openpyxl handling the same rows.

The database: 10 000 customers, 20 000 inspections (two inspectors each) and 200 000 answers, built by
bigdb.py with `answers=` (about 15 s), plus what open_backend installs (built-in templates, legal library).

Every measured operation runs alone in a child process (this file run as a script), so its peak memory
(ru_maxrss: the whole process, interpreter and imports included) is its own; the time is the operation's
only, from just before it starts to its end, taken inside the child (imports and opening the database
are outside it, in app and baseline alike). App and baseline children alternate, so both see the same
machine noise; each figure is the median of the repetitions (default 3, --reps).

    export   value = export_bundle(full=True) of the big database to a .fieldsync (workbook written in
             openpyxl's write-only mode, zipped with its manifest); baseline = openpyxl write-only writing
             the same sheets, rows and columns (the record's columns, the five stamps and a 20-character
             string for the digest) as a bare sqlite3 query returns them, into one .xlsx. On stderr: peak
             MB of both, and the incremental export of one new inspection (started with two inspectors
             and ten answers, through the services) to a peer that already has everything, on the big
             database and on an empty one (one customer, the inspectors): their medians should be about
             equal. Goal: ratio <= 1.3 and peak < 250 MB.
    import   value = import_file of that bundle into a fresh, empty database (every row inserted, the
             report written, committed), without the pre-import backup (a copy of the database file,
             which the command line takes first); baseline = openpyxl read-only iterating every row of
             every sheet of the bundle's data.xlsx (values_only). On stderr: the re-import of the same
             bundle into that database (every row unchanged) against the same baseline, and peak MB of
             all three. Goal: ratio <= 1.5 and peak < 250 MB (fresh import and re-import)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run as a script (the children), the sibling modules import by bare name
    sys.path.insert(0, str(HERE))

from benchlib import REPO_ROOT, BenchmarkError, Context, Result, child_env, log, median  # noqa: E402

CUSTOMERS = 10_000
INSPECTIONS = 20_000
ANSWERS = 200_000
DEFAULT_REPS = 3
INCREMENTAL_REPS = 5
EXPORT_GOAL = 1.3
IMPORT_GOAL = 1.5
PEAK_GOAL_MB = 250.0
PEER = "office"
# An incremental export sends again what was stored up to this long before the previous one started
# (sync_export.WATERMARK_MARGIN); waiting it out before each export keeps each increment to exactly one
# new inspection (the wait is not timed).
MARGIN_S = 5.2
CHILD_TIMEOUT_S = 900.0

_BIG: dict[str, Path] = {}  # the run's sync database, shared by export and import (keyed by run root)


# --- the benchmarks (run.py calls these) ------------------------------------------------------------


def run_export(ctx: Context) -> Result:
    """Full export of 10 000 customers, 20 000 inspections, 200 000 answers vs openpyxl write-only."""
    big = _big_data_dir(ctx)
    reps = ctx.reps(DEFAULT_REPS)
    plan = _baseline_plan(ctx)
    app: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    with ctx.tempdir("sync-export-") as folder:
        for rep in range(reps):
            bundle = folder / f"export-{rep}.fieldsync"
            xlsx = folder / f"baseline-{rep}.xlsx"
            app.append(_child("export-app", str(big), str(bundle)))
            bare.append(_child("export-bare", str(big / "fieldapp.sqlite3"), str(plan), str(xlsx)))
            log(
                f"  export rep {rep + 1}/{reps}: app {app[-1]['seconds']:.2f} s"
                f" ({app[-1]['peak_mb']:.0f} MB), openpyxl {bare[-1]['seconds']:.2f} s"
                f" ({bare[-1]['peak_mb']:.0f} MB)"
            )
            sizes = (bundle.stat().st_size / 1e6, xlsx.stat().st_size / 1e6)
            bundle.unlink()
            xlsx.unlink()
        incremental = _incremental(ctx, big, folder)

    value = median([r["seconds"] for r in app])
    baseline = median([r["seconds"] for r in bare])
    peak = max(r["peak_mb"] for r in app)
    rows = app[0]["rows"]
    details = [
        f"export: {sum(rows.values())} rows ({_rows_text(rows)}); bundle {sizes[0]:.1f} MB,"
        f" baseline xlsx {sizes[1]:.1f} MB",
        f"export: app median {value:.2f} s, openpyxl write-only median {baseline:.2f} s,"
        f" ratio {value / baseline:.3f}",
        f"export peak memory: app {peak:.0f} MB, openpyxl {max(r['peak_mb'] for r in bare):.0f} MB",
        *incremental,
    ]
    met = value / baseline <= EXPORT_GOAL and peak < PEAK_GOAL_MB
    return Result(
        value,
        baseline,
        "s",
        goal=f"ratio <= {EXPORT_GOAL} and peak < {PEAK_GOAL_MB:.0f} MB",
        met=met,
        details=tuple(details),
    )


def run_import(ctx: Context) -> Result:
    """Import of that bundle into an empty database (and again: unchanged) vs openpyxl read-only."""
    big = _big_data_dir(ctx)
    reps = ctx.reps(DEFAULT_REPS)
    fresh: list[dict[str, Any]] = []
    again: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    with ctx.tempdir("sync-import-") as folder:
        bundle = folder / "big.fieldsync"
        exported = _child("export-app", str(big), str(bundle))
        total = sum(exported["rows"].values())
        xlsx = folder / "data.xlsx"
        with zipfile.ZipFile(bundle) as archive, archive.open("data.xlsx") as source, xlsx.open("wb") as out:
            shutil.copyfileobj(source, out)
        empty = folder / "empty"
        _child("open", str(empty))  # migrated, built-ins installed, closed: the pristine copy
        for rep in range(reps):
            target = folder / f"db-{rep}"
            shutil.copytree(empty, target)
            fresh.append(_child("import-app", str(target), str(bundle), str(folder / f"reports-{rep}")))
            bare.append(_child("import-bare", str(xlsx)))
            again.append(_child("import-app", str(target), str(bundle), str(folder / f"reports-{rep}")))
            log(
                f"  import rep {rep + 1}/{reps}: fresh {fresh[-1]['seconds']:.2f} s"
                f" ({fresh[-1]['peak_mb']:.0f} MB), openpyxl {bare[-1]['seconds']:.2f} s"
                f" ({bare[-1]['peak_mb']:.0f} MB), re-import {again[-1]['seconds']:.2f} s"
                f" ({again[-1]['peak_mb']:.0f} MB)"
            )
            _check_import(fresh[-1], again[-1], total, bare[-1]["rows"])
            shutil.rmtree(target, ignore_errors=True)

    value = median([r["seconds"] for r in fresh])
    baseline = median([r["seconds"] for r in bare])
    repeat = median([r["seconds"] for r in again])
    peak = max(r["peak_mb"] for r in fresh + again)
    counts = fresh[0]["counts"]
    details = (
        f"import: {total} rows in the bundle; fresh: inserted {counts['inserted']}, unchanged"
        f" {counts['unchanged']} (the built-ins the empty database has too)",
        f"import fresh: median {value:.2f} s, openpyxl read-only median {baseline:.2f} s, ratio"
        f" {value / baseline:.3f}",
        f"re-import (all unchanged): median {repeat:.2f} s, ratio {repeat / baseline:.3f}",
        f"import peak memory: fresh {max(r['peak_mb'] for r in fresh):.0f} MB, re-import"
        f" {max(r['peak_mb'] for r in again):.0f} MB, openpyxl {max(r['peak_mb'] for r in bare):.0f} MB",
    )
    met = value / baseline <= IMPORT_GOAL and repeat / baseline <= IMPORT_GOAL and peak < PEAK_GOAL_MB
    return Result(
        value,
        baseline,
        "s",
        goal=f"ratio <= {IMPORT_GOAL} (fresh and re-import) and peak < {PEAK_GOAL_MB:.0f} MB",
        met=met,
        details=details,
    )


BENCHMARKS = {"export": run_export, "import": run_import}


# --- parent-side helpers ----------------------------------------------------------------------------


def _big_data_dir(ctx: Context) -> Path:
    key = str(ctx.root)
    if key not in _BIG:
        from bigdb import build_big_database

        path = ctx.root / "sync-big"
        started = time.perf_counter()
        counts = build_big_database(path, customers=CUSTOMERS, inspections=INSPECTIONS, answers=ANSWERS)
        log(f"[sync database] {counts} built in {time.perf_counter() - started:.1f} s at {path}")
        _BIG[key] = path
    return _BIG[key]


def _baseline_plan(ctx: Context) -> Path:
    """The sheets and columns the baseline writes, as the app's sheet specs name them (read here, so the
    baseline child does not import the app)."""
    from fieldapp.services.sync_specs import sheet_specs

    plan = [
        {"table": spec.table, "title": spec.title, "columns": [c.key for c in spec.columns]}
        for spec in sheet_specs().values()
    ]
    path = ctx.root / "sync-baseline-plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def _child(*args: str) -> dict[str, Any]:
    argv = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(
            argv,
            env=child_env(),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"{' '.join(args)} did not finish within {CHILD_TIMEOUT_S:.0f} s") from exc
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(args)} exited with {done.returncode}\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _check_import(fresh: dict[str, Any], again: dict[str, Any], total: int, read_rows: int) -> None:
    first, second = fresh["counts"], again["counts"]
    if first["rejected"] or first["inserted"] + first["unchanged"] + first["updated"] != total:
        raise BenchmarkError(f"the fresh import did not take every row: {first} of {total}")
    if second["inserted"] or second["updated"] or second["conflicts"] or second["unchanged"] != total:
        raise BenchmarkError(f"the re-import changed something: {second} of {total}")
    if read_rows < total:
        raise BenchmarkError(f"the baseline read {read_rows} rows, fewer than the {total} imported")


def _incremental(ctx: Context, big: Path, folder: Path) -> list[str]:
    """One new inspection exported to a peer that has the rest, on the big database and on an empty one."""
    from bigdb import build_big_database

    copy = folder / "incremental-big"
    shutil.copytree(big, copy)
    small = folder / "incremental-empty"
    build_big_database(small, customers=1, inspections=0)
    reps = max(INCREMENTAL_REPS, ctx.reps(DEFAULT_REPS))
    on_big = _child("incremental", str(copy), str(folder / "increments-big"), str(reps))
    on_small = _child("incremental", str(small), str(folder / "increments-empty"), str(reps))
    shutil.rmtree(copy, ignore_errors=True)
    big_ms, small_ms = median(on_big["ms"]), median(on_small["ms"])
    return [
        f"incremental export of one new inspection ({_rows_text(on_big['rows'])}): big database median"
        f" {big_ms:.0f} ms (first full export to the peer {on_big['full_s']:.1f} s), empty database median"
        f" {small_ms:.0f} ms, ratio {big_ms / small_ms:.2f}",
        f"incremental samples (ms): big {_ms_text(on_big['ms'])}; empty {_ms_text(on_small['ms'])}",
    ]


def _rows_text(rows: dict[str, int]) -> str:
    return ", ".join(f"{table} {count}" for table, count in rows.items() if count)


def _ms_text(samples: list[float]) -> str:
    return " ".join(f"{s:.0f}" for s in samples)


# --- the children (this file run as a script) -------------------------------------------------------


class _Timer:
    """Wall and CPU seconds of the block: the CPU figure tells how much of the wall time was this process's
    own work on a machine others are using too."""

    def __enter__(self) -> _Timer:
        self.seconds = self.cpu = 0.0
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def _peak_mb() -> float:
    """The process's peak resident memory. On Linux from VmHWM: ru_maxrss would also count the parent's
    memory at the fork (the kernel carries the old high-water mark over the exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _child_open(data_dir: str) -> dict[str, Any]:
    from fieldapp.services.backend import open_backend

    open_backend(data_dir).close()
    return {}


def _child_export_app(data_dir: str, target: str) -> dict[str, Any]:
    from fieldapp.services.backend import open_backend
    from fieldapp.services.sync_export import export_bundle

    backend = open_backend(data_dir)
    try:
        with backend.session() as session:
            with _Timer() as timer:
                summary = export_bundle(session, Path(target), backend.paths.photos, full=True)
            session.rollback()  # the exchange it notes would only pile up in the shared database
    finally:
        backend.close()
    return {"seconds": timer.seconds, "cpu": timer.cpu, "rows": summary.rows}


def _child_export_bare(database: str, plan_file: str, target: str) -> dict[str, Any]:
    from openpyxl import Workbook

    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    connection = sqlite3.connect(database)
    stamps = ["id", "revision", "modified_at", "modified_by", "clock", "substr(id, 1, 20)"]
    try:
        with _Timer() as timer:
            workbook = Workbook(write_only=True)
            meta = workbook.create_sheet("about")
            for n in range(12):
                meta.append([f"key {n}", f"value {n}"])
            for sheet_plan in plan:
                sheet = workbook.create_sheet(sheet_plan["title"])
                columns = [*sheet_plan["columns"], *stamps]
                sheet.append(columns)
                for row in connection.execute(f"SELECT {', '.join(columns)} FROM {sheet_plan['table']}"):
                    sheet.append(row)
            workbook.save(target)
    finally:
        connection.close()
    return {"seconds": timer.seconds, "cpu": timer.cpu}


def _child_import_app(data_dir: str, bundle: str, report_dir: str) -> dict[str, Any]:
    from fieldapp.services.backend import open_backend
    from fieldapp.services.sync_import import import_file

    backend = open_backend(data_dir)
    try:
        with _Timer() as timer, backend.session() as session:
            report = import_file(session, Path(bundle), backend.paths.photos, report_dir=Path(report_dir))
    finally:
        backend.close()
    if report.problems:
        raise BenchmarkError("; ".join(str(p) for p in report.problems[:5]))
    counts = {k: v for k, v in report.as_json().items() if isinstance(v, int) and not isinstance(v, bool)}
    return {"seconds": timer.seconds, "cpu": timer.cpu, "counts": counts}


def _child_import_bare(xlsx: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    rows = 0
    with _Timer() as timer:
        workbook = load_workbook(xlsx, read_only=True)
        for sheet in workbook.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                rows += 1
        workbook.close()
    return {
        "seconds": timer.seconds,
        "cpu": timer.cpu,
        "rows": rows - 2 * len(workbook.worksheets) + 1,
    }  # less headers and meta


def _child_incremental(data_dir: str, out_dir: str, reps: str) -> dict[str, Any]:
    from sqlalchemy import select

    from fieldapp.domain.enums import AnswerKind, Verdict
    from fieldapp.services.backend import open_backend
    from fieldapp.services.demo import DEMO_TEMPLATE
    from fieldapp.services.inspections import record_answer, start_inspection
    from fieldapp.services.sync_export import export_bundle
    from fieldapp.services.templates import latest_template_id
    from fieldapp.store.models import ChecklistItem, Customer, Inspector

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    backend = open_backend(data_dir)
    try:
        with backend.session() as session:
            template_id = latest_template_id(session, DEMO_TEMPLATE)
            customer_id = session.scalars(select(Customer.id).order_by(Customer.account_no).limit(1)).one()
            team = list(session.scalars(select(Inspector.id).order_by(Inspector.staff_no).limit(2)))
            codes = list(
                session.scalars(
                    select(ChecklistItem.code)
                    .where(
                        ChecklistItem.template_id == template_id,
                        ChecklistItem.answer_kind == AnswerKind.VERDICT,
                    )
                    .order_by(ChecklistItem.position)
                    .limit(10)
                )
            )
        time.sleep(MARGIN_S)  # past the margin: what open_backend just stored is not sent again
        started = time.perf_counter()
        backend.call(export_bundle, folder / "full.fieldsync", backend.paths.photos, peer=PEER)
        full_s = time.perf_counter() - started
        samples: list[float] = []
        rows: dict[str, int] = {}
        for rep in range(int(reps)):
            inspection_id = backend.call(start_inspection, customer_id, template_id, team)
            for code in codes:
                backend.call(record_answer, inspection_id, code, verdict=Verdict.OK)
            time.sleep(MARGIN_S)  # so the next increment, whose margin reaches back, holds only its own
            started = time.perf_counter()
            summary = backend.call(
                export_bundle,
                folder / f"increment-{rep}.fieldsync",
                backend.paths.photos,
                peer=PEER,
                progress=lambda what, done, total: None,  # as the Sync page asks for it (row counts)
            )
            samples.append((time.perf_counter() - started) * 1000)
            sent = {table: count for table, count in summary.rows.items() if count}
            if summary.full or (rows and sent != rows) or sent.get("inspections") != 1:
                raise BenchmarkError(f"increment {rep + 1} is not one new inspection: {sent}")
            rows = sent
    finally:
        backend.close()
    return {"ms": samples, "full_s": full_s, "rows": rows}


CHILDREN = {
    "open": _child_open,
    "export-app": _child_export_app,
    "export-bare": _child_export_bare,
    "import-app": _child_import_app,
    "import-bare": _child_import_bare,
    "incremental": _child_incremental,
}


def _child_main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = CHILDREN[argv[0]](*argv[1:])
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
