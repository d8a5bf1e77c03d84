"""Stage: extract — turning raw page text into clean text the rules can read.

Steps, in order: Unicode clean-up (ligatures, soft hyphens, odd spaces), running headers /
footers / page numbers removed (lines that repeat across pages), line-end hyphenation undone
(real hyphens kept), and paragraph breaks restored as blank lines.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from omslag.extract.models import CELL_SEPARATOR
from omslag.extract.wordlist import dutch_words

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f]+")
_DIGITS = re.compile(r"\d+")
# "3", "- 3 -", "Pagina 3 van 12", "pagina 3", "3/12", "blz. 3"
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:van|/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
# A word fragment ending in a hyphen at the end of a line.
_LINE_END_HYPHEN = re.compile(r"(\S*?)(\w)-$")
# Elliptical compound: "dak- en thuisloosheid", "woon- of zorgvraag": the hyphen is real.
_ELLIPSIS_FOLLOWER = re.compile(r"^(?:en|of|tot|dan|en/of)\b", re.IGNORECASE)


def normalise_unicode(text: str) -> str:
    """NFKC folds ligatures (ﬁ → fi) and full-width forms; soft hyphens are layout only."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    return text


# Debian's `wdutch` word list (extract.wordlist) decides whether a line-end hyphen was
# hyphenation. Without it, simplemma's lexicon is used (smaller: fewer compounds repaired).
# Dutch writes these with a hyphen: ex-gedetineerde, niet-regulier, oud-wethouder, vice-voorzitter.
_HYPHEN_PREFIXES = frozenset({"ex", "niet", "oud", "vice", "anti", "non", "semi", "co", "pro", "super", "top"})
# Double surnames: "Tiemens-de Vries", "Bakker-van Dijk".
_SURNAME_PARTICLES = frozenset({"de", "van", "der", "den", "ter", "ten", "te", "la", "le"})
_VOWELS = "aeiouy"
# A capitalised article or pronoun in front starts a sentence, not a name: "De Erva-ringsraad".
_FUNCTION_WORDS = frozenset(
    {
        "de",
        "het",
        "een",
        "in",
        "op",
        "van",
        "voor",
        "met",
        "bij",
        "als",
        "wij",
        "we",
        "zij",
        "ook",
        "dit",
        "deze",
        "die",
    }
)


@lru_cache(maxsize=65536)
def _is_known_word(word: str) -> bool:
    word = word.lower()
    if word in dutch_words():
        return True
    import simplemma

    return simplemma.is_known(word, lang="nl")


def _keeps_hyphen(left_word: str, right_line: str, before: str = "") -> bool:
    """Decide whether a hyphen at a line end is a real one (kept) or hyphenation (removed).

    `before` is the word in front of `left_word` ("Wonen" in "Wonen Eerst-aanpak")."""
    right_word = re.match(r"[\w]+", right_line)
    if _ELLIPSIS_FOLLOWER.match(right_line):
        return True
    if right_word is None:
        return True
    right = right_word.group(0)
    if right[0].isupper() or right[0].isdigit():
        return True  # Leidschendam-Voorburg, NAD-2023
    if left_word[-1].isupper() or any(ch.isdigit() for ch in left_word):
        return True  # NAD-gelden, GGZ-instelling, 24-uursopvang
    if "-" in left_word:
        return True  # a chain of hyphens: ETHOS-Light-definitie
    left, joined = left_word.lower(), (left_word + right).lower()
    if f"{left}-{right.lower()}" in dutch_words() and joined not in dutch_words():
        return True  # a word the list itself writes with a hyphen
    if _is_known_word(joined):
        return False  # Daar-naast, Erva-ringsraad, Dakloos-heid
    if (
        left_word[0].isupper()
        and before[:1].isupper()
        and before[-1:].isalpha()
        and before.lower() not in _FUNCTION_WORDS
    ):
        # a name or an English term in front: "Housing First-team", "Wonen Eerst-aanpak",
        # "Veilig Thuis-melding". Dutch writes those with a hyphen.
        return True
    if right.lower() in _SURNAME_PARTICLES or left in _HYPHEN_PREFIXES:
        return True
    # Klinkerbotsing keeps the hyphen (mede-eigenaar, zee-egel); otherwise Dutch writes a compound
    # of common words as one word ("Schuld-hulpverlening", "Veiligheids-huis" were split at the
    # line end), and a fragment is no word at all.
    return left[-1] in _VOWELS and right[0].lower() in _VOWELS and _is_known_word(left) and _is_known_word(right)


