"""Results of the check, structure and forecast capabilities, asked of those capabilities.

Show never computes what a capability owns. Each panel calls the capability's public functions (the
names its package ``__init__`` exports); when a capability is not importable or does not export what is
needed, the panel says "not available in this version" instead of inventing numbers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from faultlines.model import CorpusModel, to_jsonable

NOT_AVAILABLE = "not available in this version"


def _public(module_name: str, *names: str) -> Callable[..., Any] | None:
    """The first of ``names`` the capability package exports, or None."""
    try:
        module = importlib.import_module(module_name)
    except Exception:
        return None
    exported = set(getattr(module, "__all__", ()) or dir(module))
    for name in names:
        if name in exported and callable(getattr(module, name, None)):
            return getattr(module, name)
    return None


def unavailable(capability: str, reason: str = "") -> dict[str, Any]:
    message = f"{capability}: {NOT_AVAILABLE}" + (f" ({reason})" if reason else "")
    return {"available": False, "message": message}


def structure_panel(corpus: CorpusModel, *, time_limit: float = 10.0) -> dict[str, Any]:
    """Unbalanced triads, frustration index and blocs, from :func:`faultlines.structure.structure_report`."""
    report = _public("faultlines.structure", "structure_report")
    if report is None:
        return unavailable("structure")
    if not corpus.relations:
        return {"available": True, "empty": True, "message": "no relations to analyse"}
    try:
        result = report(corpus.relations, corpus.actors, time_limit=time_limit, max_triads=100)
    except Exception as error:  # a capability failing must not take the app down
        return unavailable("structure", f"{type(error).__name__}: {error}")
    for triad in result.get("triads", []):  # evidence is one click away in the graph; keep the page light
        for edge in triad.get("edges", []):
            edge["evidence"] = len(edge.get("evidence") or [])
    return {"available": True, "result": to_jsonable(result)}


def forecast_poles(corpus: CorpusModel) -> tuple[str, str] | None:
    """The two actors of the most hostile relation (between states if there is one): the default issue
    the forecast panel drafts."""
    from faultlines.model import ActorKind

    states = {a.id for a in corpus.actors if a.kind == ActorKind.STATE}
    hostile = [r for r in corpus.relations if r.score < 0 and r.a in states and r.b in states]
    hostile = hostile or [r for r in corpus.relations if r.score < 0]
    if not hostile:
        return None
    worst = min(hostile, key=lambda r: (r.score, r.a, r.b))
    return worst.a, worst.b


def forecast_panel(corpus: CorpusModel, poles: tuple[str, str] | None = None, *, runs: int = 200) -> dict[str, Any]:
    """Rounds and outcome distribution from :mod:`faultlines.forecast`.

    The issue is drafted by :func:`faultlines.forecast.draft_scenario` as "alignment between" the
    two poles (default: the most hostile relation's actors), then :func:`faultlines.forecast.forecast`
    runs the expected-utility model, the compromise baseline and Monte Carlo.
    """
    draft = _public("faultlines.forecast", "draft_scenario")
    run = _public("faultlines.forecast", "forecast")
    if draft is None or run is None:
        return unavailable("forecast")
    poles = poles or forecast_poles(corpus)
    if poles is None:
        return {"available": True, "empty": True, "message": "no hostile relation to draft an issue from"}
    try:
        scenario = draft(corpus, poles[0], poles[1])
        result = run(scenario, runs=runs)
    except Exception as error:
        return unavailable("forecast", f"{type(error).__name__}: {error}")
    data = result.to_dict() if hasattr(result, "to_dict") else to_jsonable(result)
    return {"available": True, "poles": list(poles), "result": data}


def attach_verdicts(corpus: CorpusModel) -> bool:
    """Check a model held in memory with :func:`faultlines.check.check_corpus`; add its claims and verdicts.

    Used for models read for a report or ``serve --example``; a store's verdicts come from the table
    ``faultlines check --db`` writes. Returns whether check ran.
    """
    check = _public("faultlines.check", "check_corpus")
    if check is None or corpus.verdicts or not corpus.documents:
        return False
    try:
        reports = check(corpus)
    except Exception:  # a capability failing leaves the claims unchecked, it does not stop the report
        return False
    known = {claim.id for claim in corpus.claims}
    for report in reports:
        for item in report.items:
            if item.claim.id not in known:
                corpus.claims.append(item.claim)
                known.add(item.claim.id)
            corpus.verdicts.append(item.verdict)
    return True


def check_panel(corpus: CorpusModel) -> dict[str, Any]:
    """Whether verdicts are present; the claims table itself is in the bundle."""
    if corpus.verdicts:
        return {"available": True, "verdicts": len(corpus.verdicts)}
    check = _public("faultlines.check", "check_corpus", "check_claims", "check_model")
    if check is None:
        return unavailable("check", "claims are listed without verdicts")
    return {"available": True, "verdicts": 0, "message": "claims not checked yet: run `faultlines check`"}


def all_panels(corpus: CorpusModel) -> dict[str, Any]:
    return {
        "check": check_panel(corpus),
        "structure": structure_panel(corpus),
        "forecast": forecast_panel(corpus),
    }
