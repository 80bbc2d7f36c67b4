"""The fixed words of each kind of notice: what follows from it, and what the signature confirms. No
article number appears that the legal library has not got (the 2024 rules' numbers are unconfirmed)."""

from __future__ import annotations

import re

import pytest

from fieldapp.domain.enums import NoticeKind
from fieldapp.notices.wording import acknowledgement_statement, consequences

ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
ALL_CASES = [
    (kind, findings, serious)
    for kind in NoticeKind
    for findings in (False, True)
    for serious in (False, True)
    if findings or not serious
]


@pytest.mark.parametrize(("kind", "findings", "serious"), ALL_CASES)
def test_no_statement_cites_an_article(kind: NoticeKind, findings: bool, serious: bool) -> None:
    text = consequences(kind, has_findings=findings, has_serious=serious)
    assert text and not ARTICLE.search(text)
    for refused in (False, True):
        assert not ARTICLE.search(acknowledgement_statement(kind, refused=refused, witness="钱见证"))


def test_a_breach_notice_says_stop_correct_and_pay_the_breach_fee() -> None:
    text = consequences(NoticeKind.BREACH, has_findings=True, has_serious=False)
    for words in (
        "违约用电行为",
        "立即停止",
        "违约使用电费",
        "《供电营业规则》",
        "供用电合同",
        "中止供电",
        "异议",
    ):
        assert words in text
    signed = acknowledgement_statement(NoticeKind.BREACH, refused=False)
    assert "违约用电事实" in signed and "确认" in signed
    refused = acknowledgement_statement(NoticeKind.BREACH, refused=True, witness="钱见证")
    assert "拒绝签字" in refused and "钱见证" in refused and "违约用电事实" in refused


def test_a_reinspection_opinion_speaks_of_the_previous_findings() -> None:
    still_open = consequences(NoticeKind.REINSPECTION, has_findings=True, has_serious=False)
    assert "复查" in still_open and "回执" in still_open and "规定期限" in still_open
    assert "中止供电" not in still_open
    serious = consequences(NoticeKind.REINSPECTION, has_findings=True, has_serious=True)
    assert serious.startswith(still_open) and "中止供电" in serious
    done = consequences(NoticeKind.REINSPECTION, has_findings=False, has_serious=False)
    assert "均已整改到位" in done and "回执" not in done
    assert "复查意见" in acknowledgement_statement(NoticeKind.REINSPECTION, refused=False)


def test_each_kind_has_its_own_words() -> None:
    kinds = list(NoticeKind)
    statements = {consequences(k, has_findings=True, has_serious=False) for k in kinds}
    assert len(statements) >= 3  # result and hazard share the rectification wording when there are findings
    assert len({acknowledgement_statement(k, refused=False) for k in kinds}) == len(kinds)
    assert len({acknowledgement_statement(k, refused=True, witness="钱") for k in kinds}) >= 3
