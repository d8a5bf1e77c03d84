"""Benchmark part: on which rung of the participation ladder, and as which kinds of prevention,
omslag puts the evidence it finds — next to the settled labels of the sets of real text.

Not a test; `bench/devset.py` prints this table after its recall and precision tables. The
labels of every set carry a `ladder_step` for participation evidence and `types` for prevention
evidence (tests/devset/GUIDELINES.md §4–5), and the scores are built on them: the participation
level follows the highest rung found, and prevention levels 3–5 ask for typed measures. Only
passages that both the label and omslag call evidence are compared, so a missed or false passage
(the recall and precision tables) does not count twice.

Which sets were tuned on is a separate matter here: until the fifteenth session no one compared
omslag's rungs and types with the labels. From then on the errors of the ontwikkelset and
toetsset 1 are read to grow the rubric (`TUNED_FOR_STEPS`); the other sets are the untouched part
for this comparison, also those whose evidence errors were read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bench.stats import fmt_interval
from omslag.rules.domain import Domain

# sets whose rung and type errors were read (and the rubric version when that began)
TUNED_FOR_STEPS = ("ontwikkelset", "toetsset 1")
TUNED_SINCE = "rubric 2026.11.30-57"
NO_STEP = "geen trede"


@dataclass
class StepAgreement:
    """Participation passages of one part: rung of the label against omslag's highest rung."""

    passages: int = 0
    exact: int = 0
    within_one: int = 0  # the same rung or the next one up or down
    no_step: int = 0  # omslag found participation, but only a mention (no rung)
    unlabelled: int = 0  # evidence by both, but the label gives no rung
    confusion: Counter = field(default_factory=Counter)  # (label rung, omslag rung) -> passages


@dataclass
class TypeAgreement:
    """Prevention passages of one part: the kinds of prevention of the label against omslag's."""

    passages: int = 0
    exact: int = 0  # the same set of kinds
    labelled: Counter = field(default_factory=Counter)  # kind -> passages the label gives it
    found: Counter = field(default_factory=Counter)  # kind -> passages omslag gives it
    both: Counter = field(default_factory=Counter)  # kind -> passages both give it


def passage_step(items, domain: Domain) -> str | None:
    """The highest rung among the passage's participation items that are not denied (the
    participation level follows the highest rung, rules/rubric.yaml)."""
    order = [t.id for t in domain.ladder_steps]
    steps = [
        i.ladder_step
        for i in items
        if i.indicator == domain.ladder_indicator and i.ladder_step in order and not i.negated
    ]
    return max(steps, key=order.index) if steps else None


def passage_types(items, domain: Domain) -> set[str]:
    """The kinds of prevention of the passage's prevention items that are not denied."""
    return {
        i.prevention_type
        for i in items
        if i.indicator == domain.prevention_indicator and i.prevention_type and not i.negated
    }


def compare(passages: list[dict], labels: dict[str, dict], proposals: dict[str, list], domain: Domain):
    """(StepAgreement, TypeAgreement) over the passages both the label and omslag call evidence."""
    steps, types = StepAgreement(), TypeAgreement()
    order = [t.id for t in domain.ladder_steps]
    for passage in passages:
        label, items = labels.get(passage["id"]), proposals.get(passage["id"])
        if label is None or items is None:
            continue
        _compare_step(steps, label.get(domain.ladder_indicator) or {}, items, domain, order)
        _compare_types(types, label.get(domain.prevention_indicator) or {}, items, domain)
    return steps, types


def _compare_step(agreement: StepAgreement, label: dict, items, domain: Domain, order: list[str]) -> None:
    if not label.get("evidence") or not any(i.indicator == domain.ladder_indicator for i in items):
        return
    want = label.get("ladder_step")
    if want not in order:
        agreement.unlabelled += 1
        return
    mine = passage_step(items, domain)
    agreement.passages += 1
    agreement.confusion[(want, mine or NO_STEP)] += 1
    if mine is None:
        agreement.no_step += 1
        return
    agreement.exact += mine == want
    agreement.within_one += abs(order.index(mine) - order.index(want)) <= 1


