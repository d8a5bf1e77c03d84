"""Stage: report — reading a run folder and the analysts' regions file into typed rows.

The run CSVs are written for Dutch Excel (UTF-8 with BOM, `;`, formula-neutralised cells, see
sheets/csvio.py); analysts may have opened and saved them, so the reader sniffs the separator
and tolerates extra or reordered columns. A bad row never stops the report: it is skipped and
listed (file, line, column) in the report's "Problemen" section. A missing required file or
column does stop it, with a message that names the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from omslag.report.models import (
    AgreementRow,
    DocumentRow,
    EvidenceRow,
    FinalScoreRow,
    RegionEntry,
    RunData,
    RunInfo,
    ScoreRow,
    TargetRow,
)
from omslag.rules.domain import Domain
from omslag.sheets.tables import PLAN_METADATA_COLUMNS

METADATA_COLUMNS = PLAN_METADATA_COLUMNS  # optional: older run folders lack them
REQUIRED_COLUMNS = {
    "documents.csv": ("file", "plan_id", "status"),
    "evidence.csv": ("evidence_id", "plan_id", "indicator", "page", "text", "polarity"),
    "scores.csv": ("plan_id", "indicator", "level"),
    "final_scores.csv": ("plan_id", "indicator", "level"),
    "agreement.csv": ("indicator",),
    "targets.csv": ("plan_id", "kind", "unit", "page", "sentence"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ORDINAL_LEVEL = re.compile(r"[1-5](?:[.,]0+)?")


class ReportInputError(ValueError):
    """A run folder or regions file the report cannot be made from (message names the file)."""


def _unneutralise(value: str) -> str:
    """Undo sheets.csvio.neutralise: "'=SUM" was written for Excel; the reader wants "=SUM"."""
    if len(value) > 1 and value[0] == "'" and value[1] in "".join(_FORMULA_START):
        return value[1:]
    return value


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line number, row) pairs of a run CSV. Separator sniffed among ; , and tab."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        # a file re-saved by Excel on Windows may be cp1252 (its 5 unused bytes become U+FFFD)
        text = path.read_bytes().decode("cp1252", errors="replace")
    except OSError as exc:
        raise ReportInputError(f"{path}: kan het bestand niet lezen ({exc})") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    # newline="" keeps line breaks inside quoted cells (a rater's note may have one) in the cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ReportInputError(f"{path}: het bestand is leeg (geen kopregel)") from None
    rows = []
    line = reader.line_num + 1  # physical line where the next record starts, for messages
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        rows.append((start, {h: _unneutralise(c) for h, c in zip(header, cells, strict=False) if h}))
    return header, rows


def _check_columns(path: Path, header: list[str]) -> None:
    missing = [c for c in REQUIRED_COLUMNS[path.name] if c not in header]
    if missing:
        raise ReportInputError(
            f"{path}: kolom(men) ontbreken: {', '.join(missing)} (gevonden: {', '.join(header) or 'geen'})"
        )


def _yes_no(value: str) -> bool:
    return value.strip().lower() in ("ja", "true", "1", "yes", "j")


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        column = ".".join(str(p) for p in error["loc"]) or "?"
        parts.append(f"kolom {column}: {error['msg']}")
    return "; ".join(parts)


def parse_level(indicator: str, raw: str, domain: Domain) -> int | str | None:
    """A level as the rubric allows it: 1–5 for the ordinal indicators, ja/nee for the others;
    None for n.v.t. (a document that is not a plan, rules.relevance)."""
    value = raw.strip().lower()
    if value in ("n.v.t.", "nvt", "n.v.t"):
        return None
    if indicator in domain.yes_no_indicators:
        if value in ("ja", "nee"):
            return value
        raise ValueError(f"niveau '{raw}' is geen ja/nee")
    if indicator in domain.ordinal_indicators:
        # "4" as written by omslag, "4,0"/"4.0" as Excel may save it; never round "3,5"
        if not _ORDINAL_LEVEL.fullmatch(value):
            raise ValueError(f"niveau '{raw}' is geen geheel getal van 1 tot en met 5")
        return int(value[0])
    raise ValueError(f"onbekende indicator '{indicator}' (verwacht: {', '.join(domain.indicators)})")


def _decimal(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    return float(value.replace(",", "."))


def _documents(path: Path, problems: list[str]) -> tuple[list[DocumentRow], list[str]]:
    header, rows = read_table(path)
    _check_columns(path, header)
    rows = list(rows)
    # a column that is there but empty everywhere (e.g. every file unreadable) says nothing
    present = [c for c in METADATA_COLUMNS if c in header and any(row.get(c, "").strip() for _, row in rows)]
    out: list[DocumentRow] = []
    for line, row in rows:
        data: dict = {
            k: v.strip() for k, v in row.items() if k in DocumentRow.model_fields and k not in METADATA_COLUMNS
        }
        for column in ("pages", "evidence"):
            data[column] = data.get(column) or "0"
        for column in present:
            data[column] = row.get(column, "").strip()
        for number_column in ("nad_action_lines", "plan_period_start", "plan_period_end"):
            if number_column in present:
                data[number_column] = data[number_column] or None
        try:
            document = DocumentRow(source_row=line, **data)
        except ValidationError as exc:
            problems.append(f"{path.name} regel {line}: overgeslagen ({_describe(exc)})")
            continue
        if document.nad_action_lines is not None and not 0 <= document.nad_action_lines <= 6:
            problems.append(
                f"{path.name} regel {line}, kolom nad_action_lines: {document.nad_action_lines} ligt niet "
                "tussen 0 en 6; als 'niet bepaald' behandeld"
            )
            document = document.model_copy(update={"nad_action_lines": None})
        if any(d.plan_id == document.plan_id for d in out):
            problems.append(
                f"{path.name} regel {line}: plan_id '{document.plan_id}' staat er twee keer in; overgeslagen"
            )
            continue
        out.append(document)
    return out, present


def _evidence(path: Path, problems: list[str]) -> list[EvidenceRow]:
    header, rows = read_table(path)
    _check_columns(path, header)
    out = []
    for line, row in rows:
        data: dict = {k: v for k, v in row.items() if k in EvidenceRow.model_fields}
        for flag in ("negated", "concrete", "intent_only", "pilot"):
            data[flag] = _yes_no(row.get(flag, ""))
        try:
            out.append(EvidenceRow(source_row=line, **data))
        except ValidationError as exc:
            problems.append(f"{path.name} regel {line}: overgeslagen ({_describe(exc)})")
    return out


def _targets(path: Path, problems: list[str]) -> list[TargetRow]:
    """targets.csv (issue 14); numbers with a decimal point or comma, empty = not stated."""
    header, rows = read_table(path)
    _check_columns(path, header)
    out = []
    for line, row in rows:
        data: dict = {k: v.strip() for k, v in row.items() if k in TargetRow.model_fields}
        data["per_year"] = _yes_no(row.get("per_year", ""))
        for column in ("value", "base_value"):
            data[column] = _decimal(row.get(column, ""))
        for column in ("base_year", "target_year"):
            data[column] = data.get(column) or None
        try:
            out.append(TargetRow(source_row=line, **data))
        except (ValidationError, ValueError) as exc:
            detail = _describe(exc) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{path.name} regel {line}: overgeslagen ({detail})")
    return out


def _levels(path: Path, model, problems: list[str], domain: Domain) -> list:
    header, rows = read_table(path)
    _check_columns(path, header)
    seen: dict[tuple[str, str], int] = {}
    out: list = []
    for line, row in rows:
        indicator = row.get("indicator", "").strip()
        raw = row.get("level", "")
        if model is FinalScoreRow and not raw.strip():
            problems.append(f"{path.name} regel {line}: geen niveau ingevuld; het voorlopige niveau telt")
            continue
        try:
            level = parse_level(indicator, raw, domain)
        except ValueError as exc:
            problems.append(f"{path.name} regel {line}, kolom level: {exc}; regel overgeslagen")
            continue
        if level is None:  # n.v.t.: the document is not a plan; it has no level to count
            continue
        data: dict = {k: v for k, v in row.items() if k in model.model_fields and k != "level"}
        if "evidence_ids" in data:
            data["evidence_ids"] = data["evidence_ids"].split()
        item = model(source_row=line, level=level, **data)
        key = (item.plan_id, item.indicator)
        if key in seen:
            problems.append(
                f"{path.name} regel {line}: {item.plan_id} × {item.indicator} staat er al op regel {seen[key]}; "
                "de latere regel telt"
            )
            out = [o for o in out if (o.plan_id, o.indicator) != key]
        seen[key] = line
        out.append(item)
    return out


def _agreement(path: Path, problems: list[str], domain: Domain) -> list[AgreementRow]:
    header, rows = read_table(path)
    _check_columns(path, header)
    out = []
    numbers = [n for n in AgreementRow.model_fields if n not in ("indicator", "source_row")]
    for line, row in rows:
        data: dict = {"indicator": row.get("indicator", "").strip()}
        try:
            for name in numbers:
                value = _decimal(row.get(name, ""))
                data[name] = None if value is None else (int(value) if name == "n_plans" else value)
        except ValueError:
            problems.append(
                f"{path.name} regel {line}, kolom {name}: '{row.get(name)}' is geen getal; regel overgeslagen"
            )
            continue
        if data["indicator"] not in domain.indicators:
            problems.append(f"{path.name} regel {line}: onbekende indicator '{data['indicator']}'; overgeslagen")
            continue
        out.append(AgreementRow(source_row=line, **data))
    return out


def load_run(run_dir: Path, domain: Domain) -> RunData:
    """Read a run folder written by `omslag run` (and, when present, the rater round trip)."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise ReportInputError(f"{run_dir}: map met run-uitvoer niet gevonden")
    for name in ("documents.csv", "evidence.csv", "scores.csv"):
        if not (run_dir / name).is_file():
            raise ReportInputError(f"{run_dir / name}: ontbreekt; is dit de uitvoermap van 'omslag run'?")
    problems: list[str] = []
    run = RunInfo()
    run_json = run_dir / "run.json"
    if run_json.is_file():
        try:
            run = RunInfo.model_validate(json.loads(run_json.read_text(encoding="utf-8")))
        except (ValueError, ValidationError) as exc:
            problems.append(
                f"run.json: niet te lezen ({exc.__class__.__name__}); run-gegevens ontbreken in het rapport"
            )
    else:
        problems.append("run.json ontbreekt; run-gegevens (corpus, rubricversie) ontbreken in het rapport")

    documents, metadata_columns = _documents(run_dir / "documents.csv", problems)
    evidence = _evidence(run_dir / "evidence.csv", problems)
    scores = _levels(run_dir / "scores.csv", ScoreRow, problems, domain)
    final_path, agreement_path = run_dir / "final_scores.csv", run_dir / "agreement.csv"
    final_scores = _levels(final_path, FinalScoreRow, problems, domain) if final_path.is_file() else []
    agreement = _agreement(agreement_path, problems, domain) if agreement_path.is_file() else []
    targets_path = run_dir / "targets.csv"
    targets = _targets(targets_path, problems) if targets_path.is_file() else []

    known = {d.plan_id for d in documents}
    for name, items in (("evidence.csv", evidence), ("scores.csv", scores), ("final_scores.csv", final_scores)):
        unknown = sorted({i.plan_id for i in items} - known)
        if unknown:
            problems.append(f"{name}: plan_id(s) die niet in documents.csv staan, niet meegeteld: {', '.join(unknown)}")
    evidence = [e for e in evidence if e.plan_id in known]
    scores = [s for s in scores if s.plan_id in known]
    final_scores = [f for f in final_scores if f.plan_id in known]
    targets = [t for t in targets if t.plan_id in known]
    return RunData(
        run_dir=str(run_dir),
        run=run,
        documents=documents,
        evidence=evidence,
        scores=scores,
        final_scores=final_scores,
        agreement=agreement,
        has_final_scores=final_path.is_file(),
        has_agreement=agreement_path.is_file(),
        targets=targets,
        has_targets=targets_path.is_file(),
        metadata_columns=metadata_columns,
        problems=problems,
    )


