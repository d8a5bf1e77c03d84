"""Property-based tests (hypothesis): whatever a sheet looks like after a rater, Excel or an
e-mail client had it, the importer never crashes, never loses or alters a rating imported
before, and a file it rejects changes nothing at all."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omslag.ratings.importer import import_files
from omslag.ratings.run_folder import load_run_context
from omslag.ratings.store import RatingsStore
from omslag.rules.rubric import load_rubric
from omslag.sheets.per_rater import write_per_rater_sheets
from tests.ratings_helpers import fill_csv_rows, fill_xlsx, make_run, read_our_csv, save_as_dutch_excel_csv

_counter = itertools.count()


class World:
    """One run folder and store for all examples: valid files from anna and bram are imported
    first; every example then throws a malformed file at the same store."""

    def __init__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="omslag-hypothesis-"))
        self.run = make_run(self.tmp / "run")
        write_per_rater_sheets(self.run, load_rubric(), ["anna", "bram"])
        self.context = load_run_context(self.run)
        self.store = RatingsStore(self.run / "ratings.sqlite")
        levels = {"wonen": "3", "preventie": "2", "participatie": "4", "belangenbehartiging": "ja"}
        self.csv_rows = fill_csv_rows(read_our_csv(self.run / "sheets" / "anna" / "plan_a__anna.csv"), levels)
        base = self.tmp / "base"
        save_as_dutch_excel_csv(self.csv_rows, base / "plan_a__anna.csv")
        bram = fill_csv_rows(read_our_csv(self.run / "sheets" / "bram" / "plan_a__bram.csv"), {"wonen": "4"})
        save_as_dutch_excel_csv(bram, base / "plan_a__bram.csv")
        self.xlsx_source = fill_xlsx(
            self.run / "sheets" / "anna" / "plan_b__anna.xlsx",
            base / "plan_b__anna.xlsx",
            {"wonen": 2, "belangenbehartiging": "nee"},
        )
        report = import_files(self.store, self.context, [base])
        assert [f.status for f in report.files] == ["imported"] * 3, report
        self.baseline = self.store.snapshot()

    def example_dir(self) -> Path:
        folder = self.tmp / f"ex{next(_counter)}"
        folder.mkdir()
        return folder

    def check(self, path: Path) -> None:
        before = self.store.snapshot()
        current_before = self.store.current_ratings()
        data_before = path.read_bytes()
        report = import_files(self.store, self.context, [path])  # must not raise
        after = self.store.snapshot()
        assert path.read_bytes() == data_before, "the importer never writes the sheet"
        for outcome in report.files:
            for problem in outcome.problems:
                assert "interne fout" not in problem.message, problem
        for table, rows in before.items():
            assert after[table][: len(rows)] == rows, f"{table}: earlier rows lost or altered"
        for table, rows in self.baseline.items():
            assert after[table][: len(rows)] == rows, f"{table}: baseline lost or altered"
        if all(o.status in ("rejected", "skipped", "already-imported") for o in report.files):
            assert after == before, "a file that was not imported changed the store"
            assert self.store.current_ratings() == current_before


@pytest.fixture(scope="module")
def world():
    w = World()
    yield w
    w.store.close()
    shutil.rmtree(w.tmp, ignore_errors=True)


_cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "0",
            "6",
            "3,5",
            "-1",
            "=1+1",
            "@x",
            "ja",
            "nee",
            "misschien",
            "ev-bestaatniet",
            "plan_x",
            "score",
            "bewijs",
            "eigen",
            "onzin",
            "wonen",
            "preventie",
            "99",
            "\u0000",
            '"',
            ";",
            "\r\n",
        ]
    ),
)

_COLUMNS = [
    "beoordelaar",
    "plan_id",
    "soort",
    "indicator",
    "evidence_id",
    "pagina",
    "fragment",
    "relevant",
    "niveau",
    "opmerking",
    "blad",
]
_mutation = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 40), st.integers(0, 20), _cell_text),
    # aimed at the cells raters fill in and the ids they must not touch
    st.tuples(st.just("named"), st.integers(0, 40), st.sampled_from(_COLUMNS), _cell_text),
    st.tuples(
        st.just("row_of"),
        st.sampled_from(["score", "bewijs", "eigen"]),
        st.integers(0, 10),
        st.sampled_from(["niveau", "relevant", "evidence_id", "pagina", "fragment", "indicator", "plan_id", "soort"]),
        st.one_of(
            st.sampled_from(
                [
                    "",
                    "0",
                    "1",
                    "5",
                    "6",
                    "3,5",
                    "2.0",
                    "ja",
                    "NEE",
                    "-1",
                    "10",
                    " 4 ",
                    "99",
                    "ev-bestaatniet",
                    "ev-b00000000001",
                    "plan_b",
                    "plan_x",
                    "onzin",
                ]
            ),
            st.text(max_size=6),
        ),
    ),
    st.tuples(st.just("drop_column"), st.integers(0, 20)),
    st.tuples(st.just("swap_columns"), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("duplicate_row"), st.integers(0, 40)),
    st.tuples(st.just("drop_header")),
    st.tuples(st.just("clear_rater")),
)


def _apply(rows: list[list[str]], mutation) -> list[list[str]]:
    rows = [list(r) for r in rows]
    kind = mutation[0]
    if kind == "cell":
        _, r, c, text = mutation
        row = rows[r % len(rows)]
        if row:
            row[c % len(row)] = text
    elif kind == "named":
        _, r, name, text = mutation
        if name in rows[0]:
            row = rows[1 + r % max(len(rows) - 1, 1)] if len(rows) > 1 else rows[0]
            col = rows[0].index(name)
            if col < len(row):
                row[col] = text
    elif kind == "row_of":
        _, soort, index, name, text = mutation
        head = rows[0]
        if "soort" in head and name in head:
            matching = [r for r in rows[1:] if len(r) > head.index("soort") and r[head.index("soort")] == soort]
            if matching:
                row = matching[index % len(matching)]
                if head.index(name) < len(row):
                    row[head.index(name)] = text
    elif kind == "drop_column":
        c = mutation[1] % len(rows[0])
        rows = [[v for i, v in enumerate(r) if i != c] for r in rows]
    elif kind == "swap_columns":
        a, b = mutation[1] % len(rows[0]), mutation[2] % len(rows[0])
        for r in rows:
            if max(a, b) < len(r):
                r[a], r[b] = r[b], r[a]
    elif kind == "duplicate_row":
        rows.append(list(rows[mutation[1] % len(rows)]))
    elif kind == "drop_header" and len(rows) > 1:
        rows = rows[1:]
    elif kind == "clear_rater":
        col = rows[0].index("beoordelaar") if "beoordelaar" in rows[0] else None
        if col is not None:
            for r in rows[1:]:
                if col < len(r):
                    r[col] = ""
    return rows


_level = st.one_of(
    st.sampled_from(["", "1", "3", "5", "0", "6", "3,5", "2.0", "4,0", " 4 ", "-1", "10", "ja", "NEE", "drie", "=3"]),
    st.integers(-2, 9).map(str),
    st.text(max_size=5),
)
_relevant = st.one_of(st.sampled_from(["", "ja", "nee", "Ja", "j", "n", "misschien", "1", "x"]), st.text(max_size=4))
_evidence_id = st.one_of(
    st.none(),  # keep the id
    st.sampled_from(["", "ev-bestaatniet", "ev-b00000000001", "ev-a00000000001", "EV-A00000000002"]),
    st.text(max_size=12),
)
_own_row = st.tuples(
    st.sampled_from(["", "wonen", "preventie", "onzin", "Participatie"]),
    st.one_of(st.sampled_from(["", "1", "5", "6", "0", "2,0", "x", "-3"]), st.integers(-5, 50).map(str)),
    st.one_of(st.just(""), st.text(max_size=40)),
)


def _fill(rows, levels, relevants, evidence_ids, own, rater):
    head = rows[0]
    col = head.index
    rows = [list(r) for r in rows]
    scores = [r for r in rows[1:] if r[col("soort")] == "score"]
    evidence = [r for r in rows[1:] if r[col("soort")] == "bewijs"]
    own_rows = [r for r in rows[1:] if r[col("soort")] == "eigen"]
    for row, level in zip(scores, levels, strict=False):
        row[col("niveau")] = level
    for row, relevant, evidence_id in zip(evidence, relevants, evidence_ids, strict=False):
        row[col("relevant")] = relevant
        if evidence_id is not None:
            row[col("evidence_id")] = evidence_id
    for row, (indicator, page, quote) in zip(own_rows, own, strict=False):
        row[col("indicator")], row[col("pagina")], row[col("fragment")] = indicator, page, quote
    for row in rows[1:]:
        row[col("beoordelaar")] = rater
    return rows


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    levels=st.lists(_level, min_size=4, max_size=4),
    relevants=st.lists(_relevant, min_size=3, max_size=3),
    evidence_ids=st.lists(_evidence_id, min_size=3, max_size=3),
    own=st.lists(_own_row, max_size=3),
    rater=st.sampled_from(["anna", "bram", "", "Anna", "chris", "x y", "é!"]),
    mutations=st.lists(_mutation, max_size=3),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
    truncate=st.one_of(st.none(), st.none(), st.integers(0, 4000)),
    name=st.sampled_from(["plan_a__anna.csv", "plan_a__bram.csv", "plan_b.csv", "x.txt", "plan_a__anna.xlsx"]),
)
def test_malformed_csv_never_crashes_or_loses_ratings(
    world, levels, relevants, evidence_ids, own, rater, mutations, encoding, delimiter, truncate, name
):
    rows = _fill(world.csv_rows, levels, relevants, evidence_ids, own, rater)
    for mutation in mutations:
        rows = _apply(rows, mutation)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    if truncate is not None:
        data = data[:truncate]
    path = world.example_dir() / name
    path.write_bytes(data)
    world.check(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.binary(max_size=3000), name=st.sampled_from(["plan_a__anna.csv", "plan_a__anna.xlsx", "y.xlsm"]))
def test_random_bytes_never_crash(world, data, name):
    path = world.example_dir() / name
    path.write_bytes(data)
    world.check(path)


_xlsx_value = st.one_of(
    st.none(),
    st.integers(-3, 12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2030, 1, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(["ja", "nee", "anna", "bram", "", "ev-bestaatniet", "plan_x", "wonen"]),
)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["Instructies", "Beslissend", "Overig bewijs", "Eigen bewijs"]),
            st.integers(1, 12),
            st.integers(1, 10),
            _xlsx_value,
        ),
        min_size=1,
        max_size=6,
    ),
    drop_tab=st.one_of(st.none(), st.sampled_from(["Beslissend", "Overig bewijs", "Eigen bewijs", "Instructies"])),
)
def test_malformed_xlsx_never_crashes_or_loses_ratings(world, edits, drop_tab):
    from openpyxl import load_workbook

    workbook = load_workbook(world.xlsx_source)
    for tab, row, col, value in edits:
        workbook[tab].cell(row, col).value = value
    if drop_tab and len(workbook.sheetnames) > 1:
        del workbook[drop_tab]
    path = world.example_dir() / "plan_b__anna.xlsx"
    workbook.save(path)
    world.check(path)
