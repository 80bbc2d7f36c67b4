"""The crash handler: an unexpected error leaves a report for support (traceback, versions, the recent log)
in crashes/, is logged, and is presented, or said on stderr when nobody is there; a dialog that fails does
not make it recurse; a hard crash (faulthandler) leaves a trace the next start turns into a report; the
command line reports a bug before Python's traceback."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit import REPO_ROOT

from fieldapp import cli, crash
from fieldapp.crash import MAX_REPORTS_PER_RUN, CrashHandler, CrashReport, crash_reports
from fieldapp.logs import RecentLog

log = logging.getLogger("fieldapp.tests.crash")


@pytest.fixture
def recent() -> Iterator[RecentLog]:
    handler = RecentLog()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def _boom() -> None:
    raise ValueError("测量值无法换算 cannot convert the reading")


def _caught() -> crash.ExcInfo:
    try:
        _boom()
    except ValueError as exc:
        return (type(exc), exc, exc.__traceback__)
    raise AssertionError("unreachable")


def test_a_report_holds_the_traceback_versions_and_recent_log(
    tmp_path: Path, recent: RecentLog, capsys: pytest.CaptureFixture[str]
) -> None:
    log.warning("opened inspection 42 before the error")
    handler = CrashHandler(tmp_path / "crashes", recent, data_dir=tmp_path)

    report = handler.handle(_caught(), thread_name="MainThread")

    assert report.path is not None and report.path.parent == tmp_path / "crashes"
    assert report.path.name.startswith("crash-") and report.path.suffix == ".txt"
    text = report.path.read_text(encoding="utf-8")
    assert report.text == text
    assert report.summary == "ValueError: 测量值无法换算 cannot convert the reading"
    for expected in (
        "error: ValueError: 测量值无法换算",
        "Traceback (most recent call last)",
        "in _boom",
        "SQLAlchemy",
        "PySide6",
        "Python",
        f"data folder: {tmp_path}",
        "opened inspection 42 before the error",
    ):
        assert expected in text, expected
    # Nobody to show it to: stderr says where it is, and the error is in the log.
    err = capsys.readouterr().err
    assert str(report.path) in err and "Traceback" in err
    assert any("unexpected error in MainThread" in line.text for line in recent.lines(logging.ERROR))


def test_the_same_error_twice_has_the_same_signature(tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path)
    first, second = handler.handle(_caught()), handler.handle(_caught())
    assert first.signature == second.signature and first.path != second.path


def test_install_takes_over_the_hooks_and_uninstall_puts_them_back(tmp_path: Path) -> None:
    before = (sys.excepthook, threading.excepthook)
    presented: list[CrashReport] = []
    handler = CrashHandler(tmp_path / "crashes", present=presented.append).install()
    try:
        assert sys.excepthook != before[0] and threading.excepthook != before[1]
        # An error in a worker thread reaches threading.excepthook.
        worker = threading.Thread(target=_boom, name="photo-worker")
        worker.start()
        worker.join()
        # One in the main thread reaches sys.excepthook (as Qt's event loop passes a slot's error on).
        sys.excepthook(*_caught())
    finally:
        handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    assert [r.summary.split(":")[0] for r in presented] == ["ValueError", "ValueError"]
    assert "thread: photo-worker" in presented[0].text
    assert len(crash_reports(tmp_path / "crashes")) == 2


def test_a_presenter_that_fails_does_not_recurse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[CrashReport] = []

    def broken(report: CrashReport) -> None:
        calls.append(report)
        raise RuntimeError("the dialog cannot be built")

    handler = CrashHandler(tmp_path, present=broken).install()
    try:
        report = handler.handle(_caught())
    finally:
        handler.uninstall()
    assert len(calls) == 1 and report.path is not None and report.path.is_file()
    assert "无法显示错误对话框" in capsys.readouterr().err


def test_an_error_repeating_without_end_writes_a_bounded_number_of_reports(tmp_path: Path) -> None:
    handler = CrashHandler(tmp_path)
    reports = [handler.handle(_caught(), echo_traceback=False) for _ in range(MAX_REPORTS_PER_RUN + 5)]
    assert all(r.path is not None for r in reports[:MAX_REPORTS_PER_RUN])
    assert all(r.path is None for r in reports[MAX_REPORTS_PER_RUN:])
    assert len(crash_reports(tmp_path)) == MAX_REPORTS_PER_RUN


def test_old_reports_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crash, "KEEP_REPORTS", 3)
    for number in range(5):
        (tmp_path / f"crash-20260101-00000{number}-000000.txt").write_text("old", encoding="utf-8")
    report = CrashHandler(tmp_path).handle(_caught(), echo_traceback=False)
    left = crash_reports(tmp_path)
    assert len(left) == 3 and left[-1] == report.path


def test_a_hard_crash_leaves_a_trace_that_the_next_start_turns_into_a_report(tmp_path: Path) -> None:
    crashes = tmp_path / "crashes"
    child = textwrap.dedent(
        f"""
        import faulthandler, sys
        from pathlib import Path
        from fieldapp.crash import CrashHandler
        handler = CrashHandler(Path({str(crashes)!r})).install()
        assert handler.fatal_trace_file is not None
        faulthandler._sigsegv()
        """
    )
    done = subprocess.run([sys.executable, "-c", child], cwd=REPO_ROOT, capture_output=True, timeout=60)
    assert done.returncode != 0
    (trace,) = crashes.glob("fatal-*.log")
    assert "Fatal Python error" in trace.read_text(encoding="utf-8")

    made = CrashHandler(crashes).collect_fatal_traces()

    assert [p.name.endswith("-fatal.txt") for p in made] == [True]
    text = made[0].read_text(encoding="utf-8")
    assert "the app ended abruptly" in text and "Fatal Python error" in text
    assert not list(crashes.glob("fatal-*.log"))


def test_a_process_that_ends_normally_leaves_no_trace_file(tmp_path: Path) -> None:
    crashes = tmp_path / "crashes"
    child = textwrap.dedent(
        f"""
        from pathlib import Path
        from fieldapp.crash import CrashHandler
        handler = CrashHandler(Path({str(crashes)!r})).install()
        assert handler.fatal_trace_file is not None and handler.fatal_trace_file.exists()
        handler.uninstall()
        """
    )
    done = subprocess.run([sys.executable, "-c", child], cwd=REPO_ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert list(crashes.iterdir()) == []


def test_a_bug_in_a_command_leaves_a_report_then_python_s_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def buggy(_args: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "_stats", buggy)
    hooks = (sys.excepthook, threading.excepthook)
    with pytest.raises(KeyError):
        cli.main(["--data-dir", str(tmp_path / "data"), "stats"])
    (report,) = crash_reports(tmp_path / "data" / "crashes")
    assert "KeyError: 'a bug'" in report.read_text(encoding="utf-8")
    assert str(report) in capsys.readouterr().err
    assert (sys.excepthook, threading.excepthook) == hooks  # the command line put them back
