"""Stage: extract — reading order of multi-column pages.

pdfium returns text in content-stream order. Most generators write a column at a time, but
some write two-column pages line by line across both columns (and pdfplumber's default text
always merges the two lines at the same height into one), which mixes two texts sentence by
sentence. Here columns are found from the boxes of text pieces, and pieces are put in reading
order: top to bottom in bands; inside a band, column by column; a piece that crosses the
gutter (a title, a full-width paragraph) ends the band.

A gutter counts only when the columns on both sides hold prose: at least four rows, and rows
that fill most of the column's width. Tables (short cells) and a letter's narrow margin column
(addresses, reference numbers) do not qualify: their content order is left alone.

Measured on `../shared/corpus/real` (703 pages): pdfium's line boxes (`count_rects`/`get_rect`)
cost ≈ 0.2 ms per page, so every page is checked; the per-character boxes needed to rebuild a
page in column order cost ≈ 10 ms, so only pages found interleaved pay for them. pdfplumber's
word boxes cost ≈ 1 s per page and are used only when pdfplumber is the extractor anyway.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Piece:
    """A run of text on one line, with its box in points, origin top-left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


MIN_COLUMN_ROWS = 4
MIN_FILL = 0.6  # median share of the column width a prose line covers
PARAGRAPH_GAP = 0.6  # extra space, in line heights, above a line that starts a paragraph
MIN_LINE_HEIGHTS = 12  # median prose line width, in line heights (≈ 25 characters)


def _rows(pieces: Sequence[Piece], height: float) -> list[list[Piece]]:
    """Pieces grouped into rows: same height on the page (centres within half a line)."""
    rows: list[list[Piece]] = []
    centers: list[float] = []
    for piece in sorted(pieces, key=lambda p: p.center_y):
        if rows and abs(piece.center_y - centers[-1]) <= 0.5 * height:
            rows[-1].append(piece)
        else:
            rows.append([piece])
            centers.append(piece.center_y)
    return rows


def _merged_spans(row: Sequence[Piece]) -> list[tuple[float, float]]:
    spans: list[tuple[float, float]] = []
    for piece in sorted(row, key=lambda p: p.x0):
        if spans and piece.x0 <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], piece.x1))
        else:
            spans.append((piece.x0, piece.x1))
    return spans


def _line_height(pieces: Sequence[Piece]) -> float:
    heights = [p.height for p in pieces if p.height > 0]
    return median(heights) if heights else 10.0


