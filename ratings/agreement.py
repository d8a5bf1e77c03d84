"""Stage: ratings — agreement between raters, per indicator across plans.

For the 1–5 indicators: % exact, % within one level, Cohen's κ with quadratic weights,
Krippendorff's α (ordinal metric) and Gwet's AC2 (Gwet's ordinal weights). For the ja/nee item
(belangenbehartiging): % exact, Cohen's κ and Gwet's AC1.

The coefficients come from maintained libraries, checked against published worked examples in
tests/unit/test_agreement.py: `krippendorff` (α; its ordinal metric uses the observed level
frequencies, as Krippendorff defines it) and `irrCAC` (Gwet's own R package ported: Cohen's /
Conger's κ and AC1/AC2 with Gwet's weight matrices).

Only plans with levels from at least two raters count. Cohen's κ is defined for two raters;
when the team has more (the seed report's team of 7 rotates pairs), κ is Conger's
generalisation, which equals Cohen's κ for two raters. α and AC2 need no fixed raters at all.
A coefficient that is undefined (e.g. every rating the same: no variation to agree on) is
left empty, never shown as 0 or 1.
"""

from __future__ import annotations

import math
import warnings
from itertools import combinations
from typing import Literal

import numpy as np
import pandas as pd

from omslag.ratings.models import AgreementRow, CurrentRating
from omslag.sheets.csvio import ExcelNumber

ORDINAL_CATEGORIES = [1, 2, 3, 4, 5]
YES_NO_CATEGORIES = [0, 1]  # nee = 0, ja = 1


def _finite(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _frame(units: list[list[float | None]]) -> pd.DataFrame:
    """units × raters, NaN for 'did not rate'."""
    width = max((len(u) for u in units), default=0)
    data = [[np.nan if v is None else float(v) for v in u] + [np.nan] * (width - len(u)) for u in units]
    return pd.DataFrame(data, columns=[f"r{i}" for i in range(width)])


def _irr_cac(units: list[list[float | None]], categories: list[int], weights: str, method: str) -> float | None:
    """One chance-corrected coefficient from irrCAC (`method` 'conger' or 'gwet'), None when
    it is undefined for these data (e.g. a single category used by everyone)."""
    from irrCAC.raw import CAC

    frame = _frame(units)
    if frame.empty or frame.shape[1] < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = getattr(CAC(frame, weights=weights, categories=categories, digits=10), method)()
        except (ZeroDivisionError, ValueError, FloatingPointError):
            return None
    return _finite(result["est"]["coefficient_value"])


def cohen_kappa(units: list[list[float | None]], categories: list[int], weights: str = "identity") -> float | None:
    """Cohen's κ (two raters) / Conger's κ (more), units as rows and raters as columns.
    `weights`: 'identity' (unweighted) or 'quadratic'."""
    return _irr_cac(units, categories, weights, "conger")


def gwet_ac(units: list[list[float | None]], categories: list[int], weights: str = "identity") -> float | None:
    """Gwet's AC1 (weights='identity') or AC2 (weights='ordinal', 'quadratic', …)."""
    return _irr_cac(units, categories, weights, "gwet")


def krippendorff_alpha(
    units: list[list[float | None]],
    categories: list[int],
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "ordinal",
) -> float | None:
    """Krippendorff's α; `units` as rows (the library wants raters × units)."""
    import krippendorff

    frame = _frame(units)
    if frame.empty:
        return None
    data = frame.to_numpy().T
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            value = krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=categories)
        except (ValueError, ZeroDivisionError):
            return None
    return _finite(value)


def pair_shares(units: list[list[float]]) -> tuple[float | None, float | None]:
    """(% of rater pairs agreeing exactly, % within one level), each plan weighing equally."""
    exact, within = [], []
    for levels in units:
        pairs = list(combinations(levels, 2))
        if not pairs:
            continue
        exact.append(sum(a == b for a, b in pairs) / len(pairs))
        within.append(sum(abs(a - b) <= 1 for a, b in pairs) / len(pairs))
    if not exact:
        return None, None
    return 100 * sum(exact) / len(exact), 100 * sum(within) / len(within)


def numeric_level(level: str, kind: str) -> float:
    if kind == "yes_no":
        return 1.0 if level == "ja" else 0.0
    return float(level)


def ratings_by_plan(ratings: list[CurrentRating], indicator: str) -> dict[str, dict[str, str]]:
    """plan_id → rater → level, for one indicator."""
    table: dict[str, dict[str, str]] = {}
    for rating in ratings:
        if rating.indicator == indicator:
            table.setdefault(rating.plan_id, {})[rating.rater] = rating.level
    return table


def indicator_agreement(indicator: str, kind: str, by_plan: dict[str, dict[str, str]]) -> AgreementRow:
    """Agreement for one indicator from plan → rater → level."""
    raters = sorted({rater for levels in by_plan.values() for rater in levels})
    rated_twice = {plan: levels for plan, levels in sorted(by_plan.items()) if len(levels) >= 2}
    # units × raters with gaps (rotating pairs) for κ/α/AC; and per-plan level lists for the %
    matrix = [
        [numeric_level(levels[r], kind) if r in levels else None for r in raters] for levels in rated_twice.values()
    ]
    lists = [[numeric_level(level, kind) for level in levels.values()] for levels in rated_twice.values()]
    pct_exact, pct_within = pair_shares(lists)
    empty = AgreementRow(
        indicator=indicator,
        n_plans=len(rated_twice),
        pct_exact=pct_exact,
        pct_within_1=None,
        kappa_quadratic=None,
        alpha_ordinal=None,
        gwet_ac2=None,
        kappa=None,
        gwet_ac1=None,
    )
    if not rated_twice:
        return empty
    if kind == "yes_no":
        return empty.model_copy(
            update={
                "kappa": cohen_kappa(matrix, YES_NO_CATEGORIES, "identity"),
                "gwet_ac1": gwet_ac(matrix, YES_NO_CATEGORIES, "identity"),
            }
        )
    return empty.model_copy(
        update={
            "pct_within_1": pct_within,
            "kappa_quadratic": cohen_kappa(matrix, ORDINAL_CATEGORIES, "quadratic"),
            "alpha_ordinal": krippendorff_alpha(matrix, ORDINAL_CATEGORIES, "ordinal"),
            "gwet_ac2": gwet_ac(matrix, ORDINAL_CATEGORIES, "ordinal"),
        }
    )


def agreement_table(ratings: list[CurrentRating], kinds: dict[str, str]) -> list[AgreementRow]:
    """One AgreementRow per indicator of the rubric, in rubric order."""
    return [
        indicator_agreement(indicator, kind, ratings_by_plan(ratings, indicator)) for indicator, kind in kinds.items()
    ]


AGREEMENT_COLUMNS = [
    "indicator",
    "n_plans",
    "pct_exact",
    "pct_within_1",
    "kappa_quadratic",
    "alpha_ordinal",
    "gwet_ac2",
    "kappa",
    "gwet_ac1",
]


def decimal_comma(value: float | None, decimals: int = 3) -> str:
    """0.8462 → '0,846' (Dutch Excel); None → ''. Trailing zeros dropped: 50.0 → '50'."""
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return ExcelNumber(text.replace(".", ","))


def agreement_csv_rows(rows: list[AgreementRow]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        data = row.model_dump()
        out.append(
            {
                column: (str(data[column]) if column in ("indicator", "n_plans") else decimal_comma(data[column]))
                for column in AGREEMENT_COLUMNS
            }
        )
    return out
