"""Stage: rules — the domain facts every later stage needs, read from the rubric in one place.

Sheets, the report, the consensus rule and the run summary must not carry their own copies of
the indicator ids, the prevention types, the participation ladder, the plan forms, the national
plan's date or the words/deeds line: an analyst changes those in rules/rubric.yaml, and the whole
pipeline follows. `Domain.from_rubric(rubric)` derives them; nothing here is a literal of the
rubric's vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from omslag.rules.rubric import Rubric


@dataclass(frozen=True)
class Term:
    id: str
    label: str


@dataclass(frozen=True)
class Domain:
    indicators: tuple[str, ...]  # in the rubric's order: sheets, tables and report follow it
    ordinal_indicators: tuple[str, ...]  # scored 1–5
    yes_no_indicators: tuple[str, ...]  # scored ja/nee
    indicator_names: dict[str, str]
    prevention_types: tuple[Term, ...]
    prevention_indicator: str | None  # the indicator whose signals carry a prevention type
    ladder_steps: tuple[Term, ...]  # lowest first
    ladder_indicator: str | None  # the indicator whose signals carry a ladder step
    concrete_from_level: int  # levels from here up are concrete actions
    national_plan_date: date
    outcome_indicators: tuple[Term, ...] = ()  # the seed report's outcome indicators, in its order
    prevention_note: str = ""  # what the kinds of prevention mean (report)
    plan_forms: tuple[Term, ...] = ()  # every form a document can get (id = documents.csv value), report order
    part_of_plan_form: str = ""  # the form of a few paragraphs in a broader plan
    unknown_form: str = ""  # the form of a document whose form was not recognised
    progress_report_forms: frozenset[str] = frozenset()  # forms that monitor from start to end
    nad_reference_signal: str | None = None  # the signal that refers to the national plan
    co_signing_signal: str | None = None  # the signal about the housing wethouder signing along
    signatory_indicator: str | None = None  # the indicator that signal belongs to: its report tells who signs
    action_line_count: int = 0  # how many action lines the national plan has (plan_metadata.action_lines)

    @classmethod
    def from_rubric(cls, rubric: Rubric) -> Domain:
        vocabulary = rubric.vocabulary
        outcomes = rubric.plan_metadata.outcome_indicators
        signatures = rubric.plan_metadata.signatures
        co_signing = signatures.co_signing_signal if signatures else None
        return cls(
            indicators=tuple(i.id for i in rubric.indicators),
            ordinal_indicators=tuple(i.id for i in rubric.indicators if i.kind == "ordinal"),
            yes_no_indicators=tuple(i.id for i in rubric.indicators if i.kind == "yes_no"),
            indicator_names={i.id: i.name for i in rubric.indicators},
            prevention_types=tuple(Term(t.id, t.label) for t in vocabulary.prevention_types),
            prevention_indicator=next(
                (i.id for i in rubric.indicators if any(s.prevention_type for s in i.signals)), None
            ),
            ladder_steps=tuple(Term(t.id, t.label) for t in vocabulary.ladder_steps),
            ladder_indicator=next((i.id for i in rubric.indicators if any(s.ladder_step for s in i.signals)), None),
            concrete_from_level=vocabulary.concrete_from_level,
            national_plan_date=date.fromisoformat(rubric.plan_metadata.national_plan_date),
            outcome_indicators=tuple(Term(o.id, o.label) for o in outcomes.indicators) if outcomes else (),
            prevention_note=vocabulary.prevention_note,
            plan_forms=tuple(Term(f.form, f.label) for f in rubric.plan_metadata.all_forms()),
            part_of_plan_form=rubric.plan_metadata.part_of_broader_plan.form,
            unknown_form=rubric.plan_metadata.unknown_form.form,
            progress_report_forms=frozenset(f.form for f in rubric.plan_metadata.forms if f.progress_report),
            nad_reference_signal=rubric.plan_metadata.nad_reference_signal,
            co_signing_signal=co_signing,
            signatory_indicator=next(
                (i.id for i in rubric.indicators if any(s.id == co_signing for s in i.signals)), None
            ),
            action_line_count=len(rubric.plan_metadata.action_lines),
        )

    @property
    def words_deeds_line(self) -> float:
        """Between the highest level of words and the lowest of deeds (3.5 for 3 | 4)."""
        return self.concrete_from_level - 0.5

    def indicator_order(self, indicator: str) -> int:
        """Sort key: the rubric's order, unknown indicators last."""
        return self.indicators.index(indicator) if indicator in self.indicators else len(self.indicators)

    def prevention_label(self, type_id: str) -> str:
        return next((t.label for t in self.prevention_types if t.id == type_id), type_id)

    def ladder_label(self, step_id: str) -> str:
        return next((t.label for t in self.ladder_steps if t.id == step_id), step_id)

    def plan_form_label(self, form: str) -> str:
        """The report's name of a form; a value the rubric does not know (an older run) as it is."""
        return next((t.label for t in self.plan_forms if t.id == form), form)
