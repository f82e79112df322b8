"""DuckDB schema of the store, versioned so an older file is recognised rather than misread."""

from __future__ import annotations

SCHEMA_VERSION = 1

#: Core tables written by reading. Capability results live in their own ``result_*`` tables.
CORE_TABLES: tuple[str, ...] = (
    "meta",
    "documents",
    "actors",
    "mentions",
    "events",
    "statements",
    "quantities",
    "claims",
)

_SPAN = "sentence INTEGER, span_start INTEGER, span_end INTEGER, span_text VARCHAR"
_WHEN = "when_start DATE, when_end DATE, when_granularity VARCHAR, when_text VARCHAR, when_anchored BOOLEAN"
_MODALITY = "negated BOOLEAN, speculative BOOLEAN, denied BOOLEAN, future BOOLEAN, reported_by VARCHAR"

DDL: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS documents (
        id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, url VARCHAR, source VARCHAR,
        language VARCHAR, text VARCHAR, sentences JSON, ingested_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS actors (
        id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, qid VARCHAR, home_state VARCHAR,
        sector VARCHAR, states VARCHAR[], aliases VARCHAR[], source VARCHAR)""",
    f"""CREATE TABLE IF NOT EXISTS mentions (
        doc_id VARCHAR, actor_id VARCHAR, {_SPAN}, sector VARCHAR, rule VARCHAR)""",
    f"""CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR,
        intensity DOUBLE, sources VARCHAR[], targets VARCHAR[], {_WHEN}, {_MODALITY},
        kinds VARCHAR[], trigger VARCHAR, rule VARCHAR, {_SPAN})""",
    f"""CREATE TABLE IF NOT EXISTS statements (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, target VARCHAR, kind VARCHAR,
        sign INTEGER, {_WHEN}, {_MODALITY}, cue VARCHAR, rule VARCHAR, {_SPAN})""",
    f"""CREATE TABLE IF NOT EXISTS quantities (
        doc_id VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR, hedge VARCHAR,
        measure VARCHAR, subject VARCHAR, grp VARCHAR, {_SPAN})""",
    f"""CREATE TABLE IF NOT EXISTS claims (
        id VARCHAR PRIMARY KEY, doc_id VARCHAR, kind VARCHAR, subject VARCHAR, predicate VARCHAR,
        value JSON, {_WHEN}, checkable BOOLEAN, details JSON, {_SPAN})""",
)
