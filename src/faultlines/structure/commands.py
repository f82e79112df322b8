"""``faultlines structure``: signed-network analysis of the stored relations or a CSV edge list."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer


def run_structure(
    *,
    db: Path | None = None,
    csv_files: list[Path] | None = None,
    windows: list[str] | None = None,
    span: int | None = None,
    step: int | None = None,
    kinds: list[str] | None = None,
    actor_kinds: list[str] | None = None,
    doc: str | None = None,
    doc_only: bool = False,
    k: int = 2,
    weighted: bool = False,
    method: str = "auto",
    time_limit: float | None = None,
    what_ifs: list[str] | None = None,
    max_triads: int | None = 200,
    gexf: Path | None = None,
    graphml: Path | None = None,
    write_back: bool = True,
) -> dict[str, Any]:
    """Everything ``faultlines structure`` does, as a function returning the JSON-ready report.

    Reads graphs (store or CSV, per window), analyses them, writes exports, and when the input
    was a store writes the results back to it as the ``structure_*`` tables.
    """
    from faultlines.errors import E, FaultlinesError
    from faultlines.structure.export import to_gexf, to_graphml
    from faultlines.structure.frustration import frustration_index
    from faultlines.structure.load import (
        check_kinds,
        graphs_from_csv,
        graphs_from_store,
        open_input_store,
        window_specs,
    )
    from faultlines.structure.report import result_tables, windows_report
    from faultlines.structure.whatif import parse_change

    if method not in ("auto", "exact", "heuristic"):
        raise FaultlinesError(E.E041, option="--method", reason=f"'{method}' is not auto, exact or heuristic")
    if k < 1:
        raise FaultlinesError(E.E041, option="--k", reason="need at least one bloc")
    if time_limit is not None and time_limit <= 0:
        raise FaultlinesError(E.E041, option="--time-limit", reason="must be positive")
    check_kinds(kinds or [], actor_kinds or [])
    changes = [parse_change(text) for text in what_ifs or []]
    specs = window_specs(windows or [], span=span, step=step)
    store = None
    if csv_files:
        if db is not None:
            raise FaultlinesError(E.E041, option="--from-csv", reason="use either --db or --from-csv, not both")
        if kinds or actor_kinds or doc_only:
            raise FaultlinesError(
                E.E041,
                option="--kind/--actor-kind/--doc-only",
                reason="need a store (CSV edges have no kinds)",
            )
        graphs = graphs_from_csv(csv_files, specs)
    else:
        if doc_only and not doc:
            raise FaultlinesError(E.E041, option="--doc-only", reason="needs --doc ID")
        store = open_input_store(db)
        try:
            if doc and not store.has_document(doc):
                known = ", ".join(store.document_ids()[:8]) or "(none)"
                raise FaultlinesError(
                    E.E041, option="--doc", reason=f"no document '{doc}' in the store; known: {known}"
                )
            graphs = graphs_from_store(
                store,
                specs,
                doc_ids=[doc] if doc_only and doc else None,
                kinds=kinds,
                actor_kinds=actor_kinds,
            )
        except BaseException:
            store.close()
            raise
    try:
        report = windows_report(
            graphs,
            doc_id=doc,
            k=k,
            weighted=weighted,
            method=method,  # type: ignore[arg-type]
            time_limit=time_limit,
            changes=changes,
            max_triads=max_triads,
        )
        last_name, last = list(graphs.items())[-1]
        if gexf is not None or graphml is not None:
            solution = frustration_index(last, weighted=weighted, time_limit=time_limit)
            if gexf is not None:
                to_gexf(last, gexf, partition=solution.partition, frustrated=solution.frustrated_edges)
            if graphml is not None:
                to_graphml(last, graphml, partition=solution.partition, frustrated=solution.frustrated_edges)
            report["exported_window"] = last_name
        if store is not None and write_back:
            for name, rows in result_tables(report).items():
                store.write_table(name, rows)
            report["stored_tables"] = sorted(result_tables(report))
    finally:
        if store is not None:
            store.close()
    return report


def _print_analysis(console: Any, part: dict[str, Any], title: str, top: int) -> None:
    from rich.markup import escape

    names = part["graph"]["actors"]

    def name(node: str) -> str:
        return escape(names.get(node, node))

    fr, g, census = part["frustration"], part["graph"], part["census"]
    console.rule(f"[bold]{escape(title)}")
    status = "proven optimal" if fr["optimal"] else f"best found; lower bound {fr['lower_bound']:g}"
    console.print(
        f"{g['nodes']} actors, {g['edges']} signed relations ({g['negative']} negative), {g['components']} component(s)"
    )
    console.print(
        f"frustration index [bold]{fr['index']:g}[/] ({status}; method {fr['method']}, "
        f"{fr['seconds']:.2f} s); normalised balance {fr['normalized']:.3f}; "
        f"triangles {census['triangles']}, {census['balanced_share']:.1%} balanced"
    )
    if g["edges"] == 0:
        console.print(
            "[dim]no signed relations here (a time window leaves out evidence with no date; "
            "neutral relations are not edges)[/]"
        )
    for label, members in enumerate(part["blocs"]["blocs"]):
        console.print(f"bloc {label}: " + ", ".join(name(m) for m in members))
    if fr["frustrated_edges"]:
        shown = fr["frustrated_edges"][:top]
        more = len(fr["frustrated_edges"]) - len(shown)
        console.print(
            "frustrated: " + "; ".join(f"{name(u)}–{name(v)}" for u, v in shown) + (f" (+{more} more)" if more else "")
        )
    if "kblocs" in part:
        kb = part["kblocs"]
        console.print(f"{kb['k']}-bloc partition ({kb['errors']} inconsistent edges, {kb['method']}):")
        for label, members in enumerate(kb["blocs"]):
            console.print(f"  bloc {label}: " + ", ".join(name(m) for m in members))
    shown = [t for t in part["triads"] if not t["balanced"] or t["tension"]][:top]
    if shown:
        console.print(
            f"[bold]Unbalanced triads[/] ({part['unbalanced_total']} unbalanced, {part['tension_total']} "
            "tensions; * = from the selected document)"
        )
    for rank, t in enumerate(shown, start=1):
        status = "unbalanced" if not t["balanced"] else "tension"
        console.print(
            f"{rank}. {' / '.join(name(n) for n in t['nodes'])}{' *' if t['focus'] else ''}  "
            f"[bold]{t['pattern']}[/] {status}",
            highlight=False,
        )
        for r in t["reading"]:
            read_as = "+" if r["sign"] > 0 else "−"
            console.print(
                f"   unbalanced if {name(r['u'])}–{name(r['v'])} is read {read_as} "
                f"({escape(', '.join(r['kinds']))}; evidence weight {r['weight']:g})",
                highlight=False,
            )
        for e in t["edges"]:
            sign = "+" if e["sign"] > 0 else "−"
            both = " [dim](ambivalent)[/]" if e["ambivalent"] else ""
            console.print(f"   {name(e['u'])}–{name(e['v'])} {sign}{both}", highlight=False)
            for side in (e["sign"], -e["sign"]) if e["ambivalent"] else (e["sign"],):
                items = sorted((ev for ev in e["evidence"] if ev["sign"] == side), key=lambda ev: -ev["weight"])
                if items:
                    text = " ".join(items[0]["span"]["text"].split())
                    extra = f" (+{len(items) - 1} more)" if len(items) > 1 else ""
                    mark = "+" if side > 0 else "−"
                    console.print(
                        f'      {mark} {items[0]["kind"]}: "{escape(text[:90])}{"…" if len(text) > 90 else ""}"{extra}',
                        highlight=False,
                    )
    if "what_if" in part:
        w = part["what_if"]
        changes = ", ".join(f"{name(c['u'])}–{name(c['v'])} {c['action']}" for c in w["changes"])
        console.print(f"what if {changes}: frustration {w['index_before']:g} → [bold]{w['index_after']:g}[/]")
        for move in w["moved"]:
            console.print(f"  {escape(move['name'])} moves bloc {move['before']} → {move['after']}")
        for t in w["newly_unbalanced"][:top]:
            console.print("  newly unbalanced: " + " / ".join(name(n) for n in t["nodes"]) + f" ({t['pattern']})")
        for t in w["resolved"][:top]:
            console.print("  no longer unbalanced: " + " / ".join(name(n) for n in t["nodes"]))


def _print_change(console: Any, change: dict[str, Any], top: int) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Change over time", title_justify="left")
    table.add_column("window", no_wrap=True)
    for column in ("nodes", "edges", "negative", "index", "normalized", "sign flips", "realigned"):
        table.add_column(column, justify="right")
    for row in change["table"]:
        table.add_row(
            escape(str(row["window"])),
            str(row["nodes"]),
            str(row["edges"]),
            str(row["negative"]),
            f"{row['index']:g}" + ("" if row["optimal"] else "*"),
            f"{row['normalized']:.3f}",
            str(row.get("sign_flips", "")),
            str(row.get("realigned", "")),
        )
    console.print(table)
    for flip in change["sign_flips"][:top]:
        console.print(
            f"sign flip {escape(flip['from'])} → {escape(flip['to'])}: "
            f"{escape(flip['u'])}–{escape(flip['v'])} {flip['before']:+d} → {flip['after']:+d}"
        )
    for move in change["realignments"][:top]:
        console.print(
            f"realignment {escape(move['from'])} → {escape(move['to'])}: {escape(move['name'])} "
            f"bloc {move['bloc_before']} → {move['bloc_after']}"
            + ("" if move["forced"] else " (not forced: an equally good partition keeps it)")
        )


def register(app: typer.Typer) -> None:
    """Add ``faultlines structure`` to the CLI."""

    @app.command("structure")
    def structure(
        db: Annotated[
            Path | None, typer.Option("--db", metavar="PATH", help="Store to analyse (default: the user's store).")
        ] = None,
        from_csv: Annotated[
            list[Path] | None,
            typer.Option(
                "--from-csv", metavar="FILE", help="Signed edge list source,target,sign[,weight,start,end]; repeatable."
            ),
        ] = None,
        window: Annotated[
            list[str] | None,
            typer.Option(
                "--window",
                metavar="A:B",
                help="Time window 2020:2024 (years or YYYY-MM-DD, open ends allowed); repeatable.",
            ),
        ] = None,
        span: Annotated[
            int | None,
            typer.Option("--span", metavar="YEARS", help="Cut --window into sliding windows of this many years."),
        ] = None,
        step: Annotated[
            int | None,
            typer.Option("--step", metavar="YEARS", help="Years between the starts of sliding windows (default 1)."),
        ] = None,
        kind: Annotated[
            list[str] | None,
            typer.Option("--kind", metavar="KIND", help="Only these relation kinds (military, energy, ...)."),
        ] = None,
        actor_kind: Annotated[
            list[str] | None,
            typer.Option("--actor-kind", metavar="KIND", help="Only these actor kinds (state, person, ...)."),
        ] = None,
        doc: Annotated[
            str | None, typer.Option("--doc", metavar="ID", help="Rank this document's triangles first.")
        ] = None,
        doc_only: Annotated[
            bool, typer.Option("--doc-only", help="Analyse only the relations read from --doc.")
        ] = False,
        k: Annotated[int, typer.Option("--k", metavar="K", help="Also find a partition into at most K blocs.")] = 2,
        weighted: Annotated[bool, typer.Option("--weighted", help="Weigh edges by their evidence weight.")] = False,
        method: Annotated[str, typer.Option("--method", metavar="METHOD", help="auto, exact or heuristic.")] = "auto",
        time_limit: Annotated[
            float | None,
            typer.Option("--time-limit", metavar="SECONDS", help="Seconds for the exact solver per window."),
        ] = None,
        what_if: Annotated[
            list[str] | None,
            typer.Option(
                "--what-if",
                metavar="A,B,SIGN",
                help="'A,B,-' sets a relation's sign (+, -, or 0 to remove); repeatable.",
            ),
        ] = None,
        json_out: Annotated[
            Path | None, typer.Option("--json", metavar="FILE", help="Write the full report as JSON ('-' for stdout).")
        ] = None,
        gexf: Annotated[
            Path | None, typer.Option("--gexf", metavar="FILE", help="Export the (last) window as GEXF.")
        ] = None,
        graphml: Annotated[
            Path | None, typer.Option("--graphml", metavar="FILE", help="Export the (last) window as GraphML.")
        ] = None,
        top: Annotated[int, typer.Option("--top", metavar="N", help="How many triads, flips and moves to print.")] = 10,
    ) -> None:
        """Unbalanced triads, exact frustration index, blocs, change over time and what-ifs."""
        from rich.console import Console

        report = run_structure(
            db=db,
            csv_files=from_csv or None,
            windows=window or None,
            span=span,
            step=step,
            kinds=kind or None,
            actor_kinds=actor_kind or None,
            doc=doc,
            doc_only=doc_only,
            k=k,
            weighted=weighted,
            method=method,
            time_limit=time_limit,
            what_ifs=what_if or None,
            gexf=gexf,
            graphml=graphml,
        )
        text = json.dumps(report, indent=2, ensure_ascii=False)
        if json_out is not None and str(json_out) == "-":
            typer.echo(text)
            return
        if json_out is not None:
            from faultlines.errors import E, FaultlinesError

            try:
                json_out.write_text(text + "\n", encoding="utf-8")
            except OSError as error:
                raise FaultlinesError(E.E031, path=json_out, reason=error.strerror or str(error)) from error
        console = Console()
        if "windows" in report:
            for name, part in report["windows"].items():
                _print_analysis(console, part, f"window {name}", top)
            _print_change(console, report["change"], top)
        else:
            _print_analysis(console, report, f"window {report.get('window', 'all')}", top)
        for extra in ("gexf", "graphml", "json"):
            path = {"gexf": gexf, "graphml": graphml, "json": json_out}[extra]
            if path is not None:
                console.print(f"wrote {extra}: {path}", highlight=False, markup=False)


__all__ = ["register", "run_structure"]
