"""A short list shown as cards rather than table rows: one card per row of a RowTableModel, its title in
large type, the other columns as wrapped "caption: value" text, a badge (e.g. "overdue 12 days"), and one
big button. Cards reflow on a portrait tablet where a table would need sideways scrolling, and a whole card
is a tap target. Meant for lists of tens of rows (the Today page), not thousands: each card is widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from fieldapp.gui.page_kit import BUTTON_HEIGHT
from fieldapp.gui.row_model import RowTableModel, Tone

_TONE_NAMES = {Tone.NORMAL: "", Tone.WARN: "warn", Tone.ALERT: "alert"}


class Card(QFrame):
    """One row. `tapped` on a press and release inside the card (not on its button, which has its own)."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("cardDetail")
        self.detail.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("cardBadge")
        self.badge.setWordWrap(True)
        self.button = QPushButton()
        self.button.setMinimumHeight(BUTTON_HEIGHT)
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        texts.addWidget(self.badge)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addLayout(texts, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Accepting the press makes the card the receiver of the release too, wherever inside it (on a
        # label) the press landed; an ignored press leaves the release to chance.
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            event.accept()
            self.tapped.emit()
        else:
            super().mouseReleaseEvent(event)


class CardList(QWidget):
    """Cards for the rows of `model`. `title_column` gives each card's title, `badge_column` (if any) its
    badge; every other column is a detail. A card's tone is the strongest tone of its cells."""

    card_tapped = Signal(int)  # row
    button_clicked = Signal(int)  # row

    def __init__(
        self,
        model: RowTableModel[Any],
        *,
        button_text: str,
        empty_text: str,
        title_column: int = 0,
        badge_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._button_text = button_text
        self._title_column = title_column
        self._badge_column = badge_column
        self.cards: list[Card] = []
        self.empty_note = QLabel(empty_text)
        self.empty_note.setObjectName("emptyNote")
        self.empty_note.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self._layout.addWidget(self.empty_note)
        model.modelReset.connect(self._rebuild)
        self._rebuild()

    def _rebuild(self) -> None:
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        separator = QCoreApplication.translate("CardList", " · ")
        pair = QCoreApplication.translate("CardList", "%1: %2")
        for row in range(self.model.rowCount()):
            card = Card(self)
            card.title.setText(self._text(row, self._title_column))
            details = [
                pair.replace("%1", self.model.header_text(c)).replace("%2", self._text(row, c))
                for c in range(self.model.columnCount())
                if c not in (self._title_column, self._badge_column)
            ]
            card.detail.setText(separator.join(details))
            if self._badge_column is None:
                card.badge.hide()
            else:
                card.badge.setText(self._text(row, self._badge_column))
                card.badge.setProperty("tone", _TONE_NAMES[self.model.tone(row, self._badge_column)])
            strongest = max(self.model.tone(row, c) for c in range(self.model.columnCount()))
            card.setProperty("tone", _TONE_NAMES[strongest])
            card.button.setText(self._button_text)
            card.tapped.connect(lambda r=row: self.card_tapped.emit(r))
            card.button.clicked.connect(lambda _checked=False, r=row: self.button_clicked.emit(r))
            self._layout.addWidget(card)
            self.cards.append(card)
        self.empty_note.setVisible(not self.cards)

    def _text(self, row: int, column: int) -> str:
        return str(self.model.data(self.model.index(row, column)))
