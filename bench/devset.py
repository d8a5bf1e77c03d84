"""Benchmark: recall and precision of the evidence finder on the development set of real text.

Not a test. Run: `.venv/bin/python bench/devset.py [--passages FILE] [--labels FILE] [--errors]`
(defaults: tests/devset/passages.jsonl and tests/devset/labels.jsonl). Every passage — a short,
verbatim quotation from a public Dutch government document, see tests/devset/GUIDELINES.md — is
run through the rubric's evidence finder as a page of its own, the way the pipeline reads it
(rules.relevance): a passage from a plan about homelessness (`doc_type` regionaal plan,
beleidskader MO/BW, uitvoeringsagenda, voortgangsrapportage) is read as part of a whole plan, where
every sentence is about the topic unless it names another domain; a passage from anything else (a
budget, a news item, a council letter) counts only where it names homelessness or its services
(the topic gate of the guidelines, §1.1: the rubric's topic terms in the passage). A passage is
evidence for an indicator when the finder finds at least one item for it; for
`belangenbehartiging` only an independent advocate counts (the yes/no per passage, §6).

Against the settled labels it prints, per indicator, the counts and recall and precision next to
the targets of issue 10 (recall ≥ 0.90, precision ≥ 0.85). It measures the test sets of EVAL_SETS
that are present as well and prints every set's figures beside each other, saying which sets the
rubric was tuned on: a rule is only as good as its score on text it was not tuned on. Four more
tables follow: the sets read in their paragraph (context.jsonl), the figures per kind of source
(plan, budget, other), precision as the rater sheet shows the proposals (rows to judge apart from
the folded mentions of a service), and the participation rung and kinds of prevention next to the
labels (bench/steps_types.py). `--errors`
lists only the development set's mismatches (other sets: pass them with --passages/--labels).
Without a labels file it says so and prints only how many passages the finder marks per
indicator. `--errors` lists the passage ids the finder misses or wrongly marks, per indicator,
for analysts who grow the rubric by classes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from omslag.rules.domain import Domain
from omslag.rules.rubric import load_rubric
from omslag.sheets.ranking import folds_as_mention

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stats import fmt_interval  # noqa: E402  (after the path, as a script)
from bench.steps_types import print_steps_and_types  # noqa: E402  (after the path, as a script)

DEVSET = ROOT / "tests" / "devset"
# Test sets of real passages collected and labelled by other hands while the rubric was tuned, in
# the order they were made: (folder, Dutch name, tuned on since). A set stays "not tuned on" until
# someone grows the rubric from its errors; then it says so here and a new set is collected
# (tests/heldout/SOURCES.md §6).
HELDOUT = ROOT / "tests" / "heldout"
TESTSET2 = ROOT / "tests" / "testset2"
TESTSET3 = ROOT / "tests" / "testset3"
TESTSET4 = ROOT / "tests" / "testset4"
TESTSET5 = ROOT / "tests" / "testset5"
TESTSET6 = ROOT / "tests" / "testset6"
TESTSET7 = ROOT / "tests" / "testset7"
TESTSET8 = ROOT / "tests" / "testset8"
TESTSET9 = ROOT / "tests" / "testset9"
TESTSET10 = ROOT / "tests" / "testset10"
EVAL_SETS: tuple[tuple[Path, str, str | None], ...] = (
    (HELDOUT, "toetsset 1", "rubric 2026.11.29-14"),  # held out in round 1, grown from in round 2
    (TESTSET2, "toetsset 2", "rubric 2026.11.29-15"),  # held out in rounds 1–2, grown from in round 3
    # held out in round 3, grown from in round 4; wonen and preventie only
    (TESTSET3, "toetsset 3", "rubric 2026.11.29-17"),
    # held out in round 4, grown from in round 5; wonen and preventie only
    (TESTSET4, "toetsset 4", "rubric 2026.11.29-18"),
    # collected while round 5 ran; mainly participation (12 positives), hardly advocacy (2); held
    # out in round 5, grown from in round 6
    (TESTSET5, "toetsset 5", "rubric 2026.11.29-27"),
    # collected at the start of round 6 from the kinds of document omslag reads (plans, progress
    # reports, budgets, annual reports); wonen and preventie only; held out in rounds 6–7, grown
    # from in round 8 (eighth session)
    (TESTSET6, "toetsset 6", "rubric 2026.11.29-40"),
    # collected while round 7 ran, aimed at participation and advocacy; the corpus gave almost none,
    # so mostly look-alike negatives; held out in rounds 7–9, grown from in round 10 (tenth session)
    (TESTSET7, "toetsset 7", "rubric 2026.11.29-47"),
    # collected in round 8 (eighth session) from plans, budgets and council papers not used before;
    # the corpus gave 50 passages, 7 wonen and 1 preventie positives: a set of false alarms; held
    # out in rounds 8–9, grown from in round 10
    (TESTSET8, "toetsset 8", "rubric 2026.11.29-47"),
    # collected at the start of round 10 (tenth session) from homelessness documents and their
    # neighbours (housing for other groups, other opvang and prevention): a set of false alarms,
    # 14 wonen and 8 preventie positives
    (TESTSET9, "toetsset 9", None),
    # collected in round 13 (thirteenth session), aimed at participation and advocacy; the corpus
    # is spent (nearly every government page on it is in a set): 31 passages, 2 participation and
    # 1 wonen positives, 26 participation look-alikes: a set of false alarms
    (TESTSET10, "toetsset 10", None),
)
# the indicators and which of them are ja/nee come from the analysts' rubric (rules.domain)
_DOMAIN = Domain.from_rubric(load_rubric())
INDICATORS = _DOMAIN.indicators
TARGET_RECALL = 0.90
TARGET_PRECISION = 0.85
ADVOCACY_SIGNAL = "onafhankelijke_belangenbehartiger"
# source document types (the passage's `doc_type`, not its label) that omslag would read as a
# whole plan about homelessness; the rest are read like a plan section or a document that is not
# a plan, where only text that names the topic counts. "nationaal plan" is the national plans' own
# text (Nationaal Actieplan Dakloosheid, Een (t)huis, een toekomst, Actieprogramma Dak- en
# Thuisloze Jongeren): fed to omslag such a plan is read whole like a regional one
PLAN_DOC_TYPES = {"regionaal plan", "nationaal plan", "beleidskader mo/bw", "uitvoeringsagenda", "voortgangsrapportage"}
# the kinds of source the benchmark reports apart: omslag reads plans and the plan sections of
# budgets and annual reports; the sets also hold news items, legal texts and parliamentary papers
BUDGET_DOC_TYPES = {"begroting", "jaarverslag", "begroting/jaarverslag"}
SOURCE_KINDS = ("plan", "begroting of jaarverslag", "overige bron")
# a set the benchmark measures: (name, folder, passages, labels by id, tuned on?)
MeasuredSet = tuple[str, Path, list[dict], dict[str, dict], bool]


@dataclass
class Metrics:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object per line; a bad line is an error that names the file and the line."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"fout: {path}:{number}: geen geldige JSON ({exc.msg})") from None
    return rows


def _document(passage_id: str, text: str):
    from omslag.extract.models import Document, ExtractionStatus, Page, TextSource

    return Document(
        doc_id=(passage_id.encode().hex() + "0" * 64)[:64],
        file=f"{passage_id}.txt",
        plan_id=passage_id,
        status=ExtractionStatus.SUCCESS,
        page_count=1,
        pages=[Page(number=1, text=text, source=TextSource.TEXT_LAYER)],
    )


def source_kind(passage: dict) -> str:
    """plan, begroting of jaarverslag, or overige bron (news, legal texts, parliamentary papers)."""
    doc_type = (passage.get("doc_type") or "").strip().lower()
    if doc_type in PLAN_DOC_TYPES:
        return SOURCE_KINDS[0]
    return SOURCE_KINDS[1] if doc_type in BUDGET_DOC_TYPES else SOURCE_KINDS[2]


def _in_plan(passage: dict) -> bool:
    """Is the passage's source a plan about homelessness (read whole by the pipeline)?"""
    return source_kind(passage) == SOURCE_KINDS[0]


