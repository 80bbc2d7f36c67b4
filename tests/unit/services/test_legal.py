"""The legal-basis library in the database, on each engine: installed at start-up, installed again without
effect, updated from a newer built-in library only where nobody has touched an entry, never over an office
edit, a verification or a deletion; verifying an entry is audited."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from fieldapp.checklists.builtin import load_builtin_templates
from fieldapp.checklists.legal import LegalBasis, load_library
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.paths import checklists_dir, legal_dir
from fieldapp.services.backend import Backend, open_backend
from fieldapp.services.legal import (
    BUILTIN_VERIFIER,
    INSTALL,
    UPDATE,
    VERIFY,
    get_entry,
    install_library,
    library_codes,
    list_entries,
    unverified_codes,
    verify_entry,
)
from fieldapp.store.models import AuditEvent, LegalEntry

SHIPPED = load_library(legal_dir() / "library.toml")
CODE = "DLF-32"  # an unverified entry
NEW_TEXT = "用户用电不得危害供电、用电安全。（修订后的内置文本）"


def _events(backend: Backend, *actions: str) -> list[tuple[str, str, str]]:
    with backend.session() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.detail)
            .where(AuditEvent.entity == "legal_entry", AuditEvent.action.in_(actions))
            .order_by(AuditEvent.at)
        ).all()
    return [(action, actor, detail.get("code", "")) for action, actor, detail in rows]


def _changed(code: str, **fields: object) -> list[LegalBasis]:
    """The shipped library with one entry changed, as a newer release would ship it."""
    return [replace(e, **fields) if e.code == code else e for e in SHIPPED]  # type: ignore[arg-type]


def test_open_backend_installs_the_whole_library(backend: Backend) -> None:
    rows = backend.call(list_entries)
    assert [r.code for r in rows] == sorted(e.code for e in SHIPPED)
    shipped = {e.code: e for e in SHIPPED}
    for row in rows:
        entry = shipped[row.code]
        assert (row.regulation, row.edition, row.article, row.requirement_zh, row.provenance) == (
            entry.regulation,
            entry.edition,
            entry.article,
            entry.requirement_zh,
            entry.provenance,
        )
        assert row.verified is entry.verified
        assert row.verified_by == (BUILTIN_VERIFIER if entry.verified else "")
        assert row.revision == 1
    assert backend.call(unverified_codes) == {e.code for e in SHIPPED if not e.verified}
    assert len(_events(backend, INSTALL)) == len(SHIPPED)
    hundred = backend.call(get_entry, "GYGZ1996-100")
    assert hundred.citation_zh == "《供电营业规则》（1996年版）第一百条"


def test_every_basis_a_built_in_template_cites_is_in_the_installed_library(backend: Backend) -> None:
    cited = {code for t in load_builtin_templates(checklists_dir()) for i in t.items for code in i.basis}
    assert cited <= backend.call(library_codes)


def test_installing_again_changes_and_records_nothing(backend: Backend, data_dir: Path) -> None:
    before = _events(backend, INSTALL, UPDATE)
    again = open_backend(data_dir=str(data_dir), db_url=backend.database.url)
    again.close()
    result = backend.call(install_library, SHIPPED)
    assert (result.inserted, result.updated, result.kept) == ((), (), ())
    assert _events(backend, INSTALL, UPDATE) == before
    with backend.session() as session:
        assert session.scalar(select(func.max(LegalEntry.revision))) == 1


def test_an_untouched_entry_follows_the_built_in_library(backend: Backend) -> None:
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT))
    assert (result.inserted, result.updated, result.kept) == ((), (CODE,), ())
    row = backend.call(get_entry, CODE)
    assert (row.requirement_zh, row.revision) == (NEW_TEXT, 2)
    assert _events(backend, UPDATE) == [(UPDATE, "system", CODE)]
    # A second release changes it again: still nobody's edit, so it follows again.
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT + "再改"))
    assert result.updated == (CODE,)
    # The same library once more changes nothing.
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT + "再改"))
    assert (result.updated, result.kept) == ((), ())


def test_a_built_in_verification_follows_the_library_until_the_office_touches_it(backend: Backend) -> None:
    result = backend.call(install_library, _changed(CODE, verified=True))
    assert result.updated == (CODE,)
    row = backend.call(get_entry, CODE)
    assert (row.verified, row.verified_by) == (True, BUILTIN_VERIFIER)
    assert CODE not in backend.call(unverified_codes)


def test_an_office_edit_is_never_overwritten(backend: Backend) -> None:
    with backend.session() as session:
        row = session.scalar(select(LegalEntry).where(LegalEntry.code == CODE))
        assert row is not None
        row.article = "第三十二条第一款"  # the office corrected the citation
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT))
    assert (result.updated, result.kept) == ((), (CODE,))
    row_after = backend.call(get_entry, CODE)
    assert row_after.article == "第三十二条第一款"
    assert row_after.requirement_zh != NEW_TEXT
    assert _events(backend, UPDATE) == []


def test_a_verification_is_never_overwritten(backend: Backend) -> None:
    backend.call(verify_entry, CODE, actor="YJ001")
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT, verified=False))
    assert result.kept == (CODE,)
    row = backend.call(get_entry, CODE)
    assert (row.verified, row.verified_by) == (True, "YJ001")
    assert row.requirement_zh != NEW_TEXT


def test_an_office_unverification_of_a_built_in_verified_entry_stands(backend: Backend) -> None:
    code = "GYGZ1996-100"
    with backend.session() as session:
        row = session.scalar(select(LegalEntry).where(LegalEntry.code == code))
        assert row is not None
        row.verified, row.verified_by = False, ""
    result = backend.call(install_library, _changed(code, requirement_zh=NEW_TEXT))
    assert result.kept == (code,)
    assert backend.call(get_entry, code).verified is False


def test_deleted_entries_stay_deleted_and_entries_the_library_drops_stay(backend: Backend) -> None:
    with backend.session() as session:
        row = session.scalar(select(LegalEntry).where(LegalEntry.code == CODE))
        assert row is not None
        row.deleted = True
    dropped = SHIPPED[0].code
    library = [e for e in _changed(CODE, requirement_zh=NEW_TEXT) if e.code != dropped]
    result = backend.call(install_library, library)
    assert result.kept == (CODE,)
    codes = {r.code for r in backend.call(list_entries)}
    assert CODE not in codes and dropped in codes


def test_new_entries_are_added_and_an_office_entry_under_a_new_code_is_kept(backend: Backend) -> None:
    office = LegalEntry(
        code="SD-2025-1",
        regulation="《山东省供用电条例》",
        requirement_zh="省级规定",
        provenance="办公室录入",
    )
    with backend.session() as session:
        session.add(office)
    newer = [
        *SHIPPED,
        LegalBasis("GB-NEW", "《新标准》", "", "", "新要求", "", "a newer release", False),
        LegalBasis(
            "SD-2025-1", "《山东省供用电条例》", "2025年", "", "内置文本", "", "a newer release", False
        ),
    ]
    result = backend.call(install_library, newer)
    assert (result.inserted, result.updated, result.kept) == (("GB-NEW",), (), ("SD-2025-1",))
    assert backend.call(get_entry, "SD-2025-1").requirement_zh == "省级规定"
    assert [code for _, _, code in _events(backend, INSTALL)][-1] == "GB-NEW"


def test_verify_entry_records_who_and_when_and_is_audited(backend: Backend) -> None:
    row = backend.call(verify_entry, CODE, actor="YJ002")
    assert (row.verified, row.verified_by) == (True, "YJ002")
    assert row.verified_at is not None and row.verified_at.utcoffset() is not None
    assert row.revision == 2
    assert CODE not in backend.call(unverified_codes)
    assert _events(backend, VERIFY) == [(VERIFY, "YJ002", CODE)]
    # The same person again changes nothing; another person's check replaces the verifier.
    backend.call(verify_entry, CODE, actor="YJ002")
    assert len(_events(backend, VERIFY)) == 1
    assert backend.call(verify_entry, CODE, actor="YJ003").verified_by == "YJ003"
    assert [actor for _, actor, _ in _events(backend, VERIFY)] == ["YJ002", "YJ003"]
    with backend.session() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == VERIFY).order_by(AuditEvent.at)
        ).all()[-1]
    assert detail == {"code": CODE, "previous": {"verified": True, "verified_by": "YJ002"}}


def test_verify_entry_refuses_an_unknown_code_or_no_verifier(backend: Backend) -> None:
    with pytest.raises(NotFoundError, match="NO-SUCH"):
        backend.call(verify_entry, "NO-SUCH", actor="YJ001")
    with pytest.raises(ValidationError) as caught:
        backend.call(verify_entry, CODE, actor="  ")
    assert caught.value.field == "actor"
    assert CODE in backend.call(unverified_codes)


def _as_before_in_force_existed() -> list[LegalBasis]:
    """The shipped library as the release before in_force shipped it: every entry in force."""
    return [replace(e, in_force=True, superseded_by="") for e in SHIPPED]


def test_a_database_installed_before_retires_the_1996_rules_on_the_next_install(backend: Backend) -> None:
    with backend.session() as session:  # start again from what the release before in_force installed
        session.execute(delete(AuditEvent).where(AuditEvent.entity == "legal_entry"))
        session.execute(delete(LegalEntry))
    backend.call(install_library, _as_before_in_force_existed())
    retired = {e.code for e in SHIPPED if not e.in_force}
    assert all(backend.call(get_entry, code).in_force for code in retired)
    result = backend.call(install_library, SHIPPED)
    assert set(result.updated) == retired and result.kept == ()
    for code in retired:
        row = backend.call(get_entry, code)
        assert not row.in_force and row.superseded_by.startswith("GYGZ2024-")
    hundred = backend.call(get_entry, "GYGZ1996-100")
    assert (hundred.verified, hundred.verified_by) == (True, BUILTIN_VERIFIER)  # the text is still checked
    assert backend.call(install_library, SHIPPED).updated == ()  # and installing again changes nothing


def test_the_office_decides_whether_an_entry_is_in_force_once_it_has(backend: Backend) -> None:
    with backend.session() as session:
        put_back = session.scalar(select(LegalEntry).where(LegalEntry.code == "GYGZ1996-101"))
        retired = session.scalar(select(LegalEntry).where(LegalEntry.code == CODE))
        assert put_back is not None and retired is not None
        put_back.in_force, put_back.superseded_by = True, ""  # the office knows better, say
        retired.in_force, retired.superseded_by = False, "2025年修正"
    result = backend.call(install_library, _changed(CODE, requirement_zh=NEW_TEXT))
    assert set(result.kept) == {"GYGZ1996-101", CODE}
    assert backend.call(get_entry, "GYGZ1996-101").in_force
    row = backend.call(get_entry, CODE)
    assert (row.in_force, row.superseded_by, row.requirement_zh != NEW_TEXT) == (False, "2025年修正", True)


def test_listed_entries_say_whether_they_are_in_force(backend: Backend) -> None:
    rows = {r.code: r for r in backend.call(list_entries)}
    assert (rows["GYGZ1996-100"].in_force, rows["GYGZ1996-100"].superseded_by) == (False, "GYGZ2024-BREACH")
    assert (rows["GYGZ2024-BREACH"].in_force, rows["GYGZ2024-BREACH"].superseded_by) == (True, "")
