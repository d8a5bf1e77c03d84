"""The development set of real text (issue 10): every labelled passage × indicator is a named
test comparing what the finder marks with the settled label (bench/devset.py does the same and
prints recall and precision). Passages omslag gets wrong today are listed in
tests/devset/known_failures.yaml with a reason and run as strict xfails, so a fixed one fails
loudly until it is taken off the list. Without the passages or the settled labels (they are
collected and labelled on their own branch) the tests skip and say why."""

from __future__ import annotations

import pytest
import yaml

from bench.devset import DEVSET, INDICATORS, Metrics, evaluate, labelled, predict, read_jsonl

PASSAGES = DEVSET / "passages.jsonl"
LABELS = DEVSET / "labels.jsonl"
KNOWN = DEVSET / "known_failures.yaml"


def _known() -> dict[str, str]:
    if not KNOWN.exists():
        return {}
    data = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or {}
    return {key: entry["reason"] for key, entry in data.items()}


def _params():
    if not PASSAGES.exists():
        yield pytest.param(None, None, None, id="geen-passages", marks=pytest.mark.skip(reason=f"{PASSAGES} ontbreekt"))
        return
    if not LABELS.exists():
        yield pytest.param(
            None,
            None,
            None,
            id="geen-labels",
            marks=pytest.mark.skip(reason=f"{LABELS} ontbreekt: de passages zijn nog niet gelabeld en afgestemd"),
        )
        return
    labels = {row["id"]: row for row in read_jsonl(LABELS)}
    known = _known()
    for passage in read_jsonl(PASSAGES):
        if passage["id"] not in labels:
            continue
        for indicator in INDICATORS:
            key = f"{passage['id']}/{indicator}"
            marks = [pytest.mark.xfail(reason=known[key], strict=True)] if key in known else []
            yield pytest.param(passage, labels[passage["id"]], indicator, id=key, marks=marks)


@pytest.mark.parametrize(("passage", "label", "indicator"), list(_params()))
def test_passage(passage, label, indicator, analyst_finder):
    got = predict(analyst_finder, passage)[indicator]
    want = labelled(label)[indicator]
    assert got == want, (
        f"{passage['id']} {indicator}: omslag {'wel' if got else 'geen'} bewijs, label {'wel' if want else 'geen'}"
        f" — {passage['text'][:200]}"
    )


def test_known_failures_refer_to_labelled_passages():
    known = _known()
    if not known:
        return
    if not LABELS.exists():
        pytest.skip(f"{LABELS} ontbreekt")
    labelled_ids = {row["id"] for row in read_jsonl(LABELS)}
    stale = [k for k in known if k.split("/")[0] not in labelled_ids or k.split("/")[1] not in INDICATORS]
    assert not stale, f"known_failures.yaml noemt onbekende passages of indicatoren: {stale}"


def test_the_benchmark_counts_and_gates_on_the_topic(analyst_finder):
    """The measurement itself, on passages written here: the topic gate, advocacy as yes/no, and
    recall/precision arithmetic."""
    passages = [
        {"id": "t1", "text": "Wij realiseren in 2025 veertig extra woonplekken voor dakloze mensen."},
        {"id": "t2", "text": "De gemeente zet in op suïcidepreventie en op preventie van overgewicht."},
        {"id": "t3", "text": "De cliëntenraad van de opvang voor dak- en thuislozen adviseert over het plan."},
        {"id": "t4", "text": "Dakloosheid Voorbij! schreef mee aan het regionale plan voor dakloze mensen."},
    ]
    assert predict(analyst_finder, passages[0])["wonen"] is True
    assert not any(predict(analyst_finder, passages[1]).values())  # no topic: no evidence at all
    assert predict(analyst_finder, passages[2])["belangenbehartiging"] is False  # a client council is not independent
    assert predict(analyst_finder, passages[3])["belangenbehartiging"] is True
    labels = {
        "t1": {"wonen": {"evidence": True}},
        "t2": {"preventie": {"evidence": True}},  # a (wrong) label: the finder misses it
        "t4": {"belangenbehartiging": {"evidence": True}},
    }
    metrics, errors = evaluate(analyst_finder, passages, labels)
    assert metrics["wonen"].tp == 1 and metrics["wonen"].recall == 1.0
    assert metrics["preventie"].fn == 1 and errors["preventie"]["gemist"] == ["t2"]
    assert metrics["belangenbehartiging"].precision == 1.0
    assert Metrics(tp=9, fp=1, fn=1).recall == 0.9


def test_the_benchmark_gates_each_sentence_as_the_pipeline_does(analyst_finder):
    """Outside a plan the topic gate is the pipeline's own scope rule, per sentence and its
    paragraph (rules.relevance.evidence_in_scope), not "the passage names homelessness somewhere":
    a term two paragraphs away from the only topic word is not evidence. In a plan it is."""
    text = (
        "De nachtopvang voor dakloze mensen zit elke winter vol.\n\n"
        "De gemeente werkt aan een nieuwe sporthal. De bibliotheek verhuist naar het centrum. "
        "Het parkeerbeleid wordt herzien. De markt krijgt een nieuwe plek.\n\n"
        "Ervaringsdeskundigen denken mee over het beleid."
    )
    news = {"id": "g1", "text": text, "doc_type": "nieuwsbericht gemeente"}
    plan = {"id": "g2", "text": text, "doc_type": "regionaal plan"}
    assert predict(analyst_finder, news)["wonen"] is True  # the topic sentence itself
    assert predict(analyst_finder, news)["participatie"] is False
    assert predict(analyst_finder, plan)["participatie"] is True


