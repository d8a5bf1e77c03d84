"""Stage: outputs — which evidence a rater reads first: sentences grouped, ranked, folded.

The run's evidence has one row per sentence × signal (evidence.csv). A rater judges a sentence,
not a signal, so the sheets show one row per sentence and indicator, with its signals listed
strongest first. Per plan × indicator the rows are ranked:

  0  the items the level rule needs to hold                           "bepaalt niveau 4: …"
  1  the counter-signals of a cap that lowered it                      "begrenst op 3: …"
  2  concrete commitments (numbers, years, budget, team)               "concrete toezegging: …"
  3  counter-signals, negated ones too (the plan rejects the practice) "tegensignaal: …"
  4  the rule's other items: they support the level                    "steunt niveau 4: …"
  5  other positive signals (ambition in words)                        "signaal: …"
  6  negated signals                                                   "ontkend: …"
  7  neutral mentions                                                  "alleen vermelding"

"The items the rule needs" is the fewest that make it hold: a rule that asks for two sentences
of Wonen Eerst language and one concrete action decides with three, the best of them (the
present, the plan's own choice, concrete), not with every sentence that names Wonen Eerst.
A sentence's tier is that of its most decisive signal. Within a tier: concrete before words, the
present before the past, a dated commitment before an undated one, the plan's own voice
("wij …") before descriptions, more signals first.
The first `DECISIVE_ROWS` of an indicator form the *Beslissend* view, taken from tiers 0–4 with
at most `PER_SIGNAL_ROWS` of one signal while another strong signal waits (eight mentions of
the opvang must not hide the sentence that rejects Wonen Eerst), then filled up in rank order;
the next `OTHER_ROWS` go to *Overig bewijs*; everything after that, and every neutral mention
that neither decides nor supports the level, is folded into one row per indicator that lists
the signals with their pages ("Opvang als antwoord op p. 2, 3, 5–7: 23×"), so a plan's sheet
stays short enough to finish (≤ 60 rows) while no page with evidence goes unmentioned.

Works on the run's table rows (evidence.csv / scores.csv as dicts), so the sheet written during
`omslag run` and the per-rater sheets of `omslag sheets` are built by the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from omslag.extract.models import page_list
from omslag.rules.rubric import Rubric
from omslag.rules.scoring import rule_needs
from omslag.sheets.tables import unmark_terms

DECISIVE_ROWS = 8  # per indicator in the Beslissend view: what fits one screen
OTHER_ROWS = 4  # per indicator shown one by one in Overig bewijs; the rest is folded
PER_SIGNAL_ROWS = 2  # of one signal in Beslissend while other signals wait for a place

(
    TIER_DECIDES,
    TIER_CAP,
    TIER_CONCRETE,
    TIER_COUNTER,
    TIER_SUPPORTS,
    TIER_SIGNAL,
    TIER_NEGATED,
    TIER_MENTION,
) = range(8)

_YEAR = re.compile(r"\b20\d\d\b")
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:%|procent|extra|plekken|woningen|woonplekken|bedden)?")
_OWN_VOICE = re.compile(r"\b(?:wij|we|ons|onze)\b", re.IGNORECASE)
_MONEY = re.compile(r"€|\beuro\b|\bbudget", re.IGNORECASE)


def _yes(value: object) -> bool:
    return str(value).strip().lower() in ("ja", "true", "1")


def _int(text: object) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


@dataclass
class SentenceGroup:
    """One sentence of a plan for one indicator, with every signal it shows."""

    indicator: str
    page: int
    start: int | None
    items: list[dict] = field(default_factory=list)  # evidence.csv rows
    tier: int = TIER_MENTION
    why: str = ""
    rank: int = 0
    part: str = "overig"  # beslissend | overig | gevouwen

    @property
    def evidence_ids(self) -> list[str]:
        return [item["evidence_id"] for item in self.items]

    @property
    def primary(self) -> dict:
        return self.items[0]

    @property
    def last_page(self) -> int:
        return max(_int(item.get("page_end", "")) or self.page for item in self.items)


@dataclass
class ScoreInfo:
    level: str
    deciding: set[str]
    cap: set[str]
    cap_level: str = ""
    # deciding items beyond what the rule needs (see `rule_needs`): they support the level
    supporting: set[str] = field(default_factory=set)
    # signal -> (items, pages) the deciding rule needs of it; None: unknown (every deciding item
    # is then shown as deciding)
    needs: dict[str, tuple[int, int]] | None = None


def score_info(row: dict, evidence_by_id: dict[str, dict], rubric: Rubric | None = None) -> ScoreInfo:
    """Deciding and cap evidence of a scores.csv row. Older runs have no `cap_evidence_ids`:
    then the counter-signals among `evidence_ids` of a capped score are the cap's items.
    With the rubric, also how many items of each signal the deciding rule needs."""
    ids = row.get("evidence_ids", "").split()
    cap_ids = set(row.get("cap_evidence_ids", "").split())
    capped = bool(row.get("capped_by", "").strip())
    if capped and not cap_ids:
        cap_ids = {i for i in ids if evidence_by_id.get(i, {}).get("polarity") == "counter"}
    deciding = set(ids) - cap_ids
    needs = None
    if rubric is not None and deciding:
        present = {evidence_by_id[i].get("signal", "") for i in deciding if i in evidence_by_id}
        needs = rule_needs(rubric, str(row.get("indicator", "")), str(row.get("rule_id", "")), present)
    return ScoreInfo(
        level=str(row.get("level", "")),
        deciding=deciding,
        cap=cap_ids,
        cap_level=str(row.get("level", "")) if capped else "",
        needs=needs,
    )


def _item_tier(item: dict, info: ScoreInfo | None) -> int:
    """How decisive one signal of a sentence is (the tiers of the module docstring)."""
    eid = item.get("evidence_id", "")
    polarity = item.get("polarity", "")
    if info and eid in info.deciding:
        return TIER_DECIDES
    if info and eid in info.cap:
        return TIER_CAP
    natural = _natural_tier(item, polarity)
    if info and eid in info.supporting and natural > TIER_COUNTER:
        return TIER_SUPPORTS
    return natural


def folds_as_mention(polarity: str) -> bool:
    """A signal that only names a service ("Opvang als antwoord", beschermd wonen: the rubric's
    neutral signals) is a mention: folded into one line per indicator unless it decides or caps
    the level. bench/devset.py counts the sheet's rows by the same rule."""
    return polarity == "neutral"


