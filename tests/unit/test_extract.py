"""Extraction: the bad-input set (one file per status), cleaning quirks (one fixture PDF per
quirk with its expected text), page numbers, document ids, fall-backs between extractors."""

from __future__ import annotations

import hashlib
import re

import pytest

from omslag.extract.clean import clean_pages, undo_hyphenation
from omslag.extract.models import PAGE_BLANK, PAGE_SCAN, ExtractionStatus, ExtractOptions, TextSource
from omslag.extract.pdf import extract_document, page_list, pages_label
from tests.support import BAD_INPUT, FIXTURES, needs_tesseract, tesseract_available

NO_OCR = ExtractOptions(ocr=False)
# The bomb only terminates under the child-process limits: tested in test_isolation.py.
IN_PROCESS_BAD = sorted(p.name for p in BAD_INPUT.glob("*.pdf") if not p.name.startswith("RESOURCE_LIMIT"))


def expected_status(name: str) -> ExtractionStatus:
    status = ExtractionStatus(name.split("__")[0])
    if status is ExtractionStatus.OCR and not tesseract_available():
        return ExtractionStatus.NEEDS_OCR
    return status


def test_bad_input_set_has_one_file_per_status():
    statuses = {p.name.split("__")[0] for p in BAD_INPUT.glob("*.pdf")}
    wanted = {s.value for s in ExtractionStatus} - {"NEEDS_OCR", "ERROR"}
    assert statuses == wanted  # NEEDS_OCR is the OCR file without tesseract; ERROR is a bug, not input


@pytest.mark.parametrize("name", IN_PROCESS_BAD)
def test_bad_input_gets_its_status(name):
    document = extract_document(BAD_INPUT / name)
    assert document.status is expected_status(name), document.error
    if document.status is not ExtractionStatus.SUCCESS:
        assert document.error, "a non-success status must say why"


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("EMPTY__zero_bytes.pdf", "0 bytes"),
        ("EMPTY__no_pages.pdf", "geen pagina's"),
        ("NOT_PDF__html_page.pdf", "HTML"),
        ("NOT_PDF__docx_file.pdf", "Word"),
        ("TRUNCATED__cut_after_a_third.pdf", "afgebroken"),
        ("PASSWORD_REQUIRED__user_password.pdf", "wachtwoord"),
        ("UNSUPPORTED__certificate_security_handler.pdf", "certificaat"),
        ("PARTIAL__broken_page_object.pdf", "niet te lezen: pagina 2 "),
        ("GARBLED__symbol_font_private_use.pdf", "private-use"),
    ],
)
def test_bad_input_error_says_what_is_wrong(name, fragment):
    document = extract_document(BAD_INPUT / name)
    assert fragment in document.error


def test_partial_lists_page_numbers_and_keeps_readable_pages():
    document = extract_document(BAD_INPUT / "PARTIAL__broken_page_object.pdf")
    assert [p.source for p in document.pages] == [TextSource.TEXT_LAYER, TextSource.NONE, TextSource.TEXT_LAYER]
    assert "pdfplumber=2" in document.warnings[0]  # the page counts were cross-checked


def test_page_count_disagreement_uses_the_extractor_that_sees_every_page():
    document = extract_document(FIXTURES / "page_tree_count_wrong.pdf")
    assert document.status is ExtractionStatus.SUCCESS
    assert document.extractor == "pdfplumber" and document.page_count == 3
    assert [p.text for p in document.pages] == [f"Pagina {n} van het plan." for n in ("een", "twee", "drie")]
    assert "pypdfium2=1, pdfplumber=3" in document.warnings[0]


def test_scan_without_ocr_needs_ocr_and_says_how_to_install():
    document = extract_document(
        BAD_INPUT / "OCR__scanned_dutch_page.pdf", options=ExtractOptions(tesseract="omslag-no-such-tesseract")
    )
    assert document.status is ExtractionStatus.NEEDS_OCR
    assert "apt-get install tesseract-ocr tesseract-ocr-nld" in document.error
    assert (
        extract_document(BAD_INPUT / "OCR__scanned_dutch_page.pdf", options=NO_OCR).status is ExtractionStatus.NEEDS_OCR
    )


def test_scanned_page_is_read_by_ocr_in_dutch():
    needs_tesseract()
    document = extract_document(BAD_INPUT / "OCR__scanned_dutch_page.pdf")
    (page,) = document.pages
    assert page.source is TextSource.OCR and page.extractor.startswith("tesseract")
    words = " ".join(page.text.split())
    assert "nachtopvang" in words and "woonplekken met begeleiding" in words


