"""Stage: outputs — XLSX rater sheets, hints and the consensus sheet (written with XlsxWriter).

Why XlsxWriter: it writes rich text inside a cell (matched terms highlighted within the
sentence), drop-down validation and frozen panes, and — with a fixed creation date — the same
bytes for the same content, so the never-overwrite registry can tell "unchanged" from "edited".
Reading filled workbooks back is openpyxl's job (sheets/reader.py).

Layout of a rater workbook (tab names and headers are Dutch, for the raters); it opens on
Beslissend, columns in the order of sheets/columns.py (read, then fill, then reference):
  Beslissend     the plan row, then per indicator its score row (fill `niveau`, `opmerking`) and
                 at most 8 ranked sentences that decide or limit the level (fill `relevant`)
  Overig bewijs  the other sentences, and one folded row per indicator with its mere mentions
  Eigen bewijs   empty rows for evidence omslag missed: `indicator`, `pagina`, `citaat`, `opmerking`
  Instructies    who (Beoordelaar), which plan, the plan's facts, the sheet's version stamp,
                 how to fill it in, and the level descriptions of Annex I
Every tab has frozen header and id/page columns, row heights that show the whole fragment, and
a print set-up (A4 landscape, one page wide, header row repeated, plan and page number).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from omslag.rules.rubric import Rubric
from omslag.sheets.plan_sheet import PlanSheet

# A fixed creation date makes the bytes depend on the content only (see module docstring).
FIXED_CREATED = datetime(2024, 1, 1, 0, 0, 0)
EXCEL_CELL_LIMIT = 32767
OWN_EVIDENCE_ROWS = 40
_TERM = re.compile(r"«([^«»]*)»")

INSTRUCTIONS = [
    "Zo vul je dit blad in",
    "1. Tabblad Beslissend: per indicator eerst de scoreregel, daaronder de zinnen die het voorlopige niveau "
    "bepalen of begrenzen (hoogstens 8), de sterkste eerst; ‘waarom’ zegt waarom een zin bovenaan staat. "
    "De pagina is het paginanummer van de pdf, niet het gedrukte nummer.",
    "2. Kies op de scoreregel je niveau in de kolom ‘niveau’ (1 t/m 5, of ja/nee bij {yes_no}). "
    "Licht toe in ‘opmerking’.",
    "3. Geef per zin aan of hij relevant is (ja/nee). Eén zin staat er één keer in, met al zijn signalen: "
    "je oordeel geldt voor elk signaal. De gevonden zoektermen zijn vet en gekleurd.",
    "4. Tabblad Overig bewijs: de overige zinnen, en per indicator één regel met de vermeldingen die niet apart "
    "getoond worden (met hun pagina's). Beoordelen mag, hoeft niet.",
    "5. Mist omslag iets? Zet het op tabblad Eigen bewijs: indicator, pagina en het citaat uit het plan.",
    "6. Verander de kolommen evidence_id, indicator, soort en plan niet, en laat je naam bij Beoordelaar staan. "
    "Kolommen verplaatsen of er een kolom bij zetten mag.",
    "7. Sla op als .xlsx (of als CSV) en stuur het bestand terug. Een tweede, nieuwere versie mag: "
    "de nieuwste telt, de oude blijft bewaard.",
]
BLIND_NOTE = (
    "Dit blad is blind: de voorlopige niveaus en kenmerken van omslag staan er niet in, zodat je eigen oordeel "
    "niet wordt gestuurd. Ze komen later beschikbaar (omslag sheets --release-hints)."
)
HINTS_NOTE = (
    "Op dit blad staan de voorlopige niveaus van omslag met hun onderbouwing. Het zijn voorstellen: jouw oordeel telt."
)


def _new_workbook(buffer: io.BytesIO, title: str):
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    workbook.set_properties({"title": title, "author": "omslag", "created": FIXED_CREATED})
    return workbook


class _Formats:
    def __init__(self, workbook):
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        self.plain = workbook.add_format({"valign": "top"})
        self.term = workbook.add_format({"bold": True, "font_color": "#C00000"})
        self.term_cell = workbook.add_format(
            {"bold": True, "font_color": "#C00000", "text_wrap": True, "valign": "top"}
        )
        self.fill = workbook.add_format({"bg_color": "#FFF2CC", "border": 1, "valign": "top", "text_wrap": True})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.label = workbook.add_format({"bold": True, "valign": "top"})
        self.bold_wrap = workbook.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.note = workbook.add_format({"italic": True, "text_wrap": True, "valign": "top", "font_color": "#595959"})


def _clip(text: object) -> str:
    value = "" if text is None else str(text)
    return value if len(value) <= EXCEL_CELL_LIMIT else value[: EXCEL_CELL_LIMIT - 1] + "…"


def term_segments(text: str) -> list[tuple[bool, str]]:
    """'De «nachtopvang» sluit' → [(False, 'De '), (True, 'nachtopvang'), (False, ' sluit')]."""
    segments: list[tuple[bool, str]] = []
    cursor = 0
    for match in _TERM.finditer(text):
        if match.start() > cursor:
            segments.append((False, text[cursor : match.start()]))
        if match.group(1):
            segments.append((True, match.group(1)))
        cursor = match.end()
    if cursor < len(text):
        segments.append((False, text[cursor:]))
    return segments


def write_highlighted(worksheet, row: int, col: int, text: str, formats: _Formats) -> None:
    """The sentence as rich text: matched terms bold and red inside the cell."""
    text = _clip(text)
    segments = [(hl, s) for hl, s in term_segments(text) if s]
    if not any(hl for hl, _ in segments):
        worksheet.write_string(row, col, "".join(s for _, s in segments), formats.wrap)
        return
    if len(segments) == 1:
        worksheet.write_string(row, col, segments[0][1], formats.term_cell)
        return
    parts: list = []
    for highlighted, segment in segments:
        if highlighted:
            parts.extend([formats.term, segment])
        else:
            parts.append(segment)
    if worksheet.write_rich_string(row, col, *parts, formats.wrap) < 0:
        # XlsxWriter refuses some fragment patterns; the plain sentence is better than nothing
        worksheet.write_string(row, col, "".join(s for _, s in segments), formats.wrap)


def _header(worksheet, columns: Sequence[tuple[str, float]], formats: _Formats, fill_columns: set[str]) -> None:
    for col, (name, width) in enumerate(columns):
        worksheet.write_string(0, col, name, formats.header)
        worksheet.set_column(col, col, width, formats.fill if name in fill_columns else None)
    worksheet.freeze_panes(1, 0)


def _list_validation(
    worksheet, first_row: int, col: int, last_row: int, values: list[str], title: str, message: str
) -> None:
    worksheet.data_validation(
        first_row,
        col,
        last_row,
        col,
        {
            "validate": "list",
            "source": values,
            "input_title": title[:32],
            "input_message": message[:255],
            "error_title": "Ongeldige waarde",
            "error_message": f"Kies uit: {', '.join(values)}"[:255],
            "error_type": "stop",
        },
    )


def _yes_no_names(rubric: Rubric | None) -> str:
    """The rubric's ja/nee indicators by name, for the instructions ("een ja/nee-indicator" without one)."""
    names = [i.name.lower() for i in rubric.indicators if i.kind == "yes_no"] if rubric else []
    return " en ".join(names) or "een ja/nee-indicator"


