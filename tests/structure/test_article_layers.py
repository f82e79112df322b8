"""The reference article's thesis, end to end: Iran and Azerbaijan tied by kinship and faith,
Azerbaijan allied with Israel in arms and oil, Israel and Iran enemies — an unbalanced triangle
once the Iran–Azerbaijan tie is read on its identity layer (kinship, religion) beside the military
and energy ties; read on every kind, rivalry nets Iran–Azerbaijan negative and the triangle is
reported as a tension instead. Each edge's evidence points at sentences that name both ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.model import RelationKind
from faultlines.read import read_text
from faultlines.relations import aggregate_relations, state_projection
from faultlines.structure import signed_graph, triads

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "article.txt"
IRAN, AZERBAIJAN, ISRAEL = "Q794", "Q227", "Q801"
NAMES = {IRAN: ("Iran", "Tehran"), AZERBAIJAN: ("Azerbaijan", "Baku"), ISRAEL: ("Israel",)}
LAYERS = {RelationKind.KINSHIP, RelationKind.RELIGION, RelationKind.MILITARY, RelationKind.ENERGY}


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED}")
    return read_text(SEED.read_text(encoding="utf-8"))


def _triangle(model, kinds):  # type: ignore[no-untyped-def]
    relations = aggregate_relations(
        model.events, model.statements, kinds=kinds, project=state_projection(model.actors)
    )
    graph = signed_graph(relations, model.actors)
    (found,) = [t for t in triads(graph, doc_id=model.document.id) if set(t.nodes) == {IRAN, AZERBAIJAN, ISRAEL}]
    return found


def test_identity_and_interest_layers_make_the_triangle_unbalanced(model) -> None:  # type: ignore[no-untyped-def]
    triangle = _triangle(model, LAYERS)
    assert not triangle.balanced
    signs = {frozenset((e.u, e.v)): e.sign for e in triangle.edges}
    assert signs == {
        frozenset((IRAN, AZERBAIJAN)): 1,
        frozenset((AZERBAIJAN, ISRAEL)): 1,
        frozenset((ISRAEL, IRAN)): -1,
    }
    for edge in triangle.edges:
        assert edge.evidence
        for evidence in edge.evidence:
            start, end = model.document.sentences[evidence.span.sentence]
            sentence = model.document.text[start:end]
            assert evidence.span.text == sentence
            for node in (edge.u, edge.v):
                assert any(name in sentence for name in NAMES[node]), (node, sentence)


def test_on_every_kind_the_triangle_is_a_tension_with_its_identity_reading(model) -> None:  # type: ignore[no-untyped-def]
    triangle = _triangle(model, None)
    assert triangle.balanced and triangle.tension
    (reading,) = [r for r in triangle.reading if {r["u"], r["v"]} == {IRAN, AZERBAIJAN}]
    assert reading["sign"] == 1 and {"kinship", "religion"} <= set(reading["kinds"])
