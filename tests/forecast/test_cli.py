"""The ``faultlines forecast`` command end to end (through the real CLI entry point)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faultlines.cli import main
from faultlines.model import (
    Actor,
    ActorKind,
    Document,
    DocumentModel,
    Mention,
    RelationKind,
    Span,
    Statement,
)

from .test_scenario import GOOD


def test_forecast_prints_writes_json_and_plots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(GOOD, encoding="utf-8")
    out_json = tmp_path / "out.json"
    plots = tmp_path / "plots"
    code = main(
        [
            "forecast",
            str(scenario),
            "--runs",
            "30",
            "--seed",
            "3",
            "--json",
            str(out_json),
            "--plots",
            str(plots),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "Test issue" in printed and "compromise" in printed
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["issue"]["scale"]["max_label"] == "hard"
    assert len(data["eu"]["rounds"]) == 6
    assert data["monte_carlo"]["runs"] == 30 and data["monte_carlo"]["seed"] == 3
    assert 0 <= data["monte_carlo"]["eu"]["p10"] <= data["monte_carlo"]["eu"]["p90"] <= 100
    names = sorted(p.name for p in plots.iterdir())
    assert names == [
        "test_issue_distribution.png",
        "test_issue_distribution.svg",
        "test_issue_positions.png",
        "test_issue_positions.svg",
    ]
    assert all(p.stat().st_size > 1000 for p in plots.iterdir())


def test_compromise_only_and_shipped_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_json = tmp_path / "o.json"
    assert (
        main(["forecast", "iran_azerbaijan", "--model", "compromise", "--runs", "0", "--json", str(out_json)])
        == 0
    )
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["eu"] is None and data["monte_carlo"] is None and 0 < data["compromise"] < 100


def test_bad_input_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("salience: 0.8", "salience: 8"), encoding="utf-8")
    assert main(["forecast", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "E030" in err and "actors[1].salience" in err and "Traceback" not in err
    assert main(["forecast", str(bad), "--model", "magic"]) == 2
    assert main(["forecast", "no_such_scenario"]) == 2


def test_draft_from_a_real_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from faultlines.store import open_store

    text = "Iran and Azerbaijan quarrel. Israel arms Azerbaijan."
    doc = Document(id="d1", text=text, sentences=[(0, 28), (29, len(text))])

    def span(word: str) -> Span:
        start = text.index(word)
        return Span("d1", 0 if start < 28 else 1, start, start + len(word), word)

    actors = [
        Actor("Q794", "Iran", ActorKind.STATE, qid="Q794", home_state="IRN"),
        Actor("Q227", "Azerbaijan", ActorKind.STATE, qid="Q227", home_state="AZE"),
        Actor("Q801", "Israel", ActorKind.STATE, qid="Q801", home_state="ISR"),
    ]
    model = DocumentModel(
        document=doc,
        actors=actors,
        mentions=[
            Mention("Q794", span("Iran")),
            Mention("Q227", span("Azerbaijan")),
            Mention("Q801", span("Israel")),
        ],
        statements=[
            Statement("s1", "d1", "Q794", "Q227", RelationKind.DIPLOMATIC, -1, span("quarrel")),
            Statement("s2", "d1", "Q801", "Q227", RelationKind.MILITARY, 1, span("arms")),
        ],
    )
    db = tmp_path / "store.duckdb"
    store = open_store(db)
    store.ingest(model)
    store.close()
    out = tmp_path / "draft.yaml"
    assert (
        main(
            [
                "forecast",
                "--draft",
                "--pole-a",
                "Q794",
                "--pole-b",
                "Q227",
                "--db",
                str(db),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    from faultlines.forecast import load_scenario

    drafted = load_scenario(out)
    ids = [a.actor_id for a in drafted.actors]
    assert ids[:2] == ["Q794", "Q227"] and "Q801" in ids
    israel = drafted.actors[ids.index("Q801")]
    assert israel.position > 50 and "relation with Azerbaijan" in israel.notes["position"]
    assert main(["forecast", str(out), "--runs", "20"]) == 0