def _in_scope(passage: dict, items: list) -> list:
    """The topic gate, by the pipeline's own scope rule (rules.relevance.evidence_in_scope): in a
    plan about homelessness everything counts; elsewhere an item counts only where its sentence or
    paragraph names homelessness or its services (guidelines §1.1)."""
    from omslag.rules.models import Relevance
    from omslag.rules.relevance import evidence_in_scope

    read_as = Relevance(decision="plan" if _in_plan(passage) else "geen_plan", document_type="", reason="")
    return evidence_in_scope(read_as, items)


def predict(finder, passage: dict, context: str | None = None) -> dict[str, bool]:
    """indicator → does the finder mark this passage as evidence for it? With `context` (the text
    just before the passage on its page) the passage is read in its paragraph, as the pipeline
    reads a document: evidence still has to stand in the passage, but homelessness may be named in
    the sentences before it or the heading above (rules.relevance.evidence_in_scope)."""
    return _marked(proposed(finder, passage, context))


def proposed(finder, passage: dict, context: str | None = None) -> list:
    """The evidence items the finder proposes in the passage once the topic gate has been applied
    (read alone, or in its paragraph when `context` is given; see `predict`)."""
    if context is not None:
        return _proposed_in_paragraph(finder, passage, context)
    return _in_scope(passage, finder.find_all(_document(passage["id"], passage["text"])).evidence)


