"""Sourced who-is-who records: people and their offices, groups, organisations, weapons, places.

Reading resolves mentions against these records and checking asks them who held which office when,
so every record names its public source and a malformed file fails loudly, naming the file, line and
field, instead of silently dropping entries. The shipped files live in ``gazetteer/data/``; a user's
own files in the same format load with :func:`load_extra`.

Dates may be partial (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): we record only the precision a
source supports, and :class:`PartialDate` turns it into the earliest and latest day it allows.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from faultlines.errors import E, FaultlinesError
from faultlines.model import Actor, ActorKind

DATA_DIR = Path(__file__).parent / "data"

#: The day the shipped files were last checked against their sources. A term with no end date
#: means "in office when last checked", not a promise about later days.
VERIFIED_AS_OF = date(2025, 6, 30)

GROUP_KINDS = frozenset({"ethnic_group", "religious_group"})
SECTORS = frozenset(
    {"GOV", "MIL", "SPY", "IGO", "NGO", "BUS", "REB", "PTY", "ETH", "REL", "MED", "EDU", "JUD", "LEG"}
)
END_REASONS = frozenset(
    {"", "died", "killed", "resigned", "dismissed", "overthrown", "term_ended", "succeeded", "abolished"}
)
_QID = re.compile(r"^Q[1-9][0-9]*$")
#: libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --------------------------------------------------------------------------- partial dates


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month}")
        if day is not None:
            try:
                date(year, month or 1, day)
            except ValueError as exc:
                raise ValueError(f"'{text}' is not a real date ({exc})") from exc
        return cls(year, month, day)

    @property
    def earliest(self) -> date:
        """The first day this date allows."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date:
        """The last day this date allows."""
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Office:
    """One term in one office: "President of IRN from 2021-08-03 to 2024-05-19".

    ``state`` is the ISO3 code of the state the office belongs to; for an office of an
    international body (NATO Secretary General) it is ``""`` and ``organisation`` names the body's id.

    ``end`` is ``None`` while the term runs (as of :data:`VERIFIED_AS_OF`). ``acting`` marks a
    caretaker or interim holder; ``end_reason`` says why a term ended where that matters to a check
    (``died``, ``killed``, ``overthrown``, ``resigned``...).
    """

    office: str
    state: str
    start: PartialDate
    end: PartialDate | None
    source: str
    acting: bool = False
    end_reason: str = ""
    organisation: str = ""
    note: str = ""

    def holds_on(self, day: date, *, strict: bool = False) -> bool:
        """Whether the term covers ``day``.

        With partial dates the boundary is fuzzy: by default a term counts when it *may* cover the
        day (start's earliest day ≤ day ≤ end's latest day); ``strict=True`` asks that it surely
        does. Both start and end days count as in office, since handovers happen within a day.
        """
        start = self.start.latest if strict else self.start.earliest
        if day < start:
            return False
        if self.end is None:
            return True
        end = self.end.earliest if strict else self.end.latest
        return day <= end


