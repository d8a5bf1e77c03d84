"""Rater sheets rank a plan's evidence: one row per sentence (all its signals), the items that
decide or cap the level first with a Dutch reason, at most 8 per indicator in Beslissend, and
neutral mentions folded into one row per indicator with their pages; a judgement of a sentence
carries over to every signal in it on import."""

from __future__ import annotations

from omslag.ratings.importer import validate_rater_sheet
from omslag.ratings.run_folder import load_run_context
from omslag.sheets.per_rater import write_per_rater_sheets
from omslag.sheets.plan_sheet import build_plan_sheet
from omslag.sheets.ranking import DECISIVE_ROWS, concrete_description
from omslag.sheets.reader import read_sheet
from tests.ratings_helpers import EVIDENCE, fill_csv_rows, make_run, read_our_csv, save_as_dutch_excel_csv


def _row(eid, page, start, signal, polarity="positive", concrete=False, text="Een zin.", negated=False):
    return {
        "evidence_id": eid,
        "plan_id": "p",
        "indicator": "wonen",
        "signal": signal,
        "signal_label": signal.capitalize(),
        "polarity": polarity,
        "page": str(page),
        "start": str(start),
        "text": text,
        "context": text,
        "rule_id": f"wonen.{signal}",
        "concrete": "ja" if concrete else "nee",
        "negated": "ja" if negated else "nee",
        "intent_only": "nee",
    }


def _score(level="4", ids=(), capped_by="", cap_ids=()):
    return {
        "plan_id": "p",
        "indicator": "wonen",
        "level": level,
        "rule_id": "wonen.niveau4",
        "rationale": "r",
        "capped_by": capped_by,
        "evidence_ids": " ".join([*ids, *cap_ids]),
        "cap_evidence_ids": " ".join(cap_ids),
        "rubric_version": "t",
    }


def test_one_row_per_sentence_signals_strongest_first(rubric):
    rows = [
        _row("ev-opvang", 3, 10, "opvang", polarity="neutral"),
        _row("ev-plekken", 3, 10, "woonplekken", concrete=True, text="Wij bouwen 120 woonplekken in 2025."),
    ]
    sheet = build_plan_sheet("p", rows, [_score(ids=["ev-plekken"])], rubric)
    (line,) = sheet.evidence
    assert line.evidence_id == "ev-plekken" and set(line.evidence_ids) == {"ev-opvang", "ev-plekken"}
    assert line.signals == "Woonplekken | Opvang"
    assert line.part == "beslissend" and line.rank == 1
    assert line.why == "bepaalt niveau 4: concrete actie met aantal en jaar (Woonplekken)"


def test_deciding_and_cap_items_first_then_concrete_then_the_rest(rubric):
    rows = [
        _row("ev-mention", 1, 0, "taal"),
        _row("ev-concrete", 2, 0, "housing", concrete=True, text="Een team van 12 fte."),
        _row("ev-counter", 5, 0, "verdienen", polarity="counter"),
        _row("ev-decides", 7, 0, "woonplekken"),
        _row("ev-cap", 8, 0, "woonladder", polarity="counter"),
    ]
    sheet = build_plan_sheet(
        "p", rows, [_score(level="3", ids=["ev-decides"], capped_by="wonen.cap", cap_ids=["ev-cap"])], rubric
    )
    order = [line.evidence_id for line in sheet.evidence]
    assert order == ["ev-decides", "ev-cap", "ev-concrete", "ev-counter", "ev-mention"]
    why = {line.evidence_id: line.why for line in sheet.evidence}
    assert why["ev-decides"].startswith("bepaalt niveau 3")
    assert why["ev-cap"] == "begrenst op 3: tegenvoorbeeld (Woonladder)"
    assert why["ev-concrete"].startswith("concrete toezegging: concrete actie met aantal")
    assert why["ev-counter"] == "tegensignaal: Verdienen"


