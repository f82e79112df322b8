"""Frustration index against reference data (Highland tribes, Correlates of War) and by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from faultlines.errors import FaultlinesError
from faultlines.structure import frustrated, frustration_index, graph_from_csv, is_balanced
from faultlines.structure.frustration import frustration_of, frustration_xor_baseline


def _flip(G: nx.Graph, edges: list[tuple[str, str]]) -> nx.Graph:
    H = G.copy()
    for u, v in edges:
        H[u][v]["sign"] = -H[u][v]["sign"]
    return H


def test_highland_tribes_index_and_unique_partition(tribes_csv: Path) -> None:
    G = graph_from_csv(tribes_csv)
    result = frustration_index(G, method="exact")
    assert result.index == 7 and result.optimal and result.method == "exact"
    assert len(result.frustrated_edges) == 7
    assert frustration_of(G, result.partition) == 7
    side = {n for n, b in result.partition.items() if b == result.partition["Gama"]}
    assert side == {"Gavev", "Kotun", "Nagad", "Gama"}
    assert {frozenset(e) for e in result.frustrated_edges} == {
        frozenset(p)
        for p in [
            ("Gahuk", "Notoh"),
            ("Gahuk", "Uheto"),
            ("Ukudz", "Seuve"),
            ("Notoh", "Geham"),
            ("Kohik", "Geham"),
            ("Geham", "Uheto"),
            ("Asaro", "Seuve"),
        ]
    }
    assert result.normalized == pytest.approx(1 - 7 / 29)
    assert is_balanced(_flip(G, result.frustrated_edges))


def test_highland_heuristic_brackets_the_optimum(tribes_csv: Path) -> None:
    G = graph_from_csv(tribes_csv)
    result = frustration_index(G, method="heuristic")
    assert result.method == "heuristic" and not result.optimal
    assert result.lower_bound <= 7 <= result.index
    assert frustration_of(G, result.partition) == result.index


@pytest.mark.slow
def test_cow_all_windows_equal_reference(cow_dir: Path) -> None:
    rows = list(csv.DictReader((cow_dir / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 51
    for row in rows:
        G = graph_from_csv(cow_dir / row["file"])
        assert (G.number_of_nodes(), G.number_of_edges()) == (int(row["n"]), int(row["m"]))
        result = frustration_index(G, method="exact")
        assert result.optimal, row["window"]
        assert result.index == int(row["exact_frustration_index"]), row["window"]
        assert frustration_of(G, result.partition) == result.index


def test_reductions_agree_with_plain_model_on_a_disconnected_graph() -> None:
    G = nx.Graph()
    # two odd cycles joined by a bridge, a pendant path, and a separate unbalanced triangle
    for u, v, s in [
        ("a", "b", 1),
        ("b", "c", 1),
        ("c", "a", -1),
        ("c", "d", -1),
        ("d", "e", 1),
        ("e", "f", -1),
        ("f", "g", -1),
        ("g", "d", -1),
        ("g", "h", 1),
        ("h", "i", -1),
        ("x", "y", -1),
        ("y", "z", -1),
        ("z", "x", -1),
    ]:
        G.add_edge(u, v, sign=s)
    result = frustration_index(G)
    assert result.index == 3 == frustration_xor_baseline(G)
    assert result.stats["blocks"] == 3
    assert is_balanced(_flip(G, result.frustrated_edges))


def test_weighted_index_prefers_cutting_light_edges() -> None:
    G = nx.Graph()
    G.add_edge("IRN", "AZE", sign=1, weight=5.0)
    G.add_edge("AZE", "ISR", sign=1, weight=3.0)
    G.add_edge("ISR", "IRN", sign=-1, weight=0.5)
    plain = frustration_index(G)
    heavy = frustration_index(G, weighted=True)
    assert plain.index == 1
    assert heavy.index == 0.5 and heavy.frustrated_edges in ([("ISR", "IRN")], [("IRN", "ISR")])
    assert heavy.weighted


def test_time_limit_auto_reports_method_and_bound() -> None:
    G = nx.gnm_random_graph(60, 400, seed=3)
    for i, (u, v) in enumerate(G.edges):
        G[u][v]["sign"] = -1 if i % 3 == 0 else 1
    result = frustration_index(G, method="auto", time_limit=1)
    assert result.method in ("exact", "exact+timeout")
    assert result.lower_bound <= result.index
    assert result.index == frustration_of(G, result.partition)
    assert set(frustrated(G, result.partition)) == set(result.frustrated_edges)


def test_empty_and_tree_graphs_have_index_zero() -> None:
    assert frustration_index(nx.Graph()).index == 0
    T = nx.balanced_tree(2, 4)
    for u, v in T.edges:
        T[u][v]["sign"] = -1
    result = frustration_index(T)
    assert result.index == 0 and result.optimal and result.stats["blocks"] == 0


def test_bad_arguments_raise_coded_errors() -> None:
    G = nx.Graph()
    G.add_edge("a", "b", sign=0)
    with pytest.raises(FaultlinesError, match="E041"):
        frustration_index(G)
    with pytest.raises(FaultlinesError, match="E041"):
        frustration_index(nx.Graph(), method="magic")  # type: ignore[arg-type]
    loop = nx.Graph()
    loop.add_edge("a", "a", sign=-1)
    with pytest.raises(FaultlinesError, match="self-loops"):
        frustration_index(loop)


def test_branch_and_bound_from_a_known_partition_finds_the_optimum() -> None:
    """The final stage starts HiGHS from the best partition found so far; from a poor start it
    must still prove the true optimum (checked against the plain model)."""
    from faultlines.structure.frustration import _Block, _triangle_cuts, _xor_milp_from

    G = nx.gnm_random_graph(30, 80, seed=7)
    for i, (u, v) in enumerate(G.edges):
        G[u][v]["sign"] = -1 if i % 2 else 1
    block = _Block.of(G, False)
    start = dict.fromkeys(G, 1)  # everyone on one side: every negative edge frustrated
    partition, bound, optimal = _xor_milp_from(block, _triangle_cuts(block), None, start)
    assert optimal and partition is not None
    assert frustration_of(G, partition) == frustration_xor_baseline(G) == bound
