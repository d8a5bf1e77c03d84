"""Stage: ratings — `omslag import`: validate filled sheets and put them in the store.

A file is imported whole or not at all: any error rejects it (with every error listed as
`file:row:column: …`), so a half-valid file can never replace a rater's earlier, complete one.
The batch always goes on with the next file. The sheet files themselves are only read.

What is checked: the rater id (a `beoordelaar` column, the instruction tab or the file name
`…__<rater>.xlsx`; present, and the same everywhere), plan ids and evidence ids that exist in
the run, levels in range (1–5, or ja/nee), `relevant` ja/nee, own evidence with a page inside
the plan and a quote, no indicator or evidence id twice, no column twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from omslag.ratings.models import (
    ConsensusDecision,
    ConsensusFile,
    EvidenceJudgement,
    FileOutcome,
    ImportReport,
    LevelEntry,
    OwnEvidence,
    PlanRatings,
    Problem,
    RaterFile,
)
from omslag.ratings.run_folder import RunContext
from omslag.ratings.store import RatingsStore
from omslag.sheets.rater_sheet import REGISTRY_NAME, registry_entries
from omslag.sheets.reader import ParsedSheet, SheetReadError, Table, column_letter, is_lock_file, parse_sheet_bytes

SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt", ".xls")
_RATER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")
_FILENAME_RATER = re.compile(r"__([A-Za-z0-9._-]+?)(?:\.v\d+)?(?:\s*\(\d+\))?(?:\.hints)?\.[A-Za-z0-9]+$")
_LEVEL_NUMBER = re.compile(r"^(\d+)(?:[.,]0+)?$")
_YES = {"ja", "j", "yes", "y"}
_NO = {"nee", "n", "no"}


def normalise_rater(text: str) -> str:
    """'Anna ' → 'anna'; 'Joëlle de Wit' → 'joelle-de-wit'."""
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return re.sub(r"\s+", "-", value.strip().lower())


def valid_rater_id(text: str) -> bool:
    return bool(_RATER_ID.match(text))


def rater_from_filename(name: str) -> str | None:
    match = _FILENAME_RATER.search(name)
    return normalise_rater(match.group(1)) if match else None


def parse_level(text: str, kind: str) -> tuple[str | None, str | None]:
    """Cell text → (level, None) or (None, Dutch error). Empty → (None, None)."""
    value = text.strip()
    if not value:
        return None, None
    if kind == "yes_no":
        lowered = value.lower()
        if lowered in _YES:
            return "ja", None
        if lowered in _NO:
            return "nee", None
        return None, f"‘{value}’ is geen geldig antwoord; vul ja of nee in"
    match = _LEVEL_NUMBER.match(value)
    if match is None:
        return None, f"‘{value}’ is geen niveau; vul een heel getal van 1 tot en met 5 in"
    number = int(match.group(1))
    if not 1 <= number <= 5:
        return None, f"niveau {number} valt buiten de schaal; vul 1 tot en met 5 in"
    return str(number), None


def parse_yes_no(text: str) -> tuple[str | None, str | None]:
    value = text.strip().lower()
    if not value:
        return None, None
    if value in _YES:
        return "ja", None
    if value in _NO:
        return "nee", None
    return None, f"‘{text.strip()}’ is geen geldig antwoord; vul ja of nee in (of laat leeg)"


# ---- validation of one parsed sheet -------------------------------------------------------


@dataclass
class _Validation:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.problems.append(Problem(where=where, message=message))

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Problem(where=where, message=message))


def _check_duplicate_columns(table: Table, check: _Validation) -> None:
    for name, position in table.duplicate_columns:
        check.error(
            f"{table.source}:{table.header_row}:{column_letter(position)} ({name})",
            f"kolom ‘{name}’ staat er twee keer in; verwijder of hernoem één van beide",
        )


def _resolve_rater(sheet: ParsedSheet, check: _Validation) -> str | None:
    """One rater id from the sheet's cells, instruction tab and file name; errors otherwise."""
    found: list[tuple[str, str]] = []  # (normalised id, where)
    first_empty_cell: str | None = None
    for table in sheet.tables:
        if "beoordelaar" not in table.columns:
            continue
        for row in table.rows:
            value = row.values.get("beoordelaar", "").strip()
            if value:
                found.append((normalise_rater(value), table.where(row.number, "beoordelaar")))
            elif first_empty_cell is None:
                first_empty_cell = table.where(row.number, "beoordelaar")
    prop = sheet.properties.get("beoordelaar")
    if prop is not None:
        if prop.value:
            found.append((normalise_rater(prop.value), prop.where))
        elif first_empty_cell is None:
            first_empty_cell = prop.where
    from_name = rater_from_filename(sheet.name)

    ids = list(dict.fromkeys(rater for rater, _ in found))
    if len(ids) > 1:
        first_at = next(where for rater, where in found if rater == ids[0])
        other = next(where for rater, where in found if rater == ids[1])
        check.error(
            other, f"beoordelaar ‘{ids[1]}’ verschilt van ‘{ids[0]}’ ({first_at}); één bestand is van één beoordelaar"
        )
        return None
    rater = ids[0] if ids else from_name
    if ids and from_name and from_name != ids[0]:
        check.error(
            found[0][1],
            f"beoordelaar ‘{ids[0]}’ in het blad, maar ‘{from_name}’ in de bestandsnaam; maak ze gelijk",
        )
        return None
    if not rater:
        first = sheet.tables[0]
        where = first_empty_cell or first.where(first.header_row, "beoordelaar")
        check.error(
            where,
            "beoordelaar ontbreekt: vul je naam in de kolom beoordelaar (of op het tabblad Instructies) "
            "of zet hem in de bestandsnaam, bijvoorbeeld plan__anna.xlsx",
        )
        return None
    if not valid_rater_id(rater):
        check.error(
            found[0][1] if found else sheet.name, f"‘{rater}’ is geen bruikbare naam; gebruik letters, cijfers, - of _"
        )
        return None
    return rater


