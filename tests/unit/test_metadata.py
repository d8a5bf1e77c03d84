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
    assert meta.signatories == [
        "M. de Boer (wethouder Wonen en Volkshuisvesting)",
        "K. Aydin (wethouder Zorg en Welzijn)",
    ]
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
    assert meta.signatories == ["K. Aydin (wethouder Zorg en Welzijn)"]
    assert not meta.wethouder_wonen


def test_no_date_is_unknown_and_unreadable_has_no_metadata(finder):
    meta = analyse_document(_doc(["Een tekst zonder datum over dakloosheid."]), finder).metadata
    assert meta.plan_date is None and meta.predates_nad == "onbekend"
    broken = Document(doc_id="", file="x.pdf", plan_id="x", status=ExtractionStatus.NOT_PDF, error="no")
    assert analyse_document(broken, finder).metadata is None


def test_short_keyword_does_not_match_inflected_words(finder):
    assert "wonen.nad_verwijzing" not in _signals(finder, "Dit wordt nader uitgewerkt in de verordening.")
    assert "wonen.nad_verwijzing" in _signals(finder, "Het NAD vraagt om een omslag.")


def _signers(finder, last_page: str, body: str = ""):
    pages = [*PLAN[:2], body or "Dakloze mensen krijgen een woning.", last_page]
    return analyse_document(_doc(pages), finder).metadata


def test_wonen_comes_from_the_portfolio_not_from_nearby_words(finder):
    # "beschermd wonen" in the portfolio is care, not housing
    meta = _signers(
        finder,
        "Namens het college van burgemeester en wethouders,\n\nmw. H.J. Brouwer\n\n"
        "Wethouder Zorg en Welzijn, portefeuillehouder maatschappelijke opvang en beschermd\nwonen",
    )
    assert [(s.name, s.role) for s in meta.signers] == [("mw. H.J. Brouwer", "wethouder")]
    assert not meta.wethouder_wonen
    # thanking staff is no co-signature ("mede…" once matched "medewerkers")
    meta = _signers(
        finder,
        "Ondertekend:\nwethouder Zorg en Welzijn\nK. Aydin",
        body="De wethouder Wonen bedankt de medewerkers van de corporaties voor hun inzet bij dakloosheid.",
    )
    assert not meta.wethouder_wonen
    # but running text that says the wethouder Wonen signs along does count
    meta = _signers(
        finder,
        "Ondertekend:\nwethouder Zorg en Welzijn\nK. Aydin",
        body="Het plan wordt mede ondertekend door de wethouder Wonen en Bouwen, omdat dakloosheid een woonvraag is.",
    )
    assert meta.wethouder_wonen


def test_a_role_without_a_person_is_no_signatory(finder):
    meta = _signers(
        finder,
        "Vastgesteld door het college.\n\nwethouder Bestuurlijk Platform Erfgoed heeft de nota besproken\n"
        "in de vergadering van het college van burgemeester en wethouders van Noordkaap.",
    )
    assert meta.signers == [] and meta.signatories == []


def test_two_signers_on_one_line_are_split(finder):
    meta = _signers(
        finder,
        "Met vriendelijke groet,\n\nmw. drs. E. (Esther) van Wijngaarden H. (Hakan) Yildiz\n"
        "wethouder Zorg en Gezondheid wethouder Wonen en Ruimte",
    )
    assert [(s.name, s.portfolio, s.wonen) for s in meta.signers] == [
        ("mw. drs. E. (Esther) van Wijngaarden", "Zorg en Gezondheid", False),
        ("H. (Hakan) Yildiz", "Wonen en Ruimte", True),
    ]
    assert meta.wethouder_wonen


def test_plan_row_of_the_sheet_shows_period_and_outcome_indicators(finder):
    from omslag.sheets.plan_sheet import describe_facts, plan_facts
    from omslag.sheets.tables import metadata_columns

    pages = [
        *PLAN,
        "Wij monitoren jaarlijks het aantal huisuitzettingen en het gebruik van de nachtopvang. "
        "Wij realiseren 40 extra woonplekken in 2026.",
    ]
    meta = analyse_document(_doc(pages), finder).metadata
    assert (meta.period_start, meta.period_end) == (2024, 2027)
    assert meta.outcome_indicators == ["woonplekken", "huisuitzettingen", "gehuisvest_vs_opvang"]
    assert not meta.output_only
    row = describe_facts(plan_facts(metadata_columns(meta), finder.rubric))
    assert "Planperiode: 2024–2027" in row
    assert "Uitkomstindicatoren gemonitord of met streefcijfer: Gerealiseerde woonplekken" in row


def test_monitoring_only_process_is_output_only(finder):
    pages = [*PLAN[:2], "Het bestuurlijk overleg bespreekt twee keer per jaar de voortgang van de acties."]
    meta = analyse_document(_doc(pages), finder).metadata
    assert meta.outcome_indicators == [] and meta.output_only


def test_the_foreword_author_signs_too(finder):
    foreword = (
        "Voorwoord\n\nDakloosheid is een woonprobleem. Daarom schreven wij dit plan samen met de "
        "corporaties.\n\nIngrid de Wit\nWethouder Wonen en Wijken"
    )
    meta = analyse_document(_doc([PLAN[0], foreword, PLAN[1]]), finder).metadata
    assert [(s.name, s.role, s.portfolio, s.source) for s in meta.signers] == [
        ("Ingrid de Wit", "wethouder", "Wonen en Wijken", "voorwoord")
    ]
    assert meta.wethouder_wonen
