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
# A citation of a replaced edition: no longer law, so never printed as fact.
SUPERSEDED_MARK = "（已失效，待核实）"

_NO_FINDINGS = "本次检查未发现需要整改的问题。请继续做好安全用电管理工作。"
_HAZARD = (
    "请贵单位按上述整改要求在规定期限内完成整改，并将回执签字（盖章）后送交我单位。"
    "逾期未整改的，我单位将依照有关规定报告当地电力管理部门。"
)
_SERIOUS = (
    "存在重大隐患的，在整改完成前危及电网或人身安全时，我单位可依照有关规定按程序中止供电；"
    "重要电力客户的重大隐患同时报告当地电力管理部门。"
)
# The breach notice names the rules but no article: the edition in force (2024) has article numbers nobody
# has confirmed yet (see resources/legal/library.toml); each finding cites its basis through the library.
_BREACH = (
    "经现场检查，贵单位存在上述违约用电行为。请贵单位立即停止违约用电行为，按上述要求在规定期限内改正，"
    "并到我单位办理相关手续：补交相应电费，并按《供电营业规则》及双方供用电合同的约定承担违约使用电费。"
    "逾期不改正、不办理的，我单位将依照有关规定处理；危及供用电安全的，可依照有关规定按程序中止供电。"
    "如对上述事实有异议，请在签收时注明。"
)
_REINSPECTION_OPEN = (
    "以上为对前次检查所提问题的复查意见。已整改到位的问题经复查确认；"
    "未整改或整改不到位的，请贵单位按上述要求在规定期限内完成整改，并将回执签字（盖章）后送交我单位。"
    "逾期仍未整改的，我单位将依照有关规定报告当地电力管理部门。"
)
_REINSPECTION_DONE = "经复查，前次检查所提问题均已整改到位。请继续做好安全用电管理工作。"

_SIGNED = {
    NoticeKind.RESULT: "客户代表已阅知本通知书内容，签字确认。",
    NoticeKind.HAZARD: "客户代表已阅知本通知书内容及整改要求，签字确认。",
    NoticeKind.BREACH: "客户代表已阅知本通知书，对上述违约用电事实予以确认，签字为证。",
    NoticeKind.REINSPECTION: "客户代表已阅知本复查意见及整改要求，签字确认。",
}
_REFUSED = {
    NoticeKind.RESULT: "客户代表拒绝签字。以下由见证人 {witness} 签字见证。",
    NoticeKind.HAZARD: "客户代表拒绝签字。以下由见证人 {witness} 签字见证。",
    NoticeKind.BREACH: "客户代表拒绝签字。上述违约用电事实由见证人 {witness} 签字见证。",
    NoticeKind.REINSPECTION: "客户代表拒绝签字。以下由见证人 {witness} 签字见证本复查意见。",
}


def consequences(kind: NoticeKind, *, has_findings: bool, has_serious: bool) -> str:
    """The statement of what follows from the notice, for its kind and findings."""
    serious = _SERIOUS if has_serious else ""
    if kind is NoticeKind.BREACH:
        return _BREACH
    if kind is NoticeKind.REINSPECTION:
        return _REINSPECTION_OPEN + serious if has_findings else _REINSPECTION_DONE
    if not has_findings:
        return _NO_FINDINGS
    return _HAZARD + serious


def acknowledgement_statement(kind: NoticeKind, *, refused: bool, witness: str = "") -> str:
    """What the representative's signature (or the witness's, after a refusal) confirms, for the kind: a
    breach notice has the facts of the breach confirmed, the others that the notice was read."""
    if refused:
        return _REFUSED[kind].format(witness=witness or "—")
    return _SIGNED[kind]