def _natural_tier(item: dict, polarity: str) -> int:
    """The tier of a signal that neither decides nor caps the level."""
    if folds_as_mention(polarity):
        return TIER_MENTION
    if _yes(item.get("negated")):
        if polarity == "counter":
            # mostly a practice the plan rejects ("de voorwaarde van een half jaar opvang is
            # vervallen"): it shows the plan's direction and the cap counts such rejections, so
            # it is as strong as the counter-signal itself; and where the negation is misread
            # ("mensen die nog niet woonfit zijn") the rater must see it all the more
            return TIER_COUNTER
        return TIER_NEGATED
    if polarity == "positive" and _yes(item.get("concrete")):
        return TIER_CONCRETE
    if polarity == "counter":
        return TIER_COUNTER
    if polarity == "positive":
        return TIER_SIGNAL
    return TIER_MENTION


def _strength(item: dict, info: ScoreInfo | None) -> tuple:
    """Sort key of one signal within a sentence: its tier, then concrete before words."""
    return (_item_tier(item, info), not _yes(item.get("concrete")), item.get("rule_id", ""))


def concrete_description(text: str) -> str:
    """'concrete actie met aantal en jaar' — what makes a sentence concrete, in words."""
    plain = unmark_terms(text)
    years = bool(_YEAR.search(plain))
    numbers = bool(_NUMBER.search(_YEAR.sub("", plain)))
    parts = [
        word for word, present in (("aantal", numbers), ("jaar", years), ("budget", _MONEY.search(plain))) if present
    ]
    if not parts:
        return "concrete actie"
    return "concrete actie met " + (" en ".join(parts) if len(parts) <= 2 else f"{parts[0]}, {parts[1]} en {parts[2]}")


def _describe(item: dict) -> str:
    label = item.get("signal_label", "") or item.get("signal", "")
    if _yes(item.get("concrete")) and item.get("polarity") == "positive":
        return f"{concrete_description(item.get('text', ''))} ({label})"
    if _yes(item.get("intent_only")):
        return f"{label}, alleen intentie"
    return label


