"""Blocs: partitions of the actors into camps, from two (structural balance) to k (generalised balance).

With two blocs the best partition is the one attaining the frustration index. With more, we use
Doreian & Mrvar's generalised balance: a partition into at most ``k`` clusters is scored by the
negative edges inside clusters and the positive edges between them,
``criterion = alpha * negative_within + (1 - alpha) * positive_between``, each edge counted once
(signnet's ``signed_blockmodel`` counts each edge twice, i.e. reports twice our criterion).

References
----------
Doreian, P., & Mrvar, A. (1996). A partitioning approach to structural balance. *Social
Networks*, 18(2), 149-168.
Doreian, P., & Mrvar, A. (2009). Partitioning signed social networks. *Social Networks*, 31(1),
1-11.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np

from faultlines.errors import E, FaultlinesError
from faultlines.structure.frustration import FrustrationResult, frustration_index

BlocMethod = Literal["auto", "exact", "heuristic"]
#: Largest number of nodes for which ``method="auto"`` tries the exact k-bloc programme.
EXACT_NODE_LIMIT = 120
#: Seconds ``method="auto"`` gives the exact k-bloc programme when no time limit is set.
AUTO_TIME_LIMIT = 60.0


@dataclass(slots=True)
class BlocResult:
    """A partition into at most ``k`` blocs and how far the graph is from fitting it.

    ``partition`` maps each node to its bloc (0 is the largest bloc). ``errors`` counts the
    inconsistent edges (negative within plus positive between); ``criterion`` weighs them with
    ``alpha`` (and edge weights when ``weighted``). ``optimal`` says whether the criterion is
    proven minimal.
    """

    k: int
    partition: dict[Any, int]
    errors: int
    criterion: float
    negative_within: list[tuple[Any, Any]]
    positive_between: list[tuple[Any, Any]]
    optimal: bool
    method: str
    alpha: float = 0.5
    weighted: bool = False
    lower_bound: float = 0.0
    seconds: float = 0.0
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def blocs(self) -> list[list[Any]]:
        """Members of each bloc, bloc 0 first."""
        out: list[list[Any]] = [[] for _ in range(max(self.partition.values(), default=-1) + 1)]
        for node, label in self.partition.items():
            out[label].append(node)
        return [sorted(members, key=str) for members in out]

    def to_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "blocs": [[str(n) for n in members] for members in self.blocs],
            "partition": {str(n): b for n, b in self.partition.items()},
            "errors": self.errors,
            "criterion": round(self.criterion, 6),
            "alpha": self.alpha,
            "weighted": self.weighted,
            "negative_within": [[str(u), str(v)] for u, v in self.negative_within],
            "positive_between": [[str(u), str(v)] for u, v in self.positive_between],
            "optimal": self.optimal,
            "lower_bound": round(self.lower_bound, 6),
            "method": self.method,
            "seconds": round(self.seconds, 4),
        }


def canonical(partition: dict[Any, int]) -> dict[Any, int]:
    """Relabel blocs so labels do not depend on the solver: largest bloc 0, ties by first member."""
    members: dict[int, list[Any]] = {}
    for node, label in partition.items():
        members.setdefault(label, []).append(node)
    order = sorted(members, key=lambda b: (-len(members[b]), min(str(n) for n in members[b])))
    relabel = {old: new for new, old in enumerate(order)}
    return {node: relabel[label] for node, label in partition.items()}


def errors_of(
    G: nx.Graph, partition: dict[Any, int], *, alpha: float = 0.5, weighted: bool = False
) -> tuple[float, list[tuple[Any, Any]], list[tuple[Any, Any]]]:
    """The criterion of ``partition`` and its negative-within and positive-between edges."""
    neg_in, pos_out = [], []
    criterion = 0.0
    for u, v, data in G.edges(data=True):
        w = float(data.get("weight", 1.0)) if weighted else 1.0
        same = partition[u] == partition[v]
        if data["sign"] < 0 and same:
            neg_in.append((u, v))
            criterion += alpha * w
        elif data["sign"] > 0 and not same:
            pos_out.append((u, v))
            criterion += (1 - alpha) * w
    return criterion, neg_in, pos_out


def _milp_kblocs(
    G: nx.Graph, k: int, alpha: float, weighted: bool, time_limit: float | None
) -> tuple[dict[Any, int] | None, float, bool]:
    """Exact generalised balance by a binary programme: ``x[v, c]`` assigns node v to bloc c.

    An edge's error variable ``z_e`` is forced up by ``x[u,c] - x[v,c]`` (positive edges) or
    ``x[u,c] + x[v,c] - 1`` (negative edges) for every bloc c. Node i may only use blocs
    ``0..i`` (removing relabelled copies), and every ``++-`` triangle needs one error: with any
    number of blocs, two friends of a node who are enemies cannot both share its bloc.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix

    nodes = sorted(G, key=lambda v: -G.degree(v))
    index = {v: i for i, v in enumerate(nodes)}
    n, edges = len(nodes), list(G.edges(data=True))
    m = len(edges)
    nx_vars = n * k
    cost = np.zeros(nx_vars + m)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lo: list[float] = []
    hi: list[float] = []
    r = 0

    def add(cs: list[int], vs: list[float], low: float, high: float) -> None:
        nonlocal r
        rows.extend([r] * len(cs))
        cols.extend(cs)
        vals.extend(vs)
        lo.append(low)
        hi.append(high)
        r += 1

    for i in range(n):
        add([i * k + c for c in range(k)], [1.0] * k, 1.0, 1.0)
    edge_col: dict[frozenset[Any], int] = {}
    for e, (u, v, data) in enumerate(edges):
        z = nx_vars + e
        edge_col[frozenset((u, v))] = z
        w = float(data.get("weight", 1.0)) if weighted else 1.0
        i, j = index[u], index[v]
        if data["sign"] > 0:
            cost[z] = (1 - alpha) * w
            for c in range(k):
                add([z, i * k + c, j * k + c], [1.0, -1.0, 1.0], 0.0, math.inf)
                add([z, i * k + c, j * k + c], [1.0, 1.0, -1.0], 0.0, math.inf)
        else:
            cost[z] = alpha * w
            for c in range(k):
                add([z, i * k + c, j * k + c], [1.0, -1.0, -1.0], -1.0, math.inf)
    order = {v: i for i, v in enumerate(nodes)}
    for a in nodes:
        higher = [b for b in G[a] if order[b] > order[a]]
        for x, b in enumerate(higher):
            for c in higher[x + 1 :]:
                if c in G[b] and G[a][b]["sign"] * G[b][c]["sign"] * G[a][c]["sign"] < 0:
                    negatives = sum(1 for s in (G[a][b], G[b][c], G[a][c]) if s["sign"] < 0)
                    if negatives == 1:
                        cs = [edge_col[frozenset(p)] for p in ((a, b), (b, c), (a, c))]
                        add(cs, [1.0, 1.0, 1.0], 1.0, math.inf)
    upper = np.ones(nx_vars + m)
    for i in range(n):
        for c in range(i + 1, k):
            upper[i * k + c] = 0.0
    options: dict[str, Any] = {"mip_rel_gap": 0.0}
    if time_limit is not None:
        options["time_limit"] = max(0.01, time_limit)
    result = milp(
        cost,
        constraints=LinearConstraint(csr_matrix((vals, (rows, cols)), shape=(r, nx_vars + m)), lo, hi),
        integrality=np.r_[np.ones(nx_vars), np.zeros(m)],
        bounds=Bounds(np.zeros(nx_vars + m), upper),
        options=options,
    )
    if result.x is None:
        return None, 0.0, False
    x = np.round(result.x[:nx_vars]).reshape(n, k)
    partition = {v: int(np.argmax(x[index[v]])) for v in nodes}
    bound = float(getattr(result, "mip_dual_bound", None) or 0.0)
    return partition, bound, result.status == 0


