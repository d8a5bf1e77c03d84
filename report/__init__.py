"""Stage: report — the findings report of a run: coverage, score distributions, examples.

`build_report(run_dir)` reads a run folder (documents.csv, evidence.csv, scores.csv, run.json
and, once raters have finished, final_scores.csv and agreement.csv) and the analysts' regions
file, and writes report.html (one self-contained page, charts embedded), report.md and
report_figures.json. Plain modules, no Prefect: load → compute → charts → render.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from omslag.report.load import ReportInputError, load_regions, load_run
from omslag.rules.domain import Domain
from omslag.rules.rubric import DEFAULT_RUBRIC_PATH, Rubric, RubricError, load_rubric

__all__ = ["DEFAULT_REGIONS", "ReportInputError", "ReportResult", "build_report", "find_regions_file"]

DEFAULT_REGIONS = Path(__file__).resolve().parents[1] / "corpus" / "regions.tsv"


class ReportResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    html: str
    markdown: str
    figures: str
    regions_file: str | None = Field(description="Regions file used; None = no coverage figures.")
    regions_total: int | None
    final_levels: int = Field(description="Plan × indicator levels taken from final_scores.csv.")
    provisional_levels: int = Field(description="Plan × indicator levels taken from scores.csv.")
    extraction_problems: int = Field(description="Documents not (wholly) read or read with warnings.")
    incomplete_documents: int = Field(description="Of those, documents not (wholly) read.")
    problems: list[str] = Field(description="Rows or files of the run that could not be used (Dutch).")


def find_regions_file(run_corpus: str | None) -> Path | None:
    """The regions file when none is given: the run's corpus folder's own regions.tsv (the demo
    corpus has one), else the project's list of the 44 real regions, else none."""
    if run_corpus:
        candidate = Path(run_corpus) / "regions.tsv"
        if candidate.is_file():
            return candidate
    return DEFAULT_REGIONS if DEFAULT_REGIONS.is_file() else None


def _report_rubric(run_dir: Path, rubric: Path | str | None) -> Rubric:
    """The rubric given, else the one the run recorded in run.json, else the bundled one."""
    if rubric is not None:
        path = Path(rubric)
    else:
        recorded = ""
        with contextlib.suppress(OSError, ValueError, AttributeError):  # an older or broken run.json
            recorded = json.loads((run_dir / "run.json").read_text(encoding="utf-8")).get("rubric_path", "")
        path = Path(recorded) if recorded and Path(recorded).is_file() else DEFAULT_RUBRIC_PATH
    try:
        return load_rubric(path)
    except RubricError as exc:
        raise ReportInputError(str(exc)) from None


def build_report(
    run_dir: Path | str,
    *,
    regions: Path | str | None = None,
    out: Path | str | None = None,
    rubric: Path | str | None = None,
) -> ReportResult:
    from omslag.report.charts import make_charts
    from omslag.report.compute import build_report_data
    from omslag.report.render import figures_json, render_html, render_markdown
    from omslag.sheets.csvio import write_bytes_atomic

    run_dir = Path(run_dir)
    rubric_model = _report_rubric(run_dir, rubric)
    run = load_run(run_dir, Domain.from_rubric(rubric_model))
    regions_path: Path | None
    if regions is not None:
        regions_path = Path(regions)
        if not regions_path.is_file():
            raise ReportInputError(f"{regions_path}: regiobestand niet gevonden")
    else:
        regions_path = find_regions_file(run.run.corpus)
    entries = load_regions(regions_path) if regions_path is not None else None
    out_dir = Path(out) if out else run_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    data = build_report_data(run, entries, str(regions_path) if regions_path else None, out_dir, rubric=rubric_model)
    data.charts = make_charts(data)
    paths = {
        "html": out_dir / "report.html",
        "markdown": out_dir / "report.md",
        "figures": out_dir / "report_figures.json",
    }
    write_bytes_atomic(paths["html"], render_html(data).encode("utf-8"))
    write_bytes_atomic(paths["markdown"], render_markdown(data).encode("utf-8"))
    write_bytes_atomic(paths["figures"], figures_json(data).encode("utf-8"))
    return ReportResult(
        html=str(paths["html"]),
        markdown=str(paths["markdown"]),
        figures=str(paths["figures"]),
        regions_file=data.regions_file,
        regions_total=data.regions_total,
        final_levels=data.final_count,
        provisional_levels=data.provisional_count,
        extraction_problems=len(data.extraction_problems),
        incomplete_documents=sum(1 for problem in data.extraction_problems if not problem.complete),
        problems=data.problems,
    )
