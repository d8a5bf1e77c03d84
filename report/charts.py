"""Stage: report — the charts, drawn with matplotlib (Agg, no display needed) as SVG.

Each chart is embedded in report.html as an `<img>` with an SVG data URI: vector (sharp on
screen and on paper), self-contained (the page opens offline), and isolated (the ids inside one
SVG cannot clash with another's, as they could with inline `<svg>`). Text is drawn as paths so
the chart looks the same whatever fonts the reader's machine has. A chart that rests on
provisional levels says so inside the image too, so it stays honest when copied elsewhere.
"""

from __future__ import annotations

import base64
import functools
import io
import textwrap
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

from omslag.report.compute import COVERAGE_ORDER, GROUP_LABELS
from omslag.report.models import Chart, ReportData
from omslag.report.models import Figure as ReportFigure
from omslag.rules.calendar import DUTCH_MONTHS

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
GROUP_COLOURS = {"nieuw": "#17676b", "oud": "#9aa5b1", "onbekend": "#d9b26f"}
COVERAGE_COLOURS = {
    "nieuw": "#17676b",
    "oud": "#9aa5b1",
    "datum onbekend": "#d9b26f",
    "onleesbaar": "#b5523b",
    "geen plan": "#eceff1",
}
BASIS_STAMP = {"voorlopig": "VOORLOPIG", "gemengd": "DEELS VOORLOPIG"}
STAMP_COLOUR = "#a15c00"

# Applied around each drawing (matplotlib.rc_context), not to the process's settings at import.
STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "omslag-report",  # stable ids: the same run gives the same file
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": MUTED,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _styled(draw):
    """Draw (and save) inside the report's style; the process's matplotlib settings stay as
    they were. Figures are made without pyplot, so no backend is chosen or needed."""

    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)

    return styled


def _subplots(figsize: tuple[float, float]):
    fig = Figure(figsize=figsize)
    return fig, fig.subplots()


def _uri(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "omslag"})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _stamp(ax, basis: str, y: float = 1.01) -> None:
    if basis in BASIS_STAMP:
        ax.text(
            1.0,
            y,
            BASIS_STAMP[basis],
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            fontweight="bold",
            color=STAMP_COLOUR,
        )


def _label_bars(ax, bars, values) -> None:
    for bar, value in zip(bars, values, strict=False):
        if value:
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                bar.get_height(),
                str(value),
                ha="center",
                va="bottom",
                fontsize=8,
                color=INK,
            )


def _count(figure: ReportFigure) -> int:
    """A counting figure's value as a whole number ("niet bepaald" counts as 0 in a chart)."""
    return int(figure.value or 0)


@_styled
def coverage_chart(data: ReportData) -> Chart | None:
    if data.regions_total is None:
        return None
    f = data.figures
    fig, ax = _subplots(figsize=(8, 0.75))
    left = 0
    for status in COVERAGE_ORDER:
        n = _count(f[f"regio.{status.replace(' ', '_')}"])
        if not n:
            continue
        ax.barh(
            [0],
            [n],
            left=left,
            color=COVERAGE_COLOURS[status],
            edgecolor="white",
            linewidth=1.5,
            label=f"{status} ({n})",
            hatch="//" if status == "geen plan" else None,
        )
        if status == "geen plan":  # light fill: outline it so it reads as a bar, also in the legend
            ax.barh([0], [n], left=left, color="none", edgecolor=MUTED, linewidth=0.8)
        dark = status in ("nieuw", "onleesbaar")
        ax.text(
            left + n / 2,
            0,
            str(n),
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold",
            color="white" if dark else INK,
        )
        left += n
    ax.set_xlim(0, data.regions_total)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(f"regio's (totaal {data.regions_total})", color=MUTED)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.02), ncol=5, frameon=False, fontsize=8)
    alt = "; ".join(f"{s}: {f['regio.' + s.replace(' ', '_')].value}" for s in COVERAGE_ORDER)
    return Chart(
        id="dekking", title="Regio's naar soort plan", alt=f"Staafdiagram dekking: {alt}.", svg_data_uri=_uri(fig)
    )


