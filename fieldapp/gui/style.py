"""The look: large type and touch targets for a tablet held in one hand (body text 14 pt, targets 48 px)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BODY_POINT_SIZE = 14
# Tablets run Windows (Microsoft YaHei); development machines have WenQuanYi from the distribution.
CJK_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "sans-serif",
]

STYLE_SHEET = """
#navRail { background: #1f3a5f; min-width: 132px; }
#navRail QToolButton {
    color: #e8eef6; background: transparent; border: none; border-radius: 10px;
    padding: 10px 8px; font-size: 15pt; text-align: left;
}
#navRail QToolButton:checked { background: #ffffff; color: #1f3a5f; font-weight: bold; }
#brand { color: #ffffff; font-size: 16pt; font-weight: bold; padding: 8px 8px 16px 8px; }
#deviceCode { color: #b9c7d8; font-size: 11pt; padding: 4px 8px; }
#pageTitle { font-size: 22pt; font-weight: bold; color: #1f3a5f; }
#notBuilt { font-size: 15pt; color: #5a6472; }
QLineEdit { min-height: 48px; padding: 0 12px; border: 1px solid #9aa8b8; border-radius: 8px; }
QTableView { gridline-color: #e3e8ee; selection-background-color: #cfe0f5; selection-color: #0b1a2e; }
QHeaderView::section { padding: 8px; background: #eef2f6; border: none; border-bottom: 1px solid #c9d3de;
    font-weight: bold; }
#resultCount { color: #5a6472; padding-left: 12px; }
"""


def apply_style(app: QApplication) -> None:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSize(BODY_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
