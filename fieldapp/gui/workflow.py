"""The pages of the inspection workflow and the ways between them: Today, the customer register and a
customer's page, the list of inspections, answering, review and signatures, the notices, settings.

Pages only say what the person asked for (signals); this module decides where that leads, so each page
knows nothing of the others. It also remembers, in the database, which inspection is open on this device:
after a crash or a flat battery the app opens it again at the item the inspector was on."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from fieldapp.domain.enums import InspectionStatus
from fieldapp.domain.errors import FieldappError
from fieldapp.gui.customer_detail import CustomerDetailPage
from fieldapp.gui.customers_page import CustomersPage
from fieldapp.gui.findings_page import FindingsPage
from fieldapp.gui.inspection_page import InspectionPage
from fieldapp.gui.inspections_page import InspectionsPage
from fieldapp.gui.notices_page import NoticesPage
from fieldapp.gui.review_page import ReviewPage
from fieldapp.gui.settings_page import SettingsPage
from fieldapp.gui.start_dialog import StartInspectionDialog
from fieldapp.gui.sync_page import SyncPage
from fieldapp.gui.today_page import TodayPage
from fieldapp.services.backend import Backend
from fieldapp.services.customers import customer_rows, search_customer_keys
from fieldapp.services.inspection_sheet import inspection_status
from fieldapp.services.settings_store import get_setting, set_setting

OPEN_INSPECTION = "ui.open_inspection"


@dataclass(frozen=True)
class Place:
    """Where the person is, enough to come back to it (after a language switch, say)."""

    page: str
    customer_id: uuid.UUID | None = None
    inspection_id: uuid.UUID | None = None
    item_code: str | None = None
    reviewing: bool = False


class CustomersArea(QStackedWidget):
    """The register and, over it, one customer's page."""

    def __init__(self, register: CustomersPage, detail: CustomerDetailPage) -> None:
        super().__init__()
        self.setObjectName("customersArea")
        self.register = register
        self.detail = detail
        self.addWidget(register)
        self.addWidget(detail)


class InspectionsArea(QStackedWidget):
    """The list of inspections, and one inspection being answered or reviewed and signed."""

    def __init__(self, listing: InspectionsPage, answering: InspectionPage, review: ReviewPage) -> None:
        super().__init__()
        self.setObjectName("inspectionsArea")
        self.listing = listing
        self.answering = answering
        self.review = review
        self.addWidget(listing)
        self.addWidget(answering)
        self.addWidget(review)