def _default_plan(sheet: ParsedSheet) -> str | None:
    for key in ("plan_id", "plan"):
        prop = sheet.properties.get(key)
        if prop is not None and prop.value:
            return prop.value.strip()
    stem = sheet.name.rsplit(".", 1)[0]
    if "__" in stem:
        return stem.split("__", 1)[0]
    return None


def _stamp(sheet: ParsedSheet) -> str | None:
    for key in ("bladversie", "blad"):
        prop = sheet.properties.get(key)
        if prop is not None and prop.value:
            return prop.value.strip()
    return None


def _row_kind(table: Table, values: dict[str, str]) -> str:
    explicit = values.get("soort", "").strip().lower()
    if explicit:
        return explicit
    if values.get("evidence_id", "").strip():
        return "bewijs"
    if "evidence_id" not in table.columns and "citaat" in table.columns:
        return "eigen"
    if "niveau" in table.columns and values.get("indicator", "").strip() and "evidence_id" not in table.columns:
        return "score"
    if values.get("pagina", "").strip() or values.get("fragment", "").strip() or values.get("citaat", "").strip():
        return "eigen"
    if values.get("niveau", "").strip():
        return "score"
    return ""


def validate_rater_sheet(sheet: ParsedSheet, context: RunContext) -> tuple[RaterFile | None, _Validation]:
    check = _Validation()
    for table in sheet.tables:
        _check_duplicate_columns(table, check)
    if not any("niveau" in table.columns for table in sheet.tables):
        first = sheet.tables[0]
        check.error(
            f"{first.source}:{first.header_row}", "kolom ‘niveau’ ontbreekt; gebruik het blad zoals omslag het maakte"
        )
    rater = _resolve_rater(sheet, check)
    rows = _RaterRows(sheet, context, check)
    for table in sheet.tables:
        for row in table.rows:
            rows.read(table, row.number, row.values)
    if check.problems or rater is None:
        return None, check
    for plan in rows.plans.values():
        _carry_over_to_signals(plan, context)
    return RaterFile(rater=rater, plans=list(rows.plans.values())), check


