"""Scenario files: YAML and KTAB CSV load, and bad input is rejected naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.errors import FaultlinesError
from faultlines.forecast import dump_scenario, load_scenario, load_scenarios, parse_ktab, parse_scenario
from faultlines.forecast.scenario import shipped_scenarios

from .conftest import peer_file

GOOD = """\
issue:
  name: Test issue
  scale: {min: 0, max: 100, min_label: soft, max_label: hard}
parameters:
  rounds: 5
  compromise_choice: closest
uncertainty: {position_sd: 5}
actors:
  - id: a
    name: Alpha
    capability: 2
    position: 10
    salience: 0.5
  - id: b
    capability: 1
    position: 90
    salience: 0.8
    uncertainty: {position_sd: 1, capability_rel: 0.1}
    evidence:
      - {doc_id: d1, start: 3, end: 9}
"""


def test_good_yaml_loads_with_defaults_and_overrides() -> None:
    s = parse_scenario(GOOD, "good.yaml")
    assert [a.id for a in s.actors] == ["a", "b"]
    assert s.actors[1].name == "b"
    assert s.parameters.rounds == 5 and s.parameters.compromise_choice == "closest"
    assert s.parameters.capitulation == "scholz"
    assert s.uncertainty_of(s.actors[0]).position_sd == 5
    assert s.uncertainty_of(s.actors[1]).position_sd == 1
    assert s.actors[1].evidence[0].end == 9


def test_dump_round_trips() -> None:
    s = parse_scenario(GOOD, "good.yaml")
    again = parse_scenario(dump_scenario(s), "again.yaml")
    assert again.to_dict() == s.to_dict()


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("    position: 90\n", "    position: 190\n", 16, "actors[1].position"),
        ("    salience: 0.5\n", "    salience: -0.1\n", 13, "actors[0].salience"),
        ("    capability: 2\n", "", 9, "actors[0].capability"),
        ("  - id: b\n", "  - id: a\n", 14, "actors[1].id"),
        ("  rounds: 5\n", "  rounds: five\n", 5, "parameters.rounds"),
        (
            "  compromise_choice: closest\n",
            "  compromise_choice: nearest\n",
            6,
            "parameters.compromise_choice",
        ),
        ("    name: Alpha\n", "    name: Alpha\n    postion: 3\n", 11, "actors[0].postion"),
        ("  name: Test issue\n", "", 2, "issue.name"),
        (
            "      - {doc_id: d1, start: 3, end: 9}\n",
            "      - {doc_id: d1, start: 3, end: 1}\n",
            20,
            "actors[1].evidence[0].end",
        ),
    ],
)
def test_bad_yaml_names_file_line_and_field(old: str, new: str, line: int, field: str) -> None:
    assert old in GOOD
    with pytest.raises(FaultlinesError) as caught:
        parse_scenario(GOOD.replace(old, new), "bad.yaml")
    message = str(caught.value)
    assert caught.value.code.name == "E030"
    assert f"'bad.yaml' line {line}, field '{field}'" in message, message


def test_yaml_syntax_error_and_duplicate_keys_have_lines() -> None:
    with pytest.raises(FaultlinesError, match=r"'s.yaml' line 4, field '\(syntax\)'"):
        parse_scenario("issue:\n  name: x\n  scale: [1, 2\nactors: []\n", "s.yaml")
    with pytest.raises(FaultlinesError, match=r"line 3.*duplicate key 'name'"):
        parse_scenario("issue:\n  name: x\n  name: y\n", "s.yaml")


def test_shipped_scenario_loads_and_every_input_has_a_note() -> None:
    shipped = shipped_scenarios()
    assert "iran_azerbaijan" in shipped
    s = load_scenario(shipped["iran_azerbaijan"])
    assert len(s.actors) == 8
    assert s.issue.scale.min_label == "rapprochement" and s.issue.scale.max_label == "confrontation"
    for actor in s.actors:
        assert set(actor.notes) == {"capability", "position", "salience"}, actor.id
        assert all(len(text) > 20 for text in actor.notes.values())


KTAB = """\
Test; scen 1,Two-dim test, 3, 2,
Actor,Description,Influence,A Position,A Salience,B Position,B Salience,
X,Ex,100,30,40,20,50,
Y,Why,50,60,30,70,20,
Z,Zed,25,90,60,10,30,
"""


def test_ktab_multi_dimension_becomes_one_scenario_per_dimension() -> None:
    scenarios = parse_ktab(KTAB, "t.csv")
    assert [s.issue.name for s in scenarios] == ["Test; scen 1: A", "Test; scen 1: B"]
    assert [a.position for a in scenarios[1].actors] == [20, 70, 10]
    assert scenarios[0].actors[0].salience == pytest.approx(0.4)
    assert "own issue" in scenarios[0].notes[0]


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("Y,Why,50,60,30,70,20,", "Y,Why,50,60,30,70,", 4, "(row)"),
        ("Z,Zed,25,90,60,10,30,", "Z,Zed,25,190,60,10,30,", 5, "A Position"),
        ("Z,Zed,25,90,60,10,30,", "Z,Zed,25,90,80,10,30,", 5, "A Salience"),
        ("Z,Zed,", "X,Zed,", 5, "Actor"),
        ("Y,Why,50,", "Y,Why,fifty,", 4, "Influence"),
    ],
)
def test_bad_ktab_names_line_and_column(old: str, new: str, line: int, field: str) -> None:
    with pytest.raises(FaultlinesError) as caught:
        parse_ktab(KTAB.replace(old, new), "t.csv")
    assert f"'t.csv' line {line}, field '{field}'" in str(caught.value), str(caught.value)


def test_ktab_actor_count_must_match_header() -> None:
    with pytest.raises(FaultlinesError, match="announces 3 actors but 2 follow"):
        parse_ktab(KTAB.rsplit("Z,", 1)[0], "t.csv")


@pytest.mark.parametrize(("name", "actors", "dims"), [("SOE-Policy.csv", 26, 1), ("SOE-Pol-Comp.csv", 13, 2)])
def test_ktab_reference_files_load(name: str, actors: int, dims: int) -> None:
    scenarios = load_scenarios(peer_file("ktab-smp", name))
    assert len(scenarios) == dims
    assert all(len(s.actors) == actors for s in scenarios)
    assert scenarios[0].actors[0].id == "XJ" and scenarios[0].actors[0].position == 30


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FaultlinesError, match="E001"):
        load_scenarios(tmp_path / "nope.yaml")
    other = tmp_path / "x.txt"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(FaultlinesError, match="E031"):
        load_scenarios(other)


SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "scenario.schema.json"


def test_schema_matches_the_loader_and_validates_the_shipped_scenario() -> None:
    import json

    import yaml

    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")

    from faultlines.forecast.scenario import ACTOR_FIELDS, PARAMETER_FIELDS

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert set(schema["properties"]["actors"]["items"]["properties"]) == ACTOR_FIELDS
    assert set(schema["properties"]["parameters"]["properties"]) == PARAMETER_FIELDS
    for path in shipped_scenarios().values():
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    jsonschema.validate(parse_scenario(GOOD, "g.yaml").to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(GOOD.replace("salience: 0.8", "salience: 8")), schema)


def test_shipped_capabilities_agree_with_the_sourced_table() -> None:
    """A note's "Composite index X" must be what the shipped table gives, times the stated reach factor."""
    import re

    from faultlines.forecast import capability_table

    table = capability_table()
    kinds = ("population", "gdp", "military_spending")
    totals = {k: sum(rows[k].value for rows in table.values()) for k in kinds}
    index = {iso: 100 * sum(rows[k].value / totals[k] for k in kinds) / 3 for iso, rows in table.items()}
    iso_of = {"Q794": "IRN", "Q227": "AZE", "Q801": "ISR", "Q43": "TUR", "Q159": "RUS", "Q399": "ARM", "Q30": "USA"}
    scenario = load_scenario(shipped_scenarios()["iran_azerbaijan"])
    checked = 0
    for actor in scenario.actors:
        match = re.search(r"Composite index ([\d.]+)", actor.notes["capability"])
        if not match:
            continue
        assert float(match.group(1)) == pytest.approx(index[iso_of[actor.actor_id]], abs=0.01), actor.id
        reach = re.search(r"reach factor ([\d.]+)", actor.notes["capability"])
        factor = float(reach.group(1)) if reach else 1.0
        assert actor.capability == pytest.approx(float(match.group(1)) * factor, abs=0.01), actor.id
        checked += 1
    assert checked == 7


def test_empty_optional_sections_mean_defaults() -> None:
    text = GOOD.replace("parameters:\n  rounds: 5\n  compromise_choice: closest\n", "parameters:\n")
    text = text.replace("uncertainty: {position_sd: 5}\n", "uncertainty:\n")
    s = parse_scenario(text, "empty.yaml")
    assert s.parameters.rounds == 10 and s.uncertainty.position_sd == 0
    with pytest.raises(FaultlinesError, match=r"line 1, field '\(document\)'"):
        parse_scenario("# only a comment\n", "c.yaml")
