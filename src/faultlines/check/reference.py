"""The reference base: sourced, dated facts that claims are checked against.

Shipped as readable files in ``check/data/`` (``events.yaml``, ``memberships.csv``,
``composition.yaml``, ``firsts.yaml``); a user adds files of the same kinds with ``--reference DIR``
(a file's kind comes from its name: ``events_local.yaml`` holds events). Populations are not typed
by hand: they come from the World Bank series that ``great-tables`` ships offline
(``great_tables/data/01-countrypops.csv``), and a user may add ``population*.csv`` files.
People and their offices come from the gazetteer (see :mod:`faultlines.check.people`).

Every entry must name its source. A malformed file raises ``FaultlinesError`` E030 with the file,
line and field at fault; nothing is ever silently dropped.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from faultlines.check.lexicon import Lexicon
from faultlines.check.people import PeopleIndex, parse_partial, shipped_people
from faultlines.errors import E, FaultlinesError
from faultlines.gazetteer import load_extra

DATA_DIR = Path(__file__).parent / "data"
POPULATION_SOURCE = "World Bank, population, total (SP.POP.TOTL), via great-tables' countrypops"
_ISO3 = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
ONGOING_KINDS = frozenset({"war", "intervention", "blockade"})
KINDS = ("events", "memberships", "composition", "firsts", "population")


@dataclass(frozen=True, slots=True)
class When:
    """A partial date as the interval of days it allows."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def parse(cls, value: Any) -> When:
        text = value.isoformat() if isinstance(value, date) else str(value).strip()
        if re.fullmatch(r"\d{1,3}", text):  # a year before 1000, e.g. 301
            text = text.zfill(4)
        partial = parse_partial(text)
        return cls(partial.earliest, partial.latest, text)

    def __str__(self) -> str:
        return human_date(self)


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(when: When) -> str:
    """'19 May 2024', 'May 2024' or '2024', as precise as the source."""
    parts = when.text.split("-")
    year = str(int(parts[0]))
    if len(parts) == 1:
        return year
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    return f"{int(parts[2])} {month} {year}"


@dataclass(frozen=True, slots=True)
class RefEvent:
    """A dated event with its participants, place, details and source."""

    id: str
    kind: str
    title: str
    start: When
    source: str
    end: When | None = None
    participants: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    place: str = ""
    country: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    qid: str = ""
    origin: str = ""

    @property
    def first_day(self) -> date:
        return self.start.earliest

    @property
    def last_day(self) -> date:
        """The last day; a war, intervention or blockade with no end recorded is still going on."""
        if self.end is None and self.kind in ONGOING_KINDS:
            return date.max
        return (self.end or self.start).latest

    def when_text(self) -> str:
        if self.end is None or self.end.text == self.start.text:
            return human_date(self.start)
        return f"{human_date(self.start)} to {human_date(self.end)}"


@dataclass(frozen=True, slots=True)
class Membership:
    """A state's membership (or observer/partner/candidate status) in an organisation, with dates."""

    organisation: str
    state: str
    role: str
    joined: When
    source: str
    left: When | None = None
    note: str = ""
    origin: str = ""

    def covers(self, start: date, end: date) -> bool:
        """Whether the membership overlaps the window [start, end]."""
        if self.joined.earliest > end:
            return False
        return self.left is None or self.left.latest >= start


@dataclass(frozen=True, slots=True)
class Composition:
    """A group's share of a state's population, or a state's majority religion."""

    state: str
    kind: str
    source: str
    year: int
    group: str = ""
    low: float | None = None
    high: float | None = None
    religion: str = ""
    branch: str = ""
    majority: bool = True
    note: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class First:
    """A sourced first or superlative ("the first state to recognise Azerbaijan")."""

    id: str
    category: str
    subject: str
    statement: str
    keywords: tuple[str, ...]
    source: str
    when: When | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class PopulationRow:
    state: str
    year: int
    value: float
    source: str


