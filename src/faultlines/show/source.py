"""Where the web app gets its model: a fixed in-memory model (tests, reports) or the DuckDB store.

Both sides offer the same small surface, so the API code never asks which one it has.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from faultlines.model import CorpusModel, DocumentModel


class ModelSource(Protocol):
    """What the web app needs from wherever the model lives."""

    @property
    def version(self) -> int:
        """Bumped on every change, so views computed from the model can be cached per version."""
        ...

    def corpus(self) -> CorpusModel: ...

    def ingest(self, model: DocumentModel) -> bool: ...

    def results(self, name: str) -> list[dict[str, Any]]: ...

    def describe(self) -> str: ...


class MemorySource:
    """A model held in memory; ingesting a document merges it and re-aggregates relations."""

    def __init__(self, corpus: CorpusModel | None = None) -> None:
        self._corpus = corpus or CorpusModel()
        self._lock = threading.Lock()
        self.version = 0
        self._results: dict[str, list[dict[str, Any]]] = {}

    def corpus(self) -> CorpusModel:
        return self._corpus

    def ingest(self, model: DocumentModel) -> bool:
        with self._lock:
            if any(doc.id == model.document.id for doc in self._corpus.documents):
                return False
            from faultlines.relations import aggregate_relations

            merged = self._corpus
            merged.documents.append(model.document)
            known = {actor.id for actor in merged.actors}
            merged.actors.extend(a for a in model.actors if a.id not in known)
            merged.actors.sort(key=lambda a: a.id)
            merged.mentions.extend(model.mentions)
            merged.events.extend(model.events)
            merged.statements.extend(model.statements)
            merged.quantities.extend(model.quantities)
            merged.claims.extend(model.claims)
            merged.relations = aggregate_relations(merged.events, merged.statements)
            self.version += 1
            return True

    def results(self, name: str) -> list[dict[str, Any]]:
        return list(self._results.get(name, []))

    def set_results(self, name: str, rows: list[dict[str, Any]]) -> None:
        """Provide a capability's results table (what ``store.write_table`` would hold)."""
        self._results[name] = rows
        self.version += 1

    def describe(self) -> str:
        return "in-memory model"


class StoreSource:
    """The DuckDB store, opened only for the moment of each read or write.

    DuckDB lets one process write a file at a time; holding the store open for the life of the
    server would lock out ``faultlines read --db`` and ``faultlines check --db`` in another terminal.
    The model is cached and reloaded when the file changes (its size or modification time).
    """

    def __init__(self, path: Path | str | None = None) -> None:
        from faultlines.store import default_path, open_store

        self.path = Path(path) if path is not None else default_path()
        with open_store(self.path):  # create or migrate now, so a bad path fails at start (E020/E021)
            pass
        self._lock = threading.RLock()
        self._stamp: tuple[int, ...] | None = None
        self._version = 0
        self._cached: tuple[int, CorpusModel] | None = None

    def _file_stamp(self) -> tuple[int, ...]:
        stamp: list[int] = []
        for candidate in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                info = candidate.stat()
            except OSError:
                stamp += [0, 0]
            else:
                stamp += [info.st_size, info.st_mtime_ns]
        return tuple(stamp)

    @property
    def version(self) -> int:
        """Bumped whenever the store file changed since last looked at (by us or another process)."""
        with self._lock:
            stamp = self._file_stamp()
            if stamp != self._stamp:
                self._stamp = stamp
                self._version += 1
            return self._version

    def _open(self, *, read_only: bool = True) -> Any:
        from faultlines.store import open_store

        return open_store(self.path, read_only=read_only)

    def corpus(self) -> CorpusModel:
        with self._lock:
            version = self.version
            if self._cached is None or self._cached[0] != version:
                with self._open() as store:
                    self._cached = (version, self._load(store, None))
            return self._cached[1]

    def corpus_of(self, doc_ids: list[str]) -> CorpusModel:
        """The model of some stored documents only (not cached)."""
        with self._lock, self._open() as store:
            return self._load(store, doc_ids)

    @staticmethod
    def _load(store: Any, doc_ids: list[str] | None) -> CorpusModel:
        """The stored model plus the verdicts the check capability wrote to its results table."""
        corpus: CorpusModel = store.corpus(doc_ids)
        known = {c.id for c in corpus.claims}
        documents = {d.id: d for d in corpus.documents}
        try:
            from faultlines.model import Claim, Span, Verdict, VerdictLabel

            for row in store.read_table("verdicts"):
                doc = documents.get(str(row.get("doc_id")))
                if doc is None:
                    continue  # a document not shown
                claim_id = str(row["claim_id"])
                if claim_id not in known:  # a claim check extracted: rebuild it from the row
                    start, end = int(row["start"]), int(row["end"])
                    span = Span(doc.id, doc.sentence_of(start), start, end, doc.text[start:end])
                    corpus.claims.append(
                        Claim(claim_id, doc.id, str(row.get("kind", "")), "", "", row.get("claim", span.text), span)
                    )
                    known.add(claim_id)
                corpus.verdicts.append(
                    Verdict(
                        claim_id=str(row["claim_id"]),
                        label=VerdictLabel(row["label"]),
                        explanation=str(row.get("explanation", "")),
                        reference=row.get("reference"),
                        source=str(row.get("source", "")),
                        qid=str(row.get("qid", "")),
                        corpus_agree=int(row.get("corpus_agree", 0) or 0),
                        corpus_disagree=int(row.get("corpus_disagree", 0) or 0),
                    )
                )
        except (KeyError, ValueError, TypeError):
            corpus.verdicts = []  # a results table of another layout: show claims unchecked
        return corpus

    def ingest(self, model: DocumentModel) -> bool:
        with self._lock, self._open(read_only=False) as store:
            return bool(store.ingest(model))

    def results(self, name: str) -> list[dict[str, Any]]:
        with self._lock, self._open() as store:
            rows: list[dict[str, Any]] = store.read_table(name)
            return rows

    def describe(self) -> str:
        return f"store {self.path.name}"

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers can treat every source alike."""


def load_corpus(
    paths: list[Path] | None = None, *, db: Path | None = None, doc_ids: list[str] | None = None
) -> CorpusModel:
    """The model a report or export shows: articles read from ``paths`` (nothing stored), else the store.

    Raises
    ------
    FaultlinesError
        E011 when every path was skipped; E020 when the store cannot be opened.
    """
    if paths:
        from faultlines.errors import E, InputError
        from faultlines.read import Skipped, aggregate_relations, read_paths

        models: list[DocumentModel] = []
        skipped = 0
        for item in read_paths(list(paths)):
            if isinstance(item, Skipped):
                skipped += 1
            else:
                models.append(item)
        if not models:
            raise InputError(E.E011, count=skipped)
        corpus = CorpusModel.merge(models)
        corpus.relations = aggregate_relations(corpus.events, corpus.statements)
        from faultlines.show.panels import attach_verdicts

        attach_verdicts(corpus)
        return corpus
    source = StoreSource(db)
    return source.corpus_of(doc_ids) if doc_ids else source.corpus()
