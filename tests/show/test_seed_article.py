"""The acceptance checks on the reference article's own model (read from ../shared at test time).

The article is read with the real reader into a real DuckDB store, served by the app and written as
a single-file report; both are checked in headless Chromium with the network cut off. Skipped when
the shared folder is absent (it is never copied into the project).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_support import Page, Server, click_edge, injected_style_hashes

from faultlines.show import views
from faultlines.show.app import create_app
from faultlines.show.report import render_report
from faultlines.show.source import StoreSource

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed" / "article.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not SEED.exists(), reason=f"reference article not found at {SEED}"),
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> StoreSource:
    from faultlines.read import read_text
    from faultlines.store import open_store

    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with open_store(db) as store:
        store.ingest(
            read_text(SEED.read_text(encoding="utf-8"), title="Reference article", url="https://example.org/reference")
        )
    return StoreSource(db)


@pytest.fixture(scope="module", params=["app", "report"])
def url(request: pytest.FixtureRequest, source: StoreSource, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "report":
        path = tmp_path_factory.mktemp("seed-report") / "report.html"
        path.write_text(render_report(source.corpus()), encoding="utf-8")
        yield path.as_uri()
    else:
        with Server(create_app(source)) as server:
            yield server.url + "/"


def test_reference_article_in_the_browser(browser: Any, source: StoreSource, url: str) -> None:
    corpus = source.corpus()
    names = {a.id: a.name for a in corpus.actors}
    page = Page(browser)
    try:
        p = page.open(url)
        # The graph shows the article's actors: every actor that takes part in a relation.
        shown = sorted(p.evaluate("FL.graph.cy.nodes().not('.hidden').map(function (n) { return n.data('label'); })"))
        related = {x for r in corpus.relations for x in (r.a, r.b)}
        assert shown == sorted(names[x] for x in related)
        assert {"Iran", "Azerbaijan", "Israel", "Armenia"} <= set(shown)
        # Clicking the Azerbaijan–Israel edge shows its evidence sentences, spans highlighted.
        rel = next(r for r in corpus.relations if {r.a, r.b} == {"Q227", "Q801"})
        click_edge(p, f"{rel.a}|{rel.b}")
        p.wait_for_selector("#evidence .evidence")
        assert p.locator("#evidence h2").inner_text() == "Azerbaijan — Israel"
        assert p.locator("#evidence .evidence").count() == len(rel.evidence)
        marks = p.locator("#evidence .evidence mark").all_inner_texts()
        assert sorted(m.strip() for m in marks) == sorted(e.span.text.strip() for e in rel.evidence)
        # The time slider changes what the graph shows, exactly as the filter rule says.
        data = views.bundle(corpus)
        first, last = data["summary"]["range"]
        assert first and last
        last = (date.fromisoformat(last) - timedelta(days=1)).isoformat()  # the full range means "open"
        total = int(p.get_attribute("#graph", "data-visible-edges"))
        p.evaluate(f"FL.setWindow({first!r}, {last!r})")
        expected = views.filter_relations(
            data["relations"], {a["id"]: a for a in data["actors"]}, start=first, end=last
        )
        narrowed = int(p.get_attribute("#graph", "data-visible-edges"))
        assert narrowed == len(expected) < total == len(corpus.relations)
        p.locator("#time-all").click()
        # The map draws the states and the arcs between them.
        p.locator(".tab[data-tab=map]").click()
        p.wait_for_selector("#map path.country")
        assert p.locator("#map path.country").count() > 150
        assert p.locator("#map path.arc").count() >= 3
        assert p.locator("#map path.country.coloured").count() >= 3
        assert page.blocked == [] and page.dialogs == [] and page.errors == []
        violations = p.evaluate("window.__csp")
        assert violations == [], f"{violations}; style hashes {injected_style_hashes(p)}"
    finally:
        page.close()
