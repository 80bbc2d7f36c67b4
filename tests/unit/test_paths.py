"""Every path in one place: the data dir comes from --data-dir, else FIELDAPP_DATA_DIR, else the platform's
user data dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from fieldapp.paths import DATA_DIR_ENV, checklists_dir, data_paths, legal_dir, resources_dir


def test_an_explicit_folder_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_paths(tmp_path / "explicit").root == (tmp_path / "explicit").resolve()


def test_the_environment_wins_over_the_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert data_paths().root == (tmp_path / "from-env").resolve()
    monkeypatch.delenv(DATA_DIR_ENV)
    assert data_paths().root == Path(platformdirs.user_data_dir("fieldapp", appauthor=False))


def test_the_layout_of_the_data_folder(tmp_path: Path) -> None:
    paths = data_paths(tmp_path).ensure()
    assert paths.database == tmp_path / "fieldapp.sqlite3"
    assert paths.sqlite_url() == f"sqlite:///{(tmp_path / 'fieldapp.sqlite3').as_posix()}"
    for folder in (paths.photos, paths.backups, paths.logs, paths.notices):
        assert folder.is_dir()
        assert folder.parent == tmp_path


def test_resources_are_found_in_a_checkout() -> None:
    assert (resources_dir() / "checklists").is_dir()
    assert sorted(p.name for p in checklists_dir().glob("*.toml")) == [
        "acceptance.toml",
        "metering_antitheft.toml",
        "periodic_hv.toml",
        "seasonal.toml",
    ]
    assert (legal_dir() / "library.toml").is_file()
