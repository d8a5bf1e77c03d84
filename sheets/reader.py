"""Stage: outputs — reading sheets back after a rater (or Excel) has had them.

Raters open our CSV in Dutch Excel and save it again, or fill the XLSX. What comes back varies:
UTF-8 with or without byte-order mark, cp1252 ("Windows-1252", what Dutch Excel writes for
"CSV (gescheiden door lijstscheidingsteken)"), UTF-16 ("Unicode-tekst"); `;`, `,` or tab as
separator; columns moved, renamed in case, or extra columns added. This module turns any of
those into `Table`s of cells that still know their spreadsheet row and column, so every later
error message can say `file:row:column`.

Reading never changes the file: we read its bytes once and parse them in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from omslag.sheets.columns import OLD_SHEET_COLUMNS, SHEET_COLUMNS

# Every column name our sheets use (normalised). Used to find the header row and the separator.
KNOWN_COLUMNS = (
    frozenset(SHEET_COLUMNS)
    | frozenset(OLD_SHEET_COLUMNS)
    | {
        # per-rater, own-evidence and consensus sheets add these
        "beoordelaar",
        "blad",
        "citaat",
        "naam",
        "vraag",
        "niveaus",
        "consensus_niveau",
        "toelichting",
        "beoordelingen",
        "reden",
    }
)
_CANDIDATE_DELIMITERS = (";", ",", "\t")
_HEADER_SEARCH_ROWS = 10  # a rater may have inserted a title row or two above the header
EXCEL_LOCK_PREFIX = "~$"


class SheetReadError(ValueError):
    """The file cannot be read as a sheet at all (not a CSV/XLSX, damaged, unknown encoding)."""


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(description="1-based row number as the spreadsheet shows it.")
    values: dict[str, str] = Field(description="Normalised column name → cell text (stripped of nothing).")


class Table(BaseModel):
    """One tab of an XLSX, or the whole CSV: a header row and the rows under it."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="How messages name it: 'anna.csv' or 'anna.xlsx[Scores]'.")
    tab: str | None = Field(default=None, description="XLSX tab name; None for CSV.")
    header_row: int
    columns: dict[str, int] = Field(description="Normalised column name → 1-based column index.")
    duplicate_columns: list[tuple[str, int]] = Field(
        default_factory=list, description="Columns whose name appeared before (name, 1-based column)."
    )
    unknown_columns: list[str] = Field(default_factory=list, description="Header names we do not use (ignored).")
    rows: list[Row] = Field(default_factory=list)

    def where(self, row: int, column: str | None = None) -> str:
        """`file:row:column` with the column's letter and name, for messages."""
        if column is None:
            return f"{self.source}:{row}"
        index = self.columns.get(column)
        if index is None:
            return f"{self.source}:{row}:({column})"
        return f"{self.source}:{row}:{column_letter(index)} ({column})"


class Property(BaseModel):
    """A label/value pair from an instruction tab, e.g. 'Beoordelaar' → 'anna'."""

    model_config = ConfigDict(extra="forbid")

    value: str
    where: str = Field(description="file[tab]:row:column of the value cell.")


class ParsedSheet(BaseModel):
    """What the importer gets: the tables of a file, its instruction-tab properties and when it
    was last saved."""

    model_config = ConfigDict(extra="forbid")

    path: str
    name: str
    format: str = Field(description="csv | xlsx")
    encoding: str | None = None
    delimiter: str | None = None
    tables: list[Table]
    properties: dict[str, Property] = Field(default_factory=dict)
    saved_at: datetime | None = Field(default=None, description="When the file was last saved (UTC).")


def normalise_header(text: object) -> str:
    """'Voorlopig niveau ' → 'voorlopig_niveau'; 'Beoordelaar:' → 'beoordelaar'."""
    value = "" if text is None else str(text)
    value = unicodedata.normalize("NFKD", value)
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = re.sub(r"[^0-9a-z]+", "_", value.strip().lower())
    return value.strip("_")


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_lock_file(path: Path) -> bool:
    """Excel's owner file `~$name.xlsx` while a workbook is open: never a sheet."""
    return path.name.startswith(EXCEL_LOCK_PREFIX)


