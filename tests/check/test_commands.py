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
    assert main(["check", str(article), "--json", str(out), "--date", "2025-03-01", "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "contradicted" in printed and "outdated" in printed and "2025" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    (doc,) = data["documents"]
    assert doc["doc_date"] == "2025-03-01" and doc["date_basis"] == "given (--date)"
    labels = {c["verdict"]["label"] for c in doc["claims"]}
    assert {"contradicted", "outdated", "supported"} <= labels

    from faultlines.store import open_store

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
