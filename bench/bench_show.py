"""Benchmark show: time to first render of the actor graph in headless Chromium.

A synthetic model (random signed relations between random actors, one evidence sentence each) is
served by the real web app; the page is loaded in Debian's Chromium and timed from navigation start
to cytoscape's first frame. A 1,000-actor, 5,000-relation graph is compared with a 100-actor,
500-relation one measured in the same run; the single-file report is timed the same way.

Run: ``python -m bench.bench_show`` (needs /usr/bin/chromium; writes the ``show`` section of BENCHMARKS.md).
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.report import write_section
from faultlines.model import (
    Actor,
    ActorKind,
    CorpusModel,
    Document,
    Evidence,
    Granularity,
    Relation,
    RelationKind,
    Span,
    TimeInterval,
)

CHROMIUM = os.environ.get("FAULTLINES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SIZES = [(100, 500), (1000, 5000)]
REPEATS = 3
KINDS = list(RelationKind)
ISO3 = ["IRN", "AZE", "ISR", "ARM", "TUR", "RUS", "USA", "GEO", "IRQ", "SYR", "FRA", "DEU", "CHN", "IND", "PAK"]


def synthetic_corpus(n_actors: int, n_relations: int, seed: int = 7) -> CorpusModel:
    """``n_actors`` actors and ``n_relations`` distinct signed relations, each with one quoted sentence."""
    rng = random.Random(seed)
    kinds = [ActorKind.STATE, ActorKind.PERSON, ActorKind.ORGANISATION, ActorKind.ETHNIC_GROUP]
    actors = [
        Actor(f"fl:a{i:04d}", f"Actor {i}", kinds[i % 4], home_state=ISO3[i % len(ISO3)]) for i in range(n_actors)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_relations:
        a, b = sorted(rng.sample(range(n_actors), 2))
        pairs.add((a, b))
    sentences, relations = [], []
    text = ""
    start_day = date(2015, 1, 1)
    for a, b in sorted(pairs):
        sentence = f"Actor {a} and Actor {b} met. "
        offset = len(text)
        text += sentence
        sentences.append((offset, offset + len(sentence) - 1))
        sign = rng.choice([1, 1, -1])
        day = start_day + timedelta(days=rng.randrange(3650))
        when = TimeInterval(day, day + timedelta(days=30), Granularity.MONTH, day.isoformat())
        span = Span("bench", len(sentences) - 1, offset, offset + len(sentence) - 2, sentence[:-2])
        kind = rng.choice(KINDS)
        ev = Evidence(f"e{a}-{b}", "event", span, sign, 1.0, kind, when)
        relations.append(Relation(actors[a].id, actors[b].id, sign, 1.0, float(sign), [kind], day, day, [ev]))
    doc = Document("bench", text, title="synthetic", date=date(2025, 1, 1), sentences=sentences)
    return CorpusModel(documents=[doc], actors=actors, relations=relations)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _time_page(browser: Any, url: str) -> tuple[float, float]:
    """(ms from navigation start to the graph's first frame, ms inside cytoscape init+layout+frame)."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("http://127.0.0.1", "file:"))
                   else r.abort())
        page.goto(url)
        page.wait_for_selector("#graph[data-rendered='1']", timeout=120000)
        return float(page.evaluate("window.__flGraphRenderedAt")), float(page.evaluate("window.__flGraphRendered"))
    finally:
        page.close()


def measure() -> list[dict[str, Any]]:
    import httpx
    import uvicorn
    from playwright.sync_api import sync_playwright

    from faultlines.show.app import create_app
    from faultlines.show.report import render_report

    rows = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n_actors, n_relations in SIZES:
            corpus = synthetic_corpus(n_actors, n_relations)
            port = _port()
            server = uvicorn.Server(uvicorn.Config(create_app(corpus), host="127.0.0.1", port=port,
                                                   log_level="warning"))
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.02)
            url = f"http://127.0.0.1:{port}/"
            t0 = time.perf_counter()
            bundle_bytes = len(httpx.get(url + "api/bundle").content)  # warm the server's cache
            build_ms = (time.perf_counter() - t0) * 1000
            app_runs = [_time_page(browser, url) for _ in range(REPEATS)]
            server.should_exit = True
            thread.join()
            report = Path(tmp) / f"report-{n_actors}.html"
            t0 = time.perf_counter()
            report.write_text(render_report(corpus, panels={}), encoding="utf-8")
            report_build_ms = (time.perf_counter() - t0) * 1000
            report_runs = [_time_page(browser, report.as_uri()) for _ in range(REPEATS)]
            rows.append({
                "actors": n_actors,
                "relations": n_relations,
                "app_first_render_ms": statistics.median(r[0] for r in app_runs),
                "graph_ms": statistics.median(r[1] for r in app_runs),
                "report_first_render_ms": statistics.median(r[0] for r in report_runs),
                "bundle_kb": bundle_bytes / 1024,
                "bundle_build_ms": build_ms,
                "report_kb": report.stat().st_size / 1024,
                "report_build_ms": report_build_ms,
            })
        browser.close()
    return rows


def main() -> None:
    rows = measure()
    small, large = rows[0], rows[-1]
    lines = [
        "Time to first render of the actor graph in headless Chromium (Debian chromium, software rendering), "
        f"median of {REPEATS} page loads, network blocked except 127.0.0.1. Synthetic signed graphs, one "
        "evidence sentence per relation; layout `cose` up to 250 actors, `concentric` above.",
        "",
        "| actors | relations | app: navigation → first graph frame | of which cytoscape init + layout + frame "
        "| report (file://): navigation → first frame | /api/bundle | report file |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['actors']:,} | {r['relations']:,} | {r['app_first_render_ms']:.0f} ms "
            f"| {r['graph_ms']:.0f} ms | {r['report_first_render_ms']:.0f} ms "
            f"| {r['bundle_kb']:.0f} KB built in {r['bundle_build_ms']:.0f} ms "
            f"| {r['report_kb']:.0f} KB built in {r['report_build_ms']:.0f} ms |"
        )
    lines += [
        "",
        f"Ratio 1,000-actor / 100-actor graph (same run): app first render "
        f"{large['app_first_render_ms'] / small['app_first_render_ms']:.2f}×, cytoscape part "
        f"{large['graph_ms'] / small['graph_ms']:.2f}×, report first render "
        f"{large['report_first_render_ms'] / small['report_first_render_ms']:.2f}× "
        f"(10× the actors and relations).",
        "",
        f"Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine: "
        "absolute times are inflated by other work; the ratios are the comparable figures).",
    ]
    body = "\n".join(lines)
    print(body)
    write_section("show", "Show: time to first render of the graph", "python -m bench.bench_show", body)


if __name__ == "__main__":
    main()
