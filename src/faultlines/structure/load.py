"""Turn the user's choice of input (store or CSV files) and time windows into named signed graphs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from faultlines.errors import E, FaultlinesError, StoreError
from faultlines.structure.graph import graph_from_csv, signed_graph, window_graph
from faultlines.structure.report import parse_window, sliding_windows


def window_specs(
    windows: Sequence[str], *, span: int | None = None, step: int | None = None
) -> list[tuple[str, date | None, date | None]]:
    """Named windows from ``--window`` texts, expanded into sliding windows by ``--span``/``--step``."""
    specs: list[tuple[str, date | None, date | None]] = []
    for text in windows:
        start, end = parse_window(text)
        if span is not None or step is not None:
            if start is None or end is None:
                raise FaultlinesError(E.E041, option="--span/--step", reason="need a closed --window like 1990:2000")
            specs.extend(sliding_windows(start, end, span=span or step or 1, step=step or 1))
        else:
            specs.append((text.replace(":", "-").strip("-") or "all", start, end))
    return specs


def graphs_from_csv(
    paths: Sequence[Path], windows: Sequence[tuple[str, date | None, date | None]] = ()
) -> dict[str, nx.Graph]:
    """One graph per CSV file (named by file name), or one CSV cut into the given windows."""
    if len(paths) > 1 and windows:
        raise FaultlinesError(
            E.E041, option="--window", reason="give one --from-csv file to cut into windows, or several files"
        )
    if len(paths) == 1:
        G = graph_from_csv(paths[0])
        if not windows:
            return {Path(paths[0]).stem: G}
        return {name: window_graph(G, start, end) for name, start, end in windows}
    out: dict[str, nx.Graph] = {}
    for path in paths:
        name = Path(path).stem
        if name in out:
            name = str(path)
        out[name] = graph_from_csv(path)
    return out


def graphs_from_store(
    store: Any,
    windows: Sequence[tuple[str, date | None, date | None]] = (),
    *,
    doc_ids: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    actor_kinds: Sequence[str] | None = None,
) -> dict[str, nx.Graph]:
    """One graph per window from the store's relations (``"all"`` with no window)."""
    from faultlines.model import RelationKind

    kind_set = {RelationKind(k) for k in kinds} if kinds else None
    actors = store.actors()
    out: dict[str, nx.Graph] = {}
    for name, start, end in windows or [("all", None, None)]:
        relations = store.relations(start, end, list(doc_ids) if doc_ids else None, kind_set)
        out[name] = signed_graph(relations, actors, actor_kinds=actor_kinds)
    return out


def open_input_store(db: Path | None) -> Any:
    """Open the store named by ``--db`` (which must exist) or the user's default store."""
    from faultlines.store import default_path, open_store

    path = Path(db) if db is not None else default_path()
    if not path.exists():
        raise StoreError(E.E020, path=path, reason="no such file (read some documents first, or use --from-csv)")
    return open_store(path)


def check_kinds(kinds: Sequence[str], actor_kinds: Sequence[str]) -> None:
    """Reject unknown relation or actor kinds with the list of valid ones."""
    from faultlines.model import ActorKind, RelationKind

    for option, values, enum in (("--kind", kinds, RelationKind), ("--actor-kind", actor_kinds, ActorKind)):
        valid = [k.value for k in enum]
        for value in values:
            if value not in valid:
                raise FaultlinesError(E.E041, option=option, reason=f"'{value}' is not one of {', '.join(valid)}")


__all__ = ["check_kinds", "graphs_from_csv", "graphs_from_store", "open_input_store", "window_specs"]
