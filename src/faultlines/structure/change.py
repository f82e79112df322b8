"""Change over time: balance and blocs per window, sign flips and realignments between windows.

Bloc labels are arbitrary (swapping the two blocs changes nothing), so before comparing windows we
align each window's labels with the previous window's, component by component, choosing the
relabelling that keeps the most shared actors in the same bloc (a linear assignment). Only what
survives that alignment is reported as a realignment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from faultlines.structure.blocs import blocs, canonical, errors_of
from faultlines.structure.frustration import FrustrationResult, frustration_index, frustration_of, tidy


@dataclass(slots=True)
class WindowState:
    """Balance and blocs of one window."""

    name: str
    nodes: int
    edges: int
    negative: int
    index: float
    normalized: float
    optimal: bool
    method: str
    partition: dict[Any, int]
    bloc_errors: int

    def to_dict(self) -> dict[str, Any]:
        out: list[list[str]] = [[] for _ in range(max(self.partition.values(), default=-1) + 1)]
        for node, label in self.partition.items():
            out[label].append(str(node))
        return {
            "window": self.name,
            "nodes": self.nodes,
            "edges": self.edges,
            "negative": self.negative,
            "index": tidy(self.index),
            "normalized": round(self.normalized, 6),
            "optimal": self.optimal,
            "method": self.method,
            "bloc_errors": self.bloc_errors,
            "blocs": [sorted(b) for b in out],
        }


@dataclass(slots=True)
class ChangeReport:
    """Per-window states plus what changed between consecutive windows."""

    windows: list[WindowState] = field(default_factory=list)
    sign_flips: list[dict[str, Any]] = field(default_factory=list)
    realignments: list[dict[str, Any]] = field(default_factory=list)
    transitions: list[dict[str, Any]] = field(default_factory=list)

    def table(self) -> list[dict[str, Any]]:
        """One row per window: the time series an analyst plots."""
        rows = []
        for i, state in enumerate(self.windows):
            row = {k: v for k, v in state.to_dict().items() if k != "blocs"}
            if i > 0:
                row.update({k: v for k, v in self.transitions[i - 1].items() if k not in ("from", "to")})
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "windows": [w.to_dict() for w in self.windows],
            "table": self.table(),
            "sign_flips": self.sign_flips,
            "realignments": self.realignments,
            "transitions": self.transitions,
        }


def align_labels(previous: dict[Any, int], current: dict[Any, int], G: nx.Graph) -> dict[Any, int]:
    """Relabel ``current`` (a partition of ``G``) to agree with ``previous`` as far as possible.

    Each connected component of ``G`` is relabelled on its own, because nothing ties the bloc
    labels of separate components together.
    """
    from scipy.optimize import linear_sum_assignment

    size = max([*previous.values(), *current.values(), 1]) + 1
    out: dict[Any, int] = {}
    for component in nx.connected_components(G):
        labels = sorted({current[v] for v in component})
        overlap = np.zeros((len(labels), size))
        for v in component:
            if v in previous:
                overlap[labels.index(current[v]), previous[v]] += 1
        rows, cols = linear_sum_assignment(-overlap)
        mapping = {labels[r]: int(c) for r, c in zip(rows, cols, strict=True)}
        for v in component:
            out[v] = mapping[current[v]]
    for v, label in current.items():  # isolated nodes not in G's components
        out.setdefault(v, label)
    return out


def cost_of_staying(
    G: nx.Graph, partition: dict[Any, int], node: Any, bloc: int, *, k: int = 2, weighted: bool = False
) -> float:
    """How much worse the partition fits if ``node`` alone stayed in ``bloc``.

    Zero means an equally good partition keeps the actor where it was: the move is the solver's
    choice between optima, not something the signs force.
    """
    moved_back = dict(partition)
    moved_back[node] = bloc
    if k == 2:
        return frustration_of(G, moved_back, weighted=weighted) - frustration_of(G, partition, weighted=weighted)
    return errors_of(G, moved_back, weighted=weighted)[0] - errors_of(G, partition, weighted=weighted)[0]


def change_over_time(
    windows: dict[str, nx.Graph],
    *,
    k: int = 2,
    weighted: bool = False,
    time_limit: float | None = None,
    frustrations: dict[str, FrustrationResult] | None = None,
) -> ChangeReport:
    """Balance, blocs and change across consecutive time windows.

    Parameters
    ----------
    windows : dict of str to networkx.Graph
        Signed graphs in time order (e.g. ``{"2016-2019": G1, "2020-2023": G2}``).
    k : int
        Number of blocs (2 = the frustration-index partition).
    weighted : bool
        Use edge weights for the index and blocs.
    time_limit : float, optional
        Seconds per window for the exact solvers.
    frustrations : dict, optional
        Frustration results already computed for (some of) the windows, reused as they are.

    Returns
    -------
    ChangeReport
        ``sign_flips``: edges present in two consecutive windows with opposite signs;
        ``realignments``: actors in both windows whose (aligned) bloc changed, with
        ``cost_of_staying`` (how much worse the fit would be had the actor alone stayed) and
        ``forced`` (whether that cost is positive);
        ``transitions``: counts of edges added, removed and flipped per step.
    """
    report = ChangeReport()
    previous_graph: nx.Graph | None = None
    previous: dict[Any, int] = {}
    previous_name = ""
    for name, G in windows.items():
        known = (frustrations or {}).get(name)
        result = known if known is not None else frustration_index(G, weighted=weighted, time_limit=time_limit)
        if k == 2:
            partition, errors = result.partition, len(result.frustrated_edges)
        else:
            split = blocs(G, k=k, weighted=weighted, time_limit=time_limit)
            partition, errors = split.partition, split.errors
        partition = canonical(partition)
        if previous_graph is not None:
            partition = align_labels(previous, partition, G)
        state = WindowState(
            name=name,
            nodes=G.number_of_nodes(),
            edges=G.number_of_edges(),
            negative=sum(1 for *_, s in G.edges(data="sign") if s < 0),
            index=result.index,
            normalized=result.normalized,
            optimal=result.optimal,
            method=result.method,
            partition=partition,
            bloc_errors=errors,
        )
        if previous_graph is not None:
            flips = 0
            for u, v, s in G.edges(data="sign"):
                if previous_graph.has_edge(u, v) and previous_graph[u][v]["sign"] != s:
                    flips += 1
                    a, b = sorted((str(u), str(v)))
                    report.sign_flips.append(
                        {
                            "from": previous_name,
                            "to": name,
                            "u": a,
                            "v": b,
                            "before": int(previous_graph[u][v]["sign"]),
                            "after": int(s),
                        }
                    )
            moved = 0
            for node in sorted(set(previous) & set(partition), key=str):
                if previous[node] != partition[node]:
                    moved += 1
                    cost = cost_of_staying(G, partition, node, previous[node], k=k, weighted=weighted)
                    report.realignments.append(
                        {
                            "from": previous_name,
                            "to": name,
                            "actor": str(node),
                            "name": str(G.nodes[node].get("name", node)),
                            "bloc_before": previous[node],
                            "bloc_after": partition[node],
                            "cost_of_staying": tidy(cost),
                            "forced": cost > 1e-9,
                        }
                    )
            added = sum(1 for u, v in G.edges if not previous_graph.has_edge(u, v))
            removed = sum(1 for u, v in previous_graph.edges if not G.has_edge(u, v))
            report.transitions.append(
                {
                    "from": previous_name,
                    "to": name,
                    "edges_added": added,
                    "edges_removed": removed,
                    "sign_flips": flips,
                    "realigned": moved,
                    "index_change": tidy(result.index - report.windows[-1].index),
                }
            )
        report.windows.append(state)
        previous_graph, previous, previous_name = G, partition, name
    return report


__all__ = ["ChangeReport", "WindowState", "align_labels", "change_over_time", "cost_of_staying"]
