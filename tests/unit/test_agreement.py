"""Agreement coefficients against published worked examples and hand computations, and the
per-indicator table (which plans count, which columns are filled)."""

from __future__ import annotations

import pytest

from omslag.ratings.agreement import (
    agreement_csv_rows,
    cohen_kappa,
    decimal_comma,
    gwet_ac,
    indicator_agreement,
    krippendorff_alpha,
    pair_shares,
)

# Reliability data with 4 observers, 12 units and missing values (columns = units).
_KRIPPENDORFF_OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
KRIPPENDORFF_UNITS = [list(unit) for unit in zip(*_KRIPPENDORFF_OBSERVERS, strict=False)]


def test_krippendorff_alpha_published_example():
    """Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    Communication, University of Pennsylvania — the worked example with four observers, twelve
    units and missing data. The paper gives α = 0.743 (nominal), 0.815 (ordinal) and 0.849
    (interval)."""
    categories = [1, 2, 3, 4, 5]
    assert krippendorff_alpha(KRIPPENDORFF_UNITS, categories, "ordinal") == pytest.approx(0.815, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF_UNITS, categories, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(KRIPPENDORFF_UNITS, categories, "interval") == pytest.approx(0.849, abs=5e-4)


def test_gwet_ac1_published_example():
    """Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., pp. 55–56: the same
    four-rater data analysed as unordered categories gives AC1 = 0.7754 (pa = 0.8182)."""
    assert gwet_ac(KRIPPENDORFF_UNITS, [1, 2, 3, 4, 5], "identity") == pytest.approx(0.7754, abs=5e-5)


def test_quadratic_kappa_and_ac2_published_example():
    """Gwet (2014), Handbook 4th ed., Table 3.5 (p. 80) and Example 3.2 (p. 84): two raters,
    eleven subjects, three ordered categories A < B < C, two ratings missing. With quadratic
    weights: Cohen's κ = 0.7772 (pa = 0.9375, pe = 0.7194) and AC2 = 0.8261 (pe = 0.6405)."""
    rater1 = [1, 2, 3, 3, 2, 2, 1, 1, 2, 2, None]
    rater2 = [None, 3, 3, 3, 2, None, 1, 2, 2, 2, 3]
    units = [[a, b] for a, b in zip(rater1, rater2, strict=False)]
    assert cohen_kappa(units, [1, 2, 3], "quadratic") == pytest.approx(0.7772, abs=5e-5)
    assert gwet_ac(units, [1, 2, 3], "quadratic") == pytest.approx(0.8261, abs=5e-5)


def test_unweighted_kappa_published_example():
    """Gwet (2014), the 3×3 contingency table of two abstractors classifying 100 pregnancies
    (Ectopic / AIU / NIU: 13 0 0 / 0 20 7 / 0 4 56), shipped with Gwet's irrCAC R package as
    `cont3x3abstractors`, whose vignette reports Cohen's κ = 0.7964."""
    table = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]
    units = [[i + 1, j + 1] for i in range(3) for j in range(3) for _ in range(table[i][j])]
    assert cohen_kappa(units, [1, 2, 3], "identity") == pytest.approx(0.7964, abs=5e-5)


def test_ac2_ordinal_weights_hand_computed():
    """Gwet's AC2 with Gwet's ordinal weights, computed by hand from the formulas in Gwet (2014),
    ch. 3 (weights) and Gwet (2008), Brit. J. Math. Stat. Psych. 61, 29–48 (AC1/AC2).

    Ordinal weights on 5 levels: w = 1 − C(|k−l|+1, 2) / C(5, 2): 1, 0.9, 0.7, 0.4, 0 for a
    difference of 0..4 levels. Two raters, four plans: (1,1) (2,3) (4,4) (5,3).
    pa = mean w = (1 + 0.9 + 1 + 0.7) / 4 = 0.9.
    π = (2, 1, 2, 2, 1) / 8 for levels 1..5; Σ π(1−π) = 3·0.1875 + 2·0.109375 = 0.78125.
    Sum of all weights T = 5 + 8·0.9 + 6·0.7 + 4·0.4 = 18; pe = T / (q(q−1)) · Σ π(1−π)
    = 18/20 · 0.78125 = 0.703125.  AC2 = (0.9 − 0.703125) / (1 − 0.703125) = 0.66316."""
    assert gwet_ac([[1, 1], [2, 3], [4, 4], [5, 3]], [1, 2, 3, 4, 5], "ordinal") == pytest.approx(0.66316, abs=5e-6)


