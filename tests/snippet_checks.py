"""Checks on evidence snippets shared by the demo and real-corpus tests (issue 11): a snippet must
be a sentence or a table row, never a table-of-contents line, a running header or a bare heading.

Written independently of the cleaning code (extract/clean.py, rules/matching.py): they look at
the snippet text only, so they catch what the cleaning misses rather than repeat its rules.
"""

from __future__ import annotations

import re
from collections import defaultdict

# "3. Maatschappelijke opvang 3", "Bijlage A. Overzicht van acties 18", "Inleiding ....... 2",
# and the sentencizer's "3. Maatschappelijke opvang 3 4." (the next entry's number glued on)
_TOC = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-ZÀ-Ý][^.!?|]*[^\d\s|]\s+\d{1,3}(?:\s+\d{1,2}\.)?$|\.{4,}|…{2,}")
_CLOSING = re.compile(r"[.!?:;…)\]\"”’]$")


def plain(text: str) -> str:
    return " ".join(text.replace("«", "").replace("»", "").split())


def is_toc_line(text: str) -> bool:
    return bool(_TOC.search(plain(text)))


def is_bare_heading(text: str) -> bool:
    """Short, no closing punctuation, no figures (a table row has them), not a table row.
    An action line's name followed by its aim ("Preventie: dakloosheid wordt te allen tijde
    voorkomen") states what the plan commits to: the dev-set raters take it as evidence (issue 10)."""
    words = plain(text).split()
    if not words or "|" in words:
        return False
    _, colon, aim = plain(text).partition(": ")
    if colon and len(aim.split()) >= 4:
        return False
    if re.fullmatch(r"\d+(?:\.\d+)*\.?|[•\-–]", words[0]):
        words = words[1:]
    return len(words) <= 8 and not _CLOSING.search(plain(text)) and not any(re.search(r"\d", w) for w in words)


def running_header_texts(rows: list[dict]) -> set[tuple[str, str]]:
    """(plan, text) of snippets that recur on three or more pages of a plan: running titles."""
    pages: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        key = re.sub(r"\d+", "#", plain(row["text"]).lower())
        pages[(row["plan_id"], key)].add(row["page"])
    return {key for key, found in pages.items() if len(found) >= 3}


def bad_snippets(rows: list[dict]) -> list[str]:
    """Every evidence.csv row that is not a sentence, with the reason."""
    headers = running_header_texts(rows)
    problems = []
    for row in rows:
        where = f"{row['plan_id']} p. {row['page']}: {plain(row['text'])[:100]}"
        if is_toc_line(row["text"]):
            problems.append(f"inhoudsopgave: {where}")
        if (row["plan_id"], re.sub(r"\d+", "#", plain(row["text"]).lower())) in headers:
            problems.append(f"kopregel: {where}")
        if is_bare_heading(row["text"]):
            problems.append(f"kale kop: {where}")
    return problems
