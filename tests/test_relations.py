"""Relation aggregation: projection to states, de-duplication, windows, weights."""

from __future__ import annotations

from datetime import date

from faultlines.model import Actor, ActorKind, Event, Granularity, Modality, RelationKind, Span, Statement, TimeInterval
from faultlines.relations import aggregate_relations, state_projection

SPAN = Span("d", 0, 0, 10, "x")
ISRAEL = Actor("Q801", "Israel", ActorKind.STATE, home_state="ISR")
IRAN = Actor("Q794", "Iran", ActorKind.STATE, home_state="IRN")
PM = Actor("fl:person:pm", "Prime Minister", ActorKind.PERSON, home_state="ISR")
ARMY = Actor("fl:org:army", "Army", ActorKind.ORGANISATION, home_state="ISR", sector="MIL")
UN = Actor("fl:org:un", "UN", ActorKind.ORGANISATION, sector="IGO")


def _event(event_id: str, sources: list[str], targets: list[str], kind: str = "THREATEN", **kw: object) -> Event:
    return Event(id=event_id, doc_id="d", type=kind, span=SPAN, sources=sources, targets=targets, **kw)  # type: ignore[arg-type]


def test_projection_maps_leaders_and_national_bodies_only() -> None:
    project = state_projection([ISRAEL, IRAN, PM, ARMY, UN])
    assert project == {"fl:person:pm": "Q801", "fl:org:army": "Q801"}


def test_one_event_counts_once_per_state_pair_after_projection() -> None:
    event = _event("e1", ["Q801", PM.id, ARMY.id], ["Q794"])
    project = state_projection([ISRAEL, IRAN, PM, ARMY])
    (relation,) = aggregate_relations([event], [], project=project)
    assert (relation.a, relation.b, relation.sign) == ("Q794", "Q801", -1)
    assert len(relation.evidence) == 1 and relation.weight == 0.35


def test_modality_window_and_kinds() -> None:
    when = TimeInterval(date(2016, 1, 1), date(2016, 12, 31), Granularity.YEAR, "2016")
    hedged = _event("e1", ["Q801"], ["Q794"], kind="ASSAULT", modality=Modality(speculative=True), when=when)
    negated = _event("e2", ["Q801"], ["Q794"], kind="AID", modality=Modality(negated=True), when=when)
    stated = Statement("s1", "d", "Q794", "Q801", RelationKind.ENERGY, 1, SPAN)
    (relation,) = aggregate_relations([hedged, negated], [stated])
    assert relation.sign == 1 and relation.weight == 1.45  # 0.45 for the hedged strike, 1 for the statement
    assert [e.item_id for e in relation.evidence] == ["e1", "s1"]
    windowed = aggregate_relations([hedged, negated], [stated], start=date(2016, 6, 1), end=date(2016, 7, 1))
    assert len(windowed) == 1 and windowed[0].sign == -1 and windowed[0].first == date(2016, 1, 1)
    assert aggregate_relations([hedged], [stated], kinds={RelationKind.ENERGY})[0].kinds == [RelationKind.ENERGY]


def test_a_leader_and_their_own_state_make_no_relation() -> None:
    event = _event("e1", [PM.id], ["Q801"], kind="CONSULT")
    assert aggregate_relations([event], [], project=state_projection([ISRAEL, PM])) == []
