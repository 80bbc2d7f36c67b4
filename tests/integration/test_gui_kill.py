"""The app killed mid-inspection reopens on the same inspection, at the same item, with every answer given.

The demo's inspection in progress is answered in a child process (gui_kill_child.py) that runs the real
window offscreen: Continue on the Today page, then verdict buttons, readings typed and confirmed with Enter,
seal numbers, choices that bring conditional items into view, Chinese text and Chinese notes left to be
stored by their pause, Next after each item. The child prints `AT <item>` when the card shows an item and
`ACK <item> <what> <value>` once an answer is committed. The parent kills it (proc.kill(): SIGKILL on
POSIX, TerminateProcess on Windows) the moment it has read the KILL_AFTER-th of those lines, so the kill
lands while the child is busy with what comes next:

- 2: after the first reading on the first item, while its note is being typed and waits for its pause;
- 10: after the seal number of D01, while its note is typed;
- 25: just after Next landed on D07, while its verdict is tapped;
- 46: on F03, an item that the choice on F02 brought into view, while its reading is typed.

(The counts follow the demo's inspection, which the child enters at item C09; if the demo changes, the
points move to other moments but stay mid-inspection.) Then this process opens the app on the same data
folder, as after a crash, and checks that it comes back on the answering page of that inspection
(Workflow.resume, setting ui.open_inspection) at the item of the last AT line; that every acknowledged
answer and note is in the database (sheet_state) and on the card when the inspector goes back to it with
Previous; and that `fieldapp doctor` finds nothing wrong.

The child waits half a second before each Next (and says `GO <item>` just before it), so a kill that
follows an ACK or AT line at once lands before the card moves and the item is known exactly. A kill that
came too late for that (a very slow machine) may land on either side of the move: after a GO line both
items are accepted."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import shutil
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from testkit import run_cli

from fieldapp.domain.enums import Verdict
from fieldapp.gui.app import create_main_window
from fieldapp.gui.inspection_page import InspectionPage, number_text
from fieldapp.services.backend import open_backend
from fieldapp.services.demo import load_demo
from fieldapp.services.inspection_sheet import AnswerView, inspections_in_progress, sheet_state
from fieldapp.services.settings_store import get_setting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore(
        r"This plugin does not support propagateSizeHints",
        r"Couldn't (load|resolve) .*(library|symbols)",  # the photo strip's camera, once per process
    ),
]

CHILD = Path(__file__).resolve().with_name("gui_kill_child.py")
STEPS_TIMEOUT_S = 120.0  # the child's start (imports, demo data, first paint) and its steps on a slow CI
ENTRY_ITEM = "C09"  # where the demo's inspection was left, so where Continue opens it


@dataclass
class Child:
    """The running child and the complete lines it printed (read by a thread, so the pipe never fills and
    the lines printed just before the kill are kept)."""

    proc: subprocess.Popen[str]
    stderr_path: Path
    lines: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    reader: threading.Thread | None = None

    def read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def steps(self) -> int:
        return sum(1 for line in self.lines if line.startswith(("AT ", "ACK ")))

    def wait_for_steps(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.steps() < count and self.proc.poll() is None and time.monotonic() < deadline:
                self.changed.wait(0.05)
            reached = self.steps() >= count
        if not reached:
            self.proc.kill()
            self.proc.wait()
            pytest.fail(
                f"the child printed {self.steps()} steps, expected {count} (exit {self.proc.returncode})"
                f"\n--- stdout ---\n{''.join(self.lines)[-3000:]}"
                f"\n--- stderr ---\n{self.stderr_path.read_text(encoding='utf-8', errors='replace')[-4000:]}"
            )

    def kill(self) -> list[str]:
        """Kill (if still running), then the complete lines: a line cut by the kill acknowledges nothing."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        if self.reader is not None:
            self.reader.join(timeout=10)
        return [line.rstrip("\n") for line in self.lines if line.endswith("\n")]


def start_child(data_dir: Path, inspection_id: uuid.UUID, stderr_path: Path) -> Child:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"})
    with stderr_path.open("w", encoding="utf-8") as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(inspection_id)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            env=env,
            bufsize=1,
        )
    child = Child(proc, stderr_path)
    child.reader = threading.Thread(target=child.read, daemon=True)
    child.reader.start()
    return child


@dataclass
class Acknowledged:
    """What the child's lines say: every answer acknowledged per item, and where the card was."""

    answers: dict[str, dict[str, str]]  # item code -> {what: value}
    first_at: str
    items: frozenset[str]  # the item of the last AT line, or either side of a move cut by the kill
    last_at: str