class _RaterRows:
    """The rows of one rater sheet, checked one at a time into the plans' ratings: a score row
    (a level), an evidence row (a judgement of a sentence) or a row of the rater's own evidence."""

    def __init__(self, sheet: ParsedSheet, context: RunContext, check: _Validation):
        self.context = context
        self.check = check
        self.kinds = context.indicator_kinds
        self.default_plan = _default_plan(sheet)
        self.default_stamp = _stamp(sheet)
        self.plans: dict[str, PlanRatings] = {}
        self.seen_levels: dict[tuple[str, str], str] = {}
        self.seen_evidence: dict[str, str] = {}
        self.table_plan: dict[str, str] = {}  # the plan row's plan id: the sheet lists it once, not on every row

    def read(self, table: Table, number: int, values: dict[str, str]) -> None:
        kind = _row_kind(table, values)
        if kind == "plan":  # the plan's facts at the top of a sheet: nothing to rate, but its plan id
            if values.get("plan_id", "").strip():
                self.table_plan[table.source] = values["plan_id"].strip()
            return
        if kind in ("", "vermelding"):  # folded mentions: shown with their pages, not rated one by one
            return
        if kind not in ("score", "bewijs", "eigen"):
            self.check.error(table.where(number, "soort"), f"onbekende soort ‘{kind}’; gebruik score, bewijs of eigen")
        elif kind == "eigen":
            self.own_evidence(table, number, values)
        elif kind == "score":
            self.level(table, number, values, self.plan_for(table, number, values))
        else:
            self.judgement(table, number, values, self.plan_for(table, number, values))

    def plan_for(self, table: Table, number: int, values: dict[str, str]) -> PlanRatings | None:
        plan_id = values.get("plan_id", "").strip() or self.table_plan.get(table.source) or self.default_plan
        if not plan_id:
            self.check.error(table.where(number, "plan_id"), "plan_id ontbreekt")
            return None
        if plan_id not in self.context.plans:
            self.check.error(
                table.where(number, "plan_id"), f"plan ‘{plan_id}’ komt niet voor in deze run (scores.csv)"
            )
            return None
        plan = self.plans.get(plan_id)
        if plan is None:
            plan = self.plans[plan_id] = PlanRatings(plan_id=plan_id)
        stamp = values.get("blad", "").strip() or self.default_stamp
        if stamp and plan.stamp is None:
            plan.stamp = stamp
        return plan

    def own_evidence(self, table: Table, number: int, values: dict[str, str]) -> None:
        quote = (values.get("citaat", "") or values.get("fragment", "")).strip()
        page_text = values.get("pagina", "").strip()
        comment = values.get("opmerking", "").strip()
        if not (quote or page_text or comment):
            return  # an empty row we offered for own evidence
        plan = self.plan_for(table, number, values)
        quote_column = "citaat" if "citaat" in table.columns else "fragment"
        page = self.own_page(table, number, page_text, plan)
        if not quote:
            self.check.error(
                table.where(number, quote_column), "citaat ontbreekt bij eigen bewijs (kopieer de zin uit het plan)"
            )
        indicator = values.get("indicator", "").strip().lower() or None
        if indicator is not None and indicator not in self.kinds:
            self.check.error(
                table.where(number, "indicator"),
                f"onbekende indicator ‘{indicator}’; kies uit {', '.join(self.kinds)}",
            )
            indicator = None
        if plan is not None and page is not None and quote:
            plan.own_evidence.append(
                OwnEvidence(
                    indicator=indicator,
                    page=page,
                    quote=quote,
                    comment=comment,
                    where=table.where(number, quote_column),
                )
            )

    def own_page(self, table: Table, number: int, page_text: str, plan: PlanRatings | None) -> int | None:
        """The page of own evidence: a number inside the plan, or None (with the error)."""
        where = table.where(number, "pagina")
        if not page_text:
            self.check.error(where, "pagina ontbreekt bij eigen bewijs")
            return None
        if not re.fullmatch(r"\d+(?:[.,]0+)?", page_text):
            self.check.error(where, f"‘{page_text}’ is geen paginanummer")
            return None
        page = int(re.split(r"[.,]", page_text)[0])
        pages = self.context.plans[plan.plan_id].pages if plan is not None else None
        if page < 1 or (pages is not None and page > pages):
            self.check.error(where, f"pagina {page} bestaat niet in dit plan" + (f" (1–{pages})" if pages else ""))
            return None
        return page

    def level(self, table: Table, number: int, values: dict[str, str], plan: PlanRatings | None) -> None:
        indicator = values.get("indicator", "").strip().lower()
        if indicator not in self.kinds:
            self.check.error(
                table.where(number, "indicator"),
                f"onbekende indicator ‘{indicator}’; kies uit {', '.join(self.kinds)}"
                if indicator
                else "indicator ontbreekt",
            )
            return
        level, error = parse_level(values.get("niveau", ""), self.kinds[indicator])
        if error:
            self.check.error(table.where(number, "niveau"), error)
            return
        if plan is None:
            return
        key = (plan.plan_id, indicator)
        here = table.where(number, "niveau")
        if key in self.seen_levels:
            self.check.error(
                here, f"{indicator} staat twee keer in dit blad (ook {self.seen_levels[key]}); laat één regel staan"
            )
            return
        self.seen_levels[key] = here
        plan.levels.append(
            LevelEntry(indicator=indicator, level=level, comment=values.get("opmerking", "").strip(), where=here)
        )

    def judgement(self, table: Table, number: int, values: dict[str, str], plan: PlanRatings | None) -> None:
        evidence_id = values.get("evidence_id", "").strip()
        where = table.where(number, "evidence_id")
        if not self.known_evidence(evidence_id, where, plan):
            return
        if evidence_id in self.seen_evidence:
            self.check.error(
                where,
                f"evidence_id ‘{evidence_id}’ staat twee keer in dit blad (ook {self.seen_evidence[evidence_id]})",
            )
            return
        self.seen_evidence[evidence_id] = where
        relevant, error = parse_yes_no(values.get("relevant", ""))
        if error:
            self.check.error(table.where(number, "relevant"), error)
            return
        if values.get("niveau", "").strip():
            self.check.warn(
                table.where(number, "niveau"), "een niveau op een bewijsregel telt niet; zet het op de scoreregel"
            )
        if plan is not None:
            plan.judgements.append(
                EvidenceJudgement(
                    evidence_id=evidence_id, relevant=relevant, comment=values.get("opmerking", "").strip()
                )
            )

    def known_evidence(self, evidence_id: str, where: str, plan: PlanRatings | None) -> bool:
        """The evidence id names evidence of this run and this plan (else the error or warning)."""
        if not evidence_id:
            self.check.error(where, "evidence_id ontbreekt op een bewijsregel; verander deze kolom niet")
            return False
        known = self.context.evidence.get(evidence_id)
        if known is None:
            if plan is not None and plan.stamp and plan.stamp != self.context.plans[plan.plan_id].stamp:
                # a sheet from an earlier run: its levels still count (flagged stale),
                # judgements of evidence that no longer exists cannot be kept
                self.check.warn(
                    where,
                    f"evidence_id ‘{evidence_id}’ bestaat niet meer in deze run (verouderd blad); oordeel overgeslagen",
                )
            else:
                self.check.error(where, f"onbekend evidence_id ‘{evidence_id}’: niet in evidence.csv van deze run")
            return False
        if plan is not None and known.plan_id != plan.plan_id:
            self.check.error(
                where, f"evidence_id ‘{evidence_id}’ hoort bij plan ‘{known.plan_id}’, niet bij ‘{plan.plan_id}’"
            )
            return False
        return True


