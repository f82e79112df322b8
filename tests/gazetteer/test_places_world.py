"""World places: the regions, provinces, islands and contested territories news names resolve to their state.

Reading uses a place's ``state`` to say whose territory an event touches ("rebels in Darfur" are Sudan's);
a place whose sovereignty is disputed carries ``""`` and the disputing states, so no one side is assumed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest

from faultlines.gazetteer import choose, load_places, shipped_lexicon
from faultlines.gazetteer.records import iso3_codes
from faultlines.model import ActorKind

_ISO3 = re.compile(r"^[A-Z]{3}$")


def _chosen(form: str):  # type: ignore[no-untyped-def]
    return choose(shipped_lexicon().lookup(form), form=form)


@pytest.mark.parametrize(
    ("form", "state"),
    [
        ("Darfur", "SDN"), ("North Darfur", "SDN"), ("South Kordofan", "SDN"), ("Blue Nile State", "SDN"),
        ("Tigray", "ETH"), ("Oromia", "ETH"), ("the Ogaden", "ETH"), ("Somaliland", "SOM"), ("Puntland", "SOM"),
        ("Cabinda enclave", "AGO"), ("Casamance", "SEN"), ("Biafra", "NGA"), ("Niger Delta", "NGA"),
        ("Katanga", "COD"), ("North Kivu", "COD"), ("Ituri", "COD"), ("Kabylie", "DZA"), ("Azawad", "MLI"),
        ("Cyrenaica", "LBY"), ("Cabo Delgado", "MOZ"),
        ("Anbar", "IRQ"), ("Nineveh", "IRQ"), ("Kirkuk Governorate", "IRQ"), ("Eastern Ghouta", "SYR"),
        ("Bekaa Valley", "LBN"), ("Hadhramaut", "YEM"), ("Socotra", "YEM"), ("Dhofar", "OMN"),
        ("Suez Canal", "EGY"), ("Kharg Island", "IRN"),
        ("Sindh", "PAK"), ("Khyber Pakhtunkhwa", "PAK"), ("NWFP", "PAK"), ("FATA", "PAK"), ("Waziristan", "PAK"),
        ("Punjab province", "PAK"), ("Indian Punjab", "IND"), ("Balochistan province", "PAK"),
        ("Ladakh", "IND"), ("Assam", "IND"), ("Nagaland", "IND"), ("Manipur", "IND"), ("Tamil Nadu", "IND"),
        ("Jaffna Peninsula", "LKA"), ("Northern Province of Sri Lanka", "LKA"), ("Helmand", "AFG"),
        ("Tibet", "CHN"), ("Inner Mongolia", "CHN"), ("Aceh", "IDN"), ("West Papua", "IDN"), ("Irian Jaya", "IDN"),
        ("Mindanao", "PHL"), ("Sulu", "PHL"), ("Rakhine State", "MMR"), ("Bougainville", "PNG"),
        ("Northern Ireland", "GBR"), ("Scotland", "GBR"), ("Wales", "GBR"), ("Basque Country", "ESP"),
        ("Catalonia", "ESP"), ("Corsica", "FRA"), ("Flanders", "BEL"), ("Wallonia", "BEL"), ("Transnistria", "MDA"),
        ("Gagauzia", "MDA"), ("Vojvodina", "SRB"), ("Republika Srpska", "BIH"), ("Krajina", "HRV"),
        ("Slavonia", "HRV"), ("Dalmatia", "HRV"), ("Srebrenica", "BIH"), ("Žepa", "BIH"), ("Goražde", "BIH"),
        ("Siberia", "RUS"), ("Tyumen Oblast", "RUS"), ("Tatarstan", "RUS"), ("Ingushetia", "RUS"),
        ("Kaliningrad Oblast", "RUS"), ("Karelia", "RUS"), ("Adjara", "GEO"),
        ("Chiapas", "MEX"), ("Guantanamo Bay", "CUB"), ("Quebec province", "CAN"), ("Panama Canal", "PAN"),
        ("Be'eri", "ISR"), ("Huwara", "PSE"), ("Dahiyeh", "LBN"), ("Tal Abyad", "SYR"), ("Chibok", "NGA"),
        ("Bagram Air Base", "AFG"),
    ],
)  # fmt: skip
def test_world_place_resolves_to_its_state(form: str, state: str) -> None:
    chosen = _chosen(form)
    assert chosen is not None, form
    assert chosen.actor.kind is ActorKind.PLACE, (form, chosen.actor)
    assert chosen.actor.home_state == state, (form, chosen.actor)


@pytest.mark.parametrize(
    ("form", "states"),
    [
        ("Punjab", {"IND", "PAK"}), ("Abyei", {"SDN", "SSD"}), ("Southern Sudan", {"SDN", "SSD"}),
        ("Azad Kashmir", {"PAK", "IND"}), ("Gilgit-Baltistan", {"PAK", "IND"}), ("Aksai Chin", {"CHN", "IND"}),
        ("Siachen Glacier", {"IND", "PAK"}), ("Arunachal Pradesh", {"IND", "CHN"}), ("Doklam", {"BTN", "CHN"}),
        ("Spratly Islands", {"CHN", "VNM", "PHL"}), ("Paracel Islands", {"CHN", "VNM"}),
        ("Senkaku Islands", {"JPN", "CHN"}), ("Diaoyu Islands", {"JPN", "CHN"}), ("Dokdo", {"KOR", "JPN"}),
        ("Kuril Islands", {"RUS", "JPN"}), ("Korean DMZ", {"PRK", "KOR"}), ("Shebaa Farms", {"LBN", "ISR"}),
        ("Abu Musa", {"IRN", "ARE"}), ("Greater Tunb", {"IRN", "ARE"}), ("Northern Cyprus", {"CYP", "TUR"}),
        ("Donetsk region", {"UKR", "RUS"}), ("Zaporizhzhia Nuclear Power Plant", {"UKR", "RUS"}),
        ("Essequibo", {"GUY", "VEN"}), ("Chagos Islands", {"GBR", "MUS"}), ("Sandžak", {"SRB", "MNE"}),
        ("Sheikh Jarrah", {"PSE", "ISR"}), ("Pahalgam", {"IND", "PAK"}),
    ],
)  # fmt: skip
def test_contested_place_names_no_one_state(form: str, states: set[str]) -> None:
    chosen = _chosen(form)
    assert chosen is not None and chosen.actor.kind is ActorKind.PLACE, form
    assert chosen.actor.home_state == "", (form, chosen.actor)
    assert states <= set(chosen.actor.states), (form, chosen.actor.states)


@pytest.mark.parametrize("form", ["Northern Province", "Eastern Province", "Guerrero", "Amazon", "Quebec"])
def test_names_several_places_share_are_not_claimed(form: str) -> None:
    """Names that several places share, or that are also a surname or a company, are left alone.

    "Northern Province" is a province of Sri Lanka, Zambia, Rwanda and Sierra Leone; "Guerrero" and
    "Amazon" are also a surname and a company; "Quebec" alone is left to GeoNames (the city).
    """
    assert all(c.actor.kind is not ActorKind.PLACE for c in shipped_lexicon().lookup(form))


@pytest.mark.parametrize(("form", "state"), [("Florida", "USA"), ("Ontario", "CAN"), ("Madeira", "PRT")])
def test_regions_beat_smaller_namesake_towns(form: str, state: str) -> None:
    # GeoNames' biggest town of each name lies elsewhere (Florida, Cuba; Ontario, California).
    chosen = _chosen(form)
    assert chosen is not None and chosen.actor.home_state == state, form


def test_every_place_is_sourced_and_coded() -> None:
    known = iso3_codes()
    places = load_places()
    assert len(places) >= 250
    for place in places:
        assert place.source.strip(), place.id
        assert place.type.strip(), place.id
        for code in (place.state, *place.states):
            if code:
                assert _ISO3.match(code) and code in known, (place.id, code)
        if place.qid:
            assert re.match(r"^Q[1-9][0-9]*$", place.qid), place.id


def test_no_two_places_share_a_form() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for place in load_places():
        for form in (place.name, *place.aliases):
            owners[form].add(place.id)
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert not shared


def test_a_place_never_displaces_a_state_or_group() -> None:
    """Places are added to the lexicon before the atlas, so a place alias equal to a state's name would
    win; the chosen actor for every place form must still be the state (or group) when one exists."""
    lexicon = shipped_lexicon()
    for place in load_places():
        for form in (place.name, *place.aliases):
            candidates = lexicon.lookup(form)
            others = [c for c in candidates if c.actor.kind is not ActorKind.PLACE]
            if others:
                chosen = choose(candidates, form=form)
                assert chosen is not None and chosen.actor.kind is not ActorKind.PLACE, (form, place.id)


def test_reading_places_an_event_in_its_state() -> None:
    """End to end: reading resolves region mentions to the places and keeps their states."""
    from faultlines.read import read_text

    model = read_text(
        "Rebels attacked an army base in Darfur on Monday. Police imposed a curfew in Punjab province. "
        "Chinese ships blocked a resupply mission near Second Thomas Shoal.",
        date=date(2024, 5, 1),
    )
    by_name = {a.name: a for a in model.actors}
    assert by_name["Darfur"].kind is ActorKind.PLACE and by_name["Darfur"].home_state == "SDN"
    punjab = [a for a in model.actors if a.id == "fl:place:punjab-pakistan"]
    assert punjab and punjab[0].home_state == "PAK"
    shoal = by_name["Second Thomas Shoal"]
    assert shoal.home_state == "" and "PHL" in shoal.states