def _level_values(kind: str) -> list[str]:
    return ["ja", "nee"] if kind == "yes_no" else ["1", "2", "3", "4", "5"]


def _instructions(
    worksheet, formats: _Formats, facts: list[tuple[str, str]], notes: list[str], rubric: Rubric | None
) -> None:
    worksheet.set_column(0, 0, 22)
    worksheet.set_column(1, 1, 110)
    worksheet.write_string(0, 0, "omslag — beoordelingsblad", formats.title)
    row = 2
    for label, value in facts:
        worksheet.write_string(row, 0, label, formats.label)
        worksheet.write_string(row, 1, _clip(value), formats.fill if label == "Beoordelaar" else formats.plain)
        row += 1
    row += 1
    for note in notes:
        worksheet.write_string(row, 0, "Let op", formats.label)
        worksheet.write_string(row, 1, note, formats.note)
        row += 1
    row += 1
    worksheet.write_string(row, 0, INSTRUCTIONS[0], formats.label)
    row += 1
    for line in INSTRUCTIONS[1:]:
        worksheet.write_string(row, 1, line.replace("{yes_no}", _yes_no_names(rubric)), formats.wrap)
        row += 1
    if rubric is None:
        return
    row += 1
    worksheet.write_string(row, 0, "Niveaus (Annex I)", formats.label)
    row += 1
    for indicator in rubric.indicators:
        worksheet.write_string(row, 0, indicator.name, formats.label)
        worksheet.write_string(row, 1, indicator.question, formats.wrap)
        row += 1
        for key, level in sorted(indicator.levels.items(), key=lambda kv: str(kv[0])):
            worksheet.write_string(row, 0, f"  {key} {level.name}", formats.plain)
            worksheet.write_string(row, 1, level.description, formats.wrap)
            row += 1