def _carry_over_to_signals(plan: PlanRatings, context: RunContext) -> None:
    """A sheet row is one sentence with all its signals (sheets/ranking.py); the rater's
    judgement of that row counts for every signal of the sentence. A signal judged on a row of
    its own (an older sheet listing each signal) keeps that judgement."""
    explicit = {j.evidence_id for j in plan.judgements}
    carried: list[EvidenceJudgement] = []
    for judgement in plan.judgements:
        known = context.evidence.get(judgement.evidence_id)
        if known is None:
            continue
        for sibling in context.sentences.get(known.sentence, []):
            if sibling not in explicit:
                explicit.add(sibling)
                carried.append(judgement.model_copy(update={"evidence_id": sibling}))
    plan.judgements.extend(carried)


def validate_consensus_sheet(sheet: ParsedSheet, context: RunContext) -> tuple[ConsensusFile | None, _Validation]:
    check = _Validation()
    kinds = context.indicator_kinds
    decisions: list[ConsensusDecision] = []
    seen: dict[tuple[str, str], str] = {}
    pending = 0
    for table in sheet.tables:
        _check_duplicate_columns(table, check)
        if "consensus_niveau" not in table.columns:
            continue
        for row in table.rows:
            values = row.values
            plan_id = values.get("plan_id", "").strip()
            indicator = values.get("indicator", "").strip().lower()
            if plan_id not in context.plans:
                check.error(
                    table.where(row.number, "plan_id"),
                    f"plan ‘{plan_id}’ komt niet voor in deze run" if plan_id else "plan_id ontbreekt",
                )
                continue
            if indicator not in kinds:
                check.error(
                    table.where(row.number, "indicator"),
                    f"onbekende indicator ‘{indicator}’" if indicator else "indicator ontbreekt",
                )
                continue
            level, error = parse_level(values.get("consensus_niveau", ""), kinds[indicator])
            where = table.where(row.number, "consensus_niveau")
            if error:
                check.error(where, error)
                continue
            key = (plan_id, indicator)
            if key in seen:
                check.error(where, f"{plan_id} / {indicator} staat twee keer in dit blad (ook {seen[key]})")
                continue
            seen[key] = where
            if level is None:
                pending += 1
                continue
            decisions.append(
                ConsensusDecision(
                    plan_id=plan_id,
                    indicator=indicator,
                    level=level,
                    note=values.get("toelichting", "").strip(),
                    where=where,
                )
            )
    decided_by = ""
    prop = sheet.properties.get("vastgesteld_door")
    if prop is not None:
        decided_by = prop.value
    if check.problems:
        return None, check
    return ConsensusFile(decided_by=decided_by, decisions=decisions, pending=pending), check


