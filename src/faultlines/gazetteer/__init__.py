"""gazetteer capability: who is who.

Sourced records of people and their offices, ethnic and religious groups, organisations, weapon
systems and sub-state places (``records``), used by reading to resolve mentions and by checking to
ask who held which office when.
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
)

__all__ = [
    "VERIFIED_AS_OF",
    "Gazetteer",
    "Group",
    "Office",
    "Organisation",
    "PartialDate",
    "Person",
    "Place",
    "WeaponSystem",
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
]
