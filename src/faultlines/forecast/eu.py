"""Bueno de Mesquita's expected-utility bargaining model, as replicated by Scholz, Calbert & Smith (2011).

The model is written once, for many runs at a time: every array has a leading *run* axis, so a Monte
Carlo study of 1,000 perturbed scenarios is the same array code as a single forecast (``R = 1``).
Within a run the work is O(n^3) (every actor votes on every pair of positions); the only Python loop
is over the voting actor, never over runs.

Conventions (defaults reproduce the published replication, see ``docs/forecast.md``):

* ``compare_k(x_i, x_j) = c_k s_k [(|x_k - x_j| / range)^r_k - (|x_k - x_i| / range)^r_k]``;
* ``P(x_i beats x_j) = sum_k max(0, compare_k(x_i, x_j)) / sum_{k,a,b} |compare_k(x_a, x_b)|``
  (Scholz's large denominator), 0 when the positions are equal;
* expected utilities from actor i's perspective with i's risk exponent, q the status-quo weight;
* risk exponents from the actors' danger levels, computed with every exponent reset to 1;
* offers (confrontation, compromise, capitulation), one accepted per actor, all moves simultaneous.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

#: Target size of one (runs, n, n) temporary, in elements; tuned so a batch stays in the CPU cache.
_CACHE_ELEMENTS = 40_000

#: Offer type codes used in :attr:`EURounds.offer_type`.
NO_OFFER, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
OFFER_NAMES = {
    NO_OFFER: "none",
    CONFRONTATION: "confrontation",
    COMPROMISE: "compromise",
    CAPITULATION: "capitulation",
}


@dataclass(frozen=True, slots=True)
class EUOptions:
    """Choices on which published replications of the model disagree.

    Attributes
    ----------
    q : float
        Weight of the status quo in an expected utility (probability it persists). Scholz: 1.0.
    capitulation : {"scholz", "bdm"}
        ``scholz`` keeps the replication code's condition, which can never hold (no actor ever
        capitulates); ``bdm`` lets an actor capitulate when the challenger gains less than it loses.
    compromise_choice : {"scholz", "closest"}
        Which of several compromise offers an actor takes: ``scholz`` the smallest |EU|-weighted
        average of the two positions (the replication's quirk); ``closest`` the one that moves it least,
        as Bueno de Mesquita and the Scholz paper describe.
    position_range : {"input", "current"}
        Normalise distances by the range of the input positions (replication) or of the current ones.
    risk : {"scholz", "neutral"}
        ``scholz`` derives risk exponents from danger levels each round; ``neutral`` keeps r = 1.
    """

    q: float = 1.0
    capitulation: Literal["scholz", "bdm"] = "scholz"
    compromise_choice: Literal["scholz", "closest"] = "scholz"
    position_range: Literal["input", "current"] = "input"
    risk: Literal["scholz", "neutral"] = "scholz"


@dataclass(slots=True)
class EURounds:
    """Everything the model did, for R runs of n actors over T rounds.

    ``positions`` is (R, T+1, n) with round 0 the input; ``risk`` (R, T, n) the exponents used in
    each round; ``offer_type`` (R, T, n) the accepted offer's code (see ``OFFER_NAMES``), ``partner``
    its proposer's index (-1 for none), ``eu_ij``/``eu_ji`` its two expected utilities;
    ``mean``/``median`` (R, T+1) the capability×salience weighted mean and median.
    """

    positions: Array
    risk: Array
    offer_type: NDArray[np.int8]
    partner: NDArray[np.int64]
    eu_ij: Array
    eu_ji: Array
    mean: Array
    median: Array


def weighted_mean(x: Array, w: Array) -> Array:
    """Weighted mean over the last axis (the compromise model's forecast)."""
    total = w.sum(axis=-1)
    return np.asarray((w * x).sum(axis=-1) / np.where(total > 0, total, 1.0))


def weighted_median(x: Array, w: Array) -> Array:
    """The position minimising the weighted sum of distances, over the last axis.

    With linear utilities this is the Condorcet winner of the pairwise capability×salience vote
    used by the replication. When the minimum is a whole interval, the lower end is returned.
    """
    order = np.argsort(x, axis=-1, kind="stable")
    xs = np.take_along_axis(x, order, axis=-1)
    ws = np.take_along_axis(w, order, axis=-1)
    cum = np.cumsum(ws, axis=-1)
    half = cum[..., -1:] * 0.5
    # tolerance so that exact halves (symmetric inputs) are not lost to rounding
    index = np.argmax(cum >= half * (1 - 1e-12), axis=-1)
    return np.take_along_axis(xs, index[..., None], axis=-1)[..., 0]


#: Below this many actors the direct O(n^3) vote sum beats the sorted O(n^2 log n) one (less overhead).
_SORTED_FROM = 48


def _support_direct(values: Array) -> Array:
    """The O(n^3) form of :func:`_support`: a loop over voters on (R, n, n) arrays, fastest for small n."""
    runs, n, _ = values.shape
    out = np.zeros((runs, n, n))
    tmp = np.empty((runs, n, n))
    for k in range(n):
        row = values[:, k, :]
        np.subtract(row[:, None, :], row[:, :, None], out=tmp)
        np.maximum(tmp, 0.0, out=tmp)
        out += tmp
    return out


def _support(values: Array, x: Array) -> Array:
    """``out[r, i, j] = sum_k max(0, values[r, k, j] - values[r, k, i])``: the votes for i over j.

    ``values[r, k, a]`` is voter k's weighted utility loss at actor a's position, increasing in the
    distance ``|x_k - x_a|``; so voter k's term is positive exactly when k is closer to x_i than to
    x_j, i.e. on i's side of the midpoint of x_i and x_j. Sorting voters by position and taking prefix
    sums turns the O(n^3) sum into O(n^2 log n): a midpoint lookup and two prefix-sum differences per
    pair. Voters exactly at the midpoint contribute zero either way.
    """
    runs, n, _ = values.shape
    if n < _SORTED_FROM:
        return _support_direct(values)
    order = np.argsort(x, axis=1, kind="stable")
    xs = np.take_along_axis(x, order, axis=1)
    prefix = np.zeros((runs, n + 1, n))
    np.cumsum(np.take_along_axis(values, order[:, :, None], axis=1), axis=1, out=prefix[:, 1:])
    mid = 0.5 * (x[:, :, None] + x[:, None, :])
    # one sorted 1-D key space for all runs (each run shifted past the previous), so a single
    # searchsorted counts, per run, the voters strictly below each midpoint
    shift = (np.arange(runs) * (2.0 * float(np.abs(x).max()) + 1.0))[:, None]
    below = np.searchsorted((xs + shift).ravel(), (mid + shift[:, :, None]).ravel(), side="left")
    below = below.reshape(runs, n, n) - (np.arange(runs) * n)[:, None, None]
    flat = prefix.reshape(runs, (n + 1) * n)
    cols = np.arange(n)
    at_j = np.take_along_axis(flat, (below * n + cols[None, None, :]).reshape(runs, -1), axis=1)
    at_i = np.take_along_axis(flat, (below * n + cols[None, :, None]).reshape(runs, -1), axis=1)
    at_j = at_j.reshape(runs, n, n)
    at_i = at_i.reshape(runs, n, n)
    lower = at_j - at_i  # voters below the midpoint: i's side when x_i < x_j
    total = prefix[:, n, :]
    upper = (total[:, None, :] - at_j) - (total[:, :, None] - at_i)  # i's side when x_i > x_j
    xi, xj = x[:, :, None], x[:, None, :]
    out = np.where(xi < xj, lower, np.where(xi > xj, upper, 0.0))
    np.maximum(out, 0.0, out=out)
    return out


def _distances(x: Array, span: Array) -> Array:
    """d[r, i, j] = |x_i - x_j| / range, capped at 1 (positions never leave the input range)."""
    return np.minimum(np.abs(x[:, :, None] - x[:, None, :]) / span[:, None, None], 1.0)


def _probabilities(d: Array, w: Array, rho: Array | None, x: Array) -> Array:
    """P[r, i, j]: probability that i's position beats j's, with Scholz's all-triples denominator."""
    dist = d if rho is None else d ** rho[:, :, None]  # [r, voter k, position a]
    support = _support(w[:, :, None] * dist, x)
    denominator = 2.0 * support.sum(axis=(1, 2))
    denominator = np.where(denominator > 0, denominator, 1.0)
    support /= denominator[:, None, None]
    return support


def _utilities(d: Array, rho: Array | None) -> tuple[Array, Array, Array]:
    """Utilities of success, failure and the status quo from the evaluating actor i's view."""
    if rho is None:  # r = 1: the powers reduce to linear terms
        return 2.0 * d, -2.0 * d, np.zeros((*d.shape[:-1], 1))
    r = rho[:, :, None]
    success = 2.0 - 4.0 * (0.5 - 0.5 * d) ** r
    failure = 2.0 - 4.0 * (0.5 + 0.5 * d) ** r
    status_quo = 2.0 - 4.0 * 0.5**r
    return success, failure, status_quo


def expected_utilities(d: Array, s: Array, prob: Array, rho: Array | None, q: float) -> tuple[Array, Array]:
    """EU of i challenging j and of j challenging i, both seen by i: ``(eu_ij, eu_ji)`` as [r, i, j].

    ``d`` holds the normalised distances, ``prob`` the win probabilities, ``rho`` the evaluating
    actors' risk exponents (``None`` for r = 1).
    """
    success, failure, status_quo = _utilities(d, rho)
    gap = success - failure
    s_j = s[:, None, :]
    s_i = s[:, :, None]
    base = success - q * status_quo
    eu_ij = base + s_j * (prob * gap - gap)
    eu_ji = base + s_i * (np.swapaxes(prob, 1, 2) * gap - gap)
    return eu_ij, eu_ji


def risk_exponents(d: Array, x: Array, c: Array, s: Array) -> Array:
    """Each actor's risk exponent r in [0.5, 2] from its danger level relative to all actors'.

    The danger level of i is the sum over the others of the expected utility of challenging i, seen
    by i with every exponent reset to 1 (so the status quo is worth 0 and q drops out).
    """
    prob = _probabilities(d, c * s, None, x)
    # with r = 1: EU(j challenges i) = 2 d (1 - 2 s_i) + 4 s_i d P_ji; the diagonal has d = 0
    danger = 2.0 * (1.0 - 2.0 * s) * d.sum(axis=2) + 4.0 * s * (d * np.swapaxes(prob, 1, 2)).sum(axis=2)
    top = danger.max(axis=1, keepdims=True)
    bottom = danger.min(axis=1, keepdims=True)
    spread = top - bottom
    acceptance = np.where(spread > 0, (2.0 * danger - top - bottom) / np.where(spread > 0, spread, 1.0), 0.0)
    return np.asarray((1.0 - acceptance / 3.0) / (1.0 + acceptance / 3.0))


def _pick(valid: Array, key: Array) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """Among valid offers, the first with the smallest key: (has_any [r, i], index [r, i])."""
    masked = np.where(valid, key, np.inf)
    return np.asarray(valid.any(axis=2)), np.asarray(np.argmin(masked, axis=2), dtype=np.int64)


def one_round(
    x: Array, c: Array, s: Array, span: Array, options: EUOptions
) -> tuple[Array, Array, NDArray[np.int8], NDArray[np.int64], Array, Array]:
    """Play one round for all runs: risk exponents, offers, and simultaneous moves.

    Returns the new positions, the exponents used, and per actor the accepted offer's type, proposer,
    and the two expected utilities (NaN where no offer was taken).
    """
    runs, n = x.shape
    d = _distances(x, span)
    rho = risk_exponents(d, x, c, s) if options.risk == "scholz" else np.ones_like(x)
    exponent = None if options.risk == "neutral" else rho
    prob = _probabilities(d, c * s, exponent, x)
    eu_ij, eu_ji = expected_utilities(d, s, prob, exponent, options.q)

    xi = x[:, :, None]
    xj = x[:, None, :]
    distinct = xi != xj
    abs_ij = np.abs(eu_ij)
    gain_ahead = (eu_ji > 0) & (eu_ij < 0) & distinct
    confront = distinct & (eu_ji > eu_ij) & (eu_ij > 0)
    compromise = gain_ahead & (eu_ji > abs_ij)
    # the replication's capitulation condition ``eu_ji < abs(eu_ji)`` is never true
    bdm = options.capitulation == "bdm"
    capitulate = gain_ahead & (eu_ji < abs_ij) if bdm else np.zeros_like(distinct)

    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = abs_ij / np.abs(np.where(eu_ji != 0, eu_ji, 1.0))  # share of the way i concedes
        if options.compromise_choice == "scholz":
            abs_ji = np.abs(eu_ji)
            compromise_key = (abs_ij * xi + abs_ji * xj) / (abs_ij + abs_ji)
        else:
            compromise_key = d * ratio  # the concession's size, in the same order as in scale units
    move = d  # same order as |x_j - x_i| within a run

    has_conf, conf_j = _pick(confront, move)
    has_comp, comp_j = _pick(compromise, compromise_key)
    has_cap, cap_j = _pick(capitulate, move)

    kind = np.full((runs, n), NO_OFFER, dtype=np.int8)
    partner = np.full((runs, n), -1, dtype=np.int64)
    use_cap = has_cap & ~has_comp & ~has_conf
    use_comp = has_comp & ~has_conf
    for flag, index, code in (
        (use_cap, cap_j, CAPITULATION),
        (use_comp, comp_j, COMPROMISE),
        (has_conf, conf_j, CONFRONTATION),
    ):
        kind[flag] = code
        partner[flag] = index[flag]

    safe = np.maximum(partner, 0)[:, :, None]
    target = np.take_along_axis(x, safe[..., 0], axis=1)
    settled = x + (target - x) * np.take_along_axis(ratio, safe, axis=2)[..., 0]
    new_x = np.where(kind == COMPROMISE, settled, np.where(kind == NO_OFFER, x, target))
    taken_ij = np.where(kind == NO_OFFER, np.nan, np.take_along_axis(eu_ij, safe, axis=2)[..., 0])
    taken_ji = np.where(kind == NO_OFFER, np.nan, np.take_along_axis(eu_ji, safe, axis=2)[..., 0])
    return new_x, rho, kind, partner, taken_ij, taken_ji


def _as_runs(values: Array) -> Array:
    array = np.asarray(values, dtype=np.float64)
    return array[None, :] if array.ndim == 1 else array


def run_eu(
    capability: Array,
    position: Array,
    salience: Array,
    rounds: int = 10,
    options: EUOptions | None = None,
) -> EURounds:
    """Run the expected-utility model for R runs at once.

    Parameters
    ----------
    capability, position, salience : array of shape (n,) or (R, n)
        Inputs per actor (and per run). Capability is on any positive scale (only ratios matter);
        salience is in [0, 1]; positions on the issue's scale.
    rounds : int
        Number of bargaining rounds.
    options : EUOptions, optional
        Variant choices; the defaults reproduce Scholz, Calbert & Smith (2011).

    Returns
    -------
    EURounds
        Positions after each round, risk exponents, accepted offers, weighted mean and median.

    Examples
    --------
    >>> out = run_eu(np.array([1.0, 1.0, 1.0]), np.array([0.0, 5.0, 10.0]), np.array([0.5, 0.5, 0.5]), 2)
    >>> out.positions.shape
    (1, 3, 3)
    """
    options = options or EUOptions()
    x = _as_runs(position)
    runs, n = x.shape
    c = np.broadcast_to(_as_runs(capability), (runs, n))
    s = np.broadcast_to(_as_runs(salience), (runs, n))
    if np.any(c < 0) or np.any(s < 0) or np.any(s > 1):
        raise ValueError("capability must be >= 0 and salience within [0, 1]")
    # batches of runs whose (batch, n, n) temporaries stay cache-sized: a loop over batches, not runs
    batch = max(1, _CACHE_ELEMENTS // max(1, n * n))
    if runs > batch:
        parts = [
            _run_batch(c[a : a + batch], x[a : a + batch], s[a : a + batch], rounds, options)
            for a in range(0, runs, batch)
        ]
        return EURounds(*(np.concatenate([getattr(p, f) for p in parts]) for f in EURounds.__slots__))
    return _run_batch(c, x, s, rounds, options)


def _run_batch(c: Array, x: Array, s: Array, rounds: int, options: EUOptions) -> EURounds:
    """:func:`run_eu` on one batch of runs."""
    runs, n = x.shape
    w = c * s
    positions = np.empty((runs, rounds + 1, n))
    risk = np.ones((runs, rounds, n))
    kinds = np.zeros((runs, rounds, n), dtype=np.int8)
    partners = np.full((runs, rounds, n), -1, dtype=np.int64)
    eu_ij = np.full((runs, rounds, n), np.nan)
    eu_ji = np.full((runs, rounds, n), np.nan)
    positions[:, 0] = x
    input_span = x.max(axis=1) - x.min(axis=1)
    for t in range(rounds):
        span = input_span if options.position_range == "input" else x.max(axis=1) - x.min(axis=1)
        span = np.where(span > 0, span, 1.0)
        x, risk[:, t], kinds[:, t], partners[:, t], eu_ij[:, t], eu_ji[:, t] = one_round(
            x, c, s, span, options
        )
        positions[:, t + 1] = x
    wt = np.broadcast_to(w[:, None, :], positions.shape)
    return EURounds(
        positions=positions,
        risk=risk,
        offer_type=kinds,
        partner=partners,
        eu_ij=eu_ij,
        eu_ji=eu_ji,
        mean=weighted_mean(positions, wt),
        median=weighted_median(positions, np.ascontiguousarray(wt)),
    )
