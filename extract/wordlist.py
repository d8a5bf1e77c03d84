"""Shared resource: the Dutch word list (Debian `wdutch`, installed by `make system-deps`).

Read once per process. Extraction uses it to decide whether a line-end hyphen was hyphenation
(extract.clean); the rules use the names in it that are also ordinary words ("Huizen", a town;
huizen, homes) to read such a capitalised word mid-sentence as the name (rules.nlp), and its
inflected forms to check the tagger's verbs (rules.verbforms). Not part of
the extraction machinery, so the rules may import it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# the OpenTaal word list, compounds included ("ervaringsdeskundige", "schuldhulpverlening")
WORD_LIST_PATHS = (Path("/usr/share/dict/nederlands"), Path("/usr/share/dict/dutch"))


@lru_cache(maxsize=1)
def word_list() -> tuple[str, ...]:
    """The words of the first list that is installed, as written (empty when none is)."""
    for path in WORD_LIST_PATHS:
        try:
            return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        except (OSError, UnicodeDecodeError):
            continue
    return ()


def word_list_stamp() -> str:
    """Which list `word_list` reads ("path:size:mtime", "none"), for the cache keys: results made
    without the list (no hyphen repair, no check of the tagger's verbs) are redone once it is
    installed."""
    for path in WORD_LIST_PATHS:
        try:
            stat = path.stat()
        except OSError:
            continue
        return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    return "none"


@lru_cache(maxsize=1)
def dutch_words() -> frozenset[str]:
    """The Dutch word list in lower case (empty when no list is installed)."""
    return frozenset(word.lower() for word in word_list())


@lru_cache(maxsize=1)
def names_that_are_words() -> frozenset[str]:
    """Names in the word list that are ordinary words in lower case as well: "Huizen" (a town in
    Gooi en Vechtstreek; huizen, houses), "Putten", "Best", "Son", "Laren". Empty when no word
    list is installed."""
    lower = {w for w in word_list() if w[:1].islower()}
    return frozenset(w for w in word_list() if w[:1].isupper() and not w.isupper() and w.lower() in lower)
