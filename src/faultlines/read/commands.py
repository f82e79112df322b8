"""``faultlines read``: a thin wrapper over :func:`read_into_store`."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from faultlines.errors import E, InputError
from faultlines.model import DocumentModel

console = Console()


def _parse_date(value: str | None) -> date | None:
    from faultlines.read.formats import parse_date

    return parse_date(value)


def read_into_store(
    paths: list[Path],
    *,
    db: Path | None = None,
    doc_date: date | None = None,
    max_mb: float = 20.0,
    progress: bool = True,
    engine: str | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """Read inputs and store them; returns counts and the skipped inputs with reasons.

    ``engine``/``workers`` spread the reading over worker processes or Ray (docs/scale.md); this
    process stays the one writer. The default reads here, as before.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from faultlines.read import Skipped, read_paths
    from faultlines.read.formats import check_path
    from faultlines.store import open_store

    for path in paths:  # refuse a bad named input before anything is read or stored
        check_path(path, max_mb=max_mb)
    stored = already = 0
    skipped: list[dict[str, str]] = []
    models: list[DocumentModel] = []
    with open_store(db) as store:  # create or migrate the store up front, then release it
        store_path = str(store.path)

    def flush() -> None:
        # The store is opened only to write a batch, so the web app and other readers can use the
        # file while spaCy works; each batch is one transaction.
        nonlocal stored, already
        with open_store(db) as store:
            new = store.ingest_many(models)
        stored, already = stored + new, already + len(models) - new
        models.clear()

    with Progress(
        TextColumn("[bold]reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        disable=not progress,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        if (engine or ("process" if (workers or 1) > 1 else "local")) == "local":
            items = read_paths(paths, date=doc_date, max_mb=max_mb)
        else:
            from faultlines.scale import read_paths_parallel

            engine, workers = engine or "process", workers or os.cpu_count() or 1
            items = read_paths_parallel(paths, date=doc_date, max_mb=max_mb, engine=engine, workers=workers)
        for item in items:
            if isinstance(item, Skipped):
                skipped.append({"source": item.source, "reason": item.reason})
            else:
                models.append(item)
                bar.update(task, description=escape(item.document.title[:50]))
            if len(models) >= 64:
                flush()
            bar.advance(task)
        if models:
            flush()
    if stored == 0 and already == 0 and skipped:
        raise InputError(E.E011, count=len(skipped))
    return {"store": store_path, "stored": stored, "already_stored": already, "skipped": skipped}


def register(app: typer.Typer) -> None:
    @app.command("read")
    def read_command(
        paths: list[Path] = typer.Argument(..., help="Files (.txt .md .html .jsonl), directories, or - for stdin."),
        db: Path | None = typer.Option(None, "--db", help="DuckDB store (default: in the user data directory)."),
        doc_date: str | None = typer.Option(None, "--date", help="Document date YYYY-MM-DD for undated inputs."),
        max_mb: float = typer.Option(20.0, "--max-mb", help="Refuse files larger than this."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
        workers: int | None = typer.Option(None, "--workers", help="Read in N worker processes (or Ray actors)."),
        engine: str | None = typer.Option(None, "--engine", help="local, process or ray (docs/scale.md)."),
    ) -> None:
        """Read articles and store their model (idempotent: a stored article is not stored twice)."""
        result = read_into_store(
            paths, db=db, doc_date=_parse_date(doc_date), max_mb=max_mb, progress=not as_json,
            engine=engine, workers=workers,
        )  # fmt: skip
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            return
        console.print(
            f"stored {result['stored']} new document(s), {result['already_stored']} already stored, "
            f"{len(result['skipped'])} skipped → {escape(result['store'])}"
        )
        for item in result["skipped"]:
            console.print(f"[yellow]skipped[/] {escape(item['source'])}: {escape(item['reason'])}")