def is_consensus_sheet(sheet: ParsedSheet) -> bool:
    return any("consensus_niveau" in table.columns for table in sheet.tables)


# ---- a batch of files ----------------------------------------------------------------------


def collect_files(paths: list[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand folders (recursively); skip Excel lock files, hidden files and our own registry
    and hints files, saying so."""
    found: list[Path] = []
    skipped: list[FileOutcome] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            candidates = [path]
        else:
            skipped.append(
                FileOutcome(
                    path=str(path),
                    status="rejected",
                    problems=[Problem(where=str(path), message="bestand of map niet gevonden")],
                )
            )
            continue
        explicit = not path.is_dir()
        for candidate in candidates:
            name = candidate.name
            if is_lock_file(candidate):
                skipped.append(
                    FileOutcome(
                        path=str(candidate), status="skipped", note="Excel-vergrendelbestand (~$…): overgeslagen"
                    )
                )
                continue
            if name == REGISTRY_NAME or ".hints." in name:
                continue
            if not explicit and (name.startswith(".") or candidate.suffix.lower() not in SHEET_SUFFIXES):
                continue
            found.append(candidate)
    return list(dict.fromkeys(found)), skipped


def _our_unedited_hashes(context: RunContext, files: list[Path]) -> set[str]:
    """Hashes of sheets omslag wrote and nobody filled in: importing them would add nothing."""
    folders = {p.parent for p in files}
    sheets_dir = context.run_dir / "sheets"
    if sheets_dir.is_dir():
        folders.update(p.parent for p in sheets_dir.rglob(REGISTRY_NAME))
    consensus_dir = context.run_dir / "consensus"
    if consensus_dir.is_dir():
        folders.add(consensus_dir)
    hashes: set[str] = set()
    for folder in folders:
        hashes.update(entry["sha256"] for entry in registry_entries(folder).values())
    return hashes


def import_files(store: RatingsStore, context: RunContext, paths: list[Path]) -> ImportReport:
    """Import every sheet in `paths` (files or folders). Never raises for a bad file."""
    files, outcomes = collect_files(paths)
    ours = _our_unedited_hashes(context, files)
    loaded: list[tuple[ParsedSheet, str, Path]] = []
    for path in files:
        result = _load(store, path, ours)
        if isinstance(result, FileOutcome):
            outcomes.append(result)
        else:
            loaded.append((result[0], result[1], path))

    # Oldest first, so that of two files from one rater the newer one ends up current.
    loaded.sort(key=lambda item: (item[0].saved_at.isoformat() if item[0].saved_at else "", item[0].name))
    for sheet, sha256, path in loaded:
        try:
            outcomes.append(_import_one(store, context, sheet, sha256, path))
        except Exception as exc:
            outcomes.append(_rejected(path, f"interne fout bij importeren: {type(exc).__name__}: {exc}"))
    return ImportReport(files=outcomes)


def _rejected(path: Path, message: str) -> FileOutcome:
    return FileOutcome(path=str(path), status="rejected", problems=[Problem(where=path.name, message=message)])


def _load(store: RatingsStore, path: Path, ours: set[str]) -> tuple[ParsedSheet, str] | FileOutcome:
    """The parsed sheet and its hash, or why it is not imported: unreadable, imported before,
    not filled in, or not a sheet."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _rejected(path, f"niet leesbaar: {exc}")
    sha256 = hashlib.sha256(data).hexdigest()
    previous = store.find_import(sha256)
    if previous is not None:
        return FileOutcome(
            path=str(path),
            status="already-imported",
            kind=previous["kind"],
            rater=previous["rater"],
            note=f"al geïmporteerd op {previous['imported_at'][:19].replace('T', ' ')} (als {previous['source_name']})",
        )
    if sha256 in ours:
        return FileOutcome(
            path=str(path), status="skipped", note="niet ingevuld: dit is het blad zoals omslag het schreef"
        )
    try:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        return parse_sheet_bytes(data, path.name, str(path), mtime=mtime), sha256
    except SheetReadError as exc:
        return _rejected(path, str(exc).split(": ", 1)[-1])
    except Exception as exc:  # a parser bug must not stop the batch; say what happened
        return _rejected(path, f"interne fout bij lezen: {type(exc).__name__}: {exc}")


def _import_one(store: RatingsStore, context: RunContext, sheet: ParsedSheet, sha256: str, path: Path) -> FileOutcome:
    if is_consensus_sheet(sheet):
        return _import_consensus(store, context, sheet, sha256, path)
    rated, check = validate_rater_sheet(sheet, context)
    if rated is None:
        return FileOutcome(
            path=str(path), status="rejected", kind="rater", problems=check.problems, warnings=check.warnings
        )
    filled = sum(1 for plan in rated.plans for entry in plan.levels if entry.level is not None)
    judged = sum(1 for plan in rated.plans for j in plan.judgements if j.relevant is not None or j.comment)
    own = sum(len(plan.own_evidence) for plan in rated.plans)
    if not (filled or judged or own or any(e.comment for p in rated.plans for e in p.levels)):
        return FileOutcome(
            path=str(path),
            status="skipped",
            kind="rater",
            rater=rated.rater,
            warnings=check.warnings,
            note="niets ingevuld",
        )

    previous = {
        (row["plan_id"], row["rater"]): row["import_id"]
        for row in store.current_plan_imports()
        if row["rater"] == rated.rater
    }
    import_id = store.add_rater_file(rated, sha256=sha256, source_path=str(path), saved_at=sheet.saved_at)
    changes, stale_plans, older = [], [], []
    for plan in rated.plans:
        current = context.plans[plan.plan_id].stamp
        if plan.stamp and plan.stamp != current:
            stale_plans.append(plan.plan_id)
        if not store.is_current(import_id, plan.plan_id, rated.rater):
            older.append(plan.plan_id)
            continue
        before_id = previous.get((plan.plan_id, rated.rater))
        if before_id is not None:
            changes += _level_changes(plan, store.levels_of(before_id, plan.plan_id))
    if stale_plans:
        store.set_stale(
            {(import_id, plan_id): "blad gemaakt met ander bewijs of andere rubricversie" for plan_id in stale_plans}
        )
    return FileOutcome(
        path=str(path),
        status="older" if older and len(older) == len(rated.plans) else "imported",
        kind="rater",
        rater=rated.rater,
        plans=[plan.plan_id for plan in rated.plans],
        levels=filled,
        warnings=check.warnings,
        changes=changes,
        stale_plans=stale_plans,
        note="ouder dan een eerder geïmporteerd bestand van deze beoordelaar voor "
        + ", ".join(older)
        + ": bewaard in de geschiedenis, telt niet mee"
        if older
        else "",
    )


def _level_changes(plan: PlanRatings, before: dict[str, str | None]) -> list[str]:
    """'plan / indicator: 3 → 4' for each level this file changes in the rater's earlier file."""
    changes = []
    for entry in plan.levels:
        old = before.get(entry.indicator)
        if (old or None) != entry.level:
            changes.append(f"{plan.plan_id} / {entry.indicator}: {old or '(leeg)'} → {entry.level or '(leeg)'}")
    return changes


def _import_consensus(
    store: RatingsStore, context: RunContext, sheet: ParsedSheet, sha256: str, path: Path
) -> FileOutcome:
    decided, check = validate_consensus_sheet(sheet, context)
    if decided is None:
        return FileOutcome(
            path=str(path), status="rejected", kind="consensus", problems=check.problems, warnings=check.warnings
        )
    if not decided.decisions:
        return FileOutcome(
            path=str(path),
            status="skipped",
            kind="consensus",
            warnings=check.warnings,
            note="nog geen consensusniveau ingevuld",
        )
    store.add_consensus_file(decided, sha256=sha256, source_path=str(path), saved_at=sheet.saved_at)
    return FileOutcome(
        path=str(path),
        status="imported",
        kind="consensus",
        plans=sorted({d.plan_id for d in decided.decisions}),
        levels=len(decided.decisions),
        warnings=check.warnings,
        note=f"{decided.pending} regel(s) nog zonder consensusniveau" if decided.pending else "",
    )
