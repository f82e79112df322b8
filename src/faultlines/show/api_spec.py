"""The web app's OpenAPI 3.1 document, written by hand so it says what each endpoint means."""

from __future__ import annotations

from typing import Any

from faultlines import __version__


def _param(name: str, description: str, *, required: bool = False, where: str = "query") -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": {"type": "string"},
    }


_FILTERS = [
    _param("kind", "Relation kinds, comma-separated (military, energy, trade, ...)."),
    _param("actor_kind", "Keep relations whose two actors both have one of these kinds."),
    _param("doc", "Document ids, comma-separated."),
    _param("start", "Window start, YYYY-MM-DD (undated evidence is left out when a window is set)."),
    _param("end", "Window end, YYYY-MM-DD."),
    _param("sign", "Relation signs, comma-separated: 1 cooperative, -1 hostile, 0 mixed."),
]


def _get(summary: str, params: list[dict[str, Any]] | None = None, *, schema: str = "object") -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": {"type": schema}}}},
                "400": {"description": "Bad parameter"},
            },
        }
    }


def openapi_document() -> dict[str, Any]:
    """The OpenAPI description served at ``/openapi.json``."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "faultlines show API",
            "version": __version__,
            "description": "Read-only JSON over the stored model (actors, relations, events, evidence, "
            "claims, structure, forecast) plus POST /api/read to read a new article. Local use only.",
        },
        "paths": {
            "/api/summary": _get("Counts of documents, actors, relations, events, claims; time range."),
            "/api/bundle": _get("Everything the views draw (without evidence quotes) in one document."),
            "/api/documents": _get("Documents: id, title, date, link (http/https only), size.", schema="array"),
            "/api/actors": _get(
                "Actors with kind, home state, mentions, degree and map ids.",
                [_param("kind", "Actor kinds, comma-separated.")],
                schema="array",
            ),
            "/api/relations": _get(
                "Signed, typed relations; each kept when one of its evidence items passes every filter.",
                _FILTERS,
                schema="array",
            ),
            "/api/events": _get(
                "Dated events (PLOVER type, participants, interval, quote).",
                [
                    _param("actor", "Actor ids, comma-separated."),
                    _param("doc", "Document ids."),
                    _param("start", "Window start, YYYY-MM-DD."),
                    _param("end", "Window end, YYYY-MM-DD."),
                ],
                schema="array",
            ),
            "/api/evidence": _get(
                "Evidence quotes: the sentence, the span's offsets inside it, document title, date, link.",
                [
                    _param("actor", "An actor id: where it is mentioned."),
                    _param("a", "With b: the relation between two actors."),
                    _param("b", "See a."),
                    _param("limit", "Most quotes to return (default 200)."),
                ],
                schema="array",
            ),
            "/api/claims": _get("Checkable claims with their verdicts (null when unchecked).", schema="array"),
            "/api/structure": _get("Structure results (triads, frustration index, blocs) or why not available."),
            "/api/forecast": _get(
                "Forecast of the issue 'alignment between a and b' (default: the most hostile relation): rounds, "
                "outcome distribution; or why not available.",
                [_param("a", "Actor id of the first pole."), _param("b", "Actor id of the second pole.")],
            ),
            "/api/read": {
                "post": {
                    "summary": "Read an article and store it; returns a job to poll.",
                    "requestBody": {
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "text": {"type": "string"},
                                        "file": {"type": "string", "format": "binary"},
                                        "title": {"type": "string"},
                                        "date": {"type": "string", "format": "date"},
                                        "url": {"type": "string"},
                                        "source": {"type": "string"},
                                    },
                                }
                            },
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "text": {"type": "string"},
                                        "title": {"type": "string"},
                                        "date": {"type": "string"},
                                        "url": {"type": "string"},
                                    },
                                }
                            },
                        }
                    },
                    "responses": {
                        "202": {"description": "Job accepted"},
                        "400": {"description": "No text"},
                        "411": {"description": "No Content-Length"},
                        "413": {"description": "Over the upload limit"},
                    },
                }
            },
            "/api/jobs/{job_id}": _get(
                "State of a read job: queued, reading, storing, done or error.",
                [_param("job_id", "The id POST /api/read returned.", required=True, where="path")],
            ),
        },
    }
