"""The command line. With no sub-command it opens the GUI; each sub-command is a headless job."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fieldapp import __version__
from fieldapp.cli_sync import add_sync_commands
from fieldapp.cli_users import add_users_commands
from fieldapp.domain.errors import FieldappError
from fieldapp.paths import DB_URL_ENV, data_paths
from fieldapp.settings import LANGUAGES

if TYPE_CHECKING:  # imported lazily below: the window should not wait for what a command needs
    from fieldapp.crash import CrashHandler
    from fieldapp.services.backend import Backend

log = logging.getLogger(__name__)


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high (beyond that a date or a query would overflow)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"不是整数：{text!r} (not a whole number)") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应在 {low} 到 {high} 之间：{value} (out of range)")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="用电检查现场应用 — field app for electricity-use inspectors. "
        "Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless in a temporary data folder (migrate, demo data, answer, "
        "notice, sync, main window); exit 0 only if every step works",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (database, photos, backups); default: $FIELDAPP_DATA_DIR or the "
        f"user data dir ({data_paths().root})",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL, e.g. postgresql+psycopg://user@host/fieldapp; default: "
        f"${DB_URL_ENV} or SQLite in the data folder",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="interface language (default: the stored setting, zh_CN)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="fill the database with realistic demo data (safe to run again)")
    demo.set_defaults(run=_demo)
    stats = commands.add_parser(
        "stats",
        help="print counts of customers, inspections, findings, photos, notices; the rectification rate "
        "and the overdue findings",
    )
    stats.add_argument(
        "--json", action="store_true", help="one JSON object (the default is one line per count)"
    )
    stats.set_defaults(run=_stats)
    doctor = commands.add_parser(
        "doctor", help="check the database and photo files; exits 1 and names each problem found"
    )
    doctor.set_defaults(run=_doctor)
    due = commands.add_parser(
        "due",
        help="customers due for a periodic inspection, the most overdue first",
        description="应检客户清单 — customers due for a periodic inspection, the most overdue first. A "
        "customer is due one cycle after its last finalized periodic inspection (in-progress and voided "
        "ones do not count); one never inspected is due from the day it was registered. The cycle is the "
        "customer's own, else the shortest applicable row of the cycles.table setting (default: special "
        "and first-grade important customers 3 months, second grade 6, 35 kV and above 6, 10/20 kV 12, "
        "low voltage 36). overdue_days is the number of days past the due date, 0 when not yet due.",
    )
    due.add_argument(
        "--json",
        action="store_true",
        help="a JSON list of objects: account_no, name, importance, supply_voltage (kV), last_inspected, "
        "cycle_months, due_date (ISO dates, null when never inspected), overdue_days",
    )
    due.add_argument(
        "--within",
        type=_whole_number(0, 3650),
        default=30,
        metavar="DAYS",
        help="also list customers falling due within DAYS days (default 30; 0: due today or overdue)",
    )
    due.add_argument(
        "--today", metavar="YYYY-MM-DD", help="judge as of this day instead of today (for planning ahead)"
    )
    due.set_defaults(run=_due)
    templates = commands.add_parser(
        "templates", help="checklist templates: list, export to Excel, validate or import an Excel workbook"
    )
    template_commands = templates.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    template_list = template_commands.add_parser("list", help="one template version a line, its code first")
    template_list.set_defaults(run=_templates_list)
    template_export = template_commands.add_parser(
        "export", help="write a template as an XLSForm-style .xlsx"
    )
    template_export.add_argument("code", metavar="CODE")
    template_export.add_argument("file", metavar="FILE.xlsx")
    template_export.add_argument(
        "--version", type=_whole_number(1, 1_000_000), dest="template_version", help="default: the newest"
    )
    template_export.set_defaults(run=_templates_export)
    template_validate = template_commands.add_parser(
        "validate",
        help="check a template workbook; names the sheet, row and column of every problem (exit 1)",
    )
    template_validate.add_argument("file", metavar="FILE.xlsx")
    template_validate.set_defaults(run=_templates_validate)
    template_import = template_commands.add_parser(
        "import", help="store a template workbook as a new version (past inspections keep theirs)"
    )
    template_import.add_argument("file", metavar="FILE.xlsx")
    template_import.set_defaults(run=_templates_import)
    legal = commands.add_parser(
        "legal", help="the legal-basis library notices cite: list, export to Excel, import, verify"
    )
    legal_commands = legal.add_subparsers(dest="legal_command", metavar="ACTION", required=True)
    legal_list = legal_commands.add_parser(
        "list",
        help="one citation a line: code, verified or not, in force or what superseded it, the citation; "
        "unverified and superseded ones are never printed on a customer's notice as fact",
    )
    legal_list.add_argument(
        "--unverified", action="store_true", help="only the citations nobody has verified"
    )
    legal_list.set_defaults(run=_legal_list)
    legal_export = legal_commands.add_parser("export", help="write the library as an .xlsx for the office")
    legal_export.add_argument("file", metavar="FILE.xlsx")
    legal_export.set_defaults(run=_legal_export)
    legal_import = legal_commands.add_parser(
        "import", help="apply an edited library workbook (all or nothing; rows left out are kept)"
    )
    legal_import.add_argument("file", metavar="FILE.xlsx")
    legal_import.add_argument("--by", required=True, metavar="NAME", help="who made the changes (audited)")
    legal_import.set_defaults(run=_legal_import)
    legal_verify = legal_commands.add_parser(
        "verify", help="mark a citation as checked against the published text"
    )
    legal_verify.add_argument("code", metavar="CODE")
    legal_verify.add_argument("--by", required=True, metavar="NAME", help="who checked it (audited)")
    legal_verify.set_defaults(run=_legal_verify)
    notice = commands.add_parser(
        "notice",
        help="write the notice of a finalized inspection as a PDF (or of every one, --all)",
        description="出具通知书 — the notice of a finalized inspection as an A4 PDF (customer copy and "
        "archive copy). The first time, it is numbered and recorded; after that the recorded notice is "
        "printed "
        "again from its stored content.",
    )
    notice.add_argument("inspection", metavar="INSPECTION_ID", nargs="?", help="the inspection's id")
    notice.add_argument("--out", metavar="FILE.pdf", help="the PDF to write (with INSPECTION_ID)")
    notice.add_argument(
        "--all", action="store_true", help="every finalized inspection, one PDF each, into --out-dir"
    )
    notice.add_argument("--out-dir", metavar="DIR", help="the folder for --all (made if missing)")
    notice.add_argument(
        "--kind",
        choices=["hazard", "result", "breach", "reinspection"],
        help="default: hazard when the inspection has findings, else result",
    )
    notice.set_defaults(run=_notice)
    verify = commands.add_parser(
        "verify",
        help="check a notice PDF against the stored record (exit 0 match, 1 mismatch, 2 unreadable)",
    )
    verify.add_argument("file", metavar="FILE.pdf")
    verify.set_defaults(run=_verify)
    report = commands.add_parser("report", help="reports for the authority")
    report_commands = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    serious = report_commands.add_parser(
        "serious",
        help="serious hazards not yet verified at important customers (special, first, second grade)",
        description="重要电力用户重大隐患清单: the serious findings of finalized inspections, not yet "
        "verified, at customers graded special, first or second; most overdue first. An .xlsx or a "
        "landscape A4 PDF.",
    )
    serious.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf", help="the file to write")
    serious.add_argument("--today", metavar="YYYY-MM-DD", help="count the days overdue as of this day")
    serious.set_defaults(run=_report_serious)
    profile = commands.add_parser(
        "profile",
        help="write a customer's one-page profile as a PDF (for a visit or a meeting with the customer)",
        description="客户概况 — one A4 page: the customer's details and supply, contacts, open findings with "
        "the deadline in force (overdue ones marked), hazards that keep coming back, tests coming due, "
        "the last inspections.",
    )
    profile.add_argument(
        "customer", metavar="ACCOUNT_NO_OR_ID", help="the customer's account number (户号) or id"
    )
    profile.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    profile.add_argument("--today", metavar="YYYY-MM-DD", help="what is overdue or due, as of this day")
    profile.set_defaults(run=_profile)
    _add_operations_commands(commands)
    add_sync_commands(commands)
    add_users_commands(commands)
    return parser


def _add_operations_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """backup, restore, diagnostics: keeping the data safe and helping support (fieldapp.services.backups,
    fieldapp.services.diagnostics)."""
    backup = commands.add_parser(
        "backup",
        help="a consistent copy of the database, safe while the app runs (into backups/, or --out FILE)",
        description="备份数据库 — a consistent copy of this device's SQLite database through SQLite's backup "
        "API, safe while the app is running. Without --out it goes into backups/ in the data folder "
        "(kept: 7 daily, 4 weekly, 20 before imports/upgrades/restores, 10 manual). A shared PostgreSQL "
        "database is backed up by its administrator with pg_dump.",
    )
    backup.add_argument("--out", metavar="FILE", help="write the copy to FILE instead (not rotated)")
    backup.set_defaults(run=_backup)
    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup, keeping a copy of the one replaced",
        description="恢复数据库 — replaces this device's database with FILE, a backup made by fieldapp. "
        "FILE is checked first (a whole SQLite file, integrity_check, a fieldapp schema not newer than this "
        "version); the database it replaces is kept in backups/ (labelled before-restore). Close the app on "
        "this device first.",
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=_restore)
    diagnostics = commands.add_parser(
        "diagnostics",
        help="write a zip for support: logs, versions, settings, doctor's findings, crash reports "
        "(never the database or photos)",
    )
    diagnostics.add_argument("--out", metavar="FILE.zip", required=True, help="the zip to write")
    diagnostics.set_defaults(run=_diagnostics)


def _report_problems(problems: Sequence[object], closing: str) -> int:
    """Each problem on its own line (file, sheet, row, column), then what it meant; exit status 1."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} {closing}", file=sys.stderr)
    return 1


