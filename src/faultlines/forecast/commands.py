"""``faultlines forecast``: run a scenario (YAML or KTAB CSV), or draft one from the stored model."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Any

import typer

from faultlines.errors import E, InputError


def resolve_scenario_path(name: str) -> Path:
    """A scenario path, or the name of a shipped scenario (``iran_azerbaijan``)."""
    from faultlines.forecast.scenario import shipped_scenarios

    path = Path(name)
    if path.exists():
        return path
    shipped = shipped_scenarios()
    if name in shipped:
        return shipped[name]
    raise InputError(
        E.E031,
        path=name,
        reason=f"no such file, and no shipped scenario of that name ({', '.join(shipped) or 'none'})",
    )


def run_scenario_file(
    path: Path,
    model: str = "both",
    runs: int | None = None,
    seed: int | None = None,
    rounds: int | None = None,
    position_sd: float | None = None,
    salience_sd: float | None = None,
    capability_rel: float | None = None,
) -> list[Any]:
    """Load a scenario file and forecast every issue in it (a KTAB file may hold several dimensions).

    The overrides replace the scenario's parameters (rounds) and default uncertainty.
    """
    from faultlines.forecast.run import forecast
    from faultlines.forecast.scenario import CAPABILITY_REL_MAX, SALIENCE_SD_MAX, load_scenarios

    if seed is not None and seed < 0:
        raise InputError(E.E041, option="--seed", reason=f"{seed} is out of range: must be >= 0")
    _in_range("--salience-sd", salience_sd, SALIENCE_SD_MAX)
    _in_range("--capability-rel", capability_rel, CAPABILITY_REL_MAX)
    results = []
    for scenario in load_scenarios(path):
        if rounds is not None:
            scenario.parameters.rounds = rounds
        scale = scenario.issue.scale
        _in_range("--position-sd", position_sd, scale.max - scale.min, "the scale's width")
        unc = scenario.uncertainty
        unc.position_sd = unc.position_sd if position_sd is None else position_sd
        unc.salience_sd = unc.salience_sd if salience_sd is None else salience_sd
        unc.capability_rel = unc.capability_rel if capability_rel is None else capability_rel
        results.append(forecast(scenario, model=model, runs=runs, seed=seed))  # type: ignore[arg-type]
    return results


def _in_range(option: str, value: float | None, high: float, what: str = "") -> None:
    """Refuse an uncertainty override outside the range a scenario file may state (E041)."""
    if value is None:
        return
    if not math.isfinite(value) or not 0.0 <= value <= high:
        bound = f"{high:g}" + (f" ({what})" if what else "")
        raise InputError(E.E041, option=option, reason=f"{value:g} is out of range: must be between 0 and {bound}")


def _finite(value: Any) -> Any:
    """``value`` with every NaN/infinite float replaced by ``None``: JSON has no NaN, and the web app's
    ``JSON.parse`` rejects the bare ``NaN`` Python would otherwise write."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def result_json(results: list[Any]) -> str:
    """The JSON text ``--json`` writes: one result object, or a list for several dimensions."""
    payload = _finite([r.to_dict() for r in results])
    return json.dumps(payload if len(payload) > 1 else payload[0], indent=2, allow_nan=False) + "\n"


