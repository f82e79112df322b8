"""The single-file report's make-up, and every export read back by the tools people use."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from fixture_model import HOSTILE_TEXT, build, with_hostile

from faultlines.errors import FaultlinesError
from faultlines.show.export import export, plover_records
from faultlines.show.report import json_for_script, render_report
from faultlines.show.views import safe_url


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def html() -> str:
    return render_report(with_hostile(build()), panels={})


def test_report_is_self_contained(html: str) -> None:
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", html)
    assert 'src="/static' not in html and 'href="/static' not in html
    assert "/api/" not in re.sub(r"<script>.*?</script>", "", html, flags=re.S)  # no server calls outside JS
    assert "Read an article" not in html  # server-only parts are gone


def test_report_csp_allows_exactly_its_inline_scripts(html: str) -> None:
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 11
    script_src = re.search(r"script-src ([^;]+);", csp).group(1).split()  # type: ignore[union-attr]
    assert sorted(script_src) == sorted(_sha(s) for s in scripts)
    for style in re.findall(r"<style>(.*?)</style>", html, flags=re.S):
        assert _sha(style) in csp
    assert "connect-src 'none'" in csp and "unsafe" not in csp


def test_embedded_data_cannot_close_its_script_element(html: str) -> None:
    block = re.search(r'<script type="application/json" id="fl-data">(.*?)</script>', html, flags=re.S)
    assert block is not None
    data = json.loads(block.group(1))
    doc = next(d for d in data["documents"] if d["id"] == "evil")
    assert doc["title"].startswith("<img") and doc["url"] == ""
    quotes = [q["sentence"] for q in data["evidence"]["actor:Q794"]]
    assert any("<script>window.__pwned=1" in q for q in quotes)
    assert "</script" not in block.group(1) and "<img" not in block.group(1)


def test_json_for_script_round_trips() -> None:
    value = {"t": "</script><!-- \u2028 & <b>", "n": [1, 2]}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_safe_url() -> None:
    assert safe_url("https://example.org/x?a=1") == "https://example.org/x?a=1"
    for bad in (
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "/relative",
        "java\nscript:x",
        "http:///nohost",
        "",
    ):
        assert safe_url(bad) == "", bad


def test_graphml_and_gexf_open_in_networkx(tmp_path: Path) -> None:
    import networkx as nx

    model = build()
    export(model, "graphml", tmp_path / "g.graphml")
    export(model, "gexf", tmp_path / "g.gexf")
    for G in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert G.number_of_edges() == len(model.relations)
        assert G.nodes["Q801"]["label"] == "Israel"
        assert int(G.edges["Q227", "Q801"]["sign"]) == 1 and int(G.edges["Q227", "Q794"]["sign"]) == -1
    gexf = (tmp_path / "g.gexf").read_text()
    assert 'mode="dynamic"' in gexf and 'start="2020-01-01"' in gexf  # time attributes for Gephi


def test_csv_and_parquet_open_in_pandas(tmp_path: Path) -> None:
    import pandas as pd

    model = build()
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        result = export(model, fmt, out)
        read = pd.read_csv if fmt == "csv" else pd.read_parquet
        actors = read(out / f"actors.{fmt}")
        relations = read(out / f"relations.{fmt}")
        events = read(out / f"events.{fmt}")
        evidence = read(out / f"evidence.{fmt}")
        assert len(actors) == len(model.actors) and set(actors["id"]) == {a.id for a in model.actors}
        assert len(relations) == len(model.relations) == result["rows"]["relations"]
        row = relations[(relations["a"] == "Q227") & (relations["b"] == "Q801")].iloc[0]
        assert row["sign"] == 1 and row["kinds"] == "energy;military" and row["evidence"] == 2
        assert len(events) == len(model.events) and set(events["type"]) == {"COOPERATE", "ASSAULT", "MOBILIZE"}
        assert len(evidence) == sum(len(r.evidence) for r in model.relations)


def test_empty_model_exports_headers(tmp_path: Path) -> None:
    import pandas as pd

    from faultlines.model import CorpusModel

    export(CorpusModel(), "csv", tmp_path)
    assert list(pd.read_csv(tmp_path / "relations.csv").columns)[:3] == ["a", "b", "a_name"]


def test_plover_json(tmp_path: Path) -> None:
    model = build()
    export(model, "plover-json", tmp_path / "events.json")
    records = json.loads((tmp_path / "events.json").read_text())
    assert records == json.loads(json.dumps(plover_records(model)))
    fight = next(r for r in records if r["event"] == "ASSAULT")
    assert fight["source"] == [{"actorText": "Armenia", "code": "ARM", "sector": ""}]
    assert fight["target"][0]["code"] == "AZE" and fight["date"] == "2020-01-01"
    assert fight["faultlines"]["when"]["granularity"] == "year"
    assert fight["text"] == "Armenia fought Azerbaijan"


def test_bad_format_and_unwritable_output(tmp_path: Path) -> None:
    with pytest.raises(FaultlinesError, match="E041"):
        export(build(), "xlsx", tmp_path / "x")
    with pytest.raises(FaultlinesError, match="E031"):
        export(build(), "plover-json", tmp_path / "missing" / "dir" / "x.json")


def test_hostile_text_is_data(html: str) -> None:
    assert HOSTILE_TEXT not in html  # only ever present JSON-escaped
