"""Bad forecast input ends in a coded one-line error, never "internal error"; JSON never holds NaN."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from faultlines.cli import main
from faultlines.errors import FaultlinesError
from faultlines.forecast import parse_scenario
from faultlines.forecast.commands import result_json, run_scenario_file
from faultlines.forecast.plots import write_plots
from faultlines.forecast.run import MAX_CELLS, forecast

from .test_scenario import GOOD


@pytest.fixture()
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _err(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    return err


def test_a_directory_is_refused_with_e031(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", str(tmp_path)]) == 2
    assert "E031" in _err(capsys)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--seed", "-1"),
        ("--capability-rel", "1e6"),
        ("--capability-rel", "-0.5"),
        ("--salience-sd", "2"),
        ("--position-sd", "500"),
        ("--position-sd", "nan"),
    ],
)
def test_out_of_range_overrides_are_refused_with_e041(
    scenario_file: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["forecast", str(scenario_file), "--runs", "4", option, value]) == 2
    err = _err(capsys)
    assert "E041" in err and option in err


def test_overrides_at_the_bounds_are_accepted(scenario_file: Path) -> None:
    [result] = run_scenario_file(scenario_file, runs=4, seed=0, position_sd=100, salience_sd=1, capability_rel=5)
    assert np.isfinite(result.monte_carlo.outcomes).all()


@pytest.mark.parametrize("option", ["--json", "--plots"])
def test_unwritable_outputs_are_e031(
    scenario_file: Path, tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "sub" / "x.json"  # a path under a regular file can never be created
    assert main(["forecast", str(scenario_file), "--runs", "0", option, str(target)]) == 2
    assert "E031" in _err(capsys)


def test_unwritable_draft_out_is_e031(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from faultlines.forecast.commands import _write

    with pytest.raises(FaultlinesError) as info:
        _write(tmp_path / "missing" / "x.yaml", "a: 1\n")
    assert info.value.code.name == "E031"


def test_json_never_contains_nan(scenario_file: Path) -> None:
    [result] = run_scenario_file(scenario_file, runs=4, seed=1)
    result.compromise = float("nan")
    result.monte_carlo.compromise_outcomes[:] = np.inf
    text = result_json([result])
    data = json.loads(text, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))
    assert data["compromise"] is None


def test_too_many_runs_is_e041_not_memory_error(scenario_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forecast", str(scenario_file), "--runs", str(MAX_CELLS)]) == 2
    err = _err(capsys)
    assert "E041" in err and "--runs" in err


def test_dollar_signs_in_names_do_not_break_plots(tmp_path: Path) -> None:
    text = GOOD.replace("name: Test issue", "name: Aid of $5bn–$10bn").replace("name: Alpha", "name: $A$ fund")
    result = forecast(parse_scenario(text, "s.yaml"), runs=3, seed=0)
    written = write_plots(result, tmp_path / "plots")
    assert len(written) == 4 and all(p.stat().st_size > 1000 for p in written)


@pytest.mark.parametrize("outcome", ["median", "mean"])
def test_single_run_and_monte_carlo_classify_the_same_series_on_the_same_scale(
    outcome: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both classify the chosen outcome series against the issue scale, so Monte Carlo's unperturbed
    run 0 gets the single forecast's label."""
    import faultlines.forecast.run as run

    seen: list[tuple[np.ndarray, np.ndarray, float]] = []
    real = run.classify_dynamics

    def spy(positions: np.ndarray, series: np.ndarray, span: float) -> list[str]:
        seen.append((positions, series, span))
        return real(positions, series, span)

    monkeypatch.setattr(run, "classify_dynamics", spy)
    s = parse_scenario(GOOD.replace("  rounds: 5\n", f"  rounds: 5\n  outcome: {outcome}\n"), "s.yaml")
    s.uncertainty.position_sd = 0.0
    for actor in s.actors:
        actor.uncertainty = None
    single = forecast(s, runs=5, seed=2)
    assert single.eu is not None and single.monte_carlo is not None
    assert len(seen) == 2  # the single forecast, then Monte Carlo
    for _, series, span in seen:
        rounds = single.eu.rounds
        expected = rounds.mean if outcome == "mean" else rounds.median
        assert np.allclose(series[0], expected[0]) and span == 100.0
    assert single.monte_carlo.dynamics[single.eu.dynamics] == 5
