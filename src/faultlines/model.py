"""The vocabulary of faultlines: the types every capability reads and writes.

Reading produces these; the store persists them; check, structure, forecast and show consume them.
This module imports nothing else from faultlines, so any capability can depend on it without cycles.
Every item that comes from text carries at least one :class:`Span` so an analyst can always ask
"where does this come from?".
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = "1.0"


class ActorKind(enum.StrEnum):
    STATE = "state"
    PERSON = "person"
    ETHNIC_GROUP = "ethnic_group"
    RELIGIOUS_GROUP = "religious_group"
    ORGANISATION = "organisation"
    WEAPON_SYSTEM = "weapon_system"
    PLACE = "place"


class Granularity(enum.StrEnum):
    """How precisely a time expression pins down its interval, finest first."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    VAGUE = "vague"


class RelationKind(enum.StrEnum):
    MILITARY = "military"
    ENERGY = "energy"
    TRADE = "trade"
    DIPLOMATIC = "diplomatic"
    KINSHIP = "kinship"
    RELIGION = "religion"
    TERRITORY = "territory"
    INTELLIGENCE = "intelligence"
    GENERAL = "general"


class VerdictLabel(enum.StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    OUTDATED = "outdated"
    PARTLY_SUPPORTED = "partly_supported"
    UNVERIFIABLE = "unverifiable"
    NOT_CHECKABLE = "not_checkable"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document: character offsets into ``Document.text`` and the quoted text."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Document:
    """One article. ``id`` is a content hash, so reading the same text twice yields the same id."""

    id: str
    text: str
    title: str = ""
    date: date | None = None
    url: str = ""
    source: str = ""
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that contains character ``offset`` (-1 if none)."""
        for index, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return index
        return -1


@dataclass(slots=True)
class Actor:
    """Someone or something that acts or is acted upon, under a stable id.

    ``id`` is a Wikidata QID where known (``Q794`` for Iran), else a namespaced slug
    (``fl:azeris``). ``home_state`` is an ISO 3166 alpha-3 code: a person's state, an
    organisation's seat, a weapon system's maker. ``states`` lists further states an actor
    belongs to (an ethnic group split across a border lives in several).
    """

    id: str
    name: str
    kind: ActorKind
    qid: str = ""
    home_state: str = ""
    sector: str = ""
    states: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass(slots=True)
class Mention:
    """A place in the text that refers to an actor, with the sector the reference implies.

    "the Iranian Foreign Ministry" is a mention of Iran with sector ``GOV``; "Baku" used as a
    metonym is a mention of Azerbaijan with sector ``GOV``.
    """

    actor_id: str
    span: Span
    sector: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class TimeInterval:
    """A fuzzy time, drawn as the interval it covers. ``end`` is inclusive; ``None`` means open."""

    start: date | None
    end: date | None
    granularity: Granularity
    text: str = ""
    anchored: bool = False

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether this interval meets the closed window [start, end] (``None`` = unbounded)."""
        if start is not None and self.end is not None and self.end < start:
            return False
        return not (end is not None and self.start is not None and self.start > end)


@dataclass(slots=True)
class Quantity:
    """A number bound to what it measures: "about 85 million" people living in Iran.

    ``low``/``high`` give the range the text allows (equal to ``value`` for an exact figure);
    ``hedge`` keeps the qualifier ("about", "more than") so checks can apply a tolerance.
    """

    value: float
    unit: str
    span: Span
    low: float | None = None
    high: float | None = None
    hedge: str = ""
    measure: str = ""
    subject: str = ""
    group: str = ""


@dataclass(slots=True)
class Modality:
    """How firmly the text asserts an event or statement."""

    negated: bool = False
    speculative: bool = False
    denied: bool = False
    future: bool = False
    reported_by: str = ""

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.speculative or self.denied or self.future)


@dataclass(slots=True)
class Event:
    """A dated happening coded in PLOVER: who did what to whom, when, and how sure the text is."""

    id: str
    doc_id: str
    type: str
    span: Span
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    mode: str = ""
    context: str = ""
    intensity: float = 0.0
    when: TimeInterval | None = None
    modality: Modality = field(default_factory=Modality)
    kinds: list[RelationKind] = field(default_factory=list)
    trigger: str = ""
    rule: str = ""


@dataclass(slots=True)
class Statement:
    """A relation the text states rather than narrates: "a strategic partnership with Israel"."""

    id: str
    doc_id: str
    source: str
    target: str
    kind: RelationKind
    sign: int
    span: Span
    when: TimeInterval | None = None
    modality: Modality = field(default_factory=Modality)
    cue: str = ""
    rule: str = ""


@dataclass(slots=True)
class Evidence:
    """One piece of support for a relation: the event or statement and where it was read."""

    item_id: str
    item_type: str
    span: Span
    sign: int
    weight: float
    kind: RelationKind
    when: TimeInterval | None = None


@dataclass(slots=True)
class Relation:
    """A signed, typed, weighted dyad over a time window, aggregated from its evidence.

    ``a`` and ``b`` are actor ids with ``a < b``; relations are undirected summaries. ``score``
    keeps the signed weighted balance of the evidence; ``sign`` is its sign (-1, 0, +1).
    """

    a: str
    b: str
    sign: int
    weight: float
    score: float
    kinds: list[RelationKind] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Claim:
    """A checkable statement of fact: kind, subject, predicate, value, when, where it was read."""

    id: str
    doc_id: str
    kind: str
    subject: str
    predicate: str
    value: Any
    span: Span
    when: TimeInterval | None = None
    checkable: bool = True
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Verdict:
    """The outcome of checking one claim, with the reference value, its source and a reason."""

    claim_id: str
    label: VerdictLabel
    explanation: str
    reference: Any = None
    source: str = ""
    qid: str = ""
    corpus_agree: int = 0
    corpus_disagree: int = 0


@dataclass(slots=True)
class DocumentModel:
    """Everything read from one document: the unit that reading produces and the store ingests."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class CorpusModel:
    """Many documents' models merged, plus the relations aggregated over them."""

    documents: list[Document] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    @classmethod
    def merge(cls, models: Iterable[DocumentModel]) -> CorpusModel:
        """Merge per-document models; actors are de-duplicated by id."""
        corpus = cls()
        seen: dict[str, Actor] = {}
        for model in models:
            corpus.documents.append(model.document)
            for actor in model.actors:
                seen.setdefault(actor.id, actor)
            corpus.mentions.extend(model.mentions)
            corpus.events.extend(model.events)
            corpus.statements.extend(model.statements)
            corpus.quantities.extend(model.quantities)
            corpus.claims.extend(model.claims)
        corpus.actors = sorted(seen.values(), key=lambda a: a.id)
        return corpus


def to_jsonable(value: Any) -> Any:
    """Turn model objects into plain JSON types: dates as ISO strings, enums as their values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def span_from_dict(data: dict[str, Any]) -> Span:
    return Span(
        doc_id=data["doc_id"],
        sentence=int(data["sentence"]),
        start=int(data["start"]),
        end=int(data["end"]),
        text=data["text"],
    )


def time_from_dict(data: dict[str, Any] | None) -> TimeInterval | None:
    if not data:
        return None
    return TimeInterval(
        start=date.fromisoformat(data["start"]) if data.get("start") else None,
        end=date.fromisoformat(data["end"]) if data.get("end") else None,
        granularity=Granularity(data["granularity"]),
        text=data.get("text", ""),
        anchored=bool(data.get("anchored", False)),
    )
