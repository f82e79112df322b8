"""Triads: every triangle of the signed graph, balanced or not, with the evidence for each edge.

A triangle is balanced when the product of its signs is positive ("the friend of my friend is my
friend", "the enemy of my enemy is my friend") and unbalanced otherwise; unbalanced triangles are
where balance theory expects pressure to change (Heider 1946; Cartwright & Harary 1956).

Relations between states are rarely all of one sign: Iran and Azerbaijan share kinship and faith
and are rivals at once. An edge whose evidence runs substantially both ways is **ambivalent**
(the minority sign carries at least ``AMBIVALENCE`` of its evidence weight). A triangle that is
balanced by net signs but becomes unbalanced when an ambivalent edge is read by its minority
side is reported as a **tension**, with that reading and the relation kinds behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from faultlines.model import Evidence, to_jsonable

#: Triangle types by their number of negative edges.
PATTERNS = ("+++", "++-", "+--", "---")
#: Share of an edge's evidence weight its minority sign must carry for the edge to be ambivalent.
AMBIVALENCE = 0.25


@dataclass(slots=True)
class TriadEdge:
    """One side of a triangle, with the evidence that gives it its sign."""

    u: Any
    v: Any
    sign: int
    weight: float
    kinds: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    positive: float = 0.0
    negative: float = 0.0
    positive_kinds: list[str] = field(default_factory=list)
    negative_kinds: list[str] = field(default_factory=list)

    @property
    def ambivalent(self) -> bool:
        """Whether the evidence runs substantially both ways (see ``AMBIVALENCE``)."""
        total = self.positive + self.negative
        return total > 0 and min(self.positive, self.negative) >= AMBIVALENCE * total

    def to_dict(self) -> dict[str, Any]:
        return {
            "u": str(self.u),
            "v": str(self.v),
            "sign": self.sign,
            "weight": self.weight,
            "kinds": list(self.kinds),
            "positive": round(self.positive, 6),
            "negative": round(self.negative, 6),
            "positive_kinds": list(self.positive_kinds),
            "negative_kinds": list(self.negative_kinds),
            "ambivalent": self.ambivalent,
            "evidence": [evidence_dict(e) for e in self.evidence],
        }


@dataclass(slots=True)
class Triad:
    """A triangle of the signed graph.

    ``weight`` is the weight of its weakest edge (a triangle is only as certain as its least
    supported side); ``focus`` says whether it belongs to the selected document or actors.
    ``tension`` marks a triangle balanced by net signs that is unbalanced when the edges in
    ``reading`` are taken by their minority sign (``{"u", "v", "sign", "kinds"}`` each).
    """

    nodes: tuple[Any, Any, Any]
    names: tuple[str, str, str]
    edges: list[TriadEdge]
    pattern: str
    balanced: bool
    weight: float
    focus: bool = False
    tension: bool = False
    reading: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [str(n) for n in self.nodes],
            "names": list(self.names),
            "pattern": self.pattern,
            "balanced": self.balanced,
            "tension": self.tension,
            "reading": self.reading,
            "weight": round(self.weight, 6),
            "focus": self.focus,
            "edges": [e.to_dict() for e in self.edges],
        }


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """An evidence item as plain JSON: where it was read and what it says about the relation."""
    data: dict[str, Any] = to_jsonable(evidence)
    return data


def _side_weights(data: dict[str, Any]) -> tuple[float, float, list[str], list[str]]:
    """Evidence weight for and against the relation, and the kinds on each side."""
    evidence = data.get("evidence") or []
    if not evidence:
        weight = float(data.get("weight", 1.0))
        kinds = list(data.get("kinds") or [])
        return (weight, 0.0, kinds, []) if data["sign"] > 0 else (0.0, weight, [], kinds)
    pos = sum(e.weight for e in evidence if e.sign > 0)
    neg = sum(e.weight for e in evidence if e.sign < 0)
    pos_kinds = sorted({str(getattr(e.kind, "value", e.kind)) for e in evidence if e.sign > 0})
    neg_kinds = sorted({str(getattr(e.kind, "value", e.kind)) for e in evidence if e.sign < 0})
    return float(pos), float(neg), pos_kinds, neg_kinds


def _tension(sides: list[TriadEdge]) -> list[dict[str, Any]]:
    """The lightest reading of ambivalent edges by their minority sign that unbalances a
    balanced triangle (empty if there is none)."""
    ambivalent = [i for i, s in enumerate(sides) if s.ambivalent]
    best: tuple[float, list[int]] | None = None
    for mask in range(1, 1 << len(ambivalent)):
        chosen = [ambivalent[b] for b in range(len(ambivalent)) if mask >> b & 1]
        if len(chosen) % 2 == 0:
            continue  # flipping an even number of signs keeps the triangle balanced
        support = sum(min(sides[i].positive, sides[i].negative) for i in chosen)
        # prefer re-reading fewer edges, then the reading with the most evidence behind it
        if best is None or (len(chosen), -support) < (len(best[1]), -best[0]):
            best = (support, chosen)
    if best is None:
        return []
    reading = []
    for i in best[1]:
        side = sides[i]
        sign = -side.sign
        reading.append(
            {
                "u": str(side.u),
                "v": str(side.v),
                "sign": sign,
                "kinds": side.positive_kinds if sign > 0 else side.negative_kinds,
                "weight": round(side.positive if sign > 0 else side.negative, 6),
            }
        )
    return reading


def _enumerate(G: nx.Graph) -> Iterable[tuple[Any, Any, Any]]:
    """Each triangle once, nodes in name order (set intersections, no per-node sorting)."""
    order = {v: i for i, v in enumerate(sorted(G, key=str))}
    higher = {v: {u for u in G[v] if order[u] > order[v]} for v in G}
    for a in G:
        ha = higher[a]
        for b in ha:
            for c in ha & higher[b]:
                yield a, b, c


def _edges(G: nx.Graph, doc_id: str | None) -> dict[tuple[Any, Any], tuple[TriadEdge, bool]]:
    """One shared :class:`TriadEdge` per edge (both orientations) and whether the selected
    document supports it, so each edge is summarised once however many triangles it is in."""
    out: dict[tuple[Any, Any], tuple[TriadEdge, bool]] = {}
    for u, v, data in G.edges(data=True):
        pos, neg, pos_kinds, neg_kinds = _side_weights(data)
        evidence = list(data.get("evidence") or [])
        edge = TriadEdge(
            u=u,
            v=v,
            sign=int(data["sign"]),
            weight=float(data.get("weight", 1.0)),
            kinds=list(data.get("kinds") or []),
            evidence=evidence,
            positive=pos,
            negative=neg,
            positive_kinds=pos_kinds,
            negative_kinds=neg_kinds,
        )
        in_doc = doc_id is not None and any(e.span.doc_id == doc_id for e in evidence)
        out[(u, v)] = out[(v, u)] = (edge, in_doc)
    return out


def triads(
    G: nx.Graph,
    *,
    doc_id: str | None = None,
    nodes: Iterable[Any] | None = None,
    balanced: bool | None = None,
    weighted: bool = True,
) -> list[Triad]:
    """Every triangle of ``G``, ranked: focus first, then unbalanced, then tensions, then balanced;
    heavier first within each group.

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
    edges = _edges(G, doc_id)
    names = {v: str(G.nodes[v].get("name", v)) for v in G}
    out: list[Triad] = []
    for tri in _enumerate(G):
        a, b, c = tri
        found = (edges[(a, b)], edges[(b, c)], edges[(a, c)])
        sides = [f[0] for f in found]
        negatives = sum(1 for side in sides if side.sign < 0)
        is_balanced = negatives % 2 == 0
        if balanced is not None and is_balanced != balanced:
            continue
        reading = _tension(sides) if is_balanced and any(side.ambivalent for side in sides) else []
        focus = (doc_id is not None or focus_nodes is not None) and (
            (doc_id is None or all(f[1] for f in found)) and (focus_nodes is None or set(tri) <= focus_nodes)
        )
        out.append(
            Triad(
                nodes=tri,
                names=(names[a], names[b], names[c]),
                edges=sides,
                pattern=PATTERNS[negatives],
                balanced=is_balanced,
                weight=min(side.weight for side in sides),
                focus=focus,
                tension=bool(reading),
                reading=reading,
            )
        )
    out.sort(key=lambda t: (not t.focus, t.balanced, not t.tension, -t.weight if weighted else 0.0, t.names))
    return out