def cell_text(value: object) -> str:
    """A spreadsheet value as text: 3.0 → '3', True → 'ja', None → ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    # We wrote formula-looking text as '=…' so Excel shows it as text; undo that on the way back.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


# ---- CSV -----------------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → text and the encoding used. UTF-8 is tried before cp1252: a cp1252 file with
    accents is (almost) never valid UTF-8, the other way round often is."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SheetReadError(f"{name}: begint als UTF-8 maar bevat ongeldige tekens ({exc.reason})") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SheetReadError(f"{name}: ongeldige UTF-16-tekst ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise SheetReadError(f"{name}: dit is geen tekstbestand (CSV); sla het blad op als CSV of XLSX")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # bytes cp1252 leaves undefined; latin-1 maps every byte, so the rest of the file is kept
        return data.decode("latin-1"), "latin-1"


def _split_first_line(text: str, delimiter: str) -> list[str]:
    first = text.split("\n", 1)[0].rstrip("\r")
    try:
        return next(csv.reader([first], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []


def sniff_delimiter(text: str) -> str:
    """The separator under which the header row names the most of our columns; with no known
    column at all, the one that splits the first line into the most fields."""
    best, best_key = ";", (-1, -1)
    for delimiter in _CANDIDATE_DELIMITERS:
        fields = _split_first_line(text, delimiter)
        known = sum(1 for f in fields if normalise_header(f) in KNOWN_COLUMNS)
        key = (known, len(fields))
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _table_from_rows(source: str, tab: str | None, raw_rows: list[list[str]]) -> Table | None:
    """Find the header row (the first of the top rows naming one of our columns) and build the
    table. None when no header is found."""
    header_index = None
    for i, row in enumerate(raw_rows[:_HEADER_SEARCH_ROWS]):
        if any(normalise_header(cell) in KNOWN_COLUMNS for cell in row):
            header_index = i
            break
    if header_index is None:
        return None
    columns: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    unknown: list[str] = []
    for position, cell in enumerate(raw_rows[header_index], start=1):
        name = normalise_header(cell)
        if not name:
            continue
        if name in columns:
            duplicates.append((name, position))
            continue
        columns[name] = position
        if name not in KNOWN_COLUMNS:
            unknown.append(str(cell))
    rows = []
    for i in range(header_index + 1, len(raw_rows)):
        cells = raw_rows[i]
        values = {name: (cells[pos - 1] if pos - 1 < len(cells) else "") for name, pos in columns.items()}
        if not any(v.strip() for v in values.values()):
            continue  # blank line: Excel leaves them at the end
        rows.append(Row(number=i + 1, values=values))
    return Table(
        source=source,
        tab=tab,
        header_row=header_index + 1,
        columns=columns,
        duplicate_columns=duplicates,
        unknown_columns=unknown,
        rows=rows,
    )


def read_csv_bytes(data: bytes, name: str, path: str = "") -> ParsedSheet:
    text, encoding = decode_text(data, name)
    delimiter = sniff_delimiter(text)
    try:
        raw_rows = [
            [cell_text(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise SheetReadError(f"{name}: geen leesbare CSV ({exc})") from None
    table = _table_from_rows(name, None, raw_rows)
    if table is None:
        raise SheetReadError(
            f"{name}:1: geen kopregel met bekende kolommen gevonden (zoals plan_id, indicator, niveau); "
            "is dit een beoordelingsblad van omslag?"
        )
    return ParsedSheet(
        path=path or name, name=name, format="csv", encoding=encoding, delimiter=delimiter, tables=[table]
    )


# ---- XLSX ----------------------------------------------------------------------------------


def _is_instruction_tab(title: str) -> bool:
    return normalise_header(title).startswith(("instructie", "toelichting", "info"))


def read_xlsx_bytes(data: bytes, name: str, path: str = "") -> ParsedSheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl raise a zoo of errors on damaged files
        raise SheetReadError(f"{name}: geen leesbaar Excel-bestand (.xlsx): {type(exc).__name__}: {exc}") from None
    try:
        tables: list[Table] = []
        properties: dict[str, Property] = {}
        for worksheet in workbook.worksheets:
            title = worksheet.title
            try:
                raw_rows = [[cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
            except Exception as exc:
                raise SheetReadError(f"{name}[{title}]: tabblad niet leesbaar: {type(exc).__name__}: {exc}") from None
            if _is_instruction_tab(title):
                for number, row in enumerate(raw_rows, start=1):
                    cells = [c for c in row]
                    if len(cells) >= 2 and cells[0].strip() and normalise_header(cells[0]):
                        key = normalise_header(cells[0])
                        if key not in properties:
                            properties[key] = Property(value=cells[1].strip(), where=f"{name}[{title}]:{number}:B")
                continue
            table = _table_from_rows(f"{name}[{title}]", title, raw_rows)
            if table is not None:
                tables.append(table)
        saved = workbook.properties.modified if workbook.properties is not None else None
    finally:
        workbook.close()
    if not tables:
        raise SheetReadError(f"{name}: geen tabblad met bekende kolommen (zoals indicator, niveau) gevonden")
    if saved is not None and saved.tzinfo is None:
        saved = saved.replace(tzinfo=UTC)
    return ParsedSheet(
        path=path or name, name=name, format="xlsx", tables=tables, properties=properties, saved_at=saved
    )


def read_sheet(path: Path) -> ParsedSheet:
    """Read a CSV or XLSX sheet from disk (bytes read once; the file is never written)."""
    path = Path(path)
    try:
        data = path.read_bytes()
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError as exc:
        raise SheetReadError(f"{path.name}: kan het bestand niet lezen: {exc.strerror or exc}") from None
    return parse_sheet_bytes(data, path.name, str(path), mtime=mtime)


def parse_sheet_bytes(data: bytes, name: str, path: str = "", *, mtime: datetime | None = None) -> ParsedSheet:
    suffix = Path(name).suffix.lower()
    if not data:
        raise SheetReadError(f"{name}: het bestand is leeg")
    if suffix in (".xlsx", ".xlsm") or data.startswith(b"PK\x03\x04"):
        parsed = read_xlsx_bytes(data, name, path)
    elif suffix in (".xls",):
        raise SheetReadError(f"{name}: oud Excel-formaat (.xls); sla het op als .xlsx of CSV")
    else:
        parsed = read_csv_bytes(data, name, path)
    if parsed.saved_at is None and mtime is not None:
        parsed.saved_at = mtime
    return parsed
