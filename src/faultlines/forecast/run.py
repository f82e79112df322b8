"""Run a scenario: expected-utility rounds, the compromise baseline, Monte Carlo, round dynamics.

These functions return plain data (dataclasses with ``to_dict``) so the CLI, the HTML report and the
web app all show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, cast

import numpy as np
from numpy.typing import NDArray

from faultlines.forecast.eu import OFFER_NAMES, EUOptions, EURounds, run_eu, weighted_mean
from faultlines.forecast.scenario import Scenario

Array = NDArray[np.float64]
ModelChoice = Literal["eu", "compromise", "both"]
DYNAMICS = ("converged", "cycle", "oscillating", "drifting")


def options_of(scenario: Scenario) -> EUOptions:
    """The model options a scenario's parameters ask for."""
    p = scenario.parameters
    return EUOptions(
        q=p.q,
        capitulation=cast(Any, p.capitulation),
        compromise_choice=cast(Any, p.compromise_choice),
        position_range=cast(Any, p.position_range),
        risk=cast(Any, p.risk),
    )


def inputs_of(scenario: Scenario) -> tuple[Array, Array, Array]:
    """(capability, position, salience) arrays in actor order."""
    return (
        np.array([a.capability for a in scenario.actors], dtype=np.float64),
        np.array([a.position for a in scenario.actors], dtype=np.float64),
        np.array([a.salience for a in scenario.actors], dtype=np.float64),
    )


def compromise(capability: Array, position: Array, salience: Array) -> Array:
    """The compromise model: the capability×salience weighted mean of the positions (last axis).

    It is the baseline every expected-utility forecast is shown beside; on EU legislative data it is
    hard to beat (Achen 2006, in *The European Union Decides*).
    """
    return weighted_mean(
        np.asarray(position, dtype=np.float64),
        np.asarray(capability, dtype=np.float64) * np.asarray(salience, dtype=np.float64),
    )


#: Moves smaller than this share of the scale count as standing still (compromises shrink geometrically
#: and would otherwise never "converge").
SETTLED = 1e-3


def classify_dynamics(
    positions: Array, outcome: Array, span: Array | float, tol: float = SETTLED
) -> list[str]:
    """How each run's rounds end: ``converged``, ``cycle``, ``oscillating`` or ``drifting``.

    ``converged``: nobody moved more than ``tol`` × the scale in the last round. ``cycle``: the
    final state repeats an earlier one (period >= 2). ``oscillating``: the outcome reverses
    direction at least twice (as in the EU emissions example, where the median swings between 7
    and 10). Otherwise ``drifting``.
    """
    runs, steps, _ = positions.shape
    scale = np.broadcast_to(np.asarray(span, dtype=np.float64), (runs,))
    eps = tol * np.where(scale > 0, scale, 1.0)
    labels: list[str] = []
    for r in range(runs):  # cheap O(T^2 n) per run, after the vectorised model did the work
        path = positions[r]
        if steps < 2 or np.all(np.abs(path[-1] - path[-2]) <= eps[r]):
            labels.append("converged")
            continue
        if any(np.all(np.abs(path[-1] - path[-1 - p]) <= eps[r]) for p in range(2, steps)):
            labels.append("cycle")
            continue
        diffs = np.diff(outcome[r])
        signs = np.sign(diffs[np.abs(diffs) > eps[r]])
        reversals = int(np.count_nonzero(signs[1:] != signs[:-1])) if signs.size > 1 else 0
        labels.append("oscillating" if reversals >= 2 else "drifting")
    return labels


@dataclass(slots=True)
class EUForecast:
    """One deterministic run of the expected-utility model on the scenario's inputs."""

    rounds: EURounds
    outcome: float
    dynamics: str
    converged_round: int | None

    def to_dict(self, actor_ids: list[str]) -> dict[str, Any]:
        r = self.rounds
        table = []
        for t in range(r.positions.shape[1]):
            row: dict[str, Any] = {
                "round": t,
                "mean": float(r.mean[0, t]),
                "median": float(r.median[0, t]),
                "positions": {a: float(r.positions[0, t, i]) for i, a in enumerate(actor_ids)},
            }
            if t > 0:
                row["risk"] = {a: float(r.risk[0, t - 1, i]) for i, a in enumerate(actor_ids)}
                row["offers"] = [
                    {
                        "actor": a,
                        "offer_type": OFFER_NAMES[int(r.offer_type[0, t - 1, i])],
                        "from": actor_ids[int(r.partner[0, t - 1, i])],
                        "eu_ij": float(r.eu_ij[0, t - 1, i]),
                        "eu_ji": float(r.eu_ji[0, t - 1, i]),
                        "old_position": float(r.positions[0, t - 1, i]),
                        "new_position": float(r.positions[0, t, i]),
                    }
                    for i, a in enumerate(actor_ids)
                    if r.offer_type[0, t - 1, i] != 0
                ]
            table.append(row)
        return {
            "outcome": self.outcome,
            "dynamics": self.dynamics,
            "converged_round": self.converged_round,
            "rounds": table,
        }


