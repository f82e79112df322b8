"""Shared fixtures: peer data paths (skipped when absent) and small hand-built relations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from faultlines.model import Actor, ActorKind, Evidence, Granularity, Relation, RelationKind, Span, TimeInterval

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
PEERS = SHARED / "peers"


@pytest.fixture
def tribes_csv() -> Path:
    path = PEERS / "highland-tribes" / "tribes_edges.csv"
    if not path.exists():
        pytest.skip(f"peer data absent: {path}")
    return path


@pytest.fixture
def cow_dir() -> Path:
    path = PEERS / "cow-signed"
    if not (path / "summary.csv").exists():
        pytest.skip(f"peer data absent: {path}")
    return path


def evidence(doc: str, start: int, text: str, sign: int, kind: RelationKind, year: int = 2020) -> Evidence:
    span = Span(doc, 0, start, start + len(text), text)
    when = TimeInterval(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, str(year))
    return Evidence(f"{doc}:{start}", "statement", span, sign, 1.0, kind, when)


def relation(a: str, b: str, *pieces: Evidence) -> Relation:
    a, b = sorted((a, b))
    score = sum(p.sign * p.weight for p in pieces)
    starts = [p.when.start for p in pieces if p.when and p.when.start]
    ends = [p.when.end for p in pieces if p.when and p.when.end]
    return Relation(
        a,
        b,
        (score > 0) - (score < 0),
        sum(p.weight for p in pieces),
        score,
        sorted({p.kind for p in pieces}, key=lambda k: k.value),
        min(starts) if starts else None,
        max(ends) if ends else None,
        list(pieces),
    )


ACTORS = [
    Actor("Q794", "Iran", ActorKind.STATE, qid="Q794"),
    Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227"),
    Actor("Q801", "Israel", ActorKind.STATE, qid="Q801"),
    Actor("fl:azeris", "Azeris", ActorKind.ETHNIC_GROUP),
]


@pytest.fixture
def triangle_relations() -> list[Relation]:
    """Iran–Azerbaijan tied by kinship and faith, Azerbaijan–Israel arms, Israel–Iran enmity."""
    return [
        relation(
            "Q794",
            "Q227",
            evidence("doc1", 10, "shared Shia faith", 1, RelationKind.RELIGION),
            evidence("doc1", 40, "ties of kinship", 1, RelationKind.KINSHIP),
        ),
        relation("Q227", "Q801", evidence("doc1", 80, "buys Israeli drones", 1, RelationKind.MILITARY, 2016)),
        relation("Q801", "Q794", evidence("doc1", 120, "sworn enemies", -1, RelationKind.GENERAL)),
        relation("Q794", "fl:azeris", evidence("doc2", 5, "Azeris in Iran's elite", 1, RelationKind.KINSHIP)),
    ]