def test_beslissend_is_capped_and_neutral_mentions_fold_into_one_row(rubric):
    rows = [_row(f"ev-pos{i}", i + 1, 0, "woonplekken", concrete=True) for i in range(12)]
    rows += [_row(f"ev-neu{p}", p, 100, "opvang", polarity="neutral") for p in (2, 3, 5, 6, 7)]
    sheet = build_plan_sheet("p", rows, [_score()], rubric)
    assert len(sheet.lines("wonen", "beslissend")) == DECISIVE_ROWS
    folded = [line for line in sheet.evidence if line.kind == "vermelding"]
    assert len(folded) == 1
    assert "Opvang op p. 2–3, 5–7: 5×" in folded[0].text
    assert folded[0].why == "alleen vermelding" and not folded[0].evidence_id
    assert {f"ev-neu{p}" for p in (2, 3, 5, 6, 7)} <= set(folded[0].evidence_ids)


def test_concrete_description_names_what_makes_it_concrete():
    assert concrete_description("Wij bouwen 120 woningen in 2025.") == "concrete actie met aantal en jaar"
    assert concrete_description("Een budget van € 2 miljoen.") == "concrete actie met aantal en budget"
    assert concrete_description("Er komt een regionaal team.") == "concrete actie"


def test_judgement_of_a_sentence_carries_over_to_all_its_signals(tmp_path, rubric):
    sibling = ("ev-a00000000009", "plan_a", "wonen", 2, EVIDENCE[0][4])  # a second signal in that sentence
    run = make_run(tmp_path / "run", evidence=[*EVIDENCE, sibling])
    write_per_rater_sheets(run, rubric, ["anna"], formats=("csv",))
    rows = fill_csv_rows(read_our_csv(run / "sheets" / "anna" / "plan_a__anna.csv"), {"wonen": "4"})
    head = rows[0]
    evidence_rows = [r for r in rows[1:] if r[head.index("soort")] == "bewijs"]
    assert len(evidence_rows) == 3, "two signals of one sentence share one row"
    for r in evidence_rows:
        if r[head.index("indicator")] == "wonen":
            r[head.index("relevant")] = "nee"
    path = save_as_dutch_excel_csv(rows, tmp_path / "inbox" / "plan_a__anna.csv")
    rated, check = validate_rater_sheet(read_sheet(path), load_run_context(run))
    assert rated is not None, check.problems
    judged = {j.evidence_id: j.relevant for plan in rated.plans for j in plan.judgements}
    assert judged["ev-a00000000001"] == "nee" and judged["ev-a00000000009"] == "nee"
    assert judged["ev-a00000000002"] is None


def test_rows_and_ids_do_not_depend_on_the_order_of_evidence_csv(rubric):
    rows = [
        _row("ev-a", 3, 10, "opvang", polarity="neutral"),
        _row("ev-b", 3, 10, "woonplekken", concrete=True, text="Wij bouwen 120 woonplekken in 2025."),
        _row("ev-c", 4, 0, "verdienen", polarity="counter"),
        _row("ev-d", 5, 0, "taal"),
    ]
    first = build_plan_sheet("p", rows, [_score(ids=["ev-b"])], rubric)
    again = build_plan_sheet("p", list(reversed(rows)), [_score(ids=["ev-b"])], rubric)
    assert [(e.evidence_id, e.rank, e.why) for e in first.evidence] == [
        (e.evidence_id, e.rank, e.why) for e in again.evidence
    ]
    assert first.stamp == again.stamp


def test_a_counter_signal_in_a_sentence_outranks_its_plain_signals(rubric):
    rows = [
        _row("ev-plain", 1, 0, "woonplekken", text="De ambitie is niet haalbaar."),
        _row("ev-counter", 1, 0, "afwijzing", polarity="counter", text="De ambitie is niet haalbaar."),
    ]
    (line,) = build_plan_sheet("p", rows, [_score()], rubric).evidence
    assert line.evidence_id == "ev-counter" and line.why == "tegensignaal: Afwijzing"
    assert line.signals == "Afwijzing | Woonplekken"