def _local_kblocs(
    G: nx.Graph,
    k: int,
    alpha: float,
    weighted: bool,
    *,
    seed: int = 0,
    restarts: int = 20,
    starts: list[dict[Any, int]] | None = None,
) -> dict[Any, int]:
    """Relocation local search (Doreian & Mrvar): move single nodes to the bloc that lowers the
    criterion most, from several starts, keeping the best."""
    nodes = list(G)
    if not nodes:
        return {}
    rng = np.random.default_rng(seed)
    nbrs = {
        v: [(u, float(d.get("weight", 1.0)) if weighted else 1.0, d["sign"] > 0) for u, d in G[v].items()]
        for v in nodes
    }

    def descend(part: dict[Any, int]) -> tuple[dict[Any, int], float]:
        improved = True
        while improved:
            improved = False
            for v in rng.permutation(len(nodes)):
                node = nodes[int(v)]
                pos_in = [0.0] * k
                neg_in = [0.0] * k
                pos_total = 0.0
                for u, w, positive in nbrs[node]:
                    if positive:
                        pos_in[part[u]] += w
                        pos_total += w
                    else:
                        neg_in[part[u]] += w
                costs = [alpha * neg_in[c] + (1 - alpha) * (pos_total - pos_in[c]) for c in range(k)]
                best = min(range(k), key=lambda c: (costs[c], c != part[node]))
                if costs[best] < costs[part[node]] - 1e-12:
                    part[node] = best
                    improved = True
        return part, errors_of(G, part, alpha=alpha, weighted=weighted)[0]

    candidates = [dict(s) for s in starts or ()]
    while len(candidates) < restarts:
        labels = rng.integers(0, k, size=len(nodes))
        candidates.append({v: int(labels[i]) for i, v in enumerate(nodes)})
    best_part, best_value = None, math.inf
    for start in candidates:
        part, value = descend(start)
        if value < best_value - 1e-12:
            best_part, best_value = dict(part), value
    assert best_part is not None
    return best_part