def _proposed_in_paragraph(finder, passage: dict, context: str) -> list:
    findings = finder.find_all(_document(passage["id"], context + passage["text"]))
    start, end = len(context), len(context) + len(passage["text"])
    # a term of the item must stand in the passage: where the page runs on without a full stop, a
    # sentence can start in the context ("… Borging geleerde lessen Actielijn 1: …") and its term
    # there is the context's evidence, not the passage's
    in_passage = [e for e in findings.evidence if any(t.start < end and t.end > start for t in e.terms)]
    return _in_scope(passage, in_passage)


def sheet_rows(items) -> dict[str, str]:
    """indicator → how the rater sheet shows the passage's proposal: "rij" (a sentence with a
    signal of its own, shown as a row to judge), "vermelding" (only a neutral mention of a
    service — "Opvang als antwoord" — which sheets/ranking.py folds into one line per indicator
    unless it decides the level) or "" (nothing proposed). The ja/nee indicators count by their
    own rule (`_marked`) and are left out."""
    rows = dict.fromkeys(INDICATORS, "")
    for item in items:
        if item.indicator in _DOMAIN.yes_no_indicators:
            continue
        if not folds_as_mention(item.polarity):
            rows[item.indicator] = "rij"
        elif not rows[item.indicator]:
            rows[item.indicator] = "vermelding"
    return rows


def _marked(items) -> dict[str, bool]:
    marked = dict.fromkeys(INDICATORS, False)
    for item in items:
        if item.indicator in _DOMAIN.yes_no_indicators:
            if item.signal == ADVOCACY_SIGNAL and not item.negated:
                marked[item.indicator] = True
        else:
            marked[item.indicator] = True
    return marked


def read_contexts(folder: Path) -> dict[str, str]:
    """passage id → the text just before it on its page (`context.jsonl` of a set; only the
    passages whose page was found again)."""
    path = folder / "context.jsonl"
    if not path.exists():
        return {}
    return {row["id"]: row["context_before"] for row in read_jsonl(path) if row.get("found")}


def failure_reason(finder, passage: dict, indicator: str, kind: str) -> str:
    """Dutch: which class of failure this is, for the known-failures list."""
    findings = finder.find_all(_document(passage["id"], passage["text"]))
    signals = sorted({e.signal for e in findings.evidence if e.indicator == indicator})
    if kind == "onterecht":
        return f"ten onrechte als bewijs gemarkeerd: signaal {', '.join(signals)}"
    if signals and not any(e.indicator == indicator for e in _in_scope(passage, findings.evidence)):
        return (
            f"onderwerppoort: signaal {', '.join(signals)} gevonden, maar de passage noemt dakloosheid "
            "of haar voorzieningen niet met de onderwerptermen"
        )
    if indicator in _DOMAIN.yes_no_indicators and signals:
        return "geen onafhankelijke belangenbehartiger herkend (organisatie niet in de lijst of niet als zodanig)"
    return "bewijs niet gevonden: geen term van deze indicator in de passage (woorden buiten de rubric)"


def labelled(label: dict) -> dict[str, bool]:
    """indicator → is the passage evidence according to the settled label?"""
    out = {}
    for indicator in INDICATORS:
        entry = label.get(indicator) or {}
        out[indicator] = bool(entry.get("evidence"))
    return out


