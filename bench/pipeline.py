"""Benchmark: the whole pipeline against pdftotext, stage shares, memory, cache, OCR.

Not a test. Run: `make bench` (or `.venv/bin/python bench/pipeline.py [--skip-flow]`).
Prints, on one fixed set of text PDFs (corpus/demo, plus ../shared/corpus/real without its
broken and scanned files when present), in one run:

1. pages/s of each extractor (pypdfium2 with our column/paragraph analysis, pdfplumber) and
   of the whole pipeline (extract → evidence → tables and rater sheets), next to `pdftotext`
   on the same files, all on ONE core (the process is pinned to CPU 0; children inherit it);
2. the share of the pipeline's time per stage;
3. peak memory (RSS) on a generated 500-page PDF, of the child process that extracts and
   analyses it and of the batch process;
4. cold vs warm re-run of the unchanged batch (with OCR, as users run it), without Prefect
   and — unless --skip-flow — through `omslag run` (Prefect flow, its server start included);
5. OCR seconds per page on the scanned pages.

Record the output in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"
NOT_TEXT = {
    "broken_not_a_pdf.pdf",
    "broken_truncated.pdf",
    "plooi_blg-1007826_scanned.pdf",
    "wassenaar_jaarstukken_2022_screenshot.pdf",
}
SCANNED = [
    SHARED_REAL / "plooi_blg-1007826_scanned.pdf",
    ROOT / "tests" / "fixtures" / "bad_input" / "OCR__scanned_dutch_page.pdf",
]


def fixed_set() -> list[Path]:
    files = sorted((ROOT / "corpus" / "demo").glob("*.pdf"))
    if SHARED_REAL.is_dir():
        files += sorted(p for p in SHARED_REAL.glob("*.pdf") if p.name not in NOT_TEXT)
    return files


def pages_of(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def row(name: str, pages: int, seconds: float, reference: float | None = None, note: str = "") -> None:
    rate = pages / seconds if seconds else float("inf")
    ratio = f"{rate / reference:8.2f}x" if reference else " " * 9
    print(f"  {name:<38} {pages:>6} {seconds:>9.2f} {rate:>9.1f} {ratio}  {note}")


def section(title: str) -> None:
    print(f"\n== {title}")


# -- 1 + 2: one core: extractors, pipeline, pdftotext -----------------------------------------


def throughput(files: list[Path], out: Path) -> None:
    from omslag.extract.backends import BACKENDS
    from omslag.extract.clean import clean_pages
    from omslag.extract.models import ExtractOptions
    from omslag.extract.pdf import extract_document
    from omslag.rules.analyse import analyse_document
    from omslag.rules.matching import finder_for
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH
    from omslag.sheets.rater_sheet import sheet_rows, write_rater_sheets
    from omslag.sheets.tables import write_run_tables

    pages = sum(pages_of(p) for p in files)
    section(f"1. throughput on one core: {len(files)} text PDFs, {pages} pages (OCR off: pdftotext does no OCR)")
    print(f"  {'what':<38} {'pages':>6} {'seconds':>9} {'pages/s':>9} {'vs pdftotext':>9}")

    def run_pdftotext():
        for path in files:
            subprocess.run(["pdftotext", "-q", str(path), "-"], stdout=subprocess.DEVNULL, check=False)

    if shutil.which("pdftotext"):
        seconds_pdftotext, _ = timed(run_pdftotext)
        reference = pages / seconds_pdftotext
        row("pdftotext (poppler)", pages, seconds_pdftotext, reference)
    else:
        reference = None
        print("  pdftotext is not installed (make system-deps): no reference figures")

    for name, backend in BACKENDS.items():

        def read_all(backend=backend):
            for path in files:
                clean_pages([p.text or "" for p in backend.iter_pages(path)])

        seconds, _ = timed(read_all)
        row(f"{name} text + cleaning", pages, seconds, reference)

    finder = finder_for(DEFAULT_RUBRIC_PATH)  # built once per process in real runs too
    options = ExtractOptions(ocr=False)
    stage = {
        "page count cross-check (pdfplumber)": 0.0,
        "extract (pdfium, layout, cleaning)": 0.0,
        "rules (NLP + matching + scoring)": 0.0,
        "tables + rater sheets": 0.0,
    }
    # The cross-check runs inside extract_document; timed on its own first, then subtracted.
    cross = {path: timed(BACKENDS["pdfplumber"].page_count, path)[0] for path in files}
    results = []
    started = time.perf_counter()
    for path in files:
        seconds, document = timed(extract_document, path, options=options)
        stage["page count cross-check (pdfplumber)"] += cross[path]
        stage["extract (pdfium, layout, cleaning)"] += seconds - cross[path]
        seconds, result = timed(analyse_document, document, finder)
        stage["rules (NLP + matching + scoring)"] += seconds
        results.append(result)

    def write_outputs():
        write_run_tables(out, results)
        sheets = {
            r.document.plan_id: sheet_rows(finder.rubric, r.document.plan_id, r.evidence, r.scores) for r in results
        }
        write_rater_sheets(out / "sheets", sheets)

    seconds, _ = timed(write_outputs)
    stage["tables + rater sheets"] += seconds
    total = time.perf_counter() - started
    row("whole pipeline, in one process", pages, total, reference, "extract → evidence → sheets")

    from omslag.batch.isolation import POOL
    from omslag.batch.models import Limits
    from omslag.batch.runner import BatchSettings, plan_batch, run_locally

    corpus = out / "corpus-links"
    corpus.mkdir()
    for path in files:
        (corpus / path.name).symlink_to(path)
    settings = BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH), options=options, limits=Limits())

    def batch_once():
        plan = plan_batch(corpus, out / "batch", settings)
        batch_results = run_locally(plan, workers=1)
        write_run_tables(out / "batch", batch_results)
        return batch_results

    seconds, _ = timed(batch_once)
    POOL.close()
    row("whole pipeline, isolated child process", pages, seconds, reference, "as `omslag run` does it, 1 worker, cold")

    section("2. share of the pipeline's time per stage (in one process)")
    for name, seconds in stage.items():
        print(f"  {name:<40} {seconds:>7.2f} s {100 * seconds / total:>6.1f} %")


# -- 3: peak memory on 500 pages -------------------------------------------------------------


def make_large_pdf(path: Path, pages: int = 500) -> None:
    """A 500-page plan: the demo sources' paragraphs over and over, with a running header,
    page numbers and justified-looking full lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    words: list[str] = []
    for source in sorted((ROOT / "corpus" / "demo_src").glob("*.txt")):
        body = source.read_text(encoding="utf-8").split("---", 2)[-1]
        for line in body.splitlines():
            if line.strip() and not line.startswith(("[[", "|", "#", ">")):
                words.extend(line.split())
    lines = textwrap.wrap(" ".join(words), 95)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    cursor = 0
    for number in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 36, "Regio Benchmark - Regionaal actieplan dakloosheid 2025-2030")
        c.drawString(width / 2 - 30, 28, f"Pagina {number} van {pages}")
        c.setFont("Helvetica", 10)
        y = height - 70
        for _ in range(52):
            c.drawString(56, y, lines[cursor % len(lines)])
            cursor += 1
            y -= 14
        c.showPage()
    c.save()