# Column widths in characters of the workbook's evidence tabs (sheets/columns.py gives the order).
COLUMN_WIDTHS = {
    "evidence_id": 14,
    "indicator": 12,
    "pagina": 7,
    "fragment": 62,
    "waarom": 28,
    "niveau": 8,
    "relevant": 9,
    "opmerking": 30,
    "signalen": 26,
    "kenmerken": 24,
    "context": 60,
    "voorlopig_niveau": 10,
    "onderbouwing": 60,
    "regel": 22,
    "rang": 6,
    "deel": 13,
    "soort": 10,
    "plan_id": 34,
}
FROZEN_COLUMNS = 3  # evidence_id, indicator, pagina stay in view while scrolling right
PRINTED_THROUGH = "signalen"  # columns printed: read and fill, not the long reference columns
LINE_HEIGHT = 15.0  # points per wrapped line (Calibri 11)
MAX_ROW_HEIGHT = 409.0  # Excel's limit
_HEIGHT_COLUMNS = ("fragment", "waarom", "signalen", "opmerking")


def _lines(text: str, width: float) -> int:
    """Wrapped lines a cell needs: a unit of width holds about one character of Dutch text
    (wrapping at word ends loses the rest of a line; better a little air than a cut line)."""
    per_line = max(1, int(width))
    return sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))


def row_height(values: dict, widths: Mapping[str, float]) -> float:
    """A row height that shows the whole fragment (and reason, signals) without clipping."""
    lines = max(
        [_lines(values[c], widths[c]) for c in _HEIGHT_COLUMNS if values.get(c) not in (None, "") and c in widths]
        or [1]
    )
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3)


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")


def print_setup(worksheet, *, plan_id: str, tab: str, last_row: int, last_col: int) -> None:
    """A4 landscape, one page wide, header row on every page, plan and page in header/footer."""
    worksheet.set_paper(9)  # A4
    worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    worksheet.repeat_rows(0)
    worksheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.7)
    worksheet.set_header(f"&L&B{_escape_header(plan_id)}&B&R{_escape_header(tab)}")
    worksheet.set_footer("&Comslag — pagina &P van &N")
    worksheet.print_area(0, 0, max(last_row, 1), last_col)
    worksheet.hide_gridlines(0)  # gridlines on screen and on paper: rows stay apart


