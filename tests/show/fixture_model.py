"""A small hand-built model for show's tests: our own sentences, offsets computed, not typed by hand.

Two documents about the South Caucasus (dated a year apart) plus helpers to build a hostile one.
"""

from __future__ import annotations

import re
from datetime import date

from faultlines.model import (
    Actor,
    ActorKind,
    Claim,
    CorpusModel,
    Document,
    Event,
    Evidence,
    Granularity,
    Mention,
    Relation,
    RelationKind,
    Span,
    Statement,
    TimeInterval,
    Verdict,
    VerdictLabel,
)

ACTORS = [
    Actor("Q794", "Iran", ActorKind.STATE, qid="Q794", home_state="IRN"),
    Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227", home_state="AZE"),
    Actor("Q801", "Israel", ActorKind.STATE, qid="Q801", home_state="ISR"),
    Actor("Q399", "Armenia", ActorKind.STATE, qid="Q399", home_state="ARM"),
    Actor("Q43", "Turkey", ActorKind.STATE, qid="Q43", home_state="TUR"),
    Actor("Q159", "Russia", ActorKind.STATE, qid="Q159", home_state="RUS"),
    Actor("fl:azeris", "Azeris", ActorKind.ETHNIC_GROUP, home_state="AZE", states=("AZE", "IRN")),
    Actor("fl:harop", "Harop drone", ActorKind.WEAPON_SYSTEM, home_state="ISR"),
]

DOC1 = (
    "Azerbaijan buys drones and other arms from Israel. "
    "Israel in turn receives a large share of its oil from Azerbaijan. "
    "Iran accuses Azerbaijan of hosting Israeli agents near its border. "
    "Millions of Azeris live in northern Iran. "
    "Armenia fought Azerbaijan over Karabakh in 2020."
)
DOC2 = (
    "Turkey backs Azerbaijan with weapons and diplomacy. "
    "Russia sells arms to Armenia and keeps a base there. "
    "In 2021 Iran held military drills on the Azerbaijani border. "
    "Turkey and Israel quarrel over Gaza."
)


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def span(doc: Document, phrase: str) -> Span:
    """The span of the first occurrence of ``phrase`` in ``doc`` (fails loudly if absent)."""
    start = doc.text.index(phrase)
    end = start + len(phrase)
    return Span(doc.id, doc.sentence_of(start), start, end, phrase)


def year(value: int) -> TimeInterval:
    return TimeInterval(date(value, 1, 1), date(value, 12, 31), Granularity.YEAR, str(value))


