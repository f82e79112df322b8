"""gazetteer capability: who is who.

Sourced records of people and their offices, ethnic and religious groups, organisations, weapon
systems and sub-state places (``records``), used by reading to resolve mentions and by checking to
ask who held which office when; states and their names (``states``, from pyworldatlas) and the
resolution of a surface form to an actor (``resolve``).
"""

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
from faultlines.gazetteer.resolve import Candidate, Lexicon, build_lexicon, choose, shipped_lexicon
from faultlines.gazetteer.states import StateNames, state_actor, state_names

__all__ = [
    "VERIFIED_AS_OF",
    "Candidate",
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
