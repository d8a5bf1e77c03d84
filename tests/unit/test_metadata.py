"""Plan metadata: date (manifest first, then text), before/after the national plan, references
to the national plan and its action lines, signatories and the wethouder Wonen, plan form."""

from __future__ import annotations

from omslag.extract.models import Document, DocumentMeta, ExtractionStatus, Page, TextSource
from omslag.rules.analyse import analyse_document
from tests.support import signals_found as _signals


def _doc(pages: list[str], **meta) -> Document:
    return Document(
        doc_id="m" * 64,
        file="plan.pdf",
        plan_id="plan",
        status=ExtractionStatus.SUCCESS,
        page_count=len(pages),
        pages=[Page(number=i, text=t, source=TextSource.TEXT_LAYER) for i, t in enumerate(pages, 1)],
        meta=DocumentMeta(**meta),
    )


PLAN = [
    "Regionaal Actieplan Dakloosheid Regio Noordkaap 2024-2027\n\nVastgesteld op 12 maart 2024.\n\n"
    "Dit plan volgt het Nationaal Actieplan Dakloosheid 'Eerst een Thuis'. Dakloosheid willen wij "
    "voorkomen. Dakloze mensen krijgen een woning.",
    "Actielijn Versterken bestaanszekerheid. Actielijn Voorkomen van dakloosheid.\n\n"
    "Actielijn Wonen Eerst voor dakloze mensen. Actielijn Geen beleid zonder ervaringskennis.",
    "Ondertekend namens de colleges:\nwethouder Wonen en Volkshuisvesting\nM. de Boer\n"
    "wethouder Zorg en Welzijn\nK. Aydin",
]


def test_metadata_from_text(finder):
    meta = analyse_document(_doc(PLAN), finder).metadata
    assert meta.plan_date == "2024-03-12" and meta.plan_date_source == "tekst"
    assert meta.predates_nad == "nee"
    assert meta.nad_reference
    assert meta.nad_action_lines == ["bestaanszekerheid", "voorkomen", "wonen_eerst", "ervaringskennis"]
    assert meta.signatories == ["wethouder Wonen en Volkshuisvesting", "wethouder Zorg en Welzijn"]
    assert meta.wethouder_wonen
    assert meta.plan_form == "actieplan"


def test_manifest_date_wins_and_old_plan_predates(finder):
    meta = analyse_document(
        _doc(PLAN, date="2021-05-01", doc_type="beleidsplan maatschappelijke opvang"), finder
    ).metadata
    assert meta.plan_date == "2021-05-01" and meta.plan_date_source == "manifest"
    assert meta.predates_nad == "ja"
    assert meta.plan_form == "beleidsplan"


def test_only_zorg_signs(finder):
    pages = [*PLAN[:2], "Ondertekend:\nwethouder Zorg en Welzijn\nK. Aydin"]
    meta = analyse_document(_doc(pages), finder).metadata
    assert meta.signatories == ["wethouder Zorg en Welzijn"]
    assert not meta.wethouder_wonen


def test_no_date_is_unknown_and_unreadable_has_no_metadata(finder):
    meta = analyse_document(_doc(["Een tekst zonder datum over dakloosheid."]), finder).metadata
    assert meta.plan_date is None and meta.predates_nad == "onbekend"
    broken = Document(doc_id="", file="x.pdf", plan_id="x", status=ExtractionStatus.NOT_PDF, error="no")
    assert analyse_document(broken, finder).metadata is None


def test_short_keyword_does_not_match_inflected_words(finder):
    assert "wonen.nad_verwijzing" not in _signals(finder, "Dit wordt nader uitgewerkt in de verordening.")
    assert "wonen.nad_verwijzing" in _signals(finder, "Het NAD vraagt om een omslag.")
