"""Whole-document checking: the document date and its basis, the corpus cross-check, JSON and store rows."""

from __future__ import annotations

import json
from datetime import date

from tests.check.conftest import model

from faultlines.check import ReferenceBase, check_model, document_date, extract_claims
from faultlines.model import CorpusModel, Document, VerdictLabel


def test_document_date_rules(base: ReferenceBase) -> None:
    text = "Netanyahu flew to Baku in 2016. A crash in early 2025 stunned Tehran. Tehran may change course by 2030."
    m = model(text)
    claims = extract_claims(m, base)
    assert document_date(m, claims, date(2024, 1, 2)) == (date(2024, 1, 2), "given (--date)")
    when, basis = document_date(model(text, when=date(2025, 7, 1)), claims)
    assert (when, basis) == (date(2025, 7, 1), "document metadata")
    when, basis = document_date(m, claims, today=date(2026, 1, 1))
    assert when == date(2025, 4, 30) and "early 2025" in basis  # predictions ("by 2030") do not count
    when, basis = document_date(model("Nothing dated here."), [], today=date(2026, 1, 1))
    assert when == date(2026, 1, 1) and basis.startswith("today")


def test_check_model_gives_every_claim_a_verdict(base: ReferenceBase) -> None:
    text = (
        "President Ebrahim Raisi is touring the north. Azerbaijan joined NATO in 2004. "
        "How will Iran respond? Turkey has been a NATO member since 1952."
    )
    report = check_model(model(text, when=date(2025, 2, 1), title="Test"), base)
    assert len(report.items) == len(report.claims) > 0
    assert all(item.verdict.claim_id == item.claim.id for item in report.items)
    counts = report.counts()
    assert set(counts) == {label.value for label in VerdictLabel}
    assert counts["outdated"] == 1 and counts["contradicted"] == 1 and counts["not_checkable"] == 1
    assert {item.claim.kind for item in report.flagged()} == {"office", "membership"}


def test_report_json_round_trips_and_rows_are_flat(base: ReferenceBase) -> None:
    report = check_model(model("Azerbaijan joined NATO in 2004.", when=date(2025, 1, 1), doc_id="d9"), base)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["doc_id"] == "d9" and data["doc_date"] == "2025-01-01" and data["date_basis"] == "document metadata"
    (item,) = data["claims"]
    assert item["verdict"]["label"] == "contradicted" and item["verdict"]["source"]
    assert item["claim"]["span"]["text"] == "Azerbaijan joined NATO"
    assert item["corpus"] == {"agree": [], "disagree": []}
    (row,) = report.rows()
    assert (
        row["label"] == "contradicted" and row["doc_id"] == "d9" and all(isinstance(v, str | int) for v in row.values())
    )


def test_corpus_cross_check_counts_agreement_and_disagreement(base: ReferenceBase) -> None:
    docs = [
        Document(id="a", title="Agrees", text="Benjamin Netanyahu travelled to Baku in December 2016."),
        Document(id="b", title="Disagrees", text="Benjamin Netanyahu travelled to Baku in 2018."),
        Document(id="c", title="Unrelated", text="Turkey is a member of NATO."),
    ]
    corpus = CorpusModel(documents=docs)
    report = check_model(model("Netanyahu flew to Baku in 2016.", doc_id="me"), base, corpus=corpus)
    (visit,) = [i for i in report.items if i.claim.kind == "event"]
    assert visit.verdict.corpus_agree == 1 and visit.verdict.corpus_disagree == 1
    assert visit.agree_titles == ["Agrees"] and visit.disagree_titles == ["Disagrees"]


def test_the_document_itself_is_not_its_own_corroboration(base: ReferenceBase) -> None:
    text = "Turkey is a member of NATO."
    corpus = CorpusModel(documents=[Document(id="me", title="Me", text=text)])
    report = check_model(model(text, doc_id="me"), base, corpus=corpus)
    assert report.items[0].verdict.corpus_agree == 0


def test_check_corpus_checks_each_document_against_the_others(base: ReferenceBase) -> None:
    from faultlines.check import check_corpus

    docs = [
        Document(id="a", title="A", text="Azerbaijan joined NATO in 2004.", date=date(2025, 1, 1)),
        Document(id="b", title="B", text="Azerbaijan is a member of NATO.", date=date(2025, 1, 1)),
    ]
    reports = check_corpus(CorpusModel(documents=docs), base)
    assert [r.doc_id for r in reports] == ["a", "b"]
    assert all(r.items[0].verdict.label == VerdictLabel.CONTRADICTED for r in reports)
    assert reports[0].items[0].agree_titles == ["B"] and reports[1].items[0].agree_titles == ["A"]