def evaluate(
    finder,
    passages: list[dict],
    labels: dict[str, dict],
    contexts: dict[str, str] | None = None,
    predictions: dict[str, dict[str, bool]] | None = None,
    rows: dict[str, dict[str, str]] | None = None,
    proposals: dict[str, list] | None = None,
) -> tuple[dict[str, Metrics], dict]:
    """Metrics per indicator over the passages that have a label, and the mismatches
    {indicator: {"gemist": [ids], "onterecht": [ids]}}. With `contexts` a passage whose page text
    before it is known is read in its paragraph (see `predict`). `predictions` (passage id → what
    the finder marked), when given, is filled in, so other tables can count without finding again;
    with `finder` None the passages are counted from it. `rows` (passage id → `sheet_rows`) and
    `proposals` (passage id → the proposed items, for bench/steps_types.py) are filled in the same
    way."""
    metrics = {i: Metrics() for i in INDICATORS}
    errors: dict[str, dict[str, list[str]]] = {i: {"gemist": [], "onterecht": []} for i in INDICATORS}
    for passage in passages:
        label = labels.get(passage["id"])
        if label is None:
            continue
        if finder is None and predictions is not None:
            got = predictions[passage["id"]]
        else:
            items = proposed(finder, passage, (contexts or {}).get(passage["id"]))
            got = _marked(items)
            if predictions is not None:
                predictions[passage["id"]] = got
            if rows is not None:
                rows[passage["id"]] = sheet_rows(items)
            if proposals is not None:
                proposals[passage["id"]] = items
        want = labelled(label)
        for indicator in INDICATORS:
            m = metrics[indicator]
            if got[indicator] and want[indicator]:
                m.tp += 1
            elif got[indicator]:
                m.fp += 1
                errors[indicator]["onterecht"].append(passage["id"])
            elif want[indicator]:
                m.fn += 1
                errors[indicator]["gemist"].append(passage["id"])
            else:
                m.tn += 1
    return metrics, errors


def write_known_failures(path: Path, errors: dict, version: str, reasons: dict[str, str] | None = None) -> None:
    """The mismatches as `<passage id>/<indicator>: {reason: …}`. Reasons already in the file
    are kept (an analyst may have written the class of the failure there)."""
    import yaml

    from omslag.sheets.csvio import write_bytes_atomic

    existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    existing = existing or {}
    entries = {}
    for indicator, kinds in errors.items():
        for kind, ids in kinds.items():
            what = "bewijs niet gevonden" if kind == "gemist" else "ten onrechte als bewijs gemarkeerd"
            for passage_id in ids:
                key = f"{passage_id}/{indicator}"
                reason = (reasons or {}).get(key) or what
                entries[key] = existing.get(key) or {"reason": f"{reason} (rubric {version})"}
    header = (
        "# Dev-set passages × indicators that omslag gets wrong today (bench/devset.py).\n"
        "# tests/unit/test_devset.py runs them as strict xfails: a fixed one fails until it is removed.\n"
    )
    body = yaml.safe_dump(dict(sorted(entries.items())), allow_unicode=True, sort_keys=False)
    write_bytes_atomic(path, (header + body).encode("utf-8"))


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.2f}"


def _met(m: Metrics) -> bool:
    return (m.recall or 0) >= TARGET_RECALL and (m.precision or 0) >= TARGET_PRECISION


def print_table(columns: list[tuple[str, dict[str, Metrics]]], footer: bool = True) -> bool:
    """Counts, recall and precision per indicator and set, the sets of one indicator on adjacent
    rows so their figures read side by side; True when every set meets the targets for every
    indicator."""
    width = max(len(name) for name, _ in columns)
    print(
        f"\n{'indicator':<20} {'set':<{width}} {'bewijs':>6} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'recall':>7} {'(95%)':>9} {'precisie':>9} {'(95%)':>9}  doel"
    )
    all_met = True
    for indicator in INDICATORS:
        for row, (name, metrics) in enumerate(columns):
            m = metrics[indicator]
            all_met &= _met(m)
            print(
                f"{indicator if row == 0 else '':<20} {name:<{width}} {m.tp + m.fn:>6} {m.tp:>4} {m.fp:>4} "
                f"{m.fn:>4} {_fmt(m.recall):>7} {fmt_interval(m.tp, m.tp + m.fn):>9} {_fmt(m.precision):>9} "
                f"{fmt_interval(m.tp, m.tp + m.fp):>9}  {'gehaald' if _met(m) else 'niet gehaald'}"
            )
    if footer:
        print(f"\ndoel: recall ≥ {TARGET_RECALL:.2f} en precisie ≥ {TARGET_PRECISION:.2f} per indicator, in elke set")
        print(
            "(95%): het 95%-interval (Wilson) bij zoveel passages; een verschil tussen sets of rubricversies "
            "binnen dat interval is geen aangetoonde verbetering of verslechtering"
        )
    return all_met


