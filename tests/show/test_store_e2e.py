"""End to end over a real DuckDB store filled by ``faultlines.read.read_text``: CLI, app and report."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser_support import Page, Server, click_edge
from fixture_model import DOC1, DOC2, HOSTILE_TEXT

from faultlines.cli import main
from faultlines.show.app import create_app
from faultlines.show.source import StoreSource, load_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from faultlines.read import read_text
    from faultlines.store import open_store

    path = tmp_path_factory.mktemp("store") / "show.duckdb"
    with open_store(path) as store:
        for title, text, day in (
            ("Arms, oil and kin", DOC1, date(2021, 3, 1)),
            ("Patrons of the Caucasus", DOC2, date(2022, 6, 15)),
        ):
            store.ingest(read_text(text, title=title, date=day, url="https://example.org/caucasus"))
    return path


def test_cli_export_and_report_from_the_store(db: Path, tmp_path: Path) -> None:
    import networkx as nx

    corpus = load_corpus(db=db)
    assert corpus.relations, "the example article should yield relations"
    out = tmp_path / "model.graphml"
    assert main(["export", "--format", "graphml", "-o", str(out), "--db", str(db)]) == 0
    G = nx.read_graphml(out)
    assert G.number_of_edges() == len(corpus.relations)
    report = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "-o", str(report)]) == 0
    assert report.stat().st_size > 500_000  # every library and the data inlined
    assert main(["export", "--format", "nope", "-o", str(out), "--db", str(db)]) == 2


@pytest.fixture(scope="module")
def served(db: Path) -> Iterator[tuple[str, StoreSource]]:
    source = StoreSource(db)
    with Server(create_app(source)) as server:
        yield server.url + "/", source
    source.close()


@pytest.mark.browser
def test_app_over_the_store_and_reading_from_the_page(browser: Any, served: tuple[str, StoreSource]) -> None:
    url, source = served
    corpus = source.corpus()
    page = Page(browser)
    try:
        p = page.open(url)
        labels = p.evaluate("FL.graph.cy.nodes().not('.hidden').map(function (n) { return n.data('label'); })")
        related = {x for r in corpus.relations for x in (r.a, r.b)}
        assert sorted(labels) == sorted(a.name for a in corpus.actors if a.id in related)
        rel = next(r for r in corpus.relations if {r.a, r.b} == {"Q227", "Q801"})  # Azerbaijan, Israel
        click_edge(p, f"{rel.a}|{rel.b}")
        p.wait_for_selector("#evidence .evidence")
        assert p.locator("#evidence h2").inner_text() == "Azerbaijan — Israel"
        marks = p.locator("#evidence .evidence mark").all_inner_texts()
        assert sorted(marks) == sorted(e.span.text for e in rel.evidence)
        assert p.locator("#evidence .quote-source a").first.get_attribute("href") == "https://example.org/caucasus"
        # Read a hostile article through the page with the real reader: it lands in the store.
        before = len(corpus.documents)
        p.locator(".tab[data-tab=read]").click()
        p.locator("textarea[name=text]").fill(HOSTILE_TEXT)
        p.locator("input[name=url]").fill("https://example.org/evil")
        p.locator("#read-form button[type=submit]").click()
        from playwright.sync_api import expect

        expect(p.locator("#summary")).to_contain_text(f"{before + 1} documents", timeout=30000)
        assert len(source.corpus().documents) == before + 1
        p.locator(".tab[data-tab=documents]").click()
        assert p.locator("#documents tbody tr").count() == before + 1
        assert page.dialogs == [] and page.errors == [] and page.blocked == []
        assert p.evaluate("window.__csp") == [] and p.evaluate("window.__pwned") is None
    finally:
        page.close()


def test_store_stays_writable_while_served(db: Path, served: tuple[str, StoreSource]) -> None:
    """The app does not hold the DuckDB lock: another writer can ingest, and the app sees it."""
    import httpx

    from faultlines.read import read_text
    from faultlines.store import open_store

    url, _ = served
    before = httpx.get(url + "api/summary").json()["documents"]
    with open_store(db) as store:  # would raise a lock error if the server kept the file open
        assert store.ingest(read_text("Iran and Armenia signed a trade deal in 2023.", title="Later"))
    assert httpx.get(url + "api/summary").json()["documents"] == before + 1


def test_uploading_html_reads_it_without_markup(served: tuple[str, StoreSource]) -> None:
    import httpx

    url, source = served
    page = (
        "<html><head><title>Border talks</title><script>alert(1)</script></head><body>"
        "<p>Azerbaijan and Armenia held border talks in Brussels in May 2024.</p></body></html>"
    )
    files = {"file": ("talks.html", page.encode(), "text/html")}
    job = httpx.post(url + "api/read", files=files, data={"url": "https://example.org/talks"}).json()
    for _ in range(200):
        job = httpx.get(url + f"api/jobs/{job['id']}").json()
        if job["state"] in ("done", "error"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job
    doc = next(d for d in source.corpus().documents if d.id == job["doc_id"])
    assert doc.title == "Border talks" and doc.url == "https://example.org/talks"
    assert "<p>" not in doc.text and "alert(1)" not in doc.text and "border talks in Brussels" in doc.text
    bad = httpx.post(url + "api/read", files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert bad.status_code == 400