@dataclass(frozen=True, slots=True)
class Person:
    """A person analysts write about, with the offices they held."""

    id: str
    name: str
    state: str
    source: str
    aliases: tuple[str, ...] = ()
    qid: str = ""
    born: PartialDate | None = None
    died: PartialDate | None = None
    birthplace: str = ""
    death_place: str = ""
    death_cause: str = ""
    ethnicity: str = ""
    ethnicity_source: str = ""
    offices: tuple[Office, ...] = ()
    note: str = ""

    def to_actor(self) -> Actor:
        """The vocabulary's view of this person (home state = the state they serve)."""
        return Actor(
            id=self.id, name=self.name, kind=ActorKind.PERSON, qid=self.qid, home_state=self.state,
            sector="GOV" if self.offices else "", aliases=self.aliases, source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Group:
    """An ethnic or religious group and the states it mainly lives in."""

    id: str
    name: str
    kind: str
    source: str
    aliases: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    religion: str = ""
    qid: str = ""
    note: str = ""

    def to_actor(self) -> Actor:
        kind = ActorKind.ETHNIC_GROUP if self.kind == "ethnic_group" else ActorKind.RELIGIOUS_GROUP
        return Actor(
            id=self.id, name=self.name, kind=kind, qid=self.qid,
            home_state=self.states[0] if len(self.states) == 1 else "",
            sector="ETH" if kind is ActorKind.ETHNIC_GROUP else "REL",
            states=self.states, aliases=self.aliases, source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Organisation:
    """A government body, armed force, agency, alliance, company or armed group."""

    id: str
    name: str
    home_state: str
    sector: str
    source: str
    aliases: tuple[str, ...] = ()
    qid: str = ""
    parent: str = ""
    members: tuple[str, ...] = ()
    note: str = ""

    def to_actor(self) -> Actor:
        return Actor(
            id=self.id, name=self.name, kind=ActorKind.ORGANISATION, qid=self.qid,
            home_state=self.home_state, sector=self.sector, states=self.members,
            aliases=self.aliases, source=self.source,
        )


@dataclass(frozen=True, slots=True)
class WeaponSystem:
    """A weapon system and the state whose industry makes it."""

    id: str
    name: str
    maker: str
    type: str
    source: str
    aliases: tuple[str, ...] = ()
    manufacturer: str = ""
    qid: str = ""
    note: str = ""

    def to_actor(self) -> Actor:
        return Actor(
            id=self.id, name=self.name, kind=ActorKind.WEAPON_SYSTEM, qid=self.qid,
            home_state=self.maker, sector="MIL", aliases=self.aliases, source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A sub-state place or region that is not itself a state (Nagorno-Karabakh, the Caspian Sea)."""

    id: str
    name: str
    state: str
    type: str
    source: str
    aliases: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    qid: str = ""
    note: str = ""

    def to_actor(self) -> Actor:
        return Actor(
            id=self.id, name=self.name, kind=ActorKind.PLACE, qid=self.qid, home_state=self.state,
            states=self.states, aliases=self.aliases, source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything one directory (or the shipped data) holds, by kind."""

    people: tuple[Person, ...] = ()
    groups: tuple[Group, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    weapons: tuple[WeaponSystem, ...] = ()
    places: tuple[Place, ...] = ()
    files: tuple[str, ...] = field(default=())

    def actors(self) -> list[Actor]:
        """Every record as a vocabulary :class:`~faultlines.model.Actor`."""
        out: list[Actor] = []
        for records in (self.people, self.groups, self.organisations, self.weapons, self.places):
            out.extend(r.to_actor() for r in records)
        return out


# --------------------------------------------------------------------------- YAML with line numbers


@dataclass(slots=True)
class _Field:
    value: Any
    line: int


class _Reader:
    """Turns a composed YAML node tree into values while remembering each field's line."""

    def __init__(self, path: Path, valid_states: frozenset[str] | None) -> None:
        self.path = path
        self.valid_states = valid_states

    def fail(self, line: int, name: str, reason: str) -> FaultlinesError:
        return FaultlinesError(E.E030, path=str(self.path), line=line, field=name, reason=reason)

    def records(self) -> list[tuple[int, dict[str, _Field]]]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FaultlinesError(E.E031, path=str(self.path), reason=f"cannot be read: {exc}") from exc
        try:
            root = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 0
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.fail(line, "-", f"not valid YAML: {problem}") from exc
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            raise self.fail(root.start_mark.line + 1, "-", "the file must be a list of records")
        out = []
        for item in root.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                raise self.fail(line, "-", "each record must be a mapping of field: value")
            out.append((line, self.mapping(item)))
        return out

    def mapping(self, node: yaml.MappingNode) -> dict[str, _Field]:
        fields: dict[str, _Field] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise self.fail(line, "-", "field names must be plain text")
            if key in fields:
                raise self.fail(line, key, "field given twice in one record")
            fields[key] = _Field(self.value(value_node), value_node.start_mark.line + 1)
        return fields

    def value(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return [_Field(self.value(n), n.start_mark.line + 1) for n in node.value]
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "null":
            return None
        if tag == "bool":
            return node.value.lower() in {"true", "yes", "on"}
        return node.value  # ints and timestamps stay text: dates are parsed as partial dates

    # -- typed getters -------------------------------------------------------------------------

    def text(self, rec: dict[str, _Field], name: str, line: int, *, required: bool = False) -> str:
        f = rec.get(name)
        if f is None or f.value is None or f.value == "":
            if required:
                raise self.fail(f.line if f else line, name, "required and missing or empty")
            return ""
        if not isinstance(f.value, str):
            raise self.fail(f.line, name, "must be text")
        return f.value.strip()

    def texts(self, rec: dict[str, _Field], name: str) -> tuple[str, ...]:
        f = rec.get(name)
        if f is None or f.value is None:
            return ()
        if not isinstance(f.value, list):
            raise self.fail(f.line, name, "must be a list")
        out = []
        for item in f.value:
            if not isinstance(item.value, str) or not item.value.strip():
                raise self.fail(item.line, name, "every item must be non-empty text")
            out.append(item.value.strip())
        return tuple(out)

    def flag(self, rec: dict[str, _Field], name: str) -> bool:
        f = rec.get(name)
        if f is None or f.value is None:
            return False
        if not isinstance(f.value, bool):
            raise self.fail(f.line, name, "must be true or false")
        return f.value

    def when(self, rec: dict[str, _Field], name: str, line: int, *, required: bool = False) -> PartialDate | None:
        f = rec.get(name)
        if f is None or f.value is None:
            if required:
                raise self.fail(f.line if f else line, name, "required date is missing")
            return None
        if not isinstance(f.value, str):
            raise self.fail(f.line, name, "must be a date YYYY, YYYY-MM or YYYY-MM-DD")
        try:
            return PartialDate.parse(f.value)
        except ValueError as exc:
            raise self.fail(f.line, name, str(exc)) from exc

    def state(self, rec: dict[str, _Field], name: str, line: int, *, required: bool = False) -> str:
        value = self.text(rec, name, line, required=required)
        if value:
            self.check_state(value, rec[name].line, name)
        return value

    def states(self, rec: dict[str, _Field], name: str) -> tuple[str, ...]:
        values = self.texts(rec, name)
        for item, value in zip(rec[name].value if name in rec else [], values, strict=False):
            self.check_state(value, item.line, name)
        return values

    def check_state(self, value: str, line: int, name: str) -> None:
        if not _ISO3.match(value):
            raise self.fail(line, name, f"'{value}' is not an ISO 3166 alpha-3 code such as IRN")
        if self.valid_states is not None and value not in self.valid_states:
            raise self.fail(line, name, f"'{value}' is not a known ISO 3166 alpha-3 code")

    def qid(self, rec: dict[str, _Field], line: int) -> str:
        value = self.text(rec, "qid", line)
        if value and not _QID.match(value):
            raise self.fail(rec["qid"].line, "qid", f"'{value}' is not a Wikidata QID such as Q794")
        return value

    def ident(self, rec: dict[str, _Field], line: int, prefix: str, name: str, qid: str) -> str:
        """An explicit ``id``, else the QID, else ``fl:<prefix>:<slug of name>``."""
        value = self.text(rec, "id", line)
        if value:
            if not (_QID.match(value) or value.startswith("fl:")):
                raise self.fail(rec["id"].line, "id", f"'{value}' must be a QID or start with 'fl:'")
            return value
        return qid or f"fl:{prefix}:{slug(name)}"

    def known(self, rec: dict[str, _Field], allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for name, f in rec.items():
            if name not in allowed:
                raise self.fail(f.line, name, f"unknown field; expected one of {', '.join(sorted(allowed))}")


def _aliases(values: tuple[str, ...], name: str) -> tuple[str, ...]:
    """Aliases without the record's own name and without repeats, in file order."""
    return tuple(dict.fromkeys(v for v in values if v != name))


def slug(text: str) -> str:
    """A lower-case ASCII-ish slug for generated ids ("Ilham Aliyev" -> "ilham-aliyev")."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


# --------------------------------------------------------------------------- record parsers

_OFFICE_FIELDS = ("office", "state", "start", "end", "acting", "source", "end_reason", "organisation", "note")
_PERSON_FIELDS = (
    "id", "name", "state", "source", "aliases", "qid", "born", "died", "birthplace", "death_place",
    "death_cause", "ethnicity", "ethnicity_source", "offices", "note",
)


def _person(r: _Reader, line: int, rec: dict[str, _Field]) -> Person:
    r.known(rec, _PERSON_FIELDS)
    name = r.text(rec, "name", line, required=True)
    qid = r.qid(rec, line)
    born = r.when(rec, "born", line)
    died = r.when(rec, "died", line)
    if born and died and died.latest < born.earliest:
        raise r.fail(rec["died"].line, "died", f"{died} is before birth {born}")
    ethnicity = r.text(rec, "ethnicity", line)
    ethnicity_source = r.text(rec, "ethnicity_source", line)
    if ethnicity and not ethnicity_source:
        raise r.fail(rec["ethnicity"].line, "ethnicity_source", "an ethnicity needs its own source")
    offices: list[Office] = []
    f = rec.get("offices")
    if f is not None and f.value is not None:
        if not isinstance(f.value, list):
            raise r.fail(f.line, "offices", "must be a list of {office, state, start, end, source}")
        for item in f.value:
            if not isinstance(item.value, dict):
                raise r.fail(item.line, "offices", "each office must be a mapping")
            offices.append(_office(r, item.line, item.value, died))
    return Person(
        id=r.ident(rec, line, "person", name, qid),
        name=name,
        state=r.state(rec, "state", line, required=True),
        source=r.text(rec, "source", line, required=True),
        aliases=_aliases(r.texts(rec, "aliases"), name),
        qid=qid,
        born=born,
        died=died,
        birthplace=r.text(rec, "birthplace", line),
        death_place=r.text(rec, "death_place", line),
        death_cause=r.text(rec, "death_cause", line),
        ethnicity=ethnicity,
        ethnicity_source=ethnicity_source,
        offices=tuple(offices),
        note=r.text(rec, "note", line),
    )


def _office(r: _Reader, line: int, rec: dict[str, _Field], died: PartialDate | None) -> Office:
    r.known(rec, _OFFICE_FIELDS)
    start = r.when(rec, "start", line, required=True)
    assert start is not None
    if "end" not in rec:
        raise r.fail(line, "end", "required: a date, or null while the term runs")
    end = r.when(rec, "end", line)
    if end is not None and end.latest < start.earliest:
        raise r.fail(rec["end"].line, "end", f"{end} is before the start {start}")
    if died is not None and start.earliest > died.latest:
        raise r.fail(rec["start"].line, "start", f"{start} is after the person's death {died}")
    if died is not None and end is None:
        raise r.fail(rec["end"].line, "end", "open term for a person who has died")
    end_reason = r.text(rec, "end_reason", line)
    if end_reason not in END_REASONS:
        raise r.fail(rec["end_reason"].line, "end_reason", f"'{end_reason}' is not one of "
                     f"{', '.join(sorted(x for x in END_REASONS if x))}")
    organisation = r.text(rec, "organisation", line)
    if "state" not in rec:
        raise r.fail(line, "state", "required: an ISO3 code, or \"\" with an organisation")
    state = r.state(rec, "state", line)
    if not state and not organisation:
        raise r.fail(rec["state"].line, "state", "empty state needs an 'organisation' for the office")
    return Office(
        office=r.text(rec, "office", line, required=True),
        state=state,
        organisation=organisation,
        start=start,
        end=end,
        source=r.text(rec, "source", line, required=True),
        acting=r.flag(rec, "acting"),
        end_reason=end_reason,
        note=r.text(rec, "note", line),
    )


def _group(r: _Reader, line: int, rec: dict[str, _Field]) -> Group:
    r.known(rec, ("id", "name", "kind", "source", "aliases", "states", "religion", "qid", "note"))
    name = r.text(rec, "name", line, required=True)
    kind = r.text(rec, "kind", line, required=True)
    if kind not in GROUP_KINDS:
        raise r.fail(rec["kind"].line, "kind", f"'{kind}' must be ethnic_group or religious_group")
    qid = r.qid(rec, line)
    return Group(
        id=r.ident(rec, line, "group", name, qid), name=name, kind=kind,
        source=r.text(rec, "source", line, required=True), aliases=_aliases(r.texts(rec, "aliases"), name),
        states=r.states(rec, "states"), religion=r.text(rec, "religion", line), qid=qid,
        note=r.text(rec, "note", line),
    )


def _organisation(r: _Reader, line: int, rec: dict[str, _Field]) -> Organisation:
    r.known(rec, ("id", "name", "kind", "home_state", "sector", "source", "aliases", "qid", "parent",
                  "members", "note"))
    name = r.text(rec, "name", line, required=True)
    kind = r.text(rec, "kind", line)
    if kind and kind != "organisation":
        raise r.fail(rec["kind"].line, "kind", "must be 'organisation' (or left out)")
    if "home_state" not in rec:
        raise r.fail(line, "home_state", "required: an ISO3 code, or \"\" for an international body")
    sector = r.text(rec, "sector", line, required=True)
    if sector not in SECTORS:
        raise r.fail(rec["sector"].line, "sector", f"'{sector}' is not one of {', '.join(sorted(SECTORS))}")
    qid = r.qid(rec, line)
    return Organisation(
        id=r.ident(rec, line, "org", name, qid), name=name, home_state=r.state(rec, "home_state", line),
        sector=sector, source=r.text(rec, "source", line, required=True),
        aliases=_aliases(r.texts(rec, "aliases"), name),
        qid=qid, parent=r.text(rec, "parent", line), members=r.states(rec, "members"),
        note=r.text(rec, "note", line),
    )


def _weapon(r: _Reader, line: int, rec: dict[str, _Field]) -> WeaponSystem:
    r.known(rec, ("id", "name", "maker", "type", "source", "aliases", "manufacturer", "qid", "note"))
    name = r.text(rec, "name", line, required=True)
    qid = r.qid(rec, line)
    return WeaponSystem(
        id=r.ident(rec, line, "weapon", name, qid), name=name, maker=r.state(rec, "maker", line, required=True),
        type=r.text(rec, "type", line, required=True), source=r.text(rec, "source", line, required=True),
        aliases=_aliases(r.texts(rec, "aliases"), name), manufacturer=r.text(rec, "manufacturer", line), qid=qid,
        note=r.text(rec, "note", line),
    )


def _place(r: _Reader, line: int, rec: dict[str, _Field]) -> Place:
    r.known(rec, ("id", "name", "kind", "state", "type", "source", "aliases", "states", "qid", "note"))
    name = r.text(rec, "name", line, required=True)
    kind = r.text(rec, "kind", line)
    if kind and kind != "place":
        raise r.fail(rec["kind"].line, "kind", "must be 'place' (or left out)")
    if "state" not in rec:
        raise r.fail(line, "state", "required: an ISO3 code, or \"\" if contested or international")
    qid = r.qid(rec, line)
    return Place(
        id=r.ident(rec, line, "place", name, qid), name=name, state=r.state(rec, "state", line),
        type=r.text(rec, "type", line, required=True), source=r.text(rec, "source", line, required=True),
        aliases=_aliases(r.texts(rec, "aliases"), name), states=r.states(rec, "states"), qid=qid,
        note=r.text(rec, "note", line),
    )


T = TypeVar("T")
_PARSERS: dict[str, Callable[[_Reader, int, dict[str, _Field]], Any]] = {
    "people": _person,
    "groups": _group,
    "organisations": _organisation,
    "weapons": _weapon,
    "places": _place,
}


# --------------------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """State codes records may name: pyworldatlas's ISO 3166 alpha-3 codes plus the states and former
    states the gazetteer adds (Taiwan, Kosovo, Yugoslavia, the Soviet Union...), used to validate."""
    from pyworldatlas import Atlas

    from faultlines.gazetteer.states import EXTRA_STATES, HISTORICAL

    atlas = Atlas()
    try:
        atlas_codes = {c.alpha3 for c in atlas.countries() if c.alpha3}
    finally:
        atlas.close()
    extras = {s.actor.home_state for s in EXTRA_STATES} | {a.home_state for a in HISTORICAL if a.home_state}
    return frozenset(atlas_codes | extras)


def load_file(path: Path, kind: str, *, validate_states: bool = True) -> list[Any]:
    """Load one YAML file of ``kind`` records (people, groups, organisations, weapons, places).

    Raises ``FaultlinesError`` (E030/E031) naming the file, line and field of the first fault, and
    refuses duplicate ids within the file, so a bad entry is never silently dropped.
    """
    if kind not in _PARSERS:
        raise FaultlinesError(E.E031, path=str(path), reason=f"unknown record kind '{kind}'")
    reader = _Reader(path, iso3_codes() if validate_states else None)
    parse = _PARSERS[kind]
    out: list[Any] = []
    seen: dict[str, int] = {}
    for line, rec in reader.records():
        record = parse(reader, line, rec)
        if record.id in seen:
            raise reader.fail(line, "id", f"'{record.id}' already used on line {seen[record.id]}")
        seen[record.id] = line
        out.append(record)
    return out


def _kind_of(path: Path) -> str | None:
    stem = path.stem.lower()
    for kind in _PARSERS:
        if stem == kind or stem.startswith(kind + "_") or stem.startswith(kind + "-"):
            return kind
    return None


def load_dir(directory: Path) -> Gazetteer:
    """Load every ``people*.yaml``, ``groups*.yaml``... file in ``directory``.

    A file's kind comes from its name (``people.yaml``, ``people_extra.yml``). Ids must be unique
    across the files of one kind.
    """
    if not directory.is_dir():
        raise FaultlinesError(E.E031, path=str(directory), reason="is not a directory")
    found: dict[str, list[Any]] = {k: [] for k in _PARSERS}
    owner: dict[tuple[str, str], str] = {}
    files: list[str] = []
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        kind = _kind_of(path)
        if kind is None:
            continue
        files.append(str(path))
        for record in load_file(path, kind):
            key = (kind, record.id)
            if key in owner:
                raise FaultlinesError(
                    E.E031, path=str(path), reason=f"id '{record.id}' is also defined in {owner[key]}"
                )
            owner[key] = str(path)
            found[kind].append(record)
    return Gazetteer(
        people=tuple(found["people"]), groups=tuple(found["groups"]),
        organisations=tuple(found["organisations"]), weapons=tuple(found["weapons"]),
        places=tuple(found["places"]), files=tuple(files),
    )


@lru_cache(maxsize=1)
def load_shipped() -> Gazetteer:
    """The gazetteer files shipped with faultlines (cached)."""
    return load_dir(DATA_DIR)


def load_people() -> tuple[Person, ...]:
    return load_shipped().people


def load_groups() -> tuple[Group, ...]:
    return load_shipped().groups


def load_organisations() -> tuple[Organisation, ...]:
    return load_shipped().organisations


def load_weapons() -> tuple[WeaponSystem, ...]:
    return load_shipped().weapons


def load_places() -> tuple[Place, ...]:
    return load_shipped().places


def load_extra(directory: Path | str) -> Gazetteer:
    """A user's own gazetteer files in the shipped format (not cached: they may change)."""
    return load_dir(Path(directory))


# --------------------------------------------------------------------------- queries


#: Titles that name the same office as our canonical title (lower case, "defense" spelt "defence").
OFFICE_SYNONYMS: dict[str, str] = {
    "secretary of state": "foreign minister",
    "foreign secretary": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "minister for foreign affairs": "foreign minister",
    "external affairs minister": "foreign minister",
    "minister of external affairs": "foreign minister",
    "secretary of defence": "defence minister",
    "defence secretary": "defence minister",
    "minister of defence": "defence minister",
    "minister of national defence": "defence minister",
    "supreme leader of iran": "supreme leader",
}


def normalise_office(text: str) -> str:
    """The canonical, lower-case form of an office title ("Secretary of Defense" -> "defence minister")."""
    key = " ".join(text.strip().lower().replace("defense", "defence").split())
    return OFFICE_SYNONYMS.get(key, key)


def _norm_office(text: str) -> str:
    return normalise_office(text)


def office_holders(
    state: str,
    office: str,
    on: date,
    *,
    people: Iterable[Person] | None = None,
    strict: bool = False,
) -> list[Person]:
    """Who held ``office`` in ``state`` on day ``on``.

    Parameters
    ----------
    state : ISO 3166 alpha-3 code ("IRN").
    office : office title as in the data ("President", "Prime Minister"); case-insensitive,
        "Defense" and "Defence" are the same.
    on : the day asked about.
    people : records to search; the shipped people by default.
    strict : only terms that surely cover the day (see :meth:`Office.holds_on`).

    Returns
    -------
    list[Person]
        Usually one person; two on a handover day or when partial dates overlap; acting holders
        are included (check ``offices_of`` for the ``acting`` flag).

    Examples
    --------
    >>> [p.name for p in office_holders("ISR", "Prime Minister", date(2016, 12, 12))]
    ['Benjamin Netanyahu']
    """
    wanted = _norm_office(office)
    out: list[Person] = []
    for person in load_people() if people is None else people:
        for term in person.offices:
            if term.state == state and _norm_office(term.office) == wanted and term.holds_on(on, strict=strict):
                out.append(person)
                break
    return out


def offices_of(person_id: str, *, people: Iterable[Person] | None = None) -> list[Office]:
    """The terms held by one person, earliest first (empty if the id is unknown)."""
    for person in load_people() if people is None else people:
        if person.id == person_id:
            return sorted(person.offices, key=lambda o: o.start.earliest)
    return []


def person_by_id(person_id: str) -> Person | None:
    """The shipped person with this id, or ``None``."""
    for person in load_people():
        if person.id == person_id:
            return person
    return None