@contextmanager
def _backend(args: argparse.Namespace) -> Iterator[Backend]:
    """The app's storage for one command, closed however the command ends."""
    backend = _open(args)
    try:
        yield backend
    finally:
        backend.close()


def _open(args: argparse.Namespace) -> Backend:
    from fieldapp.services.backend import open_backend

    return open_backend(args.data_dir, args.db or os.environ.get(DB_URL_ENV))


def _demo(args: argparse.Namespace) -> int:
    from fieldapp.services.demo import load_demo

    with _backend(args) as backend:
        result = backend.call(load_demo, photos_root=backend.paths.photos)
    verb = (
        "已加载演示数据 (demo data loaded)"
        if result.created
        else "演示数据已存在，未作改动 (demo data already present)"
    )
    print(
        f"{verb}: {result.customers} customers, {result.inspectors} inspectors, "
        f"{result.inspections} inspections, {result.findings} findings"
    )
    return 0


def _stats(args: argparse.Namespace) -> int:
    from fieldapp.services.stats import collect_stats

    with _backend(args) as backend:
        stats = backend.call(collect_stats)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from fieldapp.services.doctor import clean_photo_temps, run_doctor

    with _backend(args) as backend:
        problems = backend.call(run_doctor, backend.paths.photos)
        removed = clean_photo_temps(backend.paths.photos)
    if removed:
        print(f"已删除 {len(removed)} 个残留的临时文件 (removed {len(removed)} leftover temp files)")
    for problem in problems:
        print(problem)
    if problems:
        print(f"发现 {len(problems)} 个问题 ({len(problems)} problems found)", file=sys.stderr)
        return 1
    print("数据库与照片文件检查通过 (database and photo files are in order)")
    return 0