def print_source_kind_table(measured: list[MeasuredSet], predictions: dict[str, dict[str, bool]]) -> None:
    """The same figures per kind of source, the sets taken together (tuned and untouched apart):
    omslag reads plans and budgets, while most passages of the sets come from news items, legal
    texts and parliamentary papers, so the figure on plan text is the one a user meets. Counted
    from the main table's `predictions`: the finder does not run again."""
    pools: dict[str, list[tuple[dict, dict]]] = {}
    for _, _, passages, labels, tuned in measured:
        pool = "afgestemde sets" if tuned else "niet afgestemde sets"
        pools.setdefault(pool, []).extend((p, labels) for p in passages if p["id"] in labels)
    columns = []
    for pool, rows in sorted(pools.items()):
        for kind in SOURCE_KINDS:
            chosen = [(p, labels) for p, labels in rows if source_kind(p) == kind]
            if not chosen:
                continue
            merged_labels = {p["id"]: labels[p["id"]] for p, labels in chosen}
            metrics, _ = evaluate(None, [p for p, _ in chosen], merged_labels, predictions=predictions)
            columns.append((f"{pool}: {kind} ({len(chosen)})", metrics))
    print("\nNaar soort bron (de sets samen; tussen haakjes het aantal passages):")
    print_table(columns, footer=False)


def print_sheet_table(measured: list[MeasuredSet], rows: dict[str, dict[str, str]]) -> None:
    """Precision as the rater sheet shows the proposals: a sentence with a signal of its own is a
    row the rater judges; a sentence that only mentions a service (neutral signals such as
    "Opvang als antwoord") is folded into one line per indicator with its pages, unless it decides
    the level. Counted from the main table's `rows`: the finder does not run again."""
    indicators = [i for i in INDICATORS if i not in _DOMAIN.yes_no_indicators]
    width = max(len(name) for name, *_ in measured)
    print("\nZoals het beoordelaarsblad ze toont: zinnen met een eigen signaal zijn een rij om te beoordelen;")
    print("zinnen die alleen een voorziening noemen (neutrale signalen) staan samen op één regel vermeldingen,")
    print("tenzij ze het niveau bepalen:")
    print(
        f"\n{'indicator':<20} {'set':<{width}} {'rijen':>6} {'goed':>5} {'fout':>5} {'precisie':>9} {'(95%)':>9}"
        f"  {'vermeldingen':>12} {'goed':>5} {'fout':>5}"
    )
    for indicator in indicators:
        for row, (name, _, passages, labels, _) in enumerate(measured):
            counts = {("rij", True): 0, ("rij", False): 0, ("vermelding", True): 0, ("vermelding", False): 0}
            for passage in passages:
                kind = rows.get(passage["id"], {}).get(indicator, "")
                if kind and passage["id"] in labels:
                    counts[(kind, labelled(labels[passage["id"]])[indicator])] += 1
            right, wrong = counts[("rij", True)], counts[("rij", False)]
            precision = right / (right + wrong) if right + wrong else None
            mentions = counts[("vermelding", True)] + counts[("vermelding", False)]
            print(
                f"{indicator if row == 0 else '':<20} {name:<{width}} {right + wrong:>6} {right:>5} {wrong:>5} "
                f"{_fmt(precision):>9} {fmt_interval(right, right + wrong):>9}  {mentions:>12} "
                f"{counts[('vermelding', True)]:>5} {counts[('vermelding', False)]:>5}"
            )


