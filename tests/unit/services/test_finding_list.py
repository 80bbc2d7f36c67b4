"""The findings the office follows up, as the findings page lists them: only findings of finalized
inspections, not withdrawn; most urgent first (deadline in force, then id, no deadline last); each filter;
the counts (all and overdue) agree with the pages; pages and the full list of ids agree. On both engines."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from testkit import Sample, answer_every_item, sign_everyone

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingStatus, Severity
from fieldapp.domain.errors import ValidationError
from fieldapp.services.backend import Backend
from fieldapp.services.finding_list import (
    DeadlineScope,
    FindingFilter,
    count_findings,
    finding_keys,
    finding_page,
    finding_rows,
)
from fieldapp.services.findings import withdraw_finding
from fieldapp.services.inspections import add_finding, finalize_inspection, start_inspection, void_inspection
from fieldapp.store.models import Finding

S = FindingStatus
STARTED = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)
DAY = local_day(STARTED)
TODAY = DAY + timedelta(days=20)


@dataclass(frozen=True)
class Office:
    """What the tests list: finding ids by name."""

    ids: dict[str, uuid.UUID]
    inspections: dict[str, uuid.UUID]


# name: (customer, inspectors, category, severity, deadline days after the visit or None, status)
FINDINGS = {
    "late_open": (0, (0, 1), "A", Severity.GENERAL, 5, S.OPEN),
    "late_notified": (0, (0, 1), "B", Severity.SERIOUS, 10, S.NOTIFIED),
    "soon_reported": (1, (1, 2), "B", Severity.GENERAL, 25, S.FIX_REPORTED),
    "later_reopened": (1, (1, 2), "C", Severity.SERIOUS, 60, S.REOPENED),
    "late_verified": (1, (1, 2), "A", Severity.GENERAL, 3, S.VERIFIED),
    "no_deadline": (0, (0, 1), "K", Severity.GENERAL, None, S.OPEN),
}


def _visit(
    backend: Backend, sample: Sample, customer: int, team: tuple[int, int], *, finalize: bool
) -> uuid.UUID:
    with backend.session() as session:
        inspection = start_inspection(
            session,
            sample.customers[customer],
            sample.template_id,
            [sample.inspectors[n] for n in team],
            started_at=STARTED,
        )
        answer_every_item(session, inspection)
        if finalize:
            sign_everyone(session, inspection)
    return inspection


@pytest.fixture
def office(backend: Backend, sample: Sample) -> Office:
    visits: dict[tuple[int, tuple[int, int]], uuid.UUID] = {}
    ids: dict[str, uuid.UUID] = {}
    for name, (customer, team, category, severity, days, _status) in FINDINGS.items():
        key = (customer, team)
        if key not in visits:
            visits[key] = _visit(backend, sample, customer, team, finalize=True)
        ids[name] = backend.call(
            add_finding,
            visits[key],
            name,
            category=category,
            severity=severity,
            deadline=DAY + timedelta(days=days) if days is not None else None,
        )
    withdrawn = backend.call(add_finding, visits[(0, (0, 1))], "withdrawn", deadline=DAY)
    backend.call(withdraw_finding, withdrawn)
    for inspection in visits.values():
        backend.call(finalize_inspection, inspection)
    with backend.session() as session:
        for name, (*_rest, status) in FINDINGS.items():
            finding = session.get(Finding, ids[name])
            assert finding is not None
            finding.status = status
    under_way = _visit(backend, sample, 2, (0, 2), finalize=False)
    ids["under_way"] = backend.call(add_finding, under_way, "under_way", deadline=DAY + timedelta(days=1))
    void = _visit(backend, sample, 2, (1, 2), finalize=False)
    ids["void"] = backend.call(add_finding, void, "void", deadline=DAY + timedelta(days=1))
    backend.call(void_inspection, void, "录入错误")
    return Office(ids, {"under_way": under_way, "void": void})


def names(backend: Backend, office: Office, flt: FindingFilter) -> list[str]:
    by_id = {v: k for k, v in office.ids.items()}
    keys = backend.call(finding_keys, flt, today=TODAY)
    return [by_id[uuid.UUID(key)] for key in keys]


def test_the_list_is_the_followed_up_findings_most_urgent_first(backend: Backend, office: Office) -> None:
    assert names(backend, office, FindingFilter()) == [
        "late_open",
        "late_notified",
        "soon_reported",
        "later_reopened",
        "no_deadline",
    ]
    assert names(backend, office, FindingFilter(statuses=frozenset())) == [
        "late_verified",
        "late_open",
        "late_notified",
        "soon_reported",
        "later_reopened",
        "no_deadline",
    ]
    counts = backend.call(count_findings, FindingFilter(), today=TODAY)
    assert (counts.total, counts.overdue) == (5, 2)  # late_open, late_notified; verified is never overdue


def test_pages_agree_with_the_list_and_carry_what_the_rows_show(backend: Backend, office: Office) -> None:
    flt = FindingFilter(statuses=frozenset())
    keys = [uuid.UUID(k) for k in backend.call(finding_keys, flt, today=TODAY)]
    pages = [backend.call(finding_page, flt, offset, 4, today=TODAY) for offset in (0, 4, 8)]
    assert [row.finding_id for page in pages for row in page] == keys
    first = pages[0][1]
    assert first.description == "late_open"
    assert first.customer_name == "临河县人民医院" and first.account_no == "0531000001"
    assert first.inspectors == "王建国、李秀英"  # the lead first
    assert first.found_on == DAY and first.deadline == DAY + timedelta(days=5)
    assert first.overdue_days == 15 and first.status is S.OPEN and first.category == "A"
    verified = pages[0][0]
    assert verified.status is S.VERIFIED and verified.overdue_days == 0
    assert backend.call(finding_rows, [keys[2], uuid.uuid4(), keys[0]], today=TODAY) == [
        pages[0][2],
        pages[0][0],
    ]
    with pytest.raises(ValidationError):
        backend.call(finding_page, flt, 0, 0)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (FindingFilter(statuses=frozenset({S.OPEN})), ["late_open", "no_deadline"]),
        (FindingFilter(severity=Severity.SERIOUS), ["late_notified", "later_reopened"]),
        (FindingFilter(category="B"), ["late_notified", "soon_reported"]),
        (FindingFilter(customer_text="人民医院"), ["late_open", "late_notified", "no_deadline"]),
        (FindingFilter(customer_text="0531000002 钢铁"), ["soon_reported", "later_reopened"]),
        (FindingFilter(customer_text="100%_"), []),  # LIKE's wildcards taken literally
        (FindingFilter(deadline=DeadlineScope.OVERDUE), ["late_open", "late_notified"]),
        (FindingFilter(deadline=DeadlineScope.DUE_WITHIN, within_days=10), ["soon_reported"]),
        (FindingFilter(deadline=DeadlineScope.DUE_WITHIN, within_days=0), []),
        (
            FindingFilter(
                statuses=frozenset(),
                deadline=DeadlineScope.RANGE,
                deadline_from=DAY + timedelta(days=3),
                deadline_to=DAY + timedelta(days=10),
            ),
            ["late_verified", "late_open", "late_notified"],
        ),
        (
            FindingFilter(deadline=DeadlineScope.RANGE, deadline_from=DAY + timedelta(days=20)),
            ["soon_reported", "later_reopened"],
        ),
    ],
)
def test_each_filter(backend: Backend, office: Office, flt: FindingFilter, expected: list[str]) -> None:
    assert names(backend, office, flt) == expected
    counts = backend.call(count_findings, flt, today=TODAY)
    assert counts.total == len(expected)
    rows = backend.call(finding_page, flt, 0, 50, today=TODAY)
    assert counts.overdue == sum(1 for row in rows if row.overdue_days)


def test_the_inspector_filter_finds_the_findings_of_the_inspections_on_which_they_were(
    backend: Backend, sample: Sample, office: Office
) -> None:
    first, second, third = sample.inspectors
    assert names(backend, office, FindingFilter(inspector_id=first)) == [
        "late_open",
        "late_notified",
        "no_deadline",
    ]
    assert names(backend, office, FindingFilter(inspector_id=third)) == ["soon_reported", "later_reopened"]
    assert names(backend, office, FindingFilter(inspector_id=second)) == names(
        backend, office, FindingFilter()
    )
    # Their findings of inspections under way or void are left out of the counts as well as the list.
    counts = backend.call(count_findings, FindingFilter(inspector_id=third), today=TODAY)
    assert (counts.total, counts.overdue) == (2, 0)


@pytest.mark.parametrize(
    ("flt", "field"),
    [
        (FindingFilter(category="Z"), "category"),
        (FindingFilter(deadline=DeadlineScope.DUE_WITHIN, within_days=-1), "within_days"),
        (
            FindingFilter(
                deadline=DeadlineScope.RANGE, deadline_from=DAY, deadline_to=DAY - timedelta(days=1)
            ),
            "deadline",
        ),
    ],
)
def test_a_filter_that_cannot_be_is_refused_naming_its_field(
    backend: Backend, flt: FindingFilter, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(count_findings, flt)
    assert caught.value.field == field
