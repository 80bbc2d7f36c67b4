"""The review page as inspectors use it at the end of a visit: an open required item one tap away, findings
adjusted by typing and tapping, rule proposals accepted or dismissed, signatures drawn on the pads, a
refusal with a witness, and finalizing once nothing is missing; then what the database holds."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from gui_kit import ZIGZAG, draw, type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from review_kit import DEFECT_ITEM, OPEN_ITEM, Visit, answer_all_but, review_visit

from fieldapp.domain.dates import local_day
from fieldapp.domain.enums import FindingSource, InspectionStatus, Severity, SignerRole
from fieldapp.gui.app import install_translators
from fieldapp.gui.review_page import ReviewPage, WrapButton
from fieldapp.gui.signature_pad import SignaturePad
from fieldapp.gui.signature_section import SignerBlock
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.findings import FindingView, findings_of
from fieldapp.services.inspection_sheet import inspection_sheet, list_inspections
from fieldapp.services.inspections import verify_inspection_seal
from fieldapp.services.proposals import proposals_for
from fieldapp.services.signatures import SignatureSlot, signature_slots

CLICK = Qt.MouseButton.LeftButton
# The offscreen platform cannot pass a window's size limits on to a window system, and says so whenever
# the page's minimum size changes with its content; a real window system takes them.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def visit(demo_backend: Backend, qapp: QApplication) -> Visit:
    install_translators(qapp, "zh_CN")
    apply_style(qapp)
    return review_visit(demo_backend)


@pytest.fixture
def page(qtbot: QtBot, visit: Visit) -> ReviewPage:
    review = ReviewPage(visit.backend)
    qtbot.addWidget(review)
    review.resize(1148, 800)
    review.open(visit.inspection_id)
    review.show()
    qtbot.waitExposed(review)
    review.activateWindow()
    qtbot.waitUntil(review.isActiveWindow)
    return review


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A tap where a person would: the page scrolls it into view first, as a finger cannot reach it off
    screen."""
    QApplication.processEvents()  # the layout settles first, as the screen has before a finger lands
    page = widget.window()
    if isinstance(page, ReviewPage):
        page.scroll_area.ensureWidgetVisible(widget)
        QApplication.processEvents()
    qtbot.mouseClick(widget, CLICK)


def finding(visit: Visit, item_code: str) -> FindingView:
    return next(f for f in visit.backend.call(findings_of, visit.inspection_id) if f.item_code == item_code)


def slots(visit: Visit) -> list[SignatureSlot]:
    return visit.backend.call(signature_slots, visit.inspection_id)


def inspector_blocks(page: ReviewPage) -> list[SignerBlock]:
    return list(page.signatures.inspectors.values())


def sign_on(qtbot: QtBot, block: SignerBlock, name: str = "") -> None:
    if name:
        tap(qtbot, block.name)
        type_text(qtbot, block.name, name)
    pad = block.field.pad
    review = block.window()
    assert isinstance(review, ReviewPage)
    QApplication.processEvents()
    review.scroll_area.ensureWidgetVisible(pad)
    QApplication.processEvents()
    draw(qtbot, pad, ZIGZAG)
    draw(qtbot, pad, [(0.2, 0.8), (0.35, 0.6), (0.5, 0.75), (0.65, 0.55)])
    tap(qtbot, block.sign_button)


def assert_drawn(slot: SignatureSlot) -> None:
    assert slot.signed and slot.strokes is not None
    strokes = slot.strokes["strokes"]
    points = [point for stroke in strokes for point in stroke]
    assert len(strokes) == 2 and len(points) > 5
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in points)
    xs = [x for x, _ in strokes[0]]
    # The zig-zag went left to right across about three quarters of the pad's width, as drawn.
    assert xs == sorted(xs) and max(xs) - min(xs) > 0.6
    assert 2.0 <= slot.strokes["aspect"] <= 4.0