def test_garbled_text_layer_is_replaced_by_ocr():
    """The shifted Unicode map: without OCR the document is GARBLED, with OCR it reads right."""
    path = FIXTURES / "garbled_shifted_unicode_map.pdf"
    garbled = extract_document(path, options=NO_OCR)
    assert garbled.status is ExtractionStatus.GARBLED
    assert "Nederlandse woorden" in garbled.error
    needs_tesseract()
    document = extract_document(path)
    assert document.status is ExtractionStatus.OCR
    expected = (FIXTURES / "garbled_shifted_unicode_map.expected.txt").read_text(encoding="utf-8").split()
    got = document.pages[0].text.split()
    matching = sum(a == b for a, b in zip(got, expected, strict=False))
    assert matching >= 0.9 * len(expected), (got, expected)


def test_doc_id_is_sha256_of_bytes():
    path = FIXTURES / "hyphenated_line_breaks.pdf"
    assert extract_document(path).doc_id == hashlib.sha256(path.read_bytes()).hexdigest()


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


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


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
def test_two_columns_read_column_by_column(backend):
    document = extract_document(FIXTURES / "two_columns_interleaved.pdf", backend=backend)
    expected = (FIXTURES / "two_columns_interleaved.expected.txt").read_text(encoding="utf-8")
    text = " ".join(document.pages[0].text.split())
    assert text == " ".join(expected.split())
    assert "gelezen in kolomvolgorde (2 kolommen)" in document.pages[0].warnings


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
def test_ligatures_and_soft_hyphens(backend):
    document = extract_document(FIXTURES / "ligatures_and_soft_hyphens.pdf", backend=backend)
    expected = (FIXTURES / "ligatures_and_soft_hyphens.expected.txt").read_text(encoding="utf-8")
    assert " ".join(document.pages[0].text.split()) == " ".join(expected.split())
    assert "\u00ad" not in document.pages[0].text


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
def test_odd_whitespace_folded_paragraphs_kept(backend):
    document = extract_document(FIXTURES / "odd_whitespace.pdf", backend=backend)
    expected = (FIXTURES / "odd_whitespace.expected.txt").read_text(encoding="utf-8")
    assert _paragraphs(document.pages[0].text) == _paragraphs(expected)
    assert "  " not in document.pages[0].text and "\u00a0" not in document.pages[0].text


def test_image_only_page_is_flagged_not_lost():
    document = extract_document(FIXTURES / "image_only_page.pdf", options=NO_OCR)
    assert document.status is ExtractionStatus.PARTIAL
    assert [p.source for p in document.pages] == [TextSource.TEXT_LAYER, TextSource.NONE]
    assert "2" in document.error and "OCR" in document.error


def test_image_without_readable_text_is_not_an_error():
    """With OCR, a picture whose text is too small to read (a photo, a logo) is reported on
    the page, and the document is still a success."""
    needs_tesseract()
    document = extract_document(FIXTURES / "image_only_page.pdf")
    assert document.status is ExtractionStatus.SUCCESS
    assert document.pages[1].source is TextSource.NONE
    assert PAGE_SCAN in document.pages[1].warnings


def test_blank_page_is_not_a_scan():
    document = extract_document(FIXTURES / "blank_page_between_text.pdf")
    assert document.page_count == 3
    assert document.pages[1].warnings == [PAGE_BLANK]
    assert document.error is None


def test_missing_file_gives_error_status(tmp_path):
    document = extract_document(tmp_path / "does-not-exist.pdf")
    assert document.status is ExtractionStatus.ERROR
    assert "does-not-exist.pdf" in document.error