def triad_census(G: nx.Graph) -> dict[str, Any]:
    """Counts of triangles by pattern and the share that is balanced (Cartwright–Harary index).

    Returns ``{"+++": n, "++-": n, "+--": n, "---": n, "triangles": n, "balanced_share": x,
    "ambivalent_edges": n}``; the share is 1.0 for a graph without triangles.
    """
    negative = {(u, v): s < 0 for u, v, s in G.edges(data="sign")}
    negative.update({(v, u): n for (u, v), n in list(negative.items())})
    counts = dict.fromkeys(PATTERNS, 0)
    for a, b, c in _enumerate(G):
        counts[PATTERNS[negative[(a, b)] + negative[(b, c)] + negative[(a, c)]]] += 1
    total = sum(counts.values())
    good = counts["+++"] + counts["+--"]
    ambivalent = 0
    for _, _, data in G.edges(data=True):
        pos, neg, _, _ = _side_weights(data)
        ambivalent += int(pos + neg > 0 and min(pos, neg) >= AMBIVALENCE * (pos + neg))
    return {
        **counts,
        "triangles": total,
        "balanced_share": good / total if total else 1.0,
        "ambivalent_edges": ambivalent,
    }


__all__ = ["AMBIVALENCE", "PATTERNS", "Triad", "TriadEdge", "evidence_dict", "triad_census", "triads"]
