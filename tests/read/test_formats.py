"""Bad input gets a clear one-line reason, a non-zero exit and never a half-written store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from faultlines.cli import main
from faultlines.errors import InputError
from faultlines.read.formats import html_to_text, read_file, read_sources
from faultlines.store import open_store

ARTICLE = (
    "Iran and Azerbaijan held talks in Baku in March 2024. The two governments agreed to reopen the border "
    "crossing, and officials said the visit improved relations between the neighbours."
)


def test_html_drops_scripts_and_keeps_text() -> None:
    text, title = html_to_text(
        "<html><head><title>Talks</title><script>alert('x')</script></head>"
        "<body><p>Iran <b>and</b> Azerbaijan<p>met.<style>p{}</style><div>unclosed"
    )
    assert title == "Talks" and "alert" not in text and "Iran and Azerbaijan" in text and "unclosed" in text


@pytest.mark.parametrize(
    ("name", "payload", "code"),
    [
        ("empty.txt", b"   \n", "E002"),
        ("binary.txt", b"\x00\x01\x02binary" * 50, "E003"),
        ("latin1.txt", "Caf\xe9 au lait in Tehran and Baku".encode("latin-1"), "E004"),
        ("scripts.html", b"<html><script>var a = 1;</script><script>alert(2)</script></html>", "E006"),
        ("russian.txt", "Это статья о политике на Кавказе и отношениях между странами региона".encode(), "E007"),
        ("table.csv", b"a,b\n1,2\n", "E009"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, name: str, payload: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(InputError) as info:
        list(read_file(path))
    assert info.value.code.name == code and str(path) in info.value.message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 200)
    with pytest.raises(InputError, match="E005"):
        list(read_file(path, max_mb=0.01))


def test_directory_skips_bad_files_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Title\n\n" + ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"text": ARTICLE, "title": "Feed", "date": "2024-03-05", "url": "https://example.org/a"})
        + "\nnot json\n" + json.dumps({"title": "no text"}) + "\n"
    )
    items = list(read_sources([tmp_path]))
    docs = [i for i in items if hasattr(i, "text")]
    skipped = [i for i in items if not hasattr(i, "text")]
    assert {d.title for d in docs} == {"Title", "Feed"}
    assert len(skipped) == 3 and any("not JSON" in s.reason for s in skipped)
    feed = next(d for d in docs if d.title == "Feed")
    assert feed.date is not None and feed.date.isoformat() == "2024-03-05" and feed.url.startswith("https://")


def test_cli_read_is_idempotent_and_keeps_store_on_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.duckdb"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    assert main(["read", str(article), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stored"] == 1
    assert main(["read", str(article), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["already_stored"] == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["read", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "E003" in err and "Traceback" not in err
    with open_store(db) as store:
        assert store.counts()["documents"] == 1


def test_cli_bad_date_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    assert "E001" in capsys.readouterr().err
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    assert main(["analyze", str(article), "--date", "yesterday"]) == 2
    assert "E010" in capsys.readouterr().err


def test_analyze_without_input_runs_the_example_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    result = subprocess.run(
        [sys.executable, "-m", "faultlines.cli", "analyze", "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Relations" in result.stdout and "Event timeline" in result.stdout
    data = json.loads(out.read_text())
    assert data["schema_version"] and data["documents"] and data["events"]
    relation = data["relations"][0]
    assert relation["sign"] in (-1, 0, 1) and relation["a_name"] and relation["evidence"][0]["span"]["text"]


def test_html_without_closing_head_keeps_its_body() -> None:
    text, title = html_to_text("<!doctype html><html><head><title>T</title><meta charset=utf-8><body><p>Iran met.</p>")
    assert (text, title) == ("Iran met.", "T")


def test_directory_named_through_dot_paths_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / ".cache" / "articles"
    (corpus / ".git").mkdir(parents=True)
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / ".git" / "b.txt").write_text(ARTICLE)
    (corpus / "scan.pdf").write_bytes(b"%PDF")
    monkeypatch.chdir(corpus)
    items = list(read_sources([Path("..") / "articles"]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skipped"]
    assert "unsupported format '.pdf'" in items[1].reason


def test_a_bad_named_input_stops_before_anything_is_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.duckdb"
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    assert main(["read", str(good), str(tmp_path / "missing.txt"), "--db", str(db)]) == 2
    assert "E001" in capsys.readouterr().err
    with open_store(db) as store:
        assert store.counts()["documents"] == 0
