"""Stage: rules — one extracted document in, evidence and provisional scores out."""

from __future__ import annotations

import time

from omslag.extract.models import Document
from omslag.rules.matching import EvidenceFinder
from omslag.rules.metadata import find_plan_date, plan_metadata
from omslag.rules.models import DocumentResult
from omslag.rules.relevance import decide_relevance, evidence_in_scope, not_a_plan_scores, targets_in_scope
from omslag.rules.scoring import score_document
from omslag.rules.targets import find_targets


def analyse_document(document: Document, finder: EvidenceFinder, *, seconds_extract: float = 0.0) -> DocumentResult:
    started = time.perf_counter()
    if document.status.usable:
        findings = finder.find_all(document)
        # plan or not first: a motion or an ordinance is not scored, a budget only on its
        # pages about homelessness
        relevance = decide_relevance(document, findings, finder.rubric)
        evidence = evidence_in_scope(relevance, findings.evidence)
        if relevance.is_plan:
            scores = score_document(finder.rubric, evidence, doc_id=document.doc_id, plan_id=document.plan_id)
        else:
            scores = not_a_plan_scores(finder.rubric, relevance, doc_id=document.doc_id, plan_id=document.plan_id)
        # a document that is not a plan sets no streefcijfers, a plan section only on its pages
        targets = find_targets(document, finder.rubric, find_plan_date(document)[0]) if relevance.is_plan else []
        targets = targets_in_scope(relevance, targets)
        metadata = plan_metadata(document, finder.rubric, evidence, targets)
    else:
        evidence, scores, metadata, relevance, targets = [], [], None, None, []
    text_pages = len(document.text_pages)
    # Page texts are large and no longer needed downstream: evidence carries its sentences.
    slim = document.model_copy(update={"pages": []})
    return DocumentResult(
        document=slim,
        evidence=evidence,
        scores=scores,
        metadata=metadata,
        targets=targets,
        relevance=relevance,
        text_pages=text_pages,
        seconds_extract=seconds_extract,
        seconds_rules=time.perf_counter() - started,
    )