def test_page_list_is_written_as_ranges():
    assert page_list([5, 1, 2, 3, 9, 10]) == "1-3, 5, 9-10"
    assert page_list([]) == ""
    assert pages_label([4]) == "pagina 4" and pages_label([2, 1]) == "pagina's 1-2"


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["opvang en maatschap-", "pelijke zorg"], "opvang en maatschappelijke zorg"),
        (["naar Leidschendam-", "Voorburg"], "naar Leidschendam-Voorburg"),
        (["voor dak-", "en thuisloze mensen"], "voor dak- en thuisloze mensen"),
        (["de Wonen Eerst-", "aanpak"], "de Wonen Eerst-aanpak"),
        (["de NAD-", "middelen"], "de NAD-middelen"),
        (["een zin met een streepje -", "los"], "een zin met een streepje -\nlos"),
        # a capitalised word at the start of a sentence is no name: the word list decides
        (["gerealiseerd. Daar-", "naast komt er"], "gerealiseerd. Daarnaast komt er"),
        (["De Erva-", "ringsraad schreef mee"], "De Ervaringsraad schreef mee"),
        (["Dakloos-", "heid voorkomen"], "Dakloosheid voorkomen"),
        (["de Schuld-", "hulpverlening"], "de Schuldhulpverlening"),
        # real hyphens stay: names, prefixes, double surnames, vowel clash, hyphen chains
        (["het Housing First-", "team"], "het Housing First-team"),
        (["voor ex-", "gedetineerden"], "voor ex-gedetineerden"),
        (["mevrouw Tiemens-", "de Vries"], "mevrouw Tiemens-de Vries"),
        (["de decentralisatie-", "uitkering"], "de decentralisatie-uitkering"),
        (["de ETHOS-Light-", "definitie"], "de ETHOS-Light-definitie"),
    ],
)
def test_undo_hyphenation(lines, expected):
    assert "\n".join(undo_hyphenation(lines)) == expected


def test_clean_pages_ligatures_and_soft_hyphens():
    (page,) = clean_pages(["de \ufb01nanciering van be\u00adschermd wonen"])
    assert page == "de financiering van beschermd wonen"


def test_clean_pages_odd_spaces():
    (page,) = clean_pages(["Het\u2009plan\u202ftelt \t 120\u00a0woningen.  "])
    assert page == "Het plan telt 120 woningen."


def _page_paragraphs(document) -> list[list[str]]:
    pages = {p.number: p.text for p in document.pages}
    return [_paragraphs(pages.get(n, "")) for n in range(1, document.page_count + 1)]


def _golden(name: str) -> list[list[str]]:
    text = (FIXTURES / f"{name}.expected.txt").read_text(encoding="utf-8").rstrip("\n")
    return [[line for line in page.split("\n") if line] for page in text.split("\f")]


@pytest.mark.parametrize("backend", ["pypdfium2", "pdfplumber"])
@pytest.mark.parametrize("quirk", ["table_of_contents", "sentence_across_page_break", "table_rows"])
def test_clean_snippet_quirks_match_golden_text(backend, quirk):
    document = extract_document(FIXTURES / f"{quirk}.pdf", backend=backend)
    assert _page_paragraphs(document) == _golden(quirk)


def test_wrapped_table_cells_stay_one_row_each():
    """pypdfium2 reads a wrapped table cell by cell; each row is kept as one paragraph."""
    document = extract_document(FIXTURES / "table_cells_wrapped.pdf", backend="pypdfium2")
    assert _page_paragraphs(document) == _golden("table_cells_wrapped")


def test_a_row_with_one_figure_inside_a_table_is_a_row():
    """A budget table where one year is filled ("Preventieve begeleiding statushouders -75" and
    "Beschermd wonen -50" between rows with two figures, the Wassenaar budget's page 199): each
    line is a row of its own, not one "sentence" that names beschermd wonen. Outside a table a
    line ending in one figure is prose, and a year heads a column."""
    from omslag.extract.clean import mark_table_rows

    table = [
        "6. Sociaal domein",
        "",
        "Innovatiebudget Sociaal Domein -50 -50",
        "",
        "Preventieve begeleiding statushouders -75",
        "Beschermd wonen -50",
        "",
        "Actieplan jeugd -287 -287",
    ]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(mark_table_rows(table))) if p.strip()]
    assert paragraphs == [
        "6. Sociaal domein",
        "Innovatiebudget Sociaal Domein | -50 | -50",
        "Preventieve begeleiding statushouders | -75",
        "Beschermd wonen | -50",
        "Actieplan jeugd | -287 | -287",
    ]
    prose = ["In de regio wonen sinds 2019", "ongeveer 340", "mensen in de opvang."]
    assert mark_table_rows(prose) == prose
    header = ["Indicator Nulmeting 2023 Doel 2026", "Extra woonplekken 0 65"]
    assert mark_table_rows(header)[0] == "Indicator Nulmeting 2023 Doel 2026"


def test_sentence_across_page_break_keeps_its_page_range():
    from omslag.rules.matching import finder_for
    from tests.support import ENGINE_RUBRIC

    document = extract_document(FIXTURES / "sentence_across_page_break.pdf")
    first = document.pages[0]
    assert first.continues_at is not None and first.text[first.continues_at :].startswith("plekken")
    evidence = finder_for(ENGINE_RUBRIC).find(document)
    spanning = [e for e in evidence if "woonplekken voor dakloze mensen" in e.sentence]
    assert spanning and {(e.page, e.page_end) for e in spanning} == {(1, 2)}
    assert all(e.page_end is None for e in evidence if e.page == 2)


