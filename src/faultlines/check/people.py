"""The gazetteer's people, seen from check: find a person by name, their offices, their attributes.

Heads of state and government, ministers, birthplaces and ethnicity live in the gazetteer
(``faultlines.gazetteer``); check never keeps a second copy. This module only adds the look-ups a
claim needs: which person a name in a sentence refers to, and who held an office on a day.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from faultlines.gazetteer import PartialDate, Person, load_people, normalise_office, office_holders


def parse_partial(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with the gazetteer's ``PartialDate``."""
    return PartialDate.parse(text)


@lru_cache(maxsize=1)
def shipped_people() -> tuple[Person, ...]:
    """The people the gazetteer ships (cached: the files are read once per process)."""
    return tuple(load_people())


_TITLE_WORDS = frozenset(
    {"president", "prime", "supreme", "chancellor", "king", "emir", "minister", "foreign", "defence", "defense", "vice"}
)


def _norm(text: str) -> str:
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s$", "", text)
    return re.sub(r"[^a-z0-9 ]+", " ", text).strip()


class PeopleIndex:
    """Names and aliases of people mapped to their records, for matching text.

    Surnames alone ("Raisi") are indexed too, but only when they name a single person, so that
    "Aliyev" (Heydar and Ilham) never silently picks one of them.
    """

    def __init__(self, people: Iterable[Any]) -> None:
        self.people: tuple[Any, ...] = tuple(people)
        self.by_id = {p.id: p for p in self.people}
        names: dict[str, set[str]] = {}
        for person in self.people:
            for name in (person.name, *person.aliases):
                key = _norm(name)
                if key.startswith("the ") or key.split(" ")[0] in _TITLE_WORDS:
                    continue  # "President Raisi" is a title and a name: the claim extractor reads both
                names.setdefault(key, set()).add(person.id)
        surnames: dict[str, set[str]] = {}
        for person in self.people:
            last = _norm(person.name).split()[-1] if person.name else ""
            if last:
                surnames.setdefault(last, set()).add(person.id)
        for last, ids in surnames.items():
            names.setdefault(last, set()).update(ids)
        self.names = names
        longest = sorted((n for n in names if n), key=len, reverse=True)
        self.pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in longest) + r")\b", re.I) if longest else None

    def find(self, text: str) -> list[tuple[int, int, list[Any]]]:
        """Spans of person names in ``text`` with the candidate records for each (longest match wins)."""
        if self.pattern is None:
            return []
        out: list[tuple[int, int, list[Any]]] = []
        normalised = text.replace("’", "'")
        for match in self.pattern.finditer(normalised):
            word = match.group(0)
            if not word[:1].isupper():
                continue
            ids = self.names.get(_norm(word), set())
            if ids:
                out.append((match.start(), match.end(), [self.by_id[i] for i in sorted(ids)]))
        return out

    def lookup(self, name: str) -> list[Any]:
        """Records whose name, alias or (unique) surname is ``name``."""
        return [self.by_id[i] for i in sorted(self.names.get(_norm(name), set()))]


def office_terms(person: Any, office: str, state: str = "") -> list[Any]:
    """The person's terms in ``office`` (case-insensitive; "defense" = "defence"), optionally in ``state``."""
    wanted = normalise_office(office)
    return [
        term
        for term in person.offices
        if normalise_office(term.office) == wanted and (not state or term.state == state)
    ]


def holders_on(state: str, office: str, day: Any, people: Iterable[Any]) -> list[Any]:
    """Who held ``office`` in ``state`` on ``day``, through the gazetteer's own query."""
    return list(office_holders(state, office, day, people=people))
