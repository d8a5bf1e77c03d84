"""Stage: extract — the typed boundary between PDF extraction and everything after it.

`Document` and `Page` are what extraction hands to the rules stage. Every later artefact
(evidence, scores, sheets) points back to a `Document.doc_id` and a 1-based page number,
so a rater can always open the PDF at the right page.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator


def page_list(numbers: Iterable[int]) -> str:
    """1, 2, 3, 5 → "1-3, 5": page numbers as a person writes them."""
    numbers = sorted(set(numbers))
    parts: list[str] = []
    start: int | None = None
    previous: int | None = None
    for number in [*numbers, None]:
        if start is None or previous is None:
            start = previous = number
        elif number is not None and number == previous + 1:
            previous = number
        else:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
            start = previous = number
    return ", ".join(parts)


# Between the cells of a table row in a page's text (extract.backends, extract.clean); the rules
# read a row's cells by it (rules.matching, rules.metadata, rules.context).
CELL_SEPARATOR = " | "

# Page warnings users read in documents.csv (Dutch); the harmless ones are matched on below.
PAGE_BLANK = "lege pagina"
PAGE_SCAN = "pagina is alleen een afbeelding"
PAGE_SCAN_NEEDS_OCR = "pagina is alleen een afbeelding: OCR nodig"
PAGE_SCAN_NO_TEXT = "OCR vond geen leesbare tekst in de afbeelding"


class ExtractionStatus(str, Enum):
    """Outcome of extracting one file. A missing page looks like a low score to a rater,
    so anything short of SUCCESS is reported, never hidden."""

    SUCCESS = "SUCCESS"  # every page with content has text (some pages may have been OCR'd)
    OCR = "OCR"  # no usable text layer: all text was read from page images with tesseract
    PARTIAL = "PARTIAL"  # some pages failed, need OCR or are garbled (numbers in `error`); the rest is usable
    NEEDS_OCR = "NEEDS_OCR"  # no usable text layer and OCR is not available (the error says how to install it)
    GARBLED = "GARBLED"  # the text layer decodes to garbage ((cid:NN), private-use characters, no Dutch words)
    EMPTY = "EMPTY"  # zero-byte file, a PDF with zero pages, or only blank pages
    NOT_PDF = "NOT_PDF"  # the bytes are not a PDF at all (HTML page, ZIP/DOCX, ...)
    TRUNCATED = "TRUNCATED"  # starts like a PDF but cannot be opened (cut off / damaged)
    PASSWORD_REQUIRED = "PASSWORD_REQUIRED"
    UNSUPPORTED = "UNSUPPORTED"  # a PDF feature neither extractor can read (e.g. certificate encryption)
    RESOURCE_LIMIT = "RESOURCE_LIMIT"  # extraction hit the memory cap or made no progress in time: stopped
    ERROR = "ERROR"  # anything unexpected (a bug, an unreadable file); the message says what

    @property
    def usable(self) -> bool:
        """True when there is text to run the rules on."""
        return self in (ExtractionStatus.SUCCESS, ExtractionStatus.OCR, ExtractionStatus.PARTIAL)


class TextSource(str, Enum):
    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    NONE = "none"  # page without text layer and not OCR'd


class Block(BaseModel):
    """A line of text with its box in PDF points (origin top-left, as pdfplumber reports)."""

    model_config = ConfigDict(extra="forbid")

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int = Field(description="1-based page number, as a PDF viewer shows it.")
    text: str = Field(
        description="Cleaned page text: line-end hyphenation undone, running headers/footers "
        "removed, paragraphs separated by a blank line, lines within a paragraph by a newline."
    )
    source: TextSource = Field(description="Where the text came from.")
    continues_at: int | None = Field(
        default=None,
        description="Offset in `text` from which the text comes from the next page: a sentence cut by the "
        "page break is kept whole on the page where it starts (None: nothing moved).",
    )
    extractor: str | None = Field(
        default=None, description="Backend or OCR engine that produced the text (None without text)."
    )
    blocks: list[Block] = Field(
        default_factory=list, description="Optional line boxes, when the extractor gives them cheaply."
    )
    warnings: list[str] = Field(default_factory=list, description="Problems with this page.")


class ExtractOptions(BaseModel):
    """How to extract: part of the extraction cache key, so a change re-extracts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: str = Field(default="pypdfium2", description="Preferred backend: pypdfium2 (fast) or pdfplumber.")
    ocr: bool = Field(default=True, description="Read pages without a usable text layer with tesseract.")
    ocr_language: str = Field(default="nld", description="tesseract language data to use.")
    ocr_dpi: int = Field(default=300, ge=72, le=600, description="Resolution pages are rendered at for OCR.")
    tesseract: str = Field(default="tesseract", description="tesseract command or path.")
    ocr_page_timeout: float = Field(default=180.0, gt=0, description="Seconds tesseract may spend on one page.")


class DocumentMeta(BaseModel):
    """What the corpus manifest says about a file (all optional: a bare folder of PDFs works)."""

    model_config = ConfigDict(extra="allow")

    region: str | None = None
    date: str | None = Field(default=None, description="Plan date, ISO yyyy-mm-dd when known.")
    doc_type: str | None = None
    title: str | None = None


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="sha256 of the file's bytes: the same file is the same document.")
    file: str = Field(description="File name relative to the corpus folder.")
    plan_id: str = Field(description="Short readable id (file stem, or the manifest's plan_id).")
    status: ExtractionStatus
    extractor: str | None = Field(default=None, description="Backend whose text was used.")
    page_count: int = Field(default=0, description="Pages in the PDF (0 when it could not be opened).")
    pages: list[Page] = Field(default_factory=list)
    error: str | None = Field(default=None, description="Human-readable reason when not SUCCESS.")
    warnings: list[str] = Field(default_factory=list)
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    ocr_pages: list[int] = Field(
        default_factory=list, description="Pages whose text was read from the page image (OCR)."
    )
    unread_pages: list[int] = Field(
        default_factory=list,
        description="Pages with content that could not be read (errors, scans without OCR, garbled text); "
        "blank pages are not listed.",
    )

    @model_validator(mode="after")
    def _page_summaries(self) -> Document:
        # Derived once while the pages are there: later stages drop the page texts to save memory
        # but the report must still say which pages a rater cannot see in the sheets.
        if self.pages and not self.ocr_pages and not self.unread_pages:
            self.ocr_pages = [p.number for p in self.pages if p.source is TextSource.OCR]
            # blank pages and pictures in which OCR found no text hold nothing to read
            harmless = {PAGE_BLANK, PAGE_SCAN, PAGE_SCAN_NO_TEXT}
            self.unread_pages = [
                p.number for p in self.pages if p.source is TextSource.NONE and not set(p.warnings) <= harmless
            ]
        return self

    @property
    def text_pages(self) -> list[Page]:
        return [p for p in self.pages if p.source is not TextSource.NONE and p.text.strip()]
