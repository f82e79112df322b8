"""From a mention in text to an actor: the gazetteer as spaCy patterns, and the choice among candidates.

The patterns go into an EntityRuler placed *before* the statistical NER, so a known name is never
re-labelled by the small model (it tags "Baku" as a person and "Barak" as a person; both are known
here as a capital and a weapon system). When one surface form names several actors ("Aliyev": the
father or the son; "Barak": a missile or a prime minister) the context and the document date decide.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from faultlines.gazetteer.records import Gazetteer, Person, load_dir, load_shipped
from faultlines.gazetteer.states import state_names
from faultlines.model import Actor, ActorKind

#: EntityRuler labels per actor kind; the NER's own labels are left for unknown names.
LABELS: dict[ActorKind, str] = {
    ActorKind.STATE: "FL_STATE",
    ActorKind.PERSON: "FL_PERSON",
    ActorKind.ETHNIC_GROUP: "FL_GROUP",
    ActorKind.RELIGIOUS_GROUP: "FL_GROUP",
    ActorKind.ORGANISATION: "FL_ORG",
    ActorKind.WEAPON_SYSTEM: "FL_WEAPON",
    ActorKind.PLACE: "FL_PLACE",
}

WEAPON_CONTEXT = re.compile(
    r"^\W*(?:[\w-]*\d[\w-]*\s+)?(missiles?|systems?|drones?|munitions?|air[- ]defen[cs]e|batter(y|ies)|"
    r"rockets?|aircraft|jets?|tanks?|interceptors?|launchers?|UAVs?)\b",
    re.I,
)


#: Weapon names that are also everyday words: read as weapons only when a weapon noun follows.
_COMMON_WORD_WEAPONS = frozenset(
    {"arrow", "patriot", "heron", "spike", "hermes", "javelin", "stinger", "hawk", "harpy", "tomahawk", "sling",
     "eitan", "lancet", "adir", "emad", "fattah", "qiam", "bavar", "neptune", "reaper", "triumf", "kochav"}
)  # fmt: skip
#: "Atlanta, Georgia" and "the U.S. state of Georgia" are not the country.
_US_GEORGIA_BEFORE = re.compile(
    r"(?:\b(?:Atlanta|Savannah|Augusta|Macon|Columbus|Athens|Marietta|Albany|Valdosta),\s*|U\.?S\.? state of\s+)$"
)
_US_GEORGIA_AFTER = re.compile(r"^\s*(?:state\b|,?\s*(?:USA|U\.S\.))")


#: Short forms news copy uses once the body is clear from the story (source: AP Stylebook, "Security
#: Council": "the Security Council" alone on second reference means the UN's). Form -> gazetteer id.
SHORT_FORMS: dict[str, str] = {
    "Security Council": "fl:org:unsc",
    "the Security Council": "fl:org:unsc",
    "General Assembly": "fl:org:unga",
    "U.N. General Assembly": "fl:org:unga",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor a surface form may name, and how (rule) and with what sector it names it."""

    actor: Actor
    sector: str
    rule: str
    person: Person | None = None


@dataclass(slots=True)
class Lexicon:
    """Surface forms -> candidate actors, plus the actors themselves by id."""

    forms: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    actors: dict[str, Actor] = field(default_factory=dict)

    def add(self, text: str, candidate: Candidate) -> None:
        text = text.strip()
        if len(text) < 2 or not any(ch.isalpha() for ch in text):
            return
        existing = self.forms[text]
        if all(c.actor.id != candidate.actor.id for c in existing):
            existing.append(candidate)
        self.actors.setdefault(candidate.actor.id, candidate.actor)

    def lookup(self, text: str) -> list[Candidate]:
        """Candidates for a surface form, trying it as written, then without 'the' and a possessive."""
        for form in _variants(text):
            if form in self.forms:
                return self.forms[form]
        return []

    def patterns(self) -> list[dict[str, object]]:
        """EntityRuler patterns: one per form, labelled with the kind of its first candidate."""
        return [
            {"label": LABELS[candidates[0].actor.kind], "pattern": form, "id": form}
            for form, candidates in self.forms.items()
            if candidates
        ]