def _groups(data: ReportData, indicator: str) -> list[str]:
    return [g for g in ("nieuw", "oud", "onbekend") if f"{indicator}.{g}.n" in data.figures]


def _deeds_band(ax, concrete_from: int) -> None:
    """The levels of deeds (the rubric's words/deeds line and up), shaded and named."""
    ax.axvspan(concrete_from - 0.5, 5.5, color="#eef6f1", zorder=0)
    ax.text(
        (concrete_from + 5) / 2,
        1.0,
        "met concrete acties",
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize=8,
        color="#2f6b4f",
        style="italic",
    )


@_styled
def level_chart(data: ReportData, indicator: str) -> Chart:
    f = data.figures
    groups = _groups(data, indicator)
    names = data.level_names.get(indicator, {})
    fig, ax = _subplots(figsize=(7.6, 2.9))
    _deeds_band(ax, data.domain.concrete_from_level)
    width = 0.8 / max(len(groups), 1)
    for index, group in enumerate(groups):
        values = [_count(f[f"{indicator}.{group}.niveau.{k}"]) for k in range(1, 6)]
        xs = [k - 0.4 + width * (index + 0.5) for k in range(1, 6)]
        bars = ax.bar(
            xs,
            values,
            width=width * 0.92,
            color=GROUP_COLOURS[group],
            zorder=2,
            label=f"{GROUP_LABELS[group]} (n={f[f'{indicator}.{group}.n'].value})",
        )
        _label_bars(ax, bars, values)
    ax.set_xticks(range(1, 6))
    ax.set_xticklabels(
        [f"{k}\n" + "\n".join(textwrap.wrap(names.get(str(k), ""), 16)) for k in range(1, 6)], fontsize=8
    )
    ax.set_xlim(0.5, 5.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(1, max(_count(f[f"{indicator}.{g}.niveau.{k}"]) for g in groups for k in range(1, 6))) * 1.15)
    ax.set_ylabel("plannen")
    ax.grid(axis="y", color=GRID, linewidth=0.6, zorder=1)
    # above the axes: inside, the legend would cover the tallest bar's label
    ax.legend(
        frameon=False,
        fontsize=8,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=len(groups),
        borderaxespad=0.2,
        handlelength=1.2,
        columnspacing=1.2,
    )
    _stamp(ax, f[f"{indicator}.n"].basis, y=1.11)  # above the legend row
    name = data.indicator_names.get(indicator, indicator)
    alt = "; ".join(
        f"{GROUP_LABELS[g]}: " + ", ".join(f"niveau {k}: {f[f'{indicator}.{g}.niveau.{k}'].value}" for k in range(1, 6))
        for g in groups
    )
    return Chart(
        id=f"niveaus-{indicator}",
        title=f"{name}: niveaus, nieuwe en oude plannen naast elkaar",
        alt=f"Staafdiagram {name}. {alt}.",
        svg_data_uri=_uri(fig),
    )