def peak_memory(out: Path) -> None:
    from omslag.batch.isolation import POOL, run_isolated
    from omslag.batch.runner import BatchSettings, plan_batch
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH

    folder = out / "large"
    folder.mkdir()
    pdf = folder / "regio_benchmark_500_paginas.pdf"
    seconds_make, _ = timed(make_large_pdf, pdf)
    section(f"3. peak memory on a 500-page PDF ({pdf.stat().st_size / 1e6:.1f} MB, made in {seconds_make:.1f} s)")
    plan = plan_batch(folder, out / "large-out", BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH)))
    POOL.close()  # a fresh child: its peak is this document's peak
    (job,) = plan.jobs
    seconds, outcome = timed(run_isolated, job)
    POOL.close()
    result = outcome.result
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"  {result.document.status.value}, {result.document.page_count} pages, {len(result.evidence)} evidence, {seconds:.1f} s"
    )
    print(f"  peak RSS of the document's child process (extract + rules): {outcome.peak_rss_mb:6.0f} MB")
    print(f"  peak RSS of the batch process (this one, so far):            {own_peak / 1024:6.0f} MB")


# -- 4: cold vs warm ----------------------------------------------------------------------------


def cold_warm(files: list[Path], out: Path, with_flow: bool) -> None:
    from omslag.batch.isolation import POOL
    from omslag.batch.runner import BatchSettings, plan_batch, run_locally
    from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, load_rubric
    from omslag.sheets.rater_sheet import sheet_rows, write_rater_sheets
    from omslag.sheets.tables import write_run_tables

    corpus = out / "cw-corpus"
    corpus.mkdir()
    for path in files:
        (corpus / path.name).symlink_to(path)
    rubric = load_rubric(DEFAULT_RUBRIC_PATH)
    settings = BatchSettings(rubric_path=str(DEFAULT_RUBRIC_PATH))  # OCR on, as users run it

    def run(target: Path, workers: int):
        plan = plan_batch(corpus, target, settings)
        results = run_locally(plan, workers)
        write_run_tables(
            target,
            [r.document for r in results],
            [e for r in results for e in r.evidence],
            [s for r in results for s in r.scores],
        )
        write_rater_sheets(
            target / "sheets",
            {
                r.document.plan_id: sheet_rows(rubric, r.document.plan_id, r.evidence, r.scores)
                for r in results
                if r.document.status.usable
            },
        )
        return plan

    section(f"4. cold vs warm re-run of the unchanged batch ({len(files)} files, OCR on, 2 workers)")
    target = out / "cw-out"
    cold, _plan = timed(run, target, 2)
    POOL.close()
    warm, warm_plan = timed(run, target, 2)
    print(
        f"  without Prefect: cold {cold:7.2f} s, warm {warm:6.2f} s ({dict(warm_plan.counts)}): warm is {cold / warm:.0f}x faster"
    )
    if with_flow:
        omslag = [sys.executable, "-m", "omslag.cli", "run", str(corpus), "--out", str(out / "flow-out")]
        env = dict(os.environ, PREFECT_LOGGING_LEVEL="WARNING")
        import json

        def flow_run():
            wall, _ = timed(
                subprocess.run, omslag, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
            )
            inside = json.loads((out / "flow-out" / "run.json").read_text(encoding="utf-8"))["seconds"]
            return wall, inside

        cold_wall, cold_flow = flow_run()
        warm_wall, warm_flow = flow_run()
        print(
            f"  `omslag run`, the flow's own time (run.json seconds):     cold {cold_flow:7.2f} s, "
            f"warm {warm_flow:6.2f} s: warm is {cold_flow / warm_flow:.0f}x faster"
        )
        print(
            f"  `omslag run`, whole command (+ Python and Prefect's temporary server start): cold {cold_wall:5.1f} s, "
            f"warm {warm_wall:4.1f} s: {cold_wall / warm_wall:.1f}x"
        )


