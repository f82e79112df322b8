"""The reading pipeline end to end on real spaCy: actors, events, statements, relations, spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from faultlines.model import ActorKind, DocumentModel, Granularity, RelationKind
from faultlines.read import example_document, read_text
from faultlines.read.pipeline import document_id, read_documents
from faultlines.relations import aggregate_relations, state_projection

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def seed_model() -> DocumentModel:
    if not SEED.exists():
        pytest.skip(f"reference article not found at {SEED}")
    return read_text(SEED.read_text(encoding="utf-8"), title="seed", date=date(2025, 6, 1))


def _names(model: DocumentModel) -> dict[str, str]:
    return {a.id: a.name for a in model.actors}


def _sentence(model: DocumentModel, index: int) -> str:
    start, end = model.document.sentences[index]
    return model.document.text[start:end]


def test_seed_states_and_people(seed_model: DocumentModel) -> None:
    kinds = {a.name: a.kind for a in seed_model.actors}
    for state in ("Iran", "Azerbaijan", "Israel", "Armenia", "Turkey", "Russia", "United States"):
        assert kinds.get(state) is ActorKind.STATE, state
    people = {a.name for a in seed_model.actors if a.kind is ActorKind.PERSON}
    assert {"Ali Khamenei", "Ebrahim Raisi", "Benjamin Netanyahu"} <= people
    # the small model's errors must not survive: Baku is Azerbaijan's capital, not a person
    baku = [m for m in seed_model.mentions if m.span.text == "Baku"]
    assert baku and all(_names(seed_model)[m.actor_id] == "Azerbaijan" for m in baku)
    assert all(m.sector == "GOV" for m in baku)


def test_seed_metonymy_sets_sector(seed_model: DocumentModel) -> None:
    ministry = [m for m in seed_model.mentions if "Foreign Ministry" in m.span.text]
    assert ministry and _names(seed_model)[ministry[0].actor_id] == "Iran" and ministry[0].sector == "GOV"


def _events(model: DocumentModel, event_type: str, year: int) -> list:
    return [
        e for e in model.events
        if e.type == event_type and e.when is not None and e.when.start is not None and e.when.start.year == year
    ]  # fmt: skip


def test_seed_dated_events(seed_model: DocumentModel) -> None:
    names = _names(seed_model)
    independence = _events(seed_model, "X-INDEPENDENCE", 1991)
    assert independence and "Azerbaijan" in {names[a] for a in independence[0].sources}
    visit = [e for e in _events(seed_model, "CONSULT", 2016) if e.mode == "visit"]
    assert visit and names[visit[0].sources[0]] == "Benjamin Netanyahu" and names[visit[0].targets[0]] == "Azerbaijan"
    assert "visited Baku" in visit[0].span.text
    war = _events(seed_model, "ASSAULT", 2020)
    assert war and {names[a] for a in war[0].sources} == {"Azerbaijan", "Armenia"}
    strikes = [e for e in _events(seed_model, "ASSAULT", 2024) if "strike" in e.trigger.lower()]
    assert strikes and names[strikes[0].sources[0]] == "Israel" and names[strikes[0].targets[0]] == "Iran"
    crash = _events(seed_model, "X-ACCIDENT", 2025)
    assert crash and crash[0].when is not None and crash[0].when.text.lower() == "early 2025"
    assert crash[0].when.granularity in (Granularity.SEASON, Granularity.MONTH)


def test_seed_modality(seed_model: DocumentModel) -> None:
    hedged = [e for e in seed_model.events if "may have provided" in e.span.text and e.trigger == "provided"]
    assert hedged and hedged[0].modality.speculative and hedged[0].modality.denied
    assert hedged[0].modality.reported_by.lower() == "analysts"


def test_seed_relations_with_evidence(seed_model: DocumentModel) -> None:
    names = _names(seed_model)
    relations = aggregate_relations(
        seed_model.events, seed_model.statements, project=state_projection(seed_model.actors)
    )
    by_pair = {frozenset((names.get(r.a, r.a), names.get(r.b, r.b))): r for r in relations}
    aze_isr = by_pair[frozenset(("Azerbaijan", "Israel"))]
    assert aze_isr.sign == 1 and {RelationKind.MILITARY, RelationKind.ENERGY} <= set(aze_isr.kinds)
    aze_arm = by_pair[frozenset(("Azerbaijan", "Armenia"))]
    assert aze_arm.sign == -1
    for relation in (aze_isr, aze_arm):
        for evidence in relation.evidence:
            start, end = seed_model.document.sentences[evidence.span.sentence]
            assert (evidence.span.start, evidence.span.end) == (start, end)
            assert evidence.span.text == seed_model.document.text[start:end]
    energy = [e for e in aze_isr.evidence if e.kind is RelationKind.ENERGY]
    assert energy and "oil" in energy[0].span.text


def test_example_reads_and_is_deterministic() -> None:
    raw = example_document()
    first, second = list(read_documents([raw, raw]))
    assert first.document.id == second.document.id == document_id(raw.text)
    assert [e.type for e in first.events] == [e.type for e in second.events]
    names = {a.name for a in first.actors}
    assert {"Armenia", "Azerbaijan", "Iran", "Turkey", "Russia"} <= names
    assert any(e.type == "ASSAULT" for e in first.events)


def test_mention_spans_slice_the_text() -> None:
    text = "Tehran condemned the Israeli air strike. Moscow and Baku signed an energy agreement in May 2024."
    model = read_text(text, date=date(2024, 6, 1))
    for mention in model.mentions:
        assert text[mention.span.start : mention.span.end] == mention.span.text
    agree = [e for e in model.events if e.type == "AGREE"]
    assert agree and agree[0].when is not None and agree[0].when.start == date(2024, 5, 1)
    assert RelationKind.ENERGY in agree[0].kinds


def test_seed_group_and_weapons(seed_model: DocumentModel) -> None:
    actors = {a.id: a for a in seed_model.actors}
    groups = [a for a in actors.values() if a.kind is ActorKind.ETHNIC_GROUP and {"IRN", "AZE"} <= set(a.states)]
    assert groups, "the Azeri ethnic group, living in Iran and Azerbaijan"
    tied = {
        actors[s.target].name
        for s in seed_model.statements
        if s.source == groups[0].id and s.kind is RelationKind.KINSHIP
    }
    assert {"Iran", "Azerbaijan"} <= tied
    weapons = {a.name: a for a in actors.values() if a.kind is ActorKind.WEAPON_SYSTEM}
    harop = [a for name, a in weapons.items() if "Harop" in name]
    barak = [a for name, a in weapons.items() if "Barak" in name]
    assert harop and barak and harop[0].home_state == "ISR" and barak[0].home_state == "ISR"
    assert not any(a.kind is ActorKind.PERSON and "Barak" in a.name for a in actors.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azerbaijan signed a counter-terrorism pact with Israel.", []),
        ("Tensions between Iran and Azerbaijan eased after the talks.", []),
        ("Tensions between Iran and Azerbaijan rose sharply in 2021.", [-1]),
        ("Turkey shares a boundary with Armenia.", []),
    ],
)
def test_hostile_cues_need_hostile_meaning(text: str, expected: list[int]) -> None:
    assert [s.sign for s in read_text(text).statements] == expected


def test_group_ties_skip_sentences_about_conflict() -> None:
    peaceful = read_text("Millions of Kurds live in Turkey and in Iraq.")
    hostile = read_text("Kurds in Turkey protested against Ankara's new law.")
    assert any(s.rule == "gazetteer:group-lives-in-state" for s in peaceful.statements)
    assert not any(s.rule == "gazetteer:group-lives-in-state" for s in hostile.statements)


def test_a_leaders_state_is_added_even_when_never_named() -> None:
    model = read_text("Netanyahu criticised Raisi sharply in a speech.", date=date(2023, 1, 10))
    assert {"Israel", "Iran"} <= {a.name for a in model.actors}
