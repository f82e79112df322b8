"""Triads: every triangle of the signed graph, balanced or not, with the evidence for each edge.

A triangle is balanced when the product of its signs is positive ("the friend of my friend is my
friend", "the enemy of my enemy is my friend") and unbalanced otherwise; unbalanced triangles are
where balance theory expects pressure to change (Heider 1946; Cartwright & Harary 1956).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from faultlines.model import Evidence, to_jsonable

#: Triangle types by their number of negative edges.
PATTERNS = ("+++", "++-", "+--", "---")


@dataclass(slots=True)
class TriadEdge:
    """One side of a triangle, with the evidence that gives it its sign."""

    u: Any
    v: Any
    sign: int
    weight: float
    kinds: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "u": str(self.u),
            "v": str(self.v),
            "sign": self.sign,
            "weight": self.weight,
            "kinds": list(self.kinds),
            "evidence": [evidence_dict(e) for e in self.evidence],
        }


@dataclass(slots=True)
class Triad:
    """A triangle of the signed graph.

    ``weight`` is the weight of its weakest edge (a triangle is only as certain as its least
    supported side); ``focus`` says whether it belongs to the selected document or actors.
    """

    nodes: tuple[Any, Any, Any]
    names: tuple[str, str, str]
    edges: list[TriadEdge]
    pattern: str
    balanced: bool
    weight: float
    focus: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [str(n) for n in self.nodes],
            "names": list(self.names),
            "pattern": self.pattern,
            "balanced": self.balanced,
            "weight": round(self.weight, 6),
            "focus": self.focus,
            "edges": [e.to_dict() for e in self.edges],
        }


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """An evidence item as plain JSON: where it was read and what it says about the relation."""
    data: dict[str, Any] = to_jsonable(evidence)
    return data


def _is_focus(G: nx.Graph, tri: tuple[Any, Any, Any], doc_id: str | None, nodes: set[Any] | None) -> bool:
    a, b, c = tri
    if nodes is not None and not {a, b, c} <= nodes:
        return False
    if doc_id is not None:
        for u, v in ((a, b), (b, c), (a, c)):
            if not any(e.span.doc_id == doc_id for e in G[u][v].get("evidence") or ()):
                return False
    return doc_id is not None or nodes is not None


def _enumerate(G: nx.Graph) -> Iterable[tuple[Any, Any, Any]]:
    order = {v: i for i, v in enumerate(sorted(G, key=str))}
    for a in G:
        higher = sorted((b for b in G[a] if order[b] > order[a]), key=lambda x: order[x])
        for i, b in enumerate(higher):
            for c in higher[i + 1 :]:
                if c in G[b]:
                    yield a, b, c


def triads(
    G: nx.Graph,
    *,
    doc_id: str | None = None,
    nodes: Iterable[Any] | None = None,
    balanced: bool | None = None,
    weighted: bool = True,
) -> list[Triad]:
    """Every triangle of ``G``, ranked: focus first, then unbalanced before balanced, then heavier first.

    Parameters
    ----------
    G : networkx.Graph
        A signed graph (see :func:`faultlines.structure.signed_graph`).
    doc_id : str, optional
        Triangles whose three edges all have evidence from this document come first (``focus``).
    nodes : iterable, optional
        Triangles among these actors come first (combined with ``doc_id`` when both are given).
    balanced : bool, optional
        Keep only balanced (``True``) or unbalanced (``False``) triangles.
    weighted : bool
        Rank by weight within each group; with ``False`` only by name.

    Returns
    -------
    list of Triad

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("IRN", "AZE", sign=1); G.add_edge("AZE", "ISR", sign=1); G.add_edge("ISR", "IRN", sign=-1)
    >>> [(t.pattern, t.balanced) for t in triads(G)]
    [('++-', False)]
    """
    focus_nodes = set(nodes) if nodes is not None else None
    out: list[Triad] = []
    for tri in _enumerate(G):
        a, b, c = tri
        sides = []
        for u, v in ((a, b), (b, c), (a, c)):
            data = G[u][v]
            sides.append(
                TriadEdge(
                    u=u,
                    v=v,
                    sign=int(data["sign"]),
                    weight=float(data.get("weight", 1.0)),
                    kinds=list(data.get("kinds") or []),
                    evidence=list(data.get("evidence") or []),
                )
            )
        negatives = sum(1 for s in sides if s.sign < 0)
        is_balanced = negatives % 2 == 0
        if balanced is not None and is_balanced != balanced:
            continue
        out.append(
            Triad(
                nodes=tri,
                names=(
                    str(G.nodes[a].get("name", a)),
                    str(G.nodes[b].get("name", b)),
                    str(G.nodes[c].get("name", c)),
                ),
                edges=sides,
                pattern=PATTERNS[negatives],
                balanced=is_balanced,
                weight=min(s.weight for s in sides),
                focus=_is_focus(G, tri, doc_id, focus_nodes),
            )
        )
    out.sort(key=lambda t: (not t.focus, t.balanced, -t.weight if weighted else 0.0, t.names))
    return out


def triad_census(G: nx.Graph) -> dict[str, Any]:
    """Counts of triangles by pattern and the share that is balanced (Cartwright–Harary index).

    Returns ``{"+++": n, "++-": n, "+--": n, "---": n, "triangles": n, "balanced_share": x}``;
    the share is 1.0 for a graph without triangles.
    """
    counts = dict.fromkeys(PATTERNS, 0)
    for a, b, c in _enumerate(G):
        negatives = sum(1 for u, v in ((a, b), (b, c), (a, c)) if G[u][v]["sign"] < 0)
        counts[PATTERNS[negatives]] += 1
    total = sum(counts.values())
    good = counts["+++"] + counts["+--"]
    return {**counts, "triangles": total, "balanced_share": good / total if total else 1.0}


__all__ = ["PATTERNS", "Triad", "TriadEdge", "evidence_dict", "triad_census", "triads"]
