"""Settings kept in the database: defaults until set, type-checked on the way in, kept across restarts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.settings_store import get_setting, set_setting
from fieldapp.store.engine import Database
from fieldapp.store.models import SettingValue


def test_a_setting_never_set_reads_as_its_default(backend: Backend) -> None:
    assert backend.call(get_setting, "ui.language") == "zh_CN"
    assert backend.call(get_setting, "photos.long_side_px") == 2048
    assert backend.call(get_setting, "photos.keep_original") is False
    assert backend.call(get_setting, "org.issuing_unit") == "国网某县供电公司"


def test_a_value_set_is_kept_with_its_type_across_engines(backend: Backend) -> None:
    backend.call(set_setting, "ui.language", "en")
    backend.call(set_setting, "photos.long_side_px", 1600)
    backend.call(set_setting, "photos.keep_original", True)
    backend.call(set_setting, "org.issuing_unit", "国网临河县供电公司")
    other = Database(backend.database.url)
    try:
        with other.session() as session:
            assert get_setting(session, "ui.language") == "en"
            assert get_setting(session, "photos.long_side_px") == 1600
            assert get_setting(session, "photos.keep_original") is True
            assert get_setting(session, "org.issuing_unit") == "国网临河县供电公司"
    finally:
        other.dispose()


def test_setting_again_replaces_the_value_in_one_row(backend: Backend) -> None:
    backend.call(set_setting, "photos.jpeg_quality", 90)
    with backend.session() as session:
        first = session.get(SettingValue, "photos.jpeg_quality")
        assert first is not None
        stamp = first.modified_at
    backend.call(set_setting, "photos.jpeg_quality", 70)
    with backend.session() as session:
        rows = session.scalars(select(SettingValue).where(SettingValue.key == "photos.jpeg_quality")).all()
        assert [r.value for r in rows] == [70]
        assert rows[0].modified_at > stamp


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("photos.long_side_px", "2048"),
        ("photos.long_side_px", True),
        ("photos.long_side_px", 2048.0),
        ("photos.keep_original", "yes"),
        ("ui.language", "fr"),
        ("ui.language", None),
        ("device.name", 7),
    ],
)
def test_a_value_of_the_wrong_type_or_choice_is_refused(backend: Backend, key: str, value: object) -> None:
    before = backend.call(get_setting, key)
    with pytest.raises(ValidationError) as caught:
        backend.call(set_setting, key, value)
    assert caught.value.field == key
    assert key in str(caught.value)
    assert backend.call(get_setting, key) == before


def test_an_unknown_key_is_refused_both_ways(backend: Backend) -> None:
    with pytest.raises(ValidationError, match="unknown setting"):
        backend.call(get_setting, "ui.colour")
    with pytest.raises(ValidationError, match="unknown setting"):
        backend.call(set_setting, "ui.colour", "red")
