from datetime import date

from faultlines.model import (
    Actor,
    ActorKind,
    CorpusModel,
    Document,
    DocumentModel,
    Granularity,
    Span,
    TimeInterval,
    time_from_dict,
    to_jsonable,
)


def test_time_interval_overlap_respects_open_ends():
    year = TimeInterval(date(2016, 1, 1), date(2016, 12, 31), Granularity.YEAR, "2016")
    assert year.overlaps(date(2016, 6, 1), None)
    assert not year.overlaps(date(2017, 1, 1), None)
    assert not year.overlaps(None, date(2015, 12, 31))
    since = TimeInterval(date(1991, 1, 1), None, Granularity.YEAR, "since 1991")
    assert since.overlaps(date(2030, 1, 1), date(2031, 1, 1))


def test_jsonable_round_trips_time():
    t = TimeInterval(date(2025, 1, 1), date(2025, 4, 30), Granularity.SEASON, "early 2025", True)
    data = to_jsonable(t)
    assert data["granularity"] == "season" and data["start"] == "2025-01-01"
    assert time_from_dict(data) == t


def test_document_sentence_lookup():
    doc = Document(id="d", text="One. Two.", sentences=[(0, 4), (5, 9)])
    assert doc.sentence_of(0) == 0 and doc.sentence_of(6) == 1 and doc.sentence_of(40) == -1


def test_merge_deduplicates_actors():
    iran = Actor("Q794", "Iran", ActorKind.STATE, home_state="IRN")
    m1 = DocumentModel(Document(id="a", text="x"), actors=[iran])
    m2 = DocumentModel(Document(id="b", text="y"), actors=[iran])
    corpus = CorpusModel.merge([m1, m2])
    assert [a.id for a in corpus.actors] == ["Q794"] and len(corpus.documents) == 2
    assert corpus.actor("Q794") is iran and corpus.actor("nope") is None
    assert Span("a", 0, 0, 1, "x").text == "x"
