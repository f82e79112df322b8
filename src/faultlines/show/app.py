"""The local web app: a Starlette JSON API over the model plus the static views that draw it.

``create_app(source)`` takes a :class:`~faultlines.show.source.ModelSource` (the DuckDB store for
``faultlines serve``) or a plain :class:`~faultlines.model.CorpusModel` (tests, demos). The app binds to
127.0.0.1 by default, refuses requests whose Host header is not local, sends a strict
Content-Security-Policy, and limits uploads.
"""

from __future__ import annotations

import threading
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faultlines.model import CorpusModel
from faultlines.show import views
from faultlines.show.api_spec import openapi_document
from faultlines.show.panels import check_panel, forecast_panel, structure_panel
from faultlines.show.source import MemorySource, ModelSource

STATIC = Path(__file__).resolve().parent / "static"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
#: Largest article accepted by POST /api/read (bytes of the whole request).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: Files the page may upload: plain text, or Markdown/HTML read with the reader's format handling.
UPLOAD_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
#: Read jobs remembered for polling; older ones are forgotten.
MAX_JOBS = 100


def vendor_style_hashes() -> list[str]:
    """CSP hash sources for the fixed <style> elements cytoscape and vis-timeline inject at run time."""
    lines = (STATIC / "vendor" / "inline-styles.txt").read_text(encoding="utf-8").splitlines()
    return [f"'sha256-{line.strip()}'" for line in lines if line.strip() and not line.startswith("#")]


