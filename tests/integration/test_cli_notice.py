"""`fieldapp notice` and `fieldapp verify` as real processes on the demo data (SQLite)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select
from testkit import run_cli

from fieldapp.services.backend import open_backend
from fieldapp.store.models import Finding, Inspection, Notice


def test_notice_batch_single_and_verify(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    assert run_cli([*data, "demo"]).returncode == 0
    batch = run_cli([*data, "notice", "--all", "--out-dir", str(tmp_path / "out")], timeout=180)
    assert batch.returncode == 0, batch.stderr
    lines = batch.stdout.strip().splitlines()
    assert len(lines) == 24  # every finalized inspection of the demo
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 24
    first = Path(lines[0].split("\t")[2])
    text = "".join((p.extract_text() or "") for p in PdfReader(first).pages)
    assert lines[0].split("\t")[0] in text

    verified = run_cli([*data, "verify", str(first)])
    assert verified.returncode == 0, verified.stderr

    backend = open_backend(data_dir=str(tmp_path / "data"))
    try:
        with backend.session() as session:
            notice = session.scalar(select(Notice).where(Notice.number == lines[0].split("\t")[0]))
            assert notice is not None
            inspection_id = notice.inspection_id
            finding = session.scalar(select(Finding).where(Finding.inspection_id == inspection_id))
            assert finding is not None
            finding.description += "（已改）"
            open_one = session.scalar(select(Inspection.id).where(Inspection.finalized_at.is_(None)))
    finally:
        backend.close()
    assert run_cli([*data, "verify", str(first)]).returncode == 1
    assert run_cli([*data, "verify", str(tmp_path / "missing.pdf")]).returncode == 2

    single = run_cli([*data, "notice", str(inspection_id), "--out", str(tmp_path / "again.pdf")])
    assert single.returncode == 0, single.stderr
    assert "printed again" in single.stdout
    refused = run_cli([*data, "notice", str(open_one), "--out", str(tmp_path / "no.pdf")])
    assert refused.returncode == 2 and "finalized" in refused.stderr
    assert run_cli([*data, "notice", "--out", str(tmp_path / "x.pdf")]).returncode == 2
