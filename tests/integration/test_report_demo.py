"""`omslag report` on the demo run (through the real Prefect flow), twice: as the flow leaves it
(no rater scores yet) and with hand-made rater files (final_scores.csv, agreement.csv) and the
issue-3 metadata columns added to documents.csv.

Every figure in report_figures.json — and every number shown in report.html — is checked
against values recomputed here with pandas straight from the CSVs. This recomputation is
deliberately independent of report/: it shares no code with it, only the definitions written
in the report's "Verantwoording" section.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from omslag.cli import main
from omslag.sheets.csvio import write_csv
from tests.browser import Chromium, find_chromium
from tests.support import DEMO, read_csv

pytestmark = pytest.mark.prefect

ORDINAL = ("wonen", "preventie", "participatie")
ALL = (*ORDINAL, "belangenbehartiging")
DEMO_REGIONS = DEMO / "regions.tsv"


# ------------------------------------------------------------------------------------------
# the two runs


@pytest.fixture(scope="module")
def plain_report(demo_run, tmp_path_factory):
    """The demo run as the flow wrote it; `omslag report RUN_DIR` with every default."""
    _, out = demo_run
    run = tmp_path_factory.mktemp("report-plain") / "run"
    shutil.copytree(out, run)
    assert main(["report", str(run)]) == 0
    return run, run


@pytest.fixture(scope="module")
def rated_report(demo_run, tmp_path_factory):
    """The demo run after a (hand-made) rater round trip, metadata columns, and two more files:
    a scan nobody could read for a region without a plan, and a plan of an unknown region."""
    _, out = demo_run
    base = tmp_path_factory.mktemp("report-rated")
    run = base / "run"
    shutil.copytree(out, run)
    documents = read_csv(run / "documents.csv")
    meta = {
        # plan_id: plan_date, predates_nad, nad_reference, nad_action_lines, wethouder_wonen, plan_form
        "brakelmeer_2022_beleidskader_mo_bw": ("2022-04-12", "ja", "nee", "0", "nee", "beleidsplan"),
        "dijkwaard_2023_raadsinformatiebrief": ("2023-11-14", "nee", "ja", "1", "nee", "raadsbrief"),
        "kempenoord_2023_regionaal_actieplan": ("2023-09-26", "nee", "ja", "3", "ja", "actieplan"),
        "lindeveld_2024_voortgangsrapportage": ("", "onbekend", "ja", "", "ja", "voortgangsrapportage"),
        "oostervaart_2025_regionaal_actieplan": ("2025-01-21", "nee", "ja", "6", "ja", "actieplan"),
        # the text says 2022-11: before the NAD, whatever the manifest says
        "veenstad_2021_beleidsplan_mo_bw": ("2022-11-30", "", "nee", "0", "nee", "beleidsplan"),
        "zoutmeer_2024_regionaal_actieplan": ("2024-03-19", "nee", "ja", "6", "ja", "actieplan"),
        "zuiderwaard_2023_raadsinformatiebrief": ("2023-05-30", "nee", "ja", "2", "ja", "onderdeel"),
    }
    columns = ["plan_date", "predates_nad", "nad_reference", "nad_action_lines", "wethouder_wonen", "plan_form"]
    for index, column in enumerate(columns):
        documents[column] = documents["plan_id"].map(lambda p, i=index: meta[p][i])
    documents["signatories"] = ""
    extra = [
        {
            "file": "hollewaard_scan.pdf",
            "plan_id": "hollewaard_scan",
            "status": "NEEDS_OCR",
            "pages": "4",
            "error": "no page has a text layer (4 image-only pages): OCR needed",
            "region": "Regio Hollewaard",
            "date": "2024-02-01",
            "evidence": "0",
        },
        {
            "file": "nergensland_plan.pdf",
            "plan_id": "nergensland_plan",
            "status": "NOT_PDF",
            "pages": "0",
            "error": "not a PDF",
            "region": "Regio Nergensland",
            "date": "",
            "evidence": "0",
        },
    ]
    documents = pd.concat([documents, pd.DataFrame(extra)], ignore_index=True).fillna("")
    write_csv(run / "documents.csv", list(documents.columns), documents.to_dict("records"))

    scores = read_csv(run / "scores.csv").set_index(["plan_id", "indicator"])["level"]
    final_rows = []
    for plan_id in (
        "zoutmeer_2024_regionaal_actieplan",
        "oostervaart_2025_regionaal_actieplan",
        "dijkwaard_2023_raadsinformatiebrief",
        "veenstad_2021_beleidsplan_mo_bw",
    ):
        for indicator in ALL:
            final_rows.append(
                {
                    "plan_id": plan_id,
                    "indicator": indicator,
                    "level": scores[(plan_id, indicator)],
                    "basis": "agreed",
                    "rater_levels": "anna=x | bram=x",
                    "note": "",
                }
            )
    # raters disagree with omslag here: these must win over scores.csv
    final_rows += [
        {
            "plan_id": "kempenoord_2023_regionaal_actieplan",
            "indicator": "wonen",
            "level": "4",
            "basis": "consensus",
            "rater_levels": "anna=4 | bram=3",
            "note": "na overleg",
        },
        {
            "plan_id": "veenstad_2021_beleidsplan_mo_bw",
            "indicator": "participatie",
            "level": "1",
            "basis": "consensus",
            "rater_levels": "anna=1 | bram=2",
            "note": "",
        },
    ]
    final_rows = [
        r
        for r in final_rows
        if not (r["plan_id"].startswith("veenstad") and r["indicator"] == "participatie" and r["basis"] == "agreed")
    ]
    write_csv(run / "final_scores.csv", ["plan_id", "indicator", "level", "basis", "rater_levels", "note"], final_rows)
    agreement_columns = [
        "indicator",
        "n_plans",
        "pct_exact",
        "pct_within_1",
        "kappa_quadratic",
        "alpha_ordinal",
        "gwet_ac2",
        "kappa",
        "gwet_ac1",
    ]
    write_csv(
        run / "agreement.csv",
        agreement_columns,
        [
            {
                "indicator": "wonen",
                "n_plans": "5",
                "pct_exact": "60",
                "pct_within_1": "100",
                "kappa_quadratic": "0,812",
                "alpha_ordinal": "0,79",
                "gwet_ac2": "0,845",
            },
            {
                "indicator": "preventie",
                "n_plans": "5",
                "pct_exact": "80",
                "pct_within_1": "100",
                "kappa_quadratic": "0,9",
                "alpha_ordinal": "0,881",
                "gwet_ac2": "0,93",
            },
            {
                "indicator": "participatie",
                "n_plans": "5",
                "pct_exact": "40",
                "pct_within_1": "80",
                "kappa_quadratic": "0,55",
                "alpha_ordinal": "0,512",
                "gwet_ac2": "0,6",
            },
            {"indicator": "belangenbehartiging", "n_plans": "5", "pct_exact": "100", "kappa": "1", "gwet_ac1": "1"},
        ],
    )
    report_dir = base / "rapport"
    assert main(["report", str(run), "--regions", str(DEMO_REGIONS), "--out", str(report_dir)]) == 0
    return run, report_dir


# ------------------------------------------------------------------------------------------
# the independent recomputation


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(words[1:] if words[:1] == ["regio"] else words)


def _pct(n: int, d: int):
    return None if d == 0 else int(100 * n / d + 0.5 + 1e-9)


def _levels(run: Path) -> pd.DataFrame:
    """plan_id, indicator, level, final — final_scores.csv wins over scores.csv."""
    provisional = read_csv(run / "scores.csv")[["plan_id", "indicator", "level"]].assign(final=False)
    if (run / "final_scores.csv").exists():
        final = read_csv(run / "final_scores.csv")
        final = final[final["level"].str.strip() != ""][["plan_id", "indicator", "level"]].assign(final=True)
        provisional = provisional.merge(final[["plan_id", "indicator"]], how="left", indicator=True)
        provisional = provisional[provisional["_merge"] == "left_only"].drop(columns="_merge")
        provisional = pd.concat([provisional, final], ignore_index=True)
    return provisional


def expected(run: Path, regions_path: Path) -> tuple[dict, dict, dict]:
    """(value per figure id, denominator per share figure, basis per score figure)."""
    docs = read_csv(run / "documents.csv")
    evidence = read_csv(run / "evidence.csv")
    levels = _levels(run)
    regions = pd.read_csv(regions_path, sep="\t", comment="#", dtype=str)
    values, dens, bases = {}, {}, {}

    def date_of(row):
        if "plan_date" in docs.columns and re.fullmatch(r"\d{4}-\d\d-\d\d", row["plan_date"]):
            return row["plan_date"]
        return row["date"] if re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"]) else ""

    def recency(row):
        if "predates_nad" in docs.columns and row["predates_nad"] in ("ja", "nee"):
            return "oud" if row["predates_nad"] == "ja" else "nieuw"
        date = date_of(row)
        return "onbekend" if not date else ("nieuw" if date >= "2022-12-01" else "oud")

    docs["recency"] = docs.apply(recency, axis=1)
    docs["usable"] = docs["status"].isin(["SUCCESS", "PARTIAL"])
    scored_ids = set(levels["plan_id"])
    scored = docs[docs["plan_id"].isin(scored_ids)]

    # coverage
    names = {}
    for _, r in regions.iterrows():
        names.setdefault(_key(r["centrumgemeente"]), r["region"])
    for _, r in regions.iterrows():
        names[_key(r["region"])] = r["region"]
    docs["matched"] = docs["region"].map(lambda x: names.get(_key(x)) if x else None)
    total = len(regions)
    values["regio.totaal"] = total
    cover = {}
    for region in regions["region"]:
        mine = docs[docs["matched"] == region]
        readable = mine[mine["usable"]]
        if mine.empty:
            cover[region] = "geen_plan"
        elif readable.empty:
            cover[region] = "onleesbaar"
        elif (readable["recency"] == "nieuw").any():
            cover[region] = "nieuw"
        elif (readable["recency"] == "onbekend").any():
            cover[region] = "datum_onbekend"
        else:
            cover[region] = "oud"
    for status in ("nieuw", "oud", "datum_onbekend", "onleesbaar", "geen_plan"):
        values[f"regio.{status}"] = sum(1 for c in cover.values() if c == status)
        dens[f"regio.{status}"] = total
    values["regio.met_plan"] = total - values["regio.geen_plan"]
    values["regio.gescoord"] = values["regio.nieuw"] + values["regio.oud"] + values["regio.datum_onbekend"]
    values["plan.zonder_regio"] = int(docs["matched"].isna().sum())

    values["plan.totaal"] = len(docs)
    # issue 10: documents that are not plans are listed apart and counted here only
    values["plan.geen_plan"] = int((docs["relevance"] == "geen_plan").sum()) if "relevance" in docs else 0
    values["plan.gescoord"] = len(scored)
    for group in ("nieuw", "oud", "onbekend"):
        values[f"plan.{group}"] = int((scored["recency"] == group).sum())
    values["plan.niet_gelezen"] = int((~docs["usable"]).sum())
    values["plan.deels_gelezen"] = int((docs["status"] == "PARTIAL").sum())
    values["scores.definitief"] = int(levels["final"].sum())
    values["scores.voorlopig"] = int((~levels["final"]).sum())
    values["extractie.problemen"] = int(((docs["status"] != "SUCCESS") | (docs["warnings"].str.strip() != "")).sum())
    # read wholly (some pages perhaps with OCR) or not: statuses and the page columns
    unread = docs["unread_pages"].fillna("").astype(str).str.strip() != ""
    incomplete = ~docs["status"].isin(["SUCCESS", "OCR"]) | unread
    values["extractie.onvolledig"] = int(incomplete.sum())
    values["extractie.waarschuwingen"] = values["extractie.problemen"] - values["extractie.onvolledig"]

    groups = ["nieuw", "oud"] + (["onbekend"] if (scored["recency"] == "onbekend").any() else [])
    recency_of = scored.set_index("plan_id")["recency"]

    def basis(frame):
        if len(frame) and frame["final"].all():
            return "definitief"
        return "voorlopig" if not frame["final"].any() else "gemengd"

    for indicator in ALL:
        rows = levels[levels["indicator"] == indicator].copy()
        rows["recency"] = rows["plan_id"].map(recency_of)
        for group in [None, *groups]:
            part = rows if group is None else rows[rows["recency"] == group]
            prefix = indicator if group is None else f"{indicator}.{group}"
            n = len(part)
            if indicator in ORDINAL:
                numbers = part["level"].astype(int)
                values[f"{prefix}.n"] = n
                for level in range(1, 6):
                    values[f"{prefix}.niveau.{level}"] = int((numbers == level).sum())
                    dens[f"{prefix}.niveau.{level}"] = n
                hits = int((numbers >= 4).sum())
                ids = [f"{prefix}.n", f"{prefix}.concreet", f"{prefix}.concreet_pct"] + [
                    f"{prefix}.niveau.{k}" for k in range(1, 6)
                ]
                values[f"{prefix}.concreet"], dens[f"{prefix}.concreet"] = hits, n
                values[f"{prefix}.concreet_pct"] = _pct(hits, n)
            else:
                hits = int((part["level"] == "ja").sum())
                values[f"{prefix}.ja"], dens[f"{prefix}.ja"] = hits, n
                values[f"{prefix}.ja_pct"] = _pct(hits, n)
                ids = [f"{prefix}.ja", f"{prefix}.ja_pct"]
                if group is None:
                    values[f"{prefix}.nee"], dens[f"{prefix}.nee"] = int((part["level"] == "nee").sum()), n
                    ids.append(f"{prefix}.nee")
            for figure_id in ids:
                bases[figure_id] = basis(part)

    live = evidence[(evidence["negated"] != "ja") & evidence["plan_id"].isin(scored_ids)]
    for kind in ("universeel", "upstream", "crisis", "nood", "herhaal"):
        items = live[(live["indicator"] == "preventie") & (live["prevention_type"] == kind)]
        values[f"preventietype.{kind}.plannen"] = items["plan_id"].nunique()
        dens[f"preventietype.{kind}.plannen"] = len(scored)
        values[f"preventietype.{kind}.fragmenten"] = len(items)
    for step in ("informeren", "raadplegen", "adviseren", "coproduceren", "meebeslissen"):
        items = live[(live["indicator"] == "participatie") & (live["ladder_step"] == step)]
        values[f"trede.{step}.plannen"] = items["plan_id"].nunique()
    for signal in ("wethouder_wonen", "nad_verwijzing"):
        values[f"signaal.{signal}.plannen"] = live[(live["indicator"] == "wonen") & (live["signal"] == signal)][
            "plan_id"
        ].nunique()
    counters = live[live["polarity"] == "counter"]
    for (indicator, signal), part in counters.groupby(["indicator", "signal"]):
        values[f"tegensignaal.{indicator}.{signal}"] = part["plan_id"].nunique()

    new_scored = scored[scored["recency"] == "nieuw"]
    for figure_id, frame, column in (
        ("wethouder_wonen.ja", scored, "wethouder_wonen"),
        ("wethouder_wonen.nieuw.ja", new_scored, "wethouder_wonen"),
        ("nad.verwijzing", scored, "nad_reference"),
        ("nad.nieuw.verwijzing", new_scored, "nad_reference"),
    ):
        if column not in docs.columns:
            values[figure_id] = None
        else:
            known = frame[frame[column].isin(["ja", "nee"])]
            values[figure_id], dens[figure_id] = int((known[column] == "ja").sum()), len(known)
    if "nad_action_lines" in docs.columns:
        known = scored[scored["nad_action_lines"] != ""]["nad_action_lines"].astype(int)
        values["nad.actielijnen.n"] = len(known)
        for k in range(7):
            values[f"nad.actielijnen.{k}"] = int((known == k).sum())
    else:
        values["nad.actielijnen.n"] = None
    if "plan_form" in docs.columns:
        values["planvorm.n"] = len(scored)
        for form in (
            "actieplan",
            "beleidsplan",
            "uitvoeringsagenda",
            "voortgangsrapportage",
            "raadsbrief",
            "onderdeel",
            "onbekend",
        ):
            values[f"planvorm.{form}"] = int((scored["plan_form"].replace("", "onbekend") == form).sum())
    else:
        values["planvorm.n"] = None

    # issue 14: uncertain regions, streefcijfers, outcome indicators, plan periods
    values["regio.onzeker"] = (
        int(regions["confidence"].isin(["medium", "low"]).sum()) if "confidence" in regions.columns else 0
    )
    dens["regio.onzeker"] = total
    n_scored = len(scored)
    targets = read_csv(run / "targets.csv")
    targets = targets[(targets["kind"] == "target") & targets["plan_id"].isin(scored_ids)]
    values["streefcijfers.plannen"] = targets["plan_id"].nunique()
    values["streefcijfers.zonder"] = n_scored - targets["plan_id"].nunique()
    outcome_ids = ("ethos_dakloosheid", "woonplekken", "huisuitzettingen", "gehuisvest_vs_opvang")
    table_of = targets["indicator"].where(targets["indicator"].isin(outcome_ids), "overig")
    for key in (*outcome_ids, "overig"):
        values[f"streefcijfers.{key}.plannen"] = targets[table_of == key]["plan_id"].nunique()
    outcome_lists = scored["outcome_indicators"].map(lambda cell: [x.strip() for x in cell.split("|") if x.strip()])
    for key in outcome_ids:
        values[f"uitkomst.{key}.plannen"] = int(outcome_lists.map(lambda found, k=key: k in found).sum())
    values["uitkomst.geen"] = int(outcome_lists.map(lambda found: not found).sum())
    values["uitkomst.alleen_proces"] = int((scored["output_only"] == "ja").sum())
    known_period = scored[(scored["plan_period_start"] != "") & (scored["plan_period_end"] != "")]
    values["periode.bekend"] = len(known_period)
    values["periode.eindigt_voor_nad"] = int((known_period["plan_period_end"].astype(int) <= 2022).sum())
    for key in [k for k in values if k.startswith(("streefcijfers.", "uitkomst.", "periode.bekend"))]:
        dens[key] = n_scored
    dens["periode.eindigt_voor_nad"] = len(known_period)

    if (run / "agreement.csv").exists():
        agreement = pd.read_csv(run / "agreement.csv", sep=";", encoding="utf-8-sig", decimal=",")
        for _, row in agreement.iterrows():
            for column in agreement.columns[1:]:
                if pd.notna(row[column]):
                    values[f"overeenstemming.{row['indicator']}.{column}"] = float(row[column])
    return values, dens, bases


# ------------------------------------------------------------------------------------------
# reading the report back


class _Figures(HTMLParser):
    """Collects every data-figure span (id, value, basis, text) and the region table cells."""

    def __init__(self):
        super().__init__()
        self.figures: list[dict] = []
        self.cells: list[dict] = []
        self.ids: set[str] = set()
        self.links: set[str] = set()
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.links.add(attrs["href"][1:])
        if "data-figure" in attrs:
            self._open = {**attrs, "text": ""}
        elif "data-plan" in attrs:
            self.cells.append(attrs)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "span" and self._open is not None:
            self.figures.append(self._open)
            self._open = None


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-9
    return a == b


def check_report(run: Path, report_dir: Path, regions_path: Path) -> dict:
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    payload = json.loads((report_dir / "report_figures.json").read_text(encoding="utf-8"))
    figures = payload["figures"]
    values, dens, bases = expected(run, regions_path)

    # 1. every figure the report has is one we can recompute, and the other way round
    assert set(figures) == set(values), (sorted(set(figures) - set(values)), sorted(set(values) - set(figures)))
    wrong = {k: (figures[k]["value"], v) for k, v in values.items() if not _same(figures[k]["value"], v)}
    assert not wrong, f"(report, recomputed): {wrong}"
    wrong_den = {k: (figures[k]["denominator"], d) for k, d in dens.items() if figures[k]["denominator"] != d}
    assert not wrong_den, f"denominators (report, recomputed): {wrong_den}"
    wrong_basis = {k: (figures[k]["basis"], b) for k, b in bases.items() if figures[k]["basis"] != b}
    assert not wrong_basis, f"basis (report, recomputed): {wrong_basis}"
    for figure in figures.values():
        if figure["value"] is None:
            assert figure["display"].startswith("niet bepaald"), figure
        elif figure["id"].endswith("_pct"):
            assert figure["display"] == f"{figure['value']}%"
        elif figure["denominator"] is not None and " van de " in figure["display"]:
            assert figure["display"] == f"{figure['value']} van de {figure['denominator']}"

    # 2. every number in the page is one of those figures, shown with its own value and basis
    parser = _Figures()
    parser.feed(html)
    shown = {f["data-figure"] for f in parser.figures}
    assert shown == set(figures), sorted(set(figures) - shown)
    for span in parser.figures:
        figure = figures[span["data-figure"]]
        assert span["data-value"] == ("" if figure["value"] is None else json.dumps(figure["value"]))
        assert span["data-basis"] == figure["basis"]
        assert span["text"] in (figure["display"], str(figure["value"])), (span, figure["display"])

    # 3. the per-region table: the level used per plan × indicator, and whether it is final
    levels = _levels(run).set_index(["plan_id", "indicator"])
    assert parser.cells
    for cell in parser.cells:
        key = (cell["data-plan"], cell["data-indicator"])
        if key in levels.index:
            assert cell["data-level"] == levels.loc[key, "level"], key
            assert cell["data-basis"] == ("definitief" if levels.loc[key, "final"] else "voorlopig"), key
        else:
            assert cell["data-level"] == "" and cell["data-basis"] == "geen", key
    table_plans = {c["data-plan"] for c in parser.cells}
    assert table_plans == set(read_csv(run / "documents.csv")["plan_id"])

    # 4. quotes are real evidence of the right kind, and every evidence link has its anchor
    evidence = read_csv(run / "evidence.csv").set_index("evidence_id")
    for indicator, ids in payload["quotes"].items():
        assert ids, f"no example quotes for {indicator}"
        assert len({evidence.loc[i, "plan_id"] for i in ids}) == len(ids), "one quote per plan"
        for evidence_id in ids:
            row = evidence.loc[evidence_id]
            assert (row["indicator"], row["polarity"], row["negated"]) == (indicator, "positive", "nee")
    for indicator, signals in payload["counter_signals"].items():
        for signal in signals:
            assert signal["plans"] == values[f"tegensignaal.{indicator}.{signal['signal']}"]
            for evidence_id in signal["quotes"]:
                row = evidence.loc[evidence_id]
                assert (row["indicator"], row["signal"], row["polarity"], row["negated"]) == (
                    indicator,
                    signal["signal"],
                    "counter",
                    "nee",
                )
    evidence_links = {link for link in parser.links if link.startswith("ev-")}
    assert evidence_links and evidence_links <= parser.ids
    assert evidence_links <= set(evidence.index)

    # 5. the Markdown report carries the same headline numbers
    assert f"Bij {figures['wonen.concreet']['display']}" in md
    assert f"({figures['wonen.concreet_pct']['display']}" in md
    return figures


# ------------------------------------------------------------------------------------------
# tests


def test_plain_run_writes_both_files_and_every_figure_matches_the_csvs(plain_report):
    run, report_dir = plain_report
    for name in ("report.html", "report.md", "report_figures.json"):
        assert (report_dir / name).stat().st_size > 1000, name
    check_report(run, report_dir, DEMO_REGIONS)  # found via run.json's corpus folder


def test_plain_run_says_at_the_top_that_everything_is_provisional(plain_report):
    _run, report_dir = plain_report
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    top = html[: html.index('<section id="bevindingen"')]
    assert "Nog geen scores van beoordelaars: alle cijfers in dit rapport zijn voorlopig" in top
    assert md.index("Nog geen scores van beoordelaars") < md.index("## De belangrijkste bevindingen")
    figures = json.loads((report_dir / "report_figures.json").read_text(encoding="utf-8"))["figures"]
    assert {f["basis"] for f in figures.values()} == {"voorlopig", "inventaris"}
    # every number resting on scores, text signals or plan features is marked provisional
    judged = [f for f in figures.values() if f["basis"] != "inventaris"]
    assert judged and all(f["basis"] == "voorlopig" for f in judged)
    inventory = {f["id"] for f in figures.values() if f["basis"] == "inventaris"}
    assert all(i.split(".")[0] in ("regio", "plan", "scores", "extractie") for i in inventory), inventory
    assert "definitief" not in {f["data-basis"] for f in _parsed(html).figures}
    assert "ᵛ" in md[md.index("## De belangrijkste bevindingen") :]


def test_plain_run_lists_the_partly_read_plan_and_what_it_means(plain_report):
    _, report_dir = plain_report
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="leesproblemen"') : html.index('id="bewijs"')]
    assert "veenstad_2021_beleidsplan_mo_bw.pdf" in section
    from tests.support import tesseract_available

    if tesseract_available():  # the scanned signature page was read by OCR: say so
        assert "pagina 7 is met OCR gelezen" in section
    else:
        assert "deels gelezen" in section and "pagina 7 is niet gelezen" in section
    top = html[: html.index('<section id="bevindingen"')]
    if tesseract_available():  # read wholly, one page with OCR: a warning, not a missing page
        assert "helemaal gelezen, maar met waarschuwingen" in top and "niet helemaal gelezen" not in top
    else:
        assert "niet of niet helemaal gelezen" in top and "géén lage score" in top


def test_plain_run_uses_metadata_and_without_it_says_niet_bepaald(plain_report, tmp_path):
    run, report_dir = plain_report
    figures = json.loads((report_dir / "report_figures.json").read_text(encoding="utf-8"))["figures"]
    for figure_id in ("wethouder_wonen.ja", "nad.verwijzing", "nad.actielijnen.n", "planvorm.n"):
        assert figures[figure_id]["value"] is not None, figure_id
    # an older run folder without the plan-metadata columns: the report says "niet bepaald"
    import pandas as pd

    older = tmp_path / "older-run"
    shutil.copytree(run, older)
    documents = pd.read_csv(older / "documents.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    metadata = [
        "plan_date",
        "predates_nad",
        "nad_reference",
        "nad_action_lines",
        "signatories",
        "wethouder_wonen",
        "plan_form",
    ]
    kept = [c for c in documents.columns if c not in metadata]
    write_csv(older / "documents.csv", kept, documents[kept].to_dict("records"))
    assert main(["report", str(older)]) == 0
    figures = json.loads((older / "report_figures.json").read_text(encoding="utf-8"))["figures"]
    for figure_id in ("wethouder_wonen.ja", "nad.verwijzing", "nad.actielijnen.n", "planvorm.n"):
        assert figures[figure_id]["value"] is None and figures[figure_id]["display"] == "niet bepaald"
    html = (older / "report.html").read_text(encoding="utf-8")
    assert "niet bepaald" in html[html.index('id="bevindingen"') : html.index('id="dekking"')]


def test_rated_run_every_figure_matches_the_csvs(rated_report):
    run, report_dir = rated_report
    assert not (run / "report.html").exists(), "--out: nothing written into the run folder"
    figures = check_report(run, report_dir, DEMO_REGIONS)
    assert figures["scores.definitief"]["value"] == 17
    assert figures["wonen.n"]["basis"] == "gemengd"
    assert figures["overeenstemming.wonen.pct_exact"]["display"] == "60%"
    assert figures["overeenstemming.wonen.kappa_quadratic"]["display"] == "0,81"
    assert figures["regio.onleesbaar"]["value"] == 1  # Hollewaard: only an unreadable scan
    assert figures["plan.zonder_regio"]["value"] == 1  # Nergensland is not in the regions file
    assert figures["plan.oud"]["value"] == 2  # Veenstad by its text date, Brakelmeer by predates_nad


def test_rated_run_shows_agreement_and_final_levels(rated_report):
    _run, report_dir = rated_report
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    top = html[: html.index('<section id="bevindingen"')]
    assert "Nog geen scores van beoordelaars" not in top
    assert "17</span> van de" in top
    section = html[html.index('id="overeenstemming"') : html.index('id="per-regio"')]
    assert "agreement.csv" in section and "α (ordinaal)" in section and "nog geen" not in section
    cells = {(c["data-plan"], c["data-indicator"]): c for c in _parsed(html).cells}
    assert cells[("kempenoord_2023_regionaal_actieplan", "wonen")]["data-level"] == "4"
    assert cells[("kempenoord_2023_regionaal_actieplan", "wonen")]["data-basis"] == "definitief"
    assert cells[("veenstad_2021_beleidsplan_mo_bw", "participatie")]["data-level"] == "1"
    assert cells[("lindeveld_2024_voortgangsrapportage", "wonen")]["data-basis"] == "voorlopig"
    assert cells[("hollewaard_scan", "wonen")]["data-basis"] == "geen"


def _parsed(html: str) -> _Figures:
    parser = _Figures()
    parser.feed(html)
    return parser


# ------------------------------------------------------------------------------------------
# a real browser


def test_report_loads_in_headless_chromium_without_errors(plain_report):
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no chromium on this machine: `make test` installs Debian's chromium when run as root "
            "with apt-get (Makefile target 'browser'); here it could not"
        )
    _, report_dir = plain_report
    from PIL import Image

    with Chromium(executable) as browser:
        page = browser.open((report_dir / "report.html").resolve().as_uri())
        assert page.errors == [], page.errors
        assert browser.evaluate("document.title").startswith("Regionale plannen dakloosheid")
        images = browser.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert len(images) >= 6 and all(done and width > 0 for done, width in images), images
        # issue 14: the expiry timeline is drawn and the targets section has its tables
        timeline = browser.evaluate(
            "(() => { const i = document.querySelector('#grafiek-looptijd img'); return i ? [i.complete, i.naturalWidth] : null; })()"
        )
        assert timeline is not None and timeline[0] and timeline[1] > 0, timeline
        rows = browser.evaluate("document.querySelectorAll('#streefcijfers table.targets tbody tr').length")
        assert rows > 0
        height = browser.evaluate("document.getElementById('streefcijfers').getBoundingClientRect().height")
        assert height > 200
        # nothing makes a laptop screen scroll sideways (the targets table quoted its sentences
        # on one line and was twice the screen wide)
        wide = browser.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert wide[0] <= wide[1], wide
        # the provisional banner is on the first screen of a laptop
        top = browser.evaluate("document.getElementById('status-scores').getBoundingClientRect().top")
        assert 0 <= top < 900
        shot = browser.screenshot(report_dir / "report_screenshot.png")
        pdf = browser.print_pdf()
    image = Image.open(shot).convert("RGB")
    assert image.size == (1366, 900)
    assert len(image.resize((200, 130)).getcolors(maxcolors=1 << 16) or []) > 50, "screenshot looks blank"
    import pypdfium2

    printed = pypdfium2.PdfDocument(pdf)
    try:
        assert len(printed) >= 3
        width, height = printed[0].get_size()
        assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4 from the print CSS
    finally:
        printed.close()


def test_demo_report_with_the_44_regions_file_marks_uncertain_rows(demo_run, tmp_path):
    """`omslag report` on the demo run with corpus/regions.tsv (the 44 real regions): coverage
    counts 44 regions, none of which has a (fictional) demo plan, and the uncertain rows of the
    file (confidence medium/low) are marked in the report."""
    _, out = demo_run
    regions_path = DEMO.parent / "regions.tsv"
    report_dir = tmp_path / "report-44"
    assert main(["report", str(out), "--regions", str(regions_path), "--out", str(report_dir)]) == 0
    figures = check_report(Path(out), report_dir, regions_path)
    regions = pd.read_csv(regions_path, sep="\t", comment="#", dtype=str)
    uncertain = set(regions[regions["confidence"].isin(["medium", "low"])]["region"])
    assert figures["regio.totaal"]["value"] == 44
    assert figures["regio.onzeker"]["value"] == len(uncertain) > 0
    assert figures["regio.geen_plan"]["value"] == 44
    assert figures["plan.zonder_regio"]["value"] == len(read_csv(Path(out) / "documents.csv"))
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    marked = re.findall(
        r'<tr class="[^"]*onzeker"[^>]*data-uncertain="ja">\s*<td>([^<]+?) <span class="onzeker-mark"', html
    )
    assert set(marked) == uncertain
    assert "Onzeker in het regiobestand" in (report_dir / "report.md").read_text(encoding="utf-8")


def test_targets_section_and_expiry_timeline_are_in_the_report(plain_report):
    run, report_dir = plain_report
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    section = html[html.index('id="streefcijfers"') : html.index('id="overeenstemming"')]
    targets = read_csv(run / "targets.csv")
    targets = targets[targets["kind"] == "target"]
    # one table row per target, in the table of its indicator
    assert section.count('<tr data-target-plan="') == len(targets)
    assert "Plannen zonder streefcijfer" in section
    assert 'id="grafiek-looptijd"' in html
    documents = read_csv(run / "documents.csv")
    with_period = documents[documents["plan_period_end"] != ""]
    assert html.count('data-end="') == len(with_period) > 0


def test_plain_demo_report_marks_the_uncertain_demo_region(plain_report):
    _, report_dir = plain_report
    figures = json.loads((report_dir / "report_figures.json").read_text(encoding="utf-8"))["figures"]
    assert figures["regio.onzeker"]["value"] == 1
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert re.findall(r'data-uncertain="ja">\s*<td>([^<]+?) <span', html) == ["Regio Rietvoorde"]
