"""Sankey nodes and links from aggregated (and disclosure-checked) flow cells.

Pure function: no I/O, deterministic output order. Cycles (recycling back into production)
are kept as they are; the renderer draws them as loops.

Imbalance at an intermediate node (one with both inflow and outflow) becomes an explicit
"unaccounted" node, so the picture never pretends a process balances when the data say it
does not. A node touching a hidden (suppressed) link gets no unaccounted node: its visible
imbalance would equal the hidden value and give it away.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

UNACCOUNTED_IN = "unaccounted_in:"
UNACCOUNTED_OUT = "unaccounted_out:"


def sankey(
    cells: Iterable[Mapping],
    *,
    tolerance: float = 0.01,
    labels: Mapping[str, str] | None = None,
) -> dict:
    """Build ``{"nodes", "links", "hidden_links", "nodes_with_hidden_links"}``.

    ``cells`` yield mappings with from_stage, to_stage, value and suppressed (or are a
    DataFrame with those columns, such as ``disclosure.protect`` output grouped by
    from_stage × to_stage without margins). Imbalances of at most ``tolerance`` × the node's
    throughput are treated as rounding and not drawn.
    """
    if hasattr(cells, "to_dict"):
        cells = cells.to_dict("records")
    labels = labels or {}
    links: dict[tuple[str, str], float] = defaultdict(float)
    hidden = 0
    touched: set[str] = set()
    for cell in cells:
        src, dst = cell["from_stage"], cell["to_stage"]
        if cell.get("suppressed"):
            hidden += 1
            touched.update((src, dst))
            continue
        value = cell["value"]
        if value is None or value != value or value == 0:  # None / NaN / empty
            continue
        links[(src, dst)] += float(value)
    out_links = [{"source": s, "target": t, "value": v} for (s, t), v in sorted(links.items())]
    out_links += _unaccounted_links(links, touched, tolerance)
    node_ids = sorted({n for link in out_links for n in (link["source"], link["target"])})
    nodes = [_node(n, labels) for n in node_ids]
    return {
        "nodes": nodes,
        "links": out_links,
        "hidden_links": hidden,
        "nodes_with_hidden_links": sorted(touched & set(node_ids)),
    }


def _unaccounted_links(links, touched: set[str], tolerance: float) -> list[dict]:
    inflow: dict[str, float] = defaultdict(float)
    outflow: dict[str, float] = defaultdict(float)
    for (src, dst), value in links.items():
        if src == dst:
            continue  # a self-loop adds to both sides equally
        outflow[src] += value
        inflow[dst] += value
    extra = []
    for node in sorted(set(inflow) & set(outflow)):
        if node in touched:
            continue
        gap = inflow[node] - outflow[node]
        if abs(gap) <= tolerance * max(inflow[node], outflow[node]):
            continue
        if gap > 0:
            extra.append({"source": node, "target": UNACCOUNTED_OUT + node, "value": gap})
        else:
            extra.append({"source": UNACCOUNTED_IN + node, "target": node, "value": -gap})
    return extra


def _node(node_id: str, labels: Mapping[str, str]) -> dict:
    for prefix, kind in ((UNACCOUNTED_IN, "unaccounted"), (UNACCOUNTED_OUT, "unaccounted")):
        if node_id.startswith(prefix):
            return {
                "id": node_id,
                "label": "unaccounted",
                "kind": kind,
                "of": node_id[len(prefix) :],
            }
    return {"id": node_id, "label": labels.get(node_id, node_id), "kind": "process"}