class Workflow(QObject):
    """Builds the pages on one backend and connects them. `navigate(key)` is the window's rail."""

    language_changed = Signal(str)

    def __init__(self, backend: Backend, navigate: object, lang: str) -> None:
        super().__init__()
        self.backend = backend
        self.lang = lang
        self._navigate = navigate
        self.today = TodayPage(backend)
        self.register = CustomersPage(
            lambda text: backend.call(search_customer_keys, text),
            lambda ids: backend.call(customer_rows, ids),
        )
        self.customer = CustomerDetailPage(backend)
        self.customers = CustomersArea(self.register, self.customer)
        self.listing = InspectionsPage(backend)
        self.answering = InspectionPage(backend, lang=lang)
        self.review = ReviewPage(backend)
        self.inspections = InspectionsArea(self.listing, self.answering, self.review)
        self.settings = SettingsPage(backend)
        self.notices = NoticesPage(backend)
        self.findings = FindingsPage(backend)
        self.sync = SyncPage(backend)

        self.today.inspection_requested.connect(self.open_inspection)
        self.today.customer_requested.connect(self.open_customer)
        self.today.start_requested.connect(self.start_inspection)
        self.register.customer_requested.connect(self.open_customer)
        self.customer.back_requested.connect(self.show_register)
        self.customer.start_requested.connect(self.start_inspection)
        self.customer.inspection_requested.connect(self.open_inspection)
        self.listing.inspection_requested.connect(self.open_inspection)
        self.answering.review_requested.connect(self.open_review)
        self.answering.closed.connect(self.close_inspection)
        self.review.item_requested.connect(self.open_inspection)
        self.review.back_requested.connect(self.open_inspection)
        self.review.finalized.connect(self._finalized)
        self.settings.language_changed.connect(self.language_changed)
        self.findings.customer_requested.connect(self.open_customer)
        self.sync.data_changed.connect(self._synced)

    def pages(self) -> dict[str, QWidget]:
        return {"today": self.today, "customers": self.customers, "inspections": self.inspections}

    def load(self) -> None:
        self.register.load()
        self.settings.load()

    def _go(self, key: str) -> None:
        self._navigate(key)  # type: ignore[operator]

    # -- customers ----------------------------------------------------------------------------------------

    def open_customer(self, customer_id: uuid.UUID) -> None:
        self.customer.open(customer_id)
        self.customers.setCurrentWidget(self.customer)
        self._go("customers")

    def show_register(self) -> None:
        self.customers.setCurrentWidget(self.register)
        self._go("customers")

    def start_inspection(self, customer_id: uuid.UUID) -> None:
        dialog = StartInspectionDialog(self.backend, customer_id, self.customers.window(), lang=self.lang)
        try:
            if dialog.exec() and dialog.inspection_id is not None:
                self.open_inspection(dialog.inspection_id)
        finally:
            dialog.deleteLater()

    # -- one inspection ------------------------------------------------------------------------------

    def open_inspection(self, inspection_id: uuid.UUID, item_code: str | None = None) -> None:
        if self.inspections.currentWidget() is self.review:
            self.review.commit_pending()
        opened = self.answering.open(inspection_id, item_code)
        # Shown either way: when the page cannot leave what it holds (a value it may not store, say), it
        # says why there, next to the typed value, instead of the tap doing nothing.
        self.inspections.setCurrentWidget(self.answering)
        self._go("inspections")
        if opened:
            self._remember(inspection_id)

    def open_review(self, inspection_id: uuid.UUID) -> None:
        self.answering.flush()
        self.review.open(inspection_id)
        self.inspections.setCurrentWidget(self.review)
        self._go("inspections")

    def close_inspection(self) -> None:
        self._forget()
        self.listing.load()
        self.inspections.setCurrentWidget(self.listing)
        self._go("today")

    def _finalized(self, inspection_id: uuid.UUID) -> None:
        # The review shows the finalized record read-only; nothing is open on this device any more. The
        # notice is issued at once and shown in the Notices page's preview, ready to print or save.
        self._forget()
        self.notices.issue_for(inspection_id)
        self._go("notices")

    def _synced(self) -> None:
        """An import changed the database: the register and Today read again (the other pages read
        whenever they are shown)."""
        self.register.load()
        self.today.load()

    def _remember(self, inspection_id: uuid.UUID) -> None:
        """Keep the open inspection for the next start, while it can still be worked on."""
        try:
            open_now = self.backend.call(inspection_status, inspection_id) is InspectionStatus.IN_PROGRESS
            self.backend.call(set_setting, OPEN_INSPECTION, str(inspection_id) if open_now else "")
        except FieldappError:
            pass  # losing the bookmark loses no work: Today lists every inspection in progress

    def _forget(self) -> None:
        with contextlib.suppress(FieldappError):
            self.backend.call(set_setting, OPEN_INSPECTION, "")

    def resume(self) -> bool:
        """Open the inspection that was open when the app last ran, if it is still in progress."""
        try:
            stored = str(self.backend.call(get_setting, OPEN_INSPECTION))
            inspection_id = uuid.UUID(stored) if stored else None
        except (FieldappError, ValueError):
            return False
        if inspection_id is None:
            return False
        try:
            if self.backend.call(inspection_status, inspection_id) is not InspectionStatus.IN_PROGRESS:
                self._forget()
                return False
        except FieldappError:
            self._forget()
            return False
        self.open_inspection(inspection_id)
        return True

    # -- where the person is ------------------------------------------------------------------------

    def place(self, page: str) -> Place:
        """Where the person is: the page showing, and what is open in the customers and inspections areas
        behind it (storing whatever is being typed there)."""
        customer_id = self.customer.customer_id if self.customers.currentWidget() is self.customer else None
        inspection_id, item_code, reviewing = None, None, False
        if self.inspections.currentWidget() is self.answering:
            self.answering.flush()
            inspection_id, item_code = self.answering.inspection_id, self.answering.current_code
        elif self.inspections.currentWidget() is self.review:
            self.review.commit_pending()
            inspection_id, reviewing = self.review.inspection_id, True
        return Place(page, customer_id, inspection_id, item_code, reviewing)

    def restore(self, place: Place) -> None:
        """Open again what was open, then show the page that was showing."""
        if place.customer_id is not None:
            self.open_customer(place.customer_id)
        if place.inspection_id is not None:
            if place.reviewing:
                self.open_review(place.inspection_id)
            else:
                self.open_inspection(place.inspection_id, place.item_code)
        self._go(place.page)
