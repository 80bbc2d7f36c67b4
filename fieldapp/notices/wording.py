"""The fixed words of a notice: titles, labels of the kinds and grades, the statements of consequences."""

from __future__ import annotations

from fieldapp.domain.enums import InspectionKind, NoticeKind, Severity, SignerRole

TITLES = {
    NoticeKind.RESULT: "用电检查结果通知书",
    NoticeKind.HAZARD: "隐患整改通知书",
    NoticeKind.BREACH: "违约用电通知书",
    NoticeKind.REINSPECTION: "复查意见书",
}

INSPECTION_KINDS = {
    InspectionKind.PERIODIC: "周期检查",
    InspectionKind.SEASONAL: "季节性检查",
    InspectionKind.POWER_ASSURANCE: "保电检查",
    InspectionKind.ANTI_THEFT: "反窃电检查",
    InspectionKind.ACCIDENT: "事故检查",
    InspectionKind.ACCEPTANCE: "中间检查/竣工检验",
    InspectionKind.REINSPECTION: "复查",
}

GRADES = {Severity.GENERAL: "一般隐患", Severity.SERIOUS: "重大隐患"}

ROLES = {
    SignerRole.INSPECTOR: "检查人员",
    SignerRole.REPRESENTATIVE: "客户代表",
    SignerRole.WITNESS: "见证人",
}

UNVERIFIED_MARK = "（待核实）"

_NO_FINDINGS = "本次检查未发现需要整改的问题。请继续做好安全用电管理工作。"
_HAZARD = (
    "请贵单位按上述整改要求在规定期限内完成整改，并将回执签字（盖章）后送交我单位。"
    "逾期未整改的，我单位将依照有关规定报告当地电力管理部门。"
)
_SERIOUS = (
    "存在重大隐患的，在整改完成前危及电网或人身安全时，我单位可依照有关规定按程序中止供电；"
    "重要电力客户的重大隐患同时报告当地电力管理部门。"
)
_BREACH = (
    "上述行为属违约用电。请贵单位立即停止违约用电行为，并于期限内到我单位办理有关手续；"
    "我单位将依照有关规定处理。"
)
_REINSPECTION = "以上为对前次检查所提问题的复查意见。未整改完成的，请继续按要求整改并送交回执。"


def consequences(kind: NoticeKind, *, has_findings: bool, has_serious: bool) -> str:
    """The statement of what follows from the notice, for its kind and findings."""
    if kind is NoticeKind.BREACH:
        return _BREACH
    if kind is NoticeKind.REINSPECTION:
        return _REINSPECTION
    if not has_findings:
        return _NO_FINDINGS
    return _HAZARD + (_SERIOUS if has_serious else "")
