"""The Notices page's table: issued notices (services.notice_list.NoticeRow), newest first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.domain.enums import NoticeKind, NoticeStatus
from fieldapp.gui.page_kit import local_time_text
from fieldapp.gui.row_model import Column, RowTableModel, Tone
from fieldapp.services.notice_list import NoticeRow

_KINDS = {
    NoticeKind.RESULT: QT_TRANSLATE_NOOP("NoticeModels", "Inspection result notice"),
    NoticeKind.HAZARD: QT_TRANSLATE_NOOP("NoticeModels", "Hazard rectification notice"),
    NoticeKind.BREACH: QT_TRANSLATE_NOOP("NoticeModels", "Contract-breach notice"),
    NoticeKind.REINSPECTION: QT_TRANSLATE_NOOP("NoticeModels", "Re-inspection opinion"),
}
_STATUSES = {
    NoticeStatus.ISSUED: QT_TRANSLATE_NOOP("NoticeModels", "Issued"),
    NoticeStatus.VOIDED: QT_TRANSLATE_NOOP("NoticeModels", "Void"),
}


def notice_kind_label(kind: NoticeKind) -> str:
    return QCoreApplication.translate("NoticeModels", str(_KINDS[kind]))


def notice_status_label(status: NoticeStatus) -> str:
    return QCoreApplication.translate("NoticeModels", str(_STATUSES[status]))


def _void_tone(row: NoticeRow) -> Tone:
    return Tone.ALERT if row.status is NoticeStatus.VOIDED else Tone.NORMAL


class NoticeTableModel(RowTableModel[NoticeRow]):
    CONTEXT = "NoticeModels"
    CUSTOMER_COLUMN = 2
    COLUMNS = (
        Column[NoticeRow](str(QT_TRANSLATE_NOOP("NoticeModels", "Number")), lambda r: r.number),
        Column[NoticeRow](
            str(QT_TRANSLATE_NOOP("NoticeModels", "Issued at")), lambda r: local_time_text(r.issued_at)
        ),
        Column[NoticeRow](str(QT_TRANSLATE_NOOP("NoticeModels", "Customer")), lambda r: r.customer_name),
        Column[NoticeRow](str(QT_TRANSLATE_NOOP("NoticeModels", "Account no.")), lambda r: r.account_no),
        Column[NoticeRow](
            str(QT_TRANSLATE_NOOP("NoticeModels", "Kind")), lambda r: notice_kind_label(r.kind)
        ),
        Column[NoticeRow](
            str(QT_TRANSLATE_NOOP("NoticeModels", "Status")),
            lambda r: notice_status_label(r.status),
            tone=_void_tone,
        ),
    )
