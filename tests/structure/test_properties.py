"""Property tests: what must hold for every signed graph, checked on random ones (Hypothesis)."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.structure import blocs, frustration, frustration_index, is_balanced
from faultlines.structure.frustration import frustration_of, frustration_xor_baseline

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def signed_graphs(draw: st.DrawFn, max_nodes: int = 9) -> nx.Graph:
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    G = nx.Graph()
    for u, v in chosen:
        G.add_edge(u, v, sign=draw(st.sampled_from([1, -1])), weight=draw(st.integers(1, 5)) / 2)
    return G


@st.composite
def balanced_graphs(draw: st.DrawFn) -> nx.Graph:
    n = draw(st.integers(min_value=2, max_value=14))
    side = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    pairs = list(itertools.combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    G = nx.Graph()
    for u, v in chosen:
        G.add_edge(u, v, sign=1 if side[u] == side[v] else -1)
    return G


def brute_force(G: nx.Graph, weighted: bool = False) -> float:
    nodes = list(G)
    best = float("inf")
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        part = dict(zip(nodes, (0, *bits), strict=True))
        best = min(best, frustration_of(G, part, weighted=weighted))
    return best


@SETTINGS
@given(balanced_graphs())
def test_balanced_graph_has_index_zero(G: nx.Graph) -> None:
    result = frustration_index(G)
    assert result.index == 0 and result.optimal and result.frustrated_edges == []


@SETTINGS
@given(signed_graphs())
def test_flipping_the_frustrated_edges_balances_the_graph(G: nx.Graph) -> None:
    result = frustration_index(G)
    H = G.copy()
    for u, v in result.frustrated_edges:
        H[u][v]["sign"] = -H[u][v]["sign"]
    assert is_balanced(H)
    removed = G.copy()
    removed.remove_edges_from(result.frustrated_edges)
    assert is_balanced(removed)


@SETTINGS
@given(signed_graphs())
def test_index_is_at_most_the_number_of_negative_edges(G: nx.Graph) -> None:
    negatives = sum(1 for *_, s in G.edges(data="sign") if s < 0)
    result = frustration_index(G)
    assert result.index <= negatives
    assert result.index <= G.number_of_edges() / 2 + 1e-9


@SETTINGS
@given(signed_graphs())
def test_exact_equals_brute_force_and_heuristic_is_never_below(G: nx.Graph) -> None:
    for weighted in (False, True):
        exact = frustration_index(G, weighted=weighted, method="exact")
        assert exact.index == brute_force(G, weighted)
        # the same through the machinery meant for big blocks (quick MILP, cutting planes)
        saved = frustration.SMALL_BLOCK_EDGES
        frustration.SMALL_BLOCK_EDGES = 0
        try:
            assert frustration_index(G, weighted=weighted, method="exact").index == exact.index
        finally:
            frustration.SMALL_BLOCK_EDGES = saved
        heuristic = frustration_index(G, weighted=weighted, method="heuristic")
        assert heuristic.index >= exact.index - 1e-9
        assert heuristic.lower_bound <= exact.index + 1e-9


@SETTINGS
@given(signed_graphs(max_nodes=7), st.integers(2, 4))
def test_more_blocs_never_fit_worse(G: nx.Graph, k: int) -> None:
    fewer = blocs(G, k=k - 1 if k > 2 else 2)
    more = blocs(G, k=k)
    assert more.errors <= fewer.errors
    assert len(set(more.partition.values())) <= k


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(signed_graphs(max_nodes=8))
def test_identical_windows_show_no_change_and_what_if_round_trips(G: nx.Graph) -> None:
    from faultlines.structure import change_over_time, what_if

    report = change_over_time({"a": G, "b": G.copy()})
    assert report.sign_flips == []
    # equally optimal partitions may be picked in either window, but never a forced move
    assert all(not move["forced"] for move in report.realignments)
    u, v, s = next(iter(G.edges(data="sign")))
    H = nx.relabel_nodes(G, str)
    there = what_if(H, [(str(u), str(v), -s)])
    back = what_if(there.graph, [(str(u), str(v), s)])  # type: ignore[arg-type]
    assert back.after.index == there.before.index == frustration_index(G).index
    assert abs(there.after.index - there.before.index) <= 1


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(22, 32), st.integers(0, 10_000), st.sampled_from([0.1, 0.3, 0.5]))
def test_sparse_blocks_agree_with_the_plain_model(n: int, seed: int, negative: float) -> None:
    """Sparse graphs (few triangles) take the cutting-plane path; the plain XOR model is the judge."""
    import random

    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, 3 * n, seed=seed)
    for u, v in G.edges:
        G[u][v]["sign"] = -1 if rng.random() < negative else 1
    result = frustration_index(G, method="exact")
    assert result.optimal and result.index == frustration_xor_baseline(G)