def region_key(name: str) -> str:
    """How region names are compared: case, accents, spacing, 'Regio' and punctuation ignored,
    so 'Regio 's-Hertogenbosch' in a manifest matches "'s-Hertogenbosch" in the regions file."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    words = text.split()
    if words and words[0] == "regio":
        words = words[1:]
    return " ".join(words)


def parse_members(cell: str) -> list[str]:
    """Member municipalities from a cell like '5 (Aa en Hunze, Assen, Midden-Drenthe)'; a
    bracket that describes instead of listing ('all municipalities of the province') gives none."""
    match = re.search(r"\(([^)]*)\)", cell)
    if not match:
        return []
    listed = match.group(1).split(";")[0]
    names = [n.strip() for n in listed.split(",")]
    # a list of names starts with a capital ("'s-Hertogenbosch" too); prose does not
    if not names or not all(re.match(r"^(?:'s-)?[A-ZÀ-Ý]", n) for n in names if n):
        return []
    return [n for n in names if n]


def load_regions(path: Path) -> list[RegionEntry]:
    """The analysts' regions file: tab-separated, header `region<TAB>centrumgemeente`, lines
    starting with # are comments. Any error names the file and line; nothing is guessed."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportInputError(f"{path}: regiobestand niet te lezen ({exc})") from exc
    numbered = [
        (n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise ReportInputError(f"{path}: regiobestand is leeg")
    header_line, header = numbered[0]
    columns = [c.strip().lower() for c in header.split("\t")]
    if "region" not in columns or "centrumgemeente" not in columns:
        raise ReportInputError(
            f"{path} regel {header_line}: kopregel moet de kolommen 'region' en 'centrumgemeente' hebben, "
            f"gescheiden door een tab (gevonden: {header!r})"
        )
    region_at, centre_at = columns.index("region"), columns.index("centrumgemeente")
    # optional columns of the sourced list (../shared/reference/regions.tsv)
    optional = {
        name: columns.index(name) for name in ("confidence", "note", "source_url", "members_count") if name in columns
    }
    entries: list[RegionEntry] = []
    seen: dict[str, int] = {}
    errors: list[str] = []
    for number, line in numbered[1:]:
        cells = [c.strip() for c in line.split("\t")]
        cells += [""] * (len(columns) - len(cells))
        region, centre = cells[region_at], cells[centre_at]
        if not region or not centre:
            errors.append(f"{path} regel {number}: 'region' en 'centrumgemeente' moeten allebei gevuld zijn: {line!r}")
            continue
        key = region_key(region)
        if key in seen:
            errors.append(f"{path} regel {number}: regio '{region}' staat er al op regel {seen[key]}")
            continue
        seen[key] = number
        extra = {name: cells[at] for name, at in optional.items()}
        entries.append(
            RegionEntry(
                region=region,
                centrumgemeente=centre,
                source_row=number,
                confidence=extra.get("confidence", ""),
                note=extra.get("note", ""),
                source_url=extra.get("source_url", ""),
                members=parse_members(extra.get("members_count", "")),
            )
        )
    if errors:
        # A wrong regions file gives a wrong "N van de 44": refuse rather than report on it.
        raise ReportInputError("\n".join(errors))
    return entries
