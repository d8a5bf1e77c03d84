"""stage: corpus — builds the demo corpus.

Renders every ``corpus/demo_src/<plan_id>.txt`` (fictional Dutch regional
homelessness policy plans written for omslag) to ``corpus/demo/<plan_id>.pdf``
and writes ``corpus/demo/manifest.tsv`` from the front matter of the sources.

Run from the repository root (or anywhere)::

    python corpus/build_demo.py

Only reportlab and Pillow are needed. The PDFs are byte-identical across
rebuilds on the same machine (reportlab ``invariant=1``, no clock, no
randomness except a fixed-seed generator for the scanned-page noise), so the
corpus can be regenerated instead of trusted blindly.

Why the PDFs look the way they do
---------------------------------
Real regional plans arrive as messy PDFs, so the demo corpus deliberately
reproduces the layout problems omslag's text extraction has to survive:

* a running header (region + short title) and a page-number footer
  ("Pagina 3 van 12" or "- 3 -") on every page, which must be stripped;
* justified body text with *real* hyphenated line breaks ("maatschap-" /
  "pelijke"), produced by a small deterministic Dutch hyphenator below, next to
  genuine hyphens ("Wonen Eerst-aanpak", "dak- en thuisloosheid") that must
  survive de-hyphenation;
* optionally one page set in two columns, so reading order matters;
* optionally one image-only ("scanned") page with no text layer at all.

Source markup (``corpus/demo_src/*.txt``)
-----------------------------------------
The file starts with a front-matter block between two ``---`` lines holding
``key: value`` pairs. Required keys: ``plan_id region centrumgemeente date
doc_type title short_title level_wonen level_preventie level_participatie
advocacy notes``. Optional: ``footer`` (``pagina-van`` (default) or
``streepjes``), ``author``, ``quirks_extra`` (extra ``;``-separated tokens for
the manifest).

After the front matter, the body is read block by block. Blocks are separated
by blank lines; consecutive non-blank lines of a paragraph are joined.

===============================  ============================================
``# Titel``                      document title (large, bold)
``> tekst``                      subtitle / meta line (grey, smaller)
``## Kop``                       section heading (appears in ``[[toc]]``)
``### Kop``                      sub-heading
``- item``                       bullet (one source line per bullet)
``1. item``                      numbered item (number kept as written)
``| a | b |``                    table row; first row is the header row;
                                 rows like ``|---|---|`` are ignored
``[[plaintable]]``               next table is borderless (letter heads)
``[[widths 30 70]]``             relative column widths for the next table
``[[pagebreak]]``                force a new page
``[[spacer 40]]``                vertical space in points
``[[toc]]``                      table of contents of the ``##`` headings
``[[columns]] ... [[/columns]]`` content set on its own two-column page(s)
``[[scanned]] ... [[/scanned]]`` one image-only page (PIL raster, no text
                                 layer); inside: ``#``, ``##``, paragraphs,
                                 ``- `` bullets, ``[[signature]]``, ``[[gap]]``
===============================  ============================================

Inline: ``**vet**`` and ``*cursief*``. Everything else is literal text
(``&``, ``<`` and ``>`` are escaped for reportlab).
"""

from __future__ import annotations

import hashlib
import io
import math
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

# Deterministic output: fixed timestamps and document ids in every PDF.
rl_config.invariant = 1

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "demo_src"
OUT_DIR = HERE / "demo"

PAGE_W, PAGE_H = A4
MARGIN_L = MARGIN_R = 2.5 * cm
MARGIN_T = 2.8 * cm  # leaves room for the running header
MARGIN_B = 2.4 * cm  # leaves room for the footer
COL_GAP = 0.8 * cm

MANIFEST_COLUMNS = [
    "file",
    "plan_id",
    "region",
    "centrumgemeente",
    "date",
    "doc_type",
    "title",
    "level_wonen",
    "level_preventie",
    "level_participatie",
    "advocacy",
    "quirks",
    "notes",
]
REQUIRED_KEYS = [c for c in MANIFEST_COLUMNS if c not in ("file", "quirks")]
REQUIRED_KEYS.append("short_title")

# --------------------------------------------------------------------------
# Fonts: Bitstream Vera ships inside reportlab, so the build works on any
# machine with reportlab installed, and it covers ë, ö, é, € and curly quotes.
# --------------------------------------------------------------------------
_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT_FILES = {
    "Vera": "Vera.ttf",
    "Vera-Bold": "VeraBd.ttf",
    "Vera-Italic": "VeraIt.ttf",
    "Vera-BoldItalic": "VeraBI.ttf",
}


def register_fonts() -> None:
    for name, fname in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / fname)))
    pdfmetrics.registerFontFamily(
        "Vera", normal="Vera", bold="Vera-Bold", italic="Vera-Italic", boldItalic="Vera-BoldItalic"
    )


