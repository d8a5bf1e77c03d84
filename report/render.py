"""Stage: report — rendering `ReportData` to report.html and report.md with Jinja2.

HTML is autoescaped (evidence text comes from PDFs and may contain anything, "<script>"
included); the «» term markers are turned into <mark> after escaping. Every number is printed
through `fig()`, which tags it with its figure id, value and basis, so a provisional number is
visibly marked and the test can find each one back in the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from omslag.report.models import Figure, ReportData
from omslag.rules.calendar import DUTCH_MONTHS

TEMPLATES = Path(__file__).with_name("templates")
BASIS_TEXT = {
    "definitief": "definitief (beoordelaars)",
    "voorlopig": "voorlopig (omslag, nog niet door beoordelaars vastgesteld)",
    "gemengd": "deels definitief, deels voorlopig",
    "inventaris": "telling van bestanden of regio's (geen score)",
}
MD_MARK = {"voorlopig": " ᵛ", "gemengd": " ᵈᵛ"}


def _marked_html(text: str) -> Markup:
    escaped = str(escape(text))
    return Markup(escaped.replace("«", "<mark>").replace("»", "</mark>"))


def _marked_md(text: str) -> str:
    return _md_cell(text).replace("«", "**").replace("»", "**")


def _md_cell(text) -> str:
    """Text safe inside a Markdown table cell or paragraph: no pipes or line breaks that would
    break the table, no stray markup characters from the PDF."""
    value = " ".join(str(text).split())
    for char in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        value = value.replace(char, "\\" + char)
    return value


def _html_fig(figures: dict[str, Figure]):
    def fig(id: str, display: str | None = None) -> Markup:
        figure = figures[id]
        value = "" if figure.value is None else json.dumps(figure.value)
        title = BASIS_TEXT[figure.basis] + (f" — {figure.basis_note}" if figure.basis_note else "")
        return Markup(
            '<span class="fig fig-{basis}" data-figure="{id}" data-value="{value}" data-basis="{basis}" '
            'title="{title}">{display}</span>'
        ).format(
            basis=figure.basis,
            id=id,
            value=value,
            title=title,
            display=display if display is not None else figure.display,
        )

    return fig


def _html_num(figures: dict[str, Figure]):
    """The bare value of a figure ('6' rather than '6 van de 11'), for a second mention."""
    fig = _html_fig(figures)

    def num(id: str) -> Markup:
        value = figures[id].value
        return fig(id, "niet bepaald" if value is None else str(value))

    return num


def _md_fig(figures: dict[str, Figure]):
    def fig(id: str, display: str | None = None) -> str:
        figure = figures[id]
        return (display if display is not None else figure.display) + MD_MARK.get(figure.basis, "")

    return fig


def _md_num(figures: dict[str, Figure]):
    fig = _md_fig(figures)

    def num(id: str) -> str:
        value = figures[id].value
        return fig(id, "niet bepaald" if value is None else str(value))

    return num


# the rubric's report texts (indicators[].report): {concreet} is the indicator's figure, **…** bold
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _html_say(figures: dict[str, Figure]):
    fig = _html_fig(figures)

    def say(text: str, indicator: str) -> Markup:
        # escaped first (the text is the analysts'), then bold; a placeholder's name is plain
        # (rules.rubric checks it), so it survives escaping and becomes the figure's markup
        html = _BOLD.sub(r"<strong>\1</strong>", str(escape(text)))
        return Markup(_PLACEHOLDER.sub(lambda match: str(fig(f"{indicator}.{match.group(1)}")), html))

    return say


def _md_say(figures: dict[str, Figure]):
    fig = _md_fig(figures)

    def say(text: str, indicator: str) -> str:
        return _PLACEHOLDER.sub(lambda match: fig(f"{indicator}.{match.group(1)}"), text)

    return say


def _national_plan(data: ReportData) -> dict[str, str | int]:
    """The national plan's date as the report's sentences name it: 'december 2022'."""
    date = data.domain.national_plan_date
    month = f"{DUTCH_MONTHS[date.month - 1]} {date.year}"
    return {"month": month, "first_day": f"1 {month}", "year": date.year}


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=autoescape),
        undefined=StrictUndefined,  # a typo in a template is an error, not an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["marked"] = _marked_html
    env.filters["md_marked"] = _marked_md
    env.filters["md"] = _md_cell
    env.globals["BASIS_TEXT"] = BASIS_TEXT
    return env


def render_html(data: ReportData) -> str:
    return _render(data, html=True)


def render_markdown(data: ReportData) -> str:
    return _render(data, html=False)


def _render(data: ReportData, *, html: bool) -> str:
    """The HTML or the Markdown report: the template and its figure helpers differ, the data does not."""
    fig, num, say = (_html_fig, _html_num, _html_say) if html else (_md_fig, _md_num, _md_say)
    template = _environment(html).get_template("report.html.j2" if html else "report.md.j2")
    return template.render(
        data=data,
        f=data.figures,
        fig=fig(data.figures),
        num=num(data.figures),
        say=say(data.figures),
        nad=_national_plan(data),
    )


def figures_json(data: ReportData) -> str:
    """report_figures.json: every number in the report, for checking and for other tools."""
    payload = {
        "run_dir": data.run_dir,
        "regions_file": data.regions_file,
        "all_provisional": data.all_provisional,
        "figures": {k: v.model_dump() for k, v in data.figures.items()},
        "region_table": [
            {
                "region": line.region,
                "coverage": line.coverage,
                "plan_id": line.plan.plan_id if line.plan else None,
                "levels": line.plan.levels if line.plan else None,
                "final": line.plan.final if line.plan else None,
            }
            for line in data.region_lines
        ],
        "quotes": {k: [q.evidence_id for q in v] for k, v in data.best_quotes.items()},
        "counter_signals": {
            k: [{"signal": c.signal, "plans": c.plans, "quotes": [q.evidence_id for q in c.quotes]} for c in v]
            for k, v in data.counter_signals.items()
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