def parse(lines: list[str]) -> Acknowledged:
    answers: dict[str, dict[str, str]] = {}
    ats: list[str] = []
    going: str | None = None
    for line in lines:
        tag, _, rest = line.partition(" ")
        if tag == "AT":
            ats.append(rest)
            going = None
        elif tag == "ACK":
            code, what, value = rest.split(" ", 2)
            answers.setdefault(code, {})[what] = value
        elif tag == "GO":
            going = rest
        else:
            raise AssertionError(f"unexpected line from the child: {line!r}")
    assert ats, f"the child never showed an item: {lines}"
    items = {ats[-1]} if going is None else {ats[-1], going}
    return Acknowledged(answers, ats[0], frozenset(items), ats[-1])


def holds(answer: AnswerView | None, what: str, value: str) -> bool:
    if answer is None:
        return False
    if what == "verdict":
        return answer.verdict is Verdict(value)
    if what == "number":
        return answer.number == Decimal(value)
    if what == "note":
        return answer.note == value
    return answer.text == value  # choice, text, seal


def card_shows(page: InspectionPage, what: str, value: str) -> bool:
    if what == "verdict":
        return page.verdict_buttons[Verdict(value)].isChecked()
    if what == "number":
        return page.value_edit.text() == number_text(Decimal(value))
    if what == "choice":
        return value in page.choice_buttons and page.choice_buttons[value].isChecked()
    if what == "note":
        return page.note_edit.toPlainText() == value
    return page.value_edit.text() == value  # text, seal


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo loaded once (seconds); each test copies it."""
    folder = tmp_path_factory.mktemp("gui-kill-demo") / "data"
    backend = open_backend(str(folder))
    try:
        backend.call(load_demo, photos_root=backend.paths.photos)
    finally:
        backend.close()
    return folder


@pytest.mark.parametrize("kill_after", [2, 10, 25, 46])
def test_killed_mid_inspection_reopens_at_the_same_item(
    qtbot: QtBot, demo_dir: Path, tmp_path: Path, kill_after: int
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(demo_dir, data_dir)
    backend = open_backend(str(data_dir))
    try:
        in_progress = backend.call(inspections_in_progress)
        assert len(in_progress) == 1
        inspection_id = in_progress[0].inspection_id
        assert in_progress[0].current_item_code == ENTRY_ITEM
        # Nothing is open yet: the child's window opens on Today and the inspector taps Continue.
        assert backend.call(get_setting, "ui.open_inspection") == ""
    finally:
        backend.close()

    child = start_child(data_dir, inspection_id, tmp_path / "child.err")
    try:
        child.wait_for_steps(kill_after, STEPS_TIMEOUT_S)
    finally:
        lines = child.kill()  # at once: the next moment the child is typing, tapping or storing
    returncode = child.proc.returncode  # -9 (SIGKILL) on POSIX, 1 (TerminateProcess) on Windows
    assert returncode not in (0, 2, 3), (
        f"the child stopped by itself before the kill (exit {returncode}):\n"
        + (tmp_path / "child.err").read_text(encoding="utf-8", errors="replace")[-4000:]
    )
    acked = parse(lines)
    assert acked.first_at == ENTRY_ITEM
    assert sum(len(done) for done in acked.answers.values()) >= 1

    # The app again, as after the crash: straight back to the inspection and the item.
    backend = open_backend(str(data_dir))
    try:
        window = create_main_window(backend, "zh_CN")
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        workflow = window.workflow
        page = workflow.answering
        assert window.current_page_key() == "inspections"
        assert workflow.inspections.currentWidget() is page
        assert page.inspection_id == inspection_id
        assert page.editable
        assert page.current_code in acked.items, (page.current_code, sorted(acked.items), lines[-5:])
        assert page.prompt_label.text().startswith(page.current_code)

        # Every acknowledged answer and note is stored ...
        state = backend.call(sheet_state, inspection_id)
        lost = [
            (code, what, value, state.answers.get(code))
            for code, done in acked.answers.items()
            for what, value in done.items()
            if not holds(state.answers.get(code), what, value)
        ]
        assert not lost, f"acknowledged but not stored after the kill: {lost}"

        # ... and on its card, going back item by item with Previous as far as the item Continue opened.
        seen: set[str] = set()
        for _ in range(len(page.visible_codes())):
            code = page.current_code
            assert code is not None
            for what, value in acked.answers.get(code, {}).items():
                assert card_shows(page, what, value), f"{code}: the card does not show {what} {value!r}"
            seen.add(code)
            if code == ENTRY_ITEM:
                break
            QTest.mouseClick(page.prev_button, Qt.MouseButton.LeftButton)
        assert set(acked.answers) <= seen, sorted(set(acked.answers) - seen)
        window.close()
    finally:
        backend.close()

    done = run_cli(["--data-dir", str(data_dir), "doctor"])
    assert done.returncode == 0, done.stdout + done.stderr