# --------------------------------------------------------------------------
# Dutch hyphenation.
#
# reportlab accepts a callable as ``hyphenationLang``: word -> iterable of
# (head, tail) pairs, tried in order until the head (plus "-") fits on the
# line. We supply our own so no dictionary (pyphen) or network is needed and
# the result is fully deterministic. It is a rule-based syllabifier, good
# enough that splits look like a Dutch word processor made them:
#   1. known prefixes and compound parts (opvang|voorzieningen, huis|uit...)
#      are cut first, because Dutch compounds break at their seams;
#   2. inside each part: V-CV, VC-CV, keep "ch" together, "sch"/"str"/"pr"...
#      go to the next syllable, a diaeresis (ë, ï) starts a new syllable.
# --------------------------------------------------------------------------
_VOWELS = set("aeiouyáéíóúàèâêîôûëïöü")
_DIAERESIS = set("ëïöü")
_UNDIAERESIS = str.maketrans("ëïöü", "eiou")
_NUCLEI = {  # vowel groups that form one syllable nucleus
    "aa",
    "ee",
    "oo",
    "uu",
    "ie",
    "oe",
    "eu",
    "ui",
    "ei",
    "ij",
    "ou",
    "au",
    "ai",
    "oi",
    "ooi",
    "aai",
    "oei",
    "eeu",
    "ieu",
    "ay",
    "ey",
    "oy",
    "uy",
    "eui",  # portefeuille
}
_ONSETS = [  # consonant clusters that may start a syllable, longest first
    "schr",
    "sch",
    "spr",
    "str",
    "spl",
    "bl",
    "br",
    "dr",
    "fl",
    "fr",
    "gl",
    "gr",
    "kl",
    "kr",
    "pl",
    "pr",
    "tr",
    "vl",
    "vr",
    "wr",
    "cr",
]
# Prefixes that are a syllable boundary even before a vowel (be|ëindigen,
# on|afhankelijk, ver|andering). Only used at the start of a word.
_STRONG_PREFIXES = ["onder", "over", "ont", "ver", "her", "be", "ge", "on"]
# Compound parts: a seam is used only where the next part starts with a
# consonant or is itself a known part (werk|ing would be wrong: wer-king).
_PARTS = sorted(
    set(
        [
            "aan",
            "aanpak",
            "aanbod",
            "aanbieder",
            "aanbieders",
            "actie",
            "acties",
            "af",
            "afbouw",
            "afspraken",
            "agenda",
            "bouw",
            "beleid",
            "beleids",
            "belangen",
            "behartiging",
            "behartiger",
            "behartigers",
            "bestaans",
            "bestuur",
            "brief",
            "budget",
            "centrum",
            "cliënt",
            "cliënten",
            "contract",
            "corporatie",
            "corporaties",
            "crisis",
            "dak",
            "dag",
            "deskundig",
            "deskundige",
            "deskundigen",
            "detentie",
            "door",
            "doorstroom",
            "eerst",
            "ervarings",
            "gemeente",
            "gemeenten",
            "gezin",
            "gezinnen",
            "groep",
            "groepen",
            "heid",
            "herhaal",
            "houder",
            "hulp",
            "huis",
            "huur",
            "huurder",
            "huurders",
            "informatie",
            "inkomen",
            "instroom",
            "jeugd",
            "jongeren",
            "kader",
            "kennis",
            "loos",
            "loosheid",
            "maatschappelijk",
            "maatschappelijke",
            "mede",
            "middelen",
            "monitor",
            "monitoring",
            "nacht",
            "nood",
            "ombouw",
            "opvang",
            "op",
            "plan",
            "plannen",
            "plek",
            "plekken",
            "preventie",
            "programma",
            "raad",
            "raden",
            "raads",
            "regio",
            "samen",
            "schuld",
            "schulden",
            "signalering",
            "stroom",
            "team",
            "teams",
            "thuis",
            "thuisloosheid",
            "toe",
            "toegang",
            "uit",
            "uitstroom",
            "uitvoering",
            "uitzetting",
            "uitzettingen",
            "verlening",
            "visie",
            "voor",
            "voorziening",
            "voorzieningen",
            "werk",
            "werkgroep",
            "wet",
            "wethouder",
            "wijk",
            "woon",
            "wonen",
            "woning",
            "woningen",
            "zekerheid",
            "zorg",
            "geweld",
            "sociaal",
            "domein",
            "ondersteuning",
            "begeleiding",
            "samenwerking",
            "regionaal",
            "regionale",
            "kern",
            "punt",
            "indicator",
            "indicatoren",
            "beslissen",
            "shift",
            "voortgang",
            "uitgang",
            "toegang",
            "overleg",
            "overeenkomst",
        ]
    ),
    key=lambda p: (-len(p), p),
)
_PARTS_SET = set(_PARTS)
# Parts after which an "s" is a linking s (ervarings-, beleids-, gezins-).
_LINKING_S_AFTER = ("ing", "heid", "schap", "gezin", "ang", "leid", "aan")
MIN_LEFT, MIN_RIGHT, MIN_WORD = 2, 3, 8