def _classify(group: SentenceGroup, info: ScoreInfo | None) -> None:
    """The sentence's tier is that of its most decisive signal (its items are sorted so)."""
    top = group.primary
    label = top.get("signal_label", "") or top.get("signal", "")
    group.tier = _item_tier(top, info)
    level = info.level if info else ""
    cap_level = info.cap_level if info else ""
    group.why = {
        TIER_DECIDES: lambda: f"bepaalt niveau {level}: {_describe(top)}",
        TIER_CAP: lambda: f"begrenst op {cap_level}: tegenvoorbeeld ({label})",
        TIER_CONCRETE: lambda: f"concrete toezegging: {_describe(top)}",
        TIER_COUNTER: lambda: (
            f"tegensignaal, ontkend: {label}" if _yes(top.get("negated")) else f"tegensignaal: {label}"
        ),
        TIER_SUPPORTS: lambda: f"steunt niveau {level}: {_describe(top)}",
        TIER_SIGNAL: lambda: f"signaal: {_describe(top)}",
        TIER_NEGATED: lambda: f"ontkend: {label}",
        TIER_MENTION: lambda: "alleen vermelding",
    }[group.tier]()


def group_sentences(evidence_rows: list[dict], indicator: str) -> list[SentenceGroup]:
    """One group per sentence (page + start offset; the text when offsets are missing)."""
    groups: dict[tuple, SentenceGroup] = {}
    for row in evidence_rows:
        if row.get("indicator") != indicator or not row.get("evidence_id"):
            continue
        page = _int(row.get("page", "")) or 0
        start = _int(row.get("start", ""))
        key = (page, start) if start is not None else (page, row.get("text", ""))
        group = groups.get(key)
        if group is None:
            group = groups[key] = SentenceGroup(indicator=indicator, page=page, start=start)
        group.items.append(row)
    return list(groups.values())


def _order(groups: list[SentenceGroup], info: ScoreInfo | None) -> None:
    """Tier every sentence and sort: by tier; within a tier concrete before words, the present
    before the past, a dated commitment before an undated one (a year makes it checkable:
    "in 2025 verlaat geen enkele jongere de jeugdzorg zonder woonplek"), the plan's own voice
    ("wij kiezen", "wij realiseren") before descriptions, more signals first."""
    for group in groups:
        group.items.sort(key=lambda item: _strength(item, info))
        _classify(group, info)

    def key(g: SentenceGroup) -> tuple:
        concrete = any(_yes(i.get("concrete")) and not _yes(i.get("negated")) for i in g.items)
        text = str(g.primary.get("text", ""))
        return (
            g.tier,
            not concrete,
            _yes(g.primary.get("past")),
            not (concrete and _YEAR.search(text)),
            not _OWN_VOICE.search(text),
            -sum(1 for i in g.items if i.get("polarity") != "neutral"),
            _yes(g.primary.get("intent_only")),
            g.page,
            g.start or 0,
        )

    groups.sort(key=key)


def _key_items(groups: list[SentenceGroup], deciding: set[str], needs: dict[str, tuple[int, int]]) -> set[str]:
    """The deciding items that make the rule hold: per signal the best `items`, spread over at
    least `pages` pages. Best here: the present before the past, a statement before a statistic,
    the plan's own choice ("wij kiezen voor stabiliteit") before a description, then concrete
    and dated, then the sheet's order. Items of a signal the rule does not count stay."""
    candidates: dict[str, list[dict]] = {}
    for group in groups:
        for item in group.items:
            if item.get("evidence_id") in deciding:
                candidates.setdefault(item.get("signal", ""), []).append(item)

    def best(item: dict) -> tuple:
        text = str(item.get("text", ""))
        concrete = _yes(item.get("concrete"))
        return (
            _yes(item.get("past")),
            _yes(item.get("statistic")),
            not _OWN_VOICE.search(text),
            not concrete,
            not (concrete and _YEAR.search(text)),
            _yes(item.get("intent_only")),
        )

    key: set[str] = set()
    for signal, items in candidates.items():
        if signal not in needs:
            key.update(i["evidence_id"] for i in items)
            continue
        items = sorted(items, key=best)  # stable: the sheet's order breaks ties
        count, pages = needs[signal]
        picked: list[dict] = []
        for item in items:  # first the best item of each page, as far as the rule asks pages
            if len({i.get("page") for i in picked}) < pages and item.get("page") not in {i.get("page") for i in picked}:
                picked.append(item)
        for item in items:
            if len(picked) >= max(count, pages):
                break
            if item not in picked:
                picked.append(item)
        key.update(i["evidence_id"] for i in picked)
    return key