@dataclass(slots=True)
class ReferenceBase:
    """Everything a check can compare a claim with, loaded once and shared by all claims."""

    events: list[RefEvent] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    composition: list[Composition] = field(default_factory=list)
    firsts: list[First] = field(default_factory=list)
    population: dict[str, dict[int, PopulationRow]] = field(default_factory=dict)
    people: tuple[Any, ...] = ()
    lexicon: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    _people_index: PeopleIndex | None = None
    _counts: tuple[tuple[int, ...], dict[str, int]] | None = None
    _lex: Lexicon | None = None

    @property
    def people_index(self) -> PeopleIndex:
        if self._people_index is None:
            self._people_index = PeopleIndex(self.people)
        return self._people_index

    @property
    def lex(self) -> Lexicon:
        """The compiled :attr:`lexicon`, built once and kept with this base (and shared by bases loaded
        from the same shipped lexicon), so it lives exactly as long as the base that uses it."""
        if self._lex is None:
            self._lex = Lexicon(self.lexicon)
        return self._lex

    def counts(self) -> dict[str, int]:
        """Entries by kind. ``curated`` is what we typed and sourced ourselves (events, memberships,
        composition, firsts); population rows and gazetteer people are counted apart."""
        key = (len(self.events), len(self.memberships), len(self.composition), len(self.firsts), len(self.people))
        if self._counts is not None and self._counts[0] == key:
            return dict(self._counts[1])
        curated = len(self.events) + len(self.memberships) + len(self.composition) + len(self.firsts)
        rows = sum(len(years) for years in self.population.values())
        terms = sum(len(p.offices) for p in self.people)
        counts = {
            "events": len(self.events),
            "memberships": len(self.memberships),
            "composition": len(self.composition),
            "firsts": len(self.firsts),
            "curated": curated,
            "population_rows": rows,
            "people": len(self.people),
            "office_terms": terms,
        }
        self._counts = (key, counts)
        return dict(counts)

    def population_of(self, state: str, year: int) -> tuple[PopulationRow | None, str]:
        """The population row for ``state`` nearest to ``year`` (the latest when beyond the series)."""
        years = self.population.get(state)
        if not years:
            return None, ""
        if year in years:
            return years[year], ""
        nearest = min(years, key=lambda y: (abs(y - year), -y))
        return years[nearest], f"latest figure available is for {nearest}" if nearest < year else ""

    def composition_of(self, state: str, kind: str, group: str = "") -> list[Composition]:
        return [c for c in self.composition if c.state == state and c.kind == kind and (not group or c.group == group)]


# --------------------------------------------------------------------------- loading helpers


def _fail(path: Path, line: int, name: str, reason: str) -> FaultlinesError:
    return FaultlinesError(E.E030, path=str(path), line=line, field=name, reason=reason)


def _yaml_records(path: Path) -> Iterator[tuple[int, dict[str, Any], dict[str, int]]]:
    """Each top-level mapping of a YAML list with its line and the line of each field."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FaultlinesError(E.E031, path=str(path), reason=f"cannot be read: {exc}") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, mark.line + 1 if mark else 0, "-", f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if root is None:
        return
    if not isinstance(root, yaml.SequenceNode):
        raise _fail(path, root.start_mark.line + 1, "-", "the file must be a YAML list of records")
    loader = yaml.SafeLoader("")
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise _fail(path, line, "-", "each record must be a mapping of field: value")
        record: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in lines:
                raise _fail(path, key_node.start_mark.line + 1, key, f"given twice (also on line {lines[key]})")
            lines[key] = key_node.start_mark.line + 1
            try:
                record[key] = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError) as exc:
                raise _fail(path, lines[key], key, f"cannot read the value: {exc}") from exc
        yield line, record, lines


class _Record:
    """Typed access to one record's fields, failing with the file, line and field."""

    def __init__(self, path: Path, line: int, data: dict[str, Any], lines: dict[str, int] | None = None) -> None:
        self.path, self.line, self.data, self.lines = path, line, data, lines or {}

    def fail(self, name: str, reason: str) -> FaultlinesError:
        return _fail(self.path, self.lines.get(name, self.line), name, reason)

    def known(self, allowed: set[str]) -> None:
        for name in self.data:
            if name not in allowed:
                raise self.fail(str(name), f"unknown field; expected one of {', '.join(sorted(allowed))}")

    def text(self, name: str, required: bool = False) -> str:
        value = self.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(name, "is required and missing or empty")
            return ""
        if isinstance(value, dict | list):
            raise self.fail(name, "must be text")
        return str(value).strip()

    def when(self, name: str, required: bool = False) -> When | None:
        value = self.data.get(name)
        if value is None or value == "":
            if required:
                raise self.fail(name, "is required (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        try:
            return When.parse(value)
        except ValueError as exc:
            raise self.fail(name, str(exc)) from exc

    def state(self, name: str, required: bool = False) -> str:
        value = self.text(name, required)
        if value and not _ISO3.match(value):
            raise self.fail(name, f"'{value}' is not an ISO 3166 alpha-3 code")
        return value

    def states(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name) or []
        if not isinstance(value, list):
            raise self.fail(name, "must be a list of ISO 3166 alpha-3 codes")
        for item in value:
            if not _ISO3.match(str(item)):
                raise self.fail(name, f"'{item}' is not an ISO 3166 alpha-3 code")
        return tuple(str(v) for v in value)

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name) or []
        if not isinstance(value, list):
            raise self.fail(name, "must be a list")
        return tuple(str(v) for v in value)

    def number(self, name: str) -> float | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError) as exc:
            raise self.fail(name, f"'{value}' is not a number") from exc

    def source(self) -> str:
        return self.text("source", required=True)

    def qid(self) -> str:
        value = self.text("qid")
        if value and not _QID.match(value):
            raise self.fail("qid", f"'{value}' is not a Wikidata QID (Q followed by digits)")
        return value


