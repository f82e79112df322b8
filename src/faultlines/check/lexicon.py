"""Compiled patterns for the words claims are made of: states, organisations, groups, religions, offices.

States come from the gazetteer's atlas (``faultlines.gazetteer.state_names()``: every state), plus the
few forms ``check/data/lexicon.yaml`` adds; organisations, groups, religions and offices come from that
file. Built once per reference base; finding them in a sentence is
a handful of regular-expression scans, with no NLP model, so checking stays fast on large corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Hit:
    """One lexicon word found in a text: offsets, the canonical key and how it was written."""

    start: int
    end: int
    key: str
    form: str
    text: str


#: State names that are also given names: followed by a capitalised word they name a person.
GIVEN_NAMES = frozenset({"Chad", "Jordan", "Georgia", "India", "Israel", "Kenya", "Niger"})
_SURNAME = re.compile(r" (?!(?:Valley|River|Defen[cs]e|Forces|Army|Government|Ministry|Republic)\b)[A-Z][a-z]")


@lru_cache(maxsize=1)
def atlas_state_forms() -> dict[str, tuple[str, str]]:
    """Every state's names, adjectival demonyms and capitals from ``faultlines.gazetteer.state_names()``
    (pyworldatlas), as ``form -> (ISO3, "name" | "demonym" | "capital")``.

    Forms shared by several states ("Korean", "Congo", "Dominican") are left out: which state they mean
    is not decidable from the word; ``lexicon.yaml``'s ``state_extras`` pins the ones with a usual
    reading ("French", "Chinese"). Historical states without an ISO code are left out too.
    """
    from faultlines.gazetteer import state_names

    owners: dict[str, dict[str, str]] = {}
    for iso3, names in state_names().items():
        if not (len(iso3) == 3 and iso3.isalpha() and iso3.isupper()):
            continue
        capitals = set(names.capitals)
        for word in {*names.names, *names.capitals}:
            owners.setdefault(word, {})[iso3] = "capital" if word in capitals else "name"
        for word in names.adjectives:
            owners.setdefault(word, {}).setdefault(iso3, "demonym")
    return {word: next(iter(by.items())) for word, by in owners.items() if len(by) == 1 and word.strip()}


def _alternation(words: dict[str, str], *, case: bool = True) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<!\w)({body})(?!\w)", 0 if case else re.I)


class Lexicon:
    """Finds states (names, demonyms, capitals), organisations, groups, religions and office titles."""

    def __init__(self, data: dict[str, Any], *, atlas: bool = True) -> None:
        self.state_forms: dict[str, tuple[str, str]] = {}
        # explicit forms first ("states", then the "state_extras" the atlas lacks or shares between
        # states), then every state of the gazetteer's atlas: one list of states for read and check
        for section in ("states", "state_extras"):
            for iso3, entry in (data.get(section) or {}).items():
                for form in ("names", "demonyms", "capitals"):
                    for word in entry.get(form, []) or []:
                        self.state_forms.setdefault(str(word), (iso3, form[:-1]))
        if atlas:
            for word, value in atlas_state_forms().items():
                self.state_forms.setdefault(word, value)
        self.orgs = {str(w): k for k, words in data.get("organisations", {}).items() for w in words}
        self.groups = {str(w): k for k, words in data.get("groups", {}).items() for w in words}
        adjectives = {str(w): k for k, words in data.get("group_adjectives", {}).items() for w in words}
        for adjective, key in adjectives.items():
            for noun in ("minority", "community", "population", "diaspora"):
                self.groups.setdefault(f"{adjective} {noun}", key)
        self.religions = {str(w): k for k, words in data.get("religions", {}).items() for w in words}
        self.offices = {str(w): k for k, words in data.get("offices", {}).items() for w in words}
        self.complete_orgs = frozenset({"NATO", "EU", "CSTO", "SCO", "OTS", "GCC", "CIS", "EAEU", "BRICS", "GUAM"})
        self._states = _alternation({w: w for w in self.state_forms})
        self._orgs = _alternation(self.orgs)
        self._groups = _alternation(self.groups)

    def states(self, text: str, forms: tuple[str, ...] = ("name", "demonym", "capital")) -> list[Hit]:
        """State mentions; 'US' only in capitals, demonym 'Persian' only before a noun."""
        out: list[Hit] = []
        for m in self._states.finditer(text.replace("’", "'")):
            word = m.group(1)
            iso3, form = self.state_forms[word]
            if form not in forms:
                continue
            if word in {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K."} and not text[m.start() : m.end()].isupper():
                continue
            if word == "Georgia" and re.match(r"\s*(state|USA)\b", text[m.end() :]):
                continue
            if word in GIVEN_NAMES and _SURNAME.match(text, m.end()):
                continue  # "Chad Smith", "Jordan Bardella": a person, not the state
            out.append(Hit(m.start(), m.end(), iso3, form, word))
        return out

    def orgs_in(self, text: str) -> list[Hit]:
        return [Hit(m.start(), m.end(), self.orgs[m.group(1)], "org", m.group(1)) for m in self._orgs.finditer(text)]

    def groups_in(self, text: str) -> list[Hit]:
        return [
            Hit(m.start(), m.end(), self.groups[m.group(1)], "group", m.group(1))
            for m in self._groups.finditer(text.replace("’", "'"))
        ]

    def office_pattern(self) -> str:
        return "|".join(re.escape(w) for w in sorted(self.offices, key=len, reverse=True))

    def demonym_pattern(self) -> str:
        words = [w for w, (_, form) in self.state_forms.items() if form in {"demonym", "name"}]
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    def state_of(self, word: str) -> str:
        entry = self.state_forms.get(word.replace("’", "'").removesuffix("'s"))
        return entry[0] if entry else ""
