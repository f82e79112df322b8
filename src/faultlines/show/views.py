"""Turn a model into the plain JSON the views draw: one place, shared by the web app, the report and exports.

Show only shows: nothing here re-derives what reading or a capability owns. Relations arrive
aggregated; this module only attaches the text each item came from (the sentence, with the span's
offsets inside it), the document's title/date/link, and the map location of each actor.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from faultlines.model import (
    Actor,
    ActorKind,
    CorpusModel,
    Document,
    Evidence,
    Mention,
    Relation,
    RelationKind,
    Span,
    TimeInterval,
    to_jsonable,
)

BUNDLE_SCHEMA = "faultlines.show/1"
#: Characters of context kept on each side of a span when its sentence is unknown or very long.
CONTEXT_CHARS = 240


def safe_url(url: str) -> str:
    """``url`` if it is an absolute http(s) link, else "" (``javascript:``/``data:`` never become links)."""
    text = (url or "").strip()
    if not text or any(ord(ch) < 32 for ch in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


def edge_id(a: str, b: str) -> str:
    """Stable id of the undirected relation between two actors (ids sorted)."""
    first, second = sorted((a, b))
    return f"{first}|{second}"


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, tuple[float, float] | None]]:
    """ISO 3166 alpha-3 -> (numeric code = world-atlas feature id, capital [lon, lat]), from pyworldatlas."""
    try:
        from pyworldatlas import Atlas
    except ImportError:  # pragma: no cover - pyworldatlas is a dependency
        return {}
    atlas = Atlas()
    table: dict[str, tuple[str, tuple[float, float] | None]] = {}
    try:
        for country in atlas.countries():
            codes = getattr(country, "codes", None)
            if codes is None or not codes.alpha3 or not codes.numeric:
                continue
            where = getattr(country, "capital_coordinates", None)
            anchor = (float(where.longitude), float(where.latitude)) if where is not None else None
            table[str(codes.alpha3).upper()] = (str(codes.numeric).zfill(3), anchor)
    finally:
        close = getattr(atlas, "close", None)
        if callable(close):
            close()
    return table


@functools.lru_cache(maxsize=1)
def _extra_countries() -> dict[str, tuple[str, tuple[float, float] | None]]:
    """States the atlas lacks (Taiwan), placed at their capital from GeoNames. Built only when a model
    names one: reading the town table takes a second."""
    from faultlines.gazetteer import EXTRA_STATES, city_named

    table: dict[str, tuple[str, tuple[float, float] | None]] = {}
    for extra in EXTRA_STATES:
        if not extra.numeric:
            continue
        capital = city_named(extra.capitals[0]) if extra.capitals else None
        anchor = (capital.longitude, capital.latitude) if capital else None
        table[extra.actor.home_state] = (extra.numeric.zfill(3), anchor)
    return table


def _country(code: str) -> tuple[str, tuple[float, float] | None] | None:
    """World-atlas id and capital of a state, from the atlas, else from the gazetteer's extra states."""
    code = (code or "").upper()
    return _countries().get(code) or (_extra_countries().get(code) if code and code not in _countries() else None)


def actor_places(actor: Actor) -> list[str]:
    """World-atlas ids (ISO numeric) where an actor sits on the map: its home state, then further states."""
    codes = [actor.home_state, *actor.states] if actor.home_state else list(actor.states)
    places: list[str] = []
    for code in codes:
        found = _country(code)
        if found and found[0] not in places:
            places.append(found[0])
    return places


