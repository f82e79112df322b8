"""``faultlines check``: a thin command over :func:`check_paths`, which returns data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape

from faultlines.errors import E, FaultlinesError, InputError, StoreError

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
    """``--date``: an ISO date, also with a time part, by the same rule as ``faultlines read``."""
    from faultlines.read import parse_date as read_date

    return read_date(value)


def check_paths(
    paths: list[Path],
    *,
    reference: list[Path] | None = None,
    doc_date: date | None = None,
    db: Path | None = None,
) -> list[CheckReport]:
    """Read the inputs, check every claim, cross-check with the store's corpus and store the verdicts.

    ``doc_date`` is used for documents whose metadata carries no date. With ``db`` (an existing store,
    else E020), the store's other documents are the corpus for the cross-check and the verdicts are
    written to its ``verdicts`` table (rows of re-checked documents are replaced, others kept). The
    claims extracted from stored documents are kept in its ``claims`` results table and reused while
    the extraction key (faultlines version, reference base) is unchanged. The store is open only to
    read the corpus and to write results, not while checking.
    """
    from faultlines.check.reference import load_reference
    from faultlines.check.report import check_model
    from faultlines.read import Skipped, read_paths

    base = load_reference(reference or None)
    if db is not None and not db.is_file():
        # opening for writing would create an empty store and cross-check against nothing
        raise StoreError(E.E020, path=db, reason="no such store (create it with 'faultlines read ... --db')")
    models = []
    skipped = 0
    for item in read_paths(paths):
        if isinstance(item, Skipped):
            skipped += 1
            console.print(f"[yellow]skipped[/] {escape(item.source)}: {escape(item.reason)}")
        else:
            models.append(item)
    if not models:
        raise InputError(E.E011, count=skipped)
    if db is None:
        return [check_model(m, base, None, None if m.document.date is not None else doc_date) for m in models]

    from faultlines.check.corpus import (
        CLAIMS_TABLE,
        claim_rows,
        corpus_claims,
        extraction_key,
        index_claims,
        load_claims,
    )
    from faultlines.store import open_store

    key = extraction_key(base)
    with open_store(db) as store:
        corpus = store.corpus(with_relations=False)
        known = load_claims(store, key)
        claims_by_doc = corpus_claims(corpus, base, known)
        if claims_by_doc.keys() != known.keys():
            # persist what was extracted, so the next run reads claims instead of extracting them again
            store.write_table(CLAIMS_TABLE, claim_rows(claims_by_doc, key))
    index = index_claims(claims_by_doc)
    reports = [
        check_model(m, base, corpus, None if m.document.date is not None else doc_date, corpus_index=index)
        for m in models
    ]
    with open_store(db) as store:
        checked = {r.doc_id for r in reports}
        kept = [row for row in store.read_table("verdicts") if row.get("doc_id") not in checked]
        store.write_table("verdicts", kept + [row for r in reports for row in r.rows()])
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
