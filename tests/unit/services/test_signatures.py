"""Signatures on the tablet: each inspector on site, then the customer's representative (or, after a
refusal, a witness). A new signature replaces the person's earlier one, which stays as a tombstone; a
drawing that cannot be a signature is refused and nothing is stored; finalize needs every signature, and
the seal covers them."""

from __future__ import annotations

import math
import uuid
from typing import Any

import pytest
from sqlalchemy import select
from testkit import SIGNATURE_STROKES, Sample, answer_every_item, sign_everyone

from fieldapp.domain.enums import InspectionStatus, SignerRole
from fieldapp.domain.errors import LockedError, ValidationError
from fieldapp.domain.signatures import MAX_POINTS, MIN_POINTS
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import (
    finalize_inspection,
    get_inspection,
    inspection_content,
    start_inspection,
    verify_inspection_seal,
    void_inspection,
)
from fieldapp.services.signatures import (
    missing_signatures,
    record_refusal,
    sign,
    signature_slots,
    withdraw_refusal,
)
from fieldapp.store.models import AuditEvent, Inspection, Signature

# Another hand: a different zig-zag, so that a replaced signature can be told from its replacement.
OTHER_STROKES = [[(0.2 + 0.05 * i, 0.6 - 0.3 * (i % 2)) for i in range(12)], [(0.3, 0.2), (0.7, 0.25)]]


def _drawn(strokes: list[list[tuple[float, float]]]) -> list[list[list[float]]]:
    """Strokes as stored: [x, y] lists rounded to 4 decimals."""
    return [[[round(x, 4), round(y, 4)] for x, y in stroke] for stroke in strokes]


@pytest.fixture
def inspection_id(backend: Backend, sample: Sample) -> uuid.UUID:
    return backend.call(
        start_inspection, sample.customers[0], sample.template_id, sample.inspectors[:2], actor="YJ001"
    )


def _signatures(backend: Backend, inspection_id: uuid.UUID) -> list[Signature]:
    with backend.session() as session:
        return list(
            session.scalars(
                select(Signature)
                .where(Signature.inspection_id == inspection_id)
                .order_by(Signature.signed_at)
            )
        )


def _events(backend: Backend, action: str) -> list[AuditEvent]:
    with backend.session() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _sign_inspector(backend: Backend, inspection_id: uuid.UUID, inspector_id: uuid.UUID, **kw: Any) -> Any:
    return backend.call(
        sign, inspection_id, SignerRole.INSPECTOR, 3.0, SIGNATURE_STROKES, inspector_id=inspector_id, **kw
    )


def _refused(backend: Backend, inspection_id: uuid.UUID) -> bool:
    return backend.call(get_inspection, inspection_id).representative_refused


# --- slots --------------------------------------------------------------------------------------------------


def test_slots_are_the_inspectors_as_on_site_then_the_representative(
    backend: Backend, sample: Sample
) -> None:
    lead_last = [sample.inspectors[2], sample.inspectors[0]]
    inspection_id = backend.call(start_inspection, sample.customers[0], sample.template_id, lead_last)
    slots = backend.call(signature_slots, inspection_id)
    assert [(s.role, s.inspector_id, s.name) for s in slots] == [
        (SignerRole.INSPECTOR, sample.inspectors[2], "张伟"),
        (SignerRole.INSPECTOR, sample.inspectors[0], "王建国"),
        (SignerRole.REPRESENTATIVE, None, ""),
    ]
    assert [(s.signed, s.signed_at, s.strokes) for s in slots] == [(False, None, None)] * 3
    assert backend.call(missing_signatures, inspection_id) == slots


def test_after_a_refusal_the_witness_signs_in_the_representatives_place(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_refusal, inspection_id)
    roles = [s.role for s in backend.call(signature_slots, inspection_id)]
    assert roles == [SignerRole.INSPECTOR, SignerRole.INSPECTOR, SignerRole.WITNESS]
    assert _refused(backend, inspection_id) is True
    backend.call(withdraw_refusal, inspection_id)
    roles = [s.role for s in backend.call(signature_slots, inspection_id)]
    assert roles == [SignerRole.INSPECTOR, SignerRole.INSPECTOR, SignerRole.REPRESENTATIVE]
    assert _refused(backend, inspection_id) is False


