"""Extraction: statuses for bad input, cleaning quirks, page numbers, document ids."""

from __future__ import annotations

import hashlib

import pytest

from extract.clean import clean_pages, undo_hyphenation
from extract.models import ExtractionStatus, TextSource
from extract.pdf import extract_document
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    "name, status",
    [
        ("empty_file.pdf", ExtractionStatus.EMPTY),
        ("html_saved_as_pdf.pdf", ExtractionStatus.NOT_PDF),
        ("docx_saved_as_pdf.pdf", ExtractionStatus.NOT_PDF),
        ("truncated_after_header.pdf", ExtractionStatus.TRUNCATED),
        ("image_only_page.pdf", ExtractionStatus.PARTIAL),
        ("blank_page_between_text.pdf", ExtractionStatus.SUCCESS),
        ("hyphenated_line_breaks.pdf", ExtractionStatus.SUCCESS),
    ],
)
def test_status_per_quirk(name, status):
    document = extract_document(FIXTURES / name)
    assert document.status is status, document.error
    if status is not ExtractionStatus.SUCCESS:
        assert document.error, "a non-success status must say why"


def test_doc_id_is_sha256_of_bytes():
    path = FIXTURES / "hyphenated_line_breaks.pdf"
    assert extract_document(path).doc_id == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
def test_hyphenation_undone_real_hyphens_kept(backend):
    document = extract_document(FIXTURES / "hyphenated_line_breaks.pdf", backend=backend)
    expected = (FIXTURES / "hyphenated_line_breaks.expected.txt").read_text(encoding="utf-8").strip()
    assert " ".join(document.pages[0].text.split()) == expected
    assert document.extractor == backend


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
def test_running_headers_and_page_numbers_removed(backend):
    document = extract_document(FIXTURES / "running_headers_and_page_numbers.pdf", backend=backend)
    expected = (FIXTURES / "running_headers_and_page_numbers.expected.txt").read_text(encoding="utf-8")
    assert [p.number for p in document.pages] == [1, 2, 3, 4]
    got = [" ".join(p.text.split()) for p in document.pages]
    assert got == [" ".join(page.split()) for page in expected.split("\f")]


def test_image_only_page_is_flagged_not_lost():
    document = extract_document(FIXTURES / "image_only_page.pdf")
    assert [p.source for p in document.pages] == [TextSource.TEXT_LAYER, TextSource.NONE]
    assert "2" in document.error and "OCR" in document.error


def test_blank_page_is_not_a_scan():
    document = extract_document(FIXTURES / "blank_page_between_text.pdf")
    assert document.page_count == 3
    assert document.pages[1].warnings == ["blank page"]
    assert document.error is None


def test_missing_file_gives_error_status(tmp_path):
    document = extract_document(tmp_path / "does-not-exist.pdf")
    assert document.status is ExtractionStatus.ERROR
    assert "does-not-exist.pdf" in document.error


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["opvang en maatschap-", "pelijke zorg"], "opvang en maatschappelijke zorg"),
        (["naar Leidschendam-", "Voorburg"], "naar Leidschendam-Voorburg"),
        (["voor dak-", "en thuisloze mensen"], "voor dak- en thuisloze mensen"),
        (["de Wonen Eerst-", "aanpak"], "de Wonen Eerst-aanpak"),
        (["de NAD-", "middelen"], "de NAD-middelen"),
        (["een zin met een streepje -", "los"], "een zin met een streepje -\nlos"),
    ],
)
def test_undo_hyphenation(lines, expected):
    assert "\n".join(undo_hyphenation(lines)) == expected


def test_clean_pages_ligatures_and_soft_hyphens():
    (page,) = clean_pages(["de \ufb01nanciering van be\u00adschermd wonen"])
    assert page == "de financiering van beschermd wonen"
