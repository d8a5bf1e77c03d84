"""Stage: report — the findings, computed from a loaded run and the regions file.

Every number the reader sees is built here as a `Figure` with the basis it rests on:
  definitief  all plan × indicator levels behind it are final (raters, final_scores.csv);
  voorlopig   they are all the tool's provisional levels, or the number counts text signals or
              plan features omslag found itself (nobody has checked those);
  gemengd     partly final, partly provisional (the note says how many of each);
  inventaris  a plain count of files or regions, not a judgement.
Plans are the unit of the score figures ("bij 10 van de 36 plannen"), regions the unit of
coverage ("N van de 44 regio's"). The level used per plan × indicator is the final one when the
raters have decided it, else the provisional one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import quote

from omslag.report.load import region_key
from omslag.report.models import (
    Basis,
    CounterSignal,
    DocumentRow,
    EvidenceRow,
    ExtractionProblem,
    Figure,
    IndicatorSection,
    PlanView,
    Quote,
    RegionEntry,
    RegionLine,
    ReportData,
    RunData,
)
from omslag.report.outcomes import outcome_labels_of, targets_section, timeline
from omslag.report.regions import RegionMatcher
from omslag.rules.domain import Domain
from omslag.rules.rubric import Rubric

GROUPS = ("nieuw", "oud", "onbekend")
GROUP_LABELS = {"nieuw": "nieuwe plannen", "oud": "oude plannen", "onbekend": "plannen met onbekende datum"}
STATUS_NL = {
    "SUCCESS": "gelezen",
    "PARTIAL": "deels gelezen",
    "OCR": "gelezen met OCR (tekst uit de afbeelding)",
    "NEEDS_OCR": "gescand zonder tekstlaag: niet gelezen",
    "GARBLED": "onleesbare tekstlaag: niet gelezen",
    "RESOURCE_LIMIT": "te zwaar of vastgelopen: niet gelezen",
    "EMPTY": "leeg: niet gelezen",
    "NOT_PDF": "geen PDF: niet gelezen",
    "TRUNCATED": "beschadigd of afgebroken: niet gelezen",
    "PASSWORD_REQUIRED": "met wachtwoord beveiligd: niet gelezen",
    "UNSUPPORTED": "niet te lezen PDF",
    "ERROR": "fout bij het lezen",
}
COVERAGE_ORDER = ("nieuw", "oud", "datum onbekend", "onleesbaar", "geen plan")
MAX_QUOTES = 5
MAX_COUNTER_QUOTES = 3
_FEATURE_NOTE = "plankenmerk bepaald door omslag uit de tekst, niet gecontroleerd"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def percent(numerator: int, denominator: int) -> int | None:
    """Whole percent, half rounded up (27,5% → 28%), as a reader would round by hand."""
    if not denominator:
        return None
    return int((Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def recency_of(date: str | None, national_plan: dt.date) -> str:
    """nieuw (in or after the month of the national plan), oud, or onbekend."""
    if not date:
        return "onbekend"
    match = _DATE.fullmatch(date)
    if not match:
        return "onbekend"
    year, month = match.group(1), match.group(2)
    if month is None:
        # a bare year: the national plan's year may be before or after it
        if int(year) == national_plan.year:
            return "onbekend"
        return "nieuw" if int(year) > national_plan.year else "oud"
    return "nieuw" if (int(year), int(month)) >= (national_plan.year, national_plan.month) else "oud"


def _valid_date(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value and _DATE.fullmatch(value) else None


def plan_date(document: DocumentRow, national_plan: dt.date) -> tuple[str | None, str, str]:
    """(date, where it comes from, recency). The plan's own date (issue 3, found in the text)
    wins over the manifest's; predates_nad, where it says ja/nee, decides nieuw/oud."""
    from_text = _valid_date(document.plan_date)
    from_manifest = _valid_date(document.date)
    if from_text:
        date, source = from_text, "uit de plantekst"
    elif from_manifest:
        date, source = from_manifest, "uit het manifest"
    else:
        date, source = None, "niet bepaald"
    verdict = (document.predates_nad or "").strip().lower()
    recency = ("oud" if verdict == "ja" else "nieuw") if verdict in ("ja", "nee") else recency_of(date, national_plan)
    return date, source, recency


def _level_sort(level) -> int:
    if level == "ja":
        return 1
    if level == "nee":
        return 0
    return int(level) if level is not None else -1