# -- 5: OCR -------------------------------------------------------------------------------------


def ocr_speed() -> None:
    from omslag.extract.backends import PdfiumBackend
    from omslag.extract.ocr import OcrUnavailable, find_tesseract, ocr_png

    section("5. OCR seconds per page (render 300 dpi + tesseract nld, OMP_THREAD_LIMIT=1)")
    try:
        engine = find_tesseract()
    except OcrUnavailable as exc:
        print(f"  {exc}")
        return
    for path in SCANNED:
        if not path.exists():
            continue
        count = pages_of(path)
        render = ocr = 0.0
        for _number, png, _error in PdfiumBackend().render_png(path, range(1, count + 1), 300):
            started = time.perf_counter()
            ocr_png(engine, png, 300, 300)
            ocr += time.perf_counter() - started
        started = time.perf_counter()
        list(PdfiumBackend().render_png(path, range(1, count + 1), 300))
        render = time.perf_counter() - started
        print(
            f"  {path.name:<40} {count} pages: {(render + ocr) / count:5.2f} s/page (render {render / count:.2f}, tesseract {ocr / count:.2f}) — {engine.label}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-flow", action="store_true", help="skip the `omslag run` cold/warm timing (≈ 1 min)")
    args = parser.parse_args()
    import logging

    from omslag import prefect_env

    prefect_env.apply()
    logging.getLogger("omslag.nlp").setLevel(logging.ERROR)  # the fallback notice would split the tables
    files = fixed_set()
    all_cores = os.sched_getaffinity(0)
    print(
        f"omslag pipeline benchmark — {time.strftime('%Y-%m-%d')} — {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="omslag-bench-") as tmp:
        out = Path(tmp)
        os.sched_setaffinity(0, {min(all_cores)})  # one core for the throughput comparison
        peak_memory(out)  # first: the batch process's own peak is then not the other sections'
        throughput(files, out / "one-core")
        os.sched_setaffinity(0, all_cores)
        cold_warm(files, out, with_flow=not args.skip_flow)
        ocr_speed()


if __name__ == "__main__":
    main()
