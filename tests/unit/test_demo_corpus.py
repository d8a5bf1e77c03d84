"""The demo corpus: its manifest is complete, it spans levels 1–5 on every indicator, and
the committed PDFs are exactly what `corpus/build_demo.py` makes from `corpus/demo_src/`."""

from __future__ import annotations

import csv
import importlib.util
import sys

import pytest

from tests.support import DEMO, ROOT


def _manifest():
    with open(DEMO / "manifest.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_manifest_lists_every_pdf_and_spans_all_levels():
    rows = _manifest()
    assert len(rows) >= 6
    assert sorted(r["file"] for r in rows) == sorted(p.name for p in DEMO.glob("*.pdf"))
    for indicator in ("wonen", "preventie", "participatie"):
        assert {int(r[f"level_{indicator}"]) for r in rows} == {1, 2, 3, 4, 5}, indicator
    assert {r["advocacy"] for r in rows} == {"ja", "nee"}
    quirks = ";".join(r["quirks"] for r in rows)
    for quirk in ("two-column", "scanned-page", "hyphenation", "running-header"):
        assert quirk in quirks


def test_page_counts_between_3_and_30():
    import pypdfium2

    for path in DEMO.glob("*.pdf"):
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            assert 3 <= len(pdf) <= 30, path.name
        finally:
            pdf.close()


@pytest.mark.parametrize("plan_id", ["dijkwaard_2023_raadsinformatiebrief", "veenstad_2021_beleidsplan_mo_bw"])
def test_committed_pdf_is_reproducible(plan_id):
    spec = importlib.util.spec_from_file_location("build_demo", ROOT / "corpus" / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    module.register_fonts()
    _, _, pdf = module.build_one(ROOT / "corpus" / "demo_src" / f"{plan_id}.txt", module.make_styles())
    assert pdf == (DEMO / f"{plan_id}.pdf").read_bytes()
