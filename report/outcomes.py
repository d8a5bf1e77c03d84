"""Stage: report — what the seed report asks for next (issue 14): the plans' streefcijfers,
whether they monitor outcomes or only process, and when each plan expires.

Figures here are "voorlopig": found by omslag in the text (targets.csv, documents.csv) and
not checked by raters. Plans are the unit, as elsewhere in the report.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from omslag.report.models import PlanView, TargetLine, TargetRow, TargetsSection, TargetTable, TimelineEntry

if TYPE_CHECKING:
    from omslag.report.compute import _Builder

# The seed report's outcome indicators come from the rubric (plan_metadata.outcome_indicators,
# through rules.domain), in the order of its recommendation; "overig" holds budgets and other
# counted things.
OTHER_TARGETS = ("overig", "Overige streefcijfers (budget, opvangplekken, woningbouw)")
NOTE = "gevonden door omslag in de tekst, niet gecontroleerd"


def outcome_labels_of(builder: _Builder) -> dict[str, str]:
    """Outcome indicator id → Dutch label, as the run's rubric names them."""
    return {term.id: term.label for term in builder.domain.outcome_indicators}


def _share(builder: _Builder, id: str, label: str, n: int | None, total: int, missing: str) -> None:
    if n is None:
        builder.add(id, label, None, basis="voorlopig", display=f"niet bepaald ({missing})", basis_note=missing)
        return
    builder.add(
        id, label, n, numerator=n, denominator=total, display=f"{n} van de {total}", basis="voorlopig", basis_note=NOTE
    )


def targets_section(builder: _Builder, scored: list[PlanView]) -> TargetsSection | None:
    """The streefcijfers per outcome indicator (and 'overig') and which plans monitor which
    outcome indicator; None when the run has no targets.csv (the figures say 'niet bepaald')."""
    ids = {p.plan_id for p in scored}
    rows = [t for t in builder.run.targets if t.kind == "target" and t.plan_id in ids]
    outcome_labels = outcome_labels_of(builder)
    table_labels = {**outcome_labels, OTHER_TARGETS[0]: OTHER_TARGETS[1]}
    by_table: dict[str, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_table[row.indicator if row.indicator in outcome_labels else OTHER_TARGETS[0]].append(row)
    with_targets = {t.plan_id for t in rows}
    _target_figures(builder, len(scored), with_targets, by_table, table_labels)
    outcome, output_only = _outcome_figures(builder, scored, outcome_labels)
    if not builder.run.has_targets:
        return None
    return TargetsSection(
        tables=_target_tables(builder, scored, by_table, table_labels),
        plans_without=[p for p in scored if p.plan_id not in with_targets],
        outcome=outcome,
        output_only=output_only,
    )


def _target_figures(
    builder: _Builder,
    total: int,
    with_targets: set[str],
    by_table: dict[str, list[TargetRow]],
    table_labels: dict[str, str],
) -> None:
    present = builder.run.has_targets
    missing = "targets.csv ontbreekt in deze run"
    n = len(with_targets)
    _share(
        builder,
        "streefcijfers.plannen",
        "plannen met minstens één streefcijfer",
        n if present else None,
        total,
        missing,
    )
    _share(
        builder, "streefcijfers.zonder", "plannen zonder streefcijfer", total - n if present else None, total, missing
    )
    for key, label in table_labels.items():
        _share(
            builder,
            f"streefcijfers.{key}.plannen",
            f"plannen met een streefcijfer: {label}",
            len({r.plan_id for r in by_table[key]}) if present else None,
            total,
            missing,
        )


def _outcome_figures(
    builder: _Builder, scored: list[PlanView], outcome_labels: dict[str, str]
) -> tuple[dict[str, list[str]], list[str]]:
    """Plans per outcome indicator they monitor or target; plans that monitor only output."""
    columns = builder.run.metadata_columns
    outcome_present = "outcome_indicators" in columns
    missing = "kolom outcome_indicators ontbreekt in documents.csv"
    total = len(scored)
    outcome: dict[str, list[str]] = {}
    for key, label in outcome_labels.items():
        plans = [p.plan_id for p in scored if p.outcome_indicators and key in p.outcome_indicators]
        outcome[key] = plans
        _share(
            builder,
            f"uitkomst.{key}.plannen",
            f"plannen die monitoren of een streefcijfer stellen op: {label}",
            len(plans) if outcome_present else None,
            total,
            missing,
        )
    none = [p.plan_id for p in scored if not p.outcome_indicators]
    _share(
        builder,
        "uitkomst.geen",
        "plannen zonder enige uitkomstindicator",
        len(none) if outcome_present else None,
        total,
        missing,
    )
    output_only = [p.plan_id for p in scored if p.output_only == "ja"]
    _share(
        builder,
        "uitkomst.alleen_proces",
        "plannen die over monitoring of voortgang spreken, maar alleen over proces (output)",
        len(output_only) if "output_only" in columns else None,
        total,
        "kolom output_only ontbreekt in documents.csv",
    )
    return outcome, output_only


def _target_tables(
    builder: _Builder, scored: list[PlanView], by_table: dict[str, list[TargetRow]], table_labels: dict[str, str]
) -> list[TargetTable]:
    """One table per outcome indicator (and 'overig'): a line per streefcijfer, by region."""
    views = {p.plan_id: p for p in scored}
    tables = []
    for key, label in table_labels.items():
        lines = [
            TargetLine(
                plan_id=row.plan_id,
                region=views[row.plan_id].region or row.plan_id,
                target=row,
                pdf_link=builder.pdf_link(views[row.plan_id].file, row.page),
            )
            for row in sorted(by_table[key], key=lambda r: (views[r.plan_id].region, r.plan_id, r.page, r.unit))
        ]
        tables.append(TargetTable(indicator=key, label=label, plans=len({ln.plan_id for ln in lines}), lines=lines))
    return tables


def timeline(builder: _Builder, scored: list[PlanView]) -> tuple[list[TimelineEntry], list[PlanView]]:
    """Each region's plans with the years they cover, to set against the national plan."""
    nad_year = builder.domain.national_plan_date.year  # a plan ending in that year predates it
    present = "plan_period_end" in builder.run.metadata_columns
    known = [p for p in scored if p.period_start is not None and p.period_end is not None]
    _share(
        builder,
        "periode.bekend",
        "plannen waarvan de planperiode bekend is",
        len(known) if present else None,
        len(scored),
        "kolom plan_period_end ontbreekt in documents.csv",
    )
    ended = [p for p in known if p.period_end is not None and p.period_end <= nad_year]
    _share(
        builder,
        "periode.eindigt_voor_nad",
        f"plannen waarvan de periode eindigt vóór of in {nad_year} (het jaar van het NAD)",
        len(ended) if present else None,
        len(known),
        "kolom plan_period_end ontbreekt in documents.csv",
    )
    entries = [
        TimelineEntry(
            region=p.region or p.plan_id,
            plan_id=p.plan_id,
            start=p.period_start,
            end=p.period_end,
            form=p.plan_form,
            recency=p.recency,
        )
        for p in sorted(known, key=lambda p: (p.period_end, p.region, p.plan_id))
        if p.period_start is not None and p.period_end is not None
    ]
    return entries, [p for p in scored if p not in known]
