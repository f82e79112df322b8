"""The EU car-emissions example of Scholz, Calbert & Smith (2011): our model must reproduce it."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from faultlines.forecast.eu import CAPITULATION, CONFRONTATION, OFFER_NAMES, EUOptions, run_eu

from .conftest import peer_file


def _inputs() -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    with peer_file("bdm-eu-emissions", "ExampleActors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [r["Actor"] for r in rows]
    c = np.array([float(r["Capability"]) for r in rows])
    x = np.array([float(r["Position"]) for r in rows])
    s = np.array([float(r["Salience"]) for r in rows])
    return names, c, x, s


def test_means_and_medians_per_round_match_to_three_decimals() -> None:
    _, c, x, s = _inputs()
    with peer_file("bdm-eu-emissions", "rounds.csv").open(encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    out = run_eu(c, x, s, rounds=len(reference) - 1)
    for row in reference:
        t = int(row["round"])
        assert out.mean[0, t] == pytest.approx(float(row["mean_position"]), abs=5e-4), f"mean, round {t}"
        assert out.median[0, t] == pytest.approx(float(row["median_position"]), abs=5e-4), (
            f"median, round {t}"
        )


def test_every_actor_position_and_risk_exponent_per_round() -> None:
    names, c, x, s = _inputs()
    with peer_file("bdm-eu-emissions", "positions_by_round.csv").open(encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    out = run_eu(c, x, s, rounds=10)
    for row in reference:
        t, i = int(row["round"]), names.index(row["actor"])
        assert out.positions[0, t, i] == pytest.approx(float(row["position"]), abs=5e-4), (t, row["actor"])
        if row["risk_aversion_used_this_round"]:
            assert out.risk[0, t - 1, i] == pytest.approx(
                float(row["risk_aversion_used_this_round"]), abs=5e-4
            )


def test_accepted_offers_match_type_partner_and_expected_utilities() -> None:
    names, c, x, s = _inputs()
    with peer_file("bdm-eu-emissions", "offers_by_round.csv").open(encoding="utf-8") as handle:
        reference = list(csv.DictReader(handle))
    out = run_eu(c, x, s, rounds=10)
    taken = {(t + 1, names[i]) for t, i in zip(*np.nonzero(out.offer_type[0]), strict=True)}
    assert taken == {(int(r["round"]), r["actor"]) for r in reference}
    for row in reference:
        t, i = int(row["round"]) - 1, names.index(row["actor"])
        assert OFFER_NAMES[int(out.offer_type[0, t, i])] == row["offer_type"]
        assert names[int(out.partner[0, t, i])] == row["other_actor"]
        assert out.eu_ij[0, t, i] == pytest.approx(float(row["eu_ij"]), abs=1e-6)
        assert out.eu_ji[0, t, i] == pytest.approx(float(row["eu_ji"]), abs=1e-6)
    assert np.count_nonzero(out.offer_type[0] == CONFRONTATION) == 20


def test_batched_runs_equal_single_runs() -> None:
    """Vectorising across runs must not change any run's result (also across cache batches)."""
    _, c, x, s = _inputs()
    rng = np.random.default_rng(3)
    xs = np.clip(x + rng.normal(0, 1, (700, x.size)), 4, 10)
    batch = run_eu(c, xs, s, rounds=4)
    for r in (0, 299, 699):
        single = run_eu(c, xs[r], s, rounds=4)
        np.testing.assert_allclose(batch.positions[r], single.positions[0], atol=1e-12)


def test_variants_change_the_dynamics() -> None:
    """Each documented option is wired: BDM's compromise rule avoids Belgium's jump to 4.8 in round 4."""
    names, c, x, s = _inputs()
    closest = run_eu(c, x, s, rounds=4, options=EUOptions(compromise_choice="closest"))
    belgium = names.index("Belgium")
    assert closest.positions[0, 4, belgium] > 9.0
    neutral = run_eu(c, x, s, rounds=2, options=EUOptions(risk="neutral"))
    assert np.all(neutral.risk == 1.0)
    rng = np.random.default_rng(11)
    cs, xs, ss = rng.uniform(0.1, 1, (200, 8)), rng.uniform(0, 100, (200, 8)), rng.uniform(0.1, 1, (200, 8))
    scholz = run_eu(cs, xs, ss, rounds=3)
    bdm = run_eu(cs, xs, ss, rounds=3, options=EUOptions(capitulation="bdm"))
    assert not np.any(scholz.offer_type == CAPITULATION)
    assert np.any(bdm.offer_type == CAPITULATION)
