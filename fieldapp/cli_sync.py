"""`fieldapp export` and `fieldapp import`: the Excel sync between tablets and the office from the command
line (fieldapp.services.sync_export / sync_import)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp.paths import DB_URL_ENV

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend


@contextmanager
def cli_backend(args: argparse.Namespace) -> Iterator[Backend]:
    """The backend a command works on (--data-dir, --db or FIELDAPP_DB), closed after it."""
    from fieldapp.services.backend import open_backend

    backend = open_backend(args.data_dir, args.db or os.environ.get(DB_URL_ENV))
    try:
        yield backend
    finally:
        backend.close()


def add_sync_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser(
        "export",
        help="write a sync bundle (.fieldsync) for the office or a tablet",
        description="导出同步包 — writes one .fieldsync file (a zip holding data.xlsx, the photos and a "
        "manifest with the SHA-256 of every file). Without --peer everything goes (full); with --peer "
        "NAME only what was stored here since the last export to NAME (the first one to a peer is full).",
    )
    export.add_argument(
        "--out", required=True, metavar="FILE", help="the bundle to write, or a folder for it"
    )
    which = export.add_mutually_exclusive_group()
    which.add_argument("--full", action="store_true", help="everything (the default without --peer)")
    which.add_argument("--peer", metavar="NAME", help="only what changed since the last export to NAME")
    export.set_defaults(run=_export)
    imported = commands.add_parser(
        "import",
        help="import a sync bundle or a sync workbook (.xlsx); --dry-run shows what it would change",
        description="导入同步包 — merges a .fieldsync bundle (or a bare data.xlsx) into the database in "
        "one transaction after a backup. A broken file changes nothing; a change a finalized inspection "
        "does not allow is rejected and named. Prints a summary (or with --json one object with inserted, "
        "updated, unchanged, conflicts, rejected) and writes a full report (.xlsx) beside the file. The "
        "exit code is 1 when anything was rejected.",
    )
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--dry-run", action="store_true", help="check and tell, change nothing")
    imported.add_argument("--json", action="store_true", help="print one JSON object")
    imported.set_defaults(run=_import)


def _export(args: argparse.Namespace) -> int:
    from fieldapp.services.sync_export import export_bundle

    with cli_backend(args) as backend:
        summary = backend.call(
            export_bundle, Path(args.out), backend.paths.photos, peer=args.peer, full=args.full
        )
    kind = "全量" if summary.full else f"增量（自 {summary.since:%Y-%m-%d %H:%M}）"
    print(
        f"已导出{kind}：{summary.total_rows} 条记录，{summary.photos} 张照片 → {summary.path} "
        f"({summary.bytes / 1024 / 1024:.1f} MB) (exported)"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from fieldapp.services.sync_import import import_file

    with cli_backend(args) as backend:
        report = backend.call(
            import_file,
            Path(args.file),
            backend.paths.photos,
            dry_run=args.dry_run,
            backup=backend.backup,
            report_dir=backend.paths.reports,
        )
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        for rejection in report.as_json()["rejections"]:
            print(f"拒绝 (rejected): {rejection}", file=sys.stderr)
        for warning in report.warnings:
            print(f"提示 (warning): {warning}", file=sys.stderr)
        what = (
            "预演，未改动数据库 (dry run: nothing changed)"
            if report.dry_run
            else ("已导入 (imported)" if report.applied else "未导入，数据库未改动 (nothing imported)")
        )
        print(
            f"{what}：新增 {report.inserted}，更新 {report.updated}，未变 {report.unchanged}，"
            f"冲突 {report.conflicts}，拒绝 {report.rejected} "
            "(inserted, updated, unchanged, conflicts, rejected)"
        )
        if report.report_path:
            print(f"报告 (report): {report.report_path}")
    return 1 if report.rejected else 0
