"""gazetteer capability: who is who.

Sourced records of people and their offices, ethnic and religious groups, organisations, weapon
systems and sub-state places (``records``), used by reading to resolve mentions and by checking to
ask who held which office when; states and their names (``states``, from pyworldatlas) and the
resolution of a surface form to an actor (``resolve``); towns and the states they lie in, from GeoNames
(``cities``).
"""

from faultlines.gazetteer.cities import SOURCE as CITY_SOURCE
from faultlines.gazetteer.cities import City, city_named, fold
from faultlines.gazetteer.records import (
    VERIFIED_AS_OF,
    Gazetteer,
    Group,
    Office,
    Organisation,
    PartialDate,
    Person,
    Place,
    WeaponSystem,
    load_extra,
    load_groups,
    load_organisations,
    load_people,
    load_places,
    load_shipped,
    load_weapons,
    normalise_office,
    office_holders,
    offices_of,
    person_by_id,
    slug,
)
from faultlines.gazetteer.resolve import WEAPON_CONTEXT, Candidate, Lexicon, build_lexicon, choose, shipped_lexicon
from faultlines.gazetteer.states import EXTRA_STATES, StateNames, state_actor, state_names

__all__ = [
    "CITY_SOURCE",
    "EXTRA_STATES",
    "VERIFIED_AS_OF",
    "WEAPON_CONTEXT",
    "Candidate",
    "City",
    "Gazetteer",
    "Group",
    "Lexicon",
    "Office",
    "Organisation",
    "PartialDate",
    "Person",
    "Place",
    "StateNames",
    "WeaponSystem",
    "build_lexicon",
    "choose",
    "city_named",
    "fold",
    "load_extra",
    "load_groups",
    "load_organisations",
    "load_people",
    "load_places",
    "load_shipped",
    "load_weapons",
    "normalise_office",
    "office_holders",
    "offices_of",
    "person_by_id",
    "shipped_lexicon",
    "slug",
    "state_actor",
    "state_names",
]