def _write(path: Path, text: str) -> None:
    """Write an output file; a bad path is a coded error (E031), not a traceback."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(E.E031, path=str(path), reason=f"cannot be written: {exc.strerror or exc}") from None


def _print(result: Any, max_actors: int = 12) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    s = result.scenario
    scale = s.issue.scale
    console.rule(f"[bold]{escape(s.issue.name)}")
    ends = (
        f"{scale.min:g} = {escape(scale.min_label or 'min')}  …  {scale.max:g} = "
        f"{escape(scale.max_label or 'max')}"
    )
    console.print(f"scale: {ends}")
    for note in s.notes:
        console.print(f"[dim]note: {escape(note)}[/]")
    r = result.eu.rounds if result.eu is not None else None
    actors = Table(title="Actors", title_justify="left")
    for name, justify in (
        ("id", "left"),
        ("name", "left"),
        ("capability", "right"),
        ("salience", "right"),
        ("position", "right"),
        ("after EU rounds", "right"),
    ):
        actors.add_column(name, justify=justify)  # type: ignore[arg-type]
    for i, actor in enumerate(s.actors[:max_actors]):
        final = f"{r.positions[0, -1, i]:.2f}" if r is not None else "-"
        actors.add_row(
            escape(actor.id),
            escape(actor.name),
            f"{actor.capability:g}",
            f"{actor.salience:.2f}",
            f"{actor.position:.2f}",
            final,
        )
    console.print(actors)
    if len(s.actors) > max_actors:
        console.print(f"[dim]({len(s.actors) - max_actors} more actors in --json)[/]")
    if r is not None:
        from faultlines.forecast.eu import OFFER_NAMES
        from faultlines.forecast.run import SETTLED

        table = Table(
            title="Expected-utility rounds (moves: actor old→new, offer, proposer; "
            "moves under 0.1% of the scale hidden)",
            title_justify="left",
        )
        table.add_column("round", justify="right")
        table.add_column("median", justify="right", style="bold")
        table.add_column("mean", justify="right")
        table.add_column("moves")
        ids = [a.id for a in s.actors]
        settle = SETTLED * (scale.max - scale.min)
        for t in range(r.positions.shape[1]):
            moves = []
            if t > 0:
                for i in range(len(ids)):
                    code = int(r.offer_type[0, t - 1, i])
                    if code and abs(r.positions[0, t, i] - r.positions[0, t - 1, i]) > settle:
                        moves.append(
                            f"{escape(ids[i])} {r.positions[0, t - 1, i]:.1f}→{r.positions[0, t, i]:.1f} "
                            f"({OFFER_NAMES[code]}, {escape(ids[int(r.partner[0, t - 1, i])])})"
                        )
            shown = "; ".join(moves[:6]) + (f"; +{len(moves) - 6} more" if len(moves) > 6 else "")
            table.add_row(str(t), f"{r.median[0, t]:.3f}", f"{r.mean[0, t]:.3f}", shown or "-")
        console.print(table)
    out = Table(title="Outcome", title_justify="left", show_header=True)
    out.add_column("model")
    out.add_column("forecast", justify="right")
    out.add_column("Monte Carlo median [10th–90th pct]", justify="right")
    out.add_column("rounds")
    mc = result.monte_carlo
    if result.eu is not None:
        band = ""
        if mc is not None:
            q = mc.summary(mc.outcomes)
            band = f"{q['median']:.1f} [{q['p10']:.1f}–{q['p90']:.1f}]"
        dyn = result.eu.dynamics + (
            f" (round {result.eu.converged_round})" if result.eu.converged_round else ""
        )
        out.add_row(f"expected utility ({s.parameters.outcome})", f"{result.eu.outcome:.2f}", band, dyn)
    band = ""
    if mc is not None:
        q = mc.summary(mc.compromise_outcomes)
        band = f"{q['median']:.1f} [{q['p10']:.1f}–{q['p90']:.1f}]"
    out.add_row("compromise (baseline)", f"{result.compromise:.2f}", band, "-")
    console.print(out)
    if mc is not None:
        if mc.dynamics:
            shares = ", ".join(f"{k} {v / mc.runs:.0%}" for k, v in mc.dynamics.items() if v)
            console.print(f"{mc.runs} runs, seed {mc.seed}: {shares}")
        if mc.sensitivity:
            sens = Table(
                title="Most influential inputs (Spearman rank correlation with the outcome)",
                title_justify="left",
            )
            sens.add_column("actor")
            sens.add_column("input")
            sens.add_column("rho", justify="right")
            for item in mc.sensitivity[:8]:
                sens.add_row(escape(item.actor), item.input, f"{item.rho:+.2f}")
            console.print(sens)
        elif float(mc.outcomes.max() - mc.outcomes.min()) == 0.0:
            console.print(
                "[dim]no input uncertainty stated: every run is identical "
                "(set it in the scenario or with --position-sd/--salience-sd/--capability-rel)[/]"
            )


def register(app: typer.Typer) -> None:
    """Add ``forecast`` to the CLI."""

    @app.command("forecast")
    def forecast_command(
        scenario: Annotated[
            str | None,
            typer.Argument(
                help="Scenario: a YAML file, a KTAB SMP .csv, or a shipped name (e.g. iran_azerbaijan)."
            ),
        ] = None,
        model: Annotated[str, typer.Option("--model", help="eu, compromise, or both.")] = "both",
        runs: Annotated[
            int | None, typer.Option("--runs", help="Monte Carlo runs (default: the scenario's; 0 = none).")
        ] = None,
        seed: Annotated[
            int | None, typer.Option("--seed", help="Random seed (default: the scenario's).")
        ] = None,
        rounds: Annotated[
            int | None, typer.Option("--rounds", help="Bargaining rounds (default: the scenario's).")
        ] = None,
        position_sd: Annotated[
            float | None, typer.Option("--position-sd", help="Default position sd, scale units.")
        ] = None,
        salience_sd: Annotated[
            float | None, typer.Option("--salience-sd", help="Default salience sd.")
        ] = None,
        capability_rel: Annotated[
            float | None, typer.Option("--capability-rel", help="Default relative capability sd.")
        ] = None,
        json_file: Annotated[
            Path | None, typer.Option("--json", help="Write the full result as JSON.")
        ] = None,
        plots: Annotated[Path | None, typer.Option("--plots", help="Write PNG and SVG figures here.")] = None,
        draft: Annotated[
            bool, typer.Option("--draft", help="Draft a scenario from the stored model.")
        ] = False,
        pole_a: Annotated[
            str | None, typer.Option("--pole-a", help="Draft: actor id at 0 of the scale (e.g. Q794).")
        ] = None,
        pole_b: Annotated[
            str | None, typer.Option("--pole-b", help="Draft: actor id at 100 of the scale (e.g. Q227).")
        ] = None,
        actor: Annotated[
            list[str] | None, typer.Option("--actor", help="Draft: include this actor id (repeatable).")
        ] = None,
        max_actors: Annotated[
            int, typer.Option("--max-actors", help="Draft: at most this many actors.")
        ] = 10,
        db: Annotated[
            Path | None, typer.Option("--db", help="Draft: the store (default: user data).")
        ] = None,
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Draft: write the YAML here (default: print it).")
        ] = None,
    ) -> None:
        """War-game an issue: expected-utility bargaining beside the compromise baseline, with Monte Carlo."""
        if model not in ("eu", "compromise", "both"):
            raise InputError(E.E041, option="--model", reason=f"'{model}' is not one of eu, compromise, both")
        if draft:
            _draft(pole_a, pole_b, actor or [], max_actors, db, out)
            return
        if scenario is None:
            raise InputError(E.E041, option="SCENARIO", reason="give a scenario file or name, or use --draft")
        if runs is not None and runs < 0:
            raise InputError(E.E041, option="--runs", reason="must be >= 0")
        if rounds is not None and rounds < 1:
            raise InputError(E.E041, option="--rounds", reason="must be >= 1")
        results = run_scenario_file(
            resolve_scenario_path(scenario),
            model,
            runs,
            seed,
            rounds,
            position_sd,
            salience_sd,
            capability_rel,
        )
        for result in results:
            _print(result)
        if json_file is not None:
            _write(json_file, result_json(results))
        if plots is not None:
            from faultlines.forecast.plots import write_plots

            try:
                written = [p for r in results for p in write_plots(r, plots)]
            except OSError as exc:
                raise InputError(
                    E.E031, path=str(plots), reason=f"cannot write figures: {exc.strerror or exc}"
                ) from None
            typer.echo(f"wrote {len(written)} figures to {plots}")


def _draft(
    pole_a: str | None,
    pole_b: str | None,
    actors: list[str],
    max_actors: int,
    db: Path | None,
    out: Path | None,
) -> None:
    from faultlines.forecast.draft import draft_scenario
    from faultlines.forecast.scenario import dump_scenario
    from faultlines.store import open_store

    if not pole_a or not pole_b:
        raise InputError(
            E.E041, option="--draft", reason="needs --pole-a and --pole-b (actor ids, e.g. Q794)"
        )
    store = open_store(db, read_only=True)
    try:
        corpus = store.corpus()
    finally:
        store.close()
    text = dump_scenario(draft_scenario(corpus, pole_a, pole_b, actors or None, max_actors))
    if out is None:
        typer.echo(text)
    else:
        _write(out, text)
        typer.echo(f"wrote draft scenario to {out}: review every number before relying on it")