def test_the_benchmark_interval_is_the_wilson_score_interval():
    from bench.stats import wilson_interval

    low, high = wilson_interval(17, 22)
    assert round(low, 3) == 0.566 and round(high, 3) == 0.899
    assert wilson_interval(0, 1)[0] == 0.0 and round(wilson_interval(0, 1)[1], 2) == 0.79
    assert wilson_interval(0, 0) is None


def test_the_benchmark_reads_a_passage_in_its_paragraph_when_the_text_before_is_known(analyst_finder):
    passage = {
        "id": "p1",
        "doc_type": "nieuwsbericht gemeente",
        "text": "Zij denken mee over het plan en zitten aan tafel bij bestuurlijke overleggen.",
    }
    # alone the passage names no homelessness: the topic gate keeps it out
    assert not any(predict(analyst_finder, passage).values())
    # after the sentence before it on the page, the paragraph names the group (as the pipeline reads it)
    before = "In het jongerenpanel zitten jongeren die zelf dakloos zijn geweest. "
    assert predict(analyst_finder, passage, before)["participatie"] is True
    # evidence must stand in the passage itself, not only in the text before it
    plain = dict(passage, text="De vergadering begint om acht uur.")
    assert not any(predict(analyst_finder, plain, before).values())
    # text about homelessness in another paragraph, away from a heading, does not open the gate
    far = "Dakloze jongeren krijgen een woning.\n\nDe gemeente organiseert een feest. Het park gaat open. "
    assert predict(analyst_finder, passage, far)["participatie"] is False
    # where the page runs on without a full stop, the passage's first sentence starts in the text
    # before it; a term that stands only in that part is the context's evidence, not the passage's
    run_on = "Programma voor dakloze jongeren. Verdiepen en verbreden jongerenparticipatie "
    heading = dict(passage, doc_type="uitvoeringsagenda", text="Actielijn 2 Financiële bestaanszekerheid")
    assert predict(analyst_finder, heading, run_on)["participatie"] is False


def test_the_benchmark_reports_plans_and_budgets_apart_from_other_sources(analyst_finder, capsys):
    from bench.devset import print_source_kind_table, source_kind

    assert source_kind({"doc_type": "Regionaal plan"}) == "plan"
    # the national plans' own text is read whole like a regional plan (SOURCES.md of the sets)
    assert source_kind({"doc_type": "nationaal plan"}) == "plan"
    assert source_kind({"doc_type": "begroting/jaarverslag"}) == "begroting of jaarverslag"
    assert source_kind({"doc_type": "nieuwsbericht gemeente"}) == "overige bron"
    assert source_kind({}) == "overige bron"
    plan = {"id": "a", "doc_type": "regionaal plan", "text": "Wij realiseren veertig woonplekken voor dakloze mensen."}
    news = {"id": "b", "doc_type": "other", "text": "De gemeente zet in op suïcidepreventie."}
    later = {"id": "c", "doc_type": "regionaal plan", "text": "De nachtopvang krijgt tien extra bedden."}
    labels = {"a": {"wonen": {"evidence": True}}, "b": {}, "c": {"wonen": {"evidence": False}}}
    measured = [
        ("ontwikkelset (afgestemd)", DEVSET, [plan, news], labels, True),
        ("toetsset 9 (niet afgestemd)", DEVSET, [later], labels, False),
    ]
    # the table counts from the main table's predictions, as main() hands them over
    predictions: dict = {}
    evaluate(analyst_finder, [plan, news, later], labels, predictions=predictions)
    print_source_kind_table(measured, predictions)
    rows = [line for line in capsys.readouterr().out.splitlines() if "sets:" in line]
    # tuned and untouched sets are pooled apart, each kind of source on its own row
    assert any("afgestemde sets: plan (1)" in r for r in rows)
    assert any("afgestemde sets: overige bron (1)" in r for r in rows)
    untouched = next(r for r in rows if "niet afgestemde sets: plan (1)" in r)
    assert untouched.split()[-8:-6] == ["0", "1"]  # TP 0, FP 1: the extra beds are a false alarm here


def test_the_benchmark_counts_rows_and_folded_mentions_as_the_sheet_shows_them(analyst_finder, capsys):
    from bench.devset import print_sheet_table, sheet_rows

    row = {"id": "r", "doc_type": "regionaal plan", "text": "Wij realiseren veertig woonplekken voor dakloze mensen."}
    mention = {"id": "m", "doc_type": "regionaal plan", "text": "De maatschappelijke opvang ligt aan de Kerkstraat."}
    off = {"id": "o", "doc_type": "other", "text": "De gemeente zet in op suïcidepreventie."}
    labels = {"r": {"wonen": {"evidence": True}}, "m": {"wonen": {"evidence": False}}, "o": {}}
    rows: dict = {}
    evaluate(analyst_finder, [row, mention, off], labels, rows=rows)
    # a signal of its own is a row to judge; a neutral mention of the service folds; nothing is ""
    assert rows["r"]["wonen"] == "rij" and rows["m"]["wonen"] == "vermelding" and rows["o"]["wonen"] == ""
    assert sheet_rows([])["wonen"] == ""
    print_sheet_table([("ontwikkelset (afgestemd)", DEVSET, [row, mention, off], labels, True)], rows)
    wonen = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("wonen"))
    # 1 row (right), precision 1.00; 1 mention (wrong)
    assert wonen.split()[3:7] == ["1", "1", "0", "1.00"] and wonen.split()[-3:] == ["1", "0", "1"]
