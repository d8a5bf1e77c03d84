"""Stage: outputs — the run's tables: documents.csv, evidence.csv, scores.csv.

Column names are stable English identifiers (they are joined on by later stages and by the
analysts' own spreadsheets); the values raters read are Dutch.
"""

from __future__ import annotations

from pathlib import Path

from omslag.extract.models import Document, page_list
from omslag.rules.models import DocumentResult, Evidence, PlanMetadata, Relevance, Score
from omslag.sheets.csvio import DEFAULT_DELIMITER, write_csv

# Plan metadata (rules.models.PlanMetadata); empty for documents that could not be read.
PLAN_METADATA_COLUMNS = (
    "plan_date",
    "predates_nad",
    "nad_reference",
    "nad_action_lines",
    "signatories",
    "wethouder_wonen",
    "plan_period_start",
    "plan_period_end",
    "outcome_indicators",
    "output_only",
    "plan_form",
)
# Plan or not (rules.relevance): plan, planonderdeel or geen_plan, the kind of document, the
# Dutch reason and the pages that were scored; empty for documents that could not be read.
RELEVANCE_COLUMNS = ("relevance", "document_type", "relevance_reason", "scored_pages")
DOCUMENT_COLUMNS = [
    "file",
    "plan_id",
    "sha256",
    "status",
    "pages",
    "extractor",
    "error",
    "warnings",
    "region",
    "centrumgemeente",
    "date",
    "doc_type",
    "evidence",
    "ocr_pages",
    "unread_pages",
    *PLAN_METADATA_COLUMNS,
    *RELEVANCE_COLUMNS,
]
EVIDENCE_COLUMNS = [
    "evidence_id",
    "plan_id",
    "indicator",
    "signal",
    "page",
    "text",
    "context",
    "terms",
    "rule_id",
    "signal_label",
    "polarity",
    "negated",
    "concrete",
    "intent_only",
    "pilot",
    "past",
    "statistic",
    "negated_by",
    "tense",
    "modal",
    "commitment",
    "prevention_type",
    "ladder_step",
    "start",
    "end",
    "doc_id",
    "rubric_version",
    "page_end",
    "rubric_terms",
]
SCORE_COLUMNS = [
    "plan_id",
    "indicator",
    "level",
    "rationale",
    "rule_id",
    "capped_by",
    "uncapped_level",
    "evidence_ids",
    "doc_id",
    "rubric_version",
    "cap_evidence_ids",
]

TERM_OPEN, TERM_CLOSE = "«", "»"


def unmark_terms(text: str) -> str:
    """The sentence of an evidence row without its «…» term marks (see mark_terms)."""
    return text.replace(TERM_OPEN, "").replace(TERM_CLOSE, "")


def mark_terms(evidence: Evidence) -> str:
    """The sentence with every matched term wrapped in «…», so it stands out in a plain cell."""
    text = evidence.sentence
    # offsets are in the page text; the stored sentence has whitespace folded, so mark by
    # searching the term texts in order instead of trusting offsets
    out, cursor = [], 0
    for term in evidence.terms:
        needle = " ".join(term.text.split())
        found = text.find(needle, cursor)
        if found < 0:
            continue
        out.append(text[cursor:found])
        out.append(f"{TERM_OPEN}{needle}{TERM_CLOSE}")
        cursor = found + len(needle)
    out.append(text[cursor:])
    return "".join(out)


def context_text(evidence: Evidence) -> str:
    parts = [evidence.context_before, mark_terms(evidence), evidence.context_after]
    return " ".join(p for p in parts if p)


def metadata_columns(metadata: PlanMetadata | None) -> dict:
    if metadata is None:  # unreadable document: nothing is known, say nothing
        return {}
    return {
        "plan_date": metadata.plan_date or "",
        "predates_nad": metadata.predates_nad,
        "nad_reference": metadata.nad_reference,
        "nad_action_lines": len(metadata.nad_action_lines),
        "signatories": " | ".join(metadata.signatories),
        "wethouder_wonen": metadata.wethouder_wonen,
        "plan_form": metadata.plan_form,
        "plan_period_start": metadata.period_start if metadata.period_start is not None else "",
        "plan_period_end": metadata.period_end if metadata.period_end is not None else "",
        "outcome_indicators": " | ".join(metadata.outcome_indicators),
        "output_only": metadata.output_only,
    }


