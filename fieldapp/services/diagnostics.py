"""Export diagnostics: one zip a person can send to support, with what support asks for first: the log
files, the versions, the settings (no secrets), doctor's findings, a description of the database and of the
data folder (sizes and counts), and the crash reports.

Never the database, a backup, or a photo: they hold customers' data. The zip is built from an explicit
list of files and texts (nothing is added by walking the data folder), and says so in its README.txt."""

from __future__ import annotations

import json
import logging
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp import __version__
from fieldapp.crash import crash_reports
from fieldapp.logs import RecentLog, log_files
from fieldapp.paths import DataPaths
from fieldapp.services.backend import Backend
from fieldapp.services.backups import list_backups
from fieldapp.services.doctor import run_doctor
from fieldapp.services.settings_store import get_setting
from fieldapp.services.stats import collect_stats
from fieldapp.settings import SETTINGS
from fieldapp.store.backup import SQLITE_HEADER, sqlite_file
from fieldapp.store.migrate import HEAD_REVISION, current_revision
from fieldapp.versions import versions_text

log = logging.getLogger(__name__)

# A setting whose key names any of these is left out of the zip (the sign-in PINs arrive with the roles).
SECRET_KEY = re.compile(r"(pin|password|passwd|secret|token|salt|credential|private)", re.IGNORECASE)

README = """fieldapp diagnostics (诊断信息)
=============================

Made {made} by fieldapp {version} for support.

Inside: the log files (logs/), the recent log in memory (recent-log.txt), the versions (versions.txt), the
settings without secrets (settings.json), doctor's checks of the database and the photo files (doctor.txt),
the database's kind, schema and size and the data folder's sizes and counts (database.txt), and the crash
reports (crashes/).

Not inside: the database, its backups, photos, signatures or notices. They hold customers' data and never
leave the device this way.

内容：日志文件、版本、设置（不含密码等机密）、doctor 检查结果、
数据库与数据文件夹的概况（大小与数量）、错误报告。
不含：数据库、备份、照片、签名或通知书——这些含有客户数据，不会通过诊断信息导出。
"""


@dataclass(frozen=True)
class DiagnosticsResult:
    path: Path
    members: tuple[str, ...]
    problems: int  # what doctor found (-1 when it could not run)


@dataclass
class _Zip:
    members: dict[str, bytes | Path] = field(default_factory=dict)

    def text(self, name: str, content: str) -> None:
        self.members[name] = content.encode("utf-8")

    def file(self, name: str, path: Path) -> None:
        self.members[name] = path


def _attempt(what: str, work: Callable[[], str]) -> str:
    """Each part on its own: one that fails (a damaged database) is described, the rest still written."""
    try:
        return work()
    except Exception as exc:
        log.warning("diagnostics: %s failed: %s", what, exc)
        return f"({what} failed: {type(exc).__name__}: {exc})\n"


def _settings(backend: Backend) -> str:
    values: dict[str, Any] = {}
    for declared in SETTINGS:
        if SECRET_KEY.search(declared.key):
            values[declared.key] = "(left out: a secret)"
            continue
        values[declared.key] = backend.call(get_setting, declared.key)
    return json.dumps(values, ensure_ascii=False, indent=2, default=str) + "\n"


def _doctor(backend: Backend, found: list[int]) -> str:
    problems = backend.call(run_doctor, backend.paths.photos)
    found.append(len(problems))
    if not problems:
        return "doctor: database and photo files are in order (数据库与照片文件检查通过)\n"
    lines = [f"doctor: {len(problems)} problems (发现 {len(problems)} 个问题)", *map(str, problems)]
    return "\n".join(lines) + "\n"


def _size(path: Path) -> str:
    try:
        return f"{path.stat().st_size / 1e6:.2f} MB"
    except OSError:
        return "missing"


def _database(backend: Backend) -> str:
    engine = backend.database.engine
    lines = [
        f"kind: {engine.dialect.name}",
        f"url: {engine.url.render_as_string(hide_password=True)}",
        f"schema: {current_revision(engine)} (this version's newest: {HEAD_REVISION})",
        f"device code: {backend.device_code}",
    ]
    file = sqlite_file(engine)
    if file is not None:
        lines += [f"file: {file.name}, {_size(file)}", f"-wal: {_size(file.with_name(file.name + '-wal'))}"]
    lines += [f"{key}: {value}" for key, value in backend.call(collect_stats).items()]
    return "\n".join(lines) + "\n"


def _folder(paths: DataPaths) -> str:
    """Sizes and counts, never names of customers' files: photos are counted, not listed."""
    lines = [f"data folder: {paths.root}"]
    if paths.photos.is_dir():
        photos = [p for p in paths.photos.rglob("*") if p.is_file()]
        lines.append(f"photos: {len(photos)} files, {sum(p.stat().st_size for p in photos) / 1e6:.1f} MB")
    backups = list_backups(paths.backups)
    lines.append(f"backups: {len(backups)}")
    lines += [f"  {b.path.name}  {_size(b.path)}" for b in backups]
    return "\n".join(lines) + "\n"


def _is_customer_data(path: Path) -> bool:
    """A last guard: whatever is added as a file must not be a database (or a backup of one)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return True


def export_diagnostics(
    out: Path,
    paths: DataPaths,
    *,
    backend: Backend | None,
    recent: RecentLog | None = None,
    open_error: str | None = None,
) -> DiagnosticsResult:
    """Write the zip to `out` (replaced if there; written beside it and renamed). `backend` is None when
    the database could not be opened: `open_error` then says why, and the rest is still written."""
    made = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    bundle = _Zip()
    bundle.text("README.txt", README.format(made=made, version=__version__))
    bundle.text("versions.txt", versions_text() + "\n")
    found: list[int] = []
    if backend is not None:
        bundle.text("settings.json", _attempt("reading the settings", lambda: _settings(backend)))
        bundle.text("database.txt", _attempt("describing the database", lambda: _database(backend)))
        bundle.text("doctor.txt", _attempt("doctor", lambda: _doctor(backend, found)))
    else:
        reason = f"the database could not be opened: {open_error or 'unknown reason'}\n"
        bundle.text("database.txt", reason)
        bundle.text("doctor.txt", "doctor did not run: " + reason)
    bundle.text("data-folder.txt", _attempt("describing the data folder", lambda: _folder(paths)))
    if recent is not None:
        bundle.text("recent-log.txt", recent.text() + "\n")
    if paths.logs.is_dir():
        for path in log_files(paths.logs):
            bundle.file(f"logs/{path.name}", path)
    for path in crash_reports(paths.crashes):
        bundle.file(f"crashes/{path.name}", path)
    members = _write_zip(bundle, out)
    log.info("diagnostics written to %s (%d files)", out, len(members))
    return DiagnosticsResult(out, members, found[0] if found else -1)


def _write_zip(bundle: _Zip, out: Path) -> tuple[str, ...]:
    written: list[str] = []
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in bundle.members.items():
                if isinstance(content, Path):
                    if _is_customer_data(content):
                        continue
                    try:
                        data = content.read_bytes()
                    except OSError as exc:  # rotated away while we listed it
                        data = f"(could not be read: {exc})\n".encode()
                    archive.writestr(name, data)
                else:
                    archive.writestr(name, content)
                written.append(name)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return tuple(written)