def place_anchors(actors: Iterable[dict[str, Any]]) -> dict[str, list[float]]:
    """Where arcs start and end on the map: each used state's capital (a big state's centroid can lie
    thousands of kilometres from where its politics happens)."""
    used = {place for actor in actors for place in actor["places"]}
    known = {numeric: anchor for numeric, anchor in _countries().values() if anchor is not None}
    if used - set(known):  # a state the atlas lacks is on the map
        known.update((numeric, anchor) for numeric, anchor in _extra_countries().values() if anchor is not None)
    return {place: list(known[place]) for place in sorted(used) if place in known}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _interval(when: TimeInterval | None, document: Document | None) -> tuple[str | None, str | None, str]:
    """The interval an item covers: its own time if read, else its document's date (granularity noted)."""
    if when is not None and (when.start or when.end):
        return _iso(when.start), _iso(when.end or when.start), str(when.granularity)
    if document is not None and document.date is not None:
        return document.date.isoformat(), document.date.isoformat(), "document"
    return None, None, "undated"


class ModelIndex:
    """Look-ups over one corpus model that every view needs (documents by id, sentences of spans)."""

    def __init__(self, corpus: CorpusModel) -> None:
        self.corpus = corpus
        self.documents = {doc.id: doc for doc in corpus.documents}
        self.actors = {actor.id: actor for actor in corpus.actors}

    def sentence(self, span: Span) -> tuple[str, int, int]:
        """The sentence holding ``span`` and the span's offsets inside it (clamped to the sentence)."""
        doc = self.documents.get(span.doc_id)
        if doc is None or not doc.text:
            return span.text, 0, len(span.text)
        bounds: tuple[int, int] | None = None
        if 0 <= span.sentence < len(doc.sentences):
            bounds = doc.sentences[span.sentence]
            if not (bounds[0] <= span.start <= bounds[1]):
                bounds = None
        if bounds is None:
            index = doc.sentence_of(span.start)
            bounds = doc.sentences[index] if index >= 0 else None
        if bounds is None or bounds[1] - bounds[0] > 4 * CONTEXT_CHARS:
            bounds = (max(0, span.start - CONTEXT_CHARS), min(len(doc.text), span.end + CONTEXT_CHARS))
        start, end = bounds
        while start < min(end, span.start) and doc.text[start].isspace():
            start += 1
        while end > max(start, span.end) and doc.text[end - 1].isspace():
            end -= 1
        text = doc.text[start:end]
        lo = min(max(span.start - start, 0), len(text))
        hi = min(max(span.end - start, lo), len(text))
        return text, lo, hi

    def source(self, doc_id: str) -> dict[str, Any]:
        doc = self.documents.get(doc_id)
        if doc is None:
            return {"doc_id": doc_id, "title": "", "date": None, "url": "", "source": ""}
        return {
            "doc_id": doc.id,
            "title": doc.title,
            "date": _iso(doc.date),
            "url": safe_url(doc.url),
            "source": doc.source,
        }

    def quote(self, span: Span) -> dict[str, Any]:
        """A span as the views show it: sentence text, highlight offsets, and where it was read."""
        sentence, lo, hi = self.sentence(span)
        where = self.source(span.doc_id)
        return {**where, "sentence": sentence, "highlight": [lo, hi], "span": [span.start, span.end]}


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "date": _iso(doc.date),
        "url": safe_url(doc.url),
        "source": doc.source,
        "language": doc.language,
        "chars": len(doc.text),
        "sentences": len(doc.sentences),
    }


def actor_rows(corpus: CorpusModel) -> list[dict[str, Any]]:
    """Actors with how often they are mentioned and how many relations they take part in."""
    mentions = Counter(m.actor_id for m in corpus.mentions)
    degree: Counter[str] = Counter()
    for rel in corpus.relations:
        degree[rel.a] += 1
        degree[rel.b] += 1
    return [
        {
            "id": actor.id,
            "name": actor.name or actor.id,
            "kind": str(actor.kind),
            "qid": actor.qid,
            "home_state": actor.home_state,
            "states": list(actor.states),
            "sector": actor.sector,
            "aliases": list(actor.aliases),
            "mentions": mentions.get(actor.id, 0),
            "degree": degree.get(actor.id, 0),
            "places": actor_places(actor),
        }
        for actor in corpus.actors
    ]


def _evidence_time(index: ModelIndex, ev: Evidence) -> list[str | None]:
    start, end, _ = _interval(ev.when, index.documents.get(ev.span.doc_id))
    return [start, end]


