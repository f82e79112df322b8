"""The store against a real DuckDB file: idempotent, transactional, lossless round trips."""

from datetime import date
from pathlib import Path

import pytest

from faultlines.errors import StoreError
from faultlines.model import (
    Actor,
    ActorKind,
    Claim,
    Document,
    DocumentModel,
    Event,
    Granularity,
    Mention,
    Modality,
    Quantity,
    RelationKind,
    Span,
    Statement,
    TimeInterval,
)
from faultlines.store import open_store


def _model(doc_id: str = "doc1", text: str = "Israel sold drones to Azerbaijan in 2016.") -> DocumentModel:
    span = Span(doc_id, 0, 0, len(text), text)
    when = TimeInterval(date(2016, 1, 1), date(2016, 12, 31), Granularity.YEAR, "in 2016")
    return DocumentModel(
        document=Document(id=doc_id, text=text, title="T", date=date(2024, 1, 2), sentences=[(0, len(text))]),
        actors=[
            Actor("Q801", "Israel", ActorKind.STATE, qid="Q801", home_state="ISR"),
            Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227", home_state="AZE", aliases=("Baku",)),
        ],
        mentions=[Mention("Q801", Span(doc_id, 0, 0, 6, "Israel"), sector="GOV", rule="gazetteer")],
        events=[
            Event(
                id=f"{doc_id}:e0",
                doc_id=doc_id,
                type="AID",
                span=span,
                sources=["Q801"],
                targets=["Q227"],
                when=when,
                modality=Modality(speculative=True),
                kinds=[RelationKind.MILITARY],
                trigger="sold",
            )
        ],
        statements=[
            Statement(f"{doc_id}:s0", doc_id, "Q227", "Q801", RelationKind.ENERGY, 1, span, cue="supply")
        ],
        quantities=[
            Quantity(10e6, "persons", span, low=10e6, high=10e6, hedge="about", measure="population")
        ],
        claims=[
            Claim(f"{doc_id}:c0", doc_id, "event_date", "Q801", "visited", {"year": 2016}, span, when=when)
        ],
    )


def test_round_trip_and_idempotence(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        assert store.ingest(_model()) is True
        assert store.ingest(_model()) is False  # same content hash: nothing changes
        corpus = store.corpus()
    assert len(corpus.documents) == 1 and corpus.documents[0].date == date(2024, 1, 2)
    assert corpus.documents[0].sentences == [(0, 41)]
    event = corpus.events[0]
    assert event.modality.speculative and event.kinds == [RelationKind.MILITARY]
    assert event.when is not None and event.when.granularity is Granularity.YEAR
    assert corpus.claims[0].value == {"year": 2016}
    assert corpus.quantities[0].hedge == "about"
    assert {a.id for a in corpus.actors} == {"Q801", "Q227"}
    (relation,) = corpus.relations
    assert (relation.a, relation.b, relation.sign) == ("Q227", "Q801", 1)
    assert {e.item_type for e in relation.evidence} == {"event", "statement"}


def test_failed_ingest_leaves_store_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.ingest(_model("good"))
        bad = _model("bad")
        bad.events.append(bad.events[0])  # duplicate primary key makes the insert fail midway
        with pytest.raises(StoreError, match="E022"):
            store.ingest_many([bad])
        assert store.document_ids() == ["good"]
        assert store.counts()["events"] == 1 and store.counts()["mentions"] == 1


def test_relations_window_and_results_tables(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.ingest(_model())
        assert len(store.relations(date(2016, 1, 1), date(2016, 12, 31))) == 1
        assert store.relations(date(2020, 1, 1), date(2021, 1, 1)) == []
        store.write_table("structure_triads", [{"a": 1, "when": date(2020, 1, 1)}])
        assert store.read_table("structure_triads") == [{"a": 1, "when": "2020-01-01"}]
        assert store.read_table("never_written") == []
        with pytest.raises(StoreError):
            store.write_table("documents; DROP TABLE x", [])


def test_version_mismatch_and_bad_file_are_clear(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="E021"):
        open_store(path)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="E020"):
        open_store(junk)


def test_a_foreign_duckdb_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a faultlines store"):
        open_store(path)
    con = duckdb.connect(str(path))  # the file is not left locked, and nothing was added to it
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert tables == {"sales"}


def test_delete_document_removes_everything_read_from_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as store:
        store.ingest_many([_model("one"), _model("two")])
        assert store.delete_document("one") and not store.delete_document("one")
        assert store.document_ids() == ["two"]
        assert store.counts()["events"] == 1 and store.counts()["claims"] == 1