def test_yes_no_kappa_and_ac1_hand_computed():
    """50 plans, ja/ja 20, ja/nee 5, nee/ja 10, nee/nee 15 (computed by hand):
    pa = 0.7; κ: pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.2 / 0.5 = 0.4.
    AC1 (Gwet 2008): π_ja = (0.5 + 0.6)/2 = 0.55, pe = 2·0.55·0.45 = 0.495,
    AC1 = 0.205 / 0.505 = 0.40594."""
    units = [[1, 1]] * 20 + [[1, 0]] * 5 + [[0, 1]] * 10 + [[0, 0]] * 15
    assert cohen_kappa(units, [0, 1], "identity") == pytest.approx(0.4, abs=1e-9)
    assert gwet_ac(units, [0, 1], "identity") == pytest.approx(0.40594, abs=5e-6)


def test_quadratic_kappa_hand_computed():
    """Two raters, levels (1,2) (2,2) (3,4) (4,4) on a 1–5 scale; quadratic weights
    w = 1 − (k−l)²/16. po_w = (0.9375 + 1 + 0.9375 + 1)/4 = 0.96875. Marginals rater A:
    1,2,3,4 each 1/4; rater B: 2 (½), 4 (½). pe_w = Σ pA(k) pB(l) w(k,l) =
    ¼·½·[w(1,2)+w(1,4)+w(2,2)+w(2,4)+w(3,2)+w(3,4)+w(4,2)+w(4,4)]
    = ⅛·[0.9375+0.4375+1+0.75+0.9375+0.9375+0.75+1] = ⅛·6.75 = 0.84375.
    κ_w = (0.96875 − 0.84375)/(1 − 0.84375) = 0.8."""
    assert cohen_kappa([[1, 2], [2, 2], [3, 4], [4, 4]], [1, 2, 3, 4, 5], "quadratic") == pytest.approx(0.8, abs=1e-9)


def test_undefined_coefficients_are_empty_not_zero():
    same = [[3, 3], [3, 3], [3, 3]]
    assert cohen_kappa(same, [1, 2, 3, 4, 5], "quadratic") is None
    assert krippendorff_alpha(same, [1, 2, 3, 4, 5]) is None
    assert cohen_kappa([], [1, 2, 3, 4, 5]) is None


def test_pair_shares_counts_every_rater_pair():
    exact, within = pair_shares([[3, 3], [2, 4], [1, 2, 2]])
    # plan 1: 1/1 exact; plan 2: 0/1, not within 1; plan 3: pairs (1,2) (1,2) (2,2): 1/3 exact, 3/3 within
    assert exact == pytest.approx(100 * (1 + 0 + 1 / 3) / 3)
    assert within == pytest.approx(100 * (1 + 0 + 1) / 3)


def test_indicator_agreement_uses_plans_with_two_raters_only():
    by_plan = {
        "p1": {"anna": "3", "bram": "3"},
        "p2": {"anna": "2", "bram": "3"},
        "p3": {"anna": "5", "chris": "4"},  # rotating pair
        "p4": {"anna": "1"},  # single rater: not in agreement
        "p5": {"bram": "4", "chris": "2"},
    }
    row = indicator_agreement("wonen", "ordinal", by_plan)
    assert row.n_plans == 4
    assert row.pct_exact == pytest.approx(25.0)
    assert row.pct_within_1 == pytest.approx(75.0)
    assert row.kappa_quadratic is not None and row.alpha_ordinal is not None and row.gwet_ac2 is not None
    assert row.kappa is None and row.gwet_ac1 is None


def test_yes_no_indicator_fills_kappa_and_ac1_only():
    by_plan = {"p1": {"a": "ja", "b": "ja"}, "p2": {"a": "nee", "b": "ja"}, "p3": {"a": "nee", "b": "nee"}}
    row = indicator_agreement("belangenbehartiging", "yes_no", by_plan)
    assert row.n_plans == 3 and row.pct_exact == pytest.approx(200 / 3)
    assert row.pct_within_1 is None and row.kappa_quadratic is None and row.gwet_ac2 is None
    assert row.kappa is not None and row.gwet_ac1 is not None
    csv_row = agreement_csv_rows([row])[0]
    assert csv_row["pct_within_1"] == "" and csv_row["pct_exact"] == "66,667"


def test_decimal_comma():
    assert decimal_comma(0.84621) == "0,846"
    assert decimal_comma(-0.875) == "-0,875"
    assert decimal_comma(50.0) == "50"
    assert decimal_comma(None) == ""
