"""Reading: articles in, evidence-linked document models out (no store involved).

Public API::

    read_text(text, *, title="", date=None, url="", source="") -> DocumentModel
    read_paths(paths, *, date=None, max_mb=20) -> Iterator[DocumentModel | Skipped]
    aggregate_relations(events, statements, *, start=None, end=None, kinds=None) -> list[Relation]
    example_text() -> str
    find_times(text, anchor=None) -> list[TimeMatch]; parse_time(expr, anchor=None) -> TimeInterval | None
    find_quantities(text) -> list[QuantityMatch]
    parse_date(value) -> date | None   (ISO date, a time part allowed; E010 otherwise)
    read_documents(raws, *, batch_size=16) -> Iterator[DocumentModel]; load_nlp() -> spacy Language
    read_sources(paths, *, max_mb=DEFAULT_MAX_MB) -> Iterator[RawDocument | Skipped]

``read_documents`` and ``load_nlp`` load lazily, so importing this package does not import spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from faultlines.model import DocumentModel
from faultlines.read.formats import DEFAULT_MAX_MB, RawDocument, Skipped, parse_date, read_sources
from faultlines.read.quantities import find_quantities
from faultlines.read.timex import find_times, parse_time
from faultlines.relations import aggregate_relations

if TYPE_CHECKING:  # at run time these load lazily through __getattr__ below
    from faultlines.read.pipeline import load_nlp, read_documents

EXAMPLE = "examples/south_caucasus.md"


def __getattr__(name: str) -> object:
    """Lazy exports of the spaCy-backed pipeline (PEP 562)."""
    if name in ("read_documents", "load_nlp"):
        from faultlines.read import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'faultlines.read' has no attribute {name!r}")


def example_text() -> str:
    """The built-in example article (our own text, in Markdown)."""
    return resources.files("faultlines.read").joinpath(EXAMPLE).read_text(encoding="utf-8")


def example_document() -> RawDocument:
    """The built-in example as a document ready to read, dated so relative times anchor."""
    from faultlines.read.formats import _from_text

    raw = _from_text(example_text(), ".md", "faultlines:example")
    raw.date = date(2025, 9, 1)
    return raw


def read_text(
    text: str, *, title: str = "", date: date | None = None, url: str = "", source: str = ""
) -> DocumentModel:
    """Read one article into its model (see :func:`faultlines.read.pipeline.read_text`)."""
    from faultlines.read.pipeline import read_text as _read_text

    return _read_text(text, title=title, date=date, url=url, source=source)


def read_paths(
    paths: list[Path], *, date: date | None = None, max_mb: float = DEFAULT_MAX_MB, batch_size: int = 16
) -> Iterator[DocumentModel | Skipped]:
    """Read files, directories or ``-`` (stdin); yields a model per article or a Skipped with its reason.

    ``date`` is the document date for inputs whose metadata has none.
    """
    from faultlines.read.pipeline import read_documents

    batch: list[RawDocument] = []

    def flush() -> Iterator[DocumentModel]:
        yield from read_documents(batch, batch_size=batch_size)
        batch.clear()

    for item in read_sources(paths, max_mb=max_mb):
        if isinstance(item, Skipped):
            yield item
            continue
        if item.date is None:
            item.date = date
        batch.append(item)
        if len(batch) >= batch_size * 4:
            yield from flush()
    yield from flush()


__all__ = [
    "DEFAULT_MAX_MB",
    "RawDocument",
    "Skipped",
    "aggregate_relations",
    "example_document",
    "example_text",
    "find_quantities",
    "find_times",
    "load_nlp",
    "parse_date",
    "parse_time",
    "read_documents",
    "read_paths",
    "read_sources",
    "read_text",
]
