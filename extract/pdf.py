"""Stage: extract — one file in, one `Document` out, never an exception.

Sniffs the bytes first (empty, HTML, ZIP/DOCX, not a PDF), opens with the chosen backend,
cross-checks the page count with the other backend, falls back when the first one fails,
and cleans the text. Every problem ends up in `Document.status` / `error` / `warnings` so a
batch can go on and the analyst sees what happened to each file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract.backends import BACKENDS, DEFAULT_BACKEND, BackendOpenError
from extract.clean import clean_pages
from extract.models import Document, DocumentMeta, ExtractionStatus, Page, TextSource

# A PDF may have some junk before its header; the spec allows the header in the first 1024 bytes.
_PDF_MAGIC = b"%PDF-"
_SNIFF = 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_not_pdf(head: bytes) -> str | None:
    """Return a reason when the first bytes show this is not a PDF, else None."""
    if _PDF_MAGIC in head[:_SNIFF]:
        return None
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "the file is an HTML page (a download link that returned a web page?), not a PDF"
    if head.startswith(b"PK\x03\x04"):
        return "the file is a ZIP container (DOCX/XLSX/ODT?), not a PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "the file is an old Microsoft Office document, not a PDF"
    return "no PDF header (%PDF-) in the first 1024 bytes"


def extract_document(
    path: Path,
    *,
    file: str | None = None,
    plan_id: str | None = None,
    meta: DocumentMeta | None = None,
    backend: str = DEFAULT_BACKEND,
) -> Document:
    """Extract one file. Never raises for bad input: the status says what went wrong."""
    path = Path(path)
    base = dict(
        file=file or path.name,
        plan_id=plan_id or path.stem,
        meta=meta or DocumentMeta(),
    )
    try:
        data_head = _read_head(path)
        doc_id = sha256_file(path)
    except OSError as exc:
        return Document(doc_id="", status=ExtractionStatus.ERROR, error=f"cannot read file: {exc}", **base)
    if path.stat().st_size == 0:
        return Document(doc_id=doc_id, status=ExtractionStatus.EMPTY, error="the file is empty (0 bytes)", **base)
    reason = sniff_not_pdf(data_head)
    if reason:
        return Document(doc_id=doc_id, status=ExtractionStatus.NOT_PDF, error=reason, **base)

    order = [backend] + [name for name in BACKENDS if name != backend]
    failures: list[str] = []
    warnings: list[str] = []
    counts: dict[str, int] = {}
    for name in order:
        try:
            counts[name] = BACKENDS[name].page_count(path)
        except BackendOpenError as exc:
            if exc.kind == "password":
                return Document(
                    doc_id=doc_id,
                    status=ExtractionStatus.PASSWORD_REQUIRED,
                    error=f"the PDF is password protected ({name}: {exc})",
                    **base,
                )
            failures.append(f"{name}: {exc}")
        except Exception as exc:  # a backend bug must not stop the batch
            failures.append(f"{name}: {type(exc).__name__}: {exc}")

    if not counts:
        return Document(
            doc_id=doc_id,
            status=ExtractionStatus.TRUNCATED,
            error="the PDF cannot be opened (damaged or cut off): " + "; ".join(failures),
            **base,
        )
    # Use the preferred backend unless it failed or sees fewer pages than the other one:
    # some damaged files open in one library with 0 pages and read fine in the other.
    chosen = max(counts, key=lambda n: (counts[n], n == backend))
    if len(set(counts.values())) > 1:
        warnings.append(
            "page counts differ between extractors ("
            + ", ".join(f"{n}={c}" for n, c in counts.items())
            + f"); used {chosen}"
        )
    if counts[chosen] == 0:
        return Document(
            doc_id=doc_id,
            status=ExtractionStatus.EMPTY,
            error="the PDF has no pages",
            warnings=warnings,
            **base,
        )
    return _read_pages(path, doc_id, chosen, counts[chosen], warnings, base)


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(_SNIFF)


def _read_pages(path: Path, doc_id: str, backend_name: str, page_count: int, warnings, base) -> Document:
    raw: dict[int, str] = {}
    page_errors: dict[int, str] = {}
    image_pages: set[int] = set()
    try:
        for page in BACKENDS[backend_name].iter_pages(path):
            if page.error is not None:
                page_errors[page.number] = page.error
            else:
                raw[page.number] = page.text or ""
            if page.has_images:
                image_pages.add(page.number)
    except BackendOpenError as exc:
        return Document(
            doc_id=doc_id, status=ExtractionStatus.TRUNCATED, error=f"{backend_name}: {exc}", **base
        )

    numbers = list(range(1, page_count + 1))
    cleaned = clean_pages([raw.get(n, "") for n in numbers])
    pages: list[Page] = []
    no_text: list[int] = []
    for number, text in zip(numbers, cleaned):
        page_warnings = []
        if number in page_errors:
            page_warnings.append(f"page could not be read: {page_errors[number]}")
            source = TextSource.NONE
        elif not text.strip() and number in image_pages:
            page_warnings.append("no text layer (image-only page: needs OCR)")
            no_text.append(number)
            source = TextSource.NONE
        elif not text.strip():
            page_warnings.append("blank page")
            source = TextSource.NONE
        else:
            source = TextSource.TEXT_LAYER
        pages.append(Page(number=number, text=text, source=source, warnings=page_warnings))

    usable = [p for p in pages if p.source is TextSource.TEXT_LAYER]
    error = None
    if not usable and no_text:
        status = ExtractionStatus.NEEDS_OCR
        error = f"no page has a text layer ({len(no_text)} image-only pages): OCR needed"
    elif not usable and not page_errors:
        status = ExtractionStatus.EMPTY
        error = "every page is blank"
    elif not usable:
        status = ExtractionStatus.UNSUPPORTED
        error = "no page could be read: " + "; ".join(f"p{n}: {e}" for n, e in page_errors.items())
    elif page_errors or no_text:
        status = ExtractionStatus.PARTIAL
        parts = []
        if page_errors:
            parts.append("unreadable pages " + ", ".join(map(str, sorted(page_errors))))
        if no_text:
            parts.append("image-only pages without OCR " + ", ".join(map(str, no_text)))
        error = "; ".join(parts)
    else:
        status = ExtractionStatus.SUCCESS
    return Document(
        doc_id=doc_id,
        status=status,
        extractor=backend_name,
        page_count=page_count,
        pages=pages,
        error=error,
        warnings=warnings,
        **base,
    )
