"""Lists of inspections (services.inspection_sheet.InspectionSummary rows) as the pages show them: the
Inspections page's full list, a customer's past inspections, and Today's inspections in progress."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.gui.enum_labels import inspection_kind_label, inspection_status_label
from fieldapp.gui.page_kit import local_day_text, local_time_text, prefers_chinese
from fieldapp.gui.row_model import Column, RowTableModel
from fieldapp.services.inspection_sheet import InspectionSummary


def checklist_title(row: InspectionSummary) -> str:
    return row.title_zh if prefers_chinese() or not row.title_en else row.title_en


def progress_text(row: InspectionSummary) -> str:
    """Answered items of all items, e.g. "26 / 82"."""
    return (
        QCoreApplication.translate("InspectionModels", "%1 / %2")
        .replace("%1", str(row.answered))
        .replace("%2", str(row.total))
    )


def _answered_text(row: InspectionSummary) -> str:
    return (
        QCoreApplication.translate("InProgressModel", "%1 of %2 items answered")
        .replace("%1", str(row.answered))
        .replace("%2", str(row.total))
    )


def _started_day(row: InspectionSummary) -> str:
    return local_day_text(row.started_at)


class InspectionTableModel(RowTableModel[InspectionSummary]):
    """The Inspections page: every inspection, newest first. Status and progress come right after the
    customer, before the account number and the checklist: they are what an inspector scans for, and on a
    portrait screen they stay in view while the last columns scroll sideways."""

    CONTEXT = "InspectionTableModel"
    CHECKLIST_COLUMN = 5
    COLUMNS = (
        Column[InspectionSummary](str(QT_TRANSLATE_NOOP("InspectionTableModel", "Date")), _started_day),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InspectionTableModel", "Customer")), lambda r: r.customer_name
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InspectionTableModel", "Status")),
            lambda r: inspection_status_label(r.status),
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InspectionTableModel", "Progress")), progress_text, align_right=True
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InspectionTableModel", "Account no.")), lambda r: r.account_no
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InspectionTableModel", "Checklist")), checklist_title
        ),
    )


class CustomerInspectionsModel(RowTableModel[InspectionSummary]):
    """One customer's past (and current) inspections on the customer page."""

    CONTEXT = "CustomerInspectionsModel"
    COLUMNS = (
        Column[InspectionSummary](str(QT_TRANSLATE_NOOP("CustomerInspectionsModel", "Date")), _started_day),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("CustomerInspectionsModel", "Kind")),
            lambda r: inspection_kind_label(r.kind),
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("CustomerInspectionsModel", "Checklist")), checklist_title
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("CustomerInspectionsModel", "Status")),
            lambda r: inspection_status_label(r.status),
        ),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("CustomerInspectionsModel", "Progress")), progress_text, align_right=True
        ),
    )


class InProgressModel(RowTableModel[InspectionSummary]):
    """Today's "in progress" cards: the customer is the title, the progress the badge."""

    CONTEXT = "InProgressModel"
    COLUMNS = (
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InProgressModel", "Customer")), lambda r: r.customer_name
        ),
        Column[InspectionSummary](str(QT_TRANSLATE_NOOP("InProgressModel", "Checklist")), checklist_title),
        Column[InspectionSummary](
            str(QT_TRANSLATE_NOOP("InProgressModel", "Started")), lambda r: local_time_text(r.started_at)
        ),
        Column[InspectionSummary](str(QT_TRANSLATE_NOOP("InProgressModel", "Progress")), _answered_text),
    )
    TITLE_COLUMN = 0
    BADGE_COLUMN = 3
