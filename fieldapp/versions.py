"""The versions support asks for first: the app, Python, Qt, the libraries that store, print and read, and
the system. Read from the installed packages' metadata, so nothing is imported to learn its version (a
crash report must not pull in SQLAlchemy, and this module must not import Qt)."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from fieldapp import __version__

# (shown name, the distributions that may provide it: PySide6 comes whole or as its Essentials part)
LIBRARIES = (
    ("PySide6", ("PySide6-Essentials", "PySide6")),
    ("SQLAlchemy", ("SQLAlchemy",)),
    ("Alembic", ("alembic",)),
    ("ReportLab", ("reportlab",)),
    ("openpyxl", ("openpyxl",)),
    ("Pillow", ("pillow",)),
    ("platformdirs", ("platformdirs",)),
    ("psycopg", ("psycopg",)),
)


def _distribution_version(names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def _qt_runtime() -> str | None:
    """The Qt library actually loaded, if the GUI has loaded it (looked up, never imported here)."""
    core = sys.modules.get("PySide6.QtCore")
    version = getattr(core, "qVersion", None)
    return str(version()) if callable(version) else None


def versions() -> dict[str, str]:
    found = {"fieldapp": __version__, "Python": f"{platform.python_version()} ({sys.executable})"}
    for shown, distributions in LIBRARIES:
        found[shown] = _distribution_version(distributions)
    found["Qt"] = _qt_runtime() or "not loaded (PySide6 ships the Qt of its own version)"
    found["OS"] = platform.platform()
    found["machine"] = platform.machine()
    found["frozen build"] = "yes" if getattr(sys, "frozen", False) else "no"
    return found


def versions_text() -> str:
    found = versions()
    width = max(len(name) for name in found)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in found.items())