def blocs_from_frustration(G: nx.Graph, result: FrustrationResult) -> BlocResult:
    """The two-bloc result that a frustration-index solution already contains (no new solve)."""
    partition = canonical(result.partition)
    criterion, neg_in, pos_out = errors_of(G, partition, weighted=result.weighted)
    return BlocResult(
        k=2,
        partition=partition,
        errors=len(neg_in) + len(pos_out),
        criterion=criterion,
        negative_within=neg_in,
        positive_between=pos_out,
        optimal=result.optimal,
        method=result.method,
        weighted=result.weighted,
        lower_bound=result.lower_bound * 0.5,
        seconds=result.seconds,
    )


def blocs(
    G: nx.Graph,
    k: int = 2,
    *,
    alpha: float = 0.5,
    weighted: bool = False,
    method: BlocMethod = "auto",
    time_limit: float | None = None,
    seed: int = 0,
) -> BlocResult:
    """Partition the actors into at most ``k`` blocs that best fit the signs.

    Parameters
    ----------
    G : networkx.Graph
        A signed graph.
    k : int
        Largest number of blocs (2 = structural balance; more = generalised balance).
    alpha : float
        Weight of a negative edge inside a bloc against ``1 - alpha`` for a positive edge between.
    weighted : bool
        Count edge weights instead of edges.
    method : {"auto", "exact", "heuristic"}
        ``"exact"``: binary programme (for k = 2 and alpha = 0.5, the frustration index
        solver); ``"heuristic"``: relocation local search; ``"auto"``: exact up to
        ``EXACT_NODE_LIMIT`` nodes (within ``AUTO_TIME_LIMIT`` seconds unless ``time_limit`` is
        given), local search beyond.
    time_limit : float, optional
        Seconds for the exact solver; if it stops early the better of its solution and local
        search is returned with ``optimal=False``.

    Returns
    -------
    BlocResult

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("A", "B", sign=-1); G.add_edge("B", "C", sign=-1); G.add_edge("A", "C", sign=-1)
    >>> blocs(G, k=3).errors, blocs(G, k=2).errors
    (0, 1)
    """
    if k < 1:
        raise FaultlinesError(E.E041, option="k", reason="need at least one bloc")
    if not 0.0 <= alpha <= 1.0:
        raise FaultlinesError(E.E041, option="alpha", reason="must be between 0 and 1")
    if method not in ("auto", "exact", "heuristic"):
        raise FaultlinesError(E.E041, option="method", reason=f"'{method}' is not auto, exact or heuristic")
    began = time.perf_counter()
    n = G.number_of_nodes()
    optimal, bound = False, 0.0
    used: str = method
    if k == 1 or n == 0:
        partition: dict[Any, int] = dict.fromkeys(G, 0)
        optimal, used = True, "exact"
    elif k == 2 and alpha == 0.5 and method != "heuristic":
        result = frustration_index(G, weighted=weighted, method="exact", time_limit=time_limit, seed=seed)
        partition, optimal, used = result.partition, result.optimal, result.method
        bound = result.lower_bound * 0.5
    elif method == "exact" or (method == "auto" and n <= EXACT_NODE_LIMIT):
        limit = AUTO_TIME_LIMIT if time_limit is None and method == "auto" else time_limit
        found, bound, optimal = _milp_kblocs(G, k, alpha, weighted, limit)
        used = "exact" if optimal else "exact+timeout"
        local = _local_kblocs(G, k, alpha, weighted, seed=seed, starts=[found] if found else None)
        partition = local if found is None else found
        if (
            errors_of(G, local, alpha=alpha, weighted=weighted)[0]
            < errors_of(G, partition, alpha=alpha, weighted=weighted)[0]
        ):
            partition = local
    else:
        two = frustration_index(G, weighted=weighted, method="heuristic", seed=seed).partition
        partition = _local_kblocs(G, k, alpha, weighted, seed=seed, starts=[two])
        used = "heuristic"
    partition = canonical(partition)
    criterion, neg_in, pos_out = errors_of(G, partition, alpha=alpha, weighted=weighted)
    return BlocResult(
        k=k,
        partition=partition,
        errors=len(neg_in) + len(pos_out),
        criterion=criterion,
        negative_within=neg_in,
        positive_between=pos_out,
        optimal=optimal,
        method=used,
        alpha=alpha,
        weighted=weighted,
        lower_bound=criterion if optimal else min(bound, criterion),
        seconds=time.perf_counter() - began,
    )


__all__ = [
    "AUTO_TIME_LIMIT",
    "EXACT_NODE_LIMIT",
    "BlocResult",
    "blocs",
    "blocs_from_frustration",
    "canonical",
    "errors_of",
]
