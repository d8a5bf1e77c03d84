"""Stage: ratings — the round trip's files in the run folder, computed from the store.

agreement.csv, final_scores.csv, calibration.csv, missed_evidence.csv and rule_feedback.csv
(columns in README), and the consensus sheet (consensus/consensus.xlsx + .csv, never
overwriting one the raters are filling in). All CSVs via sheets.csvio: UTF-8 with BOM, `;`,
atomic; decimals with a decimal comma.
"""

from __future__ import annotations

from pathlib import Path

from omslag.ratings.agreement import AGREEMENT_COLUMNS, agreement_csv_rows, agreement_table, decimal_comma
from omslag.ratings.calibration import CALIBRATION_COLUMNS, MISSED_COLUMNS, calibration_rows, missed_evidence
from omslag.ratings.consensus import FINAL_COLUMNS, final_scores, find_disputes
from omslag.ratings.models import AgreementRow, CalibrationRow, Dispute, FinalScore, MissedEvidence, RuleFeedback
from omslag.ratings.rule_feedback import RULE_FEEDBACK_COLUMNS, rule_feedback
from omslag.ratings.run_folder import RunContext
from omslag.ratings.store import RatingsStore
from omslag.sheets.csvio import DEFAULT_DELIMITER, csv_bytes, write_csv
from omslag.sheets.rater_sheet import SheetFile, SheetWrite, write_sheet_files
from omslag.sheets.xlsx import CONSENSUS_COLUMNS, consensus_workbook_bytes

CONSENSUS_FOLDER = "consensus"


def write_agreement(store: RatingsStore, context: RunContext, delimiter: str = DEFAULT_DELIMITER) -> list[AgreementRow]:
    rows = agreement_table(store.current_ratings(), context.indicator_kinds)
    write_csv(context.run_dir / "agreement.csv", AGREEMENT_COLUMNS, agreement_csv_rows(rows), delimiter=delimiter)
    return rows


def current_finals(store: RatingsStore, context: RunContext) -> tuple[list[FinalScore], list[Dispute]]:
    consensus = {key: (row["level"], row["note"]) for key, row in store.current_consensus().items()}
    return final_scores(
        store.current_ratings(), context.indicator_kinds, consensus, words_deeds_line=context.words_deeds_line
    )


def write_final_scores(
    store: RatingsStore, context: RunContext, delimiter: str = DEFAULT_DELIMITER
) -> tuple[list[FinalScore], list[Dispute]]:
    finals, pending = current_finals(store, context)
    write_csv(
        context.run_dir / "final_scores.csv", FINAL_COLUMNS, (f.model_dump() for f in finals), delimiter=delimiter
    )
    return finals, pending


def pending_disputes(store: RatingsStore, context: RunContext) -> list[Dispute]:
    decided = set(store.current_consensus())
    return [
        d
        for d in find_disputes(
            store.current_ratings(),
            context.indicator_kinds,
            context.provisional,
            words_deeds_line=context.words_deeds_line,
        )
        if (d.plan_id, d.indicator) not in decided
    ]


def write_consensus_sheet(
    store: RatingsStore, context: RunContext, delimiter: str = DEFAULT_DELIMITER
) -> tuple[list[Dispute], list[SheetWrite]]:
    """The consensus sheet of the disputes still open (nothing written when none are open)."""
    disputes = pending_disputes(store, context)
    if not disputes:
        return disputes, []
    rows = [
        {
            "plan_id": d.plan_id,
            "indicator": d.indicator,
            "beoordelingen": d.rater_levels,
            "reden": d.reason,
            "voorlopig_niveau": d.provisional_level,
            "opmerkingen_beoordelaars": d.comments,
        }
        for d in disputes
    ]
    stamp = "|".join(f"{d.plan_id}/{d.indicator}/{d.rater_levels}" for d in disputes)
    files = [
        SheetFile(
            "consensus.xlsx",
            consensus_workbook_bytes(
                rows,
                context.indicator_kinds,
                concrete_from_level=context.domain.concrete_from_level,
                run_name=context.run_dir.name,
            ),
            "",
            stamp,
        ),
        SheetFile("consensus.csv", csv_bytes(CONSENSUS_COLUMNS, rows, delimiter=delimiter), "", stamp),
    ]
    return disputes, write_sheet_files(context.run_dir / CONSENSUS_FOLDER, files)


def calibration_csv_rows(rows: list[CalibrationRow]) -> list[dict[str, str]]:
    return [
        {
            "indicator": r.indicator,
            "measure": r.measure,
            "provisional_level": r.provisional_level,
            "final_level": r.final_level,
            "value": decimal_comma(r.value),
        }
        for r in rows
    ]


def write_calibration(
    store: RatingsStore, context: RunContext, delimiter: str = DEFAULT_DELIMITER
) -> tuple[list[CalibrationRow], list[MissedEvidence], list[FinalScore]]:
    finals, _ = current_finals(store, context)
    rows = calibration_rows(context.provisional, finals, context.indicator_kinds)
    write_csv(context.run_dir / "calibration.csv", CALIBRATION_COLUMNS, calibration_csv_rows(rows), delimiter=delimiter)
    missed = missed_evidence(store.current_rater_evidence(), context.evidence)
    write_csv(
        context.run_dir / "missed_evidence.csv",
        MISSED_COLUMNS,
        ({**m.model_dump(), "best_overlap": decimal_comma(m.best_overlap)} for m in missed),
        delimiter=delimiter,
    )
    return rows, missed, finals


def write_rule_feedback(
    store: RatingsStore, context: RunContext, delimiter: str = DEFAULT_DELIMITER
) -> tuple[list[RuleFeedback], int]:
    """rule_feedback.csv, and how many judgements (rater × sheet row) it was tallied from."""
    judgements = store.current_judgements()
    rows = rule_feedback(judgements, context.evidence, context.sentences)
    write_csv(
        context.run_dir / "rule_feedback.csv",
        RULE_FEEDBACK_COLUMNS,
        ({**r.model_dump(), "share_nee": decimal_comma(r.share_nee)} for r in rows),
        delimiter=delimiter,
    )
    return rows, len(judgements)


def output_paths(run_dir: Path) -> dict[str, Path]:
    return {
        "agreement": run_dir / "agreement.csv",
        "final_scores": run_dir / "final_scores.csv",
        "calibration": run_dir / "calibration.csv",
        "missed_evidence": run_dir / "missed_evidence.csv",
        "rule_feedback": run_dir / "rule_feedback.csv",
        "consensus": run_dir / CONSENSUS_FOLDER / "consensus.xlsx",
    }
