"""The store: one DuckDB file that is the single source of truth after reading.

Ingest is idempotent (documents are keyed by content hash) and transactional (a failure leaves the
file as it was). Rows go in as Arrow tables, one batch per call, so ingesting many documents at once
costs a few statements rather than one per row. Reading never touches the store, so many workers can
read in parallel while one process writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from faultlines.errors import E, StoreError
from faultlines.model import (
    Actor,
    ActorKind,
    Claim,
    CorpusModel,
    Document,
    DocumentModel,
    Event,
    Granularity,
    Mention,
    Modality,
    Quantity,
    Relation,
    RelationKind,
    Span,
    Statement,
    TimeInterval,
)
from faultlines.store.schema import CORE_TABLES, DDL, SCHEMA_VERSION

_RESULT_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def default_path() -> Path:
    """The store used when ``--db`` is not given: ``faultlines.duckdb`` in the user's data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir("faultlines")) / "faultlines.duckdb"


def open_store(path: Path | str | None = None, *, read_only: bool = False) -> Store:
    """Open (creating if needed) the store at ``path``; ``None`` means :func:`default_path`."""
    return Store(Path(path) if path is not None else default_path(), read_only=read_only)


class Store:
    """A DuckDB-backed store of documents and everything read from them."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            elif not path.exists():
                raise StoreError(E.E020, path=path, reason="no such file")
            self.con = duckdb.connect(str(path), read_only=read_only)
        except StoreError:
            raise
        except (duckdb.Error, OSError) as error:
            raise StoreError(E.E020, path=path, reason=str(error).splitlines()[0]) from error
        try:
            self._refuse_foreign()
            if not read_only:
                self._migrate()
            self._check_version()
        except StoreError:
            self.con.close()  # never leave the file locked behind a refusal
            raise

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _refuse_foreign(self) -> None:
        """Refuse a DuckDB file that holds tables but is not a faultlines store: never write into it."""
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if tables and "meta" not in tables:
            raise StoreError(E.E020, path=self.path, reason="a DuckDB file that is not a faultlines store")

    def _migrate(self) -> None:
        try:
            self.con.execute("BEGIN")
            for statement in DDL:
                self.con.execute(statement)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            self.con.execute("COMMIT")
        except duckdb.Error as error:
            self.con.execute("ROLLBACK")
            raise StoreError(E.E020, path=self.path, reason=str(error).splitlines()[0]) from error

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as error:
            raise StoreError(E.E020, path=self.path, reason="not a faultlines store") from error
        found = int(row[0]) if row else 0
        if found != SCHEMA_VERSION:
            raise StoreError(E.E021, path=self.path, found=found, expected=SCHEMA_VERSION)

    # -- writing ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this content hash is stored."""
        return bool(self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone())

    def ingest(self, model: DocumentModel) -> bool:
        """Store one document's model; ``False`` when it was already stored (nothing changes)."""
        return self.ingest_many([model]) == 1

    def ingest_many(self, models: Sequence[DocumentModel]) -> int:
        """Store many documents in one transaction; returns how many were new.

        Documents already stored (same content hash) and duplicates within the batch are skipped.
        Either every new document is stored or, on any error, none is.
        """
        fresh: list[DocumentModel] = []
        seen: set[str] = set()
        for model in models:
            doc_id = model.document.id
            if doc_id in seen or self.has_document(doc_id):
                continue
            seen.add(doc_id)
            fresh.append(model)
        if not fresh:
            return 0
        tables = _rows_for(fresh)
        try:
            self.con.execute("BEGIN")
            for name, rows in tables.items():
                if rows:
                    self._insert(name, rows)
            self.con.execute("COMMIT")
        except KeyboardInterrupt:
            self.con.execute("ROLLBACK")  # Ctrl-C mid-batch: the batch is not stored, nothing else changes
            raise
        except Exception as error:
            self.con.execute("ROLLBACK")
            raise StoreError(
                E.E022, reason=str(error).splitlines()[0] if str(error) else repr(error)
            ) from error
        return len(fresh)

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        import pyarrow as pa

        columns = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        arrays = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
        batch = pa.table(arrays)  # noqa: F841  (referenced by name in the SQL below)
        verb = "INSERT OR IGNORE" if table == "actors" else "INSERT"
        self.con.execute(f"{verb} INTO {table} SELECT * FROM batch")

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and everything read from it (actors stay: they are shared)."""
        if not self.has_document(doc_id):
            return False
        try:
            self.con.execute("BEGIN")
            for table in ("mentions", "events", "statements", "quantities", "claims"):
                self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
            self.con.execute("DELETE FROM documents WHERE id = ?", [doc_id])
            self.con.execute("COMMIT")
        except duckdb.Error as error:
            self.con.execute("ROLLBACK")
            raise StoreError(E.E022, reason=str(error).splitlines()[0]) from error
        return True

    def write_table(self, name: str, rows: list[dict[str, Any]]) -> None:
        """Replace the results table ``result_<name>`` owned by a capability with ``rows``."""
        table = self._result_table(name)
        payload = [(i, json.dumps(row, default=_json_default)) for i, row in enumerate(rows)]
        try:
            self.con.execute("BEGIN")
            self.con.execute(f"CREATE OR REPLACE TABLE {table} (row_index INTEGER, data JSON)")
            if payload:
                self.con.executemany(f"INSERT INTO {table} VALUES (?, ?)", payload)
            self.con.execute("COMMIT")
        except duckdb.Error as error:
            self.con.execute("ROLLBACK")
            raise StoreError(E.E022, reason=str(error).splitlines()[0]) from error

    def read_table(self, name: str) -> list[dict[str, Any]]:
        """Rows of a results table written by :meth:`write_table` (empty if never written)."""
        table = self._result_table(name)
        exists = self.con.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchone()
        if not exists:
            return []
        rows = self.con.execute(f"SELECT data FROM {table} ORDER BY row_index").fetchall()
        return [json.loads(row[0]) for row in rows]

    @staticmethod
    def _result_table(name: str) -> str:
        if not _RESULT_NAME.match(name) or name in CORE_TABLES:
            raise StoreError(E.E022, reason=f"invalid results table name {name!r}")
        return f"result_{name}"

    # -- reading ---------------------------------------------------------------------------
    def document_ids(self) -> list[str]:
        """Ids of the stored documents, in the order they were stored."""
        return [
            r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY ingested_at, id").fetchall()
        ]

    def counts(self) -> dict[str, int]:
        """Row counts of the core tables: a cheap summary for status lines and the web app."""
        return {
            table: int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
            for table in CORE_TABLES
            if table != "meta"
        }

    def documents(self, doc_ids: Sequence[str] | None = None) -> list[Document]:
        """The stored documents (all, or those in ``doc_ids``), in the order they were stored."""
        sql, params = _filtered(
            "SELECT id, title, date, url, source, language, text, sentences FROM documents", "id", doc_ids
        )
        return [
            Document(
                id=r[0],
                title=r[1] or "",
                date=r[2],
                url=r[3] or "",
                source=r[4] or "",
                language=r[5] or "en",
                text=r[6],
                sentences=[tuple(s) for s in json.loads(r[7] or "[]")],
            )
            for r in self.con.execute(sql + " ORDER BY ingested_at, id", params).fetchall()
        ]

    def actors(self) -> list[Actor]:
        """Every stored actor, by id."""
        rows = self.con.execute(
            "SELECT id, name, kind, qid, home_state, sector, states, aliases, source FROM actors ORDER BY id"
        ).fetchall()
        return [
            Actor(
                id=r[0],
                name=r[1],
                kind=ActorKind(r[2]),
                qid=r[3] or "",
                home_state=r[4] or "",
                sector=r[5] or "",
                states=tuple(r[6] or ()),
                aliases=tuple(r[7] or ()),
                source=r[8] or "",
            )
            for r in rows
        ]

    def corpus(
        self, doc_ids: Sequence[str] | None = None, *, with_relations: bool = True, level: str = "state"
    ) -> CorpusModel:
        """Everything stored (or read from ``doc_ids``) as one :class:`CorpusModel`.

        ``level="state"`` (default) counts leaders and national institutions as their state in the
        relations; ``level="actor"`` keeps every actor as its own node.
        """
        corpus = CorpusModel(documents=self.documents(doc_ids))
        corpus.mentions = self._mentions(doc_ids)
        used = {m.actor_id for m in corpus.mentions}
        corpus.events = self._events(doc_ids)
        corpus.statements = self._statements(doc_ids)
        corpus.quantities = self._quantities(doc_ids)
        corpus.claims = self._claims(doc_ids)
        for event in corpus.events:
            used.update(event.sources)
            used.update(event.targets)
        for statement in corpus.statements:
            used.update((statement.source, statement.target))
        corpus.actors = [a for a in self.actors() if doc_ids is None or a.id in used]
        if with_relations:
            from faultlines.relations import aggregate_relations, state_projection

            project = state_projection(self.actors()) if level == "state" else None
            corpus.relations = aggregate_relations(corpus.events, corpus.statements, project=project)
        return corpus

    def relations(
        self,
        start: date | None = None,
        end: date | None = None,
        doc_ids: Sequence[str] | None = None,
        kinds: set[RelationKind] | None = None,
        level: str = "state",
    ) -> list[Relation]:
        """Relations aggregated from the events and statements that fall in [start, end]."""
        from faultlines.relations import aggregate_relations, state_projection

        project = state_projection(self.actors()) if level == "state" else None
        return aggregate_relations(
            self._events(doc_ids),
            self._statements(doc_ids),
            start=start,
            end=end,
            kinds=kinds,
            project=project,
        )

    def _mentions(self, doc_ids: Sequence[str] | None) -> list[Mention]:
        sql, params = _filtered(
            "SELECT doc_id, actor_id, sentence, span_start, span_end, span_text, sector, rule FROM mentions",
            "doc_id",
            doc_ids,
        )
        return [
            Mention(
                actor_id=r[1], span=Span(r[0], r[2], r[3], r[4], r[5]), sector=r[6] or "", rule=r[7] or ""
            )
            for r in self.con.execute(sql + " ORDER BY doc_id, span_start", params).fetchall()
        ]

    def _events(self, doc_ids: Sequence[str] | None) -> list[Event]:
        sql, params = _filtered(
            "SELECT id, doc_id, type, mode, context, intensity, sources, targets, when_start, when_end, "
            "when_granularity, when_text, when_anchored, negated, speculative, denied, future, reported_by, "
            "kinds, trigger, rule, sentence, span_start, span_end, span_text FROM events",
            "doc_id",
            doc_ids,
        )
        return [
            Event(
                id=r[0],
                doc_id=r[1],
                type=r[2],
                mode=r[3] or "",
                context=r[4] or "",
                intensity=r[5] or 0.0,
                sources=list(r[6] or []),
                targets=list(r[7] or []),
                when=_when(r[8:13]),
                modality=Modality(*r[13:18]),
                kinds=[RelationKind(k) for k in r[18] or []],
                trigger=r[19] or "",
                rule=r[20] or "",
                span=Span(r[1], r[21], r[22], r[23], r[24]),
            )
            for r in self.con.execute(sql + " ORDER BY doc_id, span_start, id", params).fetchall()
        ]

    def _statements(self, doc_ids: Sequence[str] | None) -> list[Statement]:
        sql, params = _filtered(
            "SELECT id, doc_id, source, target, kind, sign, when_start, when_end, when_granularity, "
            "when_text, when_anchored, negated, speculative, denied, future, reported_by, cue, rule, "
            "sentence, span_start, span_end, span_text FROM statements",
            "doc_id",
            doc_ids,
        )
        return [
            Statement(
                id=r[0],
                doc_id=r[1],
                source=r[2],
                target=r[3],
                kind=RelationKind(r[4]),
                sign=r[5],
                when=_when(r[6:11]),
                modality=Modality(*r[11:16]),
                cue=r[16] or "",
                rule=r[17] or "",
                span=Span(r[1], r[18], r[19], r[20], r[21]),
            )
            for r in self.con.execute(sql + " ORDER BY doc_id, span_start, id", params).fetchall()
        ]

    def _quantities(self, doc_ids: Sequence[str] | None) -> list[Quantity]:
        sql, params = _filtered(
            "SELECT doc_id, value, low, high, unit, hedge, measure, subject, grp, sentence, span_start, "
            "span_end, span_text FROM quantities",
            "doc_id",
            doc_ids,
        )
        return [
            Quantity(
                value=r[1],
                low=r[2],
                high=r[3],
                unit=r[4] or "",
                hedge=r[5] or "",
                measure=r[6] or "",
                subject=r[7] or "",
                group=r[8] or "",
                span=Span(r[0], r[9], r[10], r[11], r[12]),
            )
            for r in self.con.execute(sql + " ORDER BY doc_id, span_start", params).fetchall()
        ]

    def _claims(self, doc_ids: Sequence[str] | None) -> list[Claim]:
        sql, params = _filtered(
            "SELECT id, doc_id, kind, subject, predicate, value, when_start, when_end, when_granularity, "
            "when_text, when_anchored, checkable, details, sentence, span_start, span_end, span_text "
            "FROM claims",
            "doc_id",
            doc_ids,
        )
        return [
            Claim(
                id=r[0],
                doc_id=r[1],
                kind=r[2],
                subject=r[3] or "",
                predicate=r[4] or "",
                value=json.loads(r[5]) if r[5] is not None else None,
                when=_when(r[6:11]),
                checkable=bool(r[11]),
                details=json.loads(r[12] or "{}"),
                span=Span(r[1], r[13], r[14], r[15], r[16]),
            )
            for r in self.con.execute(sql + " ORDER BY doc_id, span_start, id", params).fetchall()
        ]


def _filtered(sql: str, column: str, doc_ids: Sequence[str] | None) -> tuple[str, list[Any]]:
    if doc_ids is None:
        return sql, []
    return f"{sql} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]


def _when(row: Sequence[Any]) -> TimeInterval | None:
    start, end, granularity, text, anchored = row
    if granularity is None:
        return None
    return TimeInterval(start, end, Granularity(granularity), text or "", bool(anchored))


def _json_default(value: Any) -> Any:
    from faultlines.model import to_jsonable

    converted = to_jsonable(value)
    if converted is value:
        return str(value)
    return converted


def _span_cols(span: Span) -> tuple[int, int, int, str]:
    return (span.sentence, span.start, span.end, span.text)


def _when_cols(when: TimeInterval | None) -> tuple[Any, ...]:
    if when is None:
        return (None, None, None, None, None)
    return (when.start, when.end, when.granularity.value, when.text, when.anchored)


def _modality_cols(m: Modality) -> tuple[Any, ...]:
    return (m.negated, m.speculative, m.denied, m.future, m.reported_by)


def _rows_for(models: Iterable[DocumentModel]) -> dict[str, list[tuple[Any, ...]]]:
    """Flatten document models into rows in each table's column order."""
    from faultlines.model import to_jsonable

    now = datetime.now(UTC).replace(tzinfo=None)
    tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in CORE_TABLES[1:]}
    actors: dict[str, Actor] = {}
    for model in models:
        d = model.document
        tables["documents"].append(
            (
                d.id,
                d.title,
                d.date,
                d.url,
                d.source,
                d.language,
                d.text,
                json.dumps([list(s) for s in d.sentences]),
                now,
            )
        )
        for actor in model.actors:
            actors.setdefault(actor.id, actor)
        for m in model.mentions:
            tables["mentions"].append((d.id, m.actor_id, *_span_cols(m.span), m.sector, m.rule))
        for e in model.events:
            tables["events"].append(
                (
                    e.id,
                    d.id,
                    e.type,
                    e.mode,
                    e.context,
                    e.intensity,
                    list(e.sources),
                    list(e.targets),
                    *_when_cols(e.when),
                    *_modality_cols(e.modality),
                    [k.value for k in e.kinds],
                    e.trigger,
                    e.rule,
                    *_span_cols(e.span),
                )
            )
        for s in model.statements:
            tables["statements"].append(
                (
                    s.id,
                    d.id,
                    s.source,
                    s.target,
                    s.kind.value,
                    s.sign,
                    *_when_cols(s.when),
                    *_modality_cols(s.modality),
                    s.cue,
                    s.rule,
                    *_span_cols(s.span),
                )
            )
        for q in model.quantities:
            tables["quantities"].append(
                (
                    d.id,
                    q.value,
                    q.low,
                    q.high,
                    q.unit,
                    q.hedge,
                    q.measure,
                    q.subject,
                    q.group,
                    *_span_cols(q.span),
                )
            )
        for c in model.claims:
            tables["claims"].append(
                (
                    c.id,
                    d.id,
                    c.kind,
                    c.subject,
                    c.predicate,
                    json.dumps(to_jsonable(c.value)),
                    *_when_cols(c.when),
                    c.checkable,
                    json.dumps(to_jsonable(c.details)),
                    *_span_cols(c.span),
                )
            )
    tables["actors"] = [
        (a.id, a.name, a.kind.value, a.qid, a.home_state, a.sector, list(a.states), list(a.aliases), a.source)
        for a in actors.values()
    ]
    return tables
