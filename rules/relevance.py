"""Stage: rules — plan or not, decided before scoring.

Not every PDF in a corpus folder is a plan. A parking ordinance, a motion, parliamentary
questions or a list of decisions that mentions the shelter once must not be scored as a plan:
level 1 (*Achteruitgang*) would say that a region moves backwards. A budget or annual accounts
hold a plan *section*: only the pages about homelessness are scored, and the output says which.

The decision reads the document's title area (file name, the manifest's doc_type and title,
the start of its first page) for the document kinds of the rubric's `relevance` section, and
counts the sentences that name homelessness or its services (the rubric's `topic` terms) per
page. The vocabulary and thresholds live in the rubric, so analysts can change them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from omslag.extract.models import Document, page_list
from omslag.rules.matching import Findings
from omslag.rules.models import NOT_APPLICABLE, Evidence, Relevance, Score
from omslag.rules.nlp import fold
from omslag.rules.rubric import DocumentKind, Rubric
from omslag.rules.targets import Target

_SEPARATORS = re.compile(r"[_\-.]+")


@lru_cache(maxsize=256)
def _kind_regex(terms: tuple[str, ...]) -> re.Pattern:
    # a cue word also counts as the first or last part of a compound: "parkeerverordening",
    # "programmabegroting", "begrotingswijziging"
    alternation = "|".join(re.escape(fold(t)) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?:(?<!\w)(?:{alternation}))|(?:(?:{alternation})(?:en|s|n|e)?(?!\w))")


def title_area(document: Document, rubric: Rubric) -> str:
    """The text that says what a document is: its file name, manifest fields and the start of
    its first page(s), folded (lower case, no accents)."""
    rules = rubric.relevance
    stem = document.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    parts = [_SEPARATORS.sub(" ", stem), document.meta.doc_type or "", document.meta.title or ""]
    parts += [page.text[: rules.cue_chars] for page in document.text_pages[: rules.cue_pages]]
    return fold(" ".join(" ".join(parts).split()))


def _first_kind(kinds: list[DocumentKind], text: str) -> DocumentKind | None:
    """The kind whose cue stands first in the title area: "Fiche 5: Herziening verordening …"
    is a fiche, not a verordening; a tie goes to the kind listed first."""
    best: tuple[int, int] | None = None
    for order, kind in enumerate(kinds):
        match = _kind_regex(tuple(kind.terms)).search(text)
        if match is not None and (best is None or (match.start(), order) < best):
            best = (match.start(), order)
    return kinds[best[1]] if best is not None else None


def _page_ranges(pages: list[int], gap: int) -> list[int]:
    """Topic pages with the pages between them filled in where at most `gap` pages are missing:
    a section about the shelter that runs over a page without the word stays one range."""
    out: list[int] = []
    for page in sorted(pages):
        if out and 0 < page - out[-1] - 1 <= gap:
            out.extend(range(out[-1] + 1, page))
        out.append(page)
    return out


def decide_relevance(document: Document, findings: Findings, rubric: Rubric) -> Relevance:
    rules = rubric.relevance
    text_pages = [p.number for p in document.text_pages]
    topic = findings.topic_sentences
    topic_pages = sorted(findings.topic_pages)
    area = title_area(document, rubric)

    kind = _first_kind(rules.not_plan, area)
    if kind is not None:
        mention = f"; het noemt dakloosheid of haar voorzieningen in {topic} zin(nen)" if topic else ""
        return Relevance(
            decision="geen_plan",
            document_type=kind.kind,
            reason=f"{kind.label} is geen plan{mention}; niet als plan beoordeeld",
            topic_sentences=topic,
        )

    host = _first_kind(rules.host, area)
    share = len(topic_pages) / len(text_pages) if text_pages else 0.0
    broad = len(text_pages) >= rules.section_min_pages and share <= rules.section_max_share
    if host is not None or (broad and topic >= rubric.topic.min_mentions):
        label = host.label if host is not None else "een breder beleidsstuk"
        document_type = host.kind if host is not None else "breder_beleid"
        if topic < rules.section_min_mentions:
            return Relevance(
                decision="geen_plan",
                document_type=document_type,
                reason=f"{label} zonder passage over dakloosheid, opvang of beschermd wonen "
                f"({topic} zin(nen) met zulke termen); niet als plan beoordeeld",
                topic_sentences=topic,
            )
        pages = _page_ranges(topic_pages, rules.section_gap)
        return Relevance(
            decision="planonderdeel",
            document_type=document_type,
            reason=f"{label}: alleen de pagina's over dakloosheid, opvang en beschermd wonen zijn gescoord "
            f"(pagina {page_list(pages)}, {len(pages)} van de {len(text_pages)})",
            scored_pages=pages,
            topic_sentences=topic,
        )

    if topic < rubric.topic.min_mentions:
        return Relevance(
            decision="geen_plan",
            document_type="overig",
            reason="het document gaat niet over dakloosheid, opvang of beschermd wonen "
            f"({topic} van de minstens {rubric.topic.min_mentions} zinnen met zulke termen); "
            "niet als plan beoordeeld",
            topic_sentences=topic,
        )
    return Relevance(
        decision="plan",
        document_type="plan",
        reason=f"plan over dakloosheid, opvang of beschermd wonen ({topic} zinnen met zulke termen); "
        "het hele document is gescoord",
        scored_pages=text_pages,
        topic_sentences=topic,
    )


def evidence_in_scope(relevance: Relevance, evidence: list[Evidence]) -> list[Evidence]:
    """The evidence that counts. In a whole plan every sentence is about homelessness unless it
    names another domain (the finder drops those). Elsewhere a sentence counts only where it or
    its paragraph names homelessness or its services, and in a plan section only on its pages."""
    if relevance.decision == "plan":
        return evidence
    on_topic = [e for e in evidence if e.topic_scope != "none"]
    if relevance.decision == "planonderdeel":
        pages = set(relevance.scored_pages)
        return [e for e in on_topic if e.page in pages]
    return on_topic


def targets_in_scope(relevance: Relevance, targets: list[Target]) -> list[Target]:
    """The streefcijfers that are the plan's: in a plan section only those on its pages. A budget
    also promises homes for starters and seniors, parking places and sports fields; outside the
    pages about homelessness such a number is not a target of the plan."""
    if relevance.decision == "planonderdeel":
        pages = set(relevance.scored_pages)
        return [t for t in targets if t.page in pages]
    return targets


def not_a_plan_scores(rubric: Rubric, relevance: Relevance, *, doc_id: str, plan_id: str) -> list[Score]:
    """n.v.t. on every indicator: never level 1, which would say the region moves backwards."""
    return [
        Score(
            doc_id=doc_id,
            plan_id=plan_id,
            indicator=indicator.id,
            level=NOT_APPLICABLE,
            rule_id=f"{indicator.id}.geen_plan",
            rationale=f"Niet van toepassing: {relevance.reason}.",
            rubric_version=rubric.version,
        )
        for indicator in rubric.indicators
    ]
