"""``faultlines check``: a thin command over :func:`check_paths`, which returns data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from faultlines.errors import E, FaultlinesError, InputError

if TYPE_CHECKING:
    from faultlines.check.report import CheckReport

console = Console()

STYLE = {
    "supported": "green",
    "contradicted": "bold red",
    "outdated": "yellow",
    "partly_supported": "cyan",
    "unverifiable": "dim",
    "not_checkable": "dim italic",
}


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(E.E010, value=value) from exc


def check_paths(
    paths: list[Path],
    *,
    reference: list[Path] | None = None,
    doc_date: date | None = None,
    db: Path | None = None,
) -> list[CheckReport]:
    """Read the inputs, check every claim, cross-check with the store's corpus and store the verdicts.

    ``doc_date`` is used for documents whose metadata carries no date. With ``db``, the store's other
    documents are the corpus for the cross-check and the verdicts are written to its ``verdicts``
    table (rows of re-checked documents are replaced, others kept).
    """
    from faultlines.check.reference import load_reference
    from faultlines.check.report import check_model
    from faultlines.read import Skipped, read_paths

    base = load_reference(reference or None)
    models = []
    for item in read_paths(paths):
        if isinstance(item, Skipped):
            console.print(f"[yellow]skipped[/] {escape(item.source)}: {escape(item.reason)}")
        else:
            models.append(item)
    if not models:
        raise InputError(E.E011, count=len(paths))
    corpus = None
    store = None
    if db is not None:
        from faultlines.store import open_store

        store = open_store(db)
        corpus = store.corpus()
    try:
        reports = [check_model(m, base, corpus, None if m.document.date is not None else doc_date) for m in models]
        if store is not None:
            checked = {r.doc_id for r in reports}
            kept = [row for row in store.read_table("verdicts") if row.get("doc_id") not in checked]
            store.write_table("verdicts", kept + [row for r in reports for row in r.rows()])
    finally:
        if store is not None:
            store.close()
    return reports


def print_report(report: CheckReport) -> None:
    from rich.table import Table

    from faultlines.check.report import describe_date

    title = report.title or report.doc_id
    table = Table(title=f"{escape(title)} — checked as of {escape(describe_date(report))}", title_justify="left")
    for column in ("claim", "verdict", "reference", "source"):
        table.add_column(column, overflow="fold")
    for item in report.items:
        v = item.verdict
        label = v.label.value
        corpus = ""
        if v.corpus_agree or v.corpus_disagree:
            corpus = f"\n[dim]corpus: {v.corpus_agree} agree, {v.corpus_disagree} disagree[/]"
        table.add_row(
            escape(item.claim.span.text),
            f"[{STYLE.get(label, '')}]{label.replace('_', ' ')}[/]",
            escape(v.explanation) + corpus,
            escape(v.source),
        )
    console.print(table)
    counts = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in report.counts().items() if n)
    console.print(f"[bold]{len(report.items)} claims[/]: {escape(counts)}")


def reports_json(reports: list[CheckReport]) -> dict[str, Any]:
    from faultlines.check.report import REPORT_VERSION

    return {"version": REPORT_VERSION, "documents": [r.to_dict() for r in reports]}


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check(
        paths: list[Path] = typer.Argument(..., help="Articles to check: files, directories or - for stdin."),
        json_path: Path | None = typer.Option(None, "--json", help="Also write the verdicts as JSON to FILE."),
        reference: list[Path] | None = typer.Option(
            None, "--reference", help="A directory of your own reference files (repeatable)."
        ),
        on: str | None = typer.Option(None, "--date", help="Document date YYYY-MM-DD for inputs without one."),
        db: Path | None = typer.Option(None, "--db", help="Store to cross-check against and write verdicts to."),
    ) -> None:
        """Check every claim of the articles against the sourced reference base (and the corpus in --db)."""
        reports = check_paths(paths, reference=reference, doc_date=parse_date(on), db=db)
        for report in reports:
            print_report(report)
        if json_path is not None:
            try:
                json_path.write_text(json.dumps(reports_json(reports), indent=2, ensure_ascii=False), encoding="utf-8")
            except OSError as exc:
                raise FaultlinesError(E.E031, path=str(json_path), reason=f"cannot be written: {exc}") from exc
            console.print(f"wrote {escape(str(json_path))}")