def relation_row(index: ModelIndex, rel: Relation) -> dict[str, Any]:
    """One relation: sign, weight, kinds, and each evidence item's interval and kind (for filters)."""
    return {
        "id": edge_id(rel.a, rel.b),
        "a": rel.a,
        "b": rel.b,
        "sign": rel.sign,
        "weight": rel.weight,
        "score": rel.score,
        "kinds": [str(kind) for kind in rel.kinds],
        "first": _iso(rel.first),
        "last": _iso(rel.last),
        "evidence": len(rel.evidence),
        "times": [_evidence_time(index, ev) for ev in rel.evidence],
        "ev_kinds": [str(ev.kind) for ev in rel.evidence],
        "ev_signs": [ev.sign for ev in rel.evidence],
        "docs": sorted({ev.span.doc_id for ev in rel.evidence}),
    }


def event_rows(index: ModelIndex) -> list[dict[str, Any]]:
    rows = []
    for event in index.corpus.events:
        start, end, granularity = _interval(event.when, index.documents.get(event.doc_id))
        rows.append(
            {
                "id": event.id,
                "doc_id": event.doc_id,
                "type": event.type,
                "mode": event.mode,
                "sources": list(event.sources),
                "targets": list(event.targets),
                "start": start,
                "end": end,
                "granularity": granularity,
                "time_text": event.when.text if event.when else "",
                "trigger": event.trigger,
                "kinds": [str(kind) for kind in event.kinds],
                "asserted": event.modality.asserted,
                "modality": to_jsonable(event.modality),
                "quote": index.quote(event.span),
            }
        )
    return rows


def claim_rows(index: ModelIndex) -> list[dict[str, Any]]:
    """Claims joined with their verdicts (a claim without a verdict shows as unchecked)."""
    verdicts = {v.claim_id: v for v in index.corpus.verdicts}
    rows = []
    for claim in index.corpus.claims:
        verdict = verdicts.get(claim.id)
        rows.append(
            {
                "id": claim.id,
                "doc_id": claim.doc_id,
                "kind": claim.kind,
                "subject": claim.subject,
                "predicate": claim.predicate,
                "value": to_jsonable(claim.value),
                "checkable": claim.checkable,
                "quote": index.quote(claim.span),
                "verdict": None
                if verdict is None
                else {
                    "label": str(verdict.label),
                    "explanation": verdict.explanation,
                    "reference": to_jsonable(verdict.reference),
                    "source": verdict.source,
                    "source_url": safe_url(verdict.source),
                    "corpus_agree": verdict.corpus_agree,
                    "corpus_disagree": verdict.corpus_disagree,
                },
            }
        )
    return rows


def relation_evidence(index: ModelIndex, rel: Relation) -> list[dict[str, Any]]:
    items = []
    for ev in rel.evidence:
        start, end = _evidence_time(index, ev)
        items.append(
            {
                **index.quote(ev.span),
                "item_id": ev.item_id,
                "item_type": ev.item_type,
                "kind": str(ev.kind),
                "sign": ev.sign,
                "weight": ev.weight,
                "start": start,
                "end": end,
                "time_text": ev.when.text if ev.when else "",
            }
        )
    return items


def _mention_quote(index: ModelIndex, mention: Mention) -> dict[str, Any]:
    doc = index.documents.get(mention.span.doc_id)
    day = _iso(doc.date) if doc else None
    quote = index.quote(mention.span)
    return {**quote, "item_type": "mention", "sector": mention.sector, "start": day, "end": day}


