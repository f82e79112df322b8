"""Exports of the model for other tools: Gephi (GEXF), GraphML, CSV/Parquet tables, PLOVER-style JSON.

GEXF and GraphML are written by the structure capability's writers (one signed-graph definition
for everybody); this module adds the tables and the PLOVER-style event records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from faultlines.errors import E, FaultlinesError
from faultlines.model import CorpusModel, Event
from faultlines.show.views import safe_url

FORMATS = ("gexf", "graphml", "csv", "parquet", "plover-json")
#: The PLOVER version our event types follow (faultlines.ontology codes PLOVER 2.0 categories).
PLOVER_VERSION = "2.0"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def actor_table(corpus: CorpusModel) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": str(a.kind),
            "qid": a.qid,
            "home_state": a.home_state,
            "sector": a.sector,
            "states": ";".join(a.states),
            "aliases": ";".join(a.aliases),
        }
        for a in corpus.actors
    ]


def relation_table(corpus: CorpusModel) -> list[dict[str, Any]]:
    names = {a.id: a.name for a in corpus.actors}
    return [
        {
            "a": r.a,
            "b": r.b,
            "a_name": names.get(r.a, r.a),
            "b_name": names.get(r.b, r.b),
            "sign": r.sign,
            "weight": r.weight,
            "score": r.score,
            "kinds": ";".join(str(k) for k in r.kinds),
            "first": _iso(r.first),
            "last": _iso(r.last),
            "evidence": len(r.evidence),
            "spans": ";".join(f"{e.span.doc_id}:{e.span.start}-{e.span.end}" for e in r.evidence),
        }
        for r in corpus.relations
    ]


def event_table(corpus: CorpusModel) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "doc_id": e.doc_id,
            "type": e.type,
            "mode": e.mode,
            "context": e.context,
            "intensity": e.intensity,
            "sources": ";".join(e.sources),
            "targets": ";".join(e.targets),
            "start": _iso(e.when.start) if e.when else None,
            "end": _iso(e.when.end) if e.when else None,
            "granularity": str(e.when.granularity) if e.when else None,
            "time_text": e.when.text if e.when else "",
            "asserted": e.modality.asserted,
            "negated": e.modality.negated,
            "speculative": e.modality.speculative,
            "kinds": ";".join(str(k) for k in e.kinds),
            "trigger": e.trigger,
            "span_start": e.span.start,
            "span_end": e.span.end,
            "text": e.span.text,
        }
        for e in corpus.events
    ]


def evidence_table(corpus: CorpusModel) -> list[dict[str, Any]]:
    """One row per piece of evidence behind a relation: the join analysts need to audit an edge."""
    return [
        {
            "a": r.a,
            "b": r.b,
            "item_id": ev.item_id,
            "item_type": ev.item_type,
            "kind": str(ev.kind),
            "sign": ev.sign,
            "weight": ev.weight,
            "doc_id": ev.span.doc_id,
            "sentence": ev.span.sentence,
            "start": ev.span.start,
            "end": ev.span.end,
            "text": ev.span.text,
            "when_start": _iso(ev.when.start) if ev.when else None,
            "when_end": _iso(ev.when.end) if ev.when else None,
        }
        for r in corpus.relations
        for ev in r.evidence
    ]


TABLES: dict[str, Callable[[CorpusModel], list[dict[str, Any]]]] = {
    "actors": actor_table,
    "relations": relation_table,
    "events": event_table,
    "evidence": evidence_table,
}


def plover_records(corpus: CorpusModel) -> list[dict[str, Any]]:
    """Events as PLOVER-style JSON records (the field names of the PLOVER gold-standard records).

    ``source``/``target`` list actors as ``{"actorText", "code", "sector"}`` with ``code`` the ISO
    alpha-3 of the actor's state where known, else its faultlines id. ``faultlines`` keeps what PLOVER
    has no field for: actor ids, the span, the fuzzy interval and the modality.
    """
    actors = {a.id: a for a in corpus.actors}
    docs = {d.id: d for d in corpus.documents}
    mention_sector = {(m.span.doc_id, m.actor_id): m.sector for m in corpus.mentions if m.sector}

    def party(event: Event, actor_id: str) -> dict[str, str]:
        actor = actors.get(actor_id)
        return {
            "actorText": actor.name if actor else actor_id,
            "code": (actor.home_state if actor and actor.home_state else actor_id),
            "sector": mention_sector.get((event.doc_id, actor_id), actor.sector if actor else ""),
        }

    records = []
    for event in corpus.events:
        doc = docs.get(event.doc_id)
        when = event.when
        day = when.start if when and when.start else (doc.date if doc else None)
        record: dict[str, Any] = {
            "id": event.id,
            "date": _iso(day),
            "source": [party(event, a) for a in event.sources],
            "target": [party(event, a) for a in event.targets],
            "event": event.type,
            "mode": event.mode,
            "context": event.context,
            "eventText": event.trigger,
            "text": event.span.text,
            "language": doc.language if doc else "en",
            "publication": (doc.source or doc.title) if doc else "",
            "version": PLOVER_VERSION,
            "faultlines": {
                "doc_id": event.doc_id,
                "url": safe_url(doc.url) if doc else "",
                "span": [event.span.start, event.span.end],
                "sources": list(event.sources),
                "targets": list(event.targets),
                "when": None
                if when is None
                else {
                    "start": _iso(when.start),
                    "end": _iso(when.end),
                    "granularity": str(when.granularity),
                    "text": when.text,
                },
                "intensity": event.intensity,
                "asserted": event.modality.asserted,
                "negated": event.modality.negated,
                "speculative": event.modality.speculative,
                "rule": event.rule,
            },
        }
        records.append(record)
    return records


def _graph(corpus: CorpusModel) -> Any:
    from faultlines.structure import signed_graph

    return signed_graph(corpus.relations, corpus.actors)


def export(corpus: CorpusModel, fmt: str, output: Path) -> dict[str, Any]:
    """Write ``corpus`` in format ``fmt`` to ``output`` (a file; a directory for csv/parquet tables).

    Returns
    -------
    dict
        ``{"format", "paths": [...], "rows": {table: n}}``.

    Raises
    ------
    FaultlinesError
        E041 for an unknown format, E031 when the output cannot be written.
    """
    if fmt not in FORMATS:
        raise FaultlinesError(E.E041, option="--format", reason=f"'{fmt}' is not one of {', '.join(FORMATS)}")
    try:
        if fmt in ("gexf", "graphml"):
            from faultlines.structure import to_gexf, to_graphml

            writer = to_gexf if fmt == "gexf" else to_graphml
            path = writer(_graph(corpus), output)
            return {"format": fmt, "paths": [str(path)], "rows": {"relations": len(corpus.relations)}}
        if fmt == "plover-json":
            records = plover_records(corpus)
            output.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
            return {"format": fmt, "paths": [str(output)], "rows": {"events": len(records)}}
        output.mkdir(parents=True, exist_ok=True)
        paths, rows = [], {}
        for name, build in TABLES.items():
            table = build(corpus)
            path = output / f"{name}.{fmt}"
            _write_table(table, path, fmt, columns=list(table[0]) if table else _columns(name))
            paths.append(str(path))
            rows[name] = len(table)
        return {"format": fmt, "paths": paths, "rows": rows}
    except OSError as error:
        raise FaultlinesError(E.E031, path=output, reason=error.strerror or str(error)) from error


def _columns(name: str) -> list[str]:
    """Column names of a table, so an empty table still gets its header (the keys its builder writes)."""
    from faultlines.model import Actor, ActorKind, Evidence, Relation, RelationKind, Span

    span = Span("d", 0, 0, 0, "")
    sample = CorpusModel(
        actors=[Actor("x", "x", ActorKind.STATE)],
        events=[Event("e", "d", "T", span)],
        relations=[
            Relation("a", "b", 1, 1.0, 1.0, evidence=[Evidence("e", "event", span, 1, 1.0, RelationKind.GENERAL)])
        ],
    )
    return list(TABLES[name](sample)[0])


def _write_table(rows: list[dict[str, Any]], path: Path, fmt: str, *, columns: list[str]) -> None:
    if fmt == "csv":
        import csv

        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, path)
