"""The look of the answering page and the start dialog, on top of the app's style (fieldapp.gui.style):
big verdict buttons whose colour says what was chosen, a card for the item, banners for rule proposals and
for a locked inspection. Each widget applies its sheet to itself, so nothing here changes other pages."""

from __future__ import annotations

# Minimum height of every button a thumb taps on site; the app's floor is 48 logical px.
TOUCH_PX = 56
# The verdict buttons are the most used targets of the whole app: larger still.
VERDICT_PX = 72

INSPECTION_PAGE_STYLE = """
#inspectionHeader { font-size: 17pt; font-weight: bold; color: #1f3a5f; }
#inspectionSubheader { color: #5a6472; }
#savedLabel { color: #2e7d32; }
#lockedBanner { background: #eceff1; color: #263238; border: 1px solid #90a4ae; border-radius: 8px;
    padding: 10px 14px; font-weight: bold; }
#progressText { color: #1f3a5f; font-weight: bold; }
#sectionList { border: 1px solid #c9d3de; border-radius: 8px; }
#sectionList::item { padding: 8px 10px; border-bottom: 1px solid #e3e8ee; }
#sectionList::item:selected { background: #cfe0f5; color: #0b1a2e; }
#itemCard { background: #ffffff; border: 1px solid #c9d3de; border-radius: 12px; }
#sectionTitle { color: #5a6472; }
#itemPrompt { font-size: 18pt; font-weight: bold; color: #0b1a2e; }
#itemMarks { color: #8a4b00; }
#guidance { color: #37474f; background: #f5f7fa; border-radius: 8px; padding: 10px; }
#fieldLabel { font-weight: bold; color: #1f3a5f; }
#unitLabel { font-size: 16pt; color: #1f3a5f; }
QPushButton { min-height: 56px; padding: 0 18px; border: 1px solid #9aa8b8; border-radius: 10px;
    background: #f7f9fb; }
QPushButton:disabled { color: #9aa3ad; background: #eef1f4; }
QPushButton#verdict_ok, QPushButton#verdict_defect, QPushButton#verdict_na {
    min-height: 72px; font-size: 17pt; font-weight: bold; }
QPushButton#verdict_ok:checked { background: #2e7d32; color: #ffffff; border-color: #1b5e20; }
QPushButton#verdict_defect:checked { background: #c62828; color: #ffffff; border-color: #8e0000; }
QPushButton#verdict_na:checked { background: #546e7a; color: #ffffff; border-color: #29434e; }
QPushButton[choice="true"]:checked { background: #1f3a5f; color: #ffffff; border-color: #0b1a2e; }
QPushButton#acceptProposal { background: #ef6c00; color: #ffffff; border-color: #b53d00; font-weight: bold; }
QPushButton#reviewButton { background: #1f3a5f; color: #ffffff; font-weight: bold; }
QDateEdit, QPlainTextEdit { border: 1px solid #9aa8b8; border-radius: 8px; padding: 4px 8px; }
QDateEdit { min-height: 48px; }
#ruleBanner[severity="general"] { background: #fff3e0; border: 2px solid #ef6c00; border-radius: 10px; }
#ruleBanner[severity="serious"] { background: #ffebee; border: 2px solid #c62828; border-radius: 10px; }
#ruleTitle { font-weight: bold; color: #8a2b00; }
#ruleStatus[tone="ok"] { color: #2e7d32; font-weight: bold; }
#ruleStatus[tone="decided"] { color: #8a4b00; font-weight: bold; }
#pageMessage { color: #b3261e; font-weight: bold; }
#pageMessage[tone="info"] { color: #1f3a5f; font-weight: normal; }
"""

START_DIALOG_STYLE = """
#dialogTitle { font-size: 20pt; font-weight: bold; color: #1f3a5f; }
#customerLine { font-size: 16pt; color: #0b1a2e; }
#fieldLabel { font-weight: bold; color: #1f3a5f; }
QListView { border: 1px solid #c9d3de; border-radius: 8px; }
QListView::item { padding: 10px 12px; border-bottom: 1px solid #e3e8ee; }
QListView::item:selected { background: #cfe0f5; color: #0b1a2e; }
QListView::indicator { width: 32px; height: 32px; }
QPushButton { min-height: 56px; padding: 0 18px; border: 1px solid #9aa8b8; border-radius: 10px;
    background: #f7f9fb; }
QPushButton:checked { background: #1f3a5f; color: #ffffff; border-color: #0b1a2e; }
QPushButton:disabled { color: #9aa3ad; background: #eef1f4; }
QPushButton#goButton { background: #2e7d32; color: #ffffff; font-weight: bold; font-size: 16pt; }
QPushButton#goButton:disabled { background: #cfd8dc; color: #78909c; }
#teamHint { color: #8a4b00; }
#teamHint[tone="ok"] { color: #2e7d32; }
#dialogMessage { color: #b3261e; font-weight: bold; }
"""