def actor_evidence(index: ModelIndex, actor_id: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Where an actor is mentioned: one quote per mention, in document order."""
    items = []
    for mention in index.corpus.mentions:
        if mention.actor_id == actor_id:
            items.append(_mention_quote(index, mention))
            if limit is not None and len(items) >= limit:
                break
    return items


def evidence_map(index: ModelIndex, per_actor: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Every relation's and actor's evidence, keyed ``edge:<a>|<b>`` / ``actor:<id>`` (for the report)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rel in index.corpus.relations:
        out["edge:" + edge_id(rel.a, rel.b)] = relation_evidence(index, rel)
    for mention in index.corpus.mentions:
        items = out.setdefault("actor:" + mention.actor_id, [])
        if len(items) < per_actor:
            items.append(_mention_quote(index, mention))
    return out


def time_range(relations: Iterable[dict[str, Any]], events: Iterable[dict[str, Any]]) -> list[str | None]:
    """Earliest start and latest end over all dated evidence and events (``[None, None]`` if none)."""
    starts: list[str] = []
    ends: list[str] = []
    for rel in relations:
        for start, end in rel["times"]:
            if start:
                starts.append(start)
            if end:
                ends.append(end)
    for event in events:
        if event["start"]:
            starts.append(event["start"])
        if event["end"]:
            ends.append(event["end"])
    return [min(starts) if starts else None, max(ends) if ends else None]


def bundle(
    corpus: CorpusModel,
    *,
    include_evidence: bool = False,
    panels: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the views draw, as JSON-ready data.

    Parameters
    ----------
    corpus
        The model to show.
    include_evidence
        Embed every relation's and actor's evidence quotes (the single-file report does; the web app
        fetches them on click instead).
    panels
        Results of the check/structure/forecast capabilities (see :mod:`faultlines.show.panels`).
    """
    index = ModelIndex(corpus)
    relations = [relation_row(index, rel) for rel in corpus.relations]
    events = event_rows(index)
    claims = claim_rows(index)
    actors = actor_rows(corpus)
    data: dict[str, Any] = {
        "schema": BUNDLE_SCHEMA,
        "summary": {
            "documents": len(corpus.documents),
            "actors": len(corpus.actors),
            "relations": len(corpus.relations),
            "events": len(corpus.events),
            "claims": len(corpus.claims),
            "verdicts": len(corpus.verdicts),
            "range": time_range(relations, events),
        },
        "actor_kinds": [str(kind) for kind in ActorKind],
        "relation_kinds": [str(kind) for kind in RelationKind],
        "documents": [document_row(doc) for doc in corpus.documents],
        "actors": actors,
        "anchors": place_anchors(actors),
        "relations": relations,
        "events": events,
        "claims": claims,
        "panels": panels or {},
    }
    if include_evidence:
        data["evidence"] = evidence_map(index)
    return data


def filter_relations(
    rows: list[dict[str, Any]],
    actors: dict[str, dict[str, Any]],
    *,
    kinds: set[str] | None = None,
    actor_kinds: set[str] | None = None,
    doc_ids: set[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    signs: set[int] | None = None,
) -> list[dict[str, Any]]:
    """Relations with at least one piece of evidence passing every filter (the views' rule, in Python).

    A relation is kept when one of its evidence items has a kind in ``kinds``, comes from a document in
    ``doc_ids`` and has an interval meeting ``[start, end]`` (ISO dates; undated evidence only passes an
    open window), both actors have a kind in ``actor_kinds``, and the relation's sign is in ``signs``.
    """
    kept = []
    for row in rows:
        if signs is not None and row["sign"] not in signs:
            continue
        if actor_kinds is not None and not all(
            actors.get(x, {}).get("kind") in actor_kinds for x in (row["a"], row["b"])
        ):
            continue
        if doc_ids is not None and not set(row["docs"]) & doc_ids:
            continue
        ok = False
        for (lo, hi), kind in zip(row["times"], row["ev_kinds"], strict=False):
            if kinds is not None and kind not in kinds:
                continue
            if (start or end) and (lo is None or hi is None):
                continue
            if start and hi is not None and hi < start:
                continue
            if end and lo is not None and lo > end:
                continue
            ok = True
            break
        if ok or (not row["times"] and kinds is None and not (start or end)):
            kept.append(row)
    return kept
