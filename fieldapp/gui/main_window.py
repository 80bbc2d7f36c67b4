"""The main window: a navigation rail on the left and one page at a time beside it."""

from __future__ import annotations

from PySide6.QtWidgets import (
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

from fieldapp.gui.customers_page import CustomersPage
from fieldapp.gui.pages import NotBuiltPage
from fieldapp.services.backend import Backend
from fieldapp.services.customers import customer_rows, search_customer_ids


class MainWindow(QMainWindow):
    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.setWindowTitle(self.tr("Electricity-use inspection"))
        self.setMinimumSize(800, 560)

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.rail = QFrame()
        self.rail.setObjectName("navRail")
        rail_layout = QVBoxLayout(self.rail)
        rail_layout.setContentsMargins(8, 16, 8, 16)
        rail_layout.setSpacing(6)
        brand = QLabel(self.tr("Inspection"))
        brand.setObjectName("brand")
        rail_layout.addWidget(brand)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QToolButton] = {}

        self.customers_page = CustomersPage(
            lambda text: backend.call(search_customer_ids, text),
            lambda ids: backend.call(customer_rows, ids),
        )
        not_built = self.tr("Not built yet. This page arrives with the %1; until then it does nothing.")
        entries: list[tuple[str, str, QWidget]] = [
            (
                "today",
                self.tr("Today"),
                NotBuiltPage(
                    self.tr("Today"),
                    not_built.replace(
                        "%1",
                        self.tr("inspection workflow (inspections in progress, due and overdue customers)"),
                    ),
                ),
            ),
            ("customers", self.tr("Customers"), self.customers_page),
            (
                "inspections",
                self.tr("Inspections"),
                NotBuiltPage(self.tr("Inspections"), not_built.replace("%1", self.tr("inspection workflow"))),
            ),
            (
                "findings",
                self.tr("Findings"),
                NotBuiltPage(
                    self.tr("Findings"), not_built.replace("%1", self.tr("rectification follow-up"))
                ),
            ),
            (
                "notices",
                self.tr("Notices"),
                NotBuiltPage(self.tr("Notices"), not_built.replace("%1", self.tr("rectification notices"))),
            ),
            (
                "sync",
                self.tr("Sync"),
                NotBuiltPage(
                    self.tr("Sync"),
                    not_built.replace("%1", self.tr("Excel sync between tablets and the office")),
                ),
            ),
            (
                "dashboard",
                self.tr("Dashboard"),
                NotBuiltPage(self.tr("Dashboard"), not_built.replace("%1", self.tr("office dashboard"))),
            ),
            (
                "settings",
                self.tr("Settings"),
                NotBuiltPage(
                    self.tr("Settings"), not_built.replace("%1", self.tr("settings and user profiles"))
                ),
            ),
        ]
        for key, label, page in entries:
            button = QToolButton()
            button.setObjectName(f"nav_{key}")
            button.setText(label)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(56)
            self.nav_group.addButton(button)
            rail_layout.addWidget(button)
            self.nav_buttons[key] = button
            index = self.pages.addWidget(page)
            button.clicked.connect(lambda _checked=False, i=index: self.pages.setCurrentIndex(i))
        rail_layout.addStretch(1)
        device = QLabel(self.tr("Device %1").replace("%1", backend.device_code))
        device.setObjectName("deviceCode")
        rail_layout.addWidget(device)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.customers_page.load()
        self.navigate("customers")

    def navigate(self, key: str) -> None:
        button = self.nav_buttons[key]
        button.setChecked(True)
        button.click()

    def current_page_key(self) -> str:
        for key, button in self.nav_buttons.items():
            if button.isChecked():
                return key
        return ""