@_styled
def advocacy_chart(data: ReportData, indicator: str) -> Chart:
    """A ja/nee indicator (independent advocacy) per group of plans."""
    f = data.figures
    groups = [g for g in ("nieuw", "oud", "onbekend") if f"{indicator}.{g}.ja" in f]
    # as wide as the level charts: the page scales every chart to one width, so a narrower
    # figure came out with larger letters than the charts around it
    fig, ax = _subplots(figsize=(7.6, 2.0))
    labels, yes, no = [], [], []
    for group in groups:
        figure = f[f"{indicator}.{group}.ja"]
        labels.append(GROUP_LABELS[group])
        yes.append(figure.numerator or 0)
        no.append((figure.denominator or 0) - (figure.numerator or 0))
    ys = list(range(len(groups)))
    ax.barh(ys, yes, color="#17676b", label="ja", height=0.6)
    ax.barh(ys, no, left=yes, color="#d5dbe0", label="nee", height=0.6)
    for y, a, b in zip(ys, yes, no, strict=False):
        if a:
            ax.text(a / 2, y, str(a), ha="center", va="center", color="white", fontweight="bold")
        if b:
            ax.text(a + b / 2, y, str(b), ha="center", va="center", color=INK)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("plannen", color=MUTED)
    # the legend above the axes on the left, the VOORLOPIG stamp on the right: they overlapped
    ax.legend(frameon=False, fontsize=8, ncol=2, loc="lower left", bbox_to_anchor=(0, 1))
    _stamp(ax, f[f"{indicator}.ja"].basis)
    alt = "; ".join(f"{label}: ja {a}, nee {b}" for label, a, b in zip(labels, yes, no, strict=False))
    name = data.domain.indicator_names.get(indicator, indicator)
    return Chart(
        id=indicator,
        title=f"{name} (ja/nee)",
        alt=f"Staafdiagram {name}. {alt}.",
        svg_data_uri=_uri(fig),
    )


@_styled
def _hbar(
    ids: list[str],
    labels: list[str],
    values: list[int],
    total: int,
    colour,
    chart_id: str,
    title: str,
    xlabel: str,
    basis: str,
) -> Chart:
    fig, ax = _subplots(figsize=(6.4, 0.42 * len(ids) + 0.7))
    ys = list(range(len(ids)))
    colours = colour if isinstance(colour, list) else [colour] * len(ids)
    ax.barh(ys, values, color=colours, height=0.62)
    for y, value in zip(ys, values, strict=False):
        ax.text(value, y, f" {value}", va="center", ha="left", fontsize=8, color=INK)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(total, max(values or [0]), 1) * 1.08)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel, color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _stamp(ax, basis)
    alt = "; ".join(f"{label}: {value}" for label, value in zip(labels, values, strict=False))
    return Chart(id=chart_id, title=title, alt=f"Staafdiagram. {alt}.", svg_data_uri=_uri(fig))


