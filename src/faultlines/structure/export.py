"""Export the signed graph to GEXF (Gephi, with time attributes) and GraphML.

Both formats hold only scalar attribute values, so lists become ``;``-joined strings, evidence
becomes a count plus a compact list of spans (``doc:start-end``), and missing dates are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from faultlines.errors import E, FaultlinesError


def _export_copy(
    G: nx.Graph,
    *,
    dynamic: bool,
    partition: dict[Any, int] | None = None,
    frustrated: list[tuple[Any, Any]] | None = None,
) -> nx.Graph:
    bad = {frozenset(e) for e in frustrated or ()}
    H = nx.Graph()
    for node, data in G.nodes(data=True):
        attrs: dict[str, Any] = {
            "label": str(data.get("name", node)),
            "name": str(data.get("name", node)),
            "kind": str(data.get("kind", "")),
        }
        if partition is not None and node in partition:
            attrs["bloc"] = int(partition[node])
        H.add_node(str(node), **attrs)
    for u, v, data in G.edges(data=True):
        evidence = list(data.get("evidence") or [])
        attrs = {
            "sign": int(data["sign"]),
            "weight": float(data.get("weight", 1.0)),
            "score": float(data.get("score", data["sign"])),
            "kinds": ";".join(str(k) for k in data.get("kinds") or []),
            "evidence_count": len(evidence),
            "evidence": ";".join(f"{e.span.doc_id}:{e.span.start}-{e.span.end}" for e in evidence[:50]),
        }
        if frustrated is not None:
            attrs["frustrated"] = frozenset((u, v)) in bad
        # GEXF's dynamic mode reads an edge's time from start/end; GraphML keeps our own names
        for field, key in zip(("first", "last"), ("start", "end") if dynamic else ("first", "last"), strict=True):
            if data.get(field) is not None:
                attrs[key] = data[field].isoformat()
        H.add_edge(str(u), str(v), **attrs)
    return H


def to_gexf(
    G: nx.Graph,
    path: Path | str,
    *,
    partition: dict[Any, int] | None = None,
    frustrated: list[tuple[Any, Any]] | None = None,
) -> Path:
    """Write ``G`` as GEXF 1.2; dated edges get ``start``/``end`` so Gephi's timeline can play them.

    ``partition`` adds a node attribute ``bloc``; ``frustrated`` an edge attribute ``frustrated``.
    """
    return _write(nx.write_gexf, _export_copy(G, dynamic=True, partition=partition, frustrated=frustrated), path)


def to_graphml(
    G: nx.Graph,
    path: Path | str,
    *,
    partition: dict[Any, int] | None = None,
    frustrated: list[tuple[Any, Any]] | None = None,
) -> Path:
    """Write ``G`` as GraphML (dates as ISO strings in ``first``/``last``)."""
    return _write(nx.write_graphml, _export_copy(G, dynamic=False, partition=partition, frustrated=frustrated), path)


def _write(writer: Callable[[nx.Graph, Path], None], H: nx.Graph, path: Path | str) -> Path:
    """Write with a networkx writer; an unwritable path is a coded error, not a traceback."""
    path = Path(path)
    try:
        writer(H, path)
    except OSError as error:
        raise FaultlinesError(E.E031, path=path, reason=error.strerror or str(error)) from error
    return path


__all__ = ["to_gexf", "to_graphml"]
