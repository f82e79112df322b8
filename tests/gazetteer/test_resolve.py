"""Choosing the actor a surface form names: context and document date decide."""

from __future__ import annotations

from datetime import date

from faultlines.gazetteer import Candidate, choose, load_people, shipped_lexicon
from faultlines.model import ActorKind


def _choose(form: str, *, following: str = "", preceding: str = "", on: date | None = None):  # type: ignore[no-untyped-def]
    return choose(shipped_lexicon().lookup(form), following=following, preceding=preceding, on=on, form=form)


def test_barak_is_a_missile_before_a_weapon_noun() -> None:
    chosen = _choose("Barak", following=" missile systems")
    assert chosen is not None and chosen.actor.kind is ActorKind.WEAPON_SYSTEM and chosen.actor.home_state == "ISR"


def test_common_word_weapons_need_a_weapon_noun() -> None:
    assert _choose("Lancet", following=" published a study") is None
    chosen = _choose("Patriot", following=" batteries arrived")
    assert chosen is not None and chosen.actor.kind is ActorKind.WEAPON_SYSTEM


def test_georgia_the_us_state_is_not_the_country() -> None:
    assert _choose("Georgia", preceding="Officials in Atlanta, ") is None
    assert _choose("Georgia", following=" state lawmakers met") is None
    chosen = _choose("Georgia", preceding="Russia invaded ")
    assert chosen is not None and chosen.actor.home_state == "GEO"


def test_capital_names_the_government() -> None:
    chosen = _choose("Baku")
    assert chosen is not None and chosen.actor.name == "Azerbaijan" and chosen.sector == "GOV"


def test_a_shared_name_goes_to_the_person_in_office_on_the_date() -> None:
    people = {p.name: p for p in load_people() if p.name in ("Heydar Aliyev", "Ilham Aliyev")}
    candidates = [Candidate(p.to_actor(), "GOV", "gazetteer:person", p) for p in people.values()]
    later = choose(candidates, on=date(2020, 1, 1))
    earlier = choose(candidates, on=date(1995, 1, 1))
    assert later is not None and later.actor.name == "Ilham Aliyev"
    assert earlier is not None and earlier.actor.name == "Heydar Aliyev"
    undated = choose(candidates)  # without a date, the most recent office holder
    assert undated is not None and undated.actor.name == "Ilham Aliyev"


def test_names_writers_use_that_the_atlas_lacks() -> None:
    expected = {"Macedonia": "MKD", "Ivorian": "CIV", "Cote d'Ivoire": "CIV", "Holland": "NLD", "Palestinian": "PSE"}
    for form, code in expected.items():
        chosen = _choose(form)
        assert chosen is not None and chosen.actor.home_state == code, form
