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


_WORD = re.compile(r"\w+(?:[-.]\w+)*")
_POSSESSIVE = re.compile(r"'s$")
_PUNCT = re.compile(r"[^\w ]+")


def _norm(text: str) -> str:
    text = _POSSESSIVE.sub("", text.replace("’", "'").lower())
    return " ".join(_PUNCT.sub(" ", text).split())


class PeopleIndex:
    """Names and aliases of people mapped to their records, for matching text.

    Surnames alone ("Raisi") are indexed too; an ambiguous one ("Aliyev": Heydar and Ilham) yields
    every candidate, and the check keeps the one whose record fits the claim. Matching looks up runs of
    words in a dictionary (longest first) instead of one huge regular expression: it is the hot path.
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
        names.pop("", None)
        self.names = names
        self.max_words = max((len(n.split()) for n in names), default=0)

    def find(self, text: str) -> list[tuple[int, int, list[Any]]]:
        """Spans of person names in ``text`` with the candidate records for each (longest match wins)."""
        out: list[tuple[int, int, list[Any]]] = []
        tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        i = 0
        while i < len(tokens):
            start = tokens[i][0]
            if not text[start].isupper():
                i += 1
                continue
            for n in range(min(self.max_words, len(tokens) - i), 0, -1):
                end = tokens[i + n - 1][1]
                if "\n" in text[start:end]:
                    continue
                ids = self.names.get(_norm(text[start:end]))
                if ids:
                    out.append((start, end, [self.by_id[k] for k in sorted(ids)]))
                    i += n
                    break
            else:
                i += 1
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
