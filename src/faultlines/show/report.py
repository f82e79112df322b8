"""The single-file HTML report: the web app's views with every asset and the data inlined.

The report is the app's own page (``static/index.html``) with the server-only parts removed, each
script and stylesheet inlined, the model embedded as JSON in ``<script type="application/json">``
blocks, and a Content-Security-Policy meta tag that allows exactly those inline scripts and styles
by SHA-256 hash and forbids every network request. It opens from disk with no network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from faultlines.model import CorpusModel
from faultlines.show import views
from faultlines.show.panels import all_panels

STATIC = Path(__file__).resolve().parent / "static"
_APP_ONLY = re.compile(r"\s*<!-- app:start -->.*?<!-- app:end -->", re.S)
_SCRIPTS = re.compile(r"<!-- scripts:start -->(.*?)<!-- scripts:end -->", re.S)
_SCRIPT_SRC = re.compile(r'<script src="/static/([^"]+)"></script>')
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="/static/([^"]+)">')


def json_for_script(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and line separators are escaped.

    Article text may contain ``</script>`` or ``<!--``; escaped as ``\\u003c`` it can never close the
    element, and ``JSON.parse`` gives the original text back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _inline_js(name: str) -> str:
    code = (STATIC / name).read_text(encoding="utf-8")
    # A literal "</script" inside a library would end the element early; "<\/" means the same in JS.
    return code.replace("</script", "<\\/script")


def render_report(corpus: CorpusModel, *, title: str = "", panels: dict[str, Any] | None = None) -> str:
    """The report as one HTML string.

    Parameters
    ----------
    corpus
        The model to show (documents, actors, relations with evidence, events, claims, verdicts).
    title
        Shown in the browser tab; defaults to the single document's title or "faultlines report".
    panels
        Check/structure/forecast results; computed with :func:`faultlines.show.panels.all_panels`
        when not given.
    """
    data = views.bundle(corpus, include_evidence=True, panels=panels if panels is not None else all_panels(corpus))
    atlas = json.loads((STATIC / "vendor" / "countries-110m.json").read_text(encoding="utf-8"))
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = _APP_ONLY.sub("", page)

    styles: list[str] = []

    def inline_style(match: re.Match[str]) -> str:
        css = (STATIC / match.group(1)).read_text(encoding="utf-8").replace("</style", "<\\/style")
        styles.append(css)
        return f"<style>{css}</style>"

    page = _STYLESHEET.sub(inline_style, page)
    scripts: list[str] = []
    block = _SCRIPTS.search(page)
    assert block is not None, "index.html lost its scripts markers"
    for name in _SCRIPT_SRC.findall(block.group(1)):
        scripts.append(_inline_js(name))
    body = (
        f'<script type="application/json" id="fl-data">{json_for_script(data)}</script>\n'
        f'<script type="application/json" id="fl-atlas">{json_for_script(atlas)}</script>\n'
        + "\n".join(f"<script>{code}</script>" for code in scripts)
    )
    page = page[: block.start()] + body + page[block.end() :]

    from faultlines.show.app import vendor_style_hashes

    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_sha256(code) for code in scripts)}; "
        f"style-src {' '.join(_sha256(css) for css in styles)} {' '.join(vendor_style_hashes())}; "
        "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    page = page.replace("<!-- csp -->", f'<meta http-equiv="Content-Security-Policy" content="{csp}">', 1)
    heading = title or (corpus.documents[0].title if len(corpus.documents) == 1 else "") or "faultlines report"
    safe_title = heading.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    page = page.replace("<title>faultlines — show</title>", f"<title>{safe_title} — faultlines</title>", 1)
    return page


def write_report(corpus: CorpusModel, output: Path, *, title: str = "") -> dict[str, Any]:
    """Write the report to ``output``; returns what was written (path, bytes, counts)."""
    from faultlines.errors import E, FaultlinesError

    html = render_report(corpus, title=title)
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as error:
        raise FaultlinesError(E.E031, path=output, reason=error.strerror or str(error)) from error
    return {
        "path": str(output),
        "bytes": len(html.encode("utf-8")),
        "documents": len(corpus.documents),
        "actors": len(corpus.actors),
        "relations": len(corpus.relations),
        "events": len(corpus.events),
    }
