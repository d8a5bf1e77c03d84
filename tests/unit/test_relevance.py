"""Plan or not (rules.relevance, issue 10): document kinds, plan sections with their pages,
n.v.t. scores, and evidence that counts only where the text is about homelessness."""

from __future__ import annotations

from omslag.extract.models import Document, ExtractionStatus, Page, TextSource
from omslag.rules.analyse import analyse_document
from omslag.rules.rubric import load_rubric
from omslag.sheets.tables import document_row

PLAN_PARAGRAPH = (
    "Dakloze mensen krijgen zo snel mogelijk een eigen woning. Wonen Eerst is ons uitgangspunt voor alle "
    "dakloze mensen in de regio. In 2025 realiseren wij 120 extra woonplekken voor dakloze mensen. "
    "De maatschappelijke opvang wordt afgebouwd.\n\n"
)
OTHER_PARAGRAPH = (
    "De gemeente investeert in sportvelden en in het onderhoud van de wegen. De jeugdgezondheidszorg werkt "
    "aan preventie van overgewicht en aan gezonde leefstijl.\n\n"
)


def _document(pages: list[str], file: str = "stuk.pdf") -> Document:
    return Document(
        doc_id="d" * 64,
        file=file,
        plan_id=file.rsplit(".", 1)[0],
        status=ExtractionStatus.SUCCESS,
        page_count=len(pages),
        pages=[Page(number=i, text=text, source=TextSource.TEXT_LAYER) for i, text in enumerate(pages, start=1)],
    )


def test_a_plan_about_homelessness_is_scored_whole(finder):
    result = analyse_document(_document([PLAN_PARAGRAPH, PLAN_PARAGRAPH], "regionaal_actieplan.pdf"), finder)
    assert result.relevance.decision == "plan"
    assert result.relevance.scored_pages == [1, 2]
    assert all(s.level != "n.v.t." for s in result.scores)


def test_a_motion_is_not_a_plan_even_when_it_is_about_homelessness(finder):
    motion = "Nr. 12 MOTIE VAN HET LID JANSEN\n\nDe Kamer, gehoord de beraadslaging,\n\n" + PLAN_PARAGRAPH * 2
    result = analyse_document(_document([motion], "motie_dakloosheid.pdf"), finder)
    assert result.relevance.decision == "geen_plan"
    assert result.relevance.document_type == "motie"
    assert {s.level for s in result.scores} == {"n.v.t."}  # never level 1: that would be Achteruitgang
    assert all(s.rule_id.endswith(".geen_plan") for s in result.scores)
    assert "niet als plan beoordeeld" in result.relevance.reason


def test_a_parking_ordinance_is_not_a_plan(finder):
    text = "PARKEERVERORDENING 2025\n\nArtikel 1\n\nIn deze verordening wordt verstaan onder: preventie van overlast."
    result = analyse_document(_document([text], "heerlen_parkeerverordening_2025.pdf"), finder)
    assert result.relevance.decision == "geen_plan"
    assert result.relevance.document_type == "verordening"
    assert {s.level for s in result.scores} == {"n.v.t."}


def test_an_off_topic_document_is_not_a_plan(finder):
    result = analyse_document(_document([OTHER_PARAGRAPH]), finder)
    assert result.relevance.decision == "geen_plan"
    assert result.evidence == []  # preventie of overgewicht is another domain
    assert {s.level for s in result.scores} == {"n.v.t."}


def test_a_budget_is_a_plan_section_scored_on_its_pages_about_homelessness(finder):
    pages = ["BEGROTING 2025\n\n" + OTHER_PARAGRAPH] + [OTHER_PARAGRAPH] * 30
    pages[11] = OTHER_PARAGRAPH + PLAN_PARAGRAPH
    pages[12] = PLAN_PARAGRAPH
    result = analyse_document(_document(pages, "gemeente_x_begroting_2025.pdf"), finder)
    relevance = result.relevance
    assert relevance.decision == "planonderdeel"
    assert relevance.document_type == "begroting"
    assert relevance.scored_pages == [12, 13]
    assert "12-13" in relevance.reason
    assert result.evidence and {e.page for e in result.evidence} <= {12, 13}
    # the prevention sentence on page 12 is in another paragraph, about another domain
    assert not any("overgewicht" in e.sentence for e in result.evidence)
    row = document_row(result.document, len(result.evidence), result.metadata, result.relevance)
    assert row["relevance"] == "planonderdeel" and row["scored_pages"] == "12-13"


def test_a_plan_section_takes_its_targets_only_from_its_pages(finder):
    # a budget also promises homes for other groups; outside the pages about homelessness such a
    # number is not a streefcijfer of the plan
    pages = ["BEGROTING 2025\n\n" + OTHER_PARAGRAPH] + [OTHER_PARAGRAPH] * 30
    pages[3] = OTHER_PARAGRAPH + "In 2026 bouwen wij 400 extra woningen voor starters en senioren.\n\n"
    pages[11] = OTHER_PARAGRAPH + PLAN_PARAGRAPH
    pages[12] = PLAN_PARAGRAPH
    result = analyse_document(_document(pages, "gemeente_x_begroting_2025.pdf"), finder)
    assert result.relevance.scored_pages == [12, 13]
    assert {t.page for t in result.targets} == {12, 13}
    assert 120.0 in {t.value for t in result.targets} and 400.0 not in {t.value for t in result.targets}
    # the same page in a whole plan is the plan's
    whole = analyse_document(_document([PLAN_PARAGRAPH, pages[3]], "regionaal_actieplan.pdf"), finder)
    assert whole.relevance.decision == "plan" and 400.0 in {t.value for t in whole.targets}


