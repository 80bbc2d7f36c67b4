"""`fieldapp --self-test`: proof that this installation (above all a frozen build, where a missing
resource, Qt plugin or migration script only shows at run time) can do the whole job. In a temporary data
folder, headless: migrate a new database, seed the demo data, answer an inspection, issue a notice and
verify it, export a sync bundle and import it into a second database, and paint the main window offscreen
in Chinese. Prints one line a step; exit 0 only if every step worked."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

Step = Callable[[], str]


def _steps(root: Path) -> list[tuple[str, Step]]:

    from fieldapp.domain.enums import AnswerKind, InspectionStatus, Verdict
    from fieldapp.services.backend import Backend, open_backend
    from fieldapp.services.customer_profile import start_options
    from fieldapp.services.customers import search_customer_ids
    from fieldapp.services.demo import load_demo
    from fieldapp.services.inspection_sheet import inspection_sheet, list_inspections, sheet_state
    from fieldapp.services.inspections import record_answer, start_inspection
    from fieldapp.services.notices import issue_notice, verify_pdf
    from fieldapp.services.sync_export import export_bundle
    from fieldapp.services.sync_import import import_file

    state: dict[str, object] = {}

    def backend() -> Backend:
        return state["office"]  # type: ignore[return-value]

    def migrate() -> str:
        state["office"] = open_backend(str(root / "office"))
        return f"database created and migrated ({backend().paths.database.name})"

    def demo() -> str:
        result = backend().call(load_demo, photos_root=backend().paths.photos)
        return f"demo data: {result}"

    def answer() -> str:
        customer_id = backend().call(search_customer_ids, "")[0]
        options = backend().call(start_options, customer_id)
        template = next(t for t in options.templates if t.latest and not t.for_this_customer)
        team = [i.id for i in options.inspectors][:2]
        inspection_id = backend().call(start_inspection, customer_id, template.template_id, team)
        sheet = backend().call(inspection_sheet, inspection_id)
        verdict_items = [i.code for i in sheet.items if i.kind == AnswerKind.VERDICT][:5]
        for code in verdict_items:
            backend().call(record_answer, inspection_id, code, verdict=Verdict.OK, note="自检 self-test")
        answers = backend().call(sheet_state, inspection_id).answers
        stored = sum(1 for code in verdict_items if code in answers and answers[code].verdict is Verdict.OK)
        if stored != len(verdict_items) or not verdict_items:
            raise AssertionError(f"{stored} of {len(verdict_items)} answers stored")
        return f"{stored} answers stored on a new inspection"

    def notice() -> str:
        finalized = [
            row.inspection_id for row in backend().call(list_inspections, status=InspectionStatus.FINALIZED)
        ]
        pdf = root / "notice.pdf"
        issued = backend().call(
            issue_notice, finalized[0], None, pdf, backend().paths.photos, image_cache=root / "print-images"
        )
        check = backend().call(verify_pdf, pdf, backend().paths.photos)
        if check.status != "match":
            raise AssertionError(f"the notice does not verify: {check}")
        return f"notice {issued.number} issued ({pdf.stat().st_size // 1024} KB) and verified"

    def sync() -> str:
        bundle = backend().call(export_bundle, root / "bundle.fieldsync", backend().paths.photos).path
        tablet = open_backend(str(root / "tablet"))
        try:
            first = tablet.call(import_file, bundle, tablet.paths.photos, backup=tablet.backup)
            again = tablet.call(import_file, bundle, tablet.paths.photos, backup=tablet.backup)
        finally:
            tablet.close()
        if first.rejected or first.problems or not first.inserted or again.inserted or again.updated:
            raise AssertionError(f"import: {first.as_json()} then {again.as_json()}")
        return f"bundle exported and imported ({first.inserted} records), again: nothing changed"

    def window() -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from fieldapp.gui.app import application, create_main_window

        app = application()
        main = create_main_window(backend(), "zh_CN")
        main.resize(1280, 800)
        main.show()
        app.processEvents()
        image = main.grab()
        title = main.windowTitle()
        main.close()
        if image.isNull() or image.width() < 1000:
            raise AssertionError("the main window did not paint")
        if not any("\u4e00" <= ch <= "\u9fff" for ch in title):
            raise AssertionError(f"the window is not in Chinese: {title!r}")
        return f"main window painted offscreen ({image.width()}x{image.height()}), title {title!r}"

    return [
        ("migrate", migrate),
        ("demo", demo),
        ("answer", answer),
        ("notice", notice),
        ("sync", sync),
        ("window", window),
    ]


def run_self_test() -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="fieldapp-self-test-") as folder:
        steps = _steps(Path(folder))
        for name, step in steps:
            started = time.perf_counter()
            try:
                what = step()
            except Exception as exc:  # every failure is reported, and the next step still runs
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
                traceback.print_exc(file=sys.stderr)
                continue
            print(f"ok   {name} ({time.perf_counter() - started:.2f} s): {what}", flush=True)
    print("self-test passed" if not failed else f"self-test FAILED: {failed} step(s)", flush=True)
    return 1 if failed else 0