def print_paragraph_table(finder, measured: list[MeasuredSet]) -> None:
    """The same sets read the way the pipeline reads a document: each passage after the text
    that stands before it on its page (a set's `context.jsonl`), so that homelessness named in the
    sentence before or the heading above counts, as the labels assume. Passages whose page was not
    found again are read alone; the coverage is printed."""
    columns = []
    for name, folder, passages, labels, _ in measured:
        contexts = read_contexts(folder)
        if not contexts:
            continue
        metrics, _ = evaluate(finder, passages, labels, contexts)
        found = sum(1 for p in passages if p["id"] in contexts)
        print(
            f"\n{name}: tekst ervoor gevonden bij {found} van de {len(passages)} passages ({folder / 'context.jsonl'})"
        )
        columns.append((f"{name}, in alinea", metrics))
    if columns:
        print(
            "\nGelezen in hun alinea (met de tekst die op de pagina ervoor staat), zoals de pijplijn een document leest:"
        )
        print_table(columns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=Path, default=DEVSET / "passages.jsonl")
    parser.add_argument("--labels", type=Path, default=DEVSET / "labels.jsonl")
    parser.add_argument("--rubric", type=Path, default=None, help="rubric file (default: rules/rubric.yaml)")
    parser.add_argument("--errors", action="store_true", help="list missed and wrongly marked passage ids")
    parser.add_argument(
        "--write-known-failures",
        type=Path,
        metavar="FILE",
        help="write today's mismatches as a known-failures list (tests/devset/known_failures.yaml)",
    )
    args = parser.parse_args(argv)

    from omslag.rules.matching import EvidenceFinder
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, load_rubric

    if not args.passages.exists():
        print(f"passages ontbreken: {args.passages} niet gevonden (de ontwikkelset, issue 10)")
        return 2
    passages = read_jsonl(args.passages)
    rubric = load_rubric(args.rubric or DEFAULT_RUBRIC_PATH)
    finder = EvidenceFinder(rubric)
    print(f"ontwikkelset: {len(passages)} passages uit {args.passages}; rubric {rubric.version}")

    if not args.labels.exists():
        print(f"labels ontbreken: {args.labels} niet gevonden; recall en precisie zijn niet te meten.")
        counts = dict.fromkeys(INDICATORS, 0)
        for passage in passages:
            for indicator, marked in predict(finder, passage).items():
                counts[indicator] += marked
        print("Passages die omslag als bewijs markeert, per indicator:")
        for indicator in INDICATORS:
            print(f"  {indicator:<20} {counts[indicator]:>4} van de {len(passages)}")
        return 0

    labels = {row["id"]: row for row in read_jsonl(args.labels)}
    unknown = sorted(set(labels) - {p["id"] for p in passages})
    if unknown:
        print(f"let op: {len(unknown)} labels zonder passage (bv. {', '.join(unknown[:3])})", file=sys.stderr)
    predictions: dict[str, dict[str, bool]] = {}
    rows: dict[str, dict[str, str]] = {}
    proposals: dict[str, list] = {}
    metrics, errors = evaluate(finder, passages, labels, predictions=predictions, rows=rows, proposals=proposals)
    n = sum(1 for p in passages if p["id"] in labels)
    print(f"{n} passages met een label")
    # a set passed with --passages is named after its folder (e.g. `heldout`)
    columns = [("ontwikkelset" if args.passages == DEVSET / "passages.jsonl" else args.passages.parent.name, metrics)]
    # every set measured, for the reading in paragraphs and per kind of source below
    measured: list[MeasuredSet] = [(columns[0][0], args.passages.parent, passages, labels, True)]
    if args.passages == DEVSET / "passages.jsonl":
        columns[0] = ("ontwikkelset (afgestemd)", metrics)
        measured[0] = (columns[0][0], DEVSET, passages, labels, True)
        for folder, name, tuned in EVAL_SETS:
            if not ((folder / "passages.jsonl").exists() and (folder / "labels.jsonl").exists()):
                continue
            extra = read_jsonl(folder / "passages.jsonl")
            extra_labels = {row["id"]: row for row in read_jsonl(folder / "labels.jsonl")}
            extra_metrics, _ = evaluate(
                finder, extra, extra_labels, predictions=predictions, rows=rows, proposals=proposals
            )
            status = f"afgestemd sinds {tuned}" if tuned else "niet op afgestemd"
            print(f"{name} ({status}): {len(extra)} passages uit {folder / 'passages.jsonl'}")
            columns.append((f"{name} ({'afgestemd' if tuned else 'niet afgestemd'})", extra_metrics))
            measured.append((columns[-1][0], folder, extra, extra_labels, tuned is not None))
    all_met = print_table(columns)
    print_paragraph_table(finder, measured)
    if len(measured) > 1:
        print_source_kind_table(measured, predictions)
    print_sheet_table(measured, rows)
    if len(measured) > 1:
        print_steps_and_types(measured, proposals, _DOMAIN)
    if args.write_known_failures:
        by_id = {p["id"]: p for p in passages}
        reasons = {
            f"{pid}/{indicator}": failure_reason(finder, by_id[pid], indicator, kind)
            for indicator, kinds in errors.items()
            for kind, ids in kinds.items()
            for pid in ids
        }
        write_known_failures(args.write_known_failures, errors, rubric.version, reasons)
        print(f"bekende fouten geschreven naar {args.write_known_failures}")
    if args.errors:
        for indicator in INDICATORS:
            for kind in ("gemist", "onterecht"):
                ids = errors[indicator][kind]
                if ids:
                    print(f"{indicator} {kind} ({len(ids)}): {' '.join(ids)}")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
