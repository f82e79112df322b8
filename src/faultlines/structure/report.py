"""One call that runs the whole structural analysis and returns JSON-ready data.

The CLI and the web app both call these functions; they return plain dicts (see
``docs/structure.md`` for every field) and never print.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from faultlines.model import Actor, ActorKind, Relation, RelationKind
from faultlines.structure.blocs import blocs, blocs_from_frustration
from faultlines.structure.change import change_over_time
from faultlines.structure.frustration import FrustrationResult, Method, frustration_index
from faultlines.structure.graph import signed_graph
from faultlines.structure.triads import triad_census, triads
from faultlines.structure.whatif import Change, what_if

#: Version of the JSON layout below; bump when a field changes meaning or goes away.
REPORT_VERSION = "1"


def analyse_graph(
    G: nx.Graph,
    *,
    doc_id: str | None = None,
    k: int = 2,
    weighted: bool = False,
    method: Method = "auto",
    time_limit: float | None = None,
    changes: list[Change] | None = None,
    max_triads: int | None = 200,
    frustration: FrustrationResult | None = None,
) -> dict[str, Any]:
    """Triads, frustration, blocs (and a what-if) of one signed graph, as a JSON-ready dict.

    ``frustration`` reuses a result already computed for ``G`` (e.g. by :func:`windows_report`).
    """
    result = frustration or frustration_index(G, weighted=weighted, method=method, time_limit=time_limit)
    two = blocs_from_frustration(G, result)
    census = triad_census(G)
    ranked = triads(G, doc_id=doc_id)
    names = {str(n): str(G.nodes[n].get("name", n)) for n in G}
    out: dict[str, Any] = {
        "graph": {
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "negative": sum(1 for *_, s in G.edges(data="sign") if s < 0),
            "components": nx.number_connected_components(G) if len(G) else 0,
            "actors": names,
        },
        "frustration": result.to_dict(),
        "blocs": two.to_dict(),
        "census": census,
        "triads": [t.to_dict() for t in (ranked if max_triads is None else ranked[:max_triads])],
        "triads_total": len(ranked),
        "unbalanced_total": sum(1 for t in ranked if not t.balanced),
        "tension_total": sum(1 for t in ranked if t.tension),
    }
    if k != 2:
        out["kblocs"] = blocs(G, k=k, weighted=weighted, time_limit=time_limit).to_dict()
    if changes:
        out["what_if"] = what_if(G, changes, k=k, weighted=weighted, time_limit=time_limit).to_dict()
    return out


def structure_report(
    relations: Iterable[Relation],
    actors: Iterable[Actor] | None = None,
    *,
    kinds: Iterable[RelationKind | str] | None = None,
    actor_kinds: Iterable[ActorKind | str] | None = None,
    doc_id: str | None = None,
    k: int = 2,
    weighted: bool = False,
    method: Method = "auto",
    time_limit: float | None = None,
    changes: list[Change] | None = None,
    max_triads: int | None = 200,
) -> dict[str, Any]:
    """Structural analysis of a set of relations (one time window).

    Parameters
    ----------
    relations, actors
        From the store (``store.relations(start, end)``, ``store.actors()``) or built by hand.
    kinds, actor_kinds
        Restrict to relation kinds and actor kinds (see :func:`signed_graph`).
    doc_id : str, optional
        Rank this document's triangles first.
    k : int
        Also compute a k-bloc partition when not 2.
    changes : list, optional
        What-if changes, e.g. ``[("Q227", "Q801", -1)]``.

    Returns
    -------
    dict
        ``{"version", "graph", "frustration", "blocs", "census", "triads", ...}``.
    """
    G = signed_graph(relations, actors, kinds=kinds, actor_kinds=actor_kinds)
    return {
        "version": REPORT_VERSION,
        **analyse_graph(
            G,
            doc_id=doc_id,
            k=k,
            weighted=weighted,
            method=method,
            time_limit=time_limit,
            changes=changes,
            max_triads=max_triads,
        ),
    }


def windows_report(
    graphs: dict[str, nx.Graph],
    *,
    doc_id: str | None = None,
    k: int = 2,
    weighted: bool = False,
    method: Method = "auto",
    time_limit: float | None = None,
    changes: list[Change] | None = None,
    max_triads: int | None = 200,
) -> dict[str, Any]:
    """Analysis of each named window plus, with two or more, change over time between them.

    One window gives the same layout as :func:`structure_report` plus ``"window"``; several give
    ``{"version", "windows": {name: analysis}, "change": ChangeReport.to_dict()}``, with the
    what-if ``changes`` applied to the last window only.
    """
    options: dict[str, Any] = {
        "doc_id": doc_id,
        "k": k,
        "weighted": weighted,
        "method": method,
        "time_limit": time_limit,
        "changes": changes,
        "max_triads": max_triads,
    }
    if len(graphs) == 1:
        ((name, G),) = graphs.items()
        return {"version": REPORT_VERSION, "window": name, **analyse_graph(G, **options)}
    solved = {
        name: frustration_index(G, weighted=weighted, method=method, time_limit=time_limit)
        for name, G in graphs.items()
    }
    last = list(graphs)[-1]
    analyses = {
        # a what-if is about the present: apply it to the last window only
        name: analyse_graph(G, **{**options, "changes": changes if name == last else None}, frustration=solved[name])
        for name, G in graphs.items()
    }
    change = change_over_time(graphs, k=k, weighted=weighted, time_limit=time_limit, frustrations=solved)
    return {"version": REPORT_VERSION, "windows": analyses, "change": change.to_dict()}


def parse_window(text: str) -> tuple[date | None, date | None]:
    """``"2020:2024"`` -> 2020-01-01..2024-12-31; ISO dates and open ends (``":2024"``) work too."""
    from faultlines.errors import E, FaultlinesError

    if ":" not in text:
        text = f"{text}:{text}"
    left, right = (p.strip() for p in text.split(":", 1))

    def one(value: str, end: bool) -> date | None:
        if not value:
            return None
        try:
            if value.isdigit() and len(value) == 4:
                return date(int(value), 12, 31) if end else date(int(value), 1, 1)
            return date.fromisoformat(value)
        except ValueError:
            raise FaultlinesError(E.E041, option="--window", reason=f"'{value}' is not a year or YYYY-MM-DD") from None

    start, stop = one(left, False), one(right, True)
    if start and stop and stop < start:
        raise FaultlinesError(E.E041, option="--window", reason=f"'{text}' ends before it starts")
    return start, stop


def sliding_windows(start: date, end: date, *, span: int, step: int) -> list[tuple[str, date, date]]:
    """Windows of ``span`` years starting every ``step`` years within [start, end] (COW-style)."""
    from faultlines.errors import E, FaultlinesError

    if span < 1 or step < 1:
        raise FaultlinesError(E.E041, option="--span/--step", reason="must be at least 1 year")
    out = []
    year = start.year
    while year + span - 1 <= end.year:
        out.append((f"{year}-{year + span - 1}", date(year, 1, 1), date(year + span - 1, 12, 31)))
        year += step
    if not out:
        out.append((f"{start.year}-{end.year}", start, end))
    return out


def result_tables(report: dict[str, Any], window: str = "") -> dict[str, list[dict[str, Any]]]:
    """The report flattened into the rows of the store tables this capability owns."""
    tables: dict[str, list[dict[str, Any]]] = {}
    analyses = report.get("windows") or ({report.get("window", window): report} if "frustration" in report else {})
    summary, triad_rows, bloc_rows, frustrated_rows = [], [], [], []
    for name, part in analyses.items():
        fr = part["frustration"]
        summary.append(
            {
                "window": name,
                **{k: part["graph"][k] for k in ("nodes", "edges", "negative", "components")},
                "index": fr["index"],
                "normalized": fr["normalized"],
                "optimal": fr["optimal"],
                "lower_bound": fr["lower_bound"],
                "method": fr["method"],
                "seconds": fr["seconds"],
                "triangles": part["census"]["triangles"],
                "balanced_share": part["census"]["balanced_share"],
            }
        )
        for rank, t in enumerate(part["triads"]):
            triad_rows.append(
                {
                    "window": name,
                    "rank": rank,
                    "a": t["nodes"][0],
                    "b": t["nodes"][1],
                    "c": t["nodes"][2],
                    "pattern": t["pattern"],
                    "balanced": t["balanced"],
                    "tension": t["tension"],
                    "weight": t["weight"],
                    "focus": t["focus"],
                }
            )
        for node, bloc in part["blocs"]["partition"].items():
            bloc_rows.append({"window": name, "actor": node, "bloc": bloc, "k": part["blocs"]["k"]})
        for u, v in fr["frustrated_edges"]:
            frustrated_rows.append({"window": name, "u": u, "v": v})
    tables["structure_summary"] = summary
    tables["structure_triads"] = triad_rows
    tables["structure_blocs"] = bloc_rows
    tables["structure_frustrated"] = frustrated_rows
    if "change" in report:
        tables["structure_change"] = report["change"]["table"]
        tables["structure_realignments"] = report["change"]["realignments"]
        tables["structure_sign_flips"] = report["change"]["sign_flips"]
    return tables


__all__ = [
    "REPORT_VERSION",
    "analyse_graph",
    "parse_window",
    "result_tables",
    "sliding_windows",
    "structure_report",
    "windows_report",
]