def _units(word: str) -> list[str]:
    """Split into letters, keeping 'ij' (a vowel) and 'ch' (one sound) whole."""
    out, i = [], 0
    while i < len(word):
        two = word[i : i + 2]
        if two in ("ij", "ch"):
            out.append(two)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def _is_vowel_unit(u: str) -> bool:
    return u == "ij" or u[0] in _VOWELS


def _split_vowel_run(run: list[str]) -> list[list[str]]:
    """Split a run of vowel units into nuclei (so-ci|aal, re-gi|o-naal)."""
    nuclei, i = [], 0
    while i < len(run):
        take = 1
        for n in (3, 2):
            cand = run[i : i + n]
            # a diaeresis opens a new nucleus (cli|ën|ten) but may itself
            # start a vowel group (be|ëin|di|gen)
            plain = "".join(cand).translate(_UNDIAERESIS)
            if len(cand) == n and plain in _NUCLEI and not any(c[0] in _DIAERESIS for c in cand[1:]):
                take = n
                break
        nuclei.append(run[i : i + take])
        i += take
    return nuclei


def _syllable_cuts(part: str) -> list[int]:
    """Character offsets inside ``part`` where a syllable boundary falls."""
    units = _units(part)
    # group into alternating consonant clusters and vowel nuclei
    groups: list[tuple[str, list[str]]] = []  # ("C"|"V", units)
    i = 0
    while i < len(units):
        if _is_vowel_unit(units[i]):
            j = i
            while j < len(units) and _is_vowel_unit(units[j]):
                j += 1
            for nuc in _split_vowel_run(units[i:j]):
                groups.append(("V", nuc))
            i = j
        else:
            j = i
            while j < len(units) and not _is_vowel_unit(units[j]):
                j += 1
            groups.append(("C", units[i:j]))
            i = j
    cuts, pos = [], 0
    for k, (kind, us) in enumerate(groups):
        length = sum(len(u) for u in us)
        prev_is_v = k > 0 and groups[k - 1][0] == "V"
        next_is_v = k + 1 < len(groups) and groups[k + 1][0] == "V"
        if kind == "V" and prev_is_v:
            cuts.append(pos)  # hiatus: so-ci|aal
        elif kind == "C" and prev_is_v and next_is_v:
            cluster = "".join(us)
            if len(us) == 1:
                cuts.append(pos)  # V-CV
            else:
                onset_len = len(us[-1])  # default: last consonant moves on
                for onset in _ONSETS:
                    if cluster.endswith(onset) and len(onset) > onset_len:
                        onset_len = len(onset)
                        break
                # 'st'/'sp' only start a syllable after another consonant
                # (ven-ster, zelf-stan-dig) but not alone (kos-ten), and not
                # after 'ng', where the s is usually a linking s (gangs-punt).
                if onset_len == 1 and len(us) >= 3 and cluster[-2:] in ("st", "sp") and not cluster.startswith("ng"):
                    onset_len = 2
                # after -ing/-ang an "s" is a linking s: ervarings|deskundige
                if cluster.startswith("ngs") and len(us) >= 4:
                    onset_len = length - 3
                if onset_len >= length:
                    cuts.append(pos)  # whole cluster is an onset: a-pril
                else:
                    cuts.append(pos + length - onset_len)
        pos += length
    return cuts


def _has_vowel(s: str) -> bool:
    return any(c in _VOWELS for c in s)


def _valid_onset(rest: str) -> bool:
    """True if ``rest`` can start a syllable (vowel, one consonant, onset)."""
    if not rest:
        return False
    if rest[0] in _VOWELS:
        return True
    cons = re.match(r"[^aeiouyáéíóúàèâêîôûëïöü]+", rest).group(0)
    cons = cons[:-1] if cons.endswith("i") else cons
    return (
        len(cons) == 1
        or cons in _ONSETS
        or cons in ("ch", "st", "sp", "sl", "sm", "sn", "sk", "sw", "kw", "zw", "schr")
    )


def _strip_prefix(piece: str) -> list[str]:
    """Split a strong prefix off a piece: be|staans, ver|andering, on|afhankelijk."""
    for pre in _STRONG_PREFIXES:
        rest = piece[len(pre) :]
        if (
            piece.startswith(pre)
            and len(rest) >= 3
            and _has_vowel(rest)
            and _valid_onset(rest)
            and (pre[-1] + rest[0]) not in _NUCLEI
        ):  # not ge|estelijk
            return [pre, *_strip_prefix(rest)] if pre in ("on", "be") else [pre, rest]
    return [piece]


