"""`fieldapp demo` end to end on each engine: run twice as a real process, the second run adds nothing, and
the data is what the office and the field pages need to show something real."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from testkit import run_cli

from fieldapp.domain.enums import FindingStatus, ImportanceGrade, InspectionStatus, Tariff, VoltageLevel
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.inspections import verify_inspection_seal
from fieldapp.services.stats import collect_stats
from fieldapp.store.models import AuditEvent, Customer, Finding, Inspection, InspectionInspector, Inspector


@dataclass(frozen=True)
class DemoRun:
    first: str
    second: str
    stats_after_first: dict[str, int]
    stats_after_second: dict[str, int]
    backend: Backend


def _stats(data_dir: Path, url: str | None) -> dict[str, int]:
    opened = open_backend(data_dir=str(data_dir), db_url=url)
    try:
        return opened.call(collect_stats)
    finally:
        opened.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    data_dir = tmp_path_factory.mktemp(f"demo-{request.param}")
    url: str | None = None
    server = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres_server")
        url = server.create()
    args = ["--data-dir", str(data_dir), *(["--db", url] if url else []), "demo"]
    first = run_cli(args, timeout=180)
    assert first.returncode == 0, first.stderr
    stats_first = _stats(data_dir, url)
    second = run_cli(args, timeout=180)
    assert second.returncode == 0, second.stderr
    opened = open_backend(data_dir=str(data_dir), db_url=url)
    try:
        yield DemoRun(first.stdout, second.stdout, stats_first, opened.call(collect_stats), opened)
    finally:
        opened.close()
        if server is not None and url is not None:
            server.drop(url)


def test_the_first_run_loads_and_the_second_adds_nothing(demo: DemoRun) -> None:
    assert "已加载演示数据" in demo.first
    assert "演示数据已存在，未作改动" in demo.second
    assert demo.stats_after_second == demo.stats_after_first
    counts = re.search(r"(\d+) customers, (\d+) inspectors, (\d+) inspections, (\d+) findings", demo.second)
    assert counts is not None
    assert int(counts[1]) == demo.stats_after_first["customers"]
    assert int(counts[3]) == demo.stats_after_first["inspections"]
    assert int(counts[4]) == demo.stats_after_first["findings"]
    with demo.backend.session() as session:
        loads = session.scalar(select(func.count()).where(AuditEvent.action == "demo.load"))
    assert loads == 1


def test_customers_cover_voltages_grades_and_tariffs(demo: DemoRun) -> None:
    with demo.backend.session() as session:
        customers = session.scalars(select(Customer)).all()
    assert len(customers) >= 30
    voltages = {c.supply_voltage for c in customers}
    assert {VoltageLevel.KV_10, VoltageLevel.KV_20, VoltageLevel.KV_35, VoltageLevel.KV_110} <= voltages
    grades = {c.importance for c in customers}
    assert len(grades - {ImportanceGrade.ORDINARY}) >= 3
    assert ImportanceGrade.ORDINARY in grades
    assert {c.tariff for c in customers} == {Tariff.TWO_PART, Tariff.SINGLE_PART}
    assert all(c.account_no.startswith("0") for c in customers)  # 户号 kept as text
    assert len({c.account_no for c in customers}) == len(customers)


def test_there_are_enough_inspectors_and_every_team_has_two(demo: DemoRun) -> None:
    with demo.backend.session() as session:
        assert session.scalar(select(func.count()).select_from(Inspector)) >= 6
        team_sizes = session.execute(
            select(InspectionInspector.inspection_id, func.count()).group_by(
                InspectionInspector.inspection_id
            )
        ).all()
    assert len(team_sizes) >= 20
    assert all(size >= 2 for _, size in team_sizes)


def test_findings_are_in_every_status(demo: DemoRun) -> None:
    with demo.backend.session() as session:
        statuses = set(session.scalars(select(Finding.status)))
    assert statuses == set(FindingStatus)
    assert 0 < demo.stats_after_first["open_findings"] < demo.stats_after_first["findings"]


def test_every_past_demo_inspection_is_finalized_and_its_seal_verifies(demo: DemoRun) -> None:
    with demo.backend.session() as session:
        everything = session.execute(
            select(Inspection.id, Inspection.status, Inspection.content_sha256)
        ).all()
    # One visit is under way today (for the Today page); every earlier one is finalized and sealed.
    under_way = [i for i, status, _ in everything if status is InspectionStatus.IN_PROGRESS]
    assert len(under_way) == 1
    inspections = [row for row in everything if row[0] not in under_way]
    assert len(inspections) >= 20
    assert {status for _, status, _ in inspections} == {InspectionStatus.FINALIZED}
    assert all(seal and len(seal) == 64 for _, _, seal in inspections)
    unverified = [i for i, _, _ in inspections if not demo.backend.call(verify_inspection_seal, i)]
    assert unverified == []


def test_doctor_finds_nothing_wrong_with_the_demo(demo: DemoRun) -> None:
    args = ["--data-dir", str(demo.backend.paths.root)]
    if demo.backend.database.dialect == "postgresql":
        args += ["--db", demo.backend.database.url]
    done = run_cli([*args, "doctor"])
    assert done.returncode == 0, done.stdout + done.stderr
