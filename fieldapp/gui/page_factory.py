"""The real pages behind the rail, built once the backend is open (MainWindow.attach imports this module
only then: it is what pulls in the services and, behind them, SQLAlchemy).

To put a real page in place of a "not built yet" one, change its entry in build_pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtWidgets import QWidget

from fieldapp.gui.dashboard_page import DashboardPage
from fieldapp.gui.pages import NotBuiltPage
from fieldapp.gui.plan_page import PlanPage
from fieldapp.gui.workflow import Workflow
from fieldapp.services.backend import Backend

if TYPE_CHECKING:  # main_window imports this module; the window is only a parameter here
    from fieldapp.gui.main_window import MainWindow


def build_pages(window: MainWindow, backend: Backend) -> dict[str, QWidget]:
    """One page per rail key (fieldapp.gui.main_window.PAGE_KEYS), in the rail's order. The workflow
    pages are connected to each other by fieldapp.gui.workflow; the window keeps it."""
    lang = "en" if QLocale().language() == QLocale.Language.English else "zh_CN"
    workflow = Workflow(backend, window.navigate, lang)
    workflow.language_changed.connect(window.switch_language)
    window.workflow = workflow
    window.customers_page = workflow.register
    window.settings_page = workflow.settings
    workflow.load()
    return {
        **workflow.pages(),
        "findings": workflow.findings,
        "notices": workflow.notices,
        "sync": workflow.sync,
        "plan": PlanPage(backend),
        "dashboard": DashboardPage(backend),
        "settings": workflow.settings,
    }


# What will fill each unbuilt page, as the page itself says.
_ARRIVES_WITH = {
    "dashboard": str(QT_TRANSLATE_NOOP("PageFactory", "office dashboard")),
}


def _not_built(window: MainWindow, key: str) -> NotBuiltPage:
    explanation = QCoreApplication.translate(
        "PageFactory", "Not built yet. This page arrives with the %1; until then it does nothing."
    )
    what = QCoreApplication.translate("PageFactory", _ARRIVES_WITH[key])
    return NotBuiltPage(window.page_title(key), explanation.replace("%1", what))
