"""Backup: median time of take_backup (SQLite's backup API into backups/, fsync, rename, rotation) of the
big database (10 000 customers, 50 000 inspections), against a plain copy of the same file with fsync (the
floor: what the disk costs; a plain copy is never made of a live database). Goal: ratio <= 3.

On stderr: the database's size, and the time to check a backup before a restore (the private copy and its
integrity_check), which is what `fieldapp restore` adds before it replaces anything."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from benchlib import Context, Result, log, median

from fieldapp.services.backups import take_backup
from fieldapp.store.backup import prepare_restore
from fieldapp.store.engine import Database
from fieldapp.store.migrate import HEAD_REVISION, known_revisions

GOAL_RATIO = 3.0
DEFAULT_REPS = 5


def _plain_copy(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def run(ctx: Context) -> Result:
    database_file = ctx.big_data_dir() / "fieldapp.sqlite3"
    size_mb = database_file.stat().st_size / 1e6
    database = Database(f"sqlite:///{database_file.as_posix()}")
    backup_s: list[float] = []
    copy_s: list[float] = []
    check_s: list[float] = []
    try:
        with ctx.tempdir("backup-") as scratch:
            backups = scratch / "backups"
            for rep in range(ctx.reps(DEFAULT_REPS) + 1):
                started = time.perf_counter()
                taken = take_backup(database, backups, "bench")
                took = time.perf_counter() - started
                started = time.perf_counter()
                _plain_copy(database_file, scratch / "plain.sqlite3")
                copied = time.perf_counter() - started
                started = time.perf_counter()
                prepared, _revision = prepare_restore(
                    taken or database_file, scratch / "restored.sqlite3", known_revisions(), HEAD_REVISION
                )
                checked = time.perf_counter() - started
                prepared.unlink()
                if rep > 0:  # the first is the warm-up
                    backup_s.append(took)
                    copy_s.append(copied)
                    check_s.append(checked)
                log(f"backup rep {rep}: {took:.3f} s, plain copy {copied:.3f} s, check {checked:.3f} s")
    finally:
        database.dispose()
    value, baseline = median(backup_s), median(copy_s)
    return Result(
        value,
        baseline,
        "s",
        goal=f"ratio <= {GOAL_RATIO}",
        met=value / baseline <= GOAL_RATIO,
        details=(
            f"backup database {size_mb:.1f} MB: take_backup median {value:.3f} s, plain copy + fsync "
            f"{baseline:.3f} s",
            f"backup restore check (private copy + integrity_check) median {median(check_s):.3f} s",
        ),
    )