def _compare_types(agreement: TypeAgreement, label: dict, items, domain: Domain) -> None:
    if not label.get("evidence") or not any(i.indicator == domain.prevention_indicator for i in items):
        return
    want, mine = set(label.get("types") or []), passage_types(items, domain)
    agreement.passages += 1
    agreement.exact += want == mine
    agreement.labelled.update(want)
    agreement.found.update(mine)
    agreement.both.update(want & mine)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def print_steps_and_types(measured, proposals: dict[str, list], domain: Domain) -> None:
    """The table of `bench/devset.py`: the sets pooled into the part whose rung and type errors
    were read (TUNED_FOR_STEPS) and the untouched part."""
    parts: dict[str, tuple[list[dict], dict[str, dict]]] = {}
    for name, _, passages, labels, _ in measured:
        tuned = any(name.split(" (")[0] == t for t in TUNED_FOR_STEPS)
        part = parts.setdefault("afgestemd" if tuned else "niet afgestemd", ([], {}))
        part[0].extend(passages)
        part[1].update(labels)
    results = {part: compare(passages, labels, proposals, domain) for part, (passages, labels) in parts.items()}
    print(
        "\nTrede en soort preventie, op de passages die label én omslag als bewijs zien "
        f"(afgestemd: {', '.join(TUNED_FOR_STEPS)}, sinds {TUNED_SINCE}; de andere sets zijn hierop niet afgestemd):"
    )
    _print_steps(results, domain)
    _print_types(results, domain)


def _print_steps(results: dict, domain: Domain) -> None:
    print(
        f"\n{domain.ladder_indicator}: trede    {'passages':>8} {'gelijk':>7} {'(95%)':>9} "
        f"{'±1 trede':>9} {'(95%)':>9} {NO_STEP:>11}"
    )
    for part, (steps, _) in sorted(results.items()):
        n = steps.passages
        print(
            f"  {part:<20} {n:>8} {steps.exact:>3} {_ratio(steps.exact, n):>4} {fmt_interval(steps.exact, n):>9} "
            f"{steps.within_one:>4} {_ratio(steps.within_one, n):>4} {fmt_interval(steps.within_one, n):>9} "
            f"{steps.no_step:>11}"
        )
    for part, (steps, _) in sorted(results.items()):
        wrong = [(pair, n) for pair, n in steps.confusion.most_common() if pair[0] != pair[1]]
        if wrong:
            listed = ", ".join(f"{want} → {mine} {n}" for (want, mine), n in wrong)
            print(f"  {part}, label → omslag: {listed}")
        if steps.unlabelled:
            print(f"  {part}: {steps.unlabelled} passages zonder trede in het label (niet meegeteld)")


def _print_types(results: dict, domain: Domain) -> None:
    header = f"{'label':>6} {'omslag':>6} {'beide':>5} {'recall':>6} {'precisie':>8}"
    print(f"\n{domain.prevention_indicator}: soort" + "".join(f"   {part}: {header}" for part in sorted(results)))
    for kind in [t.id for t in domain.prevention_types]:
        cells = []
        for part in sorted(results):
            types = results[part][1]
            got, want, both = types.found[kind], types.labelled[kind], types.both[kind]
            cells.append(
                f"   {' ' * len(part)}  {want:>6} {got:>6} {both:>5} {_ratio(both, want):>6} {_ratio(both, got):>8}"
            )
        print(f"  {kind:<14}" + "".join(cells))
    summary = ", ".join(
        f"{part} {types.exact} van {types.passages} ({_ratio(types.exact, types.passages)})"
        for part, (_, types) in sorted(results.items())
    )
    print(f"  alle soorten gelijk: {summary}")