def _word_before(text: str) -> str:
    words = re.split(r"[\s/(\"'“‘]+", text.strip())
    return words[-2] if len(words) >= 2 else ""


def undo_hyphenation(lines: list[str]) -> list[str]:
    """Join words split across a line end; keep hyphens that belong to the text."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        while i + 1 < len(lines) and line.endswith("-") and lines[i + 1].strip():
            match = _LINE_END_HYPHEN.search(line)
            if not match:
                break
            left_word = re.split(r"[\s/(\"'“‘]", line[:-1])[-1]
            if not left_word or not left_word[-1].isalpha():
                break
            right_line = lines[i + 1].lstrip()
            if _keeps_hyphen(left_word, right_line, _word_before(line[:-1])):
                joiner = " " if _ELLIPSIS_FOLLOWER.match(right_line) else ""
                line = line + joiner + right_line.rstrip()
            else:
                line = line[:-1] + right_line.rstrip()
            i += 1
        out.append(line)
        i += 1
    return out


def join_hyphenated(left_text: str, right_text: str) -> tuple[str, bool]:
    """A word split over two texts (a page break): 'uitvoe-' + 'ring van …' → ('uitvoering van …',
    True). Returns the joined text and whether a hyphen was removed; ('', False) when the left
    text does not end in a hyphenated word."""
    stripped = left_text.rstrip()
    if not stripped.endswith("-"):
        return "", False
    left_word = re.split(r"[\s/(\"'“‘]", stripped[:-1])[-1]
    right = right_text.lstrip()
    if not left_word or not left_word[-1].isalpha() or not right:
        return "", False
    if _keeps_hyphen(left_word, right, _word_before(stripped[:-1])):
        return stripped + right, False
    return stripped[:-1] + right, True


def _line_key(line: str) -> str:
    """Headers and footers differ only in their page numbers: compare them without digits."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line.strip().lower()))


EDGE_LINES = 2  # running headers/footers live in the first or last two lines of a page


