"""Drafting a scenario from a (constructed) corpus model: every number says where it came from."""

from __future__ import annotations

import pytest

from faultlines.errors import FaultlinesError
from faultlines.forecast import capability_table, draft_scenario, dump_scenario, parse_scenario
from faultlines.model import Actor, ActorKind, CorpusModel, Evidence, Mention, Relation, RelationKind, Span


def _span(i: int) -> Span:
    return Span("doc1", i, 10 * i, 10 * i + 8, f"text {i}")


def _relation(a: str, b: str, score: float, weight: float, items: int = 2) -> Relation:
    a, b = sorted((a, b))
    sign = 1 if score > 0 else -1
    evidence = [
        Evidence(f"e{a}{b}{k}", "event", _span(k), sign, weight / items, RelationKind.MILITARY)
        for k in range(items)
    ]
    return Relation(a, b, sign, weight, score, [RelationKind.MILITARY], evidence=evidence)


@pytest.fixture
def corpus() -> CorpusModel:
    actors = [
        Actor("Q794", "Iran", ActorKind.STATE, qid="Q794", home_state="IRN"),
        Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227", home_state="AZE"),
        Actor("Q801", "Israel", ActorKind.STATE, qid="Q801", home_state="ISR"),
        Actor("Q399", "Armenia", ActorKind.STATE, qid="Q399", home_state="ARM"),
        Actor("fl:azeris", "Azeris", ActorKind.ETHNIC_GROUP, states=("IRN", "AZE")),
        Actor("fl:harop", "Harop", ActorKind.WEAPON_SYSTEM, home_state="ISR"),
    ]
    mentions = [
        Mention(a, _span(i))
        for i, a in enumerate(
            ["Q794"] * 9 + ["Q227"] * 7 + ["Q801"] * 5 + ["Q399"] * 2 + ["fl:azeris"] * 4 + ["fl:harop"] * 6
        )
    ]
    relations = [
        _relation("Q794", "Q227", -1.0, 2.0),
        _relation("Q801", "Q227", 3.0, 3.0, 3),
        _relation("Q801", "Q794", -2.0, 2.0),
        _relation("Q399", "Q227", -1.0, 1.0, 1),
        _relation("Q399", "Q794", 0.5, 1.0, 1),
        _relation("fl:azeris", "Q794", 0.5, 1.0, 1),
        _relation("fl:azeris", "Q227", 1.0, 1.0, 1),
        _relation("fl:harop", "Q227", 1.0, 1.0, 1),
    ]
    return CorpusModel(actors=actors, mentions=mentions, relations=relations)


def test_positions_follow_the_signed_relations(corpus: CorpusModel) -> None:
    s = draft_scenario(corpus, "Q794", "Q227")
    pos = {a.actor_id: a.position for a in s.actors}
    assert pos["Q794"] == 0 and pos["Q227"] == 100
    assert pos["Q801"] == 100.0  # hostile to Iran (-1), allied to Azerbaijan (+1): 50 + 25 * 2
    assert pos["Q399"] < 50 < pos["fl:azeris"]
    assert "fl:harop" not in pos  # weapon systems are not bargaining actors
    assert s.issue.scale.min_label == "aligned with Iran"


def test_every_number_says_where_it_came_from(corpus: CorpusModel) -> None:
    s = draft_scenario(corpus, "Q794", "Q227")
    for actor in s.actors:
        assert set(actor.notes) == {"capability", "position", "salience"}
        assert 0.05 <= actor.salience <= 1.0
    israel = next(a for a in s.actors if a.actor_id == "Q801")
    assert "SIPRI" in israel.notes["capability"] and "World Bank" in israel.notes["capability"]
    assert "score +3.00" in israel.notes["position"]
    azeris = next(a for a in s.actors if a.actor_id == "fl:azeris")
    assert azeris.notes["capability"].startswith("placeholder")
    iran = next(a for a in s.actors if a.actor_id == "Q794")
    assert iran.salience == max(a.salience for a in s.actors) and iran.capability > israel.capability
    assert israel.evidence and israel.evidence[0].doc_id == "doc1"


def test_draft_is_a_valid_scenario_file(corpus: CorpusModel) -> None:
    s = draft_scenario(corpus, "Q794", "Q227", actors=["Q801"])
    assert [a.actor_id for a in s.actors] == ["Q794", "Q227", "Q801"]
    again = parse_scenario(dump_scenario(s), "draft.yaml")
    assert again.to_dict() == s.to_dict()


def test_unknown_pole_is_a_user_error(corpus: CorpusModel) -> None:
    with pytest.raises(FaultlinesError, match="E040"):
        draft_scenario(corpus, "Q794", "Q999")


def test_capability_table_is_sourced() -> None:
    table = capability_table()
    assert {"IRN", "AZE", "ISR", "TUR", "RUS", "ARM", "USA"} <= set(table)
    for rows in table.values():
        assert set(rows) == {"population", "gdp", "military_spending"}
        for item in rows.values():
            assert item.value > 0 and item.source and 2000 <= item.year <= 2030
