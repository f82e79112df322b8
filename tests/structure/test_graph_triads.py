"""Building the signed graph from relations and CSV files, and the triads it contains."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.structure.conftest import ACTORS, SHARED, evidence, relation

from faultlines.errors import InputError
from faultlines.model import Relation, RelationKind
from faultlines.relations import aggregate_relations
from faultlines.structure import graph_from_csv, signed_graph, triad_census, triads, window_graph


def test_iran_azerbaijan_israel_triangle_is_unbalanced_with_evidence(triangle_relations: list[Relation]) -> None:
    G = signed_graph(triangle_relations, ACTORS)
    found = triads(G)
    assert len(found) == 1
    tri = found[0]
    assert set(tri.nodes) == {"Q794", "Q227", "Q801"}
    assert set(tri.names) == {"Iran", "Azerbaijan", "Israel"}
    assert not tri.balanced and tri.pattern == "++-"
    by_pair = {frozenset((e.u, e.v)): e for e in tri.edges}
    iran_aze = by_pair[frozenset(("Q794", "Q227"))]
    assert iran_aze.sign == 1 and {e.span.text for e in iran_aze.evidence} == {"shared Shia faith", "ties of kinship"}
    assert set(iran_aze.kinds) == {"religion", "kinship"}
    israel_iran = by_pair[frozenset(("Q801", "Q794"))]
    assert israel_iran.sign == -1 and israel_iran.evidence[0].span.start == 120
    data = tri.to_dict()
    spans = [ev["span"] for edge in data["edges"] for ev in edge["evidence"]]
    assert {s["doc_id"] for s in spans} == {"doc1"} and all(s["end"] > s["start"] for s in spans)


def test_triads_rank_focus_then_unbalanced_then_weight() -> None:
    rels = [
        relation("A", "B", evidence("d1", 0, "x", 1, RelationKind.TRADE)),
        relation("B", "C", evidence("d1", 5, "y", 1, RelationKind.TRADE)),
        relation("A", "C", evidence("d1", 9, "z", 1, RelationKind.TRADE)),
        relation("C", "D", evidence("d2", 0, "u", 1, RelationKind.TRADE)),
        relation("B", "D", evidence("d2", 4, "v", -1, RelationKind.TRADE)),
    ]
    G = signed_graph(rels)
    plain = triads(G)
    assert [t.balanced for t in plain] == [False, True]
    focused = triads(G, doc_id="d1")
    assert focused[0].focus and focused[0].balanced and set(focused[0].nodes) == {"A", "B", "C"}
    assert triads(G, balanced=True)[0].pattern == "+++"
    assert triads(G, nodes=["B", "C", "D"])[0].focus


def test_census_matches_highland_reference(tribes_csv: Path) -> None:
    census = triad_census(graph_from_csv(tribes_csv))
    assert (census["+++"], census["++-"], census["+--"], census["---"]) == (19, 2, 40, 7)
    assert census["balanced_share"] == pytest.approx(59 / 68)


def test_signed_graph_merges_filters_and_drops_neutral() -> None:
    military = evidence("d", 0, "arms", 1, RelationKind.MILITARY)
    energy = evidence("d", 9, "gas dispute", -1, RelationKind.ENERGY)
    energy.weight = 2.0
    rels = [
        relation("Q794", "Q227", military, energy),
        relation("Q227", "Q801", evidence("d", 20, "talks", 1, RelationKind.DIPLOMATIC)),
        Relation("Q801", "fl:azeris", 0, 1.0, 0.0),
        relation("Q227", "fl:azeris", evidence("d", 30, "kin", 1, RelationKind.KINSHIP)),
    ]
    G = signed_graph(rels, ACTORS)
    assert G["Q794"]["Q227"]["sign"] == -1 and G["Q794"]["Q227"]["weight"] == 3.0
    assert not G.has_edge("Q801", "fl:azeris")
    assert G.nodes["Q794"]["name"] == "Iran" and G.nodes["fl:azeris"]["kind"] == "ethnic_group"
    only_military = signed_graph(rels, ACTORS, kinds=[RelationKind.MILITARY])
    assert only_military["Q794"]["Q227"]["sign"] == 1 and only_military.number_of_edges() == 1
    states = signed_graph(rels, ACTORS, actor_kinds=["state"])
    assert "fl:azeris" not in states and states.number_of_edges() == 2
    cancelled = signed_graph([*rels, relation("Q227", "Q801", evidence("e", 0, "feud", -1, RelationKind.GENERAL))])
    assert not cancelled.has_edge("Q227", "Q801")  # one friendly and one hostile item of equal weight


def test_csv_reader_reads_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "edges.csv"
    path.write_text("source,target,sign,weight,start,end\nA,B,+,2.5,2001,2003\nB,C,-1,,,\n", encoding="utf-8")
    G = graph_from_csv(path)
    assert G["A"]["B"]["weight"] == 2.5 and G["A"]["B"]["first"] == date(2001, 1, 1)
    assert G["A"]["B"]["last"] == date(2003, 12, 31) and G["B"]["C"]["sign"] == -1
    assert set(window_graph(G, date(2005, 1, 1), None).edges) == {("B", "C")}
    assert window_graph(G, date(2002, 1, 1), date(2002, 12, 31)).number_of_edges() == 2


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("source,target\nA,B\n", 1, "sign"),
        ("source,target,sign\nA,B,1\nA,C,maybe\n", 3, "sign"),
        ("source,target,sign\nA,,1\n", 2, "target"),
        ("source,target,sign,weight\nA,B,1,heavy\n", 2, "weight"),
        ("source,target,sign,start\nA,B,1,yesterday\n", 2, "start"),
        ("source,target,sign\nA,B,1\nB,A,-1\n", 3, "target"),
        ("source,target,sign\nA,A,1\n", 2, "target"),
    ],
)
def test_csv_errors_name_file_line_and_field(tmp_path: Path, body: str, line: int, field: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        graph_from_csv(path)
    message = str(info.value)
    assert "E030" in message and str(path) in message
    assert f"line {line}," in message and f"field '{field}'" in message


def test_csv_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E001"):
        graph_from_csv(tmp_path / "nope.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="E002"):
        graph_from_csv(empty)


def test_ambivalent_tie_makes_a_net_balanced_triangle_a_tension() -> None:
    """Iran–Azerbaijan: kinship and faith (+) outweighed by rivalry (−); the triangle with Israel is
    balanced by net signs but unbalanced when the tie is read through kinship and religion."""
    rivalry = [evidence("d", 200 + i, f"rival {i}", -1, RelationKind.MILITARY) for i in range(3)]
    rels = [
        relation(
            "Q794",
            "Q227",
            evidence("d", 10, "shared Shia faith", 1, RelationKind.RELIGION),
            evidence("d", 40, "ties of kinship", 1, RelationKind.KINSHIP),
            *rivalry,
        ),
        relation("Q227", "Q801", evidence("d", 80, "buys Israeli drones", 1, RelationKind.MILITARY)),
        relation("Q801", "Q794", evidence("d", 120, "sworn enemies", -1, RelationKind.GENERAL)),
    ]
    G = signed_graph(rels, ACTORS)
    (tri,) = triads(G)
    assert tri.balanced and tri.pattern == "+--" and tri.tension
    (reading,) = tri.reading
    assert {reading["u"], reading["v"]} == {"Q794", "Q227"} and reading["sign"] == 1
    assert reading["kinds"] == ["kinship", "religion"] and reading["weight"] == 2.0
    edge = next(e for e in tri.edges if {e.u, e.v} == {"Q794", "Q227"})
    assert edge.ambivalent and edge.positive == 2.0 and edge.negative == 3.0
    assert triad_census(G)["ambivalent_edges"] == 1
    # one dissenting voice among many is not ambivalence
    rels[0] = relation("Q794", "Q227", evidence("d", 10, "faith", 1, RelationKind.RELIGION), *rivalry * 2)
    (calm,) = triads(signed_graph(rels, ACTORS))
    assert calm.balanced and not calm.tension and calm.reading == []


@pytest.mark.slow
def test_reference_article_iran_azerbaijan_israel_triangle() -> None:
    """On the model read from the reference article, the triangle is reported as unbalanced (or as a
    tension, if the reader nets Iran–Azerbaijan negative) with evidence on every edge."""
    article = SHARED / "seed" / "article.txt"
    if not article.exists():
        pytest.skip(f"reference article absent: {article}")
    from faultlines.read import read_text

    model = read_text(article.read_text(encoding="utf-8"))
    G = signed_graph(aggregate_relations(model.events, model.statements), model.actors)
    found = [t for t in triads(G, doc_id=model.document.id) if set(t.nodes) == {"Q794", "Q227", "Q801"}]
    assert len(found) == 1
    tri = found[0]
    assert tri.focus and (not tri.balanced or tri.tension)
    for edge in tri.edges:
        assert edge.evidence, (edge.u, edge.v)
        assert all(e.span.doc_id == model.document.id and e.span.text for e in edge.evidence)
    aze_isr = next(e for e in tri.edges if {e.u, e.v} == {"Q227", "Q801"})
    isr_irn = next(e for e in tri.edges if {e.u, e.v} == {"Q801", "Q794"})
    assert aze_isr.sign == 1 and isr_irn.sign == -1
