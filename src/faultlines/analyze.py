"""``faultlines analyze``: read articles, check their claims, print the model. It composes read and
check, so it lives at the CLI layer rather than in either capability."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from faultlines.errors import E, FaultlinesError, InputError
from faultlines.model import SCHEMA_VERSION, CorpusModel, DocumentModel, to_jsonable
from faultlines.relations import aggregate_relations, state_projection

console = Console()


def analyze_paths(paths: list[Path], *, doc_date: date | None = None, check: bool = True) -> CorpusModel:
    """Read inputs (or the built-in example) into one corpus model with relations, storing nothing.

    With ``check`` every document's claims are verified too (``corpus.claims`` and ``.verdicts``),
    each against the rest of the inputs as its corpus.
    """
    from faultlines.read import Skipped, example_document, read_documents, read_paths

    models: list[DocumentModel] = []
    skipped: list[Skipped] = []
    if not paths:
        models = list(read_documents([example_document()]))
    else:
        for item in read_paths(paths, date=doc_date):
            (skipped if isinstance(item, Skipped) else models).append(item)  # type: ignore[arg-type]
    for item in skipped:
        console.print(f"[yellow]skipped[/] {escape(item.source)}: {escape(item.reason)}")
    if not models:
        raise InputError(E.E011, count=len(skipped))
    corpus = CorpusModel.merge(models)
    corpus.relations = aggregate_relations(corpus.events, corpus.statements, project=state_projection(corpus.actors))
    if check:
        from faultlines.check import check_model, load_reference

        reference = load_reference()
        for model in models:
            # the document's own date (metadata, or --date for undated inputs, set while reading) rules
            report = check_model(model, reference=reference, corpus=corpus)
            corpus.claims.extend(report.claims)
            corpus.verdicts.extend(report.verdicts)
    return corpus


def corpus_json(corpus: CorpusModel) -> dict[str, Any]:
    """The documented JSON form of a corpus model (docs/json.md)."""
    names = {a.id: a.name for a in corpus.actors}
    data = to_jsonable(corpus)
    data["schema_version"] = SCHEMA_VERSION
    for relation in data["relations"]:
        relation["a_name"] = names.get(relation["a"], relation["a"])
        relation["b_name"] = names.get(relation["b"], relation["b"])
    return data


def print_corpus(corpus: CorpusModel) -> None:
    names = {a.id: a.name for a in corpus.actors}
    counts = Counter(m.actor_id for m in corpus.mentions)
    actors = Table(title="Actors", title_justify="left")
    for column in ("id", "name", "kind", "state", "mentions"):
        actors.add_column(column)
    for actor in sorted(corpus.actors, key=lambda a: (-counts[a.id], a.name)):
        actors.add_row(escape(actor.id), escape(actor.name), actor.kind.value,
                       actor.home_state or ",".join(actor.states), str(counts[actor.id]))  # fmt: skip
    console.print(actors)
    relations = Table(title="Relations", title_justify="left")
    for column in ("a", "b", "sign", "kinds", "weight", "evidence"):
        relations.add_column(column)
    sign_text = {1: "[green]+[/]", -1: "[red]−[/]", 0: "0"}
    for relation in sorted(corpus.relations, key=lambda r: -r.weight):
        relations.add_row(
            escape(names.get(relation.a, relation.a)),
            escape(names.get(relation.b, relation.b)),
            sign_text[relation.sign],
            ", ".join(k.value for k in relation.kinds),
            f"{relation.weight:.2f}",
            str(len(relation.evidence)),
        )
    console.print(relations)
    timeline = Table(title="Event timeline", title_justify="left")
    for column in ("when", "event", "source", "target", "trigger", "modality"):
        timeline.add_column(column)
    dated = sorted(corpus.events, key=lambda e: e.when.start if e.when and e.when.start else date.max)
    for event in dated:
        flags = [n for n in ("negated", "speculative", "denied", "future") if getattr(event.modality, n)]
        timeline.add_row(
            escape(event.when.text) if event.when else "",
            f"{event.type}{'/' + event.mode if event.mode else ''}",
            escape(", ".join(names.get(a, a) for a in event.sources)),
            escape(", ".join(names.get(a, a) for a in event.targets)),
            escape(event.trigger),
            ", ".join(flags),
        )
    console.print(timeline)
    if corpus.claims:
        _print_verdicts(corpus)


def _print_verdicts(corpus: CorpusModel) -> None:
    """Claims the reference base flags first, then a count of every verdict."""
    verdicts = {v.claim_id: v for v in corpus.verdicts}
    table = Table(title="Checked claims (contradicted and outdated first)", title_justify="left")
    for column in ("claim", "verdict", "explanation", "source"):
        table.add_column(column, overflow="fold")
    order = {"contradicted": 0, "outdated": 1, "partly_supported": 2, "supported": 3, "unverifiable": 4}
    ranked = sorted(corpus.claims, key=lambda c: order.get(verdicts[c.id].label.value, 5) if c.id in verdicts else 9)
    style = {"contradicted": "red", "outdated": "yellow", "supported": "green", "partly_supported": "cyan"}
    for claim in ranked:
        verdict = verdicts.get(claim.id)
        if verdict is None or verdict.label.value == "not_checkable":
            continue
        label = verdict.label.value
        table.add_row(
            escape(claim.span.text), f"[{style.get(label, 'white')}]{label.replace('_', ' ')}[/]",
            escape(verdict.explanation), escape(verdict.source),
        )  # fmt: skip
    console.print(table)
    counts = Counter(v.label.value.replace("_", " ") for v in corpus.verdicts)
    console.print(f"{len(corpus.claims)} claims: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze_command(
        paths: list[Path] = typer.Argument(None, help="Inputs; none means the built-in example article."),
        doc_date: str | None = typer.Option(None, "--date", help="Document date YYYY-MM-DD for undated inputs."),
        json_out: Path | None = typer.Option(None, "--json", help="Write the whole model as JSON to this file."),
        check: bool = typer.Option(True, "--check/--no-check", help="Verify claims against the reference base."),
    ) -> None:
        """Read articles and print their actors, relations, event timeline and checked claims."""
        from faultlines.read import parse_date

        corpus = analyze_paths(list(paths or []), doc_date=parse_date(doc_date), check=check)
        print_corpus(corpus)
        if json_out is not None:
            payload = json.dumps(corpus_json(corpus), indent=2, ensure_ascii=False)
            try:
                json_out.write_text(payload, encoding="utf-8")
            except OSError as error:
                raise FaultlinesError(E.E031, path=str(json_out), reason=error.strerror or str(error)) from None
            console.print(f"model written to {escape(str(json_out))}")
