"""The parallel engines give exactly the sequential models, survive failing documents and dead
workers, keep memory bounded, and feed one writer idempotently (real spaCy, real processes, real DuckDB)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faultlines.cli import app, main
from faultlines.model import DocumentModel
from faultlines.read import RawDocument, Skipped, example_document
from faultlines.read.pipeline import read_documents
from faultlines.scale import HOOK_ENV, ingest, read_parallel
from faultlines.store import open_store

from .worker_hook import CRASH, HANG, POISON

SHORT = [
    "Turkey sold drones to Azerbaijan in 2020. Armenia protested the sale and recalled its ambassador.",
    "Russia and Iran signed an energy agreement on 3 March 2023. Israel criticised the agreement.",
    "The United States imposed sanctions on Iran in May 2018. Azerbaijan expanded oil exports to Israel.",
]


def _corpus() -> list[RawDocument]:
    base = example_document()
    docs = [base]
    # variants of the example: same structure, different years and titles, so ids differ
    for year in (2019, 2021, 2023):
        docs.append(replace(base, text=base.text.replace("2024", str(year)), title=f"variant {year}"))
    for index, text in enumerate(SHORT):
        docs.append(RawDocument(text=text, title=f"short {index}", date=date(2024, 1, 1), source=f"short-{index}"))
    return docs


@pytest.fixture(scope="module")
def corpus() -> list[RawDocument]:
    return _corpus()


@pytest.fixture(scope="module")
def sequential(corpus: list[RawDocument]) -> list[DocumentModel]:
    return list(read_documents(corpus))


def _models(items: list[DocumentModel | Skipped]) -> list[DocumentModel]:
    return [i for i in items if isinstance(i, DocumentModel)]


def test_process_engine_equals_sequential_reading(corpus: list[RawDocument], sequential: list[DocumentModel]) -> None:
    consumed = 0
    lag = 0

    def counted() -> Iterator[RawDocument]:
        nonlocal consumed
        for doc in corpus:
            consumed += 1
            yield doc

    out: list[DocumentModel | Skipped] = []
    for item in read_parallel(counted(), engine="process", workers=2, batch_size=2, max_in_flight=2):
        out.append(item)
        lag = max(lag, consumed - len(out))
    models = _models(out)
    assert len(out) == len(corpus) == len(models)
    assert [m.document.id for m in models] == [m.document.id for m in sequential]
    for got, want in zip(models, sequential, strict=True):
        assert got.events == want.events
        assert got.statements == want.statements
        assert got == want
    assert sum(len(m.events) for m in models) > 0 and sum(len(m.statements) for m in models) > 0
    # memory stays bounded: never more than max_in_flight * batch_size documents held
    assert lag <= 2 * 2


def test_unordered_engine_gives_the_same_set(corpus: list[RawDocument], sequential: list[DocumentModel]) -> None:
    models = _models(list(read_parallel(corpus, engine="process", workers=2, batch_size=3, ordered=False)))
    assert sorted(m.document.id for m in models) == sorted(m.document.id for m in sequential)


def test_skipped_inputs_pass_through_in_order(corpus: list[RawDocument]) -> None:
    sources: list[RawDocument | Skipped] = [corpus[4], Skipped("bad.html", "no text"), corpus[5]]
    out = list(read_parallel(sources, engine="process", workers=2, batch_size=1))
    assert isinstance(out[1], Skipped) and out[1].source == "bad.html"
    assert [o.document.title for o in (out[0], out[2])] == ["short 0", "short 1"]  # type: ignore[union-attr]


def test_a_document_that_raises_is_skipped_with_its_reason(
    corpus: list[RawDocument], sequential: list[DocumentModel], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOOK_ENV, "scale.worker_hook:install")
    poisoned = RawDocument(text=f"Iran warned Israel in 2022. {POISON}", title="poisoned", source="poison.txt")
    sources = [corpus[4], poisoned, corpus[5], corpus[6]]
    out = list(read_parallel(sources, engine="process", workers=2, batch_size=2))
    assert len(out) == 4
    skipped = out[1]
    assert isinstance(skipped, Skipped) and skipped.source == "poison.txt"
    assert "ValueError" in skipped.reason and "poisoned input" in skipped.reason
    assert _models(out) == sequential[4:7]


def test_a_worker_crash_loses_only_the_crashing_document(
    corpus: list[RawDocument], sequential: list[DocumentModel], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOOK_ENV, "scale.worker_hook:install")
    crashing = RawDocument(text=f"Armenia accused Azerbaijan in 2021. {CRASH}", title="crash", source="crash.txt")
    sources = [corpus[4], corpus[5], crashing, corpus[6]]
    out = list(read_parallel(sources, engine="process", workers=2, batch_size=2))
    assert len(out) == 4
    assert isinstance(out[2], Skipped) and out[2].source == "crash.txt"
    assert "failed twice" in out[2].reason
    assert _models(out) == sequential[4:7]


def test_a_hanging_document_times_out_and_is_skipped(
    corpus: list[RawDocument], sequential: list[DocumentModel], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOOK_ENV, "scale.worker_hook:install")
    hanging = RawDocument(text=f"Russia warned Turkey in 2019. {HANG}", title="hang", source="hang.txt")
    out = list(read_parallel([corpus[4], hanging, corpus[5]], engine="process", workers=2, batch_size=1, timeout=4))
    assert len(out) == 3
    assert isinstance(out[1], Skipped) and out[1].source == "hang.txt" and "timed out after 4 s" in out[1].reason
    assert _models(out) == sequential[4:6]


def test_one_writer_ingest_is_idempotent(corpus: list[RawDocument], tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with open_store(db) as store:
        first = ingest(store, read_parallel(corpus[4:], engine="process", workers=2, batch_size=1), commit_every=2)
        again = ingest(store, read_parallel(corpus[4:], engine="local"))
        assert len(store.document_ids()) == 3
    assert (first.stored, first.already_stored) == (3, 0)
    assert (again.stored, again.already_stored) == (0, 3)


def test_cli_read_with_workers_is_idempotent(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index, text in enumerate(SHORT):
        (inputs / f"a{index}.txt").write_text(text, encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    args = ["read", str(inputs), "--db", str(db), "--workers", "2", "--json", "--date", "2024-01-01"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    result = json.loads(first.output)
    assert (result["stored"], result["already_stored"]) == (3, 0)
    assert [s["source"] for s in result["skipped"]] == [str(inputs / "broken.txt")]
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    again = json.loads(second.output)
    assert (again["stored"], again["already_stored"]) == (0, 3)
    with open_store(db) as store:
        assert store.counts()["documents"] == 3


def test_cli_refuses_an_unknown_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(SHORT[0], encoding="utf-8")
    code = main(["read", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--engine", "gpu", "--json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "E041" in err and "--engine" in err and "Traceback" not in err
