"""The child process of test_gui_kill.py: the real app, driven the way an inspector drives it, until killed.

    python gui_kill_child.py DATA_DIR INSPECTION_UUID

It opens the main window on DATA_DIR (create_main_window, Chinese), taps Continue on the Today page's card
of the inspection, then answers item after item on the answering page with mouse clicks and key presses:
verdict buttons, readings typed and confirmed with Enter, a seal's number, a choice, a Chinese answer text,
and on every third item a Chinese note typed and left alone until its pause has passed and it is stored.
Date items get only a note. Output, one line each, flushed:

    AT <item>                       the card shows <item> (after Continue, or after Next)
    ACK <item> <what> <value>       an answer given on <item>, already committed: <what> is verdict, number,
                                    choice, text, seal or note; <value> has no spaces
    GO <item>                       about to tap Next, towards <item>

An ACK line is printed only when the tap or the Enter has returned and the page's state, read back from
the database after the write (InspectionPage._write commits, then reads), holds the value; a note's ACK
once its debounce timer has fired and the same holds for the note.

Before each Next the child waits PAUSE_BEFORE_NEXT_S, so that a kill that follows an ACK or AT line at
once lands before the card moves: the item of the last AT line is then the one the app was on (the move is
remembered in the database by the Next itself). A late kill, after GO, may land either side of the move;
the parent accepts both items then. The child stops by itself after MAX_SECONDS, and at the last item."""

from __future__ import annotations

import os
import re
import sys
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.domain.enums import AnswerKind, Verdict
from fieldapp.gui.app import create_main_window
from fieldapp.gui.inspection_page import InspectionPage
from fieldapp.services.backend import open_backend

MAX_SECONDS = 120
PAUSE_BEFORE_NEXT_S = 0.5
WAIT_S = 20.0  # the longest wait for the window to settle or a note to be stored
WINDOW_SIZE = (1280, 800)

# Readings inside every constraint of the built-in periodic checklist (a power factor at most 1, an
# absorption ratio at most 10, ...); some beyond a rule's limit, so proposals appear on the card too.
NUMBERS = {"C09": "850", "C10": "1.6", "C11": "2.1", "E01": "630", "F03": "150", "G02": "0.93"}
DEFAULT_NUMBER = "1.8"
CHOICES = {"F02": "diesel", "H02": "mv"}  # each brings conditional items into view
VERDICTS = (Verdict.OK, Verdict.OK, Verdict.DEFECT, Verdict.OK, Verdict.NOT_APPLICABLE)
SEAL = "LH2026{n:03d}"
TEXT = "已核对运行记录{n}份"
NOTE = "现场核对第{n}项：柜门已锁，记录{n}页"


class ChildError(Exception):
    """The app did not do what a person would have seen it do: the parent reports stderr."""


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise ChildError(f"timed out waiting for {what}")
        QTest.qWait(10)