def find_running_lines(pages_lines: list[list[str]], edge: int = EDGE_LINES) -> set[tuple[str, str]]:
    """(top|bottom, key) of lines that recur at the same edge on at least half the pages
    (and on three or more). Keys ignore digits, so "Pagina 3 van 12" repeats too."""
    if len(pages_lines) < 3:
        return set()
    counts: Counter[tuple[str, str]] = Counter()
    for lines in pages_lines:
        non_empty = [line for line in lines if line.strip()]
        if len(non_empty) <= edge:  # a near-empty page says nothing about headers
            continue
        top = {("top", _line_key(line)) for line in non_empty[:edge]}
        bottom = {("bottom", _line_key(line)) for line in non_empty[-edge:]}
        counts.update(top | bottom)
    threshold = max(3, (len(pages_lines) + 1) // 2)
    return {item for item, n in counts.items() if n >= threshold and item[1].strip("# ")}


def strip_running_lines(lines: list[str], running: set[tuple[str, str]], edge: int = EDGE_LINES) -> list[str]:
    """Drop running headers/footers and bare page numbers from the page's top and bottom."""
    non_empty_idx = [i for i, line in enumerate(lines) if line.strip()]
    top_idx = set(non_empty_idx[:edge])
    bottom_idx = set(non_empty_idx[-edge:])
    kept = []
    for i, line in enumerate(lines):
        key = _line_key(line)
        at_edge = i in top_idx or i in bottom_idx
        if at_edge and (
            (i in top_idx and ("top", key) in running)
            or (i in bottom_idx and ("bottom", key) in running)
            or _PAGE_NUMBER_LINE.match(line)
        ):
            continue
        kept.append(line)
    return kept


def restore_paragraphs(lines: list[str]) -> str:
    """Blank line after a line that is clearly shorter than the page's running lines.

    PDF text has no paragraph marks. A line that ends well before the right margin ends a
    paragraph or is a heading; keeping that break stops sentences from running into headings.
    """
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return ""
    typical = lengths[math.ceil(0.8 * (len(lengths) - 1))]  # rounded up: a heading over one line of text
    paragraphs: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(stripped)
        if len(stripped) < 0.7 * typical and _ends_paragraph(stripped, lines, index):
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


_PARAGRAPH_END = (".", ":", ";", "!", "?")


def _ends_paragraph(stripped: str, lines: list[str], index: int) -> bool:
    """A short line ends its paragraph when it ends a sentence or the next line starts a new
    one (capital, bullet). Lines of a narrow column are short too, but continue lower-case."""
    if stripped.endswith(_PARAGRAPH_END):
        return True
    following = next((line.strip() for line in lines[index + 1 :] if line.strip()), "")
    return not following or following[0].isupper() or following[0] in "•-–*"


# A table-of-contents entry: "3. Maatschappelijke opvang 3", "Bijlage A. Overzicht 18",
# "Inleiding ........ 2": a title, then (after dot leaders) one page number.
_TOC_ENTRY = re.compile(r"^(?P<title>\S.*?\D)\s*(?:\.{2,}|…+|\s)\s*(?P<page>\d{1,3})$")
_TOC_TITLE = re.compile(r"^(?:inhoud|inhoudsopgave|inhoudstafel|inhoudsoverzicht)\s*$", re.IGNORECASE)
TOC_MIN_ENTRIES = 3


def strip_table_of_contents(lines: list[str]) -> list[str]:
    """Drop a table of contents: a run of at least three lines that each end in one page
    number, with the numbers never going down ("1. Inleiding 2", "2. Cijfers 2", "3. Opvang 3"),
    and the "Inhoud(sopgave)" title above it. Table rows end in numbers too, but in several
    columns ("Huisuitzettingen 37 26 20") or not in page order."""
    drop: set[int] = set()
    run: list[int] = []
    last_page = -1

    def close_run() -> None:
        if len(run) >= TOC_MIN_ENTRIES:
            drop.update(run)
            before = run[0] - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            if before >= 0 and _TOC_TITLE.match(lines[before].strip()):
                drop.add(before)

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        match = _TOC_ENTRY.match(stripped)
        numbers_in_title = match and re.search(r"\d+(?:[.,]\d+)?\s*$", match.group("title").rstrip(" .…"))
        if match and not numbers_in_title and int(match.group("page")) >= last_page:
            run.append(index)
            last_page = int(match.group("page"))
            continue
        close_run()
        run, last_page = [], -1
        if match and not numbers_in_title:
            run, last_page = [index], int(match.group("page"))
    close_run()
    return [line for i, line in enumerate(lines) if i not in drop]


_SENTENCE_END = (".", "!", "?", ":", ";", "…", '"', "”", "’", ")")
# A table cell with a figure: 498, 1.240, 16,5, 20%, (-20%), € 290.000, n.b., -, 2028-2030
_CELL = re.compile(r"^(?:€|\(-?\d[\d.,]*%?\)|-?\d[\d.,]*%?|\d{4}-\d{4}|n\.b\.?|-|–)$")
TABLE_MIN_CELLS = 2


def _trailing_cells(line: str) -> tuple[str, list[str]]:
    """'Huisuitzettingen 37 26 20' → ('Huisuitzettingen', ['37', '26', '20'])."""
    words = line.split()
    cut = len(words)
    while cut > 0 and _CELL.match(words[cut - 1]):
        cut -= 1
    cells = words[cut:]
    # "€ 290.000" is one cell
    merged: list[str] = []
    for cell in cells:
        if merged and merged[-1] == "€":
            merged[-1] = f"€ {cell}"
        else:
            merged.append(cell)
    return " ".join(words[:cut]), merged


def mark_table_rows(lines: list[str]) -> list[str]:
    """Table rows stay rows: a line that ends in two or more figures ("Huisuitzettingen 37 26
    20") becomes "Huisuitzettingen | 37 | 26 | 20", a paragraph of its own, so it is never glued
    to the table's header or to the next row as one "sentence". A line of figures only belongs
    to the label on the line above it (a label that wrapped in its cell). Inside a table, a row
    with one figure is a row too ("Beschermd wonen -50" between "Actieplan jeugd -287 -287" rows)."""
    rows = _table_rows(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        if index not in rows:
            out.append(line)
            continue
        label, cells = rows[index]
        if not label and out and out[-1].strip() and not out[-1].rstrip().endswith(_SENTENCE_END):
            label = out.pop().strip()  # the row's label wrapped onto the line above
        if out and out[-1].strip():
            out.append("")
        out.append(CELL_SEPARATOR.join([label, *cells]) if label else CELL_SEPARATOR.join(cells))
        out.append("")
    return out


# a label of a table row with one figure: short, and no sentence end before its figure
SINGLE_CELL_LABEL_WORDS = 6
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d(?:-(?:19|20)\d\d)?$")


def _one_figure_row(label: str, cells: list[str]) -> bool:
    """Could this line be a table row with one figure ("Preventieve begeleiding statushouders -75")?"""
    return (
        len(cells) == 1
        and any(c.isdigit() for c in cells[0])  # a figure, not a lone "€" or "-"
        and not _YEAR_CELL.match(cells[0])  # "Doel 2026", "Tabel … 2022-2026" head a column; "sinds 2019" is prose
        and bool(label)
        and len(label.split()) <= SINGLE_CELL_LABEL_WORDS
        and not label.endswith(_SENTENCE_END)
    )


def _table_rows(lines: list[str]) -> dict[int, tuple[str, list[str]]]:
    """The lines that are table rows, with their label and cells. Two or more figures at the end
    make a row. One figure at the end is common in prose too ("… sinds 2019"), so such a line is a
    row only inside a table: in a run of consecutive lines (blank lines between allowed) that are
    each a row or could be one, and that holds at least one row with two or more figures."""
    rows: dict[int, tuple[str, list[str]]] = {}
    run: list[tuple[int, str, list[str]]] = []  # the candidates with one figure of the current run
    run_has_table = False
    for index, line in enumerate([*lines, "end of the page."]):  # a last line that ends any run
        stripped = line.strip()
        if not stripped:
            continue  # blank lines do not break a run
        label, cells = _trailing_cells(stripped) if not stripped.endswith(".") else ("", [])
        if len(cells) >= TABLE_MIN_CELLS:
            rows[index] = (label, cells)
            run_has_table = True
        elif CELL_SEPARATOR not in stripped and _one_figure_row(label, cells):
            run.append((index, label, cells))  # a line the layout already cut into cells stays as it is
        else:
            if run_has_table:
                rows.update({i: (lab, c) for i, lab, c in run})
            run, run_has_table = [], False
    return rows


def join_page_breaks(texts: list[str], numbers: list[int] | None = None) -> tuple[list[str], list[int | None]]:
    """Sentences cut by a page break are made whole on the page where they start.

    When a page's text ends mid-sentence (no closing punctuation, or a hyphenated word) and the
    next page goes on in lower case, the next page's text up to its first sentence end (or
    paragraph break) moves to the end of this page. Returns the new texts and, per page, the
    offset from which its text comes from the next page (None: nothing moved), so evidence can
    name its page range."""
    texts = list(texts)
    spill: list[int | None] = [None] * len(texts)
    numbers = numbers or list(range(1, len(texts) + 1))
    for i in range(len(texts) - 1):
        here, following = texts[i].rstrip(), texts[i + 1].lstrip()
        if not here or not following or numbers[i + 1] != numbers[i] + 1:
            continue
        last_paragraph = here.rsplit("\n\n", 1)[-1]
        hyphenated = here.endswith("-") and here[-2:-1].isalpha()
        if not hyphenated and (
            here.endswith(_SENTENCE_END) or ("\n" not in last_paragraph and len(last_paragraph) < 60)
        ):
            continue  # a finished sentence, or a short last line (a heading, a table cell)
        if not (following[0].islower() or (hyphenated and following[0].isalpha())):
            continue
        cut = _first_sentence_end(following)
        fragment, rest = following[:cut], following[cut:].lstrip()
        if not rest.strip():
            continue  # the whole next page would move: leave the page its text
        removed = False
        if hyphenated:
            joined, removed = join_hyphenated(here, fragment)
        else:
            joined = here + " " + fragment
        spill[i] = len(here) - 1 if removed else len(here)
        texts[i] = joined.rstrip()
        texts[i + 1] = rest
    return texts, spill


def _first_sentence_end(text: str) -> int:
    """Offset just after the first sentence end (". " / end of paragraph) in `text`."""
    paragraph = text.find("\n\n")
    limit = paragraph if paragraph >= 0 else len(text)
    match = re.search(r"[.!?](?=[\s\"”’)]|$)", text[:limit])
    return match.end() if match else limit


def clean_pages(raw_pages: list[str]) -> list[str]:
    """Clean the raw text of all pages of one document (headers need the whole document)."""
    pages_lines = [[_SPACES.sub(" ", line).strip() for line in normalise_unicode(raw).split("\n")] for raw in raw_pages]
    running = find_running_lines(pages_lines)
    cleaned = []
    for lines in pages_lines:
        lines = strip_running_lines(lines, running)
        lines = strip_table_of_contents(lines)
        lines = undo_hyphenation(lines)
        lines = mark_table_rows(lines)
        cleaned.append(restore_paragraphs(lines))
    return cleaned