#: The app's Content-Security-Policy: only our own scripts and data; no inline script, no eval; the only
#: inline styles allowed are the vendored libraries' own fixed stylesheets, by hash.
CSP = (
    "default-src 'none'; script-src 'self'; "
    f"style-src 'self' {' '.join(vendor_style_hashes())}; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class ShowState:
    """The app's state: the model source, the cached bundle per model version, and read jobs."""

    def __init__(self, source: ModelSource, max_upload: int) -> None:
        self.source = source
        self.max_upload = max_upload
        self._cache: dict[str, tuple[int, Any]] = {}
        self._lock = threading.Lock()
        self.jobs: dict[str, dict[str, Any]] = {}

    def cached(self, key: str, build: Any) -> Any:
        version = self.source.version
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                return hit[1]
        value = build()
        with self._lock:
            self._cache[key] = (version, value)
        return value

    def corpus(self) -> CorpusModel:
        return self.source.corpus()

    def bundle(self) -> dict[str, Any]:
        def build() -> dict[str, Any]:
            # Structure and forecast are computed on demand (/api/structure, /api/forecast): they can
            # take seconds on a large model and the graph should not wait for them.
            corpus = self.corpus()
            return views.bundle(corpus, panels={"check": check_panel(corpus)})

        return self.cached("bundle", build)

    def structure(self) -> dict[str, Any]:
        return self.cached("structure", lambda: structure_panel(self.corpus()))

    def forecast(self, poles: tuple[str, str] | None) -> dict[str, Any]:
        key = "forecast" if poles is None else f"forecast:{poles[0]}|{poles[1]}"
        return self.cached(key, lambda: forecast_panel(self.corpus(), poles))

    def index(self) -> views.ModelIndex:
        return self.cached("index", lambda: views.ModelIndex(self.corpus()))


def _state(request: Request) -> ShowState:
    return request.app.state.show


async def _bundle(request: Request) -> dict[str, Any]:
    """The cached bundle, built off the event loop (building walks the whole model)."""
    return await run_in_threadpool(_state(request).bundle)


async def _index(request: Request) -> views.ModelIndex:
    return await run_in_threadpool(_state(request).index)


def _csv_param(request: Request, name: str) -> set[str] | None:
    raw = request.query_params.getlist(name)
    values = {v.strip() for item in raw for v in item.split(",") if v.strip()}
    return values or None


def _date_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise ValueError(f"{name}: invalid date {value!r}, use YYYY-MM-DD") from error


async def index_page(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html")


async def api_docs_page(request: Request) -> Response:
    return FileResponse(STATIC / "api.html", media_type="text/html")


async def openapi(request: Request) -> Response:
    return JSONResponse(openapi_document())


async def api_bundle(request: Request) -> Response:
    return JSONResponse(await _bundle(request))


async def api_summary(request: Request) -> Response:
    state = _state(request)
    data = await _bundle(request)
    return JSONResponse({**data["summary"], "source": state.source.describe()})


async def api_documents(request: Request) -> Response:
    return JSONResponse((await _bundle(request))["documents"])


async def api_actors(request: Request) -> Response:
    kinds = _csv_param(request, "kind")
    rows = (await _bundle(request))["actors"]
    return JSONResponse([row for row in rows if kinds is None or row["kind"] in kinds])


async def api_relations(request: Request) -> Response:
    data = await _bundle(request)
    try:
        start, end = _date_param(request, "start"), _date_param(request, "end")
    except ValueError as error:
        return _error(400, str(error))
    raw_signs = _csv_param(request, "sign")
    try:
        signs = {int(v) for v in raw_signs} if raw_signs else None
    except ValueError:
        return _error(400, "sign: use -1, 0 or 1")
    rows = views.filter_relations(
        data["relations"],
        {a["id"]: a for a in data["actors"]},
        kinds=_csv_param(request, "kind"),
        actor_kinds=_csv_param(request, "actor_kind"),
        doc_ids=_csv_param(request, "doc"),
        start=start,
        end=end,
        signs=signs,
    )
    return JSONResponse(rows)


async def api_events(request: Request) -> Response:
    data = await _bundle(request)
    try:
        start, end = _date_param(request, "start"), _date_param(request, "end")
    except ValueError as error:
        return _error(400, str(error))
    actors = _csv_param(request, "actor")
    docs = _csv_param(request, "doc")
    rows = []
    for event in data["events"]:
        if actors and not actors & set(event["sources"] + event["targets"]):
            continue
        if docs and event["doc_id"] not in docs:
            continue
        if (start or end) and not event["start"]:
            continue
        if start and event["end"] and event["end"] < start:
            continue
        if end and event["start"] and event["start"] > end:
            continue
        rows.append(event)
    return JSONResponse(rows)


async def api_evidence(request: Request) -> Response:
    index = await _index(request)
    params = request.query_params
    try:
        limit = min(max(int(params.get("limit", "200")), 1), 5000)
    except ValueError:
        return _error(400, "limit: not a number")
    if "actor" in params:
        actor_id = params["actor"]
        if actor_id not in index.actors:
            return _error(404, f"no actor {actor_id!r}")
        return JSONResponse(views.actor_evidence(index, actor_id, limit=limit))
    if "a" in params and "b" in params:
        wanted = views.edge_id(params["a"], params["b"])
        for rel in index.corpus.relations:
            if views.edge_id(rel.a, rel.b) == wanted:
                return JSONResponse(views.relation_evidence(index, rel)[:limit])
        return _error(404, f"no relation between {params['a']!r} and {params['b']!r}")
    return _error(400, "give actor=ID, or a=ID and b=ID")


async def api_claims(request: Request) -> Response:
    return JSONResponse((await _bundle(request))["claims"])


async def api_structure(request: Request) -> Response:
    return JSONResponse(await run_in_threadpool(_state(request).structure))


async def api_forecast(request: Request) -> Response:
    a, b = request.query_params.get("a"), request.query_params.get("b")
    if bool(a) != bool(b):
        return _error(400, "give both poles a=ID and b=ID, or neither")
    poles = (a, b) if a and b else None
    return JSONResponse(await run_in_threadpool(_state(request).forecast, poles))


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise ValueError(f"'{name}' looks binary, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"'{name}' is not valid UTF-8 (byte {error.start})") from error


async def api_read(request: Request) -> Response:
    """Accept an article (form field ``text`` or file ``file``), read it in the background, return a job."""
    state = _state(request)
    length = request.headers.get("content-length")
    if length is None:
        return _error(411, "send a Content-Length")
    if not length.isdigit() or int(length) > state.max_upload:
        return _error(413, f"request over the {state.max_upload // 1024} KB limit")
    body = await request.body()
    if len(body) > state.max_upload:
        return _error(413, f"request over the {state.max_upload // 1024} KB limit")
    ctype = request.headers.get("content-type", "")
    meta: dict[str, str] = {}
    try:
        if ctype.startswith("application/json"):
            import json

            payload = json.loads(body or b"{}")
            if not isinstance(payload, dict):
                return _error(400, "expected a JSON object")
            text = str(payload.get("text", ""))
            meta = {k: str(payload.get(k, "") or "") for k in ("title", "date", "url", "source")}
        else:
            form = await request.form(max_files=1, max_fields=10)
            upload = form.get("file")
            text = ""
            if upload is not None and not isinstance(upload, str):
                name = Path(upload.filename or "upload.txt").name
                suffix = Path(name).suffix.lower()
                if suffix not in UPLOAD_SUFFIXES:
                    return _error(400, f"'{name}': upload a {', '.join(sorted(UPLOAD_SUFFIXES))} file")
                raw = await upload.read()
                text = _decode(raw, name)
                meta["title"] = Path(name).stem
                meta["suffix"] = suffix
            pasted = form.get("text")
            if isinstance(pasted, str) and pasted.strip():
                text = pasted
                meta.pop("suffix", None)
            for key in ("title", "date", "url", "source"):
                value = form.get(key)
                if isinstance(value, str) and value.strip():
                    meta[key] = value.strip()
    except ValueError as error:
        return _error(400, str(error))
    if not text.strip():
        return _error(400, "no text: paste an article or choose a file")
    when = None
    if meta.get("date"):
        try:
            when = date.fromisoformat(meta["date"])
        except ValueError:
            return _error(400, f"date: invalid {meta['date']!r}, use YYYY-MM-DD")
    job_id = uuid.uuid4().hex[:16]
    job: dict[str, Any] = {"id": job_id, "state": "queued", "progress": 0.0, "message": "queued"}
    state.jobs[job_id] = job
    while len(state.jobs) > MAX_JOBS:  # forget the oldest (dicts keep insertion order)
        state.jobs.pop(next(iter(state.jobs)))
    thread = threading.Thread(target=_run_read, args=(state, job, text, meta, when), daemon=True)
    thread.start()
    return JSONResponse(job, status_code=202)


def _read_upload(text: str, suffix: str, meta: dict[str, str], when: date | None) -> Any:
    """Read an uploaded .md/.html file with the reader's own format handling (markup removed)."""
    import tempfile

    from faultlines.read import Skipped, read_paths

    with tempfile.TemporaryDirectory(prefix="faultlines-upload-") as folder:
        path = Path(folder) / f"upload{'.html' if suffix == '.htm' else suffix}"
        path.write_text(text, encoding="utf-8")
        items = list(read_paths([path], date=when))
    models = [item for item in items if not isinstance(item, Skipped)]
    if not models:
        reasons = "; ".join(item.reason for item in items if isinstance(item, Skipped))
        raise ValueError(reasons.replace(str(path), meta.get("title", "upload")) or "nothing readable")
    model = models[0]
    for key in ("title", "url", "source"):
        if meta.get(key) and (key != "title" or not model.document.title):
            setattr(model.document, key, meta[key])
    if when is not None:
        model.document.date = when
    return model


def _run_read(state: ShowState, job: dict[str, Any], text: str, meta: dict[str, str], when: date | None) -> None:
    """Read one article and store it, updating ``job`` as it goes (polled by GET /api/jobs/{id})."""
    try:
        import importlib

        read_text = getattr(importlib.import_module("faultlines.read"), "read_text", None)
        if read_text is None:
            job.update(state="error", message="read: not available in this version")
            return
        job.update(state="reading", progress=0.2, message="reading the article")
        if meta.get("suffix") in (".md", ".html", ".htm"):
            model = _read_upload(text, meta["suffix"], meta, when)
        else:
            model = read_text(
                text,
                title=meta.get("title", ""),
                date=when,
                url=meta.get("url", ""),
                source=meta.get("source", ""),
            )
        job.update(state="storing", progress=0.8, message="storing the model")
        added = state.source.ingest(model)
        job.update(
            state="done",
            progress=1.0,
            doc_id=model.document.id,
            added=added,
            actors=len(model.actors),
            events=len(model.events),
            message="read and stored" if added else "already stored (same text)",
        )
    except Exception as error:  # surface the one-line reason to the page
        job.update(state="error", message=f"{type(error).__name__}: {error}")


async def api_job(request: Request) -> Response:
    job = _state(request).jobs.get(request.path_params["job_id"])
    if job is None:
        return _error(404, "no such job")
    return JSONResponse(job)


def create_app(
    source: ModelSource | CorpusModel,
    *,
    allowed_hosts: list[str] | None = None,
    max_upload: int = MAX_UPLOAD_BYTES,
) -> Starlette:
    """Build the web app over ``source``.

    Parameters
    ----------
    source
        Where the model lives: a :class:`ModelSource` or a :class:`CorpusModel` (wrapped in memory).
    allowed_hosts
        Host header values accepted; default local names only (requests for other hosts get 400).
    max_upload
        Largest POST /api/read request in bytes.
    """
    model_source: ModelSource = MemorySource(source) if isinstance(source, CorpusModel) else source
    routes = [
        Route("/", index_page),
        Route("/api/docs", api_docs_page),
        Route("/openapi.json", openapi),
        Route("/api/bundle", api_bundle),
        Route("/api/summary", api_summary),
        Route("/api/documents", api_documents),
        Route("/api/actors", api_actors),
        Route("/api/relations", api_relations),
        Route("/api/events", api_events),
        Route("/api/evidence", api_evidence),
        Route("/api/claims", api_claims),
        Route("/api/structure", api_structure),
        Route("/api/forecast", api_forecast),
        Route("/api/read", api_read, methods=["POST"]),
        Route("/api/jobs/{job_id}", api_job),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    hosts = list(allowed_hosts) if allowed_hosts else list(LOCAL_HOSTS)
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
    )
    app.state.show = ShowState(model_source, max_upload)
    return app
