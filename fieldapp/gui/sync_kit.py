"""What the Sync page's panes share: their style rules, the folder the person last used, and small widgets
(a selectable path, a caption, a count with its name under it)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fieldapp.domain.errors import FieldappError
from fieldapp.services.settings_store import get_setting, set_setting

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend

FOLDER_SETTING = "sync.folder"

SYNC_STYLE = """
QComboBox { min-height: 48px; padding: 0 12px; font-size: 15pt; }
QProgressBar { min-height: 28px; border: 1px solid #9aa8b8; border-radius: 6px; text-align: center;
    background: #f4f6f9; }
QProgressBar::chunk { background: #1f6f43; border-radius: 5px; }
#syncPath { font-size: 13pt; color: #0b1a2e; background: #f5f7fa; border-radius: 6px; padding: 8px 10px; }
#syncNote { font-size: 13pt; color: #33404f; }
#syncHeadline { font-size: 16pt; font-weight: bold; color: #1f3a5f; }
#syncHeadline[tone="alert"] { color: #b3261e; }
#syncHeadline[tone="ok"] { color: #1f6f43; }
#countValue { font-size: 24pt; font-weight: bold; color: #1f3a5f; }
#countValue[tone="alert"] { color: #b3261e; }
#countValue[tone="warn"] { color: #8a5300; }
#countCaption { font-size: 13pt; color: #33404f; }
QTableView#syncProblemTable::item { padding: 0px; }
"""


def repolish(widget: QWidget) -> None:
    """Apply the style rules again after a dynamic property (tone) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_tone(widget: QWidget, tone: str) -> None:
    widget.setProperty("tone", tone)
    repolish(widget)


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldCaption")
    label.setWordWrap(True)
    return label


def path_label(name: str) -> QLabel:
    """A path a person can select and copy (no file manager is opened from the app)."""
    label = QLabel()
    label.setObjectName("syncPath")
    label.setProperty("pathName", name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def note_label() -> QLabel:
    label = QLabel()
    label.setObjectName("syncNote")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CountTile(QFrame):
    """A count, large, with what it counts under it (新增 4856)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldBox")
        self.value = QLabel("0")
        self.value.setObjectName("countValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(name)
        self.caption.setObjectName("countCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_count(self, count: int, tone: str = "") -> None:
        self.value.setText(str(count))
        set_tone(self.value, tone if count else "")


def last_folder(backend: Backend) -> Path | None:
    """The folder last used for an exchange, if it is still there (a USB stick may be out)."""
    try:
        stored = str(backend.call(get_setting, FOLDER_SETTING))
    except FieldappError:
        return None
    return Path(stored) if stored and Path(stored).is_dir() else None


def remember_folder(backend: Backend, folder: Path) -> None:
    """Kept for the next exchange; losing it loses nothing but a default."""
    with contextlib.suppress(FieldappError):
        backend.call(set_setting, FOLDER_SETTING, str(folder))


def start_folder(backend: Backend) -> str:
    """Where a file dialog opens: the last folder used, else the documents folder."""
    folder = last_folder(backend)
    if folder is not None:
        return str(folder)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )
