"""Build the signed, weighted graph that every structural analysis works on.

One graph type for everything (a ``networkx.Graph``), so analyses are plain functions of it and a
researcher's own edge list goes through exactly the same code as the relations read from articles.

Edge attributes: ``sign`` (+1/-1), ``weight`` (> 0), ``score`` (signed weighted balance of the
evidence), ``kinds`` (list of relation-kind names), ``first``/``last`` (dates or ``None``),
``evidence`` (list of :class:`faultlines.model.Evidence`). Node attributes: ``name``, ``kind``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from faultlines.errors import E, InputError
from faultlines.files import read_user_text
from faultlines.model import Actor, ActorKind, Evidence, Relation, RelationKind

#: Columns a CSV edge list must have; the rest are optional.
CSV_REQUIRED = ("source", "target", "sign")
CSV_OPTIONAL = ("weight", "start", "end")


def _kind_names(kinds: Iterable[RelationKind | str] | None) -> set[str] | None:
    if kinds is None:
        return None
    return {RelationKind(k).value for k in kinds}


def _restrict(relation: Relation, kinds: set[str]) -> Relation | None:
    """The relation as seen through ``kinds`` only: evidence of other kinds is dropped.

    Without evidence (hand-made relations) the relation is kept whole when one of its kinds matches.
    """
    if not relation.evidence:
        if {RelationKind(k).value for k in relation.kinds} & kinds:
            return relation
        return None
    evidence = [e for e in relation.evidence if RelationKind(e.kind).value in kinds]
    if not evidence:
        return None
    score = sum(e.sign * e.weight for e in evidence)
    starts = [e.when.start for e in evidence if e.when and e.when.start]
    ends = [d for e in evidence if e.when for d in (e.when.end or e.when.start,) if d is not None]
    return Relation(
        a=relation.a,
        b=relation.b,
        sign=(score > 1e-9) - (score < -1e-9),
        weight=sum(e.weight for e in evidence),
        score=score,
        kinds=sorted({RelationKind(e.kind) for e in evidence}, key=lambda k: k.value),
        first=min(starts) if starts else None,
        last=max(ends) if ends else None,
        evidence=evidence,
    )


def _min_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def signed_graph(
    relations: Iterable[Relation],
    actors: Iterable[Actor] | None = None,
    *,
    kinds: Iterable[RelationKind | str] | None = None,
    actor_kinds: Iterable[ActorKind | str] | None = None,
) -> nx.Graph:
    """The signed graph of a set of relations.

    Parameters
    ----------
    relations : iterable of Relation
        Dyads, typically ``store.relations(start, end)`` for one time window.
    actors : iterable of Actor, optional
        Gives nodes their ``name`` and ``kind``; needed for ``actor_kinds``.
    kinds : iterable of RelationKind, optional
        Keep only evidence of these relation kinds (signs are recomputed from that evidence).
    actor_kinds : iterable of ActorKind, optional
        Keep only actors of these kinds (e.g. states only).

    Returns
    -------
    networkx.Graph
        Neutral relations (sign 0) are left out: balance theory has nothing to say about them.
        Two relations between the same pair are merged (scores added).

    Examples
    --------
    >>> from faultlines.model import Relation
    >>> G = signed_graph([Relation("A", "B", -1, 2.0, -2.0)])
    >>> G["A"]["B"]["sign"], G["A"]["B"]["weight"]
    (-1, 2.0)
    """
    kind_set = _kind_names(kinds)
    by_id: dict[str, Actor] = {a.id: a for a in actors or ()}
    allowed: set[str] | None = None
    if actor_kinds is not None:
        wanted = {ActorKind(k).value for k in actor_kinds}
        allowed = {i for i, a in by_id.items() if ActorKind(a.kind).value in wanted}
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for relation in relations:
        rel: Relation | None = relation
        if kind_set is not None:
            rel = _restrict(relation, kind_set)
        if rel is None or rel.a == rel.b:
            continue
        if allowed is not None and not (rel.a in allowed and rel.b in allowed):
            continue
        key = (min(rel.a, rel.b), max(rel.a, rel.b))
        data = merged.get(key)
        if data is None:
            merged[key] = {
                "score": float(rel.score) if rel.score else float(rel.sign * rel.weight),
                "weight": float(rel.weight),
                "kinds": {RelationKind(k).value for k in rel.kinds},
                "first": rel.first,
                "last": rel.last,
                "evidence": list(rel.evidence),
            }
        else:
            data["score"] += float(rel.score) if rel.score else float(rel.sign * rel.weight)
            data["weight"] += float(rel.weight)
            data["kinds"] |= {RelationKind(k).value for k in rel.kinds}
            data["first"] = _min_date(data["first"], rel.first)
            data["last"] = _max_date(data["last"], rel.last)
            data["evidence"].extend(rel.evidence)
    G = nx.Graph()
    for (a, b), data in merged.items():
        score = data["score"]
        sign = (score > 1e-9) - (score < -1e-9)
        if sign == 0:
            continue
        weight = data["weight"] if data["weight"] > 0 else abs(score)
        G.add_edge(
            a,
            b,
            sign=sign,
            weight=weight if weight > 0 else 1.0,
            score=score,
            kinds=sorted(data["kinds"]),
            first=data["first"],
            last=data["last"],
            evidence=data["evidence"],
        )
    _label_nodes(G, by_id)
    return G


def _label_nodes(G: nx.Graph, actors: Mapping[str, Actor]) -> None:
    for node in G.nodes:
        actor = actors.get(node)
        G.nodes[node]["name"] = actor.name if actor else str(node)
        G.nodes[node]["kind"] = ActorKind(actor.kind).value if actor else ""


def _parse_date(value: str, path: Path, line: int, column: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1 if column == "start" else 12, 1 if column == "start" else 31)
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            E.E030, path=path, line=line, field=column, reason=f"'{value}' is not a date (YYYY or YYYY-MM-DD)"
        ) from None


def graph_from_csv(path: Path | str) -> nx.Graph:
    """Read a signed edge list (``source,target,sign[,weight,start,end]``) into a signed graph.

    Signs may be written ``1``/``-1``, ``+``/``-``; weights default to 1; ``start``/``end`` are
    years or ISO dates and become the edge's ``first``/``last``. A pair listed twice is an error,
    because silently summing or overwriting would change the analysis.

    Raises
    ------
    InputError
        Naming the file, line and field of the first bad value.
    """
    path = Path(path)
    text = read_user_text(path, expected="a CSV edge list")
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise InputError(E.E030, path=path, line=1, field=missing[0], reason="missing column (need source,target,sign)")
    G = nx.Graph()
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values()):
            continue
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        for column, value in (("source", source), ("target", target)):
            if not value:
                raise InputError(E.E030, path=path, line=number, field=column, reason="empty")
        if source == target:
            raise InputError(E.E030, path=path, line=number, field="target", reason="self-loop")
        raw = (row.get("sign") or "").strip()
        signs = {"1": 1, "+1": 1, "+": 1, "-1": -1, "-": -1, "1.0": 1, "-1.0": -1}
        if raw not in signs:
            raise InputError(E.E030, path=path, line=number, field="sign", reason=f"'{raw}' is not +1 or -1")
        weight = 1.0
        if (row.get("weight") or "").strip():
            try:
                weight = float(row["weight"])
            except ValueError:
                raise InputError(
                    E.E030,
                    path=path,
                    line=number,
                    field="weight",
                    reason=f"'{row['weight']}' is not a number",
                ) from None
            if not weight > 0:
                raise InputError(E.E030, path=path, line=number, field="weight", reason="must be > 0")
        first = _parse_date(row.get("start") or "", path, number, "start")
        last = _parse_date(row.get("end") or "", path, number, "end")
        if first and last and last < first:
            raise InputError(E.E030, path=path, line=number, field="end", reason="before start")
        if G.has_edge(source, target):
            raise InputError(
                E.E030, path=path, line=number, field="target", reason=f"pair {source},{target} listed twice"
            )
        sign = signs[raw]
        G.add_edge(
            source,
            target,
            sign=sign,
            weight=weight,
            score=sign * weight,
            kinds=[],
            first=first,
            last=last,
            evidence=[],
        )
    if G.number_of_edges() == 0:
        raise InputError(E.E002, path=path)
    _label_nodes(G, {})
    return G


def window_graph(G: nx.Graph, start: date | None, end: date | None) -> nx.Graph:
    """The edges of ``G`` whose [first, last] meets the window [start, end] (undated edges always do)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        first, last = data.get("first"), data.get("last") or data.get("first")
        if start is not None and last is not None and last < start:
            continue
        if end is not None and first is not None and first > end:
            continue
        H.add_edge(u, v, **data)
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    return H


def edge_evidence(G: nx.Graph, u: str, v: str) -> list[Evidence]:
    """The evidence behind edge (u, v), empty for edges that came from a CSV."""
    return list(G[u][v].get("evidence") or [])


__all__ = ["edge_evidence", "graph_from_csv", "signed_graph", "window_graph"]
