"""The shared real corpus (22 Dutch government PDFs, some broken, two scanned) through the real
flow: every file gets a row, broken files a clear error, scans come back through OCR, every
other file is a SUCCESS, and nothing stops the batch (issue 6 acceptance)."""

from __future__ import annotations

import csv
import gzip
import json

import pytest

from tests.support import needs_tesseract, read_csv, shared_real_corpus

pytestmark = [pytest.mark.prefect, pytest.mark.shared]

BROKEN = {"broken_not_a_pdf.pdf": "NOT_PDF", "broken_truncated.pdf": "TRUNCATED"}
# Both are image-only PDFs (manifest: text_layer = no); all their text comes from OCR.
SCANNED = {"plooi_blg-1007826_scanned.pdf", "wassenaar_jaarstukken_2022_screenshot.pdf"}


@pytest.fixture(scope="module")
def real_run(prefect_harness, tmp_path_factory):
    from omslag.flows.run import run_corpus

    corpus = shared_real_corpus()
    needs_tesseract()
    out = tmp_path_factory.mktemp("real-run")
    return run_corpus(corpus=str(corpus), out=str(out)), out, corpus


def test_every_file_has_a_row(real_run):
    summary, out, corpus = real_run
    with open(corpus / "manifest.tsv", encoding="utf-8") as handle:
        manifest = {row["local_file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    documents = read_csv(out / "documents.csv").set_index("file")
    assert set(documents.index) == set(manifest)
    assert summary.documents == len(manifest) == 22


def test_broken_files_carry_clear_errors(real_run):
    _, out, _ = real_run
    documents = read_csv(out / "documents.csv").set_index("file")
    for name, status in BROKEN.items():
        assert documents.loc[name, "status"] == status
        assert len(documents.loc[name, "error"]) > 20


def test_scans_come_back_through_ocr_and_every_other_file_succeeds(real_run):
    _, out, _ = real_run
    documents = read_csv(out / "documents.csv").set_index("file")
    expected = {name: ("OCR" if name in SCANNED else BROKEN.get(name, "SUCCESS")) for name in documents.index}
    assert documents["status"].to_dict() == expected
    # pages without a text layer inside text documents were OCR'd too: nothing is left PARTIAL
    assert "gelezen met OCR" in documents.loc["wassenaar_jaarstukken_2023.pdf", "warnings"]


def test_scanned_note_has_dutch_words(real_run):
    _, out, _ = real_run
    from omslag.extract.models import Document, TextSource
    from omslag.extract.quality import measure

    documents = read_csv(out / "documents.csv").set_index("file")
    sha = documents.loc["plooi_blg-1007826_scanned.pdf", "sha256"]
    entries = [p for p in (out / ".omslag-cache" / "extraction").rglob("*.json.gz")]
    scanned = [
        Document.model_validate(json.loads(gzip.decompress(p.read_bytes()))["document"])
        for p in entries
        if sha in gzip.decompress(p.read_bytes()).decode("utf-8")[:300]
    ]
    (document,) = scanned
    assert [p.source for p in document.pages] == [TextSource.OCR, TextSource.OCR]
    text = " ".join(p.text for p in document.pages)
    quality = measure(text)
    assert quality.words > 300 and quality.common_dutch_rate > 0.25, quality
    assert "minister" in text.lower()


def test_text_files_give_scores(real_run):
    _, out, _ = real_run
    documents = read_csv(out / "documents.csv")
    readable = documents[documents["status"].isin(["SUCCESS", "OCR", "PARTIAL"])]
    assert len(readable) == 20
    scores = read_csv(out / "scores.csv")
    assert set(scores["plan_id"]) == set(readable["plan_id"])


def _manifest_rows(corpus):
    with open(corpus / "manifest.tsv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_negatives_get_no_level_above_one(real_run):
    """Acceptance (issue 3): documents the manifest marks as negative are never scored up."""
    _, out, corpus = real_run
    scores = read_csv(out / "scores.csv")
    documents = read_csv(out / "documents.csv").set_index("file")
    negatives = [r["local_file"] for r in _manifest_rows(corpus) if "negative" in r["role"]]
    assert negatives
    for file in negatives:
        plan_id = documents.loc[file, "plan_id"]
        levels = scores.loc[scores["plan_id"] == plan_id, "level"].tolist()
        assert levels, file
        assert all(level in ("1", "nee") for level in levels), (file, levels)


def test_evidence_where_documents_discuss_the_topic(real_run):
    """Documents whose manifest counts homelessness keywords (BW/MO, dak- en thuisloosheid) and
    that could be read get evidence; the evidence sits on pages that exist."""
    _, out, corpus = real_run
    evidence = read_csv(out / "evidence.csv")
    documents = read_csv(out / "documents.csv").set_index("file")
    for row in _manifest_rows(corpus):
        if row["role"].startswith("topic") and int(row["keyword_hits"] or 0) >= 2:
            document = documents.loc[row["local_file"]]
            if document["status"] not in ("SUCCESS", "PARTIAL"):
                continue
            mine = evidence[evidence["plan_id"] == document["plan_id"]]
            assert len(mine) > 0, row["local_file"]
            assert mine["page"].astype(int).max() <= int(document["pages"])


def test_every_signatory_is_a_person_with_a_role(real_run):
    """Issue 14: signatories come from the signature block and the foreword, each a person's
    name with a role word of the rubric (no "wethouder Bestuurlijk Platform Erfgoed", no
    fourteen "wethouders" from running text)."""
    import re

    from omslag.rules.nlp import fold
    from omslag.rules.rubric import load_rubric

    _, out, _ = real_run
    roles = {fold(r) for r in load_rubric().plan_metadata.signatures.roles}
    documents = read_csv(out / "documents.csv")
    found = 0
    for _, row in documents.iterrows():
        signatories = [s for s in row["signatories"].split(" | ") if s]
        assert len(signatories) <= 12, (row["file"], signatories)
        for signatory in signatories:
            found += 1
            match = re.fullmatch(r"(.+?) \((.+)\)", signatory)
            assert match, signatory
            name, role = match.group(1), fold(match.group(2))
            # a name: capitalised words, maybe initials and titles; no role word in it
            assert re.search(r"[A-Z][a-zà-ÿ]+", name) and "," not in name, signatory
            assert any(role == r or role.startswith(r + " ") or role.startswith(r + ",") for r in roles), signatory
            assert "platform" not in role and "erfgoed" not in role, signatory
    assert found > 0  # the besluitenlijsten are signed by burgemeester and secretaris


def test_no_evidence_row_is_a_toc_line_running_header_or_heading(real_run):
    """Issue 11: snippets of the real plans are sentences or table rows."""
    from tests.snippet_checks import bad_snippets

    _, out, _ = real_run
    with open(out / "evidence.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert rows, "the real corpus gives evidence"
    assert not bad_snippets(rows)
