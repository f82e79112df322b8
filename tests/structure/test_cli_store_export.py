"""The command end to end: CSV and store inputs, JSON, exports, results written back, errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from faultlines.cli import main
from faultlines.model import (
    Actor,
    ActorKind,
    Document,
    DocumentModel,
    Granularity,
    RelationKind,
    Span,
    Statement,
    TimeInterval,
)
from faultlines.store import open_store
from faultlines.structure import graph_from_csv, to_gexf, to_graphml
from faultlines.structure.commands import run_structure

TEXT = "Iran and Azerbaijan share faith. Azerbaijan buys Israeli arms. Israel and Iran are foes. Oil flows."


def _statement(doc: str, n: int, a: str, b: str, kind: RelationKind, sign: int, cue: str, year: int) -> Statement:
    start = TEXT.index(cue)
    when = TimeInterval(date(year, 1, 1), date(year, 12, 31), Granularity.YEAR, str(year))
    return Statement(f"{doc}:s{n}", doc, a, b, kind, sign, Span(doc, 0, start, start + len(cue), cue), when)


def _store(path: Path) -> Path:
    actors = [
        Actor("Q794", "Iran", ActorKind.STATE, qid="Q794"),
        Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227"),
        Actor("Q801", "Israel", ActorKind.STATE, qid="Q801"),
    ]
    doc = "docA"
    model = DocumentModel(
        document=Document(id=doc, text=TEXT, title="op-ed", date=date(2024, 1, 1), sentences=[(0, len(TEXT))]),
        actors=actors,
        statements=[
            _statement(doc, 0, "Q794", "Q227", RelationKind.RELIGION, 1, "share faith", 2016),
            _statement(doc, 1, "Q227", "Q801", RelationKind.MILITARY, 1, "buys Israeli arms", 2016),
            _statement(doc, 2, "Q801", "Q794", RelationKind.GENERAL, -1, "are foes", 2016),
            _statement(doc, 3, "Q794", "Q227", RelationKind.TERRITORY, -1, "Oil flows", 2022),
            _statement(doc, 4, "Q227", "Q801", RelationKind.ENERGY, 1, "Oil flows", 2022),
            _statement(doc, 5, "Q801", "Q794", RelationKind.GENERAL, -1, "are foes", 2022),
        ],
    )
    with open_store(path) as store:
        store.ingest(model)
    return path


def test_store_window_reports_the_unbalanced_triangle_and_writes_tables(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    report = run_structure(db=db, windows=["2015:2018"], doc="docA")
    assert report["window"] == "2015-2018"
    assert report["frustration"]["index"] == 1 and report["frustration"]["optimal"]
    (tri,) = report["triads"]
    assert not tri["balanced"] and tri["focus"] and set(tri["names"]) == {"Iran", "Azerbaijan", "Israel"}
    quotes = {ev["span"]["text"] for edge in tri["edges"] for ev in edge["evidence"]}
    assert quotes == {"share faith", "buys Israeli arms", "are foes"}
    with open_store(db) as store:
        summary = store.read_table("structure_summary")
        triad_rows = store.read_table("structure_triads")
    assert summary[0]["window"] == "2015-2018" and summary[0]["index"] == 1
    assert triad_rows[0]["pattern"] == "++-"


def test_store_two_windows_report_change(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    out = tmp_path / "r.json"
    code = main(["structure", "--db", str(db), "--window", "2016", "--window", "2022", "--json", str(out)])
    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert list(report["windows"]) == ["2016", "2022"]
    assert report["windows"]["2022"]["frustration"]["index"] == 0
    flips = report["change"]["sign_flips"]
    assert [(f["u"], f["v"], f["before"], f["after"]) for f in flips] == [("Q227", "Q794", 1, -1)]


def test_csv_cli_json_stdout_and_exports(tribes_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gexf, graphml = tmp_path / "g.gexf", tmp_path / "g.graphml"
    code = main(
        [
            "structure",
            "--from-csv",
            str(tribes_csv),
            "--k",
            "3",
            "--what-if",
            "Gavev,Ove,+",
            "--json",
            "-",
            "--gexf",
            str(gexf),
            "--graphml",
            str(graphml),
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["frustration"]["index"] == 7 and report["kblocs"]["errors"] == 2
    assert report["what_if"]["index_after"] == 8 and report["census"]["triangles"] == 68
    back = nx.read_graphml(graphml)
    assert back.number_of_edges() == 58 and sum(1 for *_, f in back.edges(data="frustrated") if f) == 7
    assert nx.read_gexf(gexf).number_of_nodes() == 16


def test_gexf_has_time_attributes(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("source,target,sign,start,end\nA,B,1,1990,1995\nB,C,-1,2001-03-04,\n", encoding="utf-8")
    G = graph_from_csv(path)
    to_gexf(G, tmp_path / "e.gexf")
    text = (tmp_path / "e.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="1990-01-01"' in text and 'end="1995-12-31"' in text
    back = nx.read_gexf(tmp_path / "e.gexf")
    assert back["A"]["B"]["sign"] == 1
    to_graphml(G, tmp_path / "e.graphml")
    assert nx.read_graphml(tmp_path / "e.graphml")["B"]["C"]["first"] == "2001-03-04"


def test_csv_sliding_windows(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(
        "source,target,sign,start,end\nA,B,1,1990,1999\nB,C,1,1990,1999\nA,C,-1,1995,1999\n", encoding="utf-8"
    )
    report = run_structure(csv_files=[path], windows=["1990:1999"], span=5, step=5)
    assert list(report["windows"]) == ["1990-1994", "1995-1999"]
    assert [w["index"] for w in report["change"]["windows"]] == [0, 1]


@pytest.mark.parametrize(
    ("args", "code_text"),
    [
        (["--from-csv", "missing.csv"], "E001"),
        (["--from-csv", "{csv}", "--what-if", "Gavev,Nobody,+"], "E040"),
        (["--from-csv", "{csv}", "--method", "magic"], "E041"),
        (["--from-csv", "{csv}", "--window", "1999:1990"], "E041"),
        (["--db", "{tmp}/none.duckdb"], "E020"),
        (["--from-csv", "{csv}", "--kind", "military"], "E041"),
    ],
)
def test_cli_errors_are_one_coded_line(
    args: list[str], code_text: str, tribes_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.format(csv=tribes_csv, tmp=tmp_path) for a in args]
    assert main(["structure", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert code_text in err and "Traceback" not in err


def test_json_on_stdout_stays_clean_when_the_lp_path_runs(tmp_path: Path) -> None:
    """HiGHS prints a banner from C when its first instance is made; it must not reach stdout."""
    import subprocess
    import sys

    grid = nx.grid_2d_graph(5, 5)  # no triangles: the cutting-plane path (highspy) runs
    lines = ["source,target,sign"]
    for i, (u, v) in enumerate(sorted(grid.edges)):
        lines.append(f"{u[0]}_{u[1]},{v[0]}_{v[1]},{-1 if i % 3 == 0 else 1}")
    path = tmp_path / "grid.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "faultlines.cli", "structure", "--from-csv", str(path), "--json", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["frustration"]["optimal"] and report["census"]["triangles"] == 0


def test_what_if_applies_to_the_last_window_only(tmp_path: Path) -> None:
    db = _store(tmp_path / "s.duckdb")
    report = run_structure(db=db, windows=["2016", "2022"], what_ifs=["Azerbaijan,Israel,-"])
    assert "what_if" not in report["windows"]["2016"]
    what = report["windows"]["2022"]["what_if"]
    assert what["changes"][0]["action"] == "flip" and what["index_after"] == 1
