"""Plotly figure specifications (plain dicts, rendered by the bundled plotly.min.js)."""

from __future__ import annotations

from junkan.web.data import FlowView
from junkan.web.pages.indicator_catalogue import IndicatorDef
from junkan.web.pages.rendering import Page

# Okabe–Ito colours: distinguishable with colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000")
UNACCOUNTED = "#9a9a9a"
# Stages where material comes back into the economy; links into them are drawn green.
RETURNING = {"recycling", "reuse", "repair", "remanufacture", "cyclical_use"}
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', 'Noto Sans JP', sans-serif", "size": 13}


def node_label(page: Page, node: dict) -> str:
    if node["kind"] == "unaccounted":
        stage = page.label("stages", node["of"])
        key = "unaccounted.in" if node["id"].startswith("unaccounted_in:") else "unaccounted.out"
        return page.t(key, stage=stage)
    return page.label("stages", node["id"])


def sankey_figure(page: Page, view: FlowView) -> dict:
    index = {node["id"]: i for i, node in enumerate(view.nodes)}
    colours = [
        UNACCOUNTED if n["kind"] == "unaccounted" else PALETTE[i % len(PALETTE)]
        for i, n in enumerate(view.nodes)
    ]
    unit = view.filters.unit
    links = view.links
    trace = {
        "type": "sankey",
        "arrangement": "snap",
        "valueformat": ",.1f",
        "valuesuffix": f" {unit}",
        "node": {
            "label": [node_label(page, n) for n in view.nodes],
            "color": colours,
            "pad": 18,
            "thickness": 16,
            "line": {"color": "#333", "width": 0.5},
        },
        "link": {
            "source": [index[link["source"]] for link in links],
            "target": [index[link["target"]] for link in links],
            "value": [round(link["value"], 3) for link in links],
            "color": [_link_colour(link) for link in links],
        },
    }
    layout = {
        "font": FONT,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "height": 520,
        "paper_bgcolor": "#ffffff",
    }
    return {"data": [trace], "layout": layout}


def _link_colour(link: dict) -> str:
    if link["source"].startswith("unaccounted") or link["target"].startswith("unaccounted"):
        return "rgba(154,154,154,0.45)"
    if link["target"] in RETURNING:
        return "rgba(0,158,115,0.45)"
    return "rgba(0,114,178,0.28)"


def indicator_figure(page: Page, definition: IndicatorDef, points: list[tuple[int, float]]) -> dict:
    """A time series with the national FY2030 target as a dashed line and a star."""
    scale = definition.display_scale
    years = [year for year, _ in points]
    values = [round(value * scale, 3) for _, value in points]
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": page.t("overview.values"),
            "x": years,
            "y": values,
            "line": {"color": PALETTE[0], "width": 2},
            "marker": {"size": 8},
        }
    ]
    if definition.target_2030 is not None:
        start = min(years, default=2020)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": page.t("overview.target"),
                "x": [start, 2030],
                "y": [definition.target_2030] * 2,
                "line": {"color": PALETTE[3], "dash": "dash", "width": 2},
                "marker": {"size": [0, 12], "symbol": "star"},
            }
        )
    layout = {
        "font": FONT,
        "height": 260,
        "margin": {"l": 48, "r": 12, "t": 32, "b": 28},
        "xaxis": {"dtick": 5},
        "yaxis": {"title": {"text": definition.shown_unit}, "rangemode": "tozero"},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "paper_bgcolor": "#ffffff",
    }
    return {"data": data, "layout": layout}