_EVENT_FIELDS = {
    "id",
    "kind",
    "title",
    "date",
    "end",
    "participants",
    "people",
    "place",
    "country",
    "details",
    "source",
    "qid",
}


def load_events(path: Path) -> list[RefEvent]:
    """Events from one YAML file; ids must be unique within it."""
    out: list[RefEvent] = []
    seen: dict[str, int] = {}
    for line, data, lines in _yaml_records(path):
        r = _Record(path, line, data, lines)
        r.known(_EVENT_FIELDS)
        ident = r.text("id", required=True)
        if ident in seen:
            raise r.fail("id", f"'{ident}' already used on line {seen[ident]}")
        seen[ident] = line
        details = data.get("details") or {}
        if not isinstance(details, dict):
            raise r.fail("details", "must be a mapping")
        start = r.when("date", required=True)
        end = r.when("end")
        assert start is not None
        if end is not None and end.latest < start.earliest:
            raise r.fail("end", f"ends ({end.text}) before it starts ({start.text})")
        out.append(
            RefEvent(
                id=ident,
                kind=r.text("kind", required=True),
                title=r.text("title", required=True),
                start=start,
                end=end,
                participants=r.states("participants"),
                people=r.texts("people"),
                place=r.text("place"),
                country=r.state("country"),
                details={str(k): v for k, v in details.items()},
                source=r.source(),
                qid=r.qid(),
                origin=f"{path.name}:{line}",
            )
        )
    return out


_MEMBERSHIP_FIELDS = ["organisation", "state", "role", "joined", "left", "source", "note"]
_ROLES = {"member", "observer", "partner", "candidate"}


def _csv_records(path: Path, fields: list[str]) -> Iterator[_Record]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise FaultlinesError(E.E031, path=str(path), reason=f"cannot be read: {exc}") from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _fail(path, 1, "-", f"not valid CSV: {exc}") from exc
        header = [h.strip() for h in header]
        missing = [f for f in fields if f not in header and f in ("state", "source")]
        if missing:
            raise _fail(path, 1, missing[0], "column missing from the header")
        for name in header:
            if name not in fields:
                raise _fail(path, 1, name, f"unknown column; expected {', '.join(fields)}")
        try:
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise _fail(path, line, "-", f"has {len(row)} cells, the header has {len(header)}")
                yield _Record(path, line, dict(zip(header, row, strict=True)))
        except (csv.Error, UnicodeDecodeError) as exc:
            raise _fail(path, reader.line_num, "-", f"not valid CSV: {exc}") from exc


