"""The frustration index: the fewest edges whose sign must flip (or which must go) for balance.

A signed graph is balanced when its nodes split into two blocs with every positive edge inside a
bloc and every negative edge between them. The frustration index ``L`` measures the distance from
that state. Computing it is NP-hard, but real networks of thousands of edges solve exactly:

* nodes of degree 1 (repeatedly) and bridges are never frustrated, so they are pruned, and the
  index is additive over 2-connected blocks, so each block is its own small problem with one
  node fixed to break the symmetry of swapping the two blocs (Aref, Mason & Wilson);
* every unbalanced triangle needs a frustrated edge; on triangle-rich blocks (most alliance
  networks) the XOR model plus these rows lets HiGHS close the gap almost at once;
* on sparser blocks, local search gives an upper bound and a cutting-plane loop over the
  edge-variable relaxation adds violated odd-cycle inequalities (Barahona & Mahjoub), found as
  shortest paths in a doubled graph; when the bound meets the upper bound, optimality is proven
  without branching, otherwise branch and bound starts from all the cuts found.

The optimal partition of the whole graph is recovered by two-colouring the graph with the
frustrated edges flipped, which also checks the solution (it must be consistent).

References
----------
Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
frustration index in signed networks. *Networks*, 75(1), 95-110.
Aref, S., Mason, A. J., & Wilson, M. C. (2018). Computing the line index of balance using integer
programming optimisation. In *Optimization Problems in Graph Theory* (pp. 65-84). Springer.
Barahona, F., & Mahjoub, A. R. (1986). On the cut polytope. *Mathematical Programming*, 36,
157-173.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np

from faultlines.errors import E, FaultlinesError

Method = Literal["auto", "exact", "heuristic"]
#: With ``method="auto"`` and no time limit, graphs whose reduced form has more edges than this
#: get ``AUTO_TIME_LIMIT`` seconds, then the best partition found and a proven lower bound.
AUTO_LIMIT_EDGES = 10_000
#: Blocks with at most this many edges go straight to branch and bound.
SMALL_BLOCK_EDGES = 60
AUTO_TIME_LIMIT = 120.0
Edge = tuple[Any, Any]


@dataclass(slots=True)
class FrustrationResult:
    """The frustration index of a signed graph and the partition that attains it.

    ``index`` is the number (or total weight, when weighted) of frustrated edges under
    ``partition``; ``optimal`` says whether it is proven minimal, otherwise ``lower_bound`` is the
    best proven bound and ``index`` an upper bound. ``method`` says which method produced it:
    ``"exact"`` (MILP, proven), ``"heuristic"`` (local search) or ``"exact+timeout"`` (MILP
    stopped by the time limit; the best of MILP and local search is returned).
    """

    index: float
    partition: dict[Any, int]
    frustrated_edges: list[Edge]
    optimal: bool
    lower_bound: float
    method: str
    seconds: float
    weighted: bool = False
    edges: int = 0
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def normalized(self) -> float:
        """``1 - L / (m / 2)``: 1 for a balanced graph (signnet's ``balance_score`` convention)."""
        if self.edges == 0:
            return 1.0
        return 1.0 - self.index / (self.edges / 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": tidy(self.index),
            "optimal": self.optimal,
            "lower_bound": tidy(self.lower_bound),
            "method": self.method,
            "seconds": round(self.seconds, 4),
            "weighted": self.weighted,
            "edges": self.edges,
            "normalized": round(self.normalized, 6),
            "partition": {str(k): v for k, v in self.partition.items()},
            "frustrated_edges": [[str(u), str(v)] for u, v in self.frustrated_edges],
            "stats": self.stats,
        }


def tidy(value: float) -> float | int:
    """A whole number as ``int`` (edge counts), anything else rounded to 6 places (weights)."""
    return round(value) if abs(value - round(value)) < 1e-9 else round(value, 6)


# -- helpers --------------------------------------------------------------------------------------


def _weight(data: dict[str, Any], weighted: bool) -> float:
    return float(data.get("weight", 1.0)) if weighted else 1.0


def frustrated(G: nx.Graph, partition: dict[Any, int]) -> list[Edge]:
    """Edges that ``partition`` leaves frustrated: positive across the blocs or negative within one."""
    out = []
    for u, v, s in G.edges(data="sign"):
        same = partition[u] == partition[v]
        if (s > 0) != same:
            out.append((u, v))
    return out


def frustration_of(G: nx.Graph, partition: dict[Any, int], *, weighted: bool = False) -> float:
    """Number (or weight) of edges that ``partition`` leaves frustrated."""
    return float(sum(_weight(G[u][v], weighted) for u, v in frustrated(G, partition)))


def is_balanced(G: nx.Graph) -> bool:
    """Whether ``G`` splits into two blocs with no frustrated edge (a BFS two-colouring)."""
    return _two_colour(G, set()) is not None


def _two_colour(G: nx.Graph, flipped: set[frozenset[Any]]) -> dict[Any, int] | None:
    """Colour nodes so positive edges join equal and negative edges unequal colours (after
    flipping the edges in ``flipped``); ``None`` when that is impossible. Each component's first
    node (in ``G``'s order) gets colour 0, so the result is deterministic."""
    colour: dict[Any, int] = {}
    for root in G:
        if root in colour:
            continue
        colour[root] = 0
        stack = [root]
        while stack:
            u = stack.pop()
            for v, data in G[u].items():
                sign = data["sign"]
                if frozenset((u, v)) in flipped:
                    sign = -sign
                want = colour[u] if sign > 0 else 1 - colour[u]
                if v not in colour:
                    colour[v] = want
                    stack.append(v)
                elif colour[v] != want:
                    return None
    return colour


def _blocks(G: nx.Graph) -> list[nx.Graph]:
    """2-connected blocks of ``G`` that can hold a cycle, after pruning nodes of degree < 2.

    Built from plain edge lists (no networkx views), since this runs once per graph and window.
    """
    degree = dict(G.degree())
    gone: set[Any] = set()
    stack = [v for v, d in degree.items() if d < 2]
    while stack:
        v = stack.pop()
        if v in gone:
            continue
        gone.add(v)
        for u in G[v]:
            if u not in gone:
                degree[u] -= 1
                if degree[u] == 1:
                    stack.append(u)
    core = nx.Graph()
    core.add_edges_from((u, v) for u, v in G.edges() if u not in gone and v not in gone)
    blocks = []
    for edges in nx.biconnected_component_edges(core):
        if len(edges) >= 3:
            B = nx.Graph()
            B.add_edges_from((u, v, G[u][v]) for u, v in edges)
            blocks.append(B)
    return blocks


def _triangles(B: nx.Graph) -> Iterable[tuple[Any, Any, Any]]:
    """Each triangle once, as ``(a, b, c)`` in the graph's node order (set intersections)."""
    order = {v: i for i, v in enumerate(B)}
    higher = {v: {u for u in B[v] if order[u] > order[v]} for v in B}
    for a in B:
        ha = higher[a]
        for b in ha:
            for c in ha & higher[b]:
                yield a, b, c


# -- exact ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _BlockSolution:
    frustrated: list[Edge]
    value: float
    bound: float
    optimal: bool
    rounds: int = 0
    cuts: int = 0
    closed_by: str = "milp"


@dataclass(slots=True)
class _Block:
    """A block in array form: node 0 has the highest degree (it is the one fixed)."""

    graph: nx.Graph
    nodes: list[Any]
    ends: np.ndarray  # (m, 2) node indices
    negative: np.ndarray  # (m,) 1 for negative edges
    costs: np.ndarray  # (m,) edge weights (1 when unweighted)
    edge_of: dict[tuple[Any, Any], int]  # both orientations

    @classmethod
    def of(cls, B: nx.Graph, weighted: bool) -> _Block:
        nodes = sorted(B, key=lambda v: -B.degree(v))
        index = {v: i for i, v in enumerate(nodes)}
        edges = list(B.edges(data=True))
        return cls(
            graph=B,
            nodes=nodes,
            ends=np.array([(index[u], index[v]) for u, v, _ in edges], dtype=np.int64).reshape(-1, 2),
            negative=np.array([1 if d["sign"] < 0 else 0 for *_, d in edges], dtype=np.int64),
            costs=np.array([_weight(d, weighted) for *_, d in edges], dtype=float),
            edge_of={p: e for e, (u, v, _) in enumerate(edges) for p in ((u, v), (v, u))},
        )


#: A valid inequality on the edge variables: ``sum(coef * f_e) >= rhs``.
Cut = tuple[tuple[int, ...], tuple[float, ...], float]


def _triangle_cuts(block: _Block) -> list[Cut]:
    """``f_ab + f_bc + f_ac >= 1`` for every unbalanced triangle."""
    edge_of, negative = block.edge_of, block.negative.tolist()
    cuts: list[Cut] = []
    for a, b, c in _triangles(block.graph):
        cols = (edge_of[(a, b)], edge_of[(b, c)], edge_of[(a, c)])
        if (negative[cols[0]] + negative[cols[1]] + negative[cols[2]]) % 2:
            cuts.append((cols, (1.0, 1.0, 1.0), 1.0))
    return cuts


def _separate_cycles(block: _Block, f: np.ndarray, limit: int, *, sources: int = 400, turn: int = 0) -> list[Cut]:
    """Odd-cycle inequalities violated by the fractional point ``f`` (Barahona & Mahjoub 1986).

    A set of frustrated edges balances the graph exactly when every cycle ``C`` holds a number of
    them of the same parity as its negative edges. So for every cycle and every edge set ``T`` of
    ``C`` of the wrong parity, ``sum_{C minus T} f_e + sum_T (1 - f_e) >= 1``. The most violated
    one through each node is a shortest path between the node's two copies in a doubled graph
    whose arcs either keep or change the parity (weights ``f_e`` and ``1 - f_e``).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    n = len(block.nodes)
    i, j, neg = block.ends[:, 0], block.ends[:, 1], block.negative
    tiny = 1e-9
    rows, cols, vals = [], [], []
    for p in (0, 1):
        rows += [2 * i + p, 2 * i + p]
        cols += [2 * j + (p ^ neg), 2 * j + (p ^ neg ^ 1)]
        vals += [f + tiny, 1.0 - f + tiny]
    graph = coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(2 * n, 2 * n)
    ).tocsr()
    fractional = (f > 1e-6) & (f < 1 - 1e-6)
    touched = np.unique(block.ends[fractional].ravel())
    if len(touched) == 0:
        touched = np.arange(n)
    if len(touched) > sources:
        # every search from a node costs a full Dijkstra: start from the nodes at the most
        # fractional edges, a different slice each round so all of them get their turn
        score = np.zeros(n)
        np.add.at(score, block.ends[:, 0], np.minimum(f, 1 - f))
        np.add.at(score, block.ends[:, 1], np.minimum(f, 1 - f))
        ranked = touched[np.argsort(-score[touched], kind="stable")]
        begin = (turn * sources) % len(ranked)
        touched = np.sort(np.roll(ranked, -begin)[:sources])
    dist, pred = dijkstra(graph, directed=False, indices=2 * touched, return_predecessors=True, limit=1 - 1e-6)
    closing = dist[np.arange(len(touched)), 2 * touched + 1]
    edge_index = {(int(a), int(b)): e for e, (a, b) in enumerate(block.ends)}
    edge_index.update({(b, a): e for (a, b), e in list(edge_index.items())})
    found: dict[frozenset[tuple[int, float]], Cut] = {}
    for row in np.argsort(closing):
        if not closing[row] < 1 - 1e-6 or len(found) >= limit:
            break
        start = 2 * int(touched[row])
        path = [start + 1]
        while path[-1] != start and len(path) <= 2 * n + 1:
            path.append(int(pred[row, path[-1]]))
        originals = [x // 2 for x in path]
        if len(path) < 4 or len(set(originals[:-1])) != len(originals) - 1:
            continue  # not a simple cycle of three or more edges
        coefs: dict[int, float] = {}
        for x, y in itertools.pairwise(path):
            e = edge_index[(x // 2, y // 2)]
            in_t = (y % 2) != ((x % 2) ^ int(neg[e]))
            coefs[e] = -1.0 if in_t else 1.0
        key = frozenset(coefs.items())
        if key not in found:
            flips = sum(1 for c in coefs.values() if c < 0)
            found[key] = (tuple(coefs), tuple(coefs.values()), 1.0 - flips)
    return list(found.values())


def _cut_matrix(cuts: list[Cut], offset: int, width: int) -> tuple[Any, np.ndarray]:
    from scipy.sparse import csr_matrix

    rows = [r for r, cut in enumerate(cuts) for _ in cut[0]]
    cols = [offset + c for cut in cuts for c in cut[0]]
    vals = [v for cut in cuts for v in cut[1]]
    return csr_matrix((vals, (rows, cols)), shape=(len(cuts), width)), np.array([c[2] for c in cuts])


def _quiet_highs() -> Any:
    """A silent ``highspy.Highs``. HiGHS prints a banner to the C-level stdout when the first
    instance of a process is created, which would corrupt ``--json -`` output; it is sent to
    the null device for that moment only."""
    import os
    import sys

    import highspy

    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no usable stdout at all: nothing to protect
        saved = -1
    if saved >= 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    try:
        highs = highspy.Highs()
    finally:
        if saved >= 0:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
    highs.setOptionValue("output_flag", False)
    return highs


class _IncrementalLp:
    """The edge-variable relaxation kept alive in HiGHS, so each round of cuts re-solves from the
    previous optimal basis (a few dual simplex pivots) instead of from scratch."""

    def __init__(self, block: _Block) -> None:
        m = len(block.ends)
        self.m = m
        self.highs = _quiet_highs()
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("presolve", "off")  # presolve would discard the warm basis
        empty = np.zeros(0, dtype=np.int32)
        self.highs.addCols(
            m, block.costs.astype(float), np.zeros(m), np.ones(m), 0, np.zeros(m, dtype=np.int32), empty, np.zeros(0)
        )

    def add(self, cuts: list[Cut]) -> None:
        if not cuts:
            return
        starts = np.cumsum([0] + [len(c[0]) for c in cuts[:-1]]).astype(np.int32)
        index = np.array([i for c in cuts for i in c[0]], dtype=np.int32)
        value = np.array([v for c in cuts for v in c[1]], dtype=float)
        lower = np.array([c[2] for c in cuts], dtype=float)
        self.highs.addRows(len(cuts), lower, np.full(len(cuts), np.inf), len(index), starts, index, value)

    def solve(self, time_limit: float | None) -> tuple[float, np.ndarray | None]:
        import highspy

        # HiGHS measures its time limit against the instance's accumulated run time
        limit = np.inf if time_limit is None else float(self.highs.getRunTime()) + float(time_limit)
        self.highs.setOptionValue("time_limit", limit)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return 0.0, None
        return float(self.highs.getObjectiveValue()), np.asarray(self.highs.getSolution().col_value)


def _lp_bound(block: _Block, cuts: list[Cut]) -> tuple[float, np.ndarray | None]:
    """The linear relaxation over edge variables only: ``min w.f`` subject to the cuts."""
    from scipy.optimize import linprog

    m = len(block.ends)
    if not cuts:
        return 0.0, np.zeros(m)
    matrix, rhs = _cut_matrix(cuts, 0, m)
    result = linprog(block.costs, A_ub=-matrix, b_ub=-rhs, bounds=(0, 1), method="highs")
    if result.x is None:
        return 0.0, None
    return float(result.fun), np.asarray(result.x)


def _lp_rounding(block: _Block, f: np.ndarray) -> dict[Any, int]:
    """A partition guided by a fractional point: honour the edges the LP is surest are not
    frustrated (smallest ``f``) first, with a parity union-find, as Kruskal builds a forest."""
    n = len(block.nodes)
    parent = list(range(n))
    parity = [0] * n  # side relative to the parent

    def find(x: int) -> tuple[int, int]:
        side = 0
        while parent[x] != x:
            side ^= parity[x]
            x = parent[x]
        return x, side

    for e in np.argsort(f, kind="stable"):
        i, j = int(block.ends[e, 0]), int(block.ends[e, 1])
        (ri, si), (rj, sj) = find(i), find(j)
        if ri != rj:
            parent[rj] = ri
            parity[rj] = si ^ sj ^ int(block.negative[e])
    return {v: find(k)[1] for k, v in enumerate(block.nodes)}


def _xor_milp(
    block: _Block, cuts: list[Cut], time_limit: float | None, *, presolve: bool
) -> tuple[dict[Any, int] | None, float, bool]:
    """The XOR model (Aref et al.) with extra cuts: binary node sides, continuous edge variables.

    ``f_e >= |x_u - x_v|`` for positive and ``f_e >= |x_u + x_v - 1|`` for negative edges; with
    integral ``x`` the optimum sets every ``f`` to 0 or 1, so only ``x`` is declared integral.
    Node 0 is fixed to side 0 (swapping the sides changes nothing).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_matrix, vstack

    n, m = len(block.nodes), len(block.ends)
    i, j, neg = block.ends[:, 0], block.ends[:, 1], block.negative
    f = n + np.arange(m)
    pos = neg == 0
    # positive: f - xi + xj >= 0, f + xi - xj >= 0; negative: f - xi - xj >= -1, f + xi + xj >= 1
    ci1 = np.where(pos, -1.0, -1.0)
    cj1 = np.where(pos, 1.0, -1.0)
    lo1 = np.where(pos, 0.0, -1.0)
    ci2 = np.where(pos, 1.0, 1.0)
    cj2 = np.where(pos, -1.0, 1.0)
    lo2 = np.where(pos, 0.0, 1.0)
    r = np.arange(m)
    rows = np.concatenate([r, r, r, m + r, m + r, m + r])
    cols = np.concatenate([f, i, j, f, i, j])
    vals = np.concatenate([np.ones(m), ci1, cj1, np.ones(m), ci2, cj2])
    base = csr_matrix((vals, (rows, cols)), shape=(2 * m, n + m))
    lower = np.concatenate([lo1, lo2])
    if cuts:
        extra, rhs = _cut_matrix(cuts, n, n + m)
        base = vstack([base, extra]).tocsr()
        lower = np.concatenate([lower, rhs])
    upper = np.ones(n + m)
    upper[0] = 0.0
    options: dict[str, Any] = {"mip_rel_gap": 0.0, "presolve": presolve}
    if time_limit is not None:
        options["time_limit"] = max(float(time_limit), 0.01)
    result = milp(
        np.concatenate([np.zeros(n), block.costs]),
        constraints=LinearConstraint(base, lower, np.full(len(lower), np.inf)),
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),
        bounds=Bounds(np.zeros(n + m), upper),
        options=options,
    )
    if result.x is None:
        return None, float(getattr(result, "mip_dual_bound", None) or 0.0), False
    x = np.round(result.x[:n]).astype(int)
    bound = float(getattr(result, "mip_dual_bound", None) or 0.0)
    return {v: int(x[k]) for k, v in enumerate(block.nodes)}, bound, result.status == 0


