"""Aggregate events and stated relations into signed, typed, weighted dyads over a time window.

A pure function of model objects, shared by reading (per document) and the store (per corpus), so
every capability sees relations computed the same way. Each relation keeps all of its evidence.

Weighting: an event weighs ``max(|PLOVER score|, 1) / 10`` (an air strike counts more than a protest note),
a stated relation weighs 1. Hedged items count half (speculative, future, or denied by a party);
negated items ("did not attack") are not evidence of the relation at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from faultlines.model import (
    Actor,
    ActorKind,
    Event,
    Evidence,
    Modality,
    Relation,
    RelationKind,
    Statement,
    TimeInterval,
)
from faultlines.ontology import event_code

#: Sectors whose members act for their state: at the state level they count as the state.
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "LEG", ""})


def state_projection(actors: Iterable[Actor]) -> dict[str, str]:
    """Map leaders and national institutions to their state, for a state-level view of relations.

    Netanyahu visiting Baku is, at the state level, Israel visiting Azerbaijan. People and
    organisations whose home state is among ``actors`` are mapped; groups, international
    organisations, places and weapons keep their own ids.
    """
    actors = list(actors)
    states = {a.home_state: a.id for a in actors if a.kind is ActorKind.STATE and a.home_state}
    out: dict[str, str] = {}
    for actor in actors:
        if actor.home_state not in states:
            continue
        if actor.kind is ActorKind.PERSON or (actor.kind is ActorKind.ORGANISATION and actor.sector in STATE_SECTORS):
            out[actor.id] = states[actor.home_state]
    return out


def modality_factor(modality: Modality) -> float:
    """How much an item counts given how firmly the text asserts it."""
    if modality.negated:
        return 0.0
    if modality.speculative or modality.future or modality.denied:
        return 0.5
    return 1.0


def event_evidence(event: Event) -> list[tuple[str, str, Evidence]]:
    """One piece of evidence per (source, target) pair of an event."""
    code = event_code(event.type, event.mode)
    sign = (code.score > 0) - (code.score < 0)
    weight = max(abs(code.score), 1.0) / 10 * modality_factor(event.modality)
    if weight == 0:
        return []
    kinds = event.kinds or list(code.kinds) or [RelationKind.GENERAL]
    share = weight / len(kinds)  # an event of several kinds counts once in all, not once per kind
    out = []
    for source in event.sources:
        for target in event.targets:
            if source == target:
                continue
            for kind in kinds:
                out.append((source, target, Evidence(event.id, "event", event.span, sign, share, kind, event.when)))
    return out


def statement_evidence(statement: Statement) -> list[tuple[str, str, Evidence]]:
    weight = modality_factor(statement.modality)
    if weight == 0 or statement.source == statement.target:
        return []
    evidence = Evidence(
        statement.id, "statement", statement.span, statement.sign, weight, statement.kind, statement.when
    )
    return [(statement.source, statement.target, evidence)]


def _in_window(when: TimeInterval | None, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    return when is not None and when.overlaps(start, end)


def aggregate_relations(
    events: Iterable[Event],
    statements: Iterable[Statement],
    *,
    start: date | None = None,
    end: date | None = None,
    kinds: set[RelationKind] | None = None,
    project: Mapping[str, str] | None = None,
) -> list[Relation]:
    """Signed relations between actor pairs from the evidence dated within [start, end].

    With no window every item counts; with a window, undated items are left out because nothing
    places them in it. ``kinds`` keeps only evidence of those relation kinds. ``project`` maps actor
    ids to the node they count as (see :func:`state_projection`); a pair that maps onto one node
    (a leader and their own state) is dropped.
    """
    project = project or {}
    pieces: list[tuple[str, str, Evidence]] = []
    for event in events:
        pieces.extend(event_evidence(event))
    for statement in statements:
        pieces.extend(statement_evidence(statement))
    by_pair: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    counted: set[tuple[str, str, str, str]] = set()
    for source, target, piece in pieces:
        if kinds is not None and piece.kind not in kinds:
            continue
        if not _in_window(piece.when, start, end):
            continue
        source, target = project.get(source, source), project.get(target, target)
        if source == target:
            continue
        a, b = sorted((source, target))
        # "Netanyahu and the Israeli army threatened Iran" is one Israel-Iran event, not two
        key = (piece.item_id, piece.kind.value, a, b)
        if key in counted:
            continue
        counted.add(key)
        by_pair[(a, b)].append(piece)
    relations = []
    for (a, b), evidence in sorted(by_pair.items()):
        score = sum(e.sign * e.weight for e in evidence)
        weight = sum(e.weight for e in evidence)
        starts = [e.when.start for e in evidence if e.when and e.when.start]
        ends = [e.when.end or e.when.start for e in evidence if e.when and (e.when.end or e.when.start)]
        relations.append(
            Relation(
                a=a,
                b=b,
                sign=(score > 1e-9) - (score < -1e-9),
                weight=round(weight, 6),
                score=round(score, 6),
                kinds=sorted({e.kind for e in evidence}, key=lambda k: k.value),
                first=min(starts) if starts else None,
                last=max(d for d in ends if d is not None) if ends else None,
                evidence=evidence,
            )
        )
    return relations


__all__ = [
    "aggregate_relations",
    "event_evidence",
    "modality_factor",
    "state_projection",
    "statement_evidence",
]