class _Builder:
    def __init__(
        self,
        run: RunData,
        regions: list[RegionEntry] | None,
        regions_file: str | None,
        out_dir: Path,
        rubric: Rubric,
    ):
        self.run = run
        self.regions = regions
        self.regions_file = regions_file
        self.out_dir = out_dir
        self.figures: dict[str, Figure] = {}
        self.rubric = rubric
        self.domain = Domain.from_rubric(rubric)
        self.indicator_names = {i.id: i.name for i in rubric.indicators}
        self.level_names = {i.id: {str(k): v.name for k, v in i.levels.items()} for i in rubric.indicators}
        self.evidence_by_plan: dict[str, list[EvidenceRow]] = defaultdict(list)
        for item in run.evidence:
            self.evidence_by_plan[item.plan_id].append(item)
        self.deciding = {(s.plan_id, s.indicator): list(s.evidence_ids) for s in run.scores}

    # -- figures -----------------------------------------------------------------------------

    def add(
        self,
        id: str,
        label: str,
        value,
        *,
        basis: Basis,
        display: str | None = None,
        numerator: int | None = None,
        denominator: int | None = None,
        basis_note: str = "",
    ) -> Figure:
        if display is None:
            display = "niet bepaald" if value is None else str(value)
        figure = Figure(
            id=id,
            label=label,
            value=value,
            display=display,
            numerator=numerator,
            denominator=denominator,
            basis=basis,
            basis_note=basis_note,
        )
        if id in self.figures:
            raise ValueError(f"figure id used twice: {id}")
        self.figures[id] = figure
        return figure

    @staticmethod
    def basis_of(plans: list[PlanView], indicator: str) -> tuple[Basis, str]:
        finals = sum(1 for p in plans if p.final.get(indicator))
        if plans and finals == len(plans):
            return "definitief", f"alle {len(plans)} niveaus door beoordelaars vastgesteld"
        if finals == 0:
            return "voorlopig", "voorlopige niveaus van omslag; nog niet door beoordelaars vastgesteld"
        return "gemengd", f"{finals} van {len(plans)} niveaus definitief, de rest voorlopig"

    def count_share(self, id: str, label: str, plans: list[PlanView], indicator: str, predicate) -> None:
        """A count 'N van de M plannen' and its percentage, both with the basis of those plans."""
        scored = [p for p in plans if p.levels.get(indicator) is not None]
        hits = sum(1 for p in scored if predicate(p.levels[indicator]))
        basis, note = self.basis_of(scored, indicator)
        self.add(
            id,
            label,
            hits,
            display=f"{hits} van de {len(scored)}",
            numerator=hits,
            denominator=len(scored),
            basis=basis,
            basis_note=note,
        )
        pct = percent(hits, len(scored))
        self.add(
            f"{id}_pct",
            f"{label} (aandeel)",
            pct,
            display="–" if pct is None else f"{pct}%",
            numerator=hits,
            denominator=len(scored),
            basis=basis,
            basis_note=note,
        )

    # -- plans and regions -------------------------------------------------------------------

    def plan_views(self) -> list[PlanView]:
        final = {(f.plan_id, f.indicator): f.level for f in self.run.final_scores}
        provisional = {(s.plan_id, s.indicator): s.level for s in self.run.scores}
        matcher = RegionMatcher(self.regions) if self.regions is not None else None
        views = []
        for document in self.run.documents:
            matched, note = (
                matcher.match(document.region, document.centrumgemeente)
                if matcher is not None and (document.region or document.centrumgemeente)
                else (None, "")
            )
            date, source, recency = plan_date(document, self.domain.national_plan_date)
            levels, is_final = {}, {}
            for indicator in self.domain.indicators:
                key = (document.plan_id, indicator)
                is_final[indicator] = key in final
                levels[indicator] = final.get(key, provisional.get(key))
            form = document.plan_form
            views.append(
                PlanView(
                    plan_id=document.plan_id,
                    file=document.file,
                    region=document.region,
                    region_key=matched,
                    region_note=note,
                    status=document.status,
                    usable=document.usable,
                    pages=document.pages,
                    date=date,
                    date_source=source,
                    recency=recency,
                    plan_form="niet bepaald"
                    if form is None
                    else self.domain.plan_form_label(form.strip().lower() or self.domain.unknown_form),
                    doc_type=document.doc_type,
                    levels=levels,
                    final=is_final,
                    wethouder_wonen=_ja_nee(document.wethouder_wonen),
                    nad_reference=_ja_nee(document.nad_reference),
                    nad_action_lines=document.nad_action_lines,
                    period_start=document.plan_period_start,
                    period_end=document.plan_period_end,
                    outcome_indicators=None
                    if document.outcome_indicators is None
                    else [x.strip() for x in document.outcome_indicators.split("|") if x.strip()],
                    output_only=_ja_nee(document.output_only),
                    relevance=document.relevance,
                    relevance_reason=document.relevance_reason,
                    scored_pages=document.scored_pages,
                )
            )
        return views

    def coverage(self, plans: list[PlanView]) -> tuple[list[RegionLine], list[PlanView], list[str]]:
        """One line per region (with each of its plans), the plans matched to no region, and the
        regions without a plan; the coverage figures."""
        if self.regions is None:
            self.add(
                "regio.totaal",
                "regio's in het regiobestand",
                None,
                basis="inventaris",
                display="niet bepaald (geen regiobestand)",
            )
            lines = [
                RegionLine(
                    region=plan.region or "(geen regio)",
                    centrumgemeente="",
                    coverage=region_coverage([plan]),
                    plan=plan,
                )
                for plan in sorted(plans, key=lambda p: (p.region, p.plan_id))
            ]
            return lines, [], []
        unmatched = [p for p in plans if p.region_key is None]
        lines, counts, without = self.region_lines(self.regions, plans)
        lines += [
            RegionLine(
                region=plan.region or "(geen regio in documents.csv)",
                centrumgemeente="",
                coverage="niet in regiobestand",
                plan=plan,
            )
            for plan in unmatched
        ]
        self.coverage_figures(self.regions, counts, unmatched)
        return lines, unmatched, without

    @staticmethod
    def region_lines(
        regions: list[RegionEntry], plans: list[PlanView]
    ) -> tuple[list[RegionLine], Counter[str], list[str]]:
        """The regions file's regions in order, each with its plans (newest first) or alone;
        how many regions have each coverage; the regions without a plan."""
        by_region: dict[str, list[PlanView]] = defaultdict(list)
        for plan in plans:
            if plan.region_key is not None:
                by_region[plan.region_key].append(plan)
        lines: list[RegionLine] = []
        counts: Counter[str] = Counter()
        without: list[str] = []
        for entry in sorted(regions, key=lambda e: region_key(e.region)):
            mine = sorted(by_region.get(entry.region, []), key=lambda p: (p.date or "", p.plan_id), reverse=True)
            status = region_coverage(mine)
            counts[status] += 1
            marks = {"uncertain": entry.uncertain, "note": entry.note if entry.uncertain else ""}
            if not mine:
                without.append(entry.region)
            shown: list[PlanView | None] = [*mine] or [None]  # a region without a plan: one line
            for one in shown:
                lines.append(
                    RegionLine(
                        region=entry.region, centrumgemeente=entry.centrumgemeente, coverage=status, plan=one, **marks
                    )
                )
        return lines, counts, without

    def coverage_figures(self, regions: list[RegionEntry], counts: Counter[str], unmatched: list[PlanView]) -> None:
        total = len(regions)
        self.add("regio.totaal", "regio's in het regiobestand", total, basis="inventaris")
        uncertain = sum(1 for entry in regions if entry.uncertain)
        self.region_share(
            "regio.onzeker",
            "regio's waarvan het regiobestand de indeling of centrumgemeente onzeker noemt (medium/low)",
            uncertain,
            total,
        )
        labels = {
            "nieuw": "regio's met een nieuw plan (na het NAD)",
            "oud": "regio's met alleen een oud plan (van vóór het NAD)",
            "datum onbekend": "regio's met een plan waarvan de datum niet bepaald is",
            "onleesbaar": "regio's waarvan het gevonden plan niet te lezen was",
            "geen plan": "regio's zonder gevonden plan",
        }
        for status in COVERAGE_ORDER:
            self.region_share(f"regio.{status.replace(' ', '_')}", labels[status], counts.get(status, 0), total)
        found = total - counts.get("geen plan", 0)
        self.region_share("regio.met_plan", "regio's met een gevonden plan (leesbaar of niet)", found, total)
        scored = counts.get("nieuw", 0) + counts.get("oud", 0) + counts.get("datum onbekend", 0)
        self.region_share("regio.gescoord", "regio's met een gelezen en gescoord plan", scored, total)
        self.add(
            "plan.zonder_regio",
            "plannen die niet aan een regio uit het regiobestand gekoppeld zijn",
            len(unmatched),
            basis="inventaris",
        )

    def region_share(self, id: str, label: str, n: int, total: int) -> None:
        """A count of regions as "n van de total"."""
        self.add(id, label, n, numerator=n, denominator=total, display=f"{n} van de {total}", basis="inventaris")

    # -- examples ----------------------------------------------------------------------------

    def quote(self, item: EvidenceRow, plan: PlanView) -> Quote:
        return Quote(
            evidence_id=item.evidence_id,
            plan_id=item.plan_id,
            region=plan.region or plan.plan_id,
            page=item.page,
            text=item.text,
            context=item.context,
            signal_label=item.signal_label or item.signal,
            rule_id=item.rule_id,
            polarity=item.polarity,
            concrete=item.concrete,
            level=plan.levels.get(item.indicator),
            level_final=plan.final.get(item.indicator, False),
            pdf_link=self.pdf_link(plan.file, item.page),
        )

    def pdf_link(self, file: str, page: int) -> str | None:
        corpus = self.run.run.corpus
        if not corpus:
            return None
        path = Path(corpus) / file
        if not path.is_file():
            return None
        relative = os.path.relpath(path.resolve(), self.out_dir.resolve())
        return quote(relative.replace(os.sep, "/")) + f"#page={page}"

    def best_quotes(self, indicator: str, plans: dict[str, PlanView]) -> list[Quote]:
        """The strongest positive evidence: from plans with the highest level on this indicator,
        concrete before words, the evidence that decided the level first; one quote per plan."""
        candidates = [
            e
            for e in self.run.evidence
            if e.indicator == indicator and e.polarity == "positive" and not e.negated and e.plan_id in plans
        ]

        def strength(item: EvidenceRow):
            plan = plans[item.plan_id]
            words = len(item.text.split())
            deciding = self.deciding.get((item.plan_id, indicator), [])
            return (
                -_level_sort(plan.levels.get(indicator)),
                not (8 <= words <= 80),  # table-of-contents lines and whole tables quote badly
                # the evidence the level rule named first is what made the level: the best example
                deciding.index(item.evidence_id) if item.evidence_id in deciding else len(deciding),
                not item.concrete,
                item.intent_only,
                item.pilot,
                item.evidence_id,
            )

        chosen: list[Quote] = []
        used_plans: set[str] = set()
        for item in sorted(candidates, key=strength):
            if item.plan_id in used_plans:
                continue
            used_plans.add(item.plan_id)
            chosen.append(self.quote(item, plans[item.plan_id]))
            if len(chosen) == MAX_QUOTES:
                break
        return chosen

    def counter_signals(self, indicator: str, plans: dict[str, PlanView]) -> list[CounterSignal]:
        by_signal: dict[str, list[EvidenceRow]] = defaultdict(list)
        for item in self.run.evidence:
            if (
                item.indicator == indicator
                and item.polarity == "counter"
                and not item.negated
                and item.plan_id in plans
            ):
                by_signal[item.signal].append(item)
        out = []
        for signal, items in by_signal.items():
            plan_ids = {i.plan_id for i in items}
            picked: list[Quote] = []
            seen: set[str] = set()
            # a counter-signal says most in a plan that scores low on the indicator: those first
            ranked = sorted(
                items,
                key=lambda i: (
                    _level_sort(plans[i.plan_id].levels.get(indicator)),
                    not (8 <= len(i.text.split()) <= 80),
                    not i.concrete,
                    i.evidence_id,
                ),
            )
            for item in ranked:
                if item.plan_id in seen:
                    continue
                seen.add(item.plan_id)
                picked.append(self.quote(item, plans[item.plan_id]))
                if len(picked) == MAX_COUNTER_QUOTES:
                    break
            label = items[0].signal_label or signal
            out.append(CounterSignal(signal=signal, label=label, plans=len(plan_ids), quotes=picked))
            self.add(
                f"tegensignaal.{indicator}.{signal}",
                f"plannen met het tegensignaal '{label}'",
                len(plan_ids),
                basis="voorlopig",
                basis_note="tekstsignaal gevonden door omslag, niet beoordeeld",
            )
        out.sort(key=lambda c: (-c.plans, c.signal))
        return out

    # -- everything --------------------------------------------------------------------------

    def build(self, generated: str) -> ReportData:
        documents = self.plan_views()
        # documents that are not plans (rules.relevance) are listed apart, never counted as plans
        plans = [p for p in documents if p.relevance != "geen_plan"]
        non_plans = [p for p in documents if p.relevance == "geen_plan"]
        lines, unmatched, without = self.coverage(plans)
        scored = [p for p in plans if any(level is not None for level in p.levels.values())]
        by_group = {g: [p for p in scored if p.recency == g] for g in GROUPS}
        groups = [g for g in GROUPS if g != "onbekend" or by_group["onbekend"]]
        self.inventory_figures(documents, plans, non_plans, scored, by_group)
        final_count, provisional_count = self.level_counts(scored)
        for indicator in self.domain.ordinal_indicators:
            self.ordinal_figures(indicator, scored, by_group, groups)
        for indicator in self.domain.yes_no_indicators:
            self.advocacy_figures(indicator, scored, by_group, groups)
        self.signal_figures(scored)
        self.metadata_figures(scored, by_group)
        self.agreement_figures()
        targets = targets_section(self, scored)
        periods, without_period = timeline(self, scored)

        best, counters, cited = self.quotes(scored)
        problems = extraction_problems(self.run.documents)
        self.add(
            "extractie.problemen",
            "documenten met leesproblemen (niet of deels gelezen, of met waarschuwingen)",
            len(problems),
            basis="inventaris",
        )
        self.add(
            "extractie.onvolledig",
            "documenten die niet of niet helemaal gelezen zijn",
            sum(1 for problem in problems if not problem.complete),
            basis="inventaris",
        )
        self.add(
            "extractie.waarschuwingen",
            "documenten die helemaal gelezen zijn, met waarschuwingen (zoals OCR)",
            sum(1 for problem in problems if problem.complete),
            basis="inventaris",
        )
        return ReportData(
            domain=self.domain,
            title="Regionale plannen dakloosheid: de omslag van opvang naar preventie en wonen",
            generated=generated,
            run_dir=self.run.run_dir,
            run=self.run.run,
            regions_file=self.regions_file,
            regions_total=len(self.regions) if self.regions is not None else None,
            all_provisional=final_count == 0,
            final_count=final_count,
            provisional_count=provisional_count,
            figures=self.figures,
            charts={},
            plans=plans,
            non_plans=non_plans,
            region_lines=lines,
            unmatched_plans=unmatched,
            regions_without_plan=without,
            best_quotes=best,
            counter_signals=counters,
            cited=sorted(cited.values(), key=lambda q: (q.region, q.plan_id, q.page, q.evidence_id)),
            agreement=self.run.agreement,
            extraction_problems=problems,
            metadata_columns=self.run.metadata_columns,
            problems=self.run.problems,
            indicator_names=self.indicator_names,
            sections=self.sections(),
            indicator_texts={i.id: i.report for i in self.rubric.indicators},
            level_names=self.level_names,
            targets=targets,
            timeline=periods,
            without_period=without_period,
            outcome_labels=outcome_labels_of(self),
        )

    def quotes(
        self, scored: list[PlanView]
    ) -> tuple[dict[str, list[Quote]], dict[str, list[CounterSignal]], dict[str, Quote]]:
        """Per indicator the strongest examples and the counter-signals; every quote by id."""
        plan_index = {p.plan_id: p for p in scored}
        best = {i: self.best_quotes(i, plan_index) for i in self.domain.indicators}
        counters = {i: self.counter_signals(i, plan_index) for i in self.domain.indicators}
        cited: dict[str, Quote] = {}
        quoted = [q for quotes in best.values() for q in quotes]
        quoted += [q for signals in counters.values() for signal in signals for q in signal.quotes]
        for q in quoted:
            cited.setdefault(q.evidence_id, q)
        return best, counters, cited

    def inventory_figures(
        self,
        documents: list[PlanView],
        plans: list[PlanView],
        non_plans: list[PlanView],
        scored: list[PlanView],
        by_group: dict[str, list[PlanView]],
    ) -> None:
        """Plain counts of documents and plans (no judgement)."""
        self.add("plan.totaal", "documenten in de run", len(documents), basis="inventaris")
        self.add("plan.geen_plan", "documenten niet als plan beoordeeld", len(non_plans), basis="inventaris")
        self.add("plan.gescoord", "gelezen en gescoorde plannen", len(scored), basis="inventaris")
        for group in GROUPS:
            self.add(f"plan.{group}", f"gescoorde {GROUP_LABELS[group]}", len(by_group[group]), basis="inventaris")
        self.add(
            "plan.niet_gelezen",
            "documenten die niet gelezen konden worden",
            sum(1 for p in plans if not p.usable),
            basis="inventaris",
        )
        self.add(
            "plan.deels_gelezen",
            "documenten die maar deels gelezen konden worden",
            sum(1 for p in plans if p.status == "PARTIAL"),
            basis="inventaris",
        )

    def level_counts(self, scored: list[PlanView]) -> tuple[int, int]:
        """How many plan × indicator levels are final (raters) and how many provisional."""
        levels = [(p, i) for p in scored for i in self.domain.indicators if p.levels[i] is not None]
        final_count = sum(1 for p, i in levels if p.final[i])
        provisional_count = len(levels) - final_count
        self.add(
            "scores.definitief",
            "plan × indicator-niveaus van beoordelaars (definitief)",
            final_count,
            basis="inventaris",
        )
        self.add(
            "scores.voorlopig", "plan × indicator-niveaus van omslag (voorlopig)", provisional_count, basis="inventaris"
        )
        return final_count, provisional_count

    def sections(self) -> list[IndicatorSection]:
        """The indicators' sections in the rubric's order; a ja/nee indicator with
        `report.within` is a part of that indicator's section."""

        def section(indicator) -> IndicatorSection:
            return IndicatorSection(
                indicator=indicator.id,
                kind=indicator.kind,
                text=indicator.report,
                prevention_types=indicator.id == self.domain.prevention_indicator,
                ladder_steps=indicator.id == self.domain.ladder_indicator,
                signatories=indicator.id == self.domain.signatory_indicator,
                parts=[section(i) for i in self.rubric.indicators if i.report.within == indicator.id],
            )

        return [section(i) for i in self.rubric.indicators if i.report.within is None]

    def ordinal_figures(self, indicator: str, scored, by_group, groups) -> None:
        name = self.indicator_names.get(indicator, indicator)
        concrete = lambda level: level >= self.domain.concrete_from_level  # noqa: E731
        self.distribution(indicator, "", scored, name)
        self.count_share(
            f"{indicator}.concreet", f"{name}: plannen met concrete acties (niveau 4 of 5)", scored, indicator, concrete
        )
        for group in groups:
            self.distribution(indicator, f".{group}", by_group[group], f"{name}, {GROUP_LABELS[group]}")
            self.count_share(
                f"{indicator}.{group}.concreet",
                f"{name}: {GROUP_LABELS[group]} met concrete acties (niveau 4 of 5)",
                by_group[group],
                indicator,
                concrete,
            )

    def distribution(self, indicator: str, suffix: str, plans: list[PlanView], label: str) -> None:
        scored = [p for p in plans if p.levels.get(indicator) is not None]
        basis, note = self.basis_of(scored, indicator)
        self.add(f"{indicator}{suffix}.n", f"{label}: gescoorde plannen", len(scored), basis=basis, basis_note=note)
        counts = Counter(p.levels[indicator] for p in scored)
        for level in range(1, 6):
            level_name = self.level_names.get(indicator, {}).get(str(level), "")
            self.add(
                f"{indicator}{suffix}.niveau.{level}",
                f"{label}: niveau {level} ({level_name})",
                counts.get(level, 0),
                numerator=counts.get(level, 0),
                denominator=len(scored),
                basis=basis,
                basis_note=note,
            )

    def advocacy_figures(self, indicator: str, scored, by_group, groups) -> None:
        """The ja/nee indicator: is an independent advocacy organisation involved?"""
        text = self.rubric.indicator(indicator).report
        yes = lambda level: level == "ja"  # noqa: E731
        self.count_share(f"{indicator}.ja", f"plannen {text.yes_phrase}", scored, indicator, yes)
        rated = [p for p in scored if p.levels.get(indicator) is not None]
        basis, note = self.basis_of(rated, indicator)
        nee = sum(1 for p in rated if p.levels[indicator] == "nee")
        self.add(
            f"{indicator}.nee",
            f"plannen {text.no_phrase}",
            nee,
            numerator=nee,
            denominator=len(rated),
            display=f"{nee} van de {len(rated)}",
            basis=basis,
            basis_note=note,
        )
        for group in groups:
            self.count_share(
                f"{indicator}.{group}.ja",
                f"{GROUP_LABELS[group]} {text.yes_phrase}",
                by_group[group],
                indicator,
                yes,
            )

    def signal_share(self, id: str, label: str, n: int, total: int, note: str) -> None:
        """A provisional count of plans with a text signal, as "n van de total"."""
        self.add(
            id,
            label,
            n,
            numerator=n,
            denominator=total,
            display=f"{n} van de {total}",
            basis="voorlopig",
            basis_note=note,
        )

    def signal_figures(self, scored: list[PlanView]) -> None:
        note = "tekstsignaal gevonden door omslag, niet beoordeeld"
        plan_ids = {p.plan_id for p in scored}
        live = [e for e in self.run.evidence if not e.negated and e.plan_id in plan_ids]
        for kind_term in self.domain.prevention_types:
            kind = kind_term.id
            items = [e for e in live if e.indicator == self.domain.prevention_indicator and e.prevention_type == kind]
            n = len({e.plan_id for e in items})
            self.signal_share(f"preventietype.{kind}.plannen", f"plannen met {kind_term.label}", n, len(scored), note)
            self.add(
                f"preventietype.{kind}.fragmenten",
                f"fragmenten over {kind_term.label}",
                len(items),
                basis="voorlopig",
                basis_note=note,
            )
        for step_term in self.domain.ladder_steps:
            step = step_term.id
            items = [e for e in live if e.indicator == self.domain.ladder_indicator and e.ladder_step == step]
            n = len({e.plan_id for e in items})
            self.signal_share(
                f"trede.{step}.plannen", f"plannen met de trede '{step_term.label}'", n, len(scored), note
            )
        # the figure ids name what is counted; the signals that show it are the rubric's
        for figure, signal, label in (
            (
                "wethouder_wonen",
                self.domain.co_signing_signal,
                "plannen waarin omslag tekst over de wethouder Wonen vond",
            ),
            (
                "nad_verwijzing",
                self.domain.nad_reference_signal,
                "plannen waarin omslag een verwijzing naar het NAD vond",
            ),
        ):
            n = len({e.plan_id for e in live if signal is not None and e.signal == signal})
            self.signal_share(f"signaal.{figure}.plannen", label, n, len(scored), note)

    def metadata_figures(self, scored: list[PlanView], by_group) -> None:
        """The plan features omslag read from the text (documents.csv): who signs, the
        national plan, its action lines, the plan's form."""
        for id, label, plans, column in (
            (
                "wethouder_wonen.ja",
                "plannen (mede)ondertekend door een wethouder met Wonen in de portefeuille",
                scored,
                "wethouder_wonen",
            ),
            (
                "wethouder_wonen.nieuw.ja",
                "nieuwe plannen (mede)ondertekend door een wethouder Wonen",
                by_group["nieuw"],
                "wethouder_wonen",
            ),
            (
                "nad.verwijzing",
                "plannen die naar het Nationaal Actieplan Dakloosheid verwijzen",
                scored,
                "nad_reference",
            ),
            ("nad.nieuw.verwijzing", "nieuwe plannen die naar het NAD verwijzen", by_group["nieuw"], "nad_reference"),
        ):
            self.yes_share(id, label, plans, column)
        self.action_line_figures(scored)
        self.plan_form_figures(scored)

    def column_missing(self, id: str, label: str, column: str) -> bool:
        """A feature's column is not in documents.csv (an older run): the figure is 'niet bepaald'."""
        if column in self.run.metadata_columns:
            return False
        self.add(id, label, None, basis="voorlopig", basis_note="kolom ontbreekt in documents.csv")
        return True

    def yes_share(self, id: str, label: str, plans: list[PlanView], column: str) -> None:
        """Plans whose feature (PlanView attribute = documents.csv column) is 'ja', of those known."""
        if self.column_missing(id, label, column):
            return
        known = [p for p in plans if getattr(p, column) is not None]
        hits = sum(1 for p in known if getattr(p, column) == "ja")
        self.add(
            id,
            label,
            hits,
            numerator=hits,
            denominator=len(known),
            display=f"{hits} van de {len(known)}",
            basis="voorlopig",
            basis_note=_FEATURE_NOTE,
        )

    def action_line_figures(self, scored: list[PlanView]) -> None:
        label = "plannen waarvan het aantal genoemde NAD-actielijnen bepaald is"
        if self.column_missing("nad.actielijnen.n", label, "nad_action_lines"):
            return
        known = [p for p in scored if p.nad_action_lines is not None]
        self.add("nad.actielijnen.n", label, len(known), basis="voorlopig", basis_note=_FEATURE_NOTE)
        counts = Counter(p.nad_action_lines for p in known)
        total = self.domain.action_line_count
        for lines in range(0, total + 1):
            self.add(
                f"nad.actielijnen.{lines}",
                f"plannen die {lines} van de {total} NAD-actielijnen noemen",
                counts.get(lines, 0),
                numerator=counts.get(lines, 0),
                denominator=len(known),
                basis="voorlopig",
                basis_note=_FEATURE_NOTE,
            )

    def plan_form_figures(self, scored: list[PlanView]) -> None:
        label = "plannen waarvan de vorm bepaald is"
        if self.column_missing("planvorm.n", label, "plan_form"):
            return
        form_counts = Counter(p.plan_form for p in scored)
        self.add("planvorm.n", label, len(scored), basis="voorlopig", basis_note=_FEATURE_NOTE)
        for form in self.domain.plan_forms:
            n = form_counts.get(form.label, 0)
            self.add(
                f"planvorm.{form.id}",
                f"plannen in de vorm '{form.label}'",
                n,
                numerator=n,
                denominator=len(scored),
                basis="voorlopig",
                basis_note=_FEATURE_NOTE,
            )

    def agreement_figures(self) -> None:
        labels = {
            "n_plans": "plannen door twee beoordelaars gescoord",
            "pct_exact": "precies gelijk",
            "pct_within_1": "hoogstens 1 niveau verschil",
            "kappa_quadratic": "Cohens κ (kwadratisch gewogen)",
            "alpha_ordinal": "Krippendorffs α (ordinaal)",
            "gwet_ac2": "Gwets AC2",
            "kappa": "Cohens κ",
            "gwet_ac1": "Gwets AC1",
        }
        for row in self.run.agreement:
            for column, label in labels.items():
                value = getattr(row, column)
                if value is None:
                    continue
                if column == "n_plans":
                    display = str(value)
                elif column.startswith("pct"):
                    display = f"{percent_value(value)}%"
                else:
                    display = f"{value:.2f}".replace(".", ",")
                self.add(
                    f"overeenstemming.{row.indicator}.{column}",
                    f"{self.indicator_names.get(row.indicator, row.indicator)}: {label}",
                    value,
                    display=display,
                    basis="definitief",
                    basis_note="berekend uit de scores van de beoordelaars",
                )


