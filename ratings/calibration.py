"""Stage: ratings — how good were omslag's provisional scores, measured against the final ones?

calibration.csv (tidy, one value per row so an Excel pivot table shows it any way round):
per indicator `n_plans`, `pct_exact`, `pct_within_1`, `mae` (mean absolute error in levels),
`bias` (mean provisional − final: above 0 = omslag scores too high), `kappa_quadratic`
(`kappa` for ja/nee) and one `confusion` row per provisional × final level with the count.

missed_evidence.csv: evidence rows raters added that omslag did not propose. A rater's quote
counts as found when omslag has evidence on the same page, for the same indicator, sharing at
least `MATCH_THRESHOLD` of the words of the shorter of the two texts (overlap coefficient on
accent-free lower-case words); otherwise it is listed, with omslag's closest evidence on that
page so an analyst can see whether the rubric missed a term or a context rule was too strict.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from omslag.ratings.agreement import ORDINAL_CATEGORIES, YES_NO_CATEGORIES, cohen_kappa, numeric_level
from omslag.ratings.models import CalibrationRow, FinalScore, MissedEvidence
from omslag.ratings.run_folder import EvidenceRef
from omslag.sheets.tables import unmark_terms

MATCH_THRESHOLD = 0.6
CALIBRATION_COLUMNS = ["indicator", "measure", "provisional_level", "final_level", "value"]
MISSED_COLUMNS = [
    "plan_id",
    "indicator",
    "rater",
    "page",
    "quote",
    "comment",
    "best_evidence_id",
    "best_overlap",
    "note",
    "source_file",
]


def calibration_rows(
    provisional: dict[str, dict[str, str]],
    finals: list[FinalScore],
    kinds: dict[str, str],
) -> list[CalibrationRow]:
    rows: list[CalibrationRow] = []
    for indicator, kind in kinds.items():
        pairs = [
            (provisional[f.plan_id][indicator], f.level)
            for f in finals
            if f.indicator == indicator and provisional.get(f.plan_id, {}).get(indicator, "") != ""
        ]
        categories = ["nee", "ja"] if kind == "yes_no" else [str(c) for c in ORDINAL_CATEGORIES]
        pairs = [(p, f) for p, f in pairs if p in categories and f in categories]
        n = len(pairs)
        rows.append(CalibrationRow(indicator=indicator, measure="n_plans", value=n))
        numbers = [(numeric_level(p, kind), numeric_level(f, kind)) for p, f in pairs]
        exact = 100 * sum(p == f for p, f in numbers) / n if n else None
        rows.append(CalibrationRow(indicator=indicator, measure="pct_exact", value=exact))
        if kind == "yes_no":
            kappa = cohen_kappa([[p, f] for p, f in numbers], YES_NO_CATEGORIES, "identity") if n else None
            rows.append(CalibrationRow(indicator=indicator, measure="kappa", value=kappa))
        else:
            rows.append(
                CalibrationRow(
                    indicator=indicator,
                    measure="pct_within_1",
                    value=100 * sum(abs(p - f) <= 1 for p, f in numbers) / n if n else None,
                )
            )
            rows.append(
                CalibrationRow(
                    indicator=indicator, measure="mae", value=sum(abs(p - f) for p, f in numbers) / n if n else None
                )
            )
            rows.append(
                CalibrationRow(
                    indicator=indicator, measure="bias", value=sum(p - f for p, f in numbers) / n if n else None
                )
            )
            kappa = cohen_kappa([[p, f] for p, f in numbers], ORDINAL_CATEGORIES, "quadratic") if n else None
            rows.append(CalibrationRow(indicator=indicator, measure="kappa_quadratic", value=kappa))
        for p_level in categories:
            for f_level in categories:
                count = sum(1 for p, f in pairs if p == p_level and f == f_level)
                rows.append(
                    CalibrationRow(
                        indicator=indicator,
                        measure="confusion",
                        provisional_level=p_level,
                        final_level=f_level,
                        value=count,
                    )
                )
    return rows


def confusion_matrix(rows: list[CalibrationRow], indicator: str) -> tuple[list[str], dict[tuple[str, str], int]]:
    cells = {
        (r.provisional_level, r.final_level): int(r.value or 0)
        for r in rows
        if r.indicator == indicator and r.measure == "confusion"
    }
    levels = list(dict.fromkeys(p for p, _ in cells))
    return levels, cells


_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> set[str]:
    value = unicodedata.normalize("NFKD", unmark_terms(text))
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).lower()
    return set(_WORD.findall(value))


def overlap(a: str, b: str) -> float:
    """Overlap coefficient of the word sets: |A ∩ B| / min(|A|, |B|)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def missed_evidence(rater_rows: Iterable, evidence: dict[str, EvidenceRef]) -> list[MissedEvidence]:
    """Rater-added evidence (store rows) that omslag's evidence does not cover."""
    by_page: dict[tuple[str, int], list[EvidenceRef]] = {}
    for item in evidence.values():
        by_page.setdefault((item.plan_id, item.page), []).append(item)
    missed = []
    for row in rater_rows:
        candidates = by_page.get((row["plan_id"], row["page"]), [])
        scored = sorted(((overlap(row["quote"], c.text), c) for c in candidates), key=lambda pair: -pair[0])
        indicator = row["indicator"] or ""
        same = [(score, c) for score, c in scored if not indicator or c.indicator == indicator]
        if same and same[0][0] >= MATCH_THRESHOLD:
            continue  # omslag proposed it
        best_score, best = scored[0] if scored and scored[0][0] > 0 else (None, None)
        if best is not None and best_score is not None and best_score >= MATCH_THRESHOLD:
            note = f"omslag vond dit fragment wel, maar bij indicator {best.indicator}"
        elif candidates:
            note = "omslag had op deze pagina geen bewijs dat hierop lijkt"
        else:
            note = "omslag had op deze pagina geen bewijs"
        missed.append(
            MissedEvidence(
                plan_id=row["plan_id"],
                indicator=indicator,
                rater=row["rater"],
                page=row["page"],
                quote=row["quote"],
                comment=row["comment"],
                best_evidence_id=best.evidence_id if best is not None else "",
                best_overlap=round(best_score, 3) if best_score is not None else None,
                note=note,
                source_file=row["source_name"],
            )
        )
    return missed