_IMPORTANCE_ZH = {
    "special": "特级",
    "first": "一级",
    "second": "二级",
    "temporary": "临时性",
    "ordinary": "普通",
}


def _due(args: argparse.Namespace) -> int:
    import unicodedata
    from datetime import date

    from fieldapp.services.schedule import due_customers

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"fieldapp: --today 应为 YYYY-MM-DD：{args.today!r} (not a date)", file=sys.stderr)
        return 2
    if not 2000 <= today.year <= 2200:  # cycles are added to it: the far future would overflow
        print(f"fieldapp: --today 应在 2000 到 2200 年之间：{args.today} (out of range)", file=sys.stderr)
        return 2
    with _backend(args) as backend:
        rows = backend.call(due_customers, today, within_days=args.within)
    if args.json:
        out = [
            {
                "account_no": r.account_no,
                "name": r.name,
                "importance": r.importance.value,
                "supply_voltage": r.supply_voltage.value,
                "last_inspected": r.last_inspected.isoformat() if r.last_inspected else None,
                "cycle_months": r.cycle_months,
                "due_date": r.due_date.isoformat(),
                "overdue_days": r.overdue_days,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if not rows:
        print(f"没有 {args.within} 天内到期的客户 (no customer is due within {args.within} days)")
        return 0

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    table = [["户号", "客户名称", "重要等级", "电压", "周期", "上次检查", "应检日期", "逾期天数"]]
    for r in rows:
        table.append(
            [
                r.account_no,
                r.name,
                _IMPORTANCE_ZH.get(r.importance.value, r.importance.value),
                f"{r.supply_voltage.value}kV",
                f"{r.cycle_months}个月",
                r.last_inspected.isoformat() if r.last_inspected else "从未检查",
                r.due_date.isoformat(),
                str(r.overdue_days) if r.overdue_days else "-",
            ]
        )
    widths = [max(width(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        print("  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(line)).rstrip())
    overdue = sum(1 for r in rows if r.overdue_days > 0)
    print(
        f"共 {len(rows)} 户到期或将在 {args.within} 天内到期，其中 {overdue} 户已逾期 "
        f"({len(rows)} customers due within {args.within} days, {overdue} overdue)"
    )
    return 0


def _templates_list(args: argparse.Namespace) -> int:
    from fieldapp.services.templates import list_templates

    with _backend(args) as backend:
        rows = backend.call(list_templates)
    for row in rows:
        print(f"{row.code}\tv{row.version}\t{row.kind.value}\t{row.item_count} 项\t{row.title_zh}")
    return 0


def _templates_export(args: argparse.Namespace) -> int:
    from fieldapp.services.templates import export_template

    with _backend(args) as backend:
        row = backend.call(export_template, args.code, Path(args.file), version=args.template_version)
    print(f"已导出 {row.code} 第 {row.version} 版（{row.item_count} 项）到 {args.file} (exported)")
    return 0


def _templates_validate(args: argparse.Namespace) -> int:
    from fieldapp.checklists.xlsform import TemplateWorkbookError
    from fieldapp.services.templates import read_template_workbook

    try:
        with _backend(args) as backend:
            template = backend.call(read_template_workbook, Path(args.file))
    except TemplateWorkbookError as exc:
        return _report_problems(exc.problems, "个问题，模板无效 (problems: the template is not valid)")
    print(f"模板有效：{template.code} {template.title_zh}，{len(template.items)} 项 (the template is valid)")
    return 0


def _templates_import(args: argparse.Namespace) -> int:
    from fieldapp.checklists.xlsform import TemplateWorkbookError
    from fieldapp.services.templates import import_template_workbook

    try:
        with _backend(args) as backend:
            backend.backup("before-template-import")  # every import is preceded by a backup (invariant 5)
            result = backend.call(import_template_workbook, Path(args.file))
    except TemplateWorkbookError as exc:
        return _report_problems(exc.problems, "个问题，未导入，数据库未改动 (nothing imported)")
    if result.created:
        print(
            f"已导入 {result.code} 第 {result.version} 版（{result.items} 项）"
            f"(imported as version {result.version})"
        )
    else:
        print(
            f"{result.code} 第 {result.version} 版内容相同，未作改动 "
            f"(same content as version {result.version})"
        )
    return 0


def _legal_list(args: argparse.Namespace) -> int:
    from fieldapp.services.legal import list_entries

    with _backend(args) as backend:
        rows = backend.call(list_entries)
    shown = [r for r in rows if not (args.unverified and r.verified)]
    for row in shown:
        mark = f"已核实 {row.verified_by}" if row.verified else "未核实"
        force = "现行" if row.in_force else f"已失效→{row.superseded_by or '—'}"
        print(f"{row.code}\t{mark}\t{force}\t{row.citation_zh}")
    unverified = sum(1 for r in rows if not r.verified)
    retired = sum(1 for r in rows if not r.in_force)
    print(
        f"共 {len(rows)} 条，其中 {unverified} 条未核实，{retired} 条已失效 "
        f"({len(rows)} entries, {unverified} unverified, {retired} no longer in force)",
        file=sys.stderr,
    )
    return 0


def _legal_export(args: argparse.Namespace) -> int:
    from fieldapp.services.legal_workbooks import export_library

    with _backend(args) as backend:
        count = backend.call(export_library, Path(args.file))
    print(f"已导出 {count} 条依据到 {args.file} (exported)")
    return 0


def _legal_import(args: argparse.Namespace) -> int:
    from fieldapp.services.legal_workbooks import import_library
    from fieldapp.workbook.problems import WorkbookError

    try:
        with _backend(args) as backend:
            backend.backup("before-legal-import")  # every import is preceded by a backup (invariant 5)
            result = backend.call(import_library, Path(args.file), actor=args.by)
    except WorkbookError as exc:
        return _report_problems(exc.problems, "个问题，未导入，数据库未改动 (nothing imported)")
    print(
        f"新增 {len(result.added)}，修改 {len(result.changed)}，核实 {len(result.verified)}，"
        f"取消核实 {len(result.unverified)}，未变 {result.unchanged} (added, changed, verified, unverified, "
        "unchanged)"
    )
    if result.not_in_workbook:
        print(f"工作簿中没有、保持原样：{', '.join(result.not_in_workbook)} (not in the workbook: kept)")
    return 0


def _legal_verify(args: argparse.Namespace) -> int:
    from fieldapp.services.legal import verify_entry

    with _backend(args) as backend:
        row = backend.call(verify_entry, args.code, actor=args.by)
    print(f"{row.code} 已由 {row.verified_by} 核实：{row.citation_zh} (verified)")
    return 0


def _notice(args: argparse.Namespace) -> int:
    import uuid

    from fieldapp.services.notices import finalized_inspection_ids, issue_notice

    if (
        args.all == bool(args.inspection)
        or (args.all and not args.out_dir)
        or (args.inspection and not args.out)
    ):
        print(
            "fieldapp: 用法：notice INSPECTION_ID --out FILE.pdf，或 notice --all --out-dir DIR "
            "(usage: notice INSPECTION_ID --out FILE.pdf, or notice --all --out-dir DIR)",
            file=sys.stderr,
        )
        return 2
    with _backend(args) as backend:
        cache = backend.paths.notices / "print-images"
        if args.all:
            out_dir = Path(args.out_dir)
            ids = backend.call(finalized_inspection_ids)
            for inspection_id in ids:
                issued = backend.call(
                    issue_notice,
                    inspection_id,
                    args.kind,
                    out_dir / f"{inspection_id}.pdf",
                    backend.paths.photos,
                    image_cache=cache,
                    notices_dir=backend.paths.notices,
                )
                final = out_dir / f"{issued.number}.pdf"
                issued.path.replace(final)
                print(f"{issued.number}\t{issued.verification_code}\t{final}")
            print(f"已出具 {len(ids)} 份通知书到 {out_dir} ({len(ids)} notices written)", file=sys.stderr)
            return 0
        try:
            inspection_id = uuid.UUID(args.inspection)
        except ValueError:
            print(
                f"fieldapp: 不是有效的检查编号：{args.inspection!r} (not an inspection id)", file=sys.stderr
            )
            return 2
        issued = backend.call(
            issue_notice,
            inspection_id,
            args.kind,
            Path(args.out),
            backend.paths.photos,
            image_cache=cache,
            notices_dir=backend.paths.notices,
        )
    verb = "已重新打印 (printed again)" if issued.reprint else "已出具 (issued)"
    print(f"{verb} {issued.number} 校验码 {issued.verification_code} -> {issued.path}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from fieldapp.services.notices import verify_pdf

    with _backend(args) as backend:
        result = backend.call(verify_pdf, Path(args.file), backend.paths.photos)
    if result.status == "match":
        print(f"一致：通知书 {result.number} 与存档记录相符 (match)")
        return 0
    for reason in result.reasons:
        print(f"fieldapp: {reason}", file=sys.stderr)
    if result.status == "unreadable":
        return 2
    print(f"不一致：通知书 {result.number or '?'} 与存档记录不符 (mismatch)", file=sys.stderr)
    return 1


def _report_serious(args: argparse.Namespace) -> int:
    from datetime import date

    from fieldapp.services.authority_report import export_serious_report

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"fieldapp: --today 应为 YYYY-MM-DD：{args.today!r} (not a date)", file=sys.stderr)
        return 2
    out = Path(args.out)
    with _backend(args) as backend:
        report = backend.call(export_serious_report, out, today=today, actor="cli")
    print(f"已写入 {out}：{len(report.rows)} 条重大隐患 ({len(report.rows)} serious hazards)")
    return 0


def _profile(args: argparse.Namespace) -> int:
    from datetime import date

    from fieldapp.services.customer_sheet import find_customer, write_customer_sheet

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"fieldapp: --today 应为 YYYY-MM-DD：{args.today!r} (not a date)", file=sys.stderr)
        return 2
    out = Path(args.out)
    with _backend(args) as backend:
        customer_id = backend.call(find_customer, args.customer)
        backend.call(write_customer_sheet, customer_id, out, today=today, actor="cli")
    print(f"已写入客户概况 {out} (customer profile written)")
    return 0


def _database_file(args: argparse.Namespace) -> Path:
    """The SQLite file the command works on (BackupUnavailableError, exit 2, for PostgreSQL), not opened
    through the app: a backup or a restore must work on a database the app cannot open."""
    from fieldapp.services.backups import database_file

    return database_file(args.db or os.environ.get(DB_URL_ENV) or data_paths(args.data_dir).sqlite_url())


def _backup(args: argparse.Namespace) -> int:
    from fieldapp.services.backups import MANUAL, backup_to, take_file_backup

    database = _database_file(args)
    if args.out:
        taken = backup_to(database, Path(args.out))
    else:
        taken = take_file_backup(database, data_paths(args.data_dir).backups, MANUAL)
    print(f"已备份到 {taken} (backed up)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from fieldapp.services.backups import restore_database

    database = _database_file(args)
    result = restore_database(database, Path(args.file), data_paths(args.data_dir).backups)
    print(f"已从 {result.source} 恢复数据库（结构版本 {result.revision}）(restored)")
    if result.kept:
        print(f"被替换的数据库已保存到 {result.kept} (the replaced database is kept there)")
    print("照片文件未改动，fieldapp doctor 可检查 (photo files unchanged: `fieldapp doctor` checks them)")
    return 0


def _diagnostics(args: argparse.Namespace) -> int:
    from fieldapp.logs import recent_log
    from fieldapp.services.diagnostics import export_diagnostics

    paths = data_paths(args.data_dir)
    try:
        backend = _open(args)
    except FieldappError as exc:  # what support most needs to see: written without the database
        result = export_diagnostics(
            Path(args.out), paths, backend=None, recent=recent_log(), open_error=str(exc)
        )
    else:
        try:
            result = export_diagnostics(Path(args.out), paths, backend=backend, recent=recent_log())
        finally:
            backend.close()
    print(f"诊断信息已写入 {result.path}，不含数据库和照片 ({len(result.members)} files, no customer data)")
    return 0


def _gui(args: argparse.Namespace) -> int:
    # Only Qt and the window's shell before the first paint; run_gui imports the storage stack after it
    # (tests/benchmarks, `startup`). Nothing here may import fieldapp.services or fieldapp.store.
    from fieldapp.gui.app import run_gui

    return run_gui(data_dir=args.data_dir, db_url=args.db or os.environ.get(DB_URL_ENV), lang=args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A console or file that cannot show Chinese gets escapes, not a crash in the middle of the output.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    if args.self_test:
        from fieldapp.self_test import run_self_test

        return run_self_test()
    run = getattr(args, "run", _gui)
    crash_handler = _start_logging(args)
    try:
        return int(run(args))
    except FieldappError as exc:
        print(f"fieldapp: {exc}", file=sys.stderr)
        log.warning("refused: %s", exc)
        return 2
    except BrokenPipeError:
        # The reader (head, a pager) stopped reading: not an error. Python's own flush at exit would
        # raise again, so stdout is pointed at nothing first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A folder where a file was meant, a read-only folder, a file another program holds open (Excel
        # locks the workbooks it has open on Windows): say which file and why, in one line.
        where = f" {exc.filename}" if exc.filename else ""
        print(
            f"fieldapp: 无法读写{where}：{exc.strerror or exc} (cannot read or write{where})", file=sys.stderr
        )
        log.warning("cannot read or write%s: %s", where, exc)
        return 2
    except Exception as exc:
        # A bug: a crash report for support first (its place on stderr), then Python's own traceback.
        crash_handler.handle((type(exc), exc, exc.__traceback__), echo_traceback=False)
        raise
    finally:
        crash_handler.uninstall()


def _start_logging(args: argparse.Namespace) -> CrashHandler:
    """The log file and the crash handler, for every command (fieldapp.logs, fieldapp.crash). The window
    attaches its log file after its first paint instead (fieldapp.gui.app): importing logging.handlers
    would delay it."""
    from fieldapp.crash import CrashHandler
    from fieldapp.logs import configure_logging, recent_log

    paths = data_paths(args.data_dir)
    recent = configure_logging(paths.logs) if args.command else recent_log()
    if args.command:
        log.info("fieldapp %s: %s (data folder %s)", __version__, args.command, paths.root)
    return CrashHandler(paths.crashes, recent, data_dir=paths.root).install()


if __name__ == "__main__":
    sys.exit(main())