def test_rule_needs_counts_what_the_deciding_rule_asks_of_each_signal(rubric):
    from omslag.rules.scoring import rule_needs

    # the count of distinct kinds held: one item of each kind shows the breadth
    assert rule_needs(rubric, "preventie", "preventie.niveau4", {"preventie_taal", "upstream", "crisis"}) == {
        "preventie_taal": (2, 1),
        "upstream": (1, 1),
        "crisis": (1, 1),
    }
    # only upstream: the scorer used the branch "two concrete upstream actions"
    assert rule_needs(rubric, "preventie", "preventie.niveau4", {"preventie_taal", "upstream"}) == {
        "preventie_taal": (2, 1),
        "upstream": (2, 1),
    }
    needs = rule_needs(rubric, "wonen", "wonen.niveau5", {"afbouw_opvang", "woonplekken", "wonen_eerst_taal"})
    assert needs is not None and needs["wonen_eerst_taal"] == (3, 2)
    # evidence that does not fit the rule (a run of another rubric), or an unknown rule
    assert rule_needs(rubric, "wonen", "wonen.niveau4", {"woonplekken"}) is None
    assert rule_needs(rubric, "wonen", "wonen.bestaat_niet", {"woonplekken"}) is None


def test_only_the_items_the_rule_needs_decide_the_rest_supports_it(rubric):
    """Six sentences of Wonen Eerst language decide nothing more than two do: two of them decide
    (the plan's own choice first), the others support the level after the concrete commitments
    and counter-signals, so those keep their places in Beslissend."""
    taal = [
        _row(f"ev-taal{i}", i + 1, 0, "wonen_eerst_taal", text="Wonen Eerst is het uitgangspunt.") for i in range(5)
    ]
    taal.append(_row("ev-taal-wij", 9, 0, "wonen_eerst_taal", text="Wij kiezen voor Wonen Eerst."))
    rows = [
        *taal,
        _row("ev-plekken", 10, 0, "woonplekken", concrete=True, text="Er komen 60 woonplekken."),
        _row("ev-team", 11, 0, "housing_first_plekken", concrete=True, text="Een team van 8 fte."),
        _row("ev-ladder", 12, 0, "woonladder", polarity="counter"),
    ]
    ids = [f"ev-taal{i}" for i in range(5)] + ["ev-taal-wij", "ev-plekken"]
    sheet = build_plan_sheet("p", rows, [_score(ids=ids)], rubric)
    why = {line.evidence_id: line.why for line in sheet.evidence if line.evidence_id}
    deciding = sorted(e for e, w in why.items() if w.startswith("bepaalt niveau 4"))
    assert deciding == ["ev-plekken", "ev-taal-wij", "ev-taal0"]
    assert why["ev-taal3"] == "steunt niveau 4: Wonen_eerst_taal"
    order = [line.evidence_id for line in sheet.lines("wonen", "beslissend")]
    assert order[3:5] == ["ev-team", "ev-ladder"], order
    # without the rule in the rubric every deciding item decides, as before
    unknown = _score(ids=ids) | {"rule_id": "wonen.elders"}
    lines = build_plan_sheet("p", rows, [unknown], rubric).evidence
    assert sum(line.why.startswith("bepaalt niveau 4") for line in lines) == 7


def test_a_counter_signal_the_plan_rejects_is_shown_with_the_counter_signals(rubric):
    rows = [
        _row("ev-signal", 1, 0, "wonen_eerst_taal"),
        _row("ev-rejected", 2, 0, "woonladder", polarity="counter", negated=True, text="De woonladder is afgeschaft."),
        _row("ev-negated", 3, 0, "woonplekken", negated=True),
    ]
    sheet = build_plan_sheet("p", rows, [_score(level="3")], rubric)
    order = [line.evidence_id for line in sheet.evidence if line.evidence_id]
    assert order == ["ev-rejected", "ev-signal", "ev-negated"]
    why = {line.evidence_id: line.why for line in sheet.evidence}
    assert why["ev-rejected"] == "tegensignaal, ontkend: Woonladder"
    assert why["ev-negated"] == "ontkend: Woonplekken"


def test_a_dated_commitment_comes_before_an_undated_one(rubric):
    rows = [
        _row("ev-undated", 1, 0, "woonplekken", concrete=True, text="Er komt een team van vijf mensen."),
        _row(
            "ev-dated", 2, 0, "woonplekken", concrete=True, text="In 2025 verlaat geen jongere de zorg zonder woonplek."
        ),
    ]
    order = [line.evidence_id for line in build_plan_sheet("p", rows, [_score(level="3")], rubric).evidence]
    assert order == ["ev-dated", "ev-undated"]