def tap(widget: QWidget) -> None:
    if not (widget.isVisible() and widget.isEnabled()):
        raise ChildError(f"cannot tap {widget.objectName() or widget!r}: hidden or disabled")
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_text(widget: QWidget, text: str) -> None:
    """ASCII as key presses, Chinese as an input method commits it (QTest has no keys for it)."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            QTest.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def enter(page: InspectionPage, text: str) -> None:
    """Tap the field, select what is there, type over it, press Enter."""
    tap(page.value_edit)
    page.value_edit.selectAll()
    type_text(page.value_edit, text)
    QTest.keyClick(page.value_edit, Qt.Key.Key_Return)


def stored(page: InspectionPage, code: str, check: Callable[..., bool], what: str) -> None:
    """The state the page read back after its write holds the answer, or the child fails loudly."""
    answer = page.answer(code)
    if page.message.isVisible() or answer is None or not check(answer):
        raise ChildError(f"{code}: {what} not stored (message {page.message.text()!r}, answer {answer!r})")


def stored_note(page: InspectionPage, code: str) -> str | None:
    answer = page.answer(code)
    return None if answer is None else answer.note


def answer_item(page: InspectionPage, n: int) -> None:
    """Answer the item on the card by its widgets, printing an ACK per committed answer."""
    code = page.current_code
    assert code is not None
    item = page.items[code]
    if item.kind in (AnswerKind.VERDICT, AnswerKind.SEAL):
        verdict = VERDICTS[n % len(VERDICTS)]
        tap(page.verdict_buttons[verdict])
        stored(page, code, lambda a: a.verdict is verdict, "verdict")
        say(f"ACK {code} verdict {verdict.value}")
    if item.kind is AnswerKind.NUMBER:
        number = NUMBERS.get(code, DEFAULT_NUMBER)
        enter(page, number)
        stored(page, code, lambda a: a.number == Decimal(number), "number")
        say(f"ACK {code} number {number}")
    elif item.kind is AnswerKind.SEAL:
        seal = SEAL.format(n=n)
        enter(page, seal)
        stored(page, code, lambda a: a.text == seal, "seal number")
        say(f"ACK {code} seal {seal}")
    elif item.kind is AnswerKind.TEXT:
        text = TEXT.format(n=n)
        enter(page, text)
        stored(page, code, lambda a: a.text == text, "text")
        say(f"ACK {code} text {text}")
    elif item.kind is AnswerKind.CHOICE:
        name = CHOICES.get(code) or item.choices[0].name
        tap(page.choice_buttons[name])
        stored(page, code, lambda a: a.text == name, "choice")
        say(f"ACK {code} choice {name}")
    if n % 3 == 1 or item.kind is AnswerKind.DATE:
        note = NOTE.format(n=n)
        QTest.mouseClick(page.note_edit.viewport(), Qt.MouseButton.LeftButton)
        type_text(page.note_edit, note)
        # Left alone: the page stores it once typing has paused (InspectionPage.NOTE_DELAY_MS).
        wait_until(lambda: stored_note(page, code) == note, f"the note on {code} to be stored")
        stored(page, code, lambda a: a.note == note, "note")
        say(f"ACK {code} note {note}")


def run(data_dir: Path, inspection_id: uuid.UUID) -> int:
    stop_at = time.monotonic() + MAX_SECONDS
    backend = open_backend(str(data_dir))
    window = create_main_window(backend, "zh_CN")
    window.resize(*WINDOW_SIZE)
    window.show()
    if not QTest.qWaitForWindowExposed(window):
        raise ChildError("the window was never exposed")
    if window.current_page_key() != "today":
        raise ChildError(f"the window opened on {window.current_page_key()!r}, not on Today")

    # Continue on the inspection's card, as in the morning.
    today = window.workflow.today
    model = today.in_progress_model
    wait_until(
        lambda: model.rowCount() > 0 and len(today.in_progress_list.cards) == model.rowCount(), "Today"
    )
    row = next(r for r in range(model.rowCount()) if model.row_at(r).inspection_id == inspection_id)
    card = today.in_progress_list.cards[row]
    wait_until(lambda: card.button.isVisible() and card.button.height() >= 48, "the Continue button")
    tap(card.button)
    page = window.workflow.answering
    if window.current_page_key() != "inspections" or page.inspection_id != inspection_id:
        raise ChildError("Continue did not open the inspection")
    say(f"AT {page.current_code}")

    n = 0
    while time.monotonic() < stop_at:
        n += 1
        answer_item(page, n)
        QTest.qWait(round(PAUSE_BEFORE_NEXT_S * 1000))
        shown = page.visible_codes()
        here = shown.index(page.current_code) if page.current_code in shown else -1
        if here < 0 or here + 1 >= len(shown):
            return 3  # the last item, and not killed: the parent reports it
        target = shown[here + 1]
        say(f"GO {target}")
        tap(page.next_button)
        if page.current_code != target or not page.prompt_label.text().startswith(target):
            raise ChildError(f"Next went to {page.current_code}, not {target}")
        say(f"AT {target}")
    return 3  # not killed in time


def main(argv: list[str]) -> int:
    try:
        return run(Path(argv[0]), uuid.UUID(argv[1]))
    except ChildError as exc:
        print(f"gui_kill_child: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
