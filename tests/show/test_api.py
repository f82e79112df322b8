"""The JSON API through Starlette's test client: endpoints, filters, security headers, limits."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fixture_model import HOSTILE_TEXT, build
from starlette.testclient import TestClient

from faultlines.model import Document, DocumentModel
from faultlines.show import views
from faultlines.show.app import CSP, create_app


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(build()), base_url="http://127.0.0.1:8765")


def test_summary_and_lists_match_the_model(client: TestClient) -> None:
    model = build()
    summary = client.get("/api/summary").json()
    assert summary["actors"] == len(model.actors)
    assert summary["relations"] == len(model.relations)
    assert summary["range"][0] == "2020-01-01"
    assert {a["id"] for a in client.get("/api/actors").json()} == {a.id for a in model.actors}
    states = client.get("/api/actors", params={"kind": "state"}).json()
    assert {a["kind"] for a in states} == {"state"} and len(states) == 6
    iran = next(a for a in states if a["id"] == "Q794")
    assert iran["places"] == ["364"]  # ISO 3166 numeric, the world-atlas feature id
    assert len(client.get("/api/documents").json()) == 2


def test_relation_filters(client: TestClient) -> None:
    everything = client.get("/api/relations").json()
    military = client.get("/api/relations", params={"kind": "military"}).json()
    assert 0 < len(military) < len(everything)
    assert all("military" in r["ev_kinds"] for r in military)
    window = client.get("/api/relations", params={"start": "2020-01-01", "end": "2020-12-31"}).json()
    assert [r["id"] for r in window] == ["Q227|Q399"]
    only_doc2 = client.get("/api/relations", params={"doc": "doc2"}).json()
    assert all("doc2" in r["docs"] for r in only_doc2) and only_doc2
    states_only = client.get("/api/relations", params={"actor_kind": "state"}).json()
    assert all("fl:azeris" not in (r["a"], r["b"]) for r in states_only)
    assert client.get("/api/relations", params={"start": "2020-13-01"}).status_code == 400


def test_events_timeline_window(client: TestClient) -> None:
    events = client.get("/api/events").json()
    assert {e["id"] for e in events} == {"e1", "e4", "e5"}
    fuzzy = next(e for e in events if e["id"] == "e4")
    assert (fuzzy["start"], fuzzy["end"], fuzzy["granularity"]) == ("2021-09-01", "2021-10-31", "month")
    undated = next(e for e in events if e["id"] == "e1")
    assert undated["granularity"] == "document" and undated["start"] == "2021-03-01"
    in_2020 = client.get("/api/events", params={"start": "2020-06-01", "end": "2020-06-30"}).json()
    assert [e["id"] for e in in_2020] == ["e5"]
    by_iran = client.get("/api/events", params={"actor": "Q794"}).json()
    assert [e["id"] for e in by_iran] == ["e4"]


def test_evidence_has_sentence_and_span_offsets(client: TestClient) -> None:
    items = client.get("/api/evidence", params={"a": "Q801", "b": "Q227"}).json()
    assert len(items) == 2
    first = items[0]
    lo, hi = first["highlight"]
    assert first["sentence"][lo:hi] == "Azerbaijan buys drones and other arms from Israel"
    assert first["sentence"].endswith(".") and first["title"] == "Arms, oil and kin"
    assert first["url"] == "https://example.org/a" and first["date"] == "2021-03-01"
    mentions = client.get("/api/evidence", params={"actor": "Q801", "limit": "2"}).json()
    assert len(mentions) == 2 and all(
        m["sentence"][m["highlight"][0] : m["highlight"][1]] == "Israel" for m in mentions
    )
    assert client.get("/api/evidence", params={"actor": "Q999"}).status_code == 404
    assert client.get("/api/evidence").status_code == 400


def test_javascript_urls_never_become_links(client: TestClient) -> None:
    doc2 = next(d for d in client.get("/api/documents").json() if d["id"] == "doc2")
    assert doc2["url"] == ""  # the model says javascript:alert(1)
    items = client.get("/api/evidence", params={"a": "Q43", "b": "Q227"}).json()
    assert items[0]["url"] == ""


def test_claims_structure_forecast(client: TestClient) -> None:
    claims = client.get("/api/claims").json()
    assert claims[0]["verdict"]["label"] == "supported"
    structure = client.get("/api/structure").json()
    if structure["available"]:
        result = structure["result"]
        assert result["graph"]["edges"] == 7
        assert result["unbalanced_total"] == 1  # Turkey +Azerbaijan +Israel -Turkey
        unbalanced = next(t for t in result["triads"] if not t["balanced"])
        assert set(unbalanced["nodes"]) == {"Q43", "Q227", "Q801"}
    else:
        assert "not available in this version" in structure["message"]
    forecast = client.get("/api/forecast").json()
    if forecast["available"]:
        assert forecast["poles"] == ["Q227", "Q794"]  # the most hostile relation
        assert forecast["result"]["eu"]["rounds"]
    else:
        assert "not available in this version" in forecast["message"]


def test_security_headers_and_pages(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for response in (page, client.get("/api/summary"), client.get("/static/fl-core.js")):
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "script-src 'self';" in CSP
    assert "<script>" not in page.text  # every script is a file: nothing inline
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/api/relations" in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_non_local_host_is_refused() -> None:
    app = create_app(build())
    assert TestClient(app, base_url="http://evil.example.com").get("/api/summary").status_code == 400
    assert TestClient(app, base_url="http://localhost:8765").get("/api/summary").status_code == 200
    opened = create_app(build(), allowed_hosts=["analyst.lan"])
    assert TestClient(opened, base_url="http://analyst.lan").get("/api/summary").status_code == 200


def test_static_paths_cannot_leave_the_static_folder(client: TestClient) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "create_app" not in response.text


def _wait(client: TestClient, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "error"):
            return job  # type: ignore[no-any-return]
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_read_job_stores_the_article(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import faultlines.read as read

    seen: dict[str, Any] = {}

    def fake_read(text: str, **meta: Any) -> DocumentModel:  # the reader is tested in tests/read
        seen.update(meta, text=text)
        return DocumentModel(Document("new-doc", text, title=meta["title"], date=meta["date"]))

    monkeypatch.setattr(read, "read_text", fake_read)
    response = client.post("/api/read", data={"text": HOSTILE_TEXT, "title": "T", "date": "2024-02-03"})
    assert response.status_code == 202
    job = _wait(client, response.json()["id"])
    assert job["state"] == "done" and job["added"] is True and job["doc_id"] == "new-doc"
    assert seen["text"] == HOSTILE_TEXT and str(seen["date"]) == "2024-02-03"
    assert client.get("/api/summary").json()["documents"] == 3
    upload = client.post("/api/read", files={"file": ("note.txt", b"Iran and Armenia talk.", "text/plain")})
    assert _wait(client, upload.json()["id"])["state"] == "done"
    assert seen["title"] == "note"


def test_read_rejects_bad_input(client: TestClient) -> None:
    assert client.post("/api/read", data={"text": "  "}).status_code == 400
    assert client.post("/api/read", data={"text": "x", "date": "yesterday"}).status_code == 400
    binary = client.post("/api/read", files={"file": ("a.txt", b"\x00\x01\x02", "text/plain")})
    assert binary.status_code == 400 and "binary" in binary.json()["error"]
    small = TestClient(create_app(build(), max_upload=1000), base_url="http://127.0.0.1")
    assert small.post("/api/read", data={"text": "x" * 2000}).status_code == 413
    assert client.get("/api/jobs/nope").status_code == 404


def test_bundle_matches_views(client: TestClient) -> None:
    bundle = client.get("/api/bundle").json()
    assert "evidence" not in bundle  # the app fetches evidence on click
    expected = views.bundle(build())
    assert [r["id"] for r in bundle["relations"]] == [r["id"] for r in expected["relations"]]


def test_every_endpoint_and_option_is_documented() -> None:
    from pathlib import Path

    from starlette.routing import Route

    docs = (Path(__file__).resolve().parents[2] / "docs" / "show.md").read_text(encoding="utf-8")
    app = create_app(build())
    spec = app.routes and TestClient(app, base_url="http://127.0.0.1").get("/openapi.json").json()
    for route in app.routes:
        if isinstance(route, Route) and route.path.startswith("/api/") and route.path != "/api/docs":
            assert route.path in spec["paths"], route.path
            assert f"`GET {route.path}" in docs or f"`POST {route.path}" in docs, route.path
    for option in ("--db", "--host", "--port", "--example", "--doc", "--title", "--format", "--json"):
        assert option in docs, option
    for fmt in ("gexf", "graphml", "csv", "parquet", "plover-json"):
        assert f"`{fmt}`" in docs


def test_sign_filter(client: TestClient) -> None:
    hostile = client.get("/api/relations", params={"sign": "-1"}).json()
    model = build()
    assert sorted(r["id"] for r in hostile) == sorted(f"{r.a}|{r.b}" for r in model.relations if r.sign < 0)
    both = client.get("/api/relations", params={"sign": "1,-1"}).json()
    assert len(both) == len(model.relations)
    assert client.get("/api/relations", params={"sign": "x"}).status_code == 400
