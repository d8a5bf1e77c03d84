"""Stage: outputs — XLSX rater sheets, hints and the consensus sheet (written with XlsxWriter).

Why XlsxWriter: it writes rich text inside a cell (matched terms highlighted within the
sentence), drop-down validation and frozen panes, and — with a fixed creation date — the same
bytes for the same content, so the never-overwrite registry can tell "unchanged" from "edited".
Reading filled workbooks back is openpyxl's job (sheets/reader.py).

Layout of a rater workbook (tab names and headers are Dutch, for the raters):
  Instructies   who (Beoordelaar), which plan, the sheet's version stamp, how to fill it in,
                and the level descriptions of Annex I
  Scores        one row per indicator; the rater fills `niveau` (1–5 or ja/nee) and `opmerking`;
                with hints also omslag's `voorlopig_niveau`, `onderbouwing` and `regel`
  Bewijs        one row per evidence item, matched terms highlighted; the rater fills
                `relevant` (ja/nee) and `opmerking`; with hints also `kenmerken` and `regel`
  Eigen bewijs  empty rows for evidence omslag missed: `indicator`, `pagina`, `citaat`, `opmerking`
"""

from __future__ import annotations

import io
import re
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
    "1. Lees het plan (de pagina's staan bij elk bewijsfragment: het paginanummer van de pdf, niet het gedrukte nummer).",
    "2. Tabblad Scores: kies per indicator je niveau in de kolom ‘niveau’ (1 t/m 5, of ja/nee bij belangenbehartiging). "
    "Licht toe in ‘opmerking’.",
    "3. Tabblad Bewijs: geef per fragment aan of het relevant is (ja/nee). De gevonden zoektermen zijn vet en gekleurd.",
    "4. Mist omslag iets? Zet het op tabblad Eigen bewijs: indicator, pagina en het citaat uit het plan.",
    "5. Verander de kolommen evidence_id, indicator en plan niet, en laat je naam bij Beoordelaar staan. "
    "Kolommen verplaatsen of er een kolom bij zetten mag.",
    "6. Sla op als .xlsx (of als CSV) en stuur het bestand terug. Een tweede, nieuwere versie mag: "
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


def _header(worksheet, columns: list[tuple[str, float]], formats: _Formats, fill_columns: set[str]) -> None:
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
        worksheet.write_string(row, 1, line, formats.wrap)
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


def rater_workbook_bytes(sheet: PlanSheet, rater: str, *, blind: bool, rubric: Rubric | None = None) -> bytes:
    """The XLSX sheet for one rater and one plan."""
    buffer = io.BytesIO()
    workbook = _new_workbook(buffer, f"omslag — {sheet.plan_id} — {rater}")
    formats = _Formats(workbook)

    facts = [
        ("Beoordelaar", rater),
        ("Plan", sheet.plan_id),
        ("Bestand", sheet.file),
        ("Regio", sheet.region),
        ("Documentsoort", sheet.doc_type),
        ("Datum plan", sheet.date),
        ("Pagina's", str(sheet.pages or "")),
        ("Bladversie", sheet.stamp),
        ("Modus", "blind (zonder voorlopige niveaus)" if blind else "met voorlopige niveaus van omslag"),
    ]
    _instructions(workbook.add_worksheet("Instructies"), formats, facts, [BLIND_NOTE if blind else HINTS_NOTE], rubric)

    # Scores
    scores = workbook.add_worksheet("Scores")
    columns = [("indicator", 20), ("naam", 28), ("vraag", 45), ("niveaus", 40)]
    if not blind:
        columns += [("voorlopig_niveau", 10), ("onderbouwing", 60), ("regel", 22)]
    columns += [("niveau", 10), ("opmerking", 50)]
    names = [name for name, _ in columns]
    _header(scores, columns, formats, {"niveau", "opmerking"})
    for r, line in enumerate(sheet.scores, start=1):
        values = {
            "indicator": line.indicator,
            "naam": line.name,
            "vraag": line.question,
            "niveaus": line.levels,
            "voorlopig_niveau": line.provisional_level,
            "onderbouwing": line.rationale,
            "regel": line.rule_id,
        }
        for c, name in enumerate(names):
            if name in values:
                scores.write_string(r, c, _clip(values[name]), formats.wrap)
        kind_values = _level_values(line.kind)
        _list_validation(
            scores,
            r,
            names.index("niveau"),
            r,
            kind_values,
            "Jouw niveau",
            "Kies "
            + ("ja of nee" if line.kind == "yes_no" else "een niveau van 1 tot en met 5")
            + " (zie Instructies).",
        )
    scores.autofilter(0, 0, max(len(sheet.scores), 1), len(columns) - 1)

    # Bewijs
    evidence = workbook.add_worksheet("Bewijs")
    columns = [
        ("evidence_id", 17),
        ("indicator", 14),
        ("pagina", 8),
        ("signaal", 28),
        ("fragment", 70),
        ("context", 60),
    ]
    if not blind:
        columns += [("kenmerken", 26), ("regel", 22)]
    columns += [("relevant", 10), ("opmerking", 40)]
    names = [name for name, _ in columns]
    _header(evidence, columns, formats, {"relevant", "opmerking"})
    for r, item in enumerate(sheet.evidence, start=1):
        for c, name in enumerate(names):
            if name == "fragment":
                write_highlighted(evidence, r, c, item.text, formats)
            elif name == "context":
                write_highlighted(evidence, r, c, item.context, formats)
            elif name == "pagina":
                evidence.write_number(r, c, item.page, formats.plain)
            elif name in ("relevant", "opmerking"):
                continue
            else:
                value = {
                    "evidence_id": item.evidence_id,
                    "indicator": item.indicator,
                    "signaal": item.signal_label,
                    "kenmerken": item.flags,
                    "regel": item.rule_id,
                }[name]
                evidence.write_string(r, c, _clip(value), formats.wrap)
    if sheet.evidence:
        _list_validation(
            evidence,
            1,
            names.index("relevant"),
            len(sheet.evidence),
            ["ja", "nee"],
            "Relevant?",
            "ja: dit fragment zegt iets over de indicator; nee: niet (vals positief).",
        )
        evidence.autofilter(0, 0, len(sheet.evidence), len(columns) - 1)

    # Eigen bewijs
    own = workbook.add_worksheet("Eigen bewijs")
    columns = [("indicator", 20), ("pagina", 8), ("citaat", 90), ("opmerking", 50)]
    _header(own, columns, formats, {"indicator", "pagina", "citaat", "opmerking"})
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


def consensus_workbook_bytes(rows: list[dict[str, str]], kinds: dict[str, str], *, run_name: str = "") -> bytes:
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
            "of waar de één ‘ambitie in woorden’ (3 of lager) en de ander ‘concrete acties’ (4 of hoger) ziet, "
            "of ja tegen nee bij belangenbehartiging.",
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