def load_memberships(path: Path) -> list[Membership]:
    """Memberships from one CSV file (header: organisation,state,role,joined,left,source,note)."""
    out: list[Membership] = []
    for r in _csv_records(path, _MEMBERSHIP_FIELDS):
        role = r.text("role") or "member"
        if role not in _ROLES:
            raise r.fail("role", f"'{role}' is not one of {', '.join(sorted(_ROLES))}")
        joined = r.when("joined", required=True)
        assert joined is not None
        left = r.when("left")
        if left is not None and left.latest < joined.earliest:
            raise r.fail("left", f"left ({left.text}) before joining ({joined.text})")
        out.append(
            Membership(
                organisation=r.text("organisation", required=True),
                state=r.state("state", required=True),
                role=role,
                joined=joined,
                left=left,
                source=r.source(),
                note=r.text("note"),
                origin=f"{path.name}:{r.line}",
            )
        )
    return out


_COMPOSITION_FIELDS = {
    "state",
    "kind",
    "group",
    "share",
    "low",
    "high",
    "year",
    "source",
    "note",
    "religion",
    "branch",
    "majority",
}


def load_composition(path: Path) -> list[Composition]:
    """Ethnic/religious shares and majority religions from one YAML file."""
    out: list[Composition] = []
    for line, data, lines in _yaml_records(path):
        r = _Record(path, line, data, lines)
        r.known(_COMPOSITION_FIELDS)
        kind = r.text("kind", required=True)
        if kind not in {"ethnic", "religious", "majority_religion"}:
            raise r.fail("kind", f"'{kind}' is not ethnic, religious or majority_religion")
        year_value = r.number("year")
        if year_value is None:
            raise r.fail("year", "is required (the year the figure refers to)")
        low = high = None
        if kind != "majority_religion":
            share = r.number("share")
            low, high = r.number("low"), r.number("high")
            if share is not None:
                low = high = share
            if low is None or high is None:
                raise r.fail("share", "give share, or both low and high (percent)")
            if not 0 <= low <= high <= 100:
                raise r.fail("low" if share is None else "share", f"{low}-{high} is not a percentage range")
            if not r.text("group"):
                raise r.fail("group", "is required")
        elif not r.text("religion"):
            raise r.fail("religion", "is required for majority_religion")
        majority = data.get("majority", True)
        if not isinstance(majority, bool):
            raise r.fail("majority", "must be true or false")
        out.append(
            Composition(
                state=r.state("state", required=True),
                kind=kind,
                source=r.source(),
                year=int(year_value),
                group=r.text("group"),
                low=low,
                high=high,
                religion=r.text("religion"),
                branch=r.text("branch"),
                majority=majority,
                note=r.text("note"),
                origin=f"{path.name}:{line}",
            )
        )
    return out


_FIRST_FIELDS = {"id", "category", "subject", "statement", "keywords", "date", "source"}


def load_firsts(path: Path) -> list[First]:
    """Firsts and superlatives from one YAML file."""
    out: list[First] = []
    for line, data, lines in _yaml_records(path):
        r = _Record(path, line, data, lines)
        r.known(_FIRST_FIELDS)
        keywords = tuple(k.lower() for k in r.texts("keywords"))
        if not keywords:
            raise r.fail("keywords", "give at least one keyword that a matching sentence contains")
        out.append(
            First(
                id=r.text("id", required=True),
                category=r.text("category", required=True).lower(),
                subject=r.text("subject", required=True),
                statement=r.text("statement", required=True),
                keywords=keywords,
                source=r.source(),
                when=r.when("date"),
                origin=f"{path.name}:{line}",
            )
        )
    return out


def load_population_csv(path: Path) -> list[PopulationRow]:
    """A user's population figures: header state,year,population,source."""
    out: list[PopulationRow] = []
    for r in _csv_records(path, ["state", "year", "population", "source"]):
        year = r.number("year")
        value = r.number("population")
        if year is None:
            raise r.fail("year", "is required")
        if value is None or value <= 0:
            raise r.fail("population", "must be a positive number")
        out.append(PopulationRow(r.state("state", required=True), int(year), value, r.source()))
    return out


