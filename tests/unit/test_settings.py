"""The settings declarations: every key once, each default of its declared type and allowed value."""

from __future__ import annotations

import pytest

from fieldapp.domain.errors import ValidationError
from fieldapp.settings import BY_KEY, LANGUAGES, SETTINGS, setting


def test_every_setting_is_declared_once_with_a_default_that_passes_its_own_check() -> None:
    assert len(BY_KEY) == len(SETTINGS)
    for declared in SETTINGS:
        assert declared.check(declared.default) == declared.default
        assert declared.description


def test_language_choices() -> None:
    assert setting("ui.language").default == "zh_CN"
    assert set(LANGUAGES) == {"zh_CN", "en"}
    with pytest.raises(ValidationError, match="must be one of") as caught:
        setting("ui.language").check("fr")
    assert caught.value.field == "ui.language"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("photos.long_side_px", "2048"),
        ("photos.long_side_px", True),
        ("photos.keep_original", 1),
        ("device.code", 5),
        ("photos.jpeg_quality", 85.0),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(key: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        setting(key).check(value)
    assert caught.value.field == key


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown setting"):
        setting("no.such.key")
