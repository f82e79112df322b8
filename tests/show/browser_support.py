"""Helpers for show's browser tests: a real uvicorn server in a thread and a network-blocking page."""

from __future__ import annotations

import os
import socket
import threading
import time
from typing import Any

CHROMIUM = os.environ.get("FAULTLINES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A real uvicorn server on 127.0.0.1 and a free port, run in a thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


CSP_PROBE = (
    "window.__csp = []; window.__dialogs = 0;"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__csp.push([e.violatedDirective, e.sourceFile, e.lineNumber, e.sample]); });"
)


class Page:
    """A Playwright page that blocks every request not to 127.0.0.1 or file://, recording what it blocked."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.add_init_script(CSP_PROBE)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=20000)
        self.page.wait_for_selector("#graph[data-rendered='1']", timeout=20000)
        return self.page

    def close(self) -> None:
        self.context.close()


# A point on the edge that no node (or node label) covers, in rendered coordinates.
FREE_POINT = """(id) => {
  const cy = FL.graph.cy, e = cy.getElementById(id);
  const s = e.source().renderedPosition(), t = e.target().renderedPosition();
  const boxes = cy.nodes().map(n => n.renderedBoundingBox({includeLabels: true}));
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65]) {
    const x = s.x + f * (t.x - s.x), y = s.y + f * (t.y - s.y);
    if (!boxes.some(b => x >= b.x1 - 2 && x <= b.x2 + 2 && y >= b.y1 - 2 && y <= b.y2 + 2)) return {x, y};
  }
  return e.renderedMidpoint();
}"""


def click_edge(p: Any, edge: str) -> None:
    box = p.locator("#graph").bounding_box()
    point = p.evaluate(FREE_POINT, f"e:{edge}")
    p.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def injected_style_hashes(page: Any) -> list[str]:
    """SHA-256 (base64) of every <style> element's text: what ``inline-styles.txt`` must list after a
    vendored library upgrade changes the styles it injects."""
    import base64
    import hashlib

    texts = page.evaluate("Array.from(document.querySelectorAll('style')).map(s => s.textContent)")
    return sorted({base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() for t in [*texts, ""]})
