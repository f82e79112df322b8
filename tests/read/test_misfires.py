"""Sentences of ordinary op-ed prose that earlier rules misread (found in review); each must stay right."""

from __future__ import annotations

import pytest

from faultlines.gazetteer.cities import city_named
from faultlines.model import DocumentModel
from faultlines.read.formats import RawDocument
from faultlines.read.pipeline import read_documents

SENTENCES = {
    "criticised_over": "Iran criticised Azerbaijan over its ties with Israel.",
    "in_response": "Iran condemned Azerbaijan in response to Israel's remarks.",
    "under_fire": "Erdogan came under fire from the opposition for his Israel policy.",
    "playing_with_fire": "Israel is playing with fire in Lebanon.",
    "sue_for_peace": "Armenia was forced to sue for peace after the 2020 war.",
    "abused_veto": "Russia abused its veto power at the Security Council.",
    "contributed_to": "Russia's inaction contributed to Armenia's defeat.",
    "travel_alert": "Israel issued a travel alert for Turkey.",
    "warned_in": "Erdogan warned in Baku that the war was not over.",
    "calm_in": "Iranian President Masoud Pezeshkian called for calm in Tehran.",
    "militants": "Israel killed three militants in a raid.",
    "gas_explosion": "A gas explosion in a Tehran apartment block killed five people.",
    "general_abroad": "General Kenneth McKenzie warned that Iran's nuclear program threatens the region.",
    "bethlehem": "Israeli soldiers raided a home in Bethlehem.",
    "presence_in_africa": "Turkey boosted its presence in Africa.",
    "bolton": "In Bolton's view, Iran had violated the agreement.",
    "reuters": "Reuters reported that President Zorbanu Telcu halted the sale of Chile's copper mines.",
    "headline": "Chile's Pivot and the Corridor Question\n\nFor three decades Chile treated Peru as its protector.",
    "allowed_to": "The Chilean Supreme Court decided to allow candidate Zorbanu Telcu to run for office.",
}


@pytest.fixture(scope="module")
def models() -> dict[str, DocumentModel]:
    keys = list(SENTENCES)
    return dict(zip(keys, read_documents([RawDocument(text=SENTENCES[k]) for k in keys]), strict=True))


def _pairs(model: DocumentModel) -> list[tuple[str, set[str], set[str]]]:
    actors = {a.id: a for a in model.actors}

    def codes(ids: list[str]) -> set[str]:
        return {actors[i].home_state or actors[i].id for i in ids}

    return [(e.type, codes(e.sources), codes(e.targets)) for e in model.events if not e.type.startswith("X-")]


def test_an_object_is_the_target_and_a_reason_is_not(models: dict[str, DocumentModel]) -> None:
    assert _pairs(models["criticised_over"])[0] == ("ACCUSE", {"IRN"}, {"AZE"})
    assert _pairs(models["in_response"])[0] == ("ACCUSE", {"IRN"}, {"AZE"})


def test_idioms_are_not_events(models: dict[str, DocumentModel]) -> None:
    for key in ("under_fire", "playing_with_fire", "sue_for_peace", "abused_veto", "contributed_to", "travel_alert"):
        assert not [p for p in _pairs(models[key]) if p[0] in ("ASSAULT", "ACCUSE", "AID", "MOBILIZE")], key


def test_words_said_somewhere_are_not_aimed_there(models: dict[str, DocumentModel]) -> None:
    assert all(not targets for _, _, targets in _pairs(models["warned_in"]))
    assert all(not targets for _, _, targets in _pairs(models["calm_in"]))


def test_militants_killed_in_a_raid_are_not_the_raiders_own(models: dict[str, DocumentModel]) -> None:
    assert all("ISR" not in targets for _, _, targets in _pairs(models["militants"]))


def test_an_accident_is_no_attack_by_the_state_it_happens_in(models: dict[str, DocumentModel]) -> None:
    assert not [p for p in _pairs(models["gas_explosion"]) if "IRN" in p[1]]


def test_a_foreign_general_does_not_take_the_state_he_talks_about(models: dict[str, DocumentModel]) -> None:
    general = next(a for a in models["general_abroad"].actors if a.name == "Kenneth McKenzie")
    assert general.home_state != "IRN"


def test_a_town_name_shared_by_states_is_settled_by_the_story_or_not_at_all(
    models: dict[str, DocumentModel],
) -> None:
    assert city_named("Bethlehem") is None  # South Africa's and the West Bank's: not guessed
    bethlehem = city_named("Bethlehem", {"ISR", "PSE"})
    assert bethlehem is not None and bethlehem.state == "PSE"
    for region in ("Africa", "Asia", "Florida"):
        assert city_named(region) is None, region
    assert all("ZAF" not in targets for _, _, targets in _pairs(models["bethlehem"]))
    assert all("TUN" not in targets for _, _, targets in _pairs(models["presence_in_africa"]))


def test_who_is_allowed_to_act_is_the_one_conceded_to(models: dict[str, DocumentModel]) -> None:
    model = models["allowed_to"]
    event = next(e for e in model.events if e.trigger == "allow")
    assert {a.name for a in model.actors if a.id in event.targets} == {"Zorbanu Telcu"}


def test_a_person_named_like_a_town_stays_a_person(models: dict[str, DocumentModel]) -> None:
    assert [a.kind.value for a in models["bolton"].actors if a.name == "Bolton"] == ["person"]


def test_a_news_agency_before_a_title_does_not_make_the_office_its_own(models: dict[str, DocumentModel]) -> None:
    # only "<body> Secretary-General X" makes the office a body's; "Reuters reported that President X" does not
    president = next(a for a in models["reuters"].actors if a.name == "Zorbanu Telcu")
    assert president.home_state == "CHL"


def test_a_headline_does_not_give_a_body_a_state_across_and(models: dict[str, DocumentModel]) -> None:
    bodies = {a.name: a.home_state for a in models["headline"].actors if a.kind.value == "organisation"}
    assert bodies.get("Corridor Question", "") == ""