def shipped_population_path() -> Path | None:
    """Where great-tables keeps its offline copy of the World Bank population series."""
    spec = importlib.util.find_spec("great_tables")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "01-countrypops.csv"
    return path if path.exists() else None


@lru_cache(maxsize=1)
def _world_bank_population() -> tuple[PopulationRow, ...]:
    path = shipped_population_path()
    if path is None:
        return ()
    rows: list[PopulationRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                rows.append(
                    PopulationRow(row["country_code_3"], int(row["year"]), float(row["population"]), POPULATION_SOURCE)
                )
            except (KeyError, ValueError):
                continue  # the upstream file has no blanks; a changed layout leaves population unverifiable
    return tuple(rows)


def load_lexicon() -> dict[str, Any]:
    with (DATA_DIR / "lexicon.yaml").open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def kind_of(path: Path) -> str | None:
    """A reference file's kind from its name: ``events.yaml``, ``events_extra.yaml``, ``population_x.csv``."""
    stem = path.stem.lower()
    for kind in KINDS:
        if stem == kind or stem.startswith((kind + "_", kind + "-")):
            return kind
    return None


def _load_dir(base: ReferenceBase, directory: Path) -> None:
    paths = sorted(p for p in directory.iterdir() if p.suffix.lower() in {".yaml", ".yml", ".csv"})
    for path in paths:
        kind = kind_of(path)
        if kind is None:
            continue
        expected = ".csv" if kind in {"memberships", "population"} else ".yaml"
        if (path.suffix.lower() == ".csv") != (expected == ".csv"):
            raise FaultlinesError(E.E031, path=str(path), reason=f"{kind} files must be {expected}")
        base.files.append(str(path))
        if kind == "events":
            known = {e.id: e.origin for e in base.events}
            for event in load_events(path):
                if event.id in known:
                    raise FaultlinesError(
                        E.E031, path=str(path), reason=f"event id '{event.id}' is also in {known[event.id]}"
                    )
                base.events.append(event)
        elif kind == "memberships":
            base.memberships.extend(load_memberships(path))
        elif kind == "composition":
            base.composition.extend(load_composition(path))
        elif kind == "firsts":
            base.firsts.extend(load_firsts(path))
        else:
            for row in load_population_csv(path):
                base.population.setdefault(row.state, {})[row.year] = row


@lru_cache(maxsize=1)
def _shipped() -> ReferenceBase:
    base = ReferenceBase(lexicon=load_lexicon(), people=shipped_people())
    for row in _world_bank_population():
        base.population.setdefault(row.state, {})[row.year] = row
    _load_dir(base, DATA_DIR)
    return base


def load_reference(extra: list[Path] | Path | str | None = None) -> ReferenceBase:
    """Load the shipped reference base plus the user's directories.

    Parameters
    ----------
    extra : directory or directories of the user's own reference files (``events*.yaml``,
        ``memberships*.csv``, ``composition*.yaml``, ``firsts*.yaml``, ``population*.csv``) and
        gazetteer files (``people*.yaml``...). User population rows replace shipped rows for the
        same state and year.

    Returns
    -------
    ReferenceBase
        A fresh object; the shipped part is read once per process.

    Raises
    ------
    FaultlinesError
        E030 with file, line and field for a malformed entry; E031 for an unreadable file or directory.
    """
    shipped = _shipped()
    base = ReferenceBase(
        events=list(shipped.events),
        memberships=list(shipped.memberships),
        composition=list(shipped.composition),
        firsts=list(shipped.firsts),
        population={k: dict(v) for k, v in shipped.population.items()},
        people=shipped.people,
        lexicon=shipped.lexicon,
        files=list(shipped.files),
        _people_index=shipped.people_index,
        _lex=shipped.lex,
    )
    dirs = [] if extra is None else [extra] if isinstance(extra, str | Path) else list(extra)
    for directory in dirs:
        path = Path(directory)
        if not path.is_dir():
            raise FaultlinesError(E.E031, path=str(path), reason="is not a directory of reference files")
        _load_dir(base, path)
        extra_people = load_extra(path).people
        if extra_people:
            base.people = (*base.people, *extra_people)
            base._people_index = None
    return base
