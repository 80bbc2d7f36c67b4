"""The vocabularies of the domain. Values are stable machine keys stored in the database and in sync
workbooks; labels for people live with the GUI and the notices, not here."""

from enum import StrEnum
from typing import Any, TypeVar

from fieldapp.domain.errors import ValidationError

E = TypeVar("E", bound=StrEnum)


def coerce_enum(enum: type[E], value: Any, field: str) -> E:
    """The member for `value`, or a ValidationError naming the field and the allowed keys."""
    try:
        return enum(value)
    except ValueError:
        allowed = "、".join(m.value for m in enum)
        raise ValidationError(
            f"{field}: 取值无效 {value!r}，应为 {allowed} (invalid value)", field=field
        ) from None


class VoltageLevel(StrEnum):
    """Supply voltage in kV (66 kV was formerly 63 kV)."""

    LV_0_4 = "0.4"
    KV_10 = "10"
    KV_20 = "20"
    KV_35 = "35"
    KV_66 = "66"
    KV_110 = "110"
    KV_220 = "220"

    @property
    def kilovolts(self) -> float:
        return float(self.value)


class Tariff(StrEnum):
    TWO_PART = "two_part"  # 两部制: demand + energy
    SINGLE_PART = "single_part"  # 单一制


class ImportanceGrade(StrEnum):
    """重要电力用户 grades; everyone else is ordinary."""

    SPECIAL = "special"  # 特级
    FIRST = "first"  # 一级
    SECOND = "second"  # 二级
    TEMPORARY = "temporary"  # 临时性
    ORDINARY = "ordinary"


class MeteringClass(StrEnum):
    I = "I"  # noqa: E741  (the metering classes are named I to IV)
    II = "II"
    III = "III"
    IV = "IV"


class EquipmentKind(StrEnum):
    TRANSFORMER = "transformer"
    SWITCHGEAR = "switchgear"
    CAPACITOR_BANK = "capacitor_bank"
    GENERATOR = "generator"
    PROTECTION_RELAY = "protection_relay"
    METERING_CT = "metering_ct"
    METERING_VT = "metering_vt"
    CABLE = "cable"
    ARRESTER = "arrester"
    HV_MOTOR = "hv_motor"
    SAFETY_TOOL = "safety_tool"


class EquipmentStatus(StrEnum):
    IN_SERVICE = "in_service"
    SUSPENDED = "suspended"  # 暂停
    SEALED = "sealed"  # 封停
    RETIRED = "retired"


class InspectorGrade(StrEnum):
    """用电检查资格: grade one may inspect all voltages, grade three only low voltage."""

    GRADE_1 = "1"
    GRADE_2 = "2"
    GRADE_3 = "3"


class InspectionKind(StrEnum):
    PERIODIC = "periodic"  # 周期检查
    SEASONAL = "seasonal"  # 季节性
    POWER_ASSURANCE = "power_assurance"  # 保电
    ANTI_THEFT = "anti_theft"
    ACCIDENT = "accident"
    ACCEPTANCE = "acceptance"  # 中间检查 / 竣工检验
    REINSPECTION = "reinspection"  # 复查


class AssignmentStatus(StrEnum):
    """A planned visit the office gave an inspector (services.assignments)."""

    PLANNED = "planned"
    DONE = "done"  # an inspection for the customer was finalized
    CANCELLED = "cancelled"


class InspectionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    FINALIZED = "finalized"
    VOIDED = "voided"


class Verdict(StrEnum):
    OK = "ok"
    DEFECT = "defect"
    NOT_APPLICABLE = "na"


class AnswerKind(StrEnum):
    VERDICT = "verdict"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"
    DATE = "date"
    SEAL = "seal"


class Severity(StrEnum):
    GENERAL = "general"  # 一般隐患
    SERIOUS = "serious"  # 重大隐患


class FindingStatus(StrEnum):
    OPEN = "open"
    NOTIFIED = "notified"
    FIX_REPORTED = "fix_reported"
    VERIFIED = "verified"
    REOPENED = "reopened"


class FindingSource(StrEnum):
    CHECKLIST = "checklist"
    RULE = "rule"
    MANUAL = "manual"


class SignerRole(StrEnum):
    INSPECTOR = "inspector"  # each inspector on site
    REPRESENTATIVE = "representative"  # the customer's representative, who acknowledges the result
    WITNESS = "witness"  # witnesses a representative's refusal to sign


class NoticeKind(StrEnum):
    RESULT = "result"  # 用电检查结果通知书
    HAZARD = "hazard"  # 隐患整改通知书
    BREACH = "breach"  # 违约用电通知书
    REINSPECTION = "reinspection"  # 复查意见书


class NoticeStatus(StrEnum):
    ISSUED = "issued"
    VOIDED = "voided"


class Role(StrEnum):
    """What a user of this device may do (fieldapp.domain.roles); each role can do all the one before it."""

    INSPECTOR = "inspector"  # inspections, photos, notices
    OFFICE = "office"  # also customers, templates, the legal library, assignments, finding verification
    ADMIN = "admin"  # also the settings and the users