@dataclass(slots=True)
class Sensitivity:
    actor: str
    input: str
    rho: float


@dataclass(slots=True)
class MonteCarlo:
    """Outcome distribution of perturbed runs. Quantiles are over runs; ``sensitivity`` is Spearman's
    rank correlation of each perturbed input with the outcome, strongest first."""

    runs: int
    seed: int
    outcomes: Array
    compromise_outcomes: Array
    dynamics: dict[str, int]
    sensitivity: list[Sensitivity]
    final_positions: Array = field(repr=False)

    def summary(self, values: Array) -> dict[str, float]:
        q10, q50, q90 = np.quantile(values, [0.1, 0.5, 0.9])
        return {
            "median": float(q50),
            "p10": float(q10),
            "p90": float(q90),
            "mean": float(values.mean()),
            "sd": float(values.std()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "seed": self.seed,
            "eu": self.summary(self.outcomes),
            "compromise": self.summary(self.compromise_outcomes),
            "dynamics": dict(self.dynamics),
            "sensitivity": [{"actor": s.actor, "input": s.input, "rho": s.rho} for s in self.sensitivity],
        }


@dataclass(slots=True)
class Forecast:
    """Everything ``faultlines forecast`` reports for one issue."""

    scenario: Scenario
    model: str
    compromise: float
    eu: EUForecast | None = None
    monte_carlo: MonteCarlo | None = None

    def to_dict(self) -> dict[str, Any]:
        s = self.scenario
        ids = [a.id for a in s.actors]
        return {
            "issue": {
                "name": s.issue.name,
                "description": s.issue.description,
                "scale": {
                    "min": s.issue.scale.min,
                    "max": s.issue.scale.max,
                    "min_label": s.issue.scale.min_label,
                    "max_label": s.issue.scale.max_label,
                },
            },
            "source": s.source,
            "notes": list(s.notes),
            "model": self.model,
            "parameters": {k: getattr(s.parameters, k) for k in s.parameters.__slots__},
            "actors": [
                {
                    "id": a.id,
                    "name": a.name,
                    "actor_id": a.actor_id,
                    "capability": a.capability,
                    "position": a.position,
                    "salience": a.salience,
                }
                for a in s.actors
            ],
            "compromise": self.compromise,
            "eu": self.eu.to_dict(ids) if self.eu else None,
            "monte_carlo": self.monte_carlo.to_dict() if self.monte_carlo else None,
        }


def outcome_series(rounds: EURounds, kind: str) -> Array:
    """The outcome per run and round (runs, rounds + 1): the weighted median (BDM) or mean."""
    return rounds.median if kind == "median" else rounds.mean


def outcome_of(rounds: EURounds, kind: str) -> Array:
    """The forecast outcome of each run: the final round's weighted median (BDM) or mean."""
    return outcome_series(rounds, kind)[:, -1]


def _span(scenario: Scenario) -> float:
    """The issue scale's width: the one yardstick for "settled" in the single run and Monte Carlo."""
    return scenario.issue.scale.max - scenario.issue.scale.min


#: Most cells (runs × (rounds + 1) × actors) one forecast may hold per round array; the model keeps
#: about six such float arrays, so this bounds memory near 250 MB instead of failing with MemoryError.
MAX_CELLS = 5_000_000


def check_size(scenario: Scenario, runs: int) -> None:
    """Refuse (E041) a Monte Carlo run too large to hold in memory, naming the largest runs that fit."""
    per_run = (scenario.parameters.rounds + 1) * max(len(scenario.actors), 1)
    if runs * per_run > MAX_CELLS:
        from faultlines.errors import E, InputError

        raise InputError(
            E.E041,
            option="--runs",
            reason=f"{runs} runs of {scenario.parameters.rounds} rounds × {len(scenario.actors)} actors is too "
            f"large; at most {MAX_CELLS // per_run} runs for this scenario",
        )


def _converged_round(positions: Array, span: float) -> int | None:
    """The round after which nobody moved (more than ``SETTLED`` × the scale), or None."""
    moves = np.any(np.abs(np.diff(positions, axis=0)) > SETTLED * span, axis=1)
    if moves.size == 0 or moves[-1]:
        return None
    moving = np.nonzero(moves)[0]
    return int(moving[-1] + 1) if moving.size else 0


def _ranks(values: Array) -> Array:
    from scipy.stats import rankdata

    return np.asarray(rankdata(values, axis=0), dtype=np.float64)


def _spearman(inputs: Array, outcome: Array) -> Array:
    """Rank correlation of each column of ``inputs`` (R, m) with ``outcome`` (R,); 0 where constant."""
    a = _ranks(inputs)
    b = _ranks(outcome)
    a -= a.mean(axis=0)
    b -= b.mean()
    denom = np.sqrt((a * a).sum(axis=0) * (b * b).sum())
    return np.where(denom > 0, (a * b[:, None]).sum(axis=0) / np.where(denom > 0, denom, 1.0), 0.0)


def perturb(scenario: Scenario, runs: int, seed: int) -> tuple[Array, Array, Array]:
    """Draw ``runs`` input sets within the scenario's stated uncertainty (seeded, reproducible).

    Positions: normal with the stated sd, clipped to the scale. Salience: normal, clipped to [0, 1].
    Capability: multiplied by exp(rel · z), so it stays positive and ``rel`` is a relative sd.
    Run 0 is always the unperturbed scenario.
    """
    c, x, s = inputs_of(scenario)
    unc = [scenario.uncertainty_of(a) for a in scenario.actors]
    sd_x = np.array([u.position_sd for u in unc])
    sd_s = np.array([u.salience_sd for u in unc])
    rel_c = np.array([u.capability_rel for u in unc])
    rng = np.random.default_rng(seed)
    n = len(scenario.actors)
    z = rng.standard_normal((3, runs, n))
    z[:, 0, :] = 0.0
    lo, hi = scenario.issue.scale.min, scenario.issue.scale.max
    xs = np.clip(x + sd_x * z[0], lo, hi)
    ss = np.clip(s + sd_s * z[1], 0.0, 1.0)
    cs = c * np.exp(rel_c * z[2])
    return cs, xs, ss


def monte_carlo(
    scenario: Scenario, runs: int, seed: int = 0, top: int = 10, use_eu: bool = True
) -> MonteCarlo:
    """Run the expected-utility and compromise models on ``runs`` perturbed copies of the scenario.

    Parameters
    ----------
    scenario : Scenario
        Inputs and their uncertainty (per actor, else the scenario default).
    runs : int
        Number of perturbed runs, all computed at once as arrays.
    seed : int
        Seed of NumPy's PCG64 generator; the same seed gives the same result.
    top : int
        How many inputs to keep in the sensitivity ranking.
    use_eu : bool
        Run the expected-utility model; when False the outcome is the compromise model's.

    Returns
    -------
    MonteCarlo
        Outcome distributions, counts of round dynamics, and the sensitivity ranking.
    """
    if runs < 2:
        raise ValueError("Monte Carlo needs at least 2 runs")
    check_size(scenario, runs)
    cs, xs, ss = perturb(scenario, runs, seed)
    base = compromise(cs, xs, ss)
    outcome, final, counts = base, xs, {}
    if use_eu:
        rounds = run_eu(cs, xs, ss, scenario.parameters.rounds, options_of(scenario))
        outcome = outcome_of(rounds, scenario.parameters.outcome)
        final = rounds.positions[:, -1, :]
        series = outcome_series(rounds, scenario.parameters.outcome)
        labels = classify_dynamics(rounds.positions, series, _span(scenario))
        counts = {name: labels.count(name) for name in DYNAMICS}

    columns, names = [], []
    for i, actor in enumerate(scenario.actors):
        for label, values in (("position", xs), ("salience", ss), ("capability", cs)):
            if np.ptp(values[:, i]) > 0:
                columns.append(values[:, i])
                names.append((actor.id, label))
    ranking: list[Sensitivity] = []
    if columns:
        rho = _spearman(np.stack(columns, axis=1), outcome)
        order = np.argsort(-np.abs(rho), kind="stable")[:top]
        ranking = [Sensitivity(names[k][0], names[k][1], float(rho[k])) for k in order]
    return MonteCarlo(
        runs=runs,
        seed=seed,
        outcomes=outcome,
        compromise_outcomes=base,
        dynamics=counts,
        sensitivity=ranking,
        final_positions=final,
    )


def forecast(
    scenario: Scenario, model: ModelChoice = "both", runs: int | None = None, seed: int | None = None
) -> Forecast:
    """Forecast one issue: the compromise baseline always, the EU model and Monte Carlo on request.

    ``runs``/``seed`` default to the scenario's parameters; ``runs`` of 0 or 1 skips Monte Carlo.
    """
    check_size(scenario, max(scenario.parameters.runs if runs is None else runs, 1))
    c, x, s = inputs_of(scenario)
    result = Forecast(scenario=scenario, model=model, compromise=float(compromise(c, x, s)))
    if model in ("eu", "both"):
        rounds = run_eu(c, x, s, scenario.parameters.rounds, options_of(scenario))
        outcome = float(outcome_of(rounds, scenario.parameters.outcome)[0])
        span = _span(scenario)
        dynamics = classify_dynamics(rounds.positions, outcome_series(rounds, scenario.parameters.outcome), span)[0]
        result.eu = EUForecast(
            rounds=rounds,
            outcome=outcome,
            dynamics=dynamics,
            converged_round=_converged_round(rounds.positions[0], span),
        )
    n_runs = scenario.parameters.runs if runs is None else runs
    n_seed = scenario.parameters.seed if seed is None else seed
    if n_runs >= 2:
        result.monte_carlo = monte_carlo(scenario, n_runs, n_seed, use_eu=model != "compromise")
    return result