def percent_value(value: float) -> int:
    """agreement.csv gives its pct_* columns as percentages (0–100), as `omslag agreement` writes them."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _ja_nee(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value if value in ("ja", "nee") else None


def region_coverage(plans: list[PlanView]) -> str:
    if not plans:
        return "geen plan"
    readable = [p for p in plans if p.usable]
    if not readable:
        return "onleesbaar"
    if any(p.recency == "nieuw" for p in readable):
        return "nieuw"
    if any(p.recency == "onbekend" for p in readable):
        return "datum onbekend"
    return "oud"


_NO_OCR = re.compile(r"image-only pages without OCR ([\d, ]+)")
_UNREADABLE = re.compile(r"unreadable pages ([\d, ]+)")


def _pages(numbers: str, what: str) -> str:
    """'pagina 7 is een scan …' / 'pagina’s 3, 4 zijn scans …' (typographic apostrophe: no
    HTML entity in the page, so the words can be searched for)."""
    pages = [p for p in re.split(r"[,\s]+", numbers) if p]
    if len(pages) == 1 and "-" not in pages[0]:
        return f"pagina {pages[0]} is {what}"
    return f"pagina’s {', '.join(pages)} zijn {what}"


def _read_completely(document: DocumentRow) -> bool:
    """Was every page read? A document read wholly, some pages with OCR, has warnings but no
    text missing from its scores; the report must not say it was "niet helemaal gelezen"."""
    if not document.usable or document.status == "PARTIAL" or document.unread_pages:
        return False
    raw = " ".join((document.error, document.warnings))
    return not (_NO_OCR.search(raw) or _UNREADABLE.search(raw))


def extraction_problems(documents: list[DocumentRow]) -> list[ExtractionProblem]:
    """Every document that was not read completely, in Dutch, so nobody mistakes a plan that was
    not (fully) read for a plan that scores low."""
    out = []
    for document in documents:
        if document.status == "SUCCESS" and not document.warnings.strip():
            continue
        raw = " | ".join(x for x in (document.error, document.warnings) if x)
        details = []
        # Runs since the page columns exist say which pages exactly; older runs only have the
        # English messages, which we read as well as we can.
        if document.unread_pages:
            details.append(_pages(document.unread_pages, "niet gelezen (fout, scan zonder OCR of onleesbare tekst)"))
        elif match := _NO_OCR.search(raw):
            details.append(_pages(match.group(1), "gescand zonder tekstlaag en niet gelezen (geen OCR)"))
        elif match := _UNREADABLE.search(raw):
            details.append(_pages(match.group(1), "niet te lezen"))
        if document.ocr_pages:
            details.append(_pages(document.ocr_pages, "met OCR gelezen: namen en cijfers kunnen verkeerd gelezen zijn"))
        elif "ocr" in raw.lower() and not _NO_OCR.search(raw) and document.status != "NEEDS_OCR":
            details.append("(een deel van) de tekst komt uit OCR en kan leesfouten bevatten")
        if document.status == "PARTIAL":
            details.append("wat daar staat telt niet mee: de niveaus kunnen te laag zijn")
        elif not document.usable:
            details.append("dit plan is niet gescoord; een ontbrekende score is géén lage score")
        elif document.warnings.strip():
            details.append("gelezen, met waarschuwingen")
        out.append(
            ExtractionProblem(
                file=document.file,
                plan_id=document.plan_id,
                region=document.region,
                status=document.status,
                status_nl=STATUS_NL.get(document.status, document.status),
                detail_nl="; ".join(details),
                raw=raw,
                complete=_read_completely(document),
            )
        )
    return out


def build_report_data(
    run: RunData,
    regions: list[RegionEntry] | None,
    regions_file: str | None,
    out_dir: Path,
    generated: datetime | None = None,
    *,
    rubric: Rubric,
) -> ReportData:
    stamp = (generated or datetime.now()).strftime("%d-%m-%Y %H:%M")
    return _Builder(run, regions, regions_file, Path(out_dir), rubric).build(stamp)
