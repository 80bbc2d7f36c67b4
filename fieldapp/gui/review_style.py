"""The review page's own style rules, added to fieldapp.gui.style.STYLE_SHEET: the page applies them to
itself with setStyleSheet, so they reach only its widgets (and the photo strips it embeds)."""

from __future__ import annotations

REVIEW_STYLE = """
#reviewContent { background: #f5f7fa; }
#reviewHeading { font-size: 18pt; font-weight: bold; color: #1f3a5f; padding-top: 12px; }
#reviewSubtitle { font-size: 15pt; color: #33404f; }
#reviewNote { font-size: 14pt; color: #5a6472; }
#reviewBanner { font-size: 15pt; color: #1f3a5f; background: #e3eefb; border: 1px solid #9fbde3;
    border-radius: 8px; padding: 10px 14px; }
#reviewCard { background: #ffffff; border: 1px solid #c9d3de; border-radius: 10px; }
#reviewCard[tone="alert"] { border: 2px solid #b3261e; background: #fff7f6; }
#cardTitle { font-size: 16pt; font-weight: bold; color: #0b1a2e; }
#cardDetail { font-size: 14pt; color: #33404f; }
#fieldCaption { font-size: 13pt; color: #5a6472; }
#inlineProblem { color: #b3261e; background: #fdecea; border: 1px solid #f1b5b0; border-radius: 8px;
    padding: 8px 12px; font-size: 14pt; }
#inlineInfo { color: #1f3a5f; font-size: 14pt; padding: 4px 0; }
#missingList { font-size: 14pt; color: #8a5300; }
QPushButton { min-height: 48px; min-width: 48px; padding: 0 18px; font-size: 15pt;
    border: 1px solid #9aa8b8; border-radius: 8px; background: #eef2f6; color: #1f3a5f; }
QPushButton:pressed { background: #cfe0f5; }
QPushButton:checked { background: #1f3a5f; color: #ffffff; border-color: #1f3a5f; }
QPushButton:disabled { color: #9aa8b8; background: #f1f3f6; border-color: #d5dbe3; }
QPushButton:checked:disabled { color: #ffffff; background: #5a6f8a; border-color: #5a6f8a; }
QPushButton#openItemButton { text-align: left; padding: 8px 16px; background: #fff4e0; border-color: #e0b060;
    color: #5a3b00; }
QPushButton#severitySerious:checked { background: #b3261e; border-color: #b3261e; }
QPushButton#primaryButton { background: #1f6f43; color: #ffffff; border-color: #1f6f43; font-weight: bold; }
QPushButton#primaryButton:pressed { background: #155233; }
QPushButton#primaryButton:disabled { background: #b9c9bf; color: #ffffff; border-color: #b9c9bf; }
QPushButton#dangerButton { color: #b3261e; border-color: #e3a9a4; background: #fff7f6; }
QPlainTextEdit { font-size: 14pt; border: 1px solid #9aa8b8; border-radius: 8px;
    background: #ffffff; padding: 4px 8px; }
QPlainTextEdit[readOnly="true"] { background: #f5f7fa; }
QDateEdit { min-height: 48px; font-size: 14pt; }
QCalendarWidget QAbstractItemView { font-size: 15pt; }
QCalendarWidget QToolButton { min-height: 44px; font-size: 15pt; }
"""
