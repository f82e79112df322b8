"""The docs must keep up: every option of the command and every key of the JSON output is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from faultlines.forecast import Issue, Scale, Scenario, ScenarioActor, Uncertainty, forecast
from faultlines.forecast.commands import register

DOC = Path(__file__).resolve().parents[2] / "docs" / "forecast.md"


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        found = set()
        for key, item in value.items():
            found.add(str(key))
            if key not in ("positions", "risk"):  # keyed by actor id
                found |= _keys(item)
        return found
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def test_every_cli_option_is_documented() -> None:
    app = typer.Typer()
    register(app)
    command = typer.main.get_command(app)
    text = DOC.read_text(encoding="utf-8")
    options = [o for p in command.params for o in p.opts if o.startswith("--") and "completion" not in o]
    assert len(options) >= 15
    missing = [opt for opt in options if f"`{opt}" not in text]
    assert not missing, f"undocumented options: {missing}"


def test_every_json_key_is_documented() -> None:
    scenario = Scenario(
        issue=Issue("doc", scale=Scale(0, 100)),
        actors=[ScenarioActor("a", "A", 1.0, 10.0, 0.9), ScenarioActor("b", "B", 2.0, 80.0, 0.3),
                ScenarioActor("c", "C", 1.0, 50.0, 0.6)],
        uncertainty=Uncertainty(position_sd=10),
    )
    data = forecast(scenario, runs=20, seed=1).to_dict()
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(k for k in _keys(data) if f'"{k}"' not in text)
    assert not missing, f"undocumented JSON keys: {missing}"
