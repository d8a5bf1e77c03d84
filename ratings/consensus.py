"""Stage: ratings — from two raters' levels to one final level per plan × indicator.

The rule (README, "Van twee beoordelingen naar één eindscore"):

* **Consensus needed** when the raters differ by 2 or more levels, or straddle the line
  between words and deeds (one says 3 *ambitie in woorden* or lower, the other 4 *ambitie met
  concrete acties* or higher), or — for the ja/nee item — one says ja and the other nee. These
  pairs go into the consensus sheet; their final level is the consensus level once imported.
* **Agreed**: equal levels give that level. Levels one apart on the same side of the
  words/deeds line (1–2, 2–3, 4–5) give the **lower** level: the level both raters agree the
  plan at least reaches. This keeps the report conservative: omslag never claims more of a
  plan than both raters saw.
* **Single rater**: only one rater scored the plan × indicator; her level, marked as such.

A consensus decision, once imported, always wins (also over an agreed pair, should the raters
have decided to revisit one).
"""

from __future__ import annotations

from omslag.ratings.models import CurrentRating, Dispute, FinalScore


def rater_levels_text(levels: dict[str, str]) -> str:
    return " | ".join(f"{rater}={level}" for rater, level in sorted(levels.items()))


def dispute_reason(levels: list[str], kind: str, words_deeds_line: float) -> str | None:
    """Why these levels need a consensus discussion, or None when a rule settles them.

    `words_deeds_line` lies between the highest level of words and the lowest of deeds (the
    rubric's `vocabulary.concrete_from_level` − 0.5, see rules.domain)."""
    if len(levels) < 2:
        return None
    if kind == "yes_no":
        return "ja tegen nee" if len(set(levels)) > 1 else None
    numbers = [int(level) for level in levels]
    low, high = min(numbers), max(numbers)
    if high - low >= 2:
        return f"verschil van {high - low} niveaus"
    if low < words_deeds_line < high:
        return f"woorden of daden ({low} tegen {high})"
    return None


def agreed_level(levels: list[str], kind: str) -> tuple[str, str]:
    """(level, note) for levels no dispute rule catches."""
    if len(set(levels)) == 1:
        return levels[0], ""
    if kind == "yes_no":  # not reached: ja/nee disagreement is always a dispute
        raise ValueError("ja/nee disagreement needs consensus")
    low = min(int(level) for level in levels)
    return str(low), "1 niveau verschil: het lagere niveau (dat beide beoordelaars minstens zien)"


def group_ratings(ratings: list[CurrentRating]) -> dict[tuple[str, str], list[CurrentRating]]:
    grouped: dict[tuple[str, str], list[CurrentRating]] = {}
    for rating in ratings:
        grouped.setdefault((rating.plan_id, rating.indicator), []).append(rating)
    return grouped


def find_disputes(
    ratings: list[CurrentRating],
    kinds: dict[str, str],
    provisional: dict[str, dict[str, str]] | None = None,
    *,
    words_deeds_line: float,
) -> list[Dispute]:
    provisional = provisional or {}
    order = {name: i for i, name in enumerate(kinds)}
    disputes = []
    for (plan_id, indicator), group in sorted(
        group_ratings(ratings).items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99))
    ):
        levels = {r.rater: r.level for r in group}
        reason = dispute_reason(list(levels.values()), kinds.get(indicator, "ordinal"), words_deeds_line)
        if reason is None:
            continue
        comments = " | ".join(f"{r.rater}: {r.comment}" for r in sorted(group, key=lambda r: r.rater) if r.comment)
        disputes.append(
            Dispute(
                plan_id=plan_id,
                indicator=indicator,
                rater_levels=rater_levels_text(levels),
                reason=reason,
                provisional_level=provisional.get(plan_id, {}).get(indicator, ""),
                comments=comments,
            )
        )
    return disputes


def final_scores(
    ratings: list[CurrentRating],
    kinds: dict[str, str],
    consensus: dict[tuple[str, str], tuple[str, str]],
    *,
    words_deeds_line: float,
) -> tuple[list[FinalScore], list[Dispute]]:
    """(final scores, disputes still waiting for a consensus level).

    `consensus`: plan × indicator → (level, note) of the newest imported consensus decision."""
    order = {name: i for i, name in enumerate(kinds)}
    finals: list[FinalScore] = []
    pending: list[Dispute] = []
    grouped = group_ratings(ratings)
    keys = sorted(set(grouped) | set(consensus), key=lambda k: (k[0], order.get(k[1], 99)))
    for plan_id, indicator in keys:
        group = grouped.get((plan_id, indicator), [])
        stale_note = "let op: beoordeeld op een verouderd blad" if any(r.stale for r in group) else ""
        outcome = _decide(
            plan_id,
            indicator,
            {r.rater: r.level for r in group},
            kinds.get(indicator, "ordinal"),
            consensus.get((plan_id, indicator)),
            stale_note,
            words_deeds_line,
        )
        if isinstance(outcome, Dispute):
            pending.append(outcome)
        else:
            finals.append(outcome)
    return finals, pending


def _decide(
    plan_id: str,
    indicator: str,
    levels: dict[str, str],
    kind: str,
    decided: tuple[str, str] | None,
    stale_note: str,
    words_deeds_line: float,
) -> FinalScore | Dispute:
    """The final level of one plan × indicator: the consensus decision if there is one, else
    the one rater's level, else the raters' agreed level, unless they disagree too much."""
    rater_levels = rater_levels_text(levels)
    if decided is not None:
        level, note = decided
        basis = "consensus"
    elif len(levels) == 1:
        (level,) = levels.values()
        note, basis = "", "single_rater"
    else:
        reason = dispute_reason(list(levels.values()), kind, words_deeds_line)
        if reason is not None:
            return Dispute(plan_id=plan_id, indicator=indicator, rater_levels=rater_levels, reason=reason)
        level, note = agreed_level(list(levels.values()), kind)
        basis = "agreed"
    return FinalScore(
        plan_id=plan_id,
        indicator=indicator,
        level=level,
        basis=basis,
        rater_levels=rater_levels,
        note="; ".join(n for n in (note, stale_note) if n),
    )


FINAL_COLUMNS = ["plan_id", "indicator", "level", "basis", "rater_levels", "note"]