# --- signing ------------------------------------------------------------------------------------------------


def test_a_signature_is_stored_as_strokes_and_fills_its_slot(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    strokes = [[(0.123456, 0.2), (0.3, 0.654321), (0.5, 0.2), (0.7, 0.6), (0.9, 0.25)]]
    slot = backend.call(
        sign, inspection_id, "inspector", 2.5, strokes, inspector_id=sample.inspectors[1], actor="YJ002"
    )
    assert (slot.role, slot.inspector_id, slot.name, slot.signed) == (
        SignerRole.INSPECTOR,
        sample.inspectors[1],
        "李秀英",
        True,
    )
    expected = {
        "aspect": 2.5,
        "strokes": [[[0.1235, 0.2], [0.3, 0.6543], [0.5, 0.2], [0.7, 0.6], [0.9, 0.25]]],
    }
    assert slot.strokes == expected
    assert slot.signed_at is not None and slot.signed_at.tzinfo is not None
    first, second, representative = backend.call(signature_slots, inspection_id)
    assert (first.signed, second.signed, representative.signed) == (False, True, False)
    assert second.strokes == expected  # read back from the database, not the value just made
    [row] = _signatures(backend, inspection_id)
    assert (row.role, row.inspector_id, row.signer_name, row.deleted) == (
        SignerRole.INSPECTOR,
        sample.inspectors[1],
        "李秀英",
        False,
    )
    assert [s.name for s in backend.call(missing_signatures, inspection_id)] == ["王建国", ""]


def test_signing_again_replaces_the_earlier_signature_which_stays_as_a_tombstone(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _sign_inspector(backend, inspection_id, sample.inspectors[0])
    backend.call(
        sign, inspection_id, SignerRole.INSPECTOR, 1.5, OTHER_STROKES, inspector_id=sample.inspectors[0]
    )
    rows = _signatures(backend, inspection_id)
    assert [(r.inspector_id, r.deleted) for r in rows] == [
        (sample.inspectors[0], True),
        (sample.inspectors[0], False),
    ]
    assert rows[0].strokes["strokes"] == _drawn(SIGNATURE_STROKES)  # the tombstone keeps what was drawn
    assert rows[1].strokes == {"aspect": 1.5, "strokes": _drawn(OTHER_STROKES)}
    first = backend.call(signature_slots, inspection_id)[0]
    assert first.signed and first.strokes == rows[1].strokes


def test_a_second_representative_signature_replaces_the_first_even_under_another_name(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(sign, inspection_id, "representative", 3.0, SIGNATURE_STROKES, signer_name="赵经理")
    slot = backend.call(
        sign, inspection_id, SignerRole.REPRESENTATIVE, 3.0, OTHER_STROKES, signer_name="  钱   主任 "
    )
    assert slot.name == "钱 主任"  # spaces inside collapsed, around trimmed
    rows = _signatures(backend, inspection_id)
    assert [(r.signer_name, r.deleted) for r in rows] == [("赵经理", True), ("钱 主任", False)]
    assert backend.call(signature_slots, inspection_id)[-1].name == "钱 主任"


def test_one_inspectors_signature_does_not_replace_anothers(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _sign_inspector(backend, inspection_id, sample.inspectors[0])
    _sign_inspector(backend, inspection_id, sample.inspectors[1])
    backend.call(sign, inspection_id, "representative", 3.0, SIGNATURE_STROKES, signer_name="赵经理")
    assert [r.deleted for r in _signatures(backend, inspection_id)] == [False, False, False]
    assert backend.call(missing_signatures, inspection_id) == []


@pytest.mark.parametrize("who", ["outsider", "nobody", "unknown"])
def test_only_an_inspector_of_this_inspection_signs_as_inspector(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID, who: str
) -> None:
    inspector_id = {"outsider": sample.inspectors[2], "nobody": None, "unknown": uuid.uuid4()}[who]
    with pytest.raises(ValidationError, match="只有本次检查的检查人员") as caught:
        backend.call(
            sign, inspection_id, SignerRole.INSPECTOR, 3.0, SIGNATURE_STROKES, inspector_id=inspector_id
        )
    assert caught.value.field == "inspector"
    assert _signatures(backend, inspection_id) == []


@pytest.mark.parametrize("role", [SignerRole.REPRESENTATIVE, SignerRole.WITNESS])
@pytest.mark.parametrize("name", ["", "   ", "名" * 51])
def test_the_representative_and_the_witness_need_a_name_of_at_most_50_characters(
    backend: Backend, inspection_id: uuid.UUID, role: SignerRole, name: str
) -> None:
    if role is SignerRole.WITNESS:
        backend.call(record_refusal, inspection_id)
    with pytest.raises(ValidationError, match="姓名") as caught:
        backend.call(sign, inspection_id, role, 3.0, SIGNATURE_STROKES, signer_name=name)
    assert caught.value.field == "signer_name"
    assert _signatures(backend, inspection_id) == []


def test_a_name_of_50_characters_is_kept_whole(backend: Backend, inspection_id: uuid.UUID) -> None:
    slot = backend.call(sign, inspection_id, "representative", 3.0, SIGNATURE_STROKES, signer_name="名" * 50)
    assert slot.name == "名" * 50
    assert [r.signer_name for r in _signatures(backend, inspection_id)] == ["名" * 50]


def test_an_unknown_role_is_refused(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError) as caught:
        backend.call(sign, inspection_id, "customer", 3.0, SIGNATURE_STROKES, signer_name="赵经理")
    assert caught.value.field == "role"
    assert _signatures(backend, inspection_id) == []


# --- refusal ------------------------------------------------------------------------------------------------


def test_a_witness_signs_only_after_a_refusal(backend: Backend, inspection_id: uuid.UUID) -> None:
    with pytest.raises(ValidationError, match="拒签") as caught:
        backend.call(sign, inspection_id, SignerRole.WITNESS, 3.0, SIGNATURE_STROKES, signer_name="孙村主任")
    assert caught.value.field == "role"
    assert _signatures(backend, inspection_id) == []
    backend.call(record_refusal, inspection_id)
    slot = backend.call(
        sign, inspection_id, SignerRole.WITNESS, 3.0, SIGNATURE_STROKES, signer_name="孙村主任"
    )
    assert (slot.role, slot.name, slot.signed) == (SignerRole.WITNESS, "孙村主任", True)
    assert backend.call(signature_slots, inspection_id)[-1] == slot


def test_a_refusal_withdraws_the_representatives_earlier_signature(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(sign, inspection_id, "representative", 3.0, SIGNATURE_STROKES, signer_name="赵经理")
    backend.call(record_refusal, inspection_id)
    assert [(r.role, r.deleted) for r in _signatures(backend, inspection_id)] == [
        (SignerRole.REPRESENTATIVE, True)
    ]
    witness = backend.call(signature_slots, inspection_id)[-1]
    assert (witness.role, witness.signed, witness.name) == (SignerRole.WITNESS, False, "")
    # Taking the refusal back does not bring the withdrawn signature back: the representative signs again.
    backend.call(withdraw_refusal, inspection_id)
    assert backend.call(signature_slots, inspection_id)[-1].signed is False


def test_the_representative_signing_after_a_refusal_withdraws_it_and_the_witness_signature(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_refusal, inspection_id)
    backend.call(sign, inspection_id, "witness", 3.0, SIGNATURE_STROKES, signer_name="孙村主任")
    backend.call(sign, inspection_id, "representative", 3.0, OTHER_STROKES, signer_name="赵经理")
    assert _refused(backend, inspection_id) is False
    last = backend.call(signature_slots, inspection_id)[-1]
    assert (last.role, last.name, last.signed) == (SignerRole.REPRESENTATIVE, "赵经理", True)
    assert [(r.role, r.deleted) for r in _signatures(backend, inspection_id)] == [
        (SignerRole.WITNESS, True),
        (SignerRole.REPRESENTATIVE, False),
    ]


def test_withdrawing_a_refusal_asks_the_representative_again_and_drops_the_witness(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(record_refusal, inspection_id)
    backend.call(sign, inspection_id, "witness", 3.0, SIGNATURE_STROKES, signer_name="孙村主任")
    backend.call(withdraw_refusal, inspection_id, actor="YJ001")
    assert _refused(backend, inspection_id) is False
    last = backend.call(signature_slots, inspection_id)[-1]
    assert (last.role, last.signed) == (SignerRole.REPRESENTATIVE, False)
    assert [(r.role, r.deleted) for r in _signatures(backend, inspection_id)] == [(SignerRole.WITNESS, True)]
    with pytest.raises(ValidationError):  # no refusal any more: no witness either
        backend.call(sign, inspection_id, "witness", 3.0, SIGNATURE_STROKES, signer_name="孙村主任")


def test_refusing_twice_or_withdrawing_no_refusal_changes_nothing(
    backend: Backend, inspection_id: uuid.UUID
) -> None:
    backend.call(withdraw_refusal, inspection_id)
    assert _refused(backend, inspection_id) is False
    backend.call(record_refusal, inspection_id)
    backend.call(sign, inspection_id, "witness", 3.0, SIGNATURE_STROKES, signer_name="孙村主任")
    backend.call(record_refusal, inspection_id)
    assert backend.call(signature_slots, inspection_id)[-1].signed is True  # the witness stays
    assert len(_events(backend, "signature.refuse")) == 1


# --- what a signature must be -------------------------------------------------------------------------------

_ZIGZAG = SIGNATURE_STROKES[0]


@pytest.mark.parametrize(
    ("aspect", "strokes", "says"),
    [
        pytest.param(3.0, [], "太短", id="nothing-drawn"),
        pytest.param(3.0, [[], []], "太短", id="empty-strokes"),
        pytest.param(3.0, [_ZIGZAG[: MIN_POINTS - 1]], "太短", id="too-short"),
        pytest.param(3.0, [_ZIGZAG[:2], _ZIGZAG[2:4]], "太短", id="two-taps"),
        pytest.param(
            3.0, [[(0.5 + 0.004 * i, 0.5 + 0.004 * (i % 2)) for i in range(10)]], "太小", id="too-small"
        ),
        pytest.param(3.0, [[*_ZIGZAG, (1.2, 0.5)]], "超出范围", id="x-beyond-the-pad"),
        pytest.param(3.0, [[*_ZIGZAG, (0.5, -0.01)]], "超出范围", id="y-below-the-pad"),
        pytest.param(3.0, [[*_ZIGZAG, (math.nan, 0.5)]], "超出范围", id="nan"),
        pytest.param(3.0, [[*_ZIGZAG, (0.5, math.inf)]], "超出范围", id="infinite"),
        pytest.param(3.0, [[*_ZIGZAG, (0.5,)]], "坐标无效", id="half-a-point"),
        pytest.param(3.0, [[*_ZIGZAG, ("x", "y")]], "坐标无效", id="not-numbers"),
        pytest.param(
            3.0,
            [[(0.1 + 0.8 * (i % 100) / 100, 0.2 + 0.6 * (i % 7) / 7) for i in range(MAX_POINTS + 1)]],
            "过大",
            id="too-many-points",
        ),
        pytest.param(0.0, SIGNATURE_STROKES, "比例", id="flat-pad"),
        pytest.param(11.0, SIGNATURE_STROKES, "比例", id="too-wide-pad"),
        pytest.param(math.nan, SIGNATURE_STROKES, "比例", id="nan-pad"),
    ],
)
def test_a_drawing_that_is_no_signature_is_refused_and_nothing_is_stored(
    backend: Backend,
    sample: Sample,
    inspection_id: uuid.UUID,
    aspect: float,
    strokes: list[list[Any]],
    says: str,
) -> None:
    _sign_inspector(backend, inspection_id, sample.inspectors[0])
    before = backend.call(signature_slots, inspection_id)[0]
    with pytest.raises(ValidationError, match=says) as caught:
        backend.call(
            sign, inspection_id, SignerRole.INSPECTOR, aspect, strokes, inspector_id=sample.inspectors[0]
        )
    assert caught.value.field == "signature"
    # The earlier signature is still the one that counts: a failed attempt replaces nothing.
    assert backend.call(signature_slots, inspection_id)[0] == before
    assert [r.deleted for r in _signatures(backend, inspection_id)] == [False]
    assert len(_events(backend, "signature.sign")) == 1


def test_the_shortest_and_the_longest_acceptable_signatures_are_kept(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    shortest = [_ZIGZAG[:MIN_POINTS]]
    longest = [[(0.1 + 0.8 * (i % 100) / 100, 0.2 + 0.6 * (i % 7) / 7) for i in range(MAX_POINTS)]]
    first = backend.call(
        sign, inspection_id, SignerRole.INSPECTOR, 3.0, shortest, inspector_id=sample.inspectors[0]
    )
    second = backend.call(
        sign, inspection_id, SignerRole.INSPECTOR, 3.0, longest, inspector_id=sample.inspectors[1]
    )
    assert first.signed and second.signed
    slots = backend.call(signature_slots, inspection_id)
    assert slots[0].strokes is not None and slots[0].strokes["strokes"] == _drawn(shortest)
    assert slots[1].strokes is not None and sum(len(s) for s in slots[1].strokes["strokes"]) == MAX_POINTS


# --- finalizing ---------------------------------------------------------------------------------------------


def _answered(backend: Backend, inspection_id: uuid.UUID) -> None:
    with backend.session() as session:
        answer_every_item(session, inspection_id)


def test_finalize_is_refused_while_a_signature_is_missing_and_names_who(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _answered(backend, inspection_id)
    _sign_inspector(backend, inspection_id, sample.inspectors[0])
    with pytest.raises(ValidationError) as caught:
        backend.call(finalize_inspection, inspection_id)
    message = str(caught.value)
    assert caught.value.field == "signatures"
    assert "还缺 2 个签名" in message
    assert "李秀英" in message and "客户代表" in message
    assert "王建国" not in message  # signed
    backend.call(record_refusal, inspection_id)
    with pytest.raises(ValidationError, match="见证人") as caught:
        backend.call(finalize_inspection, inspection_id)
    assert "客户代表" not in str(caught.value)
    assert backend.call(get_inspection, inspection_id).status is InspectionStatus.IN_PROGRESS


def test_finalize_is_accepted_with_a_refusal_and_a_witness(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _answered(backend, inspection_id)
    for inspector_id in sample.inspectors[:2]:
        _sign_inspector(backend, inspection_id, inspector_id)
    backend.call(record_refusal, inspection_id)
    backend.call(sign, inspection_id, SignerRole.WITNESS, 3.0, SIGNATURE_STROKES, signer_name="孙村主任")
    digest = backend.call(finalize_inspection, inspection_id)
    with backend.session() as session:
        inspection = get_inspection(session, inspection_id)
        assert (inspection.status, inspection.content_sha256) == (InspectionStatus.FINALIZED, digest)
        content = inspection_content(session, inspection)
    assert content["representative_refused"] is True
    assert sorted((s["role"], s["name"]) for s in content["signatures"]) == [
        (SignerRole.INSPECTOR, "李秀英"),
        (SignerRole.INSPECTOR, "王建国"),
        (SignerRole.WITNESS, "孙村主任"),
    ]
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_only_the_current_signatures_are_sealed(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _answered(backend, inspection_id)
    backend.call(sign, inspection_id, "representative", 3.0, OTHER_STROKES, signer_name="前任经理")
    backend.call(sign_everyone, inspection_id)
    backend.call(finalize_inspection, inspection_id)
    with backend.session() as session:
        content = inspection_content(session, get_inspection(session, inspection_id))
    assert [s["name"] for s in content["signatures"] if s["role"] is SignerRole.REPRESENTATIVE] == ["赵经理"]
    assert content["representative_refused"] is False


def _finished(backend: Backend, inspection_id: uuid.UUID) -> str:
    _answered(backend, inspection_id)
    backend.call(sign_everyone, inspection_id)
    return backend.call(finalize_inspection, inspection_id)


@pytest.mark.parametrize("change", ["strokes", "name", "withdrawn", "refusal"])
def test_changing_a_signature_behind_the_apps_back_breaks_the_seal(
    backend: Backend, inspection_id: uuid.UUID, change: str
) -> None:
    _finished(backend, inspection_id)
    assert backend.call(verify_inspection_seal, inspection_id) is True
    with backend.session() as session:
        row = session.scalars(
            select(Signature).where(
                Signature.inspection_id == inspection_id, Signature.role == SignerRole.REPRESENTATIVE
            )
        ).one()
        if change == "strokes":
            drawn = row.strokes["strokes"]
            row.strokes = {"aspect": row.strokes["aspect"], "strokes": [[[0.11, 0.2], *drawn[0][1:]]]}
        elif change == "name":
            row.signer_name = "另一人"
        elif change == "withdrawn":
            row.deleted = True
        else:
            inspection = session.get(Inspection, inspection_id)
            assert inspection is not None
            inspection.representative_refused = True
    assert backend.call(verify_inspection_seal, inspection_id) is False


def test_a_finalized_inspection_refuses_signatures_and_refusals(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _finished(backend, inspection_id)
    before = [(r.id, r.deleted) for r in _signatures(backend, inspection_id)]
    with pytest.raises(LockedError, match="已定稿"):
        _sign_inspector(backend, inspection_id, sample.inspectors[0])
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(sign, inspection_id, "representative", 3.0, OTHER_STROKES, signer_name="钱主任")
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(record_refusal, inspection_id)
    with pytest.raises(LockedError, match="已定稿"):
        backend.call(withdraw_refusal, inspection_id)
    assert [(r.id, r.deleted) for r in _signatures(backend, inspection_id)] == before
    assert _refused(backend, inspection_id) is False
    assert backend.call(verify_inspection_seal, inspection_id) is True


def test_a_void_inspection_refuses_signatures(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    backend.call(void_inspection, inspection_id, "选错了客户")
    with pytest.raises(LockedError, match="已作废"):
        _sign_inspector(backend, inspection_id, sample.inspectors[0])
    with pytest.raises(LockedError, match="已作废"):
        backend.call(record_refusal, inspection_id)
    assert _signatures(backend, inspection_id) == []


# --- audit --------------------------------------------------------------------------------------------------


def test_every_signature_and_refusal_leaves_an_audit_event(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    _sign_inspector(backend, inspection_id, sample.inspectors[0], actor="YJ001")
    backend.call(
        sign, inspection_id, "representative", 3.0, SIGNATURE_STROKES, signer_name="赵经理", actor="YJ001"
    )
    backend.call(record_refusal, inspection_id, actor="YJ002")
    backend.call(
        sign, inspection_id, "witness", 3.0, SIGNATURE_STROKES, signer_name="孙村主任", actor="YJ002"
    )
    backend.call(withdraw_refusal, inspection_id, actor="YJ001")
    rows = {r.id: r for r in _signatures(backend, inspection_id)}
    signed = _events(backend, "signature.sign")
    assert sorted((e.detail["role"], e.detail["name"], e.actor) for e in signed) == [
        ("inspector", "王建国", "YJ001"),
        ("representative", "赵经理", "YJ001"),
        ("witness", "孙村主任", "YJ002"),
    ]
    assert {e.detail["inspection"] for e in signed} == {str(inspection_id)}
    assert {e.entity for e in signed} == {"signature"}
    assert {uuid.UUID(e.entity_id) for e in signed} == set(rows)
    assert all(e.device_code == backend.device_code for e in signed)
    [refused] = _events(backend, "signature.refuse")
    [withdrawn] = _events(backend, "signature.refusal_withdrawn")
    assert (refused.entity, refused.entity_id, refused.actor) == ("inspection", str(inspection_id), "YJ002")
    assert (withdrawn.entity, withdrawn.entity_id, withdrawn.actor) == (
        "inspection",
        str(inspection_id),
        "YJ001",
    )


def test_the_audit_event_and_the_signature_are_one_transaction(
    backend: Backend, sample: Sample, inspection_id: uuid.UUID
) -> None:
    with pytest.raises(RuntimeError), backend.session() as session:
        sign(
            session,
            inspection_id,
            SignerRole.INSPECTOR,
            3.0,
            SIGNATURE_STROKES,
            inspector_id=sample.inspectors[0],
        )
        raise RuntimeError("the tablet lost power before the commit")
    assert _signatures(backend, inspection_id) == []
    assert _events(backend, "signature.sign") == []