@dataclass
class RankedIndicator:
    indicator: str
    decisive: list[SentenceGroup]
    other: list[SentenceGroup]
    folded: list[SentenceGroup]

    def folded_text(self) -> str:
        """'Opvang als antwoord op p. 2, 3, 5–7: 23× · …' — the folded sentences per signal."""
        by_signal: dict[str, list[int]] = {}
        for group in self.folded:
            label = group.primary.get("signal_label", "") or group.primary.get("signal", "")
            by_signal.setdefault(label, []).extend(range(group.page, group.last_page + 1))
        parts = []
        for label, pages in sorted(by_signal.items(), key=lambda kv: -len(kv[1])):
            count = sum(
                1 for g in self.folded if (g.primary.get("signal_label", "") or g.primary.get("signal", "")) == label
            )
            parts.append(f"{label} op p. {page_list(pages).replace('-', '–')}: {count}×")
        return "Niet apart getoond: " + " · ".join(parts)

    @property
    def folded_pages(self) -> str:
        return page_list(p for g in self.folded for p in range(g.page, g.last_page + 1)).replace("-", "–")


def rank_indicator(
    evidence_rows: list[dict], indicator: str, info: ScoreInfo | None, *, decisive_rows: int = DECISIVE_ROWS
) -> RankedIndicator:
    groups = group_sentences(evidence_rows, indicator)
    _order(groups, info)
    if info is not None and info.needs is not None:
        # Only the items the rule needs decide (the best of them, in the order just made): the
        # 20 sentences that name the opvang, or the seven that say "preventie", must not fill
        # the Beslissend view before the concrete commitments and counter-signals. The other
        # deciding items support the level, after those (a concrete one stays a commitment).
        key = _key_items(groups, info.deciding, info.needs)
        info = replace(info, deciding=key, supporting=info.deciding - key)
        _order(groups, info)
    # Beslissend: the best rows, but no more than PER_SIGNAL_ROWS of one signal while other
    # signals wait: eight rows of "Opvang als antwoord" would hide the counter-signal that a
    # rater must see ("Wonen Eerst is niet haalbaar").
    strong = [g for g in groups if g.tier <= TIER_SUPPORTS]
    weak = [g for g in groups if TIER_SUPPORTS < g.tier < TIER_MENTION]
    decisive: list[SentenceGroup] = []
    per_signal: dict[str, int] = {}
    for group in strong:
        signal = group.primary.get("signal", "")
        if len(decisive) < decisive_rows and per_signal.get(signal, 0) < PER_SIGNAL_ROWS:
            decisive.append(group)
            per_signal[signal] = per_signal.get(signal, 0) + 1
    for group in strong + weak:  # room left: fill up in rank order
        if len(decisive) < decisive_rows and group not in decisive:
            decisive.append(group)
    decisive.sort(key=groups.index)
    chosen = {id(g) for g in decisive}
    other: list[SentenceGroup] = []
    folded: list[SentenceGroup] = []
    for group in groups:
        if id(group) in chosen:
            group.part = "beslissend"
        elif len(other) < OTHER_ROWS and group.tier < TIER_MENTION:
            group.part = "overig"
            other.append(group)
        else:
            group.part = "gevouwen"
            folded.append(group)
    for rank, group in enumerate(decisive + other + folded, start=1):
        group.rank = rank
    return RankedIndicator(indicator=indicator, decisive=decisive, other=other, folded=folded)


def signal_list(group: SentenceGroup) -> str:
    """The sentence's signals, strongest first: 'Meer woonplekken | Opvang als antwoord'."""
    labels = [item.get("signal_label", "") or item.get("signal", "") for item in group.items]
    return " | ".join(dict.fromkeys(label for label in labels if label))
