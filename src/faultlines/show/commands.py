"""``faultlines serve``, ``faultlines report`` and ``faultlines export``: thin wrappers over show's functions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from faultlines.errors import E, FaultlinesError

console = Console()
LOCAL_NAMES = {"127.0.0.1", "localhost", "::1"}


def allowed_hosts_for(host: str) -> list[str]:
    """Host header values the app accepts when bound to ``host``: local names, plus ``host`` if asked."""
    from faultlines.show.app import LOCAL_HOSTS

    if host in ("0.0.0.0", "::"):
        return ["*"]
    return sorted({*LOCAL_HOSTS, host})


def check_port(host: str, port: int) -> None:
    """Fail early, with a coded one-line error, when the address cannot be bound."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as error:
            raise FaultlinesError(E.E050, reason=f"{host}:{port}: {error.strerror or error}") from error


def serve(db: Path | None = None, *, host: str = "127.0.0.1", port: int = 8765, example: bool = False) -> None:
    """Run the web app until interrupted (over the store, or the built-in example held in memory)."""
    import uvicorn

    from faultlines.show.app import create_app
    from faultlines.show.source import MemorySource, ModelSource, StoreSource

    check_port(host, port)
    source: ModelSource
    if example:
        from faultlines.read import example_document, read_text

        raw = example_document()
        source = MemorySource()
        source.ingest(read_text(raw.text, title=raw.title, date=raw.date, url=raw.url, source=raw.source))
        from faultlines.show.panels import attach_verdicts

        attach_verdicts(source.corpus())
    else:
        source = StoreSource(db)
    app = create_app(source, allowed_hosts=allowed_hosts_for(host))
    shown = f"[{host}]" if ":" in host else host
    console.print(f"faultlines: serving {escape(source.describe())} at http://{shown}:{port}/ (Ctrl+C stops)")
    if host not in LOCAL_NAMES:
        console.print("[yellow]warning[/] bound to a non-local address: anyone who can reach it can read the model")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        db: Annotated[Path | None, typer.Option("--db", help="Store to serve (default: the user data store).")] = None,
        host: Annotated[
            str,
            typer.Option("--host", help="Address to bind; requests naming another host are refused unless given here."),
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
        example: Annotated[
            bool, typer.Option("--example", help="Serve the built-in example article, read into memory.")
        ] = False,
    ) -> None:
        """Open the local web app: graph, timeline, map, claims, structure, forecast, evidence."""
        serve(db, host=host, port=port, example=example)

    @app.command("report")
    def report_command(
        paths: Annotated[
            list[Path] | None, typer.Argument(help="Articles to read (files or folders); default: the store.")
        ] = None,
        output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("report.html"),
        db: Annotated[Path | None, typer.Option("--db", help="Store to read when no PATH is given.")] = None,
        doc: Annotated[list[str] | None, typer.Option("--doc", help="Only these stored document ids.")] = None,
        title: Annotated[str, typer.Option("--title", help="Title shown in the browser tab.")] = "",
        as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    ) -> None:
        """Write one self-contained HTML report (works offline, from disk)."""
        from faultlines.show.report import write_report
        from faultlines.show.source import load_corpus

        corpus = load_corpus(paths or None, db=db, doc_ids=doc or None)
        result = write_report(corpus, output, title=title)
        summary = f"{result['actors']} actors, {result['relations']} relations"
        _print(result, as_json, f"wrote {result['path']} ({result['bytes'] // 1024} KB: {summary})")

    @app.command("export")
    def export_command(
        fmt: Annotated[str, typer.Option("--format", "-f", help="gexf, graphml, csv, parquet or plover-json.")],
        output: Annotated[Path, typer.Option("-o", "--output", help="File to write (a folder for csv/parquet).")],
        paths: Annotated[list[Path] | None, typer.Argument(help="Articles to read instead of the store.")] = None,
        db: Annotated[Path | None, typer.Option("--db", help="Store to export (default: the user data store).")] = None,
        doc: Annotated[list[str] | None, typer.Option("--doc", help="Only these stored document ids.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    ) -> None:
        """Export the model for Gephi (GEXF), GraphML tools, pandas/DuckDB (CSV, Parquet) or PLOVER users."""
        from faultlines.show.export import FORMATS, export
        from faultlines.show.source import load_corpus

        if fmt not in FORMATS:
            raise FaultlinesError(E.E041, option="--format", reason=f"'{fmt}' is not one of {', '.join(FORMATS)}")
        corpus = load_corpus(paths or None, db=db, doc_ids=doc or None)
        result = export(corpus, fmt, output)
        counts = ", ".join(f"{n} {name}" for name, n in result["rows"].items())
        _print(result, as_json, f"wrote {', '.join(result['paths'])} ({counts})")


def _print(result: dict[str, Any], as_json: bool, line: str) -> None:
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        console.print(escape(line), highlight=False)