def _seam_ok(part: str, rest: str) -> bool:
    """May a compound part end here? Not inside 'sch'/'ch' (huurder|schap is
    fine, huurders|chap is not), and not before a vowel-initial suffix
    (werk|ing would be wrong: wer-king) unless another known part follows."""
    if not rest:
        return True
    if (part.endswith("s") and rest.startswith("ch")) or (part.endswith("c") and rest.startswith("h")):
        return False
    if rest[0] in _VOWELS:
        return any(rest.startswith(p) for p in _PARTS_SET)
    return _has_vowel(rest)


def _segment(word: str) -> list[str]:
    """Cut a lower-case word into compound parts, then strip strong prefixes.

    Greedy left to right: at each position the longest known part with a
    sensible seam is taken, otherwise one letter is added to the current
    unknown stretch. Every resulting piece may then lose a strong prefix.
    """
    pieces: list[str] = []
    i, unknown = 0, ""
    while i < len(word):
        # short parts (aan, dak, uit...) hide inside ordinary words
        # (onderst|aande), so they only count at a seam we already trust
        at_seam = not unknown
        match = next(
            (
                p
                for p in _PARTS
                if word.startswith(p, i) and (len(p) > 3 or at_seam) and _seam_ok(p, word[i + len(p) :])
            ),
            None,
        )
        if match and (not unknown or _has_vowel(unknown)):
            if unknown:
                pieces.append(unknown)
                unknown = ""
            end = i + len(match)
            # linking s stays with the left part: samenwerkings|verband
            if (
                match.endswith(_LINKING_S_AFTER)
                and word[end : end + 1] == "s"
                and not word.startswith("sch", end)
                and _has_vowel(word[end + 1 :])
            ):
                match += "s"
            pieces.append(match)
            i += len(match)
        else:
            unknown += word[i]
            i += 1
    if unknown:
        pieces.append(unknown)
    # pieces without a vowel cannot stand alone: glue them to the left
    merged: list[str] = []
    for p in pieces:
        if merged and not _has_vowel(p):
            merged[-1] += p
        else:
            merged.append(p)
    return [q for p in merged for q in _strip_prefix(p)]


def hyphenation_points(word: str) -> list[int]:
    """Offsets where ``word`` may be split, e.g. maatschappelijke -> 4,9,11,14."""
    lower = word.lower()
    if len(word) < MIN_WORD or not lower.isalpha() or word.isupper():
        return []
    points, offset = set(), 0
    pieces = _segment(lower)
    for n, piece in enumerate(pieces):
        if n:
            points.add(offset)
        for c in _syllable_cuts(piece):
            # no lone vowel at the start of a part: over-een, not o-ver-een
            if not (c == 1 and piece[0] in _VOWELS):
                points.add(offset + c)
        offset += len(piece)
    return sorted(
        p for p in points if MIN_LEFT <= p <= len(word) - MIN_RIGHT and _has_vowel(lower[:p]) and _has_vowel(lower[p:])
    )


def dutch_hyphenator(word: str):
    """reportlab hyphenation callback: (head, tail) pairs, longest head first."""
    return [(word[:p], word[p:]) for p in reversed(hyphenation_points(word))]


# --------------------------------------------------------------------------
# Source parsing
# --------------------------------------------------------------------------
@dataclass
class Block:
    kind: str  # title meta h1 h2 para bullet number table pagebreak spacer
    text: str = ""  # toc columns scanned
    rows: list = field(default_factory=list)
    children: list = field(default_factory=list)  # for columns / scanned
    plain: bool = False
    widths: list | None = None
    label: str = ""


def parse_front_matter(raw: str, path: Path) -> tuple[dict, str]:
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "---":
        raise SystemExit(f"{path}: missing front matter")
    end = lines.index("---", 1)
    meta = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
    if missing:
        raise SystemExit(f"{path}: front matter lacks {missing}")
    for key in ("level_wonen", "level_preventie", "level_participatie"):
        if meta[key] not in "12345" or len(meta[key]) != 1:
            raise SystemExit(f"{path}: {key} must be 1..5")
    if meta["advocacy"] not in ("ja", "nee"):
        raise SystemExit(f"{path}: advocacy must be ja/nee")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"]):
        raise SystemExit(f"{path}: date must be yyyy-mm-dd")
    return meta, "\n".join(lines[end + 1 :])