def find_gutters(pieces: Sequence[Piece]) -> list[float]:
    """x positions of the gutters between prose columns; [] for a single-column page."""
    pieces = [p for p in pieces if p.text.strip() and p.x1 > p.x0]
    if len(pieces) < 2 * MIN_COLUMN_ROWS:
        return []
    height = _line_height(pieces)
    left = min(p.x0 for p in pieces)
    right = max(p.x1 for p in pieces)
    width = right - left
    if width < 100:
        return []
    rows = _rows(pieces, height)
    # How many rows put text on each 1-pt slice of the page width (difference array).
    bins = int(width) + 2
    diff = [0] * (bins + 1)
    for row in rows:
        for a, b in _merged_spans(row):
            diff[max(0, int(a - left))] += 1
            diff[min(bins, int(b - left) + 1)] -= 1
    coverage, running = [], 0
    for value in diff[:bins]:
        running += value
        coverage.append(running)
    # A gutter is a vertical strip that (almost) no row crosses: a full-width title may.
    allowance = max(1, len(rows) // 10)
    min_gutter = max(6.0, 0.8 * height)
    candidates: list[float] = []
    start = None
    for x, count in enumerate([*coverage, allowance + 1]):
        if count <= allowance and start is None:
            start = x
        elif count > allowance and start is not None:
            if x - start >= min_gutter and start > 0.1 * width and x < 0.9 * width:
                candidates.append(left + (start + x) / 2)
            start = None
    if not candidates:
        return []
    if _columns_hold_prose(pieces, candidates, height):
        return candidates
    for gutter in candidates:  # e.g. a prose two-column page with a narrow margin column
        if _columns_hold_prose(pieces, [gutter], height):
            return [gutter]
    return []


def columns_read_as_prose(pieces: Sequence[Piece], gutters: Sequence[float]) -> bool:
    """Second check, on pieces with their real text: every column is mostly letters with
    several words per line. Tables of figures pass the geometric test but not this one."""
    height = _line_height(pieces)
    for index in range(len(gutters) + 1):
        column = [p for p in pieces if column_of(p, gutters) == index]
        text = "".join(p.text for p in column)
        visible = [c for c in text if not c.isspace()]
        if not visible or sum(c.isalpha() for c in visible) / len(visible) < 0.7:
            return False
        words_per_row = [sum(len(p.text.split()) for p in row) for row in _rows(column, height)]
        if not words_per_row or median(words_per_row) < 4:
            return False
    return True


def column_of(piece: Piece, gutters: Sequence[float]) -> int | None:
    """Column index of a piece, or None when it crosses a gutter (a spanning piece)."""
    for gutter in gutters:
        if piece.x0 < gutter - 1 and piece.x1 > gutter + 1:
            return None
    center = (piece.x0 + piece.x1) / 2
    return sum(1 for gutter in gutters if center > gutter)


def _columns_hold_prose(pieces: Sequence[Piece], gutters: Sequence[float], height: float) -> bool:
    columns: list[list[Piece]] = [[] for _ in range(len(gutters) + 1)]
    for piece in pieces:
        index = column_of(piece, gutters)
        if index is not None:
            columns[index].append(piece)
    extents = []
    for column in columns:
        rows = _rows(column, height)
        if len(rows) < MIN_COLUMN_ROWS:
            return False
        x0 = min(p.x0 for p in column)
        x1 = max(p.x1 for p in column)
        widths = [max(p.x1 for p in row) - min(p.x0 for p in row) for row in rows]
        if median(widths) / (x1 - x0) < MIN_FILL:
            return False
        # prose lines hold 25+ characters (≈ 12 line heights); table cells and numbers fewer
        if median(widths) < MIN_LINE_HEIGHTS * height:
            return False
        extents.append((min(p.top for p in column), max(p.bottom for p in column)))
    # side by side: each column shares most of its height with the next one
    for (top_a, bottom_a), (top_b, bottom_b) in itertools.pairwise(extents):
        overlap = min(bottom_a, bottom_b) - max(top_a, top_b)
        if overlap < 0.5 * min(bottom_a - top_a, bottom_b - top_b):
            return False
    return True


def is_interleaved(pieces_in_content_order: Sequence[Piece], gutters: Sequence[float]) -> bool:
    """True when the content order switches column after (nearly) every line: the text would
    mix the columns line by line. A table written cell by cell switches too, but after a
    cell's several lines, and its order is left alone."""
    height = _line_height(pieces_in_content_order)
    runs: list[int] = []  # rows per run of pieces in one column
    previous_column = None
    previous_y = None
    for piece in pieces_in_content_order:
        index = column_of(piece, gutters)
        if index is None:
            previous_column = None
            continue
        if index != previous_column:
            runs.append(1)
        elif previous_y is not None and abs(piece.center_y - previous_y) > 0.5 * height:
            runs[-1] += 1
        previous_column, previous_y = index, piece.center_y
    return len(runs) >= 2 * MIN_COLUMN_ROWS and median(runs) <= 1.5


def reading_order(pieces: Sequence[Piece], gutters: Sequence[float]) -> list[str]:
    """Lines of the page in reading order (see module docstring); "" marks a paragraph break."""
    height = _line_height(pieces)
    lines: list[str] = []
    band: list[Piece] = []

    def flush() -> None:
        for index in range(len(gutters) + 1):
            rows = _rows([p for p in band if column_of(p, gutters) == index], height)
            centers = [median(p.center_y for p in row) for row in rows]
            pitches = [b - a for a, b in itertools.pairwise(centers)]
            usual = median(pitches) if pitches else 0.0
            for number, row in enumerate(rows):
                # a clearly larger step down than the usual line pitch is a paragraph break
                if number and usual and pitches[number - 1] > 1.6 * usual:
                    lines.append("")
                lines.append(" ".join(p.text.strip() for p in sorted(row, key=lambda p: p.x0) if p.text.strip()))
        band.clear()

    for piece in sorted(pieces, key=lambda p: (p.center_y, p.x0)):
        if column_of(piece, gutters) is None:
            flush()
            lines.append(piece.text.strip())
        else:
            band.append(piece)
    flush()
    return lines


def lines_with_paragraph_breaks(lines: Sequence[Piece]) -> list[str]:
    """Line texts, with "" where a line starts clearly lower than lines usually do (a
    paragraph break or a heading the text alone does not show)."""
    if not lines:
        return []
    height = _line_height(lines)
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    downward = sorted(g for g in gaps if g >= 0)
    usual = downward[len(downward) // 4] if downward else 0.0
    out = [lines[0].text]
    for gap, line in zip(gaps, lines[1:], strict=False):
        if downward and gap > usual + PARAGRAPH_GAP * height:
            out.append("")
        out.append(line.text)
    return out