def _xor_milp_from(
    block: _Block, cuts: list[Cut], time_limit: float | None, start: dict[Any, int]
) -> tuple[dict[Any, int] | None, float, bool]:
    """The XOR model with cuts in ``highspy``, starting from a known partition: HiGHS prunes with
    its value from the first node instead of having to find a good solution itself."""
    import highspy
    from scipy.sparse import csr_matrix, vstack

    n, m = len(block.nodes), len(block.ends)
    i, j, neg = block.ends[:, 0], block.ends[:, 1], block.negative
    pos = neg == 0
    r = np.arange(m)
    f = n + r
    rows = np.concatenate([r, r, r, m + r, m + r, m + r])
    cols = np.concatenate([f, i, j, f, i, j])
    vals = np.concatenate(
        [np.ones(m), np.full(m, -1.0), np.where(pos, 1.0, -1.0), np.ones(m), np.ones(m), np.where(pos, -1.0, 1.0)]
    )
    matrix = csr_matrix((vals, (rows, cols)), shape=(2 * m, n + m))
    lower = np.concatenate([np.where(pos, 0.0, -1.0), np.where(pos, 0.0, 1.0)])
    if cuts:
        extra, rhs = _cut_matrix(cuts, n, n + m)
        matrix = vstack([matrix, extra]).tocsr()
        lower = np.concatenate([lower, rhs])
    highs = _quiet_highs()
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("presolve", "off")
    if time_limit is not None:
        highs.setOptionValue("time_limit", max(float(time_limit), 0.01))
    upper = np.ones(n + m)
    upper[0] = 0.0
    empty = np.zeros(0, dtype=np.int32)
    costs = np.concatenate([np.zeros(n), block.costs])
    highs.addCols(n + m, costs, np.zeros(n + m), upper, 0, np.zeros(n + m, dtype=np.int32), empty, np.zeros(0))
    highs.addRows(
        matrix.shape[0],
        lower,
        np.full(matrix.shape[0], np.inf),
        matrix.nnz,
        matrix.indptr[:-1].astype(np.int32),
        matrix.indices.astype(np.int32),
        matrix.data.astype(float),
    )
    integer = np.full(n, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    highs.changeColsIntegrality(n, np.arange(n, dtype=np.int32), integer)
    side = np.array([start[v] for v in block.nodes], dtype=float)
    if side[0] != 0:  # node 0 is fixed to side 0: use the swapped (equivalent) partition
        side = 1.0 - side
    frustrated_now = np.where(pos, side[i] != side[j], side[i] == side[j]).astype(float)
    highs.setSolution(n + m, np.arange(n + m, dtype=np.int32), np.concatenate([side, frustrated_now]))
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    bound = float(getattr(info, "mip_dual_bound", 0.0) or 0.0)
    solution = highs.getSolution()
    if not solution.value_valid:
        return None, bound, False
    x = np.round(np.asarray(solution.col_value)[:n]).astype(int)
    return {v: int(x[k]) for k, v in enumerate(block.nodes)}, bound, status == highspy.HighsModelStatus.kOptimal


def _solve_block(
    B: nx.Graph,
    weighted: bool,
    time_limit: float | None,
    *,
    plain: bool = False,
    seed: int = 0,
    max_rounds: int = 60,
    quick_budget: float = 2.0,
) -> _BlockSolution | None:
    """Solve one 2-connected block exactly (unless the time limit stops it).

    0. Small blocks: the XOR model with unbalanced-triangle rows, solved outright. Triangle-rich
       blocks: the same, briefly.
    1. Local search gives an upper bound and a fallback partition.
    2. Cutting planes: the edge-variable relaxation with every unbalanced triangle, tightened
       round by round with violated odd-cycle inequalities. When its bound meets the upper bound
       the local-search partition is proven optimal and no branching is needed.
    3. Otherwise the XOR model plus all cuts found goes to HiGHS' branch and bound, started from
       the best partition known.

    ``plain=True`` skips 1 and 2 (the textbook XOR model, kept as the benchmark baseline).
    ``None`` means no feasible partition was found within the time limit.
    """
    began = time.perf_counter()
    block = _Block.of(B, weighted)

    def left() -> float | None:
        return None if time_limit is None else time_limit - (time.perf_counter() - began)

    def evaluate(partition: dict[Any, int]) -> tuple[list[Edge], float]:
        bad = frustrated(B, partition)
        return bad, float(sum(_weight(B[u][v], weighted) for u, v in bad))

    if plain:
        partition, bound, optimal = _xor_milp(block, [], time_limit, presolve=True)
        if partition is None:
            return None
        bad, value = evaluate(partition)
        return _BlockSolution(bad, value, value if optimal else bound, optimal)
    cuts = _triangle_cuts(block)
    quick: dict[Any, int] | None = None
    if len(block.ends) <= SMALL_BLOCK_EDGES:  # tiny: branch and bound is instant, skip the rest
        partition, bound, optimal = _xor_milp(block, cuts, time_limit, presolve=False)
        if partition is not None and optimal:
            bad, value = evaluate(partition)
            return _BlockSolution(bad, value, value, True, 0, len(cuts), "milp")
        quick = partition
    elif len(cuts) >= len(block.ends) / 4:
        # triangle-rich (like most real networks): the triangle rows alone usually let HiGHS close
        # the gap at once, so try that briefly before the heavier machinery
        budget = quick_budget if time_limit is None else min(quick_budget, time_limit / 2)
        quick, _, optimal = _xor_milp(block, cuts, budget, presolve=False)
        if quick is not None and optimal:
            bad, value = evaluate(quick)
            return _BlockSolution(bad, value, value, True, 0, len(cuts), "milp")
    incumbent = _local_search(B, weighted, seed=seed, restarts=6)
    bad, upper = evaluate(incumbent)
    if quick is not None:  # the interrupted MILP's best may beat local search
        quick_bad, quick_value = evaluate(quick)
        if quick_value < upper:
            bad, upper = quick_bad, quick_value
    integral = not weighted or bool(np.all(block.costs == np.round(block.costs)))

    def closes(bound: float) -> bool:
        return (math.ceil(bound - 1e-6) if integral else bound + 1e-9 * max(1.0, upper)) >= upper

    bound, rounds = 0.0, 0
    history: list[float] = []
    lp_model = _IncrementalLp(block)
    lp_model.add(cuts)
    while rounds < max_rounds:
        remaining = left()
        if remaining is not None and remaining <= 0:
            if integral:
                bound = float(math.ceil(bound - 1e-6))
            return _BlockSolution(bad, upper, min(bound, upper), False, rounds, len(cuts), "timeout")
        lp, point = lp_model.solve(remaining)
        rounds += 1
        bound = max(bound, lp)
        history.append(bound)
        if closes(bound) or point is None:
            break
        # the LP point often shows a better partition than local search found: round and polish
        rounded = _local_search(B, weighted, seed=seed, restarts=1, start=_lp_rounding(block, point), explore=False)
        better, value = evaluate(rounded)
        if value < upper:
            bad, upper = better, value
            if closes(bound):
                break
        if len(history) > 6 and bound - history[-7] < 1e-4 * max(1.0, bound):
            break  # the cuts have stopped paying: leave the rest to branch and bound
        new = _separate_cycles(block, point, limit=max(50, len(block.nodes)), turn=rounds - 1)
        if not new:
            break
        cuts.extend(new)
        lp_model.add(new)
    if closes(bound):
        return _BlockSolution(bad, upper, upper, True, rounds, len(cuts), "cutting-planes")
    remaining = left()
    best_known = _two_colour(B, {frozenset(e) for e in bad})
    if best_known is not None:
        partition, milp_bound, optimal = _xor_milp_from(block, cuts, remaining, best_known)
    else:  # cannot happen (the frustrated set of a partition always balances), kept defensive
        partition, milp_bound, optimal = _xor_milp(block, cuts, remaining, presolve=False)
    bound = max(bound, milp_bound)
    if partition is not None:
        milp_bad, value = evaluate(partition)
        if value <= upper:
            bad, upper = milp_bad, value
    optimal = optimal or closes(bound)  # a stopped search whose bound already meets the best
    if optimal:
        bound = upper
    elif integral:
        bound = float(math.ceil(bound - 1e-6))
    return _BlockSolution(bad, upper, min(bound, upper), optimal, rounds, len(cuts), "milp")


# -- heuristic ----------------------------------------------------------------------------------


def _local_search(
    G: nx.Graph,
    weighted: bool,
    *,
    restarts: int = 8,
    seed: int = 0,
    start: dict[Any, int] | None = None,
    explore: bool = True,
) -> dict[Any, int]:
    """Best partition found by greedy single-node moves from spectral and random starts.

    With ``explore=False`` only ``start`` is polished (a descent and a few kicks).

    Moving node ``i`` changes the frustration by ``h_i = s_i (A s)_i`` where ``A`` is the signed,
    weighted adjacency and ``s`` the ±1 bloc vector, so we repeatedly move the node with the most
    negative ``h`` until none improves, then perturb the best solution and descend again.
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for u, v, data in G.edges(data=True):
        w = data["sign"] * _weight(data, weighted)
        rows += [index[u], index[v]]
        cols += [index[v], index[u]]
        vals += [w, w]
    A = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
    rng = np.random.default_rng(seed)

    def descend(s: np.ndarray) -> tuple[np.ndarray, float]:
        g = A @ s
        h = s * g
        for _ in range(20 * n + 100):
            i = int(np.argmin(h))
            if h[i] >= -1e-12:
                break
            s[i] = -s[i]
            lo, hi = A.indptr[i], A.indptr[i + 1]
            nbrs = A.indices[lo:hi]
            g[nbrs] += 2.0 * s[i] * A.data[lo:hi]
            h[nbrs] = s[nbrs] * g[nbrs]
            h[i] = s[i] * g[i]
        # frustration = (sum |w| - s'As/2) / 2 ... computed directly for clarity
        return s, float((np.abs(A).sum() / 2 - (s @ (A @ s)) / 2) / 2)

    starts: list[np.ndarray] = []
    if start is not None:
        starts.append(np.array([1.0 if start.get(v, 0) == 0 else -1.0 for v in nodes]))
    try:
        if n > 2 and (explore or not starts):
            from scipy.sparse.linalg import eigsh

            _, vec = eigsh(A.astype(float), k=1, which="LA")
            starts.append(np.where(vec[:, 0] >= 0, 1.0, -1.0))
    except Exception:  # eigsh may fail to converge on awkward graphs; random starts remain
        pass
    if explore or not starts:
        starts.append(np.ones(n))
    while explore and len(starts) < restarts:
        starts.append(rng.choice([-1.0, 1.0], size=n))
    best_s, best = None, math.inf
    for s0 in starts:
        s, value = descend(s0.copy())
        if value < best - 1e-9:
            best_s, best = s.copy(), value
    assert best_s is not None
    # iterated local search: kick the best solution and descend again
    for _ in range(restarts * 4):
        s = best_s.copy()
        flip = rng.random(n) < min(0.1, 8.0 / n + 0.02)
        s[flip] = -s[flip]
        s, value = descend(s)
        if value < best - 1e-9:
            best_s, best = s.copy(), value
    return {v: 0 if best_s[index[v]] > 0 else 1 for v in nodes}


def _triangle_packing_bound(G: nx.Graph, weighted: bool) -> float:
    """A cheap lower bound: a greedy packing of unbalanced triangles, each edge's weight used once."""
    residual = {frozenset((u, v)): _weight(d, weighted) for u, v, d in G.edges(data=True)}
    total = 0.0
    for B in _blocks(G):
        for a, b, c in _triangles(B):
            if B[a][b]["sign"] * B[b][c]["sign"] * B[a][c]["sign"] > 0:
                continue
            keys = (frozenset((a, b)), frozenset((b, c)), frozenset((a, c)))
            take = min(residual[k] for k in keys)
            if take > 0:
                total += take
                for k in keys:
                    residual[k] -= take
    return total


# -- public ---------------------------------------------------------------------------------------


def frustration_index(
    G: nx.Graph,
    *,
    weighted: bool = False,
    method: Method = "auto",
    time_limit: float | None = None,
    seed: int = 0,
) -> FrustrationResult:
    """The frustration index of a signed graph, with an optimal (or best found) partition.

    Parameters
    ----------
    G : networkx.Graph
        Edges carry ``sign`` (+1/-1) and optionally ``weight``.
    weighted : bool
        Minimise the total weight of frustrated edges instead of their number.
    method : {"auto", "exact", "heuristic"}
        ``"exact"`` solves binary linear programmes with HiGHS and proves optimality (unless the
        time limit stops it); ``"heuristic"`` runs local search only and reports a lower bound
        from a packing of unbalanced triangles; ``"auto"`` is ``"exact"``, except that a graph
        with more than ``AUTO_LIMIT_EDGES`` edges after pruning gets ``AUTO_TIME_LIMIT`` seconds
        when no ``time_limit`` is given. A stopped exact run returns the best partition found
        (local search or MILP) with ``method="exact+timeout"`` and a proven lower bound.
    time_limit : float, optional
        Seconds for the exact solver over all blocks (``None``: no limit).
    seed : int
        Seed of the local search, for reproducible heuristic results.

    Returns
    -------
    FrustrationResult

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("Iran", "Azerbaijan", sign=1)
    >>> G.add_edge("Azerbaijan", "Israel", sign=1)
    >>> G.add_edge("Israel", "Iran", sign=-1)
    >>> frustration_index(G).index
    1.0
    """
    if method not in ("auto", "exact", "heuristic"):
        raise FaultlinesError(E.E041, option="method", reason=f"'{method}' is not auto, exact or heuristic")
    if time_limit is not None and time_limit <= 0:
        raise FaultlinesError(E.E041, option="time limit", reason="must be positive")
    if nx.number_of_selfloops(G):
        raise FaultlinesError(E.E041, option="graph", reason="self-loops have no place in a signed network")
    for u, v, s in G.edges(data="sign"):
        if s not in (1, -1):
            raise FaultlinesError(E.E041, option="sign", reason=f"edge {u}-{v} has sign {s!r}, not +1/-1")
    began = time.perf_counter()
    blocks = _blocks(G)
    stats: dict[str, Any] = {
        "nodes": G.number_of_nodes(),
        "blocks": len(blocks),
        "reduced_nodes": sum(B.number_of_nodes() for B in blocks),
        "reduced_edges": sum(B.number_of_edges() for B in blocks),
    }
    flipped: set[frozenset[Any]] = set()
    optimal = True
    lower = 0.0
    used: str = method
    if method == "heuristic":
        used = "heuristic"
        optimal = False
        for B in blocks:
            part = _local_search(B, weighted, seed=seed)
            flipped |= {frozenset(e) for e in frustrated(B, part)}
        lower = _triangle_packing_bound(G, weighted)
    else:
        if method == "auto" and time_limit is None and stats["reduced_edges"] > AUTO_LIMIT_EDGES:
            time_limit = AUTO_TIME_LIMIT
        deadline = None if time_limit is None else began + time_limit
        timed_out = False
        closed: dict[str, int] = {}
        for number, B in enumerate(sorted(blocks, key=lambda b: b.number_of_edges())):
            remaining = None
            if deadline is not None:
                # small blocks first; each may use its share of what is left, the last all of it
                remaining = max(0.05, (deadline - time.perf_counter()) / max(1, len(blocks) - number))
            solution = _solve_block(B, weighted, remaining, seed=seed)
            if solution is None:  # defensive: local search always yields a partition
                part = _local_search(B, weighted, seed=seed)
                solution = _BlockSolution(frustrated(B, part), frustration_of(B, part, weighted=weighted), 0.0, False)
            flipped |= {frozenset(e) for e in solution.frustrated}
            closed[solution.closed_by] = closed.get(solution.closed_by, 0) + 1
            stats["cuts"] = stats.get("cuts", 0) + solution.cuts
            stats["lp_rounds"] = stats.get("lp_rounds", 0) + solution.rounds
            if solution.optimal:
                lower += solution.value
            else:
                timed_out = True
                optimal = False
                lower += max(solution.bound, _triangle_packing_bound(B, weighted))
        stats["closed_by"] = closed
        used = "exact+timeout" if timed_out else "exact"
    partition = _two_colour(G, flipped)
    if partition is None:  # cannot happen: the flipped set always balances every block
        raise RuntimeError("internal error: frustrated edges do not balance the graph")
    bad = frustrated(G, partition)
    value = float(sum(_weight(G[u][v], weighted) for u, v in bad))
    if optimal:
        lower = value
    return FrustrationResult(
        index=value,
        partition=partition,
        frustrated_edges=bad,
        optimal=optimal,
        lower_bound=min(lower, value),
        method=used,
        seconds=time.perf_counter() - began,
        weighted=weighted,
        edges=G.number_of_edges(),
        stats=stats,
    )


def frustration_xor_baseline(G: nx.Graph, *, time_limit: float | None = None) -> float:
    """The plain XOR model on the whole graph (one node fixed, no reductions, no triangle rows).

    Kept as the baseline the benchmark compares against; use :func:`frustration_index` instead.
    """
    total = 0.0
    for component in nx.connected_components(G):
        H = nx.Graph(G.subgraph(component))
        if H.number_of_edges() == 0:
            continue
        solution = _solve_block(H, False, time_limit, plain=True)
        if solution is None or not solution.optimal:
            raise RuntimeError("baseline did not solve to optimality")
        total += solution.value
    return total


__all__ = [
    "FrustrationResult",
    "frustrated",
    "frustration_index",
    "frustration_of",
    "frustration_xor_baseline",
    "is_balanced",
]
