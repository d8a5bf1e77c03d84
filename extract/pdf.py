"""Stage: extract — one file in, one `Document` out, never an exception.

Order of work for one file:

1. sniff the bytes: empty, HTML, ZIP/DOCX, old Office, no PDF header;
2. count pages with both backends (pdfium is fast; pdfminer's count is ≈ 0.5 ms per page);
   password / unsupported encryption / damaged are told apart; when the counts disagree, or
   the preferred backend cannot open the file, the backend that sees more pages is used;
3. read every page; pages the backend could not read, or whose text layer is garbage
   (`extract.quality`), are asked of the other backend;
4. pages still without usable text that show an image, or whose text layer is garbage, are
   read with tesseract (`extract.ocr`) when it is installed;
5. clean the text (`extract.clean`) and decide the status from what happened to each page.

Every problem ends up in `Document.status` / `error` / `warnings` with page numbers, so a batch
goes on and the analyst sees what happened to each file. Hostile files that make a backend
hang or eat memory are handled one level up: each document runs in a child process with a
memory cap and a no-progress timeout (`batch.isolation`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from omslag.extract.backends import BACKENDS, BackendOpenError, PdfiumBackend, ProgressCallback
from omslag.extract.clean import clean_pages, join_page_breaks
from omslag.extract.models import (
    PAGE_BLANK,
    PAGE_SCAN,
    PAGE_SCAN_NEEDS_OCR,
    PAGE_SCAN_NO_TEXT,
    Document,
    DocumentMeta,
    ExtractionStatus,
    ExtractOptions,
    Page,
    TextSource,
    page_list,
)
from omslag.extract.ocr import OcrUnavailable, find_tesseract, ocr_png
from omslag.extract.quality import garbled_reason, readable_ocr

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
        return "het bestand is een webpagina (HTML; gaf een downloadlink een webpagina terug?), geen PDF"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return "het bestand is een Word-document (DOCX), geen PDF"
        return "het bestand is een ZIP-bestand (DOCX/XLSX/ODT?), geen PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "het bestand is een oud Microsoft Office-document, geen PDF"
    return "geen PDF-kop (%PDF-) in de eerste 1024 bytes: geen PDF"


def pages_label(numbers) -> str:
    """ "pagina 4" or "pagina's 1-3, 5" (users read it in documents.csv)."""
    numbers = sorted(set(numbers))
    return f"pagina {numbers[0]}" if len(numbers) == 1 else f"pagina's {page_list(numbers)}"


@dataclass
class _PageState:
    """What happened to one page on its way through extraction."""

    number: int
    raw: str = ""
    extractor: str | None = None
    source: TextSource = TextSource.NONE
    error: str | None = None  # could not be read at all
    image_only: bool = False  # no text layer but an image: a scan
    garbled: str | None = None  # why the text layer is garbage
    columns: int = 1
    warnings: list[str] = field(default_factory=list)


def extract_document(
    path: Path,
    *,
    file: str | None = None,
    plan_id: str | None = None,
    meta: DocumentMeta | None = None,
    backend: str | None = None,
    options: ExtractOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Document:
    """Extract one file. Never raises for bad input: the status says what went wrong."""
    path = Path(path)
    options = options or ExtractOptions()
    if backend is not None:
        options = options.model_copy(update={"backend": backend})
    base = dict(file=file or path.name, plan_id=plan_id or path.stem, meta=meta or DocumentMeta())
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
        doc_id = sha256_file(path)
        size = path.stat().st_size
    except OSError as exc:
        return Document(doc_id="", status=ExtractionStatus.ERROR, error=f"bestand niet te lezen: {exc}", **base)
    if size == 0:
        return Document(doc_id=doc_id, status=ExtractionStatus.EMPTY, error="het bestand is leeg (0 bytes)", **base)
    reason = sniff_not_pdf(head)
    if reason:
        return Document(doc_id=doc_id, status=ExtractionStatus.NOT_PDF, error=reason, **base)
    return _Extraction(path, doc_id, base, options, progress).run()


class _Extraction:
    def __init__(self, path: Path, doc_id: str, base: dict, options: ExtractOptions, progress):
        self.path = path
        self.doc_id = doc_id
        self.base = base
        self.options = options
        self.progress = progress or (lambda stage, page, pages: None)
        self.warnings: list[str] = []

    def _document(self, status: ExtractionStatus, error: str | None, **extra) -> Document:
        return Document(doc_id=self.doc_id, status=status, error=error, warnings=self.warnings, **self.base, **extra)

    # -- 2. open and count -------------------------------------------------------------------
    def run(self) -> Document:
        preferred = self.options.backend if self.options.backend in BACKENDS else PdfiumBackend.name
        order = [preferred] + [name for name in BACKENDS if name != preferred]
        counts: dict[str, int] = {}
        failures: dict[str, BackendOpenError] = {}
        for name in order:
            try:
                counts[name] = BACKENDS[name].page_count(self.path)
            except BackendOpenError as exc:
                if exc.kind == "password":
                    return self._document(
                        ExtractionStatus.PASSWORD_REQUIRED,
                        f"de PDF is beveiligd met een wachtwoord: zonder wachtwoord niet te lezen ({name}: {exc})",
                    )
                if exc.kind == "empty":
                    counts[name] = 0
                else:
                    failures[name] = exc
            except Exception as exc:  # a backend bug must not stop the batch
                failures[name] = BackendOpenError("other", f"{type(exc).__name__}: {exc}")
        if not counts:
            details = "; ".join(f"{n}: {e}" for n, e in failures.items())
            if any(e.kind == "unsupported" for e in failures.values()):
                return self._document(
                    ExtractionStatus.UNSUPPORTED,
                    "de PDF gebruikt iets dat geen van beide leesprogramma's kent (versleuteling met een certificaat "
                    f"of DRM): {details}",
                )
            return self._document(ExtractionStatus.TRUNCATED, f"{self._damage()}: {details}")
        # Some damaged files open in one library with fewer (or 0) pages and read fine in the other.
        chosen = max(counts, key=lambda n: (counts[n], n == preferred))
        if len(set(counts.values())) > 1 or failures:
            seen = ", ".join(f"{n}={c}" for n, c in counts.items())
            failed = "".join(f", {n} kan hem niet openen" for n in failures)
            self.warnings.append(f"aantal pagina's verschilt per leesprogramma ({seen}{failed}); gebruikt: {chosen}")
        if counts[chosen] == 0:
            return self._document(ExtractionStatus.EMPTY, "de PDF heeft geen pagina's")
        # The other backend may stand in for single pages only when it numbers them the same.
        same_pages = [n for n in counts if n != chosen and counts[n] == counts[chosen]]
        return self._read(chosen, counts[chosen], same_pages[0] if same_pages else None)

    def _damage(self) -> str:
        with open(self.path, "rb") as handle:
            handle.seek(max(0, self.path.stat().st_size - 2048))
            tail = handle.read()
        if b"%%EOF" not in tail:
            return "de PDF is afgebroken (geen einde-bestand-markering): niet helemaal gedownload of opgeslagen"
        return "de PDF is beschadigd en gaat niet open"

    # -- 3. read pages, ask the other backend for failed or garbled ones -----------------------
    def _read(self, chosen: str, page_count: int, other: str | None) -> Document:
        pages = {n: _PageState(n) for n in range(1, page_count + 1)}
        self.progress("extract", 0, page_count)
        try:
            for raw in BACKENDS[chosen].iter_pages(self.path):
                if raw.number in pages:
                    self._take(pages[raw.number], raw, chosen)
                self.progress("extract", raw.number, page_count)
        except BackendOpenError as exc:
            return self._document(ExtractionStatus.TRUNCATED, f"{chosen}: {exc}", page_count=page_count)
        self._mark_garbled(pages)

        retry = [n for n, p in pages.items() if p.error or p.garbled]
        if retry and other:
            self._retry_with(other, pages, retry)

        # -- 4. OCR ------------------------------------------------------------------------------
        needs_ocr = [n for n, p in pages.items() if p.image_only or p.garbled]
        ocr_missing: str | None = None
        if needs_ocr:
            if not self.options.ocr:
                ocr_missing = "OCR staat uit (--no-ocr)"
            else:
                try:
                    engine = find_tesseract(self.options.tesseract, self.options.ocr_language)
                except OcrUnavailable as exc:
                    ocr_missing = str(exc)
                else:
                    self._ocr(engine, pages, needs_ocr)

        # -- 5. clean and decide ------------------------------------------------------------------
        numbers = sorted(pages)
        texts = [pages[n].raw if pages[n].source is not TextSource.NONE else "" for n in numbers]
        cleaned, continues_at = join_page_breaks(clean_pages(texts), numbers)
        out: list[Page] = []
        for number, text, spill in zip(numbers, cleaned, continues_at, strict=False):
            state = pages[number]
            if state.source is not TextSource.NONE and not text.strip():
                state.source = TextSource.NONE  # only a page number or a running header
            if state.error:
                state.warnings.append(f"pagina niet te lezen: {state.error}")
            elif state.garbled and state.source is TextSource.NONE:
                state.warnings.append(f"tekstlaag onleesbaar: {state.garbled}")
            elif state.image_only and state.source is TextSource.NONE:
                state.warnings.append(PAGE_SCAN_NEEDS_OCR if number in needs_ocr and ocr_missing else PAGE_SCAN)
            elif state.source is TextSource.NONE:
                state.warnings.append(PAGE_BLANK)
            if state.columns > 1:
                state.warnings.append(f"gelezen in kolomvolgorde ({state.columns} kolommen)")
            out.append(
                Page(
                    number=number,
                    text=text if state.source is not TextSource.NONE else "",
                    source=state.source,
                    continues_at=spill if state.source is not TextSource.NONE else None,
                    extractor=state.extractor if state.source is not TextSource.NONE else None,
                    warnings=state.warnings,
                )
            )
        return self._decide(chosen, page_count, pages, out, ocr_missing)

    def _take(self, state: _PageState, raw, backend: str) -> None:
        state.error = raw.error
        state.raw = raw.text or ""
        state.image_only = raw.has_images and not state.raw.strip()
        state.columns = raw.columns
        if state.raw.strip() and not raw.has_images:
            state.source, state.extractor = TextSource.TEXT_LAYER, backend
        elif state.raw.strip():  # a few characters on a scanned page: OCR it, keep them otherwise
            state.source, state.extractor = TextSource.TEXT_LAYER, backend
            state.image_only = True

    def _mark_garbled(self, pages: dict[int, _PageState]) -> None:
        text_pages = [p for p in pages.values() if p.source is TextSource.TEXT_LAYER and not p.error]
        for state in text_pages:
            state.garbled = garbled_reason(state.raw)
        # Short pages say little one by one: judge the whole text layer too.
        if text_pages and not any(p.garbled for p in text_pages):
            whole = garbled_reason("\n".join(p.raw for p in text_pages))
            if whole:
                for state in text_pages:
                    state.garbled = whole
        for state in text_pages:
            if state.garbled:
                state.source, state.extractor = TextSource.NONE, None

    def _retry_with(self, other: str, pages: dict[int, _PageState], numbers: list[int]) -> None:
        recovered: list[int] = []
        try:
            for raw in BACKENDS[other].iter_pages(self.path, numbers):
                state = pages[raw.number]
                if raw.error or not (raw.text or "").strip() or garbled_reason(raw.text or ""):
                    continue
                state.raw, state.error, state.garbled = raw.text or "", None, None
                state.source, state.extractor, state.columns = TextSource.TEXT_LAYER, other, raw.columns
                recovered.append(raw.number)
        except BackendOpenError:
            return
        if recovered:
            self.warnings.append(f"{pages_label(recovered)} gelezen met {other} (het eerste leesprogramma faalde erop)")

    def _ocr(self, engine, pages: dict[int, _PageState], numbers: list[int]) -> None:
        read: list[int] = []
        renderer = PdfiumBackend()
        self.progress("ocr", 0, len(numbers))
        try:
            rendered = renderer.render_png(self.path, numbers, self.options.ocr_dpi)
            for done, (number, png, error) in enumerate(rendered, start=1):
                state = pages[number]
                text = ""
                if png is not None:
                    try:
                        text = ocr_png(engine, png, self.options.ocr_dpi, self.options.ocr_page_timeout)
                    except RuntimeError as exc:
                        error = f"OCR mislukt: {exc}"
                self.progress("ocr", done, len(numbers))
                if error:
                    state.error = state.error or error
                    continue
                if readable_ocr(text):
                    state.raw, state.source, state.extractor = text, TextSource.OCR, engine.label
                    state.error = state.garbled = None
                    read.append(number)
                elif state.image_only:
                    state.warnings.append(PAGE_SCAN_NO_TEXT)
        except BackendOpenError as exc:  # pdfium cannot open the file, so it cannot render it
            for number in numbers:
                pages[number].warnings.append(f"pagina niet als afbeelding te maken voor OCR: {exc}")
        if read:
            self.warnings.append(f"{pages_label(read)} gelezen met OCR ({engine.label})")

    def _decide(self, chosen: str, page_count: int, pages, out: list[Page], ocr_missing: str | None) -> Document:
        usable = [p for p in out if p.source is not TextSource.NONE]
        errors = sorted(n for n, s in pages.items() if s.error and s.source is TextSource.NONE)
        garbled = sorted(n for n, s in pages.items() if s.garbled and s.source is TextSource.NONE)
        unread_scans = sorted(
            n for n, s in pages.items() if s.image_only and s.source is TextSource.NONE and ocr_missing
        )
        ocr_pages = [p.number for p in usable if p.source is TextSource.OCR]
        done = dict(extractor=chosen, page_count=page_count, pages=out)
        if not usable:
            if unread_scans:
                return self._document(
                    ExtractionStatus.NEEDS_OCR,
                    f"geen pagina heeft een tekstlaag ({pages_label(unread_scans)}: alleen afbeeldingen): {ocr_missing}",
                    **done,
                )
            if garbled:
                reason = pages[garbled[0]].garbled
                hint = f"; {ocr_missing}" if ocr_missing else "; ook OCR vond geen leesbare tekst"
                return self._document(ExtractionStatus.GARBLED, f"de tekstlaag is onleesbaar: {reason}{hint}", **done)
            if errors:
                first = pages[errors[0]].error
                return self._document(
                    ExtractionStatus.UNSUPPORTED, f"geen pagina te lezen ({pages_label(errors)}): {first}", **done
                )
            scans = [n for n, s in pages.items() if s.image_only]
            if scans:
                return self._document(
                    ExtractionStatus.EMPTY,
                    f"geen tekst: {pages_label(scans)}: afbeeldingen waarin OCR geen leesbare tekst vond",
                    **done,
                )
            return self._document(ExtractionStatus.EMPTY, "alle pagina's zijn leeg", **done)
        problems = []
        if errors:
            problems.append(f"niet te lezen: {pages_label(errors)} ({pages[errors[0]].error})")
        if unread_scans:
            problems.append(f"scan zonder tekstlaag niet gelezen: {pages_label(unread_scans)}: {ocr_missing}")
        if garbled:
            problems.append(f"onleesbare tekst op {pages_label(garbled)} ({pages[garbled[0]].garbled})")
        if problems:
            return self._document(ExtractionStatus.PARTIAL, "; ".join(problems), **done)
        if len(ocr_pages) == len(usable):
            return self._document(
                ExtractionStatus.OCR,
                f"geen bruikbare tekstlaag: {pages_label(ocr_pages)} gelezen met OCR; namen en getallen kunnen verkeerd gelezen zijn",
                **done,
            )
        return self._document(ExtractionStatus.SUCCESS, None, **done)
