"""Blocs (two and k), change over time with label alignment, and what-if analysis."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from tests.structure.conftest import ACTORS

from faultlines.errors import FaultlinesError
from faultlines.model import Relation
from faultlines.structure import align_labels, blocs, change_over_time, graph_from_csv, signed_graph, what_if
from faultlines.structure.change import cost_of_staying
from faultlines.structure.whatif import parse_change


def _graph(edges: list[tuple[str, str, int]]) -> nx.Graph:
    G = nx.Graph()
    for u, v, s in edges:
        G.add_edge(u, v, sign=s, weight=1.0)
    return G


def test_highland_three_blocs_have_two_errors_and_the_unique_partition(tribes_csv: Path) -> None:
    G = graph_from_csv(tribes_csv)
    for method in ("exact", "heuristic"):
        result = blocs(G, k=3, method=method)  # type: ignore[arg-type]
        assert result.errors == 2 and result.criterion == pytest.approx(1.0)
        assert {frozenset(b) for b in result.blocs} == {
            frozenset({"Gavev", "Kotun", "Nagad", "Gama"}),
            frozenset({"Nagam", "Notoh", "Kohik", "Uheto", "Seuve"}),
            frozenset({"Ove", "Alika", "Gahuk", "Masil", "Ukudz", "Geham", "Asaro"}),
        }
        assert {frozenset(e) for e in result.positive_between} == {
            frozenset(("Nagam", "Masil")),
            frozenset(("Masil", "Uheto")),
        }
    assert blocs(G, k=3).optimal
    assert blocs(G, k=4).errors == 2
    two = blocs(G, k=2)
    assert two.errors == 7 and two.optimal and two.partition["Gama"] == 1  # largest bloc is 0


def test_all_negative_triangle_needs_three_blocs() -> None:
    G = _graph([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])
    assert blocs(G, k=2).errors == 1
    assert blocs(G, k=3).errors == 0
    assert blocs(G, k=1).errors == 3
    with pytest.raises(FaultlinesError, match="E041"):
        blocs(G, k=0)


def test_relabelled_blocs_are_not_a_realignment() -> None:
    first = _graph([("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("a", "d", -1)])
    partition = {"a": 1, "b": 1, "c": 0, "d": 0}
    assert align_labels({"a": 0, "b": 0, "c": 1, "d": 1}, partition, first) == {"a": 0, "b": 0, "c": 1, "d": 1}
    report = change_over_time({"w1": first, "w2": first.copy()})
    assert report.realignments == [] and report.sign_flips == []
    assert report.windows[0].partition == report.windows[1].partition


def test_change_over_time_reports_flips_and_realignment() -> None:
    w1 = _graph([("IRN", "AZE", 1), ("AZE", "ISR", -1), ("ISR", "IRN", -1), ("ISR", "USA", 1), ("USA", "IRN", -1)])
    w2 = _graph([("IRN", "AZE", -1), ("AZE", "ISR", 1), ("ISR", "IRN", -1), ("ISR", "USA", 1), ("USA", "IRN", -1)])
    report = change_over_time({"2010-2013": w1, "2020-2023": w2})
    flips = {(f["u"], f["v"], f["before"], f["after"]) for f in report.sign_flips}
    assert flips == {("AZE", "IRN", 1, -1), ("AZE", "ISR", -1, 1)}
    assert [m["actor"] for m in report.realignments] == ["AZE"]
    assert report.realignments[0]["forced"] and report.realignments[0]["cost_of_staying"] == 2
    assert report.windows[0].index == 0 and report.windows[1].index == 0
    table = report.table()
    assert table[1]["sign_flips"] == 2 and table[1]["realigned"] == 1 and "blocs" in report.to_dict()["windows"][0]


def test_cost_of_staying_tells_forced_from_optional_moves() -> None:
    """x is a friend of two enemies: it can sit with either at equal cost, a cannot leave its side."""
    G = _graph([("x", "a", 1), ("x", "b", 1), ("a", "b", -1)])
    partition = {"a": 0, "x": 0, "b": 1}
    assert cost_of_staying(G, partition, "x", 1) == 0
    assert cost_of_staying(G, partition, "a", 1) == 2
    assert cost_of_staying(G, {"a": 0, "x": 0, "b": 1}, "x", 1, k=3) == 0


def test_what_if_flip_balances_the_article_triangle(triangle_relations: list[Relation]) -> None:
    G = signed_graph(triangle_relations, ACTORS)
    result = what_if(G, [("Azerbaijan", "Israel", -1)])
    assert result.before.index == 1 and result.after.index == 0
    assert result.changes[0]["action"] == "flip" and result.changes[0]["before"] == 1
    assert [set(t.nodes) for t in result.resolved] == [{"Q794", "Q227", "Q801"}]
    assert result.newly_unbalanced == []
    assert G["Q227"]["Q801"]["sign"] == 1  # the original graph is untouched


def test_what_if_add_and_remove() -> None:
    G = _graph([("a", "b", 1), ("b", "c", 1)])
    added = what_if(G, [("a", "c", -1)])
    assert added.after.index == 1 and [set(t.nodes) for t in added.newly_unbalanced] == [{"a", "b", "c"}]
    removed = what_if(added.graph, [("a", "c", 0)])  # type: ignore[arg-type]
    assert removed.after.index == 0 and removed.changes[0]["action"] == "remove"
    with pytest.raises(FaultlinesError, match="E040"):
        what_if(G, [("a", "zz", 1)])
    with pytest.raises(FaultlinesError, match="E041"):
        what_if(G, [("a", "c", None)])


@pytest.mark.parametrize(
    ("text", "expected"), [("A,B,-", ("A", "B", -1)), ("A, B, +", ("A", "B", 1)), ("A,B,0", ("A", "B", None))]
)
def test_parse_change(text: str, expected: tuple[str, str, int | None]) -> None:
    assert parse_change(text) == expected


@pytest.mark.parametrize("text", ["A,B", "A,B,x", ",B,-"])
def test_parse_change_rejects_malformed(text: str) -> None:
    with pytest.raises(FaultlinesError, match="E041"):
        parse_change(text)