def _evidence_tab(
    workbook, formats: _Formats, title: str, columns: list[str], rows: list[dict], *, plan_id: str, levels: dict
):
    """One tab of rows in the sheet's column order, with fill-in cells, drop-downs, frozen
    id/page columns, row heights that show the fragment, and the print set-up."""
    worksheet = workbook.add_worksheet(title)
    widths = {c: COLUMN_WIDTHS.get(c, 16) for c in columns}
    for col, name in enumerate(columns):
        worksheet.write_string(0, col, name, formats.header)
        worksheet.set_column(col, col, widths[name])
    worksheet.set_row(0, 2 * LINE_HEIGHT)
    worksheet.freeze_panes(1, FROZEN_COLUMNS)
    for r, values in enumerate(rows, start=1):
        worksheet.set_row(r, row_height(values, widths))
        _write_row(worksheet, formats, r, columns, values)
        _row_validation(worksheet, r, columns, values, levels)
    last_col = columns.index(PRINTED_THROUGH) if PRINTED_THROUGH in columns else len(columns) - 1
    if rows:
        worksheet.autofilter(0, 0, len(rows), len(columns) - 1)
    print_setup(worksheet, plan_id=plan_id, tab=title, last_row=len(rows), last_col=last_col)
    return worksheet


def _write_row(worksheet, formats: _Formats, r: int, columns: list[str], values: dict) -> None:
    """One row's cells: the rater's cells empty and coloured, the fragment with its terms in
    bold, numbers as numbers."""
    kind = values.get("soort", "")
    for c, name in enumerate(columns):
        value = values.get(name)
        fill_here = (
            (name == "niveau" and kind == "score")
            or (name == "relevant" and kind == "bewijs")
            or (name == "opmerking" and kind in ("score", "bewijs"))
        )
        if fill_here:
            worksheet.write_blank(r, c, None, formats.fill)
            continue
        if value in (None, ""):
            continue
        if name in ("fragment", "context") and kind == "bewijs":
            write_highlighted(worksheet, r, c, str(value), formats)
        elif isinstance(value, int) and not isinstance(value, bool):
            worksheet.write_number(r, c, value, formats.plain)
        else:
            fmt = formats.bold_wrap if kind in ("score", "plan") and name == "fragment" else formats.wrap
            worksheet.write_string(r, c, _clip(value), fmt)


def _row_validation(worksheet, r: int, columns: list[str], values: dict, levels: dict) -> None:
    """The drop-down of the row's fill-in cell: a level on a score row, ja/nee on an evidence row."""
    kind = values.get("soort", "")
    if kind == "score" and "niveau" in columns:
        kind_values = _level_values(levels.get(values.get("indicator", ""), "ordinal"))
        _list_validation(
            worksheet,
            r,
            columns.index("niveau"),
            r,
            kind_values,
            "Jouw niveau",
            "Kies "
            + ("ja of nee" if kind_values[0] == "ja" else "een niveau van 1 tot en met 5")
            + " (zie Instructies).",
        )
    if kind == "bewijs" and "relevant" in columns:
        _list_validation(
            worksheet,
            r,
            columns.index("relevant"),
            r,
            ["ja", "nee"],
            "Relevant?",
            "ja: deze zin zegt iets over de indicator (geldt voor al zijn signalen); nee: niet (vals positief).",
        )