@pytest.mark.parametrize(
    "text, heading",
    [
        ("Inleiding.\n\n5.1 Vroegsignalering van betalingsachterstanden\n\nDe gemeenten", True),
        ("Inleiding.\n\n3.\n\nMaatschappelijke opvang\n\nDe regio", True),
        ("Inleiding.\n\nActielijn 2: Voorkomen van dakloosheid\n\nDe regio", True),
        # an action line's name with its aim after the colon is a statement (issue 10)
        ("Inleiding.\n\nWonen: elke inwoner een betaalbare woning in de eigen wijk\n\nDe regio", False),
        ("Inleiding.\n\nHoofdstuk 3: Preventie\n\nDe regio", True),
        ("Inleiding.\n\nBron: eigen bewerking van de gemeente Veenhoven\n\nDe regio", True),  # a source line
        ("Inleiding.\n\nHuisuitzettingen | 37 | 26 | 20\n\nDe regio", False),  # a table row keeps its figures
        ("Inleiding.\n\nWonen Eerst wordt het uitgangspunt.\n\nDe regio", False),  # a sentence
    ],
)
def test_bare_headings_are_recognised(text, heading):
    from omslag.rules.matching import is_bare_heading

    start = text.index("\n\n") + 2
    if text[start:].startswith("3."):
        start = text.index("Maatschappelijke")
    end = text.index("\n\n", start)
    assert is_bare_heading(text, start, end) is heading


@pytest.mark.parametrize(
    "sentence, contents",
    [
        # a table of contents whose text layer is one run: titles, each with its page
        ("Voorwoord 3 Inleiding 4 Van opvang naar wonen 9 Preventie in de wijk 14 Financiën 21", True),
        ("1.1 Aanleiding ..... 4 1.2 Wonen Eerst in de regio ..... 7 1.3 Nachtopvang ..... 12", True),
        # section and page both given: two entries in order are enough
        ("2 Visie: een thuis voor iedereen 6 3 Ambities Minder opvang Meer woonplekken 10", True),
        # pages go down: not a table of contents
        ("Inleiding 14 Van opvang naar wonen 9 Preventie in de wijk 3", False),
        # numbers that count before their items number a list of statements
        ("Onze aanpak 1 Woonplekken voor iedereen 2 Opvang alleen voor crisis 3 Samen met ervaringskenners", False),
        # numbered action lines without pages state their aims
        ("3.1 Doel 1: Voorkomen van huisuitzettingen 3.2 Doel 2: Opvang afbouwen 3.3 Doel 3: Meer woonplekken", False),
        # running text with numbers
        ("In 2024 komen er 12 Housing First-plekken bij, in 2025 nog 15 en in 2026 20.", False),
        ("De regio realiseert 40 woonplekken in 2025 en 60 woonplekken in 2026.", False),
    ],
)
def test_a_table_of_contents_run_together_is_recognised(sentence, contents):
    from omslag.rules.matching import is_contents_run

    assert is_contents_run(sentence) is contents


def test_a_table_of_contents_run_together_gives_no_evidence():
    """An interactive PDF's contents page comes as one run of text: it names every theme of the
    plan and used to become a row for each indicator; the plan text after it still counts."""
    from omslag.rules.matching import finder_for
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH
    from tests.support import one_page_document

    contents = "Inleiding 3 Van opvang naar wonen 6 Preventie van huisuitzettingen 11 Nachtopvang en crisisopvang 15"
    statement = "In 2025 bouwen wij de nachtopvang af van 60 naar 30 plekken."
    evidence = finder_for(DEFAULT_RUBRIC_PATH).find(one_page_document(f"{contents}\n\n{statement}"))
    assert evidence, "the plan sentence after the contents is evidence"
    assert all(e.sentence.startswith("In 2025") for e in evidence)


def test_a_heading_may_wrap_onto_a_second_line():
    from omslag.rules.matching import is_bare_heading

    text = "vastgesteld.\n\nSamenhang met beschermd wonen en de regionale\nsamenwerking\n\nDe koers"
    start = text.index("Samenhang")
    assert is_bare_heading(text, start, text.index("\n\nDe koers"))
    paragraph = "Wij bouwen\nwoningen voor\ndakloze mensen\n\nDe koers"
    assert not is_bare_heading(paragraph, 0, paragraph.index("\n\n"))