def _variants(text: str) -> list[str]:
    text = text.strip()
    out = [text]
    stripped = re.sub(r"^(the|The)\s+", "", text)
    stripped = re.sub(r"(['’]s|['’])$", "", stripped).strip()
    if stripped != text:
        out.append(stripped)
    return out


def _add_gazetteer(lexicon: Lexicon, gazetteer: Gazetteer) -> None:
    for person in gazetteer.people:
        actor = person.to_actor()
        for form in (person.name, *person.aliases):
            lexicon.add(form, Candidate(actor, actor.sector, "gazetteer:person", person))
    for records, rule in (
        (gazetteer.groups, "gazetteer:group"),
        (gazetteer.organisations, "gazetteer:organisation"),
        (gazetteer.weapons, "gazetteer:weapon"),
        (gazetteer.places, "gazetteer:place"),
    ):
        for record in records:
            actor = record.to_actor()
            for form in (record.name, *record.aliases):
                lexicon.add(form, Candidate(actor, actor.sector, rule))


def build_lexicon(extra_dirs: Iterable[Path] = ()) -> Lexicon:
    """All known surface forms. Groups are added before state demonym nouns so that "Azerbaijanis"
    names the ethnic group (who live on both sides of the border) rather than the state."""
    lexicon = Lexicon()
    for directory in extra_dirs:
        _add_gazetteer(lexicon, load_dir(Path(directory)))
    _add_gazetteer(lexicon, load_shipped())
    for form, actor_id in SHORT_FORMS.items():
        known = lexicon.actors.get(actor_id)
        if known is not None and form not in lexicon.forms:
            lexicon.add(form, Candidate(known, known.sector, "gazetteer:short-form"))
    for names in state_names().values():
        actor = names.actor
        for form in names.names:
            lexicon.add(form, Candidate(actor, "GOV", "atlas:name"))
        for form in names.adjectives:
            lexicon.add(form, Candidate(actor, "", "atlas:demonym"))
        for form in names.capitals:
            if form not in lexicon.forms:
                lexicon.add(form, Candidate(actor, "GOV", "atlas:capital-metonym"))
        for form in names.nouns:
            if form not in lexicon.forms:
                lexicon.add(form, Candidate(actor, "PPL", "atlas:demonym-noun"))
    return lexicon


@cache
def shipped_lexicon() -> Lexicon:
    """The lexicon of the shipped gazetteer (built once per process)."""
    return build_lexicon()


def choose(
    candidates: list[Candidate],
    *,
    following: str = "",
    preceding: str = "",
    on: date | None = None,
    form: str = "",
) -> Candidate | None:
    """Pick the actor a surface form names here.

    Context first: a weapon reading when a weapon noun follows ("Barak missile systems"), else not a
    weapon. Then, among people, the one in office on the document date, else the most recent one.
    """
    if not candidates:
        return None
    if any(c.actor.home_state == "GEO" and c.actor.kind is ActorKind.STATE for c in candidates) and (
        _US_GEORGIA_BEFORE.search(preceding) or _US_GEORGIA_AFTER.match(following)
    ):
        return None
    if len(candidates) == 1:
        only = candidates[0]
        if (
            only.actor.kind is ActorKind.WEAPON_SYSTEM
            and form.lower() in _COMMON_WORD_WEAPONS
            and not WEAPON_CONTEXT.match(following)
        ):
            return None
        return only
    weapons = [c for c in candidates if c.actor.kind is ActorKind.WEAPON_SYSTEM]
    others = [c for c in candidates if c.actor.kind is not ActorKind.WEAPON_SYSTEM]
    if weapons and (WEAPON_CONTEXT.match(following) or not others):
        return weapons[0]
    pool = others or candidates
    people = [c for c in pool if c.person is not None]
    if people and len(people) == len(pool):
        if on is not None:
            in_office = [c for c in people if any(o.holds_on(on) for o in c.person.offices)]  # type: ignore[union-attr]
            if len(in_office) >= 1:
                return in_office[0]
        return max(people, key=lambda c: max((o.start.earliest for o in c.person.offices), default=date.min))  # type: ignore[union-attr]
    states = [c for c in pool if c.actor.kind is ActorKind.STATE]
    return states[0] if states else pool[0]