def test_an_open_required_item_is_one_tap_away(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    buttons = [b for b in page.open_section.findChildren(WrapButton) if b.isVisible()]
    assert [b.text_shown().split()[0] for b in buttons] == [OPEN_ITEM]
    assert "配电室" in buttons[0].text_shown()  # the item's prompt, in Chinese
    assert "1 个必填检查项未完成" in page.missing_label.text()
    assert not page.finalize_button.isEnabled()
    with qtbot.waitSignal(page.item_requested) as requested:
        tap(qtbot, buttons[0])
    assert requested.args == [visit.inspection_id, OPEN_ITEM]


def test_a_finding_is_adjusted_by_typing_and_tapping(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    before = finding(visit, DEFECT_ITEM)
    card = page.finding_cards[before.finding_id]
    assert card.description.toPlainText() == before.description

    tap(qtbot, card.requirement)
    card.requirement.selectAll()
    qtbot.keyClick(card.requirement, Qt.Key.Key_Delete)
    type_text(qtbot, card.requirement, "三日内配齐绝缘垫和灭火器，并建立检查记录")
    # Tapping the grade leaves the text box: the text is stored, then the grade.
    tap(qtbot, card.severity.buttons[Severity.SERIOUS])
    after = finding(visit, DEFECT_ITEM)
    assert after.requirement == "三日内配齐绝缘垫和灭火器，并建立检查记录"
    assert after.severity is Severity.SERIOUS
    assert card.severity.buttons[Severity.SERIOUS].isChecked()

    day = local_day(visit.backend.call(inspection_sheet, visit.inspection_id).started_at)
    tap(qtbot, card.deadline.quick[15])
    assert finding(visit, DEFECT_ITEM).deadline == day + timedelta(days=15)
    assert card.deadline.value() == day + timedelta(days=15)

    # A day before the inspection, picked in the calendar: the service refuses and the page says why.
    card.deadline.edit.setDate(day - timedelta(days=1))
    assert "整改期限不能早于检查日期" in card.message.text() and card.message.isVisible()
    assert finding(visit, DEFECT_ITEM).deadline == day + timedelta(days=15)
    assert card.deadline.value() == day + timedelta(days=15)

    # An emptied description is refused; the box keeps what was typed, the database the old text.
    tap(qtbot, card.description)
    card.description.selectAll()
    qtbot.keyClick(card.description, Qt.Key.Key_Delete)
    tap(qtbot, card.requirement)
    assert "隐患描述不能为空" in card.message.text()
    assert finding(visit, DEFECT_ITEM).description == before.description


def test_a_finding_is_withdrawn_after_confirming(
    qtbot: QtBot, page: ReviewPage, visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = finding(visit, DEFECT_ITEM)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_args, **_kw: next(answers)))
    card = page.finding_cards[target.finding_id]
    tap(qtbot, card.withdraw_button)
    assert visit.backend.call(findings_of, visit.inspection_id) == [target]
    tap(qtbot, card.withdraw_button)
    assert visit.backend.call(findings_of, visit.inspection_id) == []
    assert page.finding_cards == {}
    assert "未记录隐患" in page.findings_note.text()


def test_a_finding_the_checklist_does_not_cover(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    tap(qtbot, page.add_toggle)
    form = page.new_finding
    assert form is not None and form.isVisible()
    tap(qtbot, form.add_button)  # nothing typed yet
    assert "隐患描述不能为空" in form.message.text()
    tap(qtbot, form.description)
    type_text(qtbot, form.description, "电缆沟盖板缺失两块")
    tap(qtbot, form.severity.buttons[Severity.SERIOUS])
    tap(qtbot, form.requirement)
    type_text(qtbot, form.requirement, "补齐电缆沟盖板")
    tap(qtbot, form.deadline.quick[7])
    tap(qtbot, form.add_button)
    added = [
        f for f in visit.backend.call(findings_of, visit.inspection_id) if f.source is FindingSource.MANUAL
    ]
    assert len(added) == 1
    manual = added[0]
    assert (manual.description, manual.severity, manual.requirement) == (
        "电缆沟盖板缺失两块",
        Severity.SERIOUS,
        "补齐电缆沟盖板",
    )
    day = local_day(visit.backend.call(inspection_sheet, visit.inspection_id).started_at)
    assert manual.deadline == day + timedelta(days=7)
    assert manual.finding_id in page.finding_cards and not form.isVisible()


def test_proposals_are_accepted_or_dismissed_with_a_typed_reason(
    qtbot: QtBot, page: ReviewPage, visit: Visit
) -> None:
    proposals = visit.backend.call(proposals_for, visit.inspection_id)
    assert len(proposals) >= 2, "the demo customer's seals differ from its last visit"
    first, second = proposals[0], proposals[1]
    card = page.proposal_cards[first.item_code]
    other = Severity.GENERAL if first.severity is Severity.SERIOUS else Severity.SERIOUS
    tap(qtbot, card.severity.buttons[other])
    tap(qtbot, card.accept_button)
    accepted = finding(visit, first.item_code)
    assert accepted.source is FindingSource.RULE and accepted.severity is other
    assert first.item_code not in page.proposal_cards
    assert accepted.finding_id in page.finding_cards

    card = page.proposal_cards[second.item_code]
    tap(qtbot, card.dismiss_button)
    assert "原因" in card.message.text()
    tap(qtbot, card.reason)
    type_text(qtbot, card.reason, "封印为本月计量班更换，已核对工单")
    tap(qtbot, card.dismiss_button)
    left = {p.item_code for p in visit.backend.call(proposals_for, visit.inspection_id)}
    assert second.item_code not in left and first.item_code not in left
    assert second.item_code not in page.proposal_cards


def test_signatures_are_drawn_and_stored(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    for block in inspector_blocks(page):
        sign_on(qtbot, block)
    sign_on(qtbot, page.signatures.representative, "赵经理")
    stored = slots(visit)
    assert [s.role for s in stored] == [SignerRole.INSPECTOR, SignerRole.INSPECTOR, SignerRole.REPRESENTATIVE]
    for slot in stored:
        assert_drawn(slot)
    assert stored[2].name == "赵经理"
    # Each block now shows the stored signature with its time, and offers to sign again.
    for block in [*inspector_blocks(page), page.signatures.representative]:
        assert block.stored.isVisible() and block.stored.signature() == block.slot.strokes  # type: ignore[union-attr]
        assert not block.field.isVisible() and block.again_button.isVisible()
        assert "签名" in block.signed_at.text()
    assert "还缺签名" not in page.missing_label.text()

    # Signing again replaces the stored signature with the new drawing.
    block = inspector_blocks(page)[0]
    first = slots(visit)[0]
    tap(qtbot, block.again_button)
    assert block.field.isVisible()
    draw(qtbot, block.field.pad, [(0.1, 0.5), (0.3, 0.2), (0.5, 0.5), (0.7, 0.2), (0.9, 0.5), (0.95, 0.6)])
    tap(qtbot, block.sign_button)
    again = slots(visit)[0]
    assert again.signed_at != first.signed_at and len(again.strokes["strokes"]) == 1  # type: ignore[index]


def test_a_tap_is_not_a_signature(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    block = inspector_blocks(page)[0]
    pad = block.field.pad
    QApplication.processEvents()
    page.scroll_area.ensureWidgetVisible(pad)
    QApplication.processEvents()
    qtbot.mouseClick(pad, CLICK, pos=QPoint(pad.width() // 2, pad.height() // 2))
    assert not pad.is_empty() and block.sign_button.isEnabled()
    tap(qtbot, block.sign_button)
    assert "签名太短" in block.message.text() and block.message.isVisible()
    assert not slots(visit)[0].signed
    assert not pad.is_empty(), "the drawing stays on the pad for the signer to go on"
    tap(qtbot, block.field.clear_button)
    assert pad.is_empty() and not block.sign_button.isEnabled()


def test_a_refusal_is_witnessed(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    section = page.signatures
    tap(qtbot, section.refuse_button)
    assert slots(visit)[-1].role is SignerRole.WITNESS
    assert section.witness.isVisible() and not section.representative.isVisible()
    sign_on(qtbot, section.witness)  # no name yet
    assert "见证人姓名" in section.witness.message.text()
    assert not slots(visit)[-1].signed
    assert not section.witness.field.pad.is_empty()
    tap(qtbot, section.witness.name)
    type_text(qtbot, section.witness.name, "钱村委")
    tap(qtbot, section.witness.sign_button)
    witness = slots(visit)[-1]
    assert witness.role is SignerRole.WITNESS and witness.name == "钱村委"
    assert_drawn(witness)

    tap(qtbot, section.withdraw_refusal_button)
    assert slots(visit)[-1].role is SignerRole.REPRESENTATIVE and not slots(visit)[-1].signed
    assert section.representative.isVisible() and not section.witness.isVisible()


def test_finalize_waits_until_nothing_is_missing(
    qtbot: QtBot, page: ReviewPage, visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not page.finalize_button.isEnabled()
    text = page.missing_label.text()
    assert "必填检查项" in text and "规则建议" in text and "签名" in text

    answer_all_but(visit.backend, visit.inspection_id, set())  # the open item, answered on its page
    page.refresh()
    for code in list(page.proposal_cards):
        card = page.proposal_cards[code]
        tap(qtbot, card.reason)
        type_text(qtbot, card.reason, "现场核实无异常")
        tap(qtbot, card.dismiss_button)
    for block in inspector_blocks(page):
        sign_on(qtbot, block)
    assert not page.finalize_button.isEnabled()
    assert "客户代表" in page.missing_label.text()
    sign_on(qtbot, page.signatures.representative, "赵经理")
    assert page.finalize_button.isEnabled(), page.missing_label.text()

    asked: list[Any] = []

    def confirm(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    with qtbot.waitSignal(page.finalized) as done:
        tap(qtbot, page.finalize_button)
    assert len(asked) == 1 and done.args == [visit.inspection_id]
    summary = next(s for s in visit.backend.call(list_inspections) if s.inspection_id == visit.inspection_id)
    assert summary.status is InspectionStatus.FINALIZED
    assert visit.backend.call(verify_inspection_seal, visit.inspection_id)
    # Read-only from now on: the signatures as stored, nothing to edit.
    assert page.banner.isVisible() and not page.finalize_section.isVisible()
    assert not page.open_section.isVisible() and not page.add_toggle.isVisible()
    for block in [*inspector_blocks(page), page.signatures.representative]:
        assert block.stored.isVisible() and not block.field.isVisible() and not block.again_button.isVisible()
    for card in page.finding_cards.values():
        assert card.requirement.isReadOnly() and not card.withdraw_button.isVisible()


def test_a_refused_finalize_says_why(
    qtbot: QtBot, page: ReviewPage, visit: Visit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finalize is reached while something is still missing (another tablet's change): the service's reason
    is shown, and the inspection stays open."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    monkeypatch.setattr(ReviewPage, "refresh", lambda self: None)  # the page has not seen what is missing
    page.finalize_button.setEnabled(True)
    tap(qtbot, page.finalize_button)
    assert "必填检查项未完成" in page.finalize_message.text()
    assert visit.backend.call(inspection_sheet, visit.inspection_id).status is InspectionStatus.IN_PROGRESS


def test_a_finalized_inspection_opens_read_only(
    qtbot: QtBot, demo_backend: Backend, qapp: QApplication
) -> None:
    install_translators(qapp, "zh_CN")
    done = demo_backend.call(list_inspections, status=InspectionStatus.FINALIZED)
    with_findings = next(s for s in done if demo_backend.call(findings_of, s.inspection_id))
    review = ReviewPage(demo_backend)
    qtbot.addWidget(review)
    review.resize(1148, 800)
    review.open(with_findings.inspection_id)
    review.show()
    qtbot.waitExposed(review)
    assert review.banner.isVisible() and "定稿" in review.banner.text()
    assert review.finding_cards and all(c.description.isReadOnly() for c in review.finding_cards.values())
    assert not review.finalize_section.isVisible() and not review.proposal_section.isVisible()
    assert not any(pad.isVisible() for pad in review.findChildren(SignaturePad))


def test_the_page_follows_another_inspection(qtbot: QtBot, page: ReviewPage, visit: Visit) -> None:
    other = review_visit(visit.backend)
    first_cards = set(page.finding_cards)
    page.open(other.inspection_id)
    assert page.inspection_id == other.inspection_id
    assert not set(page.finding_cards) & first_cards
    assert {b.inspector_id for b in inspector_blocks(page)} == set(other.inspectors)
    assert isinstance(other.inspection_id, uuid.UUID)
