"""Figures of a forecast: positions over rounds, and the Monte Carlo outcome distribution (PNG + SVG)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from faultlines.forecast.run import Forecast


def slug(text: str) -> str:
    """A file-name-safe short form of an issue name."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "issue"


def plain(text: str) -> str:
    """User text (issue, actor and scale names) safe for matplotlib: two ``$`` ("$5bn–$10bn") would
    otherwise start mathtext and fail at ``savefig``."""
    return text.replace("$", r"\$")


def _save(fig: Any, folder: Path, stem: str) -> list[Path]:
    paths = []
    for suffix in ("png", "svg"):
        path = folder / f"{stem}.{suffix}"
        metadata = {"Date": None} if suffix == "svg" else {}
        fig.savefig(path, dpi=120, bbox_inches="tight", metadata=metadata)
        paths.append(path)
    return paths


def write_plots(result: Forecast, folder: Path) -> list[Path]:
    """Write the forecast's figures into ``folder`` and return their paths.

    ``<issue>_positions``: each actor's position per round of the expected-utility model, with the
    weighted median and mean and the compromise baseline. ``<issue>_distribution``: histogram of the
    Monte Carlo outcomes of both models with the 10th-90th percentile band (only with runs).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "faultlines"  # stable SVG ids, so reruns give identical files
    folder.mkdir(parents=True, exist_ok=True)
    scenario = result.scenario
    scale = scenario.issue.scale
    stem = slug(scenario.issue.name)
    written: list[Path] = []

    def label_axis(ax: Any) -> None:
        ax.set_ylim(scale.min, scale.max)
        low = f"{scale.min:g}" + (f" = {plain(scale.min_label)}" if scale.min_label else "")
        high = f"{scale.max:g}" + (f" = {plain(scale.max_label)}" if scale.max_label else "")
        ax.set_ylabel(f"position ({low} … {high})")

    if result.eu is not None:
        rounds = result.eu.rounds
        steps = np.arange(rounds.positions.shape[1])
        fig, ax = plt.subplots(figsize=(9, 5))
        for i, actor in enumerate(scenario.actors):
            ax.plot(
                steps, rounds.positions[0, :, i], marker="o", markersize=3, linewidth=1.2, label=plain(actor.name)
            )
        ax.plot(steps, rounds.median[0], color="black", linewidth=2.5, label="weighted median (EU forecast)")
        ax.plot(steps, rounds.mean[0], color="black", linestyle="--", linewidth=1.5, label="weighted mean")
        ax.axhline(result.compromise, color="grey", linestyle=":", linewidth=1.5, label="compromise model")
        ax.set_xlabel("round")
        label_axis(ax)
        ax.set_title(f"{plain(scenario.issue.name)}: positions over rounds ({result.eu.dynamics})")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
        written += _save(fig, folder, f"{stem}_positions")
        plt.close(fig)

    mc = result.monte_carlo
    if mc is not None:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        bins = [float(b) for b in np.linspace(scale.min, scale.max, 41)]
        if result.eu is not None:
            ax.hist(mc.outcomes, bins=bins, alpha=0.6, label="expected-utility model", color="tab:red")
        ax.hist(mc.compromise_outcomes, bins=bins, alpha=0.5, label="compromise model", color="tab:blue")
        summary = mc.summary(mc.outcomes)
        ax.axvspan(
            summary["p10"],
            summary["p90"],
            color="tab:red",
            alpha=0.08,
            label="EU model: 10th–90th percentile",
        )
        ax.axvline(
            summary["median"], color="tab:red", linewidth=2, label=f"EU model: median {summary['median']:.1f}"
        )
        ax.set_xlim(scale.min, scale.max)
        ax.set_xlabel(
            f"outcome ({scale.min:g} = {plain(scale.min_label or 'min')} … "
            f"{scale.max:g} = {plain(scale.max_label or 'max')})"
        )
        ax.set_ylabel("runs")
        ax.set_title(f"{plain(scenario.issue.name)}: {mc.runs} Monte Carlo runs (seed {mc.seed})")
        ax.legend(fontsize=8)
        written += _save(fig, folder, f"{stem}_distribution")
        plt.close(fig)
    return written
