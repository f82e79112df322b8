"""World coverage of the gazetteer: states the atlas lacks, demonyms it garbles, groups beyond the Caucasus.

Each test names forms a world-news reader meets; a gap here means a mention silently resolves to nothing
or to the wrong actor.
"""

from __future__ import annotations

import pytest

from faultlines.gazetteer import choose, shipped_lexicon, state_names
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
        ("East Germany", "DDR"), ("West Germany", "DEU"),
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
