"""The main window: a navigation rail on the left and one page at a time beside it.

It starts as a shell: the rail with every page's button and, in each page's place, a placeholder (the
page's title and "Loading…"). The shell needs no database, and this module imports nothing that imports
SQLAlchemy, so the app can paint the whole window first and open the database after (the storage stack
takes longer to import than Qt takes to paint). `attach(backend)` then builds the real pages
(fieldapp.gui.page_factory) and puts each in its placeholder's place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # only for types: importing them would import SQLAlchemy before the first paint
    from fieldapp.gui.customers_page import CustomersPage
    from fieldapp.gui.settings_page import SettingsPage
    from fieldapp.gui.workflow import Workflow
    from fieldapp.services.backend import Backend

# The rail, top to bottom. Each key names one page for good: navigate(), build_pages() and the tests use it.
PAGE_KEYS = (
    "today",
    "customers",
    "inspections",
    "findings",
    "notices",
    "sync",
    "plan",
    "dashboard",
    "settings",
)
# The page the window opens on (the shell shows its placeholder until the data is there).
DEFAULT_PAGE = "today"


class PlaceholderPage(QWidget):
    """A page's stand-in until the backend is open: its title and a note that it is loading, laid out
    like the real pages so the swap does not make the title jump."""

    # Emitted after each paint. The start waits for it: Qt paints the whole window in one go, so the first
    # one means the window is on the screen. (An event filter would do too, but it routes every event of
    # the start through Python, which costs more than painting the window.)
    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.note = QLabel()
        self.note.setObjectName("loading")
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class MainWindow(QMainWindow):
    # Set by attach() (fieldapp.gui.page_factory): the pages and the ways between them.
    customers_page: CustomersPage
    settings_page: SettingsPage
    workflow: Workflow

    # A placeholder page was painted: before attach(), the shell is on the screen (run_gui waits for it).
    shell_painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._backend: Backend | None = None
        self.setMinimumSize(800, 560)

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.rail = QFrame()
        self.rail.setObjectName("navRail")
        rail_layout = QVBoxLayout(self.rail)
        rail_layout.setContentsMargins(8, 16, 8, 16)
        rail_layout.setSpacing(6)
        self.brand = QLabel()
        self.brand.setObjectName("brand")
        rail_layout.addWidget(self.brand)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QToolButton] = {}
        # The stacked index of each key never changes: attach() swaps widgets within their slot, and the
        # buttons' click handlers hold the index.
        self._index: dict[str, int] = {}
        self._placeholders: dict[str, PlaceholderPage] = {}
        for key in PAGE_KEYS:
            button = QToolButton()
            button.setObjectName(f"nav_{key}")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(56)
            self.nav_group.addButton(button)
            rail_layout.addWidget(button)
            self.nav_buttons[key] = button
            placeholder = PlaceholderPage()
            self._placeholders[key] = placeholder
            placeholder.painted.connect(self.shell_painted)
            index = self.pages.addWidget(placeholder)
            self._index[key] = index
            button.clicked.connect(lambda _checked=False, i=index: self.pages.setCurrentIndex(i))
        rail_layout.addStretch(1)
        # Shown once the device has users (fieldapp.gui.sign_in_guard): covers the app until a PIN is given.
        self.lock_button = QToolButton()
        self.lock_button.setObjectName("nav_lock")
        self.lock_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lock_button.setMinimumHeight(56)
        self.lock_button.hide()
        rail_layout.addWidget(self.lock_button)
        self.device_label = QLabel()
        self.device_label.setObjectName("deviceCode")
        rail_layout.addWidget(self.device_label)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.retranslate()
        self.navigate(DEFAULT_PAGE)

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            raise RuntimeError("the main window has no backend yet: call attach() first")
        return self._backend

    def is_attached(self) -> bool:
        return self._backend is not None

    def page_title(self, key: str) -> str:
        """The page's name, as on its rail button (translated)."""
        titles = {
            "today": self.tr("Today"),
            "customers": self.tr("Customers"),
            "inspections": self.tr("Inspections"),
            "findings": self.tr("Findings"),
            "notices": self.tr("Notices"),
            "sync": self.tr("Sync"),
            "plan": self.tr("Plan"),
            "dashboard": self.tr("Dashboard"),
            "settings": self.tr("Settings"),
        }
        return titles[key]

    def retranslate(self) -> None:
        """Set every text of the shell in the current language: at construction, and again when the
        translators change (the language stored in the database may differ from the mirror that the shell
        was painted in)."""
        self.setWindowTitle(self.tr("Electricity-use inspection"))
        self.brand.setText(self.tr("Inspection"))
        self.lock_button.setText(self.tr("Lock"))
        loading = self.tr("Loading…")
        for key in PAGE_KEYS:
            self.nav_buttons[key].setText(self.page_title(key))
            placeholder = self._placeholders.get(key)
            if placeholder is not None:
                placeholder.title.setText(self.page_title(key))
                placeholder.note.setText(loading)
        if self._backend is not None:
            self.device_label.setText(self.tr("Device %1").replace("%1", self._backend.device_code))

    def attach(self, backend: Backend) -> None:
        """Build the real pages on `backend` and put each in its placeholder's slot, keeping the page
        that is showing; then reopen the inspection that was open when the app last ran. Once only."""
        if self._backend is not None:
            raise RuntimeError("the main window is already attached to a backend")
        self._backend = backend
        showing = self.current_page_key() or DEFAULT_PAGE
        self._build_pages(backend)
        self.navigate(showing)
        self.retranslate()  # the device code is known now
        self.workflow.resume()

    def _build_pages(self, backend: Backend) -> None:
        # Imported here, not at the top: this is what pulls in the services and SQLAlchemy.
        from fieldapp.gui.page_factory import build_pages

        built = build_pages(self, backend)
        if set(built) != set(PAGE_KEYS):
            raise ValueError(f"build_pages must build exactly the rail's pages, got {sorted(built)}")
        # One repaint for the whole swap, not one per page.
        self.setUpdatesEnabled(False)
        try:
            for key in PAGE_KEYS:
                index = self._index[key]
                old = self.pages.widget(index)
                assert old is not None  # every key has had a slot since the constructor
                # Insert first, then remove: every other page keeps its index.
                self.pages.insertWidget(index, built[key])
                self.pages.removeWidget(old)
                old.deleteLater()
            self._placeholders.clear()
        finally:
            self.setUpdatesEnabled(True)

    def switch_language(self, lang: str) -> None:
        """Show everything in `lang` at once, coming back to the same place: the pages are built again
        (every answer, note and signature is in the database already, so nothing is lost), the translators
        replaced, and the page, customer, inspection and item that were showing shown again."""
        from fieldapp.gui.app import install_translators
        from fieldapp.gui.ui_prefs import write_language

        place = self.workflow.place(self.current_page_key())
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translators(app, lang)
        write_language(self.backend.paths.root, lang)
        self._build_pages(self.backend)
        self.retranslate()
        self.workflow.restore(place)
        self.settings_page.load()

    def reload_pages(self) -> None:
        """Build the pages again for another signed-in user (what they may do differs), coming back to the
        same place: everything typed is in the database already."""
        place = self.workflow.place(self.current_page_key())
        self._build_pages(self.backend)
        self.retranslate()
        self.workflow.restore(place)

    def page(self, key: str) -> QWidget:
        """The widget in `key`'s slot: its placeholder before attach(), the real page after."""
        widget = self.pages.widget(self._index[key])
        assert widget is not None  # every key has a slot from the constructor on
        return widget

    def navigate(self, key: str) -> None:
        button = self.nav_buttons[key]
        button.setChecked(True)
        button.click()

    def current_page_key(self) -> str:
        for key, button in self.nav_buttons.items():
            if button.isChecked():
                return key
        return ""
