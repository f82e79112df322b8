"""Monte Carlo, round dynamics and the compromise baseline."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from faultlines.forecast import (
    Issue,
    Scale,
    Scenario,
    ScenarioActor,
    Uncertainty,
    classify_dynamics,
    compromise,
    forecast,
    monte_carlo,
    perturb,
    run_eu,
)
from faultlines.forecast.run import options_of

from .conftest import peer_file


def _scenario(sd: dict[str, float] | None = None) -> Scenario:
    actors = [
        ScenarioActor("big", "Big", 10.0, 30.0, 0.9),
        ScenarioActor("mid", "Mid", 3.0, 60.0, 0.5),
        ScenarioActor("low", "Low", 1.0, 80.0, 0.7),
        ScenarioActor("far", "Far", 2.0, 5.0, 0.4),
    ]
    for actor in actors:
        actor.uncertainty = Uncertainty()
    if sd:
        actors[0].uncertainty = Uncertainty(**sd)
    return Scenario(issue=Issue("mc", scale=Scale(0, 100)), actors=actors)


def test_compromise_is_the_capability_salience_weighted_mean() -> None:
    c, x, s = np.array([2.0, 1.0]), np.array([0.0, 90.0]), np.array([0.5, 1.0])
    assert float(compromise(c, x, s)) == pytest.approx(45.0)
    assert float(compromise(c, x + 10, s)) == pytest.approx(55.0)


def test_run_zero_is_the_unperturbed_forecast_and_runs_match_single_runs() -> None:
    scenario = _scenario({"position_sd": 20.0, "salience_sd": 0.1})
    result = forecast(scenario, runs=50, seed=4)
    assert result.monte_carlo is not None and result.eu is not None
    assert result.monte_carlo.outcomes[0] == pytest.approx(result.eu.outcome)
    cs, xs, ss = perturb(scenario, 50, 4)
    single = run_eu(cs[17], xs[17], ss[17], scenario.parameters.rounds, options_of(scenario))
    assert result.monte_carlo.outcomes[17] == pytest.approx(single.median[0, -1])


def test_different_seeds_differ_and_zero_uncertainty_gives_identical_runs() -> None:
    scenario = _scenario({"position_sd": 20.0})
    a = monte_carlo(scenario, 60, seed=1)
    b = monte_carlo(scenario, 60, seed=2)
    assert not np.array_equal(a.compromise_outcomes, b.compromise_outcomes)
    fixed = monte_carlo(_scenario(), 20, seed=1)
    assert np.ptp(fixed.outcomes) == 0 and fixed.sensitivity == []


def test_sensitivity_finds_the_only_uncertain_input() -> None:
    scenario = _scenario({"position_sd": 15.0})
    mc = monte_carlo(scenario, 300, seed=9)
    assert [(s.actor, s.input) for s in mc.sensitivity] == [("big", "position")]
    assert mc.sensitivity[0].rho > 0.5
    summary = mc.to_dict()["eu"]
    assert summary["p10"] <= summary["median"] <= summary["p90"]


def test_eu_emissions_example_is_classified_as_oscillating() -> None:
    with peer_file("bdm-eu-emissions", "ExampleActors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    c = np.array([float(r["Capability"]) for r in rows])
    x = np.array([float(r["Position"]) for r in rows])
    s = np.array([float(r["Salience"]) for r in rows])
    out = run_eu(c, x, s, rounds=10)
    assert classify_dynamics(out.positions, out.median, 6.0) == ["oscillating"]


def test_dynamics_labels_on_constructed_paths() -> None:
    still = np.array([[[0.0, 1.0], [0.5, 1.0], [0.5, 1.0]]])
    cycle = np.array([[[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]])
    drift = np.array([[[0.0, 1.0], [0.2, 1.0], [0.4, 1.0], [0.6, 1.0]]])
    assert classify_dynamics(still, still[:, :, 0], 1.0) == ["converged"]
    assert classify_dynamics(cycle, cycle[:, :, 0], 1.0) == ["cycle"]
    assert classify_dynamics(drift, drift[:, :, 0], 1.0) == ["drifting"]


def test_ktab_scenarios_run_with_both_models() -> None:
    from faultlines.forecast import load_scenarios

    for name in ("SOE-Policy.csv", "SOE-Pol-Comp.csv"):
        for scenario in load_scenarios(peer_file("ktab-smp", name)):
            result = forecast(scenario, runs=0)
            assert result.eu is not None
            assert 0 <= result.eu.outcome <= 100 and 0 <= result.compromise <= 100
            assert result.eu.rounds.positions.shape == (1, 11, len(scenario.actors))
