"""The PLOVER event ontology: event types, modes, conflict-cooperation scores, quad categories.

Scores come from the PLOVER 2.0 manual (see ``data/plover.csv`` for the source line). An event's
score gives the sign it contributes to a relation: cooperation (> 0) is +1, conflict (< 0) is -1,
and REQUEST (0) is neutral.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from faultlines.model import RelationKind

#: PLOVER 2.0 event types. Extension types (``X-...``) for occurrences are listed in EXTENSION_TYPES.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


EXTENSION_TYPES: tuple[str, ...] = ("X-INDEPENDENCE", "X-ACCIDENT", "X-ELECTION", "X-DEATH")


@dataclass(frozen=True, slots=True)
class EventCode:
    event_type: str
    mode: str
    score: float
    quad: str
    kinds: tuple[RelationKind, ...]


@cache
def _table() -> dict[tuple[str, str], EventCode]:
    table: dict[tuple[str, str], EventCode] = {}
    for name in ("plover.csv", "extensions.csv"):
        text = resources.files("faultlines.ontology").joinpath(f"data/{name}").read_text(encoding="utf-8")
        table.update(_parse(text))
    return table


def _parse(text: str) -> dict[tuple[str, str], EventCode]:
    table: dict[tuple[str, str], EventCode] = {}
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        kinds = tuple(RelationKind(k) for k in row["relation_kinds"].split("|") if k)
        code = EventCode(row["event_type"], row["mode"], float(row["score"]), row["quad_category"], kinds)
        table[(code.event_type, code.mode)] = code
    return table


def event_code(event_type: str, mode: str = "") -> EventCode:
    """The code for a type and mode, falling back to the type's default when the mode is unknown."""
    table = _table()
    key = (event_type.upper(), mode)
    if key in table:
        return table[key]
    if (event_type.upper(), "") in table:
        return table[(event_type.upper(), "")]
    raise KeyError(f"unknown PLOVER event type {event_type!r}")


def modes(event_type: str) -> list[str]:
    return [mode for (etype, mode) in _table() if etype == event_type and mode]


def score(event_type: str, mode: str = "") -> float:
    return event_code(event_type, mode).score


def sign_of(event_type: str, mode: str = "") -> int:
    """The sign an event lends a relation: +1 cooperation, -1 conflict, 0 neutral."""
    value = score(event_type, mode)
    return (value > 0) - (value < 0)


__all__ = ["EVENT_TYPES", "EXTENSION_TYPES", "EventCode", "event_code", "modes", "score", "sign_of"]