def relevance_columns(relevance: Relevance | None) -> dict:
    if relevance is None:
        return {}
    return {
        "relevance": relevance.decision,
        "document_type": relevance.document_type,
        "relevance_reason": relevance.reason,
        "scored_pages": page_list(relevance.scored_pages),
    }


def document_row(
    document: Document, evidence_count: int, metadata: PlanMetadata | None = None, relevance: Relevance | None = None
) -> dict:
    return {
        **metadata_columns(metadata),
        **relevance_columns(relevance),
        "file": document.file,
        "plan_id": document.plan_id,
        "sha256": document.doc_id,
        "status": document.status.value,
        "pages": document.page_count,
        "extractor": document.extractor or "",
        "error": document.error or "",
        "warnings": " | ".join(document.warnings),
        "region": document.meta.region or "",
        "centrumgemeente": (document.meta.model_extra or {}).get("centrumgemeente") or "",
        "date": document.meta.date or "",
        "doc_type": document.meta.doc_type or "",
        "evidence": evidence_count,
        "ocr_pages": page_list(document.ocr_pages),
        "unread_pages": page_list(document.unread_pages),
    }


def evidence_row(evidence: Evidence) -> dict:
    return {
        "evidence_id": evidence.evidence_id,
        "plan_id": evidence.plan_id,
        "indicator": evidence.indicator,
        "signal": evidence.signal,
        "page": evidence.page,
        "text": mark_terms(evidence),
        "context": context_text(evidence),
        "terms": " | ".join(t.text for t in evidence.terms),
        "rule_id": evidence.rule_id,
        "signal_label": evidence.signal_label,
        "polarity": evidence.polarity,
        "negated": evidence.negated,
        "concrete": evidence.concrete,
        "intent_only": evidence.intent_only,
        "pilot": evidence.pilot,
        "past": evidence.past,
        "statistic": evidence.statistic,
        "negated_by": evidence.negated_by,
        "tense": evidence.tense,
        "modal": evidence.modal,
        "commitment": evidence.commitment,
        "prevention_type": evidence.prevention_type or "",
        "ladder_step": evidence.ladder_step or "",
        "start": evidence.start,
        "end": evidence.end,
        "doc_id": evidence.doc_id,
        "rubric_version": evidence.rubric_version,
        "page_end": evidence.page_end or "",
        # the rubric phrase behind each matched text, in the order of `terms`: what an analyst
        # edits when raters reject a term's rows (ratings.rule_feedback)
        "rubric_terms": " | ".join(t.term for t in evidence.terms),
    }


def score_row(score: Score) -> dict:
    return {
        "plan_id": score.plan_id,
        "indicator": score.indicator,
        "level": score.level,
        "rationale": score.rationale,
        "rule_id": score.rule_id,
        "capped_by": score.capped_by or "",
        "uncapped_level": score.uncapped_level if score.uncapped_level is not None else "",
        "evidence_ids": " ".join(score.evidence_ids),
        "cap_evidence_ids": " ".join(score.cap_evidence_ids),
        "doc_id": score.doc_id,
        "rubric_version": score.rubric_version,
    }


def write_run_tables(
    out_dir: Path,
    results: list[DocumentResult],
    *,
    delimiter: str = DEFAULT_DELIMITER,
) -> dict[str, Path]:
    evidence = [e for r in results for e in r.evidence]
    scores = [s for r in results for s in r.scores]
    paths = {
        "documents": out_dir / "documents.csv",
        "evidence": out_dir / "evidence.csv",
        "scores": out_dir / "scores.csv",
    }
    write_csv(
        paths["documents"],
        DOCUMENT_COLUMNS,
        (document_row(r.document, len(r.evidence), r.metadata, r.relevance) for r in results),
        delimiter=delimiter,
    )
    write_csv(paths["evidence"], EVIDENCE_COLUMNS, (evidence_row(e) for e in evidence), delimiter=delimiter)
    write_csv(paths["scores"], SCORE_COLUMNS, (score_row(s) for s in scores), delimiter=delimiter)
    return paths
