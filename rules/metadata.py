"""Stage: rules — plan metadata: date, form, signatories, relation to the national plan.

The seed report weighs these next to the scores: plans from before December 2022 cannot refer to
the national action plan; a wethouder with Wonen in the portfolio signing the plan is a sign the
housing side owns it; a few paragraphs in a budget are not an action plan. The words used to
recognise each fact live in the rubric (`plan_metadata`), so analysts can extend them.
"""

from __future__ import annotations

import re
from datetime import date

from omslag.extract.models import Document
from omslag.rules.models import Evidence, PlanMetadata
from omslag.rules.nlp import fold
from omslag.rules.rubric import Rubric

_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_ALT = "|".join(_MONTHS)
_FULL_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\s+(20\d\d|19\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})\s+(20\d\d|19\d\d)\b")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "wethouder Wonen en Volkshuisvesting", "wethouders Zorg, Wonen en Jeugd", "wethouder Bakker"
_WETHOUDER = re.compile(
    r"\b[Ww]ethouders?[ \t]+((?:[A-ZÀ-Ý][\w'’-]*)(?:(?:[ \t]*,[ \t]*|[ \t]+en[ \t]+|[ \t]+)(?:[A-ZÀ-Ý][\w'’-]*)){0,5})"
)
_HOUSING_PORTFOLIO = re.compile(r"\b(?:wonen|volkshuisvesting|huisvesting|woonbeleid|bouwen)\b", re.IGNORECASE)
_CO_OWNERSHIP = re.compile(
    r"\b(?:ondertek\w*|mede\w*|samen|verantwoordelijk\w*|eigenaar|vastgesteld|portefeuillehouder)\b"
)


def _phrase_regex(phrases: list[str]) -> re.Pattern:
    parts = [r"\s+".join(re.escape(w) for w in fold(p).split()) for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _folded_pages(document: Document) -> list[tuple[int, str]]:
    return [(p.number, " ".join(fold(p.text).split())) for p in document.text_pages]


def find_plan_date(document: Document) -> tuple[str | None, str]:
    """The manifest's date wins; otherwise the first full Dutch date on the first two pages,
    then a 'maand jaar' date (taken as the first of that month)."""
    manifest_date = (document.meta.date or "").strip()
    if _ISO_DATE.match(manifest_date):
        return manifest_date, "manifest"
    pages = _folded_pages(document)[:2]
    for _, text in pages:
        match = _FULL_DATE.search(text)
        if match:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
            try:
                return date(year, month, day).isoformat(), "tekst"
            except ValueError:
                continue
    for _, text in pages:
        match = _MONTH_YEAR.search(text)
        if match:
            return date(int(match.group(2)), _MONTHS[match.group(1)], 1).isoformat(), "tekst"
    return None, "onbekend"


def find_signatories(document: Document, signing: re.Pattern) -> list[str]:
    """'wethouder …' phrases on pages where the plan is signed or adopted, and on the last
    two pages (where signatures usually stand)."""
    pages = document.text_pages
    last = {p.number for p in pages[-2:]}
    found: dict[str, None] = {}
    for page in pages:
        if page.number not in last and not signing.search(fold(page.text)):
            continue
        # line by line: on a signature block the next line is a name or a place, not a portfolio
        for match in _WETHOUDER.finditer(page.text):
            phrase = re.sub(r"(?:\s*,|\s+en)\s*$", "", match.group(1)).strip()
            if phrase:
                found[f"wethouder {phrase}"] = None
    return list(found)


def find_plan_form(document: Document, rubric: Rubric, evidence: list[Evidence]) -> str:
    rules = rubric.plan_metadata
    pages = document.text_pages
    # What the analyst wrote in the manifest wins over what the first page says.
    sources = [document.meta.doc_type or "", document.meta.title or "", pages[0].text[:400] if pages else ""]
    # A long document that discusses homelessness on few of its pages is part of a broader plan
    # (a budget, an annual report), whatever its title says about itself.
    part = rules.part_of_broader_plan
    if len(pages) >= part.min_pages:
        pages_with_evidence = {e.page for e in evidence if e.polarity != "neutral"}
        if len(pages_with_evidence) / len(pages) < part.max_share:
            return "onderdeel"
    for source in sources:
        folded = fold(source)
        for form in rules.forms:
            if _phrase_regex(form.terms).search(folded):
                return form.form
    return "onbekend"


def plan_metadata(document: Document, rubric: Rubric, evidence: list[Evidence]) -> PlanMetadata:
    rules = rubric.plan_metadata
    plan_date, source = find_plan_date(document)
    predates = "onbekend" if plan_date is None else ("ja" if plan_date < rules.national_plan_date else "nee")
    folded = " ".join(text for _, text in _folded_pages(document))
    lines = [line.id for line in rules.action_lines if _phrase_regex(line.terms).search(folded)]
    nad_reference = any(e.signal == "nad_verwijzing" and not e.negated for e in evidence)
    signatories = find_signatories(document, _phrase_regex(rules.signing_words))
    wethouder_wonen = any(_HOUSING_PORTFOLIO.search(s) for s in signatories) or any(
        e.signal == "wethouder_wonen" and not e.negated and _CO_OWNERSHIP.search(fold(e.sentence)) for e in evidence
    )
    return PlanMetadata(
        plan_date=plan_date,
        plan_date_source=source,
        predates_nad=predates,
        nad_reference=nad_reference,
        nad_action_lines=lines,
        signatories=signatories,
        wethouder_wonen=wethouder_wonen,
        plan_form=find_plan_form(document, rubric, evidence),
    )
