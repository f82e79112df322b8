"""Where actors sit on the map: world-atlas ids (ISO numeric) and capital anchors."""

from __future__ import annotations

from faultlines.gazetteer import state_actor
from faultlines.show.views import actor_places, place_anchors


def test_an_atlas_state_sits_at_its_numeric_id_and_capital() -> None:
    iran = state_actor("IRN")
    assert iran is not None
    assert actor_places(iran) == ["364"]
    lon, lat = place_anchors([{"places": ["364"]}])["364"]
    assert 51 < lon < 52 and 35 < lat < 36  # Tehran


def test_a_state_the_atlas_lacks_is_still_on_the_map() -> None:
    taiwan = state_actor("TWN")  # not in pyworldatlas; world-atlas draws it as feature 158
    assert taiwan is not None
    assert actor_places(taiwan) == ["158"]
    lon, lat = place_anchors([{"places": ["158"]}])["158"]
    assert 121 < lon < 122 and 24.5 < lat < 25.5  # Taipei, from GeoNames
