"""``faultlines check`` end to end: the real reading pipeline, JSON, the store, coded errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faultlines.cli import main

ARTICLE = (
    "Iran's President Ebrahim Raisi is touring the northwest this week. "
    "Azerbaijan joined NATO in 2004, the minister said. Turkey has been a NATO member since 1952.\n"
)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_check_writes_json_and_flags_errors(article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "verdicts.json"
    db = tmp_path / "store.duckdb"
    from faultlines.store import open_store

    open_store(db).close()
    assert main(["check", str(article), "--json", str(out), "--date", "2025-03-01", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "contradicted" in printed and "outdated" in printed and "2025" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["doc_date"] == "2025-03-01" and doc["date_basis"] == "given (--date)"
    labels = {c["verdict"]["label"] for c in doc["claims"]}
    assert {"contradicted", "outdated", "supported"} <= labels

    with open_store(db) as store:
        rows = store.read_table("verdicts")
    assert len(rows) == len(doc["claims"]) and {r["label"] for r in rows} == labels


def test_bad_date_is_a_coded_error(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(article), "--date", "March 2025"]) == 2
    assert "E010" in capsys.readouterr().err


def test_malformed_reference_file_names_file_line_and_field(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "events_mine.yaml").write_text(
        "- {id: x, kind: visit, title: X, date: 2020, source: S}\n- {id: y, kind: visit, title: Y, source: S}\n",
        encoding="utf-8",
    )
    assert main(["check", str(article), "--reference", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "E030" in err and "events_mine.yaml" in err and "line 2" in err and "'date'" in err


def test_db_that_does_not_exist_is_refused_and_not_created(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo.duckdb"
    assert main(["check", str(article), "--db", str(db)]) == 2
    assert "E020" in capsys.readouterr().err
    assert not db.exists()


def test_date_with_a_time_part_is_accepted(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.json"
    assert main(["check", str(article), "--date", "2024-05-19T10:00", "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["doc_date"] == "2024-05-19"


def test_nothing_to_read_counts_the_skipped_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "empties"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text("", encoding="utf-8")
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "E011" in err and "3 skipped" in err


def test_db_claims_are_extracted_once_and_reused(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second ``check --db`` reads the stored documents' claims instead of extracting them again."""
    import faultlines.check.corpus as corpus_module
    from faultlines.store import open_store

    other = tmp_path / "other.txt"
    other.write_text("Azerbaijan joined NATO in 2009. Turkey joined NATO in 1952.\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert main(["read", str(other), "--db", str(db)]) == 0
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert main(["check", str(article), "--db", str(db), "--json", str(first)]) == 0
    with open_store(db, read_only=True) as store:
        (row,) = store.read_table("check_claims")
        assert row["doc_id"] in store.document_ids() and row["claims"]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("claims of a stored document were extracted again")

    monkeypatch.setattr(corpus_module, "extract_claims", refuse)
    assert main(["check", str(article), "--db", str(db), "--json", str(second)]) == 0
    capsys.readouterr()

    def corpus_counts(path: Path) -> list[tuple[int, int]]:
        claims = json.loads(path.read_text(encoding="utf-8"))["documents"][0]["claims"]
        return [(c["verdict"]["corpus_agree"], c["verdict"]["corpus_disagree"]) for c in claims]

    assert corpus_counts(first) == corpus_counts(second)
    assert any(a + d for a, d in corpus_counts(second))  # the stored document makes the same claims


def test_cross_check_keeps_no_module_level_corpus_cache() -> None:
    """A server checking per request must not pin corpora in a global cache (review L17)."""
    import faultlines.check.corpus as corpus_module
    from faultlines.check import check_model, load_reference
    from faultlines.model import CorpusModel, Document, DocumentModel

    base = load_reference()
    before = {k: len(v) for k, v in vars(corpus_module).items() if isinstance(v, dict) and not k.startswith("__")}
    other = Document(id="o", text="Azerbaijan joined NATO in 2009.")
    corpus = CorpusModel(documents=[other])
    report = check_model(DocumentModel(document=Document(id="d", text="Azerbaijan joined NATO in 2004.")), base, corpus)
    assert report.items[0].verdict.corpus_agree == 1
    after = {k: len(v) for k, v in vars(corpus_module).items() if isinstance(v, dict) and not k.startswith("__")}
    assert after == before