def _own_evidence_tab(workbook, formats: _Formats, sheet: PlanSheet) -> None:
    """Eigen bewijs: empty rows for what omslag missed, with an indicator list and a page check."""
    own = workbook.add_worksheet("Eigen bewijs")
    own_columns = [("indicator", 20), ("pagina", 8), ("citaat", 90), ("opmerking", 50)]
    _header(own, own_columns, formats, {"indicator", "pagina", "citaat", "opmerking"})
    # the plan's indicators, as the rubric names them (its score rows, else its evidence)
    indicator_ids = [line.indicator for line in sheet.scores] or sorted({item.indicator for item in sheet.evidence})
    _list_validation(own, 1, 0, OWN_EVIDENCE_ROWS, indicator_ids, "Indicator", "Bij welke indicator hoort dit bewijs?")
    own.data_validation(
        1,
        1,
        OWN_EVIDENCE_ROWS,
        1,
        {
            "validate": "integer",
            "criteria": "between",
            "minimum": 1,
            "maximum": sheet.pages or 10000,
            "input_title": "Pagina",
            "input_message": "Paginanummer van de pdf (zoals de pdf-lezer het toont).",
            "error_title": "Ongeldige pagina",
            "error_message": f"Een paginanummer van 1 tot en met {sheet.pages or 10000}.",
        },
    )
    print_setup(own, plan_id=sheet.plan_id, tab="Eigen bewijs", last_row=OWN_EVIDENCE_ROWS, last_col=3)


def _rater_facts(sheet: PlanSheet, rater: str, blind: bool) -> list[tuple[str, str]]:
    """The facts on the Instructies tab: rater, plan, version, mode, and the plan's features."""
    return [
        ("Beoordelaar", rater),
        ("Plan", sheet.plan_id),
        ("Bestand", sheet.file),
        ("Regio", sheet.region),
        ("Documentsoort", sheet.doc_type),
        ("Datum plan", sheet.date),
        ("Pagina's", str(sheet.pages or "")),
        ("Bladversie", sheet.stamp),
        ("Modus", "blind (zonder voorlopige niveaus)" if blind else "met voorlopige niveaus van omslag"),
        *[(f"Plan: {label}", value) for label, value in sheet.facts],
    ]


def rater_workbook_bytes(sheet: PlanSheet, rater: str, *, blind: bool, rubric: Rubric | None = None) -> bytes:
    """The XLSX sheet for one rater and one plan: it opens on Beslissend."""
    from omslag.sheets.rater_sheet import evidence_row_values, plan_rows, rater_columns, score_row_values

    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, f"omslag — {sheet.plan_id} — {rater}")
    formats = _Formats(workbook)
    columns = [c for c in rater_columns(blind) if c not in ("beoordelaar", "blad")]
    levels = {line.indicator: line.kind for line in sheet.scores}

    first = plan_rows(sheet, blind=blind)[:1]
    decisive: list[dict] = list(first)
    for line in sheet.scores:
        decisive.append(score_row_values(line, blind=blind))
        decisive.extend(evidence_row_values(item, blind=blind) for item in sheet.lines(line.indicator, "beslissend"))
    other = [
        evidence_row_values(item, blind=blind)
        for line in sheet.scores
        for item in sheet.lines(line.indicator, "overig")
    ]
    main = _evidence_tab(workbook, formats, "Beslissend", columns, decisive, plan_id=sheet.plan_id, levels=levels)
    _evidence_tab(workbook, formats, "Overig bewijs", columns, other, plan_id=sheet.plan_id, levels=levels)

    _own_evidence_tab(workbook, formats, sheet)
    facts = _rater_facts(sheet, rater, blind)
    info = workbook.add_worksheet("Instructies")
    _instructions(info, formats, facts, [BLIND_NOTE if blind else HINTS_NOTE], rubric)
    print_setup(info, plan_id=sheet.plan_id, tab="Instructies", last_row=60, last_col=1)
    main.activate()
    main.set_first_sheet()
    workbook.close()
    return buffer.getvalue()