def _shades(n: int, *, strong_first: bool) -> list[str]:
    """n bar colours from strong to pale (or back): the strong ones are what the seed report
    asks for (universal and upstream prevention; co-producing and co-deciding)."""
    palette = ["#17676b", "#6fa3a6", "#b9c4cc"]
    shades = [palette[min(len(palette) - 1, (3 * i) // max(n, 1))] for i in range(n)]
    return shades if strong_first else shades[::-1]


@_styled
def expiry_chart(data: ReportData) -> Chart | None:
    """When each region's plan expires: the years a plan covers as a bar, against the national
    plan of December 2022 (the seed report: regions keep their own policy cycles)."""
    entries = data.timeline
    if not entries:
        return None
    first = min(min(e.start for e in entries), 2020) - 0.5
    last = max(max(e.end for e in entries), 2026) + 1.5
    fig, ax = _subplots(figsize=(8, 0.45 * len(entries) + 1.1))
    for row, entry in enumerate(entries):
        colour = GROUP_COLOURS.get(entry.recency, GROUP_COLOURS["onbekend"])
        # a plan "2022-2025" runs to the end of 2025
        ax.barh([row], [entry.end + 1 - entry.start], left=entry.start, color=colour, edgecolor="white", height=0.6)
        ax.text(entry.end + 1.1, row, f"t/m {entry.end} · {entry.form}", va="center", ha="left", fontsize=8, color=INK)
    national_plan = data.domain.national_plan_date
    nad = national_plan.year + (national_plan.month - 1) / 12  # the month the national plan appeared
    ax.axvline(nad, color=STAMP_COLOUR, linewidth=1.2, linestyle="--")
    ax.text(
        nad,
        -0.55,
        f" NAD {DUTCH_MONTHS[national_plan.month - 1]} {national_plan.year}",
        color=STAMP_COLOUR,
        fontsize=8,
        va="bottom",
    )
    ax.set_yticks(range(len(entries)))
    ax.set_yticklabels([textwrap.shorten(e.region, 32) for e in entries])
    ax.invert_yaxis()
    ax.set_xlim(first, last + 2.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("jaar (de balk loopt tot het einde van het laatste planjaar)", color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    _stamp(ax, "voorlopig", y=1.0 + 0.35 / max(1, len(entries)))
    alt = "; ".join(f"{e.region}: {e.start}–{e.end}" for e in entries)
    return Chart(
        id="looptijd",
        title="Looptijd van de plannen per regio, tegen het NAD",
        alt=f"Tijdlijn van de planperiodes: {alt}.",
        svg_data_uri=_uri(fig),
    )


def make_charts(data: ReportData) -> dict[str, Chart]:
    f = data.figures
    charts: dict[str, Chart] = {}
    if (chart := expiry_chart(data)) is not None:
        charts[chart.id] = chart
    scored = _count(f["plan.gescoord"])
    if (chart := coverage_chart(data)) is not None:
        charts[chart.id] = chart
    for indicator in data.domain.ordinal_indicators:
        chart = level_chart(data, indicator)
        charts[chart.id] = chart
    for indicator in data.domain.yes_no_indicators:
        charts[indicator] = advocacy_chart(data, indicator)
    charts.update(_signal_charts(data, scored))
    charts.update(_feature_charts(data))
    return charts


def _signal_charts(data: ReportData, scored: int) -> dict[str, Chart]:
    """The kinds of prevention and the ladder steps omslag found in the text."""
    f = data.figures
    charts: dict[str, Chart] = {}
    # universal and upstream prevention reach people not yet homeless: the seed report's point
    prevention_colours = _shades(len(data.domain.prevention_types), strong_first=True)
    charts["preventietypen"] = _hbar(
        [t.id for t in data.domain.prevention_types],
        [t.label for t in data.domain.prevention_types],
        [_count(f[f"preventietype.{t.id}.plannen"]) for t in data.domain.prevention_types],
        scored,
        prevention_colours,
        "preventietypen",
        "Soorten preventie gevonden in de plannen",
        "plannen met minstens één fragment",
        "voorlopig",
    )
    charts["treden"] = _hbar(
        [s.id for s in data.domain.ladder_steps],
        [s.label for s in data.domain.ladder_steps],
        [_count(f[f"trede.{s.id}.plannen"]) for s in data.domain.ladder_steps],
        scored,
        _shades(len(data.domain.ladder_steps), strong_first=False),  # the higher steps count
        "treden",
        "Treden van de participatieladder gevonden in de plannen",
        "plannen met minstens één fragment",
        "voorlopig",
    )
    return charts


def _feature_charts(data: ReportData) -> dict[str, Chart]:
    """The plan features: action lines of the national plan named, the plans' forms."""
    f = data.figures
    charts: dict[str, Chart] = {}
    if f["nad.actielijnen.n"].value is not None:
        charts["actielijnen"] = _hbar(
            [str(k) for k in range(data.domain.action_line_count + 1)],
            [f"{k} actielijnen" for k in range(data.domain.action_line_count + 1)],
            [_count(f[f"nad.actielijnen.{k}"]) for k in range(data.domain.action_line_count + 1)],
            _count(f["nad.actielijnen.n"]),
            "#17676b",
            "actielijnen",
            "Aantal NAD-actielijnen waarnaar een plan verwijst",
            "plannen",
            "voorlopig",
        )
    if f["planvorm.n"].value is not None:
        charts["planvorm"] = _hbar(
            [p.id for p in data.domain.plan_forms],
            [p.label for p in data.domain.plan_forms],
            [_count(f[f"planvorm.{p.id}"]) for p in data.domain.plan_forms],
            _count(f["planvorm.n"]),
            "#17676b",
            "planvorm",
            "Vorm van de gevonden plannen",
            "plannen",
            "voorlopig",
        )
    return charts
