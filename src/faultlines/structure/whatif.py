"""What-if: flip, add or remove relations and see how balance, blocs and triads respond."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from faultlines.errors import E, FaultlinesError
from faultlines.structure.blocs import BlocResult, blocs
from faultlines.structure.change import align_labels, cost_of_staying
from faultlines.structure.frustration import FrustrationResult, frustration_index, tidy
from faultlines.structure.triads import Triad, triads

Change = tuple[str, str, int | None]


@dataclass(slots=True)
class WhatIfResult:
    """Balance before and after a set of changes to the graph."""

    changes: list[dict[str, Any]]
    before: FrustrationResult
    after: FrustrationResult
    blocs_before: BlocResult
    blocs_after: BlocResult
    newly_unbalanced: list[Triad] = field(default_factory=list)
    resolved: list[Triad] = field(default_factory=list)
    moved: list[dict[str, Any]] = field(default_factory=list)
    graph: nx.Graph | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "changes": self.changes,
            "index_before": tidy(self.before.index),
            "index_after": tidy(self.after.index),
            "optimal": self.before.optimal and self.after.optimal,
            "frustrated_after": [[str(u), str(v)] for u, v in self.after.frustrated_edges],
            "blocs_before": self.blocs_before.to_dict()["blocs"],
            "blocs_after": self.blocs_after.to_dict()["blocs"],
            "moved": self.moved,
            "newly_unbalanced": [t.to_dict() for t in self.newly_unbalanced],
            "resolved": [t.to_dict() for t in self.resolved],
        }


def resolve_node(G: nx.Graph, text: str) -> Any:
    """The node named ``text``: its id, or (case-insensitively) its ``name`` attribute.

    Raises
    ------
    FaultlinesError
        ``E040`` listing some known actors when nothing matches.
    """
    if text in G:
        return text
    wanted = text.strip().casefold()
    matches = [n for n in G if str(n).casefold() == wanted or str(G.nodes[n].get("name", "")).casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(sorted(str(G.nodes[n].get("name", n)) for n in G)[:12])
    raise FaultlinesError(E.E040, name=text, known=known or "(none)")


def parse_change(text: str) -> Change:
    """Parse ``"A,B,-"`` (or ``+``, ``0`` to remove) into ``("A", "B", -1)``."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise FaultlinesError(E.E041, option="--what-if", reason=f"'{text}' is not 'A,B,SIGN' (SIGN: + - 0)")
    signs: dict[str, int | None] = {"+": 1, "+1": 1, "1": 1, "-": -1, "-1": -1, "0": None, "": None}
    if parts[2] not in signs:
        raise FaultlinesError(E.E041, option="--what-if", reason=f"sign '{parts[2]}' is not + - or 0")
    return parts[0], parts[1], signs[parts[2]]


def apply_changes(G: nx.Graph, changes: list[Change]) -> tuple[nx.Graph, list[dict[str, Any]]]:
    """A copy of ``G`` with the changes applied, and a record of what each change did."""
    H = G.copy()
    done = []
    for a, b, sign in changes:
        u, v = resolve_node(H, a), resolve_node(H, b)
        if u == v:
            raise FaultlinesError(E.E041, option="--what-if", reason=f"'{a}' and '{b}' are the same actor")
        old = int(H[u][v]["sign"]) if H.has_edge(u, v) else None
        if sign is None or sign == 0:
            if old is None:
                raise FaultlinesError(E.E041, option="--what-if", reason=f"no relation {a}-{b} to remove")
            H.remove_edge(u, v)
            action = "remove"
        elif old is None:
            H.add_edge(
                u,
                v,
                sign=int(sign),
                weight=1.0,
                score=float(sign),
                kinds=[],
                first=None,
                last=None,
                evidence=[],
            )
            action = "add"
        else:
            H[u][v]["sign"] = int(sign)
            H[u][v]["score"] = abs(float(H[u][v].get("score", 1.0))) * sign
            action = "flip" if old != sign else "unchanged"
        done.append(
            {
                "u": str(u),
                "v": str(v),
                "before": old,
                "after": None if not sign else int(sign),
                "action": action,
            }
        )
    return H, done


def what_if(
    G: nx.Graph,
    changes: list[Change],
    *,
    k: int = 2,
    weighted: bool = False,
    time_limit: float | None = None,
) -> WhatIfResult:
    """Apply hypothetical changes and compare balance, blocs and unbalanced triads.

    Parameters
    ----------
    G : networkx.Graph
        The signed graph as it is.
    changes : list of (str, str, int or None)
        ``(a, b, +1)`` or ``(a, b, -1)`` sets (adds or flips) the relation; ``(a, b, None)`` or
        ``(a, b, 0)`` removes it. Actors may be given by id or name.
    k : int
        Number of blocs to compare.

    Returns
    -------
    WhatIfResult
        ``newly_unbalanced``: triangles unbalanced after but not before (including new ones);
        ``resolved``: the reverse; ``moved``: actors whose (aligned) bloc changed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("IRN", "AZE", sign=1); G.add_edge("AZE", "ISR", sign=1); G.add_edge("ISR", "IRN", sign=-1)
    >>> what_if(G, [("AZE", "ISR", -1)]).after.index
    0.0
    """
    H, done = apply_changes(G, changes)
    before = frustration_index(G, weighted=weighted, time_limit=time_limit)
    after = frustration_index(H, weighted=weighted, time_limit=time_limit)
    blocs_before = blocs(G, k=k, weighted=weighted, time_limit=time_limit)
    blocs_after = blocs(H, k=k, weighted=weighted, time_limit=time_limit)
    aligned = align_labels(blocs_before.partition, blocs_after.partition, H)
    blocs_after.partition = aligned
    moved = [
        {
            "actor": str(n),
            "name": str(H.nodes[n].get("name", n)),
            "before": blocs_before.partition[n],
            "after": aligned[n],
            "forced": cost_of_staying(H, aligned, n, blocs_before.partition[n], k=k, weighted=weighted) > 1e-9,
        }
        for n in sorted(set(aligned) & set(blocs_before.partition), key=str)
        if aligned[n] != blocs_before.partition[n]
    ]
    old_bad = {frozenset(t.nodes) for t in triads(G, balanced=False)}
    new_tri = triads(H)
    new_bad = {frozenset(t.nodes) for t in new_tri if not t.balanced}
    old_tri = triads(G)
    return WhatIfResult(
        changes=done,
        before=before,
        after=after,
        blocs_before=blocs_before,
        blocs_after=blocs_after,
        newly_unbalanced=[t for t in new_tri if not t.balanced and frozenset(t.nodes) not in old_bad],
        resolved=[t for t in old_tri if not t.balanced and frozenset(t.nodes) not in new_bad],
        moved=moved,
        graph=H,
    )


__all__ = ["Change", "WhatIfResult", "apply_changes", "parse_change", "resolve_node", "what_if"]