def hints_workbook_bytes(sheet: PlanSheet) -> bytes:
    """Reference workbook released after blind rating: omslag's provisional levels, reasons,
    and the flags of each evidence item. Nothing to fill in."""
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, f"omslag — hints — {sheet.plan_id}")
    formats = _Formats(workbook)
    scores = workbook.add_worksheet("Voorlopige scores")
    columns = [("indicator", 20), ("naam", 28), ("voorlopig_niveau", 12), ("onderbouwing", 80), ("regel", 24)]
    _header(scores, columns, formats, set())
    for r, line in enumerate(sheet.scores, start=1):
        for c, value in enumerate([line.indicator, line.name, line.provisional_level, line.rationale, line.rule_id]):
            scores.write_string(r, c, _clip(value), formats.wrap)
    flags = workbook.add_worksheet("Kenmerken bewijs")
    columns = [
        ("evidence_id", 17),
        ("indicator", 14),
        ("pagina", 8),
        ("fragment", 70),
        ("kenmerken", 30),
        ("regel", 24),
    ]
    _header(flags, columns, formats, set())
    for r, item in enumerate(sheet.evidence, start=1):
        flags.write_string(r, 0, item.evidence_id, formats.plain)
        flags.write_string(r, 1, item.indicator, formats.plain)
        flags.write_number(r, 2, item.page, formats.plain)
        write_highlighted(flags, r, 3, item.text, formats)
        flags.write_string(r, 4, item.flags, formats.wrap)
        flags.write_string(r, 5, item.rule_id, formats.plain)
    workbook.close()
    return buffer.getvalue()


CONSENSUS_COLUMNS = [
    "plan_id",
    "indicator",
    "beoordelingen",
    "reden",
    "voorlopig_niveau",
    "opmerkingen_beoordelaars",
    "consensus_niveau",
    "toelichting",
]


def consensus_workbook_bytes(
    rows: list[dict[str, str]], kinds: dict[str, str], *, concrete_from_level: int, run_name: str = ""
) -> bytes:
    """The consensus sheet: one row per disputed plan × indicator; the raters fill
    `consensus_niveau` together and explain it in `toelichting`."""
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, f"omslag — consensus — {run_name}")
    formats = _Formats(workbook)
    info = workbook.add_worksheet("Instructies")
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 110)
    info.write_string(0, 0, "omslag — consensusblad", formats.title)
    lines = [
        ("Run", run_name),
        ("Vastgesteld door", ""),
        (
            "Wat",
            "Op dit blad staan de plannen en indicatoren waarop de beoordelaars 2 of meer niveaus verschillen, "
            f"of waar de één ‘ambitie in woorden’ ({concrete_from_level - 1} of lager) en de ander ‘concrete "
            f"acties’ ({concrete_from_level} of hoger) ziet, of ja tegen nee bij een ja/nee-indicator "
            f"({', '.join(i for i, kind in kinds.items() if kind == 'yes_no') or 'geen'}).",
        ),
        (
            "Hoe",
            "Bespreek elk verschil, kies samen het niveau in ‘consensus_niveau’ en leg uit waarom in ‘toelichting’. "
            "Sla op en importeer het met: omslag import RUN_MAP dit-bestand.xlsx. Dan volgt final_scores.csv.",
        ),
    ]
    for r, (label, value) in enumerate(lines, start=2):
        info.write_string(r, 0, label, formats.label)
        info.write_string(r, 1, value, formats.fill if label == "Vastgesteld door" else formats.wrap)
    sheet = workbook.add_worksheet("Consensus")
    widths = {
        "plan_id": 34,
        "indicator": 18,
        "beoordelingen": 22,
        "reden": 28,
        "voorlopig_niveau": 10,
        "opmerkingen_beoordelaars": 60,
        "consensus_niveau": 12,
        "toelichting": 60,
    }
    _header(sheet, [(c, widths[c]) for c in CONSENSUS_COLUMNS], formats, {"consensus_niveau", "toelichting"})
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(CONSENSUS_COLUMNS):
            value = row.get(column, "")
            if value:
                sheet.write_string(r, c, _clip(value), formats.wrap)
        kind = kinds.get(row.get("indicator", ""), "ordinal")
        _list_validation(
            sheet,
            r,
            CONSENSUS_COLUMNS.index("consensus_niveau"),
            r,
            _level_values(kind),
            "Consensusniveau",
            "Het niveau waarover jullie het samen eens zijn.",
        )
    workbook.close()
    return buffer.getvalue()
