"""Screenshots of every view of the web app, for docs/show.md and the README.

Reads the built-in example article (our own text) with the real reader, checks its claims with the
check capability, serves it with the web app and photographs each view in headless Chromium.

Run: ``python -m bench.screenshots`` (needs /usr/bin/chromium); writes ``docs/screenshots/*.png``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("FAULTLINES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def example_source() -> object:
    from faultlines.read import example_document, read_text
    from faultlines.show.panels import attach_verdicts
    from faultlines.show.source import MemorySource

    raw = example_document()
    source = MemorySource()
    source.ingest(read_text(raw.text, title=raw.title or "The South Caucasus (example)", date=raw.date,
                            url="https://example.org/south-caucasus", source="faultlines example"))
    attach_verdicts(source.corpus())
    return source


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from faultlines.show.app import create_app

    OUT.mkdir(parents=True, exist_ok=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(example_source()), host="127.0.0.1", port=port,  # type: ignore[arg-type]
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("#graph[data-rendered='1']", timeout=60000)
        page.wait_for_timeout(500)
        # Graph with the strongest relation's evidence open.
        strongest = page.evaluate(
            "FL.state.data.relations.slice().sort(function (a, b) { return b.evidence - a.evidence || "
            "Math.abs(b.score) - Math.abs(a.score); })[0].id"
        )
        page.evaluate(f"FL.selectEdge({strongest!r})")
        page.wait_for_selector("#evidence .evidence")
        page.screenshot(path=str(OUT / "graph.png"))
        shots = [
            ("timeline", "#timeline .vis-item"),
            ("map", "#map path.country"),
            ("claims", "#claims table, #claims p"),
            ("structure", "#structure[data-loaded='1']"),
            ("forecast", "#forecast[data-loaded='1']"),
            ("documents", "#documents table"),
            ("read", "#read-form"),
        ]
        for name, ready in shots:
            page.locator(f".tab[data-tab={name}]").click()
            page.wait_for_selector(ready, timeout=60000)
            page.wait_for_timeout(400)
            page.screenshot(path=str(OUT / f"{name}.png"))
        page.goto(f"http://127.0.0.1:{port}/api/docs")
        page.wait_for_selector(".endpoint")
        page.screenshot(path=str(OUT / "api.png"))
        browser.close()
    server.should_exit = True
    thread.join()
    print("\n".join(str(p.relative_to(ROOT)) for p in sorted(OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