def parse_body(text: str) -> list[Block]:
    blocks: list[Block] = []
    stack = [blocks]  # nested containers for [[columns]] / [[scanned]]
    para: list[str] = []
    table: list[list[str]] = []
    pending = {"plain": False, "widths": None}

    def flush_para():
        if para:
            stack[-1].append(Block("para", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_table():
        if table:
            stack[-1].append(
                Block("table", rows=[r[:] for r in table], plain=pending["plain"], widths=pending["widths"])
            )
            table.clear()
            pending["plain"], pending["widths"] = False, None

    for line in text.splitlines():
        s = line.strip()
        if s.startswith("|"):
            flush_para()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                table.append(cells)
            continue
        flush_table()
        if not s:
            flush_para()
            continue
        m = re.fullmatch(r"\[\[(/?)(\w+)\s*(.*?)\]\]", s)
        if m:
            flush_para()
            closing, name, arg = m.groups()
            if name in ("columns", "scanned"):
                if closing:
                    stack.pop()
                else:
                    blk = Block(name)
                    stack[-1].append(blk)
                    stack.append(blk.children)
            elif name == "plaintable":
                pending["plain"] = True
            elif name == "widths":
                pending["widths"] = [float(x) for x in arg.split()]
            elif name == "spacer":
                stack[-1].append(Block("spacer", arg or "12"))
            elif name in ("pagebreak", "toc", "signature", "gap"):
                stack[-1].append(Block(name))
            else:
                raise SystemExit(f"unknown directive {s!r}")
            continue
        for prefix, kind in (("### ", "h2"), ("## ", "h1"), ("# ", "title"), ("> ", "meta"), ("- ", "bullet")):
            if s.startswith(prefix):
                flush_para()
                stack[-1].append(Block(kind, s[len(prefix) :].strip()))
                break
        else:
            m = re.match(r"(\d+[.)])\s+(.*)", s)
            if m and not para:
                stack[-1].append(Block("number", m.group(2), label=m.group(1)))
            else:
                para.append(s)
    flush_para()
    flush_table()
    if len(stack) != 1:
        raise SystemExit("unclosed [[columns]] or [[scanned]] block")
    return blocks


def inline(text: str) -> str:
    """Escape for reportlab's mini-markup, then apply **bold** / *italic*."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text


# --------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------
def make_styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName="Vera",
        fontSize=10.5,
        leading=15,
        alignment=TA_JUSTIFY,
        spaceAfter=6.5,
        hyphenationLang=dutch_hyphenator,  # callable -> our own hyphenator
        embeddedHyphenation=1,  # may also break at real hyphens (Eerst-aanpak)
        hyphenationMinWordLength=MIN_WORD,
    )
    return {
        "body": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3.5, bulletFontName="Vera"
        ),
        "title": ParagraphStyle(
            "title",
            fontName="Vera-Bold",
            fontSize=21,
            leading=26,
            spaceAfter=10,
            alignment=TA_LEFT,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "meta": ParagraphStyle(
            "meta", fontName="Vera", fontSize=10.5, leading=15, textColor=colors.HexColor("#4a4a4a"), spaceAfter=2
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName="Vera-Bold",
            fontSize=13.5,
            leading=17,
            spaceBefore=12,
            spaceAfter=6,
            textColor=colors.HexColor("#1f3a5f"),
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2", fontName="Vera-Bold", fontSize=10.8, leading=14, spaceBefore=8, spaceAfter=3, keepWithNext=1
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.6, leading=11, alignment=TA_LEFT, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", fontName="Vera-Bold", fontSize=8.6, leading=11),
        "toc1": ParagraphStyle("toc1", fontName="Vera", fontSize=10.5, leading=16),
        "tocnum": ParagraphStyle("tocnum", fontName="Vera", fontSize=10.5, leading=16, alignment=TA_RIGHT),
    }


# --------------------------------------------------------------------------
# Scanned page: rasterise text with Pillow onto a grey, noisy "paper" so the
# page carries pixels only, like a signed page that was put through a copier.
# --------------------------------------------------------------------------
SCAN_DPI = 150


def render_scan(children: list[Block], header: tuple[str, str], footer: str, seed: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    w, h = int(PAGE_W / 72 * SCAN_DPI), int(PAGE_H / 72 * SCAN_DPI)
    px = SCAN_DPI / 72.0  # pixels per point
    # Seed from the plan id so every rebuild gives identical pixels.
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    paper = noise.point(lambda v: 224 + v * 16 // 255)  # light grey, grainy
    draw = ImageDraw.Draw(paper)
    ink = 38

    def font(name: str, pt: float):
        return ImageFont.truetype(str(_FONT_DIR / FONT_FILES[name]), int(pt * px))

    f_body, f_bold = font("Vera", 10), font("Vera-Bold", 10)
    f_title, f_small = font("Vera-Bold", 14), font("Vera", 8)
    left, right = int(MARGIN_L * px), int(w - MARGIN_R * px)
    y = int(1.5 * cm * px)
    # the printed running header and footer are part of the picture
    draw.text((left, y), header[0], font=f_small, fill=90)
    hw = draw.textlength(header[1], font=f_small)
    draw.text((right - hw, y), header[1], font=f_small, fill=90)
    draw.line((left, y + 22, right, y + 22), fill=120, width=1)
    fw = draw.textlength(footer, font=f_small)
    draw.text(((w - fw) / 2, h - int(1.5 * cm * px)), footer, font=f_small, fill=90)
    y = int(MARGIN_T * px)

    def wrap(text: str, f, width: float) -> list[str]:
        lines, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}".strip()
            if draw.textlength(trial, font=f) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = word
        return lines + ([cur] if cur else [])

    line_h = int(14.5 * px)
    for blk in children:
        plain = re.sub(r"\*\*?(.+?)\*\*?", r"\1", blk.text)
        if blk.kind == "title":
            for ln in wrap(plain, f_title, right - left):
                draw.text((left, y), ln, font=f_title, fill=ink)
                y += int(19 * px)
            y += int(6 * px)
        elif blk.kind == "h1":
            y += int(6 * px)
            draw.text((left, y), plain, font=f_bold, fill=ink)
            y += line_h + int(2 * px)
        elif blk.kind in ("para", "meta"):
            for ln in wrap(plain, f_body, right - left):
                draw.text((left, y), ln, font=f_body, fill=ink)
                y += line_h
            y += int(6 * px)
        elif blk.kind in ("bullet", "number"):
            mark = "•" if blk.kind == "bullet" else blk.label
            draw.text((left + int(4 * px), y), mark, font=f_body, fill=ink)
            for ln in wrap(plain, f_body, right - left - int(16 * px)):
                draw.text((left + int(16 * px), y), ln, font=f_body, fill=ink)
                y += line_h
            y += int(3 * px)
        elif blk.kind == "signature":
            # a hand-drawn-looking scribble from the same seeded generator:
            # a few overlapping sine waves with a fading amplitude
            x0, y0 = left + 10, y + int(22 * px)
            ph = [rng.uniform(0, 6.28) for _ in range(3)]
            pts = []
            for i in range(140):
                t = i / 139
                dy = (16 * math.sin(t * 19 + ph[0]) + 7 * math.sin(t * 47 + ph[1]) + 4 * math.sin(t * 83 + ph[2])) * (
                    1.1 - 0.6 * t
                )
                pts.append((x0 + t * 300 + 10 * math.sin(t * 31 + ph[1]), y0 + dy))
            draw.line(pts, fill=28, width=3, joint="curve")
            draw.line((x0 + 40, y0 + 30, x0 + 330, y0 + 18), fill=40, width=2)
            y += int(44 * px)
        elif blk.kind == "gap":
            y += int(18 * px)
        elif blk.kind == "spacer":
            y += int(float(blk.text) * px)
        else:
            raise SystemExit(f"[[scanned]] cannot contain {blk.kind}")
    # copier artefacts: slight skew, soft focus, a darker binding edge
    img = paper.rotate(0.45, resample=Image.BICUBIC, fillcolor=226)
    img = img.filter(ImageFilter.GaussianBlur(0.55))
    edge = ImageDraw.Draw(img)
    for i in range(18):
        edge.line((i, 0, i, h), fill=120 + i * 5)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=72, optimize=False)
    return buf.getvalue()


class ScannedPage(Flowable):
    """Fills a whole page with a raster image; draws no text at all."""

    def __init__(self, jpeg: bytes, info: BuildInfo):
        super().__init__()
        self.jpeg, self.info = jpeg, info

    def wrap(self, aw, ah):
        # claim the whole frame so the next flowable starts on a new page
        return aw, ah

    def drawOn(self, canvas, x, y, _sW=0):
        # ignore the frame position: the scan covers the full sheet
        self.info.scanned_pages.append(canvas.getPageNumber())
        canvas.drawImage(ImageReader(io.BytesIO(self.jpeg)), 0, 0, width=PAGE_W, height=PAGE_H)


class BodyParagraph(Paragraph):
    """Body text; remembers whether reportlab hyphenated any of its lines,
    so the manifest only claims the 'hyphenation' quirk when it is real."""

    hyphenated_lines = 0  # reset per rendering pass in render()

    def breakLines(self, width):
        result = super().breakLines(width)
        BodyParagraph.hyphenated_lines += getattr(self, "_hyphenations", 0)
        return result


class Heading(Paragraph):
    """A paragraph whose page number is recorded for the table of contents."""

    def __init__(self, text, style, key):
        super().__init__(text, style)
        self.toc_key = key


# --------------------------------------------------------------------------
# Document assembly
# --------------------------------------------------------------------------
@dataclass
class BuildInfo:
    """What one rendering pass learned; fed into the next pass."""

    total_pages: int = 0
    heading_pages: dict = field(default_factory=dict)
    scanned_pages: list = field(default_factory=list)
    twocol_pages: list = field(default_factory=list)
    hyphenated: bool = False
    scans_planned: int = 0  # scanned blocks seen while assembling the story


def page_label(meta: dict, page: int, prev: BuildInfo | None) -> str:
    """Footer text; the total comes from the previous pass (99 in pass 1,
    which only changes pixels outside the text frames, not the layout)."""
    total = prev.total_pages if prev else 99
    if meta.get("footer", "pagina-van") == "streepjes":
        return f"- {page} -"
    return f"Pagina {page} van {total}"


class PlanDoc(BaseDocTemplate):
    def __init__(self, buf, meta: dict, prev: BuildInfo | None, info: BuildInfo):
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=MARGIN_L,
            rightMargin=MARGIN_R,
            topMargin=MARGIN_T,
            bottomMargin=MARGIN_B,
            title=meta["title"],
            author=meta.get("author", meta["region"]),
            subject=meta["doc_type"],
            creator="omslag demo corpus",
            invariant=1,
            lang="nl-NL",
        )
        self.meta, self.prev, self.info = meta, prev, info
        fw = PAGE_W - MARGIN_L - MARGIN_R
        fh = PAGE_H - MARGIN_T - MARGIN_B
        colw = (fw - COL_GAP) / 2
        one = Frame(MARGIN_L, MARGIN_B, fw, fh, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cols = [
            Frame(
                MARGIN_L + i * (colw + COL_GAP),
                MARGIN_B,
                colw,
                fh,
                id=f"col{i}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for i in (0, 1)
        ]
        self.addPageTemplates(
            [
                PageTemplate("body", [one], onPage=self.decorate),
                PageTemplate("twocol", cols, onPage=self.decorate_twocol),
                # no onPage: a scanned page must not get a text header/footer
                PageTemplate("scanned", [one]),
            ]
        )

    def decorate(self, canvas, doc):
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        top = PAGE_H - 1.5 * cm
        canvas.drawString(MARGIN_L, top, self.meta["region"])
        canvas.drawRightString(PAGE_W - MARGIN_R, top, self.meta["short_title"])
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_L, top - 5, PAGE_W - MARGIN_R, top - 5)
        canvas.setFont("Vera", 8.5)
        canvas.drawCentredString(PAGE_W / 2, 1.3 * cm, page_label(self.meta, doc.page, self.prev))
        canvas.restoreState()

    def decorate_twocol(self, canvas, doc):
        self.info.twocol_pages.append(doc.page)
        self.decorate(canvas, doc)

    def afterFlowable(self, flowable):
        key = getattr(flowable, "toc_key", None)
        if key is not None:
            self.info.heading_pages.setdefault(key, self.page)


def make_table(blk: Block, st: dict, avail: float) -> Table:
    ncols = max(len(r) for r in blk.rows)
    rows = [r + [""] * (ncols - len(r)) for r in blk.rows]
    # wider columns for longer text, but never starve a short column
    rel = blk.widths or [max(6.0, max(len(r[c]) for r in rows) ** 0.5 * 4) for c in range(ncols)]
    widths = [avail * x / sum(rel) for x in rel]
    data = []
    for i, r in enumerate(rows):
        style = st["cellhead"] if (i == 0 and not blk.plain) else st["cell"]
        data.append([Paragraph(inline(c), style) for c in r])
    t = Table(data, colWidths=widths, repeatRows=0 if blk.plain else 1, hAlign="LEFT")
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if not blk.plain:
        cmds += [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe6ee")),
        ]
    else:
        cmds += [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    t.setStyle(TableStyle(cmds))
    return t


def break_page(story: list, template: str | None = None) -> None:
    """Start a new page (optionally with another page template).

    Two PageBreaks in a row would leave an empty page, so when the story
    already ends in a break we only slip the template switch in before it.
    """
    if story and isinstance(story[-1], PageBreak):
        if template:
            story.insert(len(story) - 1, NextPageTemplate(template))
        return
    if template:
        story.append(NextPageTemplate(template))
    story.append(PageBreak())


def make_story(
    blocks: list[Block], meta: dict, st: dict, prev: BuildInfo | None, info: BuildInfo, avail: float
) -> list:
    story: list = []
    for blk in blocks:
        k = blk.kind
        if k == "title":
            story.append(Paragraph(inline(blk.text), st["title"]))
        elif k == "meta":
            story.append(Paragraph(inline(blk.text), st["meta"]))
        elif k == "h1":
            story.append(Heading(inline(blk.text), st["h1"], blk.text))
        elif k == "h2":
            story.append(Paragraph(inline(blk.text), st["h2"]))
        elif k == "para":
            story.append(BodyParagraph(inline(blk.text), st["body"]))
        elif k == "bullet":
            story.append(BodyParagraph(inline(blk.text), st["bullet"], bulletText="•"))
        elif k == "number":
            story.append(BodyParagraph(inline(blk.text), st["bullet"], bulletText=blk.label))
        elif k == "table":
            table = make_table(blk, st, avail)
            # letter heads and signature blocks must not break across pages
            story.append(KeepTogether([table]) if blk.plain else table)
            story.append(Spacer(1, 8))
        elif k == "pagebreak":
            break_page(story)
        elif k == "spacer":
            story.append(Spacer(1, float(blk.text)))
        elif k == "toc":
            story.append(make_toc(blocks, st, prev, avail))
        elif k == "columns":
            # switch template for the next page, fill it, then switch back
            colw = (avail - COL_GAP) / 2
            break_page(story, "twocol")
            story += make_story(blk.children, meta, st, prev, info, colw)
            break_page(story, "body")
        elif k == "scanned":
            # the printed footer inside the picture needs the page number,
            # which only the previous pass knows
            nth = info.scans_planned
            info.scans_planned += 1
            page = prev.scanned_pages[nth] if prev and len(prev.scanned_pages) > nth else 0
            jpeg = render_scan(
                blk.children,
                (meta["region"], meta["short_title"]),
                page_label(meta, page, prev),
                f"{meta['plan_id']}#{nth}",
            )
            break_page(story, "scanned")
            story += [NextPageTemplate("body"), ScannedPage(jpeg, info)]
        else:
            raise SystemExit(f"block {k} not allowed here")
    return story


def make_toc(blocks: list[Block], st: dict, prev: BuildInfo | None, avail: float):
    """Inhoudsopgave from the ## headings; page numbers come from the previous
    pass (placeholder "00" in the first pass keeps the layout identical)."""

    def walk(bs):  # headings inside [[columns]] count too, in reading order
        for b in bs:
            if b.kind == "h1" and b.text.lower() not in ("inhoud", "inhoudsopgave"):
                yield b.text
            yield from walk(b.children)

    heads = list(walk(blocks))
    rows = []
    for h in heads:
        page = prev.heading_pages.get(h, 0) if prev else 0
        rows.append([Paragraph(inline(h), st["toc1"]), Paragraph(str(page) if prev else "00", st["tocnum"])])
    t = Table(rows, colWidths=[avail - 2 * cm, 2 * cm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb"))]
        )
    )
    return t


def render(meta: dict, blocks: list[Block], st: dict, prev: BuildInfo | None) -> tuple[bytes, BuildInfo]:
    info = BuildInfo()
    buf = io.BytesIO()
    doc = PlanDoc(buf, meta, prev, info)
    avail = PAGE_W - MARGIN_L - MARGIN_R
    BodyParagraph.hyphenated_lines = 0
    doc.build(make_story(blocks, meta, st, prev, info, avail))
    info.total_pages = doc.page
    info.hyphenated = BodyParagraph.hyphenated_lines > 0
    return buf.getvalue(), info


def build_one(path: Path, st: dict) -> tuple[dict, BuildInfo, bytes]:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"), path)
    if meta["plan_id"] != path.stem:
        raise SystemExit(f"{path}: plan_id must equal the file name")
    blocks = parse_body(body)
    # Pass 1 learns page total, heading pages and the scanned page's number;
    # later passes print them. Repeat until nothing moves (normally 2 passes).
    prev = None
    for _ in range(4):
        pdf, info = render(meta, blocks, st, prev)
        if prev and (info.total_pages, info.heading_pages, info.scanned_pages) == (
            prev.total_pages,
            prev.heading_pages,
            prev.scanned_pages,
        ):
            return meta, info, pdf
        prev = info
    raise SystemExit(f"{path}: layout did not converge")


def quirks_for(meta: dict, blocks_text: str, info: BuildInfo) -> str:
    q = ["running-header", "footer-streepjes" if meta.get("footer") == "streepjes" else "footer-pagina-van"]
    if info.hyphenated:
        q.append("hyphenation")
    if info.twocol_pages:
        q.append("two-column")
    if info.scanned_pages:
        q.append("scanned-page")
    if "[[toc]]" in blocks_text:
        q.append("toc")
    if re.search(r"^\s*\|", blocks_text, re.M):
        q.append("tables")
    q += [x for x in meta.get("quirks_extra", "").split(";") if x.strip()]
    return ";".join(q)


def main() -> int:
    register_fonts()
    st = make_styles()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    sources = sorted(SRC_DIR.glob("*.txt"))
    if not sources:
        print(f"no sources in {SRC_DIR}", file=sys.stderr)
        return 1
    rows = []
    for path in sources:
        meta, info, pdf = build_one(path, st)
        out = OUT_DIR / f"{meta['plan_id']}.pdf"
        out.write_bytes(pdf)
        row = dict(meta)
        row["file"] = out.name
        row["quirks"] = quirks_for(meta, path.read_text(encoding="utf-8"), info)
        rows.append(row)
        extra = []
        if info.twocol_pages:
            extra.append(f"two-column p{','.join(map(str, info.twocol_pages))}")
        if info.scanned_pages:
            extra.append(f"scanned p{','.join(map(str, info.scanned_pages))}")
        print(f"{out.relative_to(HERE.parent)}: {info.total_pages} pages" + (f" ({'; '.join(extra)})" if extra else ""))
    with open(OUT_DIR / "manifest.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(MANIFEST_COLUMNS) + "\n")
        for row in rows:
            vals = [str(row.get(c, "")).replace("\t", " ") for c in MANIFEST_COLUMNS]
            fh.write("\t".join(vals) + "\n")
    print(f"{(OUT_DIR / 'manifest.tsv').relative_to(HERE.parent)}: {len(rows)} plans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
