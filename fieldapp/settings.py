"""Each setting declared once: key, type, default and description. Values are stored in the database's
settings table (as JSON) by the settings service; this module only declares and checks them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fieldapp.domain.cycles import DEFAULT_CYCLE_TABLE
from fieldapp.domain.errors import ValidationError


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] | None = None
    pattern: str | None = None  # a text setting must match it whole
    pattern_hint: str = ""  # what the pattern asks for, in words

    def check(self, value: Any) -> Any:
        if self.type is int and isinstance(value, bool):
            raise ValidationError(f"{self.key}: expected a whole number", field=self.key)
        if not isinstance(value, self.type):
            raise ValidationError(f"{self.key}: expected {self.type.__name__}, got {value!r}", field=self.key)
        if self.pattern is not None and not re.fullmatch(self.pattern, str(value)):
            raise ValidationError(f"{self.key}: {self.pattern_hint} (got {value!r})", field=self.key)
        if self.choices is not None and value not in self.choices:
            raise ValidationError(
                f"{self.key}: must be one of {', '.join(map(str, self.choices))}", field=self.key
            )
        return value


LANGUAGES = ("zh_CN", "en")

SETTINGS: tuple[Setting, ...] = (
    Setting("ui.language", str, "zh_CN", "Interface language", LANGUAGES),
    Setting(
        "ui.open_inspection",
        str,
        "",
        "Id of the inspection open on this device when the app last ran: the app reopens it on start",
    ),
    Setting("device.code", str, "", "Short code of this device, used in notice numbers (set on first start)"),
    Setting("device.name", str, "", "A name for this device shown to the office"),
    Setting(
        "device.inspector",
        str,
        "",
        "Id of the inspector who carries this tablet: Today shows that inspector's assigned visits first "
        "(services.device_inspector); empty: no one in particular. Local to the device, never synced",
        pattern=r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?",
        pattern_hint="请在设置页选择本机检查人员 (choose this tablet's inspector on the settings page)",
    ),
    Setting(
        "builtin.content_sha256",
        str,
        "",
        "Digest of the built-in checklists and legal library last installed (they are installed again when "
        "the shipped files change)",
    ),
    Setting(
        "org.issuing_unit",
        str,
        "国网某县供电公司",
        "Issuing unit printed on notices",
        pattern=r"\S(.*\S)?",
        pattern_hint="落款单位不能为空 (the issuing unit cannot be empty)",
    ),
    Setting(
        "notice.number_prefix",
        str,
        "YDJC",
        "Prefix of notice numbers",
        # It becomes part of file names and of numbers read aloud on the phone: letters and digits only.
        pattern=r"[A-Z0-9]{1,12}",
        pattern_hint="编号前缀只能是 1 到 12 个大写字母或数字 (1 to 12 capital letters or digits)",
    ),
    Setting(
        "notice.seal_image",
        str,
        "",
        "The issuing unit's seal printed on notices: the file name of its copy in <data>/notices/seals, "
        "chosen on the settings page (services.notice_seal); empty: notices leave （盖章） for a hand stamp",
        pattern=r"([0-9a-f]{64}\.png)?",
        pattern_hint="请在设置页选择印章图片 (choose the seal image on the settings page)",
    ),
    Setting("photos.long_side_px", int, 2048, "Long side of stored photos, in pixels"),
    Setting("photos.keep_original", bool, False, "Keep the untouched original photo beside the stored copy"),
    Setting("photos.jpeg_quality", int, 85, "JPEG quality of stored photos"),
    Setting(
        "security.idle_lock_minutes",
        int,
        10,
        "Minutes without a touch after which the screen locks and a PIN is asked again (when the device "
        "has users; 0: never)",
    ),
    Setting(
        "sync.folder",
        str,
        "",
        "Folder last used on this device for a sync export or import (a USB stick, a shared folder)",
    ),
    Setting(
        "cycles.table",
        list,
        DEFAULT_CYCLE_TABLE,
        "Periodic inspection cycles: rows {months, importance, min_kv, max_kv, note, verified}; the shortest "
        "applicable row wins (fieldapp.domain.cycles)",
    ),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValidationError(f"unknown setting {key!r}", field=key) from None
