"""The customer page's history tables: the timeline (inspections, the findings they raised, each follow-up
step, notices, planned visits; newest first) and the hazards that keep coming back (those still open in
red, and said in words)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import AssignmentStatus, InspectionStatus, NoticeStatus, Severity
from fieldapp.gui.enum_labels import (
    finding_status_label,
    inspection_kind_label,
    inspection_status_label,
    severity_label,
)
from fieldapp.gui.notice_models import notice_kind_label, notice_status_label
from fieldapp.gui.page_kit import day_text
from fieldapp.gui.row_model import Column, RowTableModel, Tone
from fieldapp.services.customer_timeline import RecurringHazard, TimelineEntry, TimelineKind

TIMELINE = "TimelineModel"

_VISIT = {
    AssignmentStatus.PLANNED: QT_TRANSLATE_NOOP("TimelineModel", "Visit planned"),
    AssignmentStatus.DONE: QT_TRANSLATE_NOOP("TimelineModel", "Planned visit made"),
    AssignmentStatus.CANCELLED: QT_TRANSLATE_NOOP("TimelineModel", "Planned visit cancelled"),
}


def what_text(entry: TimelineEntry) -> str:
    """What happened, in a few words: "Periodic inspection", "Finding no. 2", "Finding no. 2: Verified"."""
    kind = entry.kind
    if kind is TimelineKind.INSPECTION and entry.inspection_kind is not None:
        return QCoreApplication.translate("TimelineModel", "Inspection: %1").replace(
            "%1", inspection_kind_label(entry.inspection_kind)
        )
    if kind is TimelineKind.FINDING:
        return QCoreApplication.translate("TimelineModel", "Finding no. %1 raised").replace(
            "%1", str(entry.seq or "")
        )
    if kind is TimelineKind.FINDING_STEP and entry.finding_status is not None:
        return (
            QCoreApplication.translate("TimelineModel", "Finding no. %1: %2")
            .replace("%1", str(entry.seq or ""))
            .replace("%2", finding_status_label(entry.finding_status))
        )
    if kind is TimelineKind.NOTICE and entry.notice_kind is not None:
        return notice_kind_label(entry.notice_kind)
    if kind is TimelineKind.ASSIGNMENT and entry.assignment_status is not None:
        return QCoreApplication.translate(TIMELINE, str(_VISIT[entry.assignment_status]))
    return ""


def details_text(entry: TimelineEntry) -> str:
    """The particulars: an inspection's status and findings, a finding's words and grade, a step's note,
    a notice's number, a visit's kind and note."""
    kind = entry.kind
    if kind is TimelineKind.INSPECTION and entry.inspection_status is not None:
        parts = [inspection_status_label(entry.inspection_status)]
        if entry.inspection_status is not InspectionStatus.VOIDED:
            found = entry.findings
            serious = entry.serious
            text = QCoreApplication.translate("TimelineModel", "%n finding(s)", "", found)
            if serious:
                text += QCoreApplication.translate("TimelineModel", ", %n serious", "", serious)
            parts.append(text)
        return " · ".join(parts)
    if kind is TimelineKind.FINDING:
        grade = severity_label(entry.severity) if entry.severity is not None else ""
        return " · ".join(p for p in (entry.text, grade) if p)
    if kind is TimelineKind.FINDING_STEP:
        notice = (
            QCoreApplication.translate("TimelineModel", "notice %1").replace("%1", entry.notice_no)
            if entry.notice_no
            else ""
        )
        return " · ".join(p for p in (entry.text, notice) if p)
    if kind is TimelineKind.NOTICE:
        status = (
            notice_status_label(NoticeStatus.VOIDED) if entry.notice_status is NoticeStatus.VOIDED else ""
        )
        return " · ".join(p for p in (entry.notice_no, status) if p)
    if kind is TimelineKind.ASSIGNMENT:
        visit = inspection_kind_label(entry.inspection_kind) if entry.inspection_kind is not None else ""
        return " · ".join(p for p in (visit, entry.text.replace("\n", " ")) if p)
    return entry.text


def _tone(entry: TimelineEntry) -> Tone:
    """A serious hazard raised stands out (its grade is in the words beside it)."""
    serious = entry.kind is TimelineKind.FINDING and entry.severity is Severity.SERIOUS
    return Tone.ALERT if serious else Tone.NORMAL


class TimelineModel(RowTableModel[TimelineEntry]):
    CONTEXT = TIMELINE
    DETAILS_COLUMN = 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (
            Column[TimelineEntry](str(QT_TRANSLATE_NOOP("TimelineModel", "Date")), lambda e: day_text(e.on)),
            Column[TimelineEntry](str(QT_TRANSLATE_NOOP("TimelineModel", "What")), what_text),
            Column[TimelineEntry](
                str(QT_TRANSLATE_NOOP("TimelineModel", "Details")), details_text, tone=_tone
            ),
            Column[TimelineEntry](
                str(QT_TRANSLATE_NOOP("TimelineModel", "Who")), lambda e: "、".join(e.people)
            ),
        )


class RecurringHazardsModel(RowTableModel[RecurringHazard]):
    CONTEXT = "RecurringHazardsModel"
    DESCRIPTION_COLUMN = 0
    NOW_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.COLUMNS = (
            Column[RecurringHazard](
                str(QT_TRANSLATE_NOOP("RecurringHazardsModel", "Hazard")), lambda h: h.description
            ),
            Column[RecurringHazard](
                str(QT_TRANSLATE_NOOP("RecurringHazardsModel", "Found")), self._times, align_right=True
            ),
            Column[RecurringHazard](
                str(QT_TRANSLATE_NOOP("RecurringHazardsModel", "First found")),
                lambda h: day_text(h.first_seen),
            ),
            Column[RecurringHazard](
                str(QT_TRANSLATE_NOOP("RecurringHazardsModel", "Last found")), lambda h: day_text(h.last_seen)
            ),
            Column[RecurringHazard](
                str(QT_TRANSLATE_NOOP("RecurringHazardsModel", "Now")), self._now, tone=self.now_tone
            ),
        )

    @staticmethod
    def _times(hazard: RecurringHazard) -> str:
        count = hazard.inspections
        return QCoreApplication.translate("RecurringHazardsModel", "%n time(s)", "", count)

    @staticmethod
    def now_tone(hazard: RecurringHazard) -> Tone:
        return Tone.ALERT if hazard.still_open else Tone.NORMAL

    @staticmethod
    def _now(hazard: RecurringHazard) -> str:
        if hazard.still_open:
            return QCoreApplication.translate("RecurringHazardsModel", "Still open")
        return QCoreApplication.translate("RecurringHazardsModel", "Put right")
