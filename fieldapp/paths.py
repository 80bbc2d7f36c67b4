"""Every path the app uses, in one place. The data dir comes from platformdirs unless `--data-dir` or
FIELDAPP_DATA_DIR names another. Resources sit beside the package in a checkout, and inside the bundle
(sys._MEIPASS) in a frozen build."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "fieldapp"
DATA_DIR_ENV = "FIELDAPP_DATA_DIR"
DB_URL_ENV = "FIELDAPP_DB"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "fieldapp.sqlite3"

    @property
    def photos(self) -> Path:
        return self.root / "photos"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def notices(self) -> Path:
        return self.root / "notices"

    @property
    def reports(self) -> Path:
        """Reports the app writes for people: import reports (when the file's own folder is read-only),
        customer profile sheets. Made when first written to, not at start."""
        return self.root / "reports"

    @property
    def crashes(self) -> Path:
        """Crash reports, and the trace a hard crash leaves (fieldapp.crash)."""
        return self.root / "crashes"

    def sqlite_url(self) -> str:
        return f"sqlite:///{self.database.as_posix()}"

    def ensure(self) -> DataPaths:
        for folder in (self.root, self.photos, self.backups, self.logs, self.notices, self.crashes):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def data_paths(explicit: str | os.PathLike[str] | None = None) -> DataPaths:
    """The data dir: the explicit one, else $FIELDAPP_DATA_DIR, else the platform's user data dir."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return DataPaths(Path(chosen).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def resources_dir() -> Path:
    """The top-level resources/ folder: beside the package in a checkout or wheel-less install, inside the
    bundle in a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def checklists_dir() -> Path:
    return resources_dir() / "checklists"


def legal_dir() -> Path:
    """The built-in legal-basis library (library.toml)."""
    return resources_dir() / "legal"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"