def build(extra_docs: list[Document] | None = None) -> CorpusModel:
    """The fixture corpus; relations aggregated by hand from the listed evidence."""
    d1 = Document(
        "doc1",
        DOC1,
        title="Arms, oil and kin",
        date=date(2021, 3, 1),
        url="https://example.org/a",
        source="Example Review",
        sentences=_sentences(DOC1),
    )
    d2 = Document(
        "doc2",
        DOC2,
        title="Patrons of the Caucasus",
        date=date(2022, 6, 15),
        url="javascript:alert(1)",
        source="Example Weekly",
        sentences=_sentences(DOC2),
    )
    docs = [d1, d2, *(extra_docs or [])]
    mentions = []
    for doc in (d1, d2):
        for actor in ACTORS:
            for m in re.finditer(re.escape(actor.name.split()[0]), doc.text):
                mentions.append(
                    Mention(actor.id, Span(doc.id, doc.sentence_of(m.start()), m.start(), m.end(), m.group()))
                )

    def ev(doc: Document, phrase: str, kind: RelationKind, sign: int, when: TimeInterval | None, item: str) -> Evidence:
        return Evidence(item, "event", span(doc, phrase), sign, 1.0, kind, when)

    rel_specs = [
        (
            "Q227",
            "Q801",
            [
                ev(
                    d1,
                    "Azerbaijan buys drones and other arms from Israel",
                    RelationKind.MILITARY,
                    1,
                    None,
                    "e1",
                ),
                ev(
                    d1,
                    "receives a large share of its oil from Azerbaijan",
                    RelationKind.ENERGY,
                    1,
                    None,
                    "e2",
                ),
            ],
        ),
        (
            "Q227",
            "Q794",
            [
                ev(d1, "Iran accuses Azerbaijan", RelationKind.DIPLOMATIC, -1, None, "e3"),
                ev(
                    d2,
                    "Iran held military drills on the Azerbaijani border",
                    RelationKind.MILITARY,
                    -1,
                    year(2021),
                    "e4",
                ),
            ],
        ),
        ("Q227", "Q399", [ev(d1, "Armenia fought Azerbaijan", RelationKind.MILITARY, -1, year(2020), "e5")]),
        ("Q227", "Q43", [ev(d2, "Turkey backs Azerbaijan", RelationKind.MILITARY, 1, None, "e6")]),
        ("Q159", "Q399", [ev(d2, "Russia sells arms to Armenia", RelationKind.MILITARY, 1, None, "e7")]),
        ("Q43", "Q801", [ev(d2, "Turkey and Israel quarrel over Gaza", RelationKind.DIPLOMATIC, -1, None, "e8")]),
        ("Q794", "fl:azeris", [ev(d1, "Azeris live in northern Iran", RelationKind.KINSHIP, 1, None, "s1")]),
    ]
    relations = []
    for a, b, evidence in rel_specs:
        score = sum(e.sign * e.weight for e in evidence)
        days = [e.when.start if e.when else docs[0 if e.span.doc_id == "doc1" else 1].date for e in evidence]
        relations.append(
            Relation(
                a,
                b,
                1 if score > 0 else -1 if score < 0 else 0,
                sum(e.weight for e in evidence),
                score,
                sorted({e.kind for e in evidence}),
                min(d for d in days if d),
                max(d for d in days if d),
                evidence,
            )
        )
    events = [
        Event(
            "e1",
            "doc1",
            "COOPERATE",
            span(d1, "Azerbaijan buys drones and other arms from Israel"),
            ["Q227"],
            ["Q801"],
            kinds=[RelationKind.MILITARY],
            trigger="buys",
        ),
        Event(
            "e5",
            "doc1",
            "ASSAULT",
            span(d1, "Armenia fought Azerbaijan"),
            ["Q399"],
            ["Q227"],
            when=year(2020),
            kinds=[RelationKind.MILITARY],
            trigger="fought",
        ),
        Event(
            "e4",
            "doc2",
            "MOBILIZE",
            span(d2, "Iran held military drills on the Azerbaijani border"),
            ["Q794"],
            ["Q227"],
            when=TimeInterval(date(2021, 9, 1), date(2021, 10, 31), Granularity.MONTH, "autumn 2021"),
            kinds=[RelationKind.MILITARY],
            trigger="held",
        ),
    ]
    statements = [
        Statement(
            "s1",
            "doc1",
            "fl:azeris",
            "Q794",
            RelationKind.KINSHIP,
            1,
            span(d1, "Azeris live in northern Iran"),
        )
    ]
    claims = [
        Claim(
            "c1",
            "doc1",
            "population",
            "fl:azeris",
            "lives_in",
            "Iran",
            span(d1, "Millions of Azeris live in northern Iran"),
        )
    ]
    verdicts = [
        Verdict(
            "c1",
            VerdictLabel.SUPPORTED,
            "Reference base lists a large Azeri population in Iran.",
            reference="12-23 million",
            source="https://example.org/ref",
        )
    ]
    return CorpusModel(
        documents=docs,
        actors=list(ACTORS),
        mentions=mentions,
        events=events,
        statements=statements,
        claims=claims,
        relations=relations,
        verdicts=verdicts,
    )


HOSTILE_TEXT = (
    "Breaking: <script>window.__pwned=1;alert('x')</script> Iran and Azerbaijan talk. "
    "See <img src=x onerror=\"window.__pwned=2;alert('y')\"> and a link javascript:alert(3) here."
)
HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned=3;alert('t')\">Title"


def with_hostile(corpus: CorpusModel) -> CorpusModel:
    """Add a document whose text, title and link carry script payloads, with an Iran–Azerbaijan quote."""
    doc = Document(
        "evil",
        HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        date=date(2022, 1, 1),
        url="javascript:window.__pwned=4",
        source="<script>alert(5)</script>",
        sentences=[(0, 81), (81, len(HOSTILE_TEXT))],
    )
    corpus.documents.append(doc)
    start = HOSTILE_TEXT.index("<img")
    end = HOSTILE_TEXT.index(" and a link")
    piece = Evidence(
        "evil-e", "event", Span("evil", 1, start, end, HOSTILE_TEXT[start:end]), -1, 1.0, RelationKind.DIPLOMATIC, None
    )
    script = HOSTILE_TEXT.index("<script>")
    corpus.mentions.append(Mention("Q794", Span("evil", 0, script, script + 40, HOSTILE_TEXT[script : script + 40])))
    for rel in corpus.relations:
        if (rel.a, rel.b) == ("Q227", "Q794"):
            rel.evidence.append(piece)
    return corpus
