"""World coverage of the gazetteer: states the atlas lacks, demonyms it garbles, groups beyond the Caucasus.

Each test names forms a world-news reader meets; a gap here means a mention silently resolves to nothing
or to the wrong actor.
"""

from __future__ import annotations

import pytest

from faultlines.gazetteer import choose, load_groups, shipped_lexicon, state_names
from faultlines.model import ActorKind


def _chosen(form: str):  # type: ignore[no-untyped-def]
    return choose(shipped_lexicon().lookup(form), form=form)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Taiwan", "TWN"), ("Taipei", "TWN"), ("Taiwanese", "TWN"), ("Republic of China", "TWN"),
        ("Kosovo", "XKX"), ("Pristina", "XKX"), ("Kosovar", "XKX"),
        ("Kyrgyz", "KGZ"), ("Kampuchean", "KHM"), ("Nepalese", "NPL"), ("North Korean", "PRK"),
        ("South Koreans", "KOR"), ("Netherlands", "NLD"), ("the Netherlands", "NLD"), ("Yugoslavia", "YUG"),
        ("East Germany", "DDR"), ("West Germany", "DEU"), ("Kiev", "UKR"), ("Bogota", "COL"), ("Delhi", "IND"),
        ("Argentinian", "ARG"), ("Cape Verdean", "CPV"), ("Hong Kongers", "HKG"),
    ],
)  # fmt: skip
def test_states_and_demonyms_the_atlas_lacks_resolve(form: str, code: str) -> None:
    chosen = _chosen(form)
    assert chosen is not None, form
    assert chosen.actor.kind is ActorKind.STATE and chosen.actor.home_state == code, (form, chosen.actor)


def test_people_s_republic_stays_china() -> None:
    chosen = _chosen("People's Republic of China")
    assert chosen is not None and chosen.actor.home_state == "CHN"


def test_taiwan_is_named_like_an_atlas_state() -> None:
    taiwan = state_names()["TWN"]
    assert taiwan.actor.qid == "Q865" and taiwan.actor.source
    assert "Taipei" in taiwan.capitals and "Taiwanese" in taiwan.adjectives
    assert taiwan.actor.sector == "GOV"


def test_extra_states_do_not_displace_atlas_capitals() -> None:
    chosen = _chosen("Belgrade")
    assert chosen is not None and chosen.actor.home_state == "SRB"


@pytest.mark.parametrize(
    ("form", "group", "state"),
    [
        ("Tamils", "Tamils", "LKA"), ("Tamil", "Tamils", "LKA"), ("Rohingya", "Rohingya", "MMR"),
        ("Hutu", "Hutu", "RWA"), ("Ibo", "Igbo", "NGA"), ("Amazigh", "Berbers", "MAR"), ("Sikhs", "Sikhs", "IND"),
        ("Bosniaks", "Bosniaks", "BIH"), ("Tigrayans", "Tigrayans", "ETH"), ("Flemish", "Flemings", "BEL"),
        ("Kurdish", "Kurds", "IRQ"), ("Arakanese", "Rakhine people", "MMR"), ("Hazaras", "Hazaras", "PAK"),
    ],
)  # fmt: skip
def test_world_groups_resolve_with_their_homelands(form: str, group: str, state: str) -> None:
    chosen = _chosen(form)
    assert chosen is not None, form
    assert chosen.actor.kind in (ActorKind.ETHNIC_GROUP, ActorKind.RELIGIOUS_GROUP), (form, chosen.actor)
    assert chosen.actor.name == group and state in chosen.actor.states


@pytest.mark.parametrize("form", ["Moslem", "Moslems"])
def test_old_spellings_of_muslims(form: str) -> None:
    chosen = _chosen(form)
    assert chosen is not None and chosen.actor.name == "Muslims"


@pytest.mark.parametrize(
    ("form", "code"),
    [("Albanians", "ALB"), ("Somalis", "SOM"), ("Hungarians", "HUN"), ("Bosnians", "BIH"), ("Burmese", "MMR"),
     ("Mongolians", "MNG"), ("Malaysians", "MYS"), ("Sahrawis", "ESH"), ("Serbs", "SRB")],
)  # fmt: skip
def test_groups_do_not_shadow_state_demonyms(form: str, code: str) -> None:
    chosen = _chosen(form)
    assert chosen is not None and chosen.actor.kind is ActorKind.STATE and chosen.actor.home_state == code, form


@pytest.mark.parametrize("form", ["Karen", "Chin", "Han", "Hui", "Luo", "Moro", "Zaidi", "Ahmadi", "Sami", "Maya"])
def test_personal_names_are_not_group_aliases(form: str) -> None:
    """Bare forms that are common first names or surnames would turn "Karen Bass" into an ethnic group."""
    assert all(
        c.actor.kind not in (ActorKind.ETHNIC_GROUP, ActorKind.RELIGIOUS_GROUP) for c in shipped_lexicon().lookup(form)
    )


def test_every_group_names_a_source_and_a_known_kind() -> None:
    groups = load_groups()
    assert len(groups) >= 150
    for group in groups:
        assert group.source.strip(), group.id
        assert group.kind in ("ethnic_group", "religious_group"), group.id
        assert group.name not in group.aliases, group.id


def test_no_group_form_names_two_groups() -> None:
    """One surface form naming two groups would make the choice between them arbitrary."""
    owner: dict[str, str] = {}
    clashes = []
    for group in load_groups():
        for form in (group.name, *group.aliases):
            if owner.setdefault(form, group.id) != group.id:
                clashes.append((form, owner[form], group.id))
    assert not clashes


@pytest.mark.parametrize(("form", "code"), [("Korean", "KOR"), ("Koreans", "KOR"), ("Dominican", "DOM")])
def test_shared_demonyms_name_the_state_news_copy_means(form: str, code: str) -> None:
    """The atlas gives "Korean" to both Koreas and "Dominican" to Dominica too; the first listed won."""
    candidates = shipped_lexicon().lookup(form)
    assert [c.actor.home_state for c in candidates if c.actor.kind is ActorKind.STATE] == [code]


def test_a_world_news_paragraph_reads_to_these_actors() -> None:
    """End to end through the reading pipeline: the EntityRuler carries the new forms, longest first."""
    from datetime import date

    from faultlines.read.pipeline import read_text

    text = (
        "The People's Republic of China warned Taipei after Taiwanese officials met Kosovar diplomats. "
        "Rohingya refugees and Fulani herders were displaced. Karen Bass spoke in Los Angeles."
    )
    model = read_text(text, title="coverage", date=date(2025, 6, 1))
    actors = {a.id: a for a in model.actors}
    found = {m.span.text: actors[m.actor_id] for m in model.mentions if m.actor_id in actors}
    assert found["People's Republic of China"].home_state == "CHN"
    assert found["Taipei"].home_state == "TWN"
    assert any(text.startswith("Taiwanese") and a.home_state == "TWN" for text, a in found.items())
    assert any(a.home_state == "XKX" for a in found.values())
    assert any(a.name == "Rohingya" for a in found.values()) and any(a.name == "Fulani" for a in found.values())
    assert all(a.kind is not ActorKind.ETHNIC_GROUP for text, a in found.items() if text.startswith("Karen"))