def test_a_long_document_with_the_topic_on_few_pages_is_a_section_without_a_kind_word(finder):
    pages = [OTHER_PARAGRAPH] * 40
    pages[20] = PLAN_PARAGRAPH
    pages[22] = PLAN_PARAGRAPH
    result = analyse_document(_document(pages, "nota_sociaal_domein.pdf"), finder)
    assert result.relevance.decision == "planonderdeel"
    assert result.relevance.scored_pages == [21, 22, 23]  # a one-page gap stays one range


def test_a_budget_without_a_passage_about_homelessness_is_not_a_plan(finder):
    result = analyse_document(_document(["Begroting 2024\n\n" + OTHER_PARAGRAPH] * 5, "begroting_2024.pdf"), finder)
    assert result.relevance.decision == "geen_plan"
    assert result.relevance.document_type == "begroting"


def test_table_rows_are_not_sentences(finder):
    table = "Innovatiebudget Sociaal Domein -50 -50 Preventieve begeleiding -75 Beschermd wonen -50\n\n"
    result = analyse_document(_document([PLAN_PARAGRAPH + table]), finder)
    assert not any("Innovatiebudget" in e.sentence for e in result.evidence)


def test_the_kind_named_first_in_the_title_wins(finder):
    text = "Fiche 5: Herziening verordening en richtlijn markten voor financiële instrumenten\n\n" + OTHER_PARAGRAPH
    result = analyse_document(_document([text], "fiche.pdf"), finder)
    assert result.relevance.document_type == "fiche"


def test_the_relevance_vocabulary_is_in_the_rubric_and_validated(tmp_path):
    from omslag.rules.rubric import RubricError
    from tests.support import ENGINE_RUBRIC

    rubric = load_rubric(ENGINE_RUBRIC)
    kinds = {k.kind for k in rubric.relevance.not_plan}
    assert {"verordening", "motie", "kamervragen", "besluitenlijst"} <= kinds
    assert {"begroting", "jaarstukken"} <= {k.kind for k in rubric.relevance.host}
    broken = ENGINE_RUBRIC.read_text(encoding="utf-8").replace("  section_gap: 1", "  section_gapp: 1")
    path = tmp_path / "rubric.yaml"
    path.write_text(broken, encoding="utf-8")
    try:
        load_rubric(path)
    except RubricError as exc:
        assert "section_gapp" in str(exc)
    else:  # pragma: no cover - the assertion below names the problem
        raise AssertionError("an unknown key in relevance was accepted")


def test_per_rater_sheets_leave_out_documents_that_are_not_plans_unless_named():
    from omslag.sheets.per_rater import _select
    from omslag.sheets.plan_sheet import PlanSheet, ScoreLine

    def sheet(plan_id: str, level: str) -> PlanSheet:
        line = ScoreLine(
            indicator="wonen", name="Wonen", question="?", kind="ordinal", levels="", provisional_level=level
        )
        return PlanSheet(plan_id=plan_id, rubric_version="v", stamp="s", scores=[line], evidence=[])

    sheets = {"plan": sheet("plan", "3"), "motie": sheet("motie", "n.v.t.")}
    assert set(_select(sheets, None)) == {"plan"}
    assert set(_select(sheets, ["motie"])) == {"motie"}  # asked for by name with --plans


def test_a_shelter_provider_named_in_a_budget_names_the_homelessness_services(analyst_finder):
    # the rubric's gazetteer of care providers whose core work is the shelter or beschermd wonen
    # (topic terms): outside a whole plan their name opens the topic gate as "opvang" does
    pages = ["BEGROTING 2025\n\n" + OTHER_PARAGRAPH] + [OTHER_PARAGRAPH] * 30
    provider = (
        "De gemeente verleent de Kessler Stichting subsidie voor dertig extra bedden. "
        "Samen met HVO-Querido wordt een team van ervaringsdeskundigen gevormd.\n\n"
    )
    pages[11] = provider
    pages[12] = provider
    result = analyse_document(_document(pages, "gemeente_x_begroting_2025.pdf"), analyst_finder)
    assert result.relevance.decision == "planonderdeel"
    assert result.relevance.scored_pages == [12, 13]
    assert any(e.indicator == "participatie" for e in result.evidence)


def test_words_that_only_look_like_a_provider_name_do_not_name_the_topic(analyst_finder):
    for text in (
        "Een stage is een springplank naar werk.",
        "De bewoners van de Binnenvestgracht klagen over parkeren.",
        "De kunstenaar Kessler exposeert in het museum.",
    ):
        findings = analyst_finder.find_all(_document([text]))
        assert findings.topic_sentences == 0, text
