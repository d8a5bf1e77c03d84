"""Reading sheets back as Excel saves them: encodings, separators, moved and extra columns,
title rows, lock files, XLSX tabs; unreadable input gives a clear error, never a crash."""

from __future__ import annotations

import io

import pytest

from omslag.sheets.reader import (
    SheetReadError,
    cell_text,
    column_letter,
    decode_text,
    is_lock_file,
    normalise_header,
    parse_sheet_bytes,
    sniff_delimiter,
)

HEADER = ["beoordelaar", "plan_id", "soort", "indicator", "niveau", "opmerking"]
ROW = ["anna", "plan_a", "score", "wonen", "3", "coördinatie ontbreekt"]


def _csv(rows, delimiter=";"):
    return "\r\n".join(delimiter.join(r) for r in rows) + "\r\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
    ids=["utf8", "utf8-bom", "cp1252", "utf16"],
)
def test_encodings(encoding, prefix):
    data = prefix + _csv([HEADER, ROW]).encode(encoding)
    sheet = parse_sheet_bytes(data, "x__anna.csv")
    (table,) = sheet.tables
    assert table.rows[0].values["opmerking"] == "coördinatie ontbreekt"


def test_cp1252_is_not_mistaken_for_utf8():
    text, encoding = decode_text("coördinatie".encode("cp1252"), "x")
    assert (text, encoding) == ("coördinatie", "cp1252")


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiters_sniffed(delimiter):
    text = _csv([HEADER, ROW], delimiter)
    assert sniff_delimiter(text) == delimiter
    (table,) = parse_sheet_bytes(text.encode(), "x.csv").tables
    assert table.rows[0].values["niveau"] == "3"


def test_comma_inside_quoted_field_does_not_fool_the_sniffer():
    text = 'beoordelaar;plan_id;opmerking\r\nanna;plan_a;"ja, maar, toch"\r\n'
    assert sniff_delimiter(text) == ";"


def test_reordered_extra_columns_and_title_rows():
    rows = [
        ["Mijn beoordeling"],
        [],
        ["Opmerking", "extra kolom", "NIVEAU", "Indicator", "plan_id", "Beoordelaar", "soort"],
        ["prima", "x", "4", "wonen", "plan_a", "anna", "score"],
    ]
    (table,) = parse_sheet_bytes(_csv(rows).encode(), "x.csv").tables
    assert table.header_row == 3
    assert table.rows[0].number == 4
    assert table.rows[0].values["niveau"] == "4"
    assert table.unknown_columns == ["extra kolom"]
    assert table.where(4, "niveau") == "x.csv:4:C (niveau)"


def test_duplicate_columns_are_reported():
    rows = [["plan_id", "niveau", "niveau"], ["plan_a", "3", "4"]]
    (table,) = parse_sheet_bytes(_csv(rows).encode(), "x.csv").tables
    assert table.duplicate_columns == [("niveau", 3)]


def test_formula_prefix_is_undone():
    assert cell_text("'=SOM(A1)") == "=SOM(A1)"
    assert cell_text("'gewoon") == "'gewoon"
    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5" and cell_text(None) == ""


@pytest.mark.parametrize(
    "data,needle",
    [
        (b"", "leeg"),
        (b"\x00\x01\x02binary", "geen tekstbestand"),
        (b"a;b;c\r\n1;2;3\r\n", "kopregel"),
        (b"PK\x03\x04broken zip", "Excel"),
        (b"\xef\xbb\xbf\xff\xfe", "UTF-8"),
    ],
)
def test_unreadable_input_gives_clear_error(data, needle):
    with pytest.raises(SheetReadError, match=needle):
        parse_sheet_bytes(data, "kapot.csv")


def test_lock_files_and_helpers():
    from pathlib import Path

    assert is_lock_file(Path("~$plan__anna.xlsx"))
    assert not is_lock_file(Path("plan__anna.xlsx"))
    assert column_letter(1) == "A" and column_letter(27) == "AA"
    assert normalise_header(" Voorlopig niveau ") == "voorlopig_niveau"
    assert normalise_header("Beoordelaar:") == "beoordelaar"


def test_xlsx_tabs_and_instruction_properties():
    from openpyxl import Workbook

    workbook = Workbook()
    info = workbook.active
    info.title = "Instructies"
    info["A3"], info["B3"] = "Beoordelaar", "Anna"
    scores = workbook.create_sheet("Scores")
    scores.append(["indicator", "niveau", "opmerking"])
    scores.append(["wonen", 3, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet = parse_sheet_bytes(buffer.getvalue(), "plan.xlsx")
    assert sheet.format == "xlsx"
    assert sheet.properties["beoordelaar"].value == "Anna"
    assert sheet.properties["beoordelaar"].where == "plan.xlsx[Instructies]:3:B"
    (table,) = sheet.tables
    assert table.rows[0].values == {"indicator": "wonen", "niveau": "3", "opmerking": ""}
    assert table.where(2, "niveau") == "plan.xlsx[Scores]:2:B (niveau)"
    assert sheet.saved_at is not None
