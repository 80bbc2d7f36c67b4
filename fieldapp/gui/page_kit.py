"""Building blocks shared by the Today, customer and Inspections pages: their extra style rules, a table
view set up for fingers, the inline error line, and how dates and times are written on screen.

The rules here add to fieldapp.gui.style.STYLE_SHEET; each page applies them to itself with
setStyleSheet, so they reach only these pages' widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScroller,
    QStackedWidget,
    QTableView,
)

from fieldapp.domain.dates import local_day

ROW_HEIGHT = 52  # at least 48 px to tap, with room for 14 pt text
BUTTON_HEIGHT = 56

# The findings table wraps its descriptions: item padding from a style sheet is not counted when Qt measures
# a wrapped cell's height, so that table goes without it (else the last line is cut off).
PAGE_STYLE = """
#sectionTitle { font-size: 17pt; font-weight: bold; color: #1f3a5f; padding-top: 8px; }
#subtitle { font-size: 15pt; color: #33404f; }
#fieldCaption { font-size: 12pt; color: #5a6472; }
#fieldValue { font-size: 15pt; color: #0b1a2e; }
#fieldBox { background: #f5f7fa; border-radius: 8px; }
#pageError { color: #b3261e; background: #fdecea; border: 1px solid #f1b5b0; border-radius: 8px;
    padding: 10px 14px; font-size: 14pt; }
#emptyNote { color: #5a6472; font-size: 15pt; padding: 16px 4px; }
#card { background: #ffffff; border: 1px solid #c9d3de; border-radius: 10px; }
#card[tone="alert"] { border: 2px solid #b3261e; background: #fff7f6; }
#cardTitle { font-size: 16pt; font-weight: bold; color: #0b1a2e; }
#cardDetail { font-size: 14pt; color: #33404f; }
#cardBadge { font-size: 14pt; font-weight: bold; color: #1f3a5f; }
#cardBadge[tone="alert"] { color: #b3261e; }
#cardBadge[tone="warn"] { color: #8a5300; }
QTableView::item { padding: 0 6px; }
QTableView#openFindingsTable::item { padding: 0px; }
QPushButton { min-height: 48px; min-width: 48px; padding: 0 18px; font-size: 15pt;
    border: 1px solid #9aa8b8; border-radius: 8px; background: #eef2f6; color: #1f3a5f; }
QPushButton:pressed { background: #cfe0f5; }
QPushButton:checked { background: #1f3a5f; color: #ffffff; border-color: #1f3a5f; }
QPushButton#primaryButton { background: #1f6f43; color: #ffffff; border-color: #1f6f43; font-weight: bold; }
QPushButton#primaryButton:pressed { background: #155233; }
QTabBar::tab { min-height: 48px; min-width: 72px; padding: 0 12px; font-size: 15pt; color: #33404f;
    background: transparent; border: none; border-bottom: 3px solid transparent; }
QTabBar::tab:selected { color: #1f3a5f; font-weight: bold; border-bottom: 3px solid #1f3a5f; }
QTabBar::scroller { width: 96px; }
QTabBar QToolButton { min-width: 48px; min-height: 48px; background: #eef2f6; border: 1px solid #9aa8b8; }
"""


def touch_table(object_name: str) -> QTableView:
    """A read-only table of whole rows, one tap to choose a row, rows tall enough for a finger, dragged
    with the finger to scroll (QScroller also turns a mouse's or pen's drag into scrolling)."""
    table = QTableView()
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.horizontalHeader().setMinimumHeight(ROW_HEIGHT)
    table.horizontalHeader().setHighlightSections(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    QScroller.grabGesture(table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return table


class DateEdit(QDateEdit):
    """A date field whose calendar opens on the current month while no date is entered. The empty value
    is the field's minimum date (shown as its special value text, say 1900-01-01), and Qt's calendar
    would open on that month: a finger would have to page through decades to reach this year."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)  # a tap on the arrow shows the calendar (and returns at once)
        self._open_on_today()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # F4 or Alt+Down show it too
        self._open_on_today()

    def _open_on_today(self) -> None:
        if not self.calendarPopup() or self.date() != self.minimumDate():
            return
        calendar = self.calendarWidget()
        if calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


def error_label() -> QLabel:
    """The line where a page says what went wrong (hidden while nothing has)."""
    label = QLabel()
    label.setObjectName("pageError")
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def day_text(day: date | None) -> str:
    """ISO dates, as Chinese forms and the office's workbooks write them; a dash when there is none."""
    return day.isoformat() if day is not None else "—"


def local_day_text(moment: datetime | None) -> str:
    return day_text(local_day(moment)) if moment is not None else "—"


def local_time_text(moment: datetime) -> str:
    """Stored in UTC, shown in the device's time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def prefers_chinese() -> bool:
    """Whether the interface is in Chinese (fieldapp.gui.app.install_translators sets the default locale),
    for texts stored in both languages, such as checklist titles."""
    return QLocale().language() == QLocale.Language.Chinese


SEARCH_DELAY_MS = 150  # wait for a pause in typing, so each keystroke does not run a query


def debounced(owner: QObject, edit: QLineEdit, apply: Callable[[], None]) -> QTimer:
    """Run `apply` once typing in `edit` pauses (or at once on Enter); the timer is returned so `apply` can
    stop it when it runs for another reason."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(apply)
    edit.textChanged.connect(lambda _text: timer.start())
    edit.returnPressed.connect(apply)
    return timer


class ListOrNote(QStackedWidget):
    """A list, or in its place a sentence saying why it is empty (an empty table says nothing)."""

    def __init__(self, table: QTableView, empty_text: str) -> None:
        super().__init__()
        self.table = table
        self.note = QLabel(empty_text)
        self.note.setObjectName("emptyNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.addWidget(table)
        self.addWidget(self.note)

    def show_count(self, count: int) -> None:
        self.setCurrentWidget(self.table if count else self.note)
