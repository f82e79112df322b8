"""Properties of the models that must hold for any input (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from faultlines.forecast import (
    EUOptions,
    Issue,
    Scale,
    Scenario,
    ScenarioActor,
    Uncertainty,
    compromise,
    monte_carlo,
    run_eu,
    weighted_median,
)

unit = st.floats(0.05, 1.0, allow_nan=False)
options = st.builds(
    EUOptions,
    q=st.sampled_from([1.0, 0.5]),
    capitulation=st.sampled_from(["scholz", "bdm"]),
    compromise_choice=st.sampled_from(["scholz", "closest"]),
    position_range=st.sampled_from(["input", "current"]),
    risk=st.sampled_from(["scholz", "neutral"]),
)


@st.composite
def actors(
    draw: st.DrawFn, low: float = 0.0, high: float = 100.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(2, 8))
    c = np.array(draw(st.lists(unit, min_size=n, max_size=n)))
    s = np.array(draw(st.lists(unit, min_size=n, max_size=n)))
    x = np.array(draw(st.lists(st.floats(low, high, allow_nan=False), min_size=n, max_size=n)))
    return c, x, s


@settings(max_examples=40, deadline=None)
@given(actors(), st.floats(-50, 150, allow_nan=False), options)
def test_all_actors_at_one_position_nothing_moves(inputs: tuple, where: float, opts: EUOptions) -> None:
    c, _, s = inputs
    x = np.full_like(c, where)
    out = run_eu(c, x, s, rounds=3, options=opts)
    assert np.all(out.positions == where)
    assert not np.any(out.offer_type)
    assert np.all(out.median == where) and np.allclose(out.mean, where)


@settings(max_examples=40, deadline=None)
@given(actors(), options)
def test_positions_and_outcomes_stay_inside_the_input_range(inputs: tuple, opts: EUOptions) -> None:
    c, x, s = inputs
    out = run_eu(c, x, s, rounds=4, options=opts)
    low, high = x.min() - 1e-9, x.max() + 1e-9
    for values in (out.positions, out.mean, out.median):
        assert np.all(values >= low) and np.all(values <= high)
    assert low <= float(compromise(c, x, s)) <= high


@settings(max_examples=60, deadline=None)
@given(actors())
def test_weighted_median_minimises_the_weighted_distance(inputs: tuple) -> None:
    c, x, s = inputs
    w = c * s
    m = float(weighted_median(x, w))
    cost = [float(np.sum(w * np.abs(x - p))) for p in x]
    assert m in x
    assert float(np.sum(w * np.abs(x - m))) <= min(cost) + 1e-9


def _scenario(c: np.ndarray, x: np.ndarray, s: np.ndarray, sd: float) -> Scenario:
    return Scenario(
        issue=Issue("prop", scale=Scale(0.0, 100.0)),
        actors=[
            ScenarioActor(f"a{i}", f"A{i}", float(c[i]), float(x[i]), float(s[i])) for i in range(c.size)
        ],
        uncertainty=Uncertainty(position_sd=sd, salience_sd=0.1, capability_rel=0.3),
    )


@settings(max_examples=15, deadline=None)
@given(actors(), st.integers(0, 2**31 - 1))
def test_same_seed_same_result_and_outcomes_inside_the_scale(inputs: tuple, seed: int) -> None:
    scenario = _scenario(*inputs, sd=30.0)
    scenario.parameters.rounds = 3
    first = monte_carlo(scenario, runs=40, seed=seed)
    again = monte_carlo(scenario, runs=40, seed=seed)
    np.testing.assert_array_equal(first.outcomes, again.outcomes)
    np.testing.assert_array_equal(first.final_positions, again.final_positions)
    assert first.to_dict() == again.to_dict()
    assert np.all((first.outcomes >= 0) & (first.outcomes <= 100))
    assert np.all((first.compromise_outcomes >= 0) & (first.compromise_outcomes <= 100))


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 12), st.integers(0, 10_000), st.booleans())
def test_sorted_vote_sum_equals_the_direct_sum(n: int, seed: int, ties: bool) -> None:
    """The O(n^2 log n) vote sum used for large issues equals the O(n^3) definition."""
    from faultlines.forecast import eu

    rng = np.random.default_rng(seed)
    x = rng.integers(0, 4, (6, n)) * 25.0 if ties else rng.uniform(0, 100, (6, n))
    w, r = rng.uniform(0.1, 1, (6, n)), rng.uniform(0.5, 2, (6, n))
    values = w[:, :, None] * (np.abs(x[:, :, None] - x[:, None, :]) / 100) ** r[:, :, None]
    saved = eu._SORTED_FROM
    try:
        eu._SORTED_FROM = 0
        fast = eu._support(values, x)
    finally:
        eu._SORTED_FROM = saved
    np.testing.assert_allclose(fast, eu._support_direct(values), atol=1e-12)
