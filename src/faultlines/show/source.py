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

    #: Bumped on every change, so views computed from the model can be cached per version.
    version: int

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
    """The DuckDB store, opened once and used under a lock (DuckDB connections are not thread-safe)."""

    def __init__(self, path: Path | str | None = None) -> None:
        from faultlines.store import open_store

        self._store = open_store(path)
        self.path = self._store.path
        self._lock = threading.Lock()
        self.version = 0
        self._cached: tuple[int, CorpusModel] | None = None

    def corpus(self) -> CorpusModel:
        with self._lock:
            if self._cached is None or self._cached[0] != self.version:
                corpus = self._store.corpus()
                try:
                    from faultlines.model import Verdict, VerdictLabel

                    for row in self._store.read_table("verdicts"):
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
                    corpus.verdicts = []
                self._cached = (self.version, corpus)
            return self._cached[1]

    def ingest(self, model: DocumentModel) -> bool:
        with self._lock:
            added = self._store.ingest(model)
            if added:
                self.version += 1
            return added

    def results(self, name: str) -> list[dict[str, Any]]:
        with self._lock:
            return self._store.read_table(name)

    def describe(self) -> str:
        return f"store {self.path.name}"

    def close(self) -> None:
        with self._lock:
            self._store.close()
