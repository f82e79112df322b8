"""Draft a scenario from the stored model: a starting point the analyst edits, never a finished input.

The issue is the alignment between two poles (two actor ids). Every drafted number carries a note
saying where it came from:

* **position**: the actor's signed relations with the two poles, ``50 + 25 (aff_B - aff_A)`` on a
  0-100 scale, where ``aff_X = score / weight`` of the relation with pole X (-1 hostile … +1 allied,
  0 when no relation was read). Pole A sits at 0, pole B at 100.
* **salience**: half how much the corpus is about the actor (mentions, relative to the most mentioned
  candidate), half how much of what was read about the issue involves it (evidence items in its
  relations with the poles, or for a pole in its relations with the drafted actors; relative to the
  most).
* **capability**: 100 × the mean of the actor's shares, among the drafted states, of population, GDP
  and military spending from the shipped, sourced table ``data/capabilities.csv``. Persons and
  organisations get their home state's value (flagged for editing); actors without reference data
  get a labelled placeholder.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from faultlines.errors import E, InputError
from faultlines.forecast.scenario import (
    EvidenceRef,
    Issue,
    Parameters,
    Scale,
    Scenario,
    ScenarioActor,
    Uncertainty,
)
from faultlines.model import ActorKind, CorpusModel, Relation

TABLE = Path(__file__).parent / "data" / "capabilities.csv"
INDICATORS = ("population", "gdp", "military_spending")
SKIPPED_KINDS = {ActorKind.PLACE, ActorKind.WEAPON_SYSTEM}


@dataclass(frozen=True, slots=True)
class Indicator:
    """One sourced number of the capability table."""

    iso3: str
    country: str
    indicator: str
    value: float
    unit: str
    year: int
    source: str


def capability_table(path: Path = TABLE) -> dict[str, dict[str, Indicator]]:
    """The shipped reference table: ``{iso3: {indicator: Indicator}}``; every row must name a source."""
    table: dict[str, dict[str, Indicator]] = {}
    with path.open(encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if not (row.get("source") or "").strip():
                raise InputError(
                    E.E030, path=path, line=line, field="source", reason="every number needs a source"
                )
            item = Indicator(
                row["iso3"],
                row["country"],
                row["indicator"],
                float(row["value"]),
                row["unit"],
                int(row["year"]),
                row["source"],
            )
            table.setdefault(item.iso3, {})[item.indicator] = item
    return table


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _affinity(relation: Relation | None) -> float:
    if relation is None or relation.weight <= 0:
        return 0.0
    return max(-1.0, min(1.0, relation.score / relation.weight))


def _describe(relation: Relation | None, pole: str) -> str:
    if relation is None:
        return f"no relation with {pole} read (0)"
    return (
        f"relation with {pole} {_affinity(relation):+.2f} "
        f"(score {relation.score:+.2f} / weight {relation.weight:.2f}, {len(relation.evidence)} "
        f"item{'s' if len(relation.evidence) != 1 else ''})"
    )


def _short(value: float) -> str:
    for size, suffix in ((1e12, " trn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def draft_scenario(
    corpus: CorpusModel,
    pole_a: str,
    pole_b: str,
    actors: list[str] | None = None,
    max_actors: int = 10,
    issue_name: str | None = None,
    table: dict[str, dict[str, Indicator]] | None = None,
) -> Scenario:
    """Propose a scenario for the issue "alignment between ``pole_a`` and ``pole_b``".

    Parameters
    ----------
    corpus : CorpusModel
        The stored model (``open_store(db).corpus()``), with relations aggregated.
    pole_a, pole_b : str
        Actor ids of the two poles (scale 0 = pole A's side, 100 = pole B's side).
    actors : list of str, optional
        Actor ids to include; by default the most mentioned actors related to either pole.
    max_actors : int
        Upper bound on the number of drafted actors (poles included).
    issue_name : str, optional
        Name of the issue; by default "Alignment between A and B".
    table : dict, optional
        Capability reference table; by default the shipped ``data/capabilities.csv``.

    Returns
    -------
    Scenario
        Every actor with ``notes`` for capability, position and salience saying where each came from.

    Raises
    ------
    InputError
        ``E040`` when a pole or a requested actor is not in the model.
    """
    table = capability_table() if table is None else table
    known = {a.id: a for a in corpus.actors}
    for wanted in [pole_a, pole_b, *(actors or [])]:
        if wanted not in known:
            sample = ", ".join(f"{a.id} ({a.name})" for a in corpus.actors[:8]) or "none"
            raise InputError(E.E040, name=wanted, known=sample)
    if pole_a == pole_b:
        raise InputError(E.E041, option="--pole-b", reason="the two poles must differ")
    relations = {_pair(r.a, r.b): r for r in corpus.relations}
    mentions = Counter(m.actor_id for m in corpus.mentions)

    def with_pole(actor_id: str, pole: str) -> Relation | None:
        return None if actor_id == pole else relations.get(_pair(actor_id, pole))

    if actors:
        chosen = list(dict.fromkeys([pole_a, pole_b, *actors]))
    else:
        linked = {
            x for r in corpus.relations for x in (r.a, r.b) if pole_a in (r.a, r.b) or pole_b in (r.a, r.b)
        }
        candidates = [
            a for a in linked - {pole_a, pole_b} if known.get(a) and known[a].kind not in SKIPPED_KINDS
        ]
        candidates.sort(key=lambda a: (-mentions[a], a))
        chosen = [pole_a, pole_b, *candidates[: max(0, max_actors - 2)]]

    name_a, name_b = known[pole_a].name, known[pole_b].name
    # evidence about the issue: a pole's relations with the drafted actors, another actor's with the poles
    involvement = {
        a: sum(
            len(r.evidence)
            for r in (
                [relations.get(_pair(a, b)) for b in chosen if b != a]
                if a in (pole_a, pole_b)
                else [with_pole(a, pole_a), with_pole(a, pole_b)]
            )
            if r is not None
        )
        for a in chosen
    }
    top_mentions = max([mentions[a] for a in chosen] + [1])
    top_involvement = max([*involvement.values(), 1])

    # capability: shares among the drafted actors that have reference data
    iso_of: dict[str, str] = {}
    iso: str | None
    for a in chosen:
        actor = known[a]
        if actor.home_state in table and actor.kind in (
            ActorKind.STATE,
            ActorKind.PERSON,
            ActorKind.ORGANISATION,
        ):
            iso_of[a] = actor.home_state
    states = sorted(set(iso_of.values()))
    totals = {ind: sum(table[s][ind].value for s in states if ind in table[s]) for ind in INDICATORS}
    index: dict[str, float] = {}
    for iso in states:
        shares = [
            table[iso][ind].value / totals[ind] for ind in INDICATORS if ind in table[iso] and totals[ind] > 0
        ]
        index[iso] = 100.0 * sum(shares) / len(shares) if shares else 0.0
    floor = round(0.1 * min(index.values()), 3) if index else 1.0
    floor = max(floor, 0.01)

    drafted: list[ScenarioActor] = []
    for a in chosen:
        actor = known[a]
        rel_a, rel_b = with_pole(a, pole_a), with_pole(a, pole_b)
        if a == pole_a:
            position, why_position = 0.0, f"pole A ({name_a}) by definition"
        elif a == pole_b:
            position, why_position = 100.0, f"pole B ({name_b}) by definition"
        else:
            aff_a, aff_b = _affinity(rel_a), _affinity(rel_b)
            position = round(max(0.0, min(100.0, 50.0 + 25.0 * (aff_b - aff_a))), 1)
            why_position = (
                f"50 + 25 × (aff_B − aff_A) from the stored relations: "
                f"{_describe(rel_a, name_a)}; {_describe(rel_b, name_b)}"
            )
        m_share = mentions[a] / top_mentions
        e_share = involvement[a] / top_involvement
        salience = round(max(0.05, min(1.0, 0.5 * m_share + 0.5 * e_share)), 2)
        why_salience = (
            f"0.5 × mentions share ({mentions[a]} of max {top_mentions}) + 0.5 × share of evidence "
            f"with the poles ({involvement[a]} of max {top_involvement}), floor 0.05"
        )
        iso = iso_of.get(a)
        if iso is not None:
            capability = round(index[iso], 3)
            parts = "; ".join(
                f"{ind} {_short(table[iso][ind].value)} ({table[iso][ind].source})"
                for ind in INDICATORS
                if ind in table[iso]
            )
            why_capability = f"100 × mean share among the drafted states of: {parts}"
            if actor.kind != ActorKind.STATE:
                why_capability += f". {actor.kind.value} given its home state's ({iso}) value: edit this"
        else:
            capability = floor
            why_capability = (
                "placeholder: no reference data for this actor; set to 10% of the weakest "
                "drafted state's capability. Edit this"
            )
        evidence = [
            EvidenceRef(e.span.doc_id, e.span.start, e.span.end, e.span.text[:160])
            for r in (rel_a, rel_b)
            if r is not None
            for e in r.evidence[:2]
        ]
        drafted.append(
            ScenarioActor(
                id=a.replace(":", "_"),
                name=actor.name,
                capability=capability,
                position=position,
                salience=salience,
                actor_id=a,
                note="drafted from the stored model; review every number",
                notes={"capability": why_capability, "position": why_position, "salience": why_salience},
                evidence=evidence,
            )
        )

    return Scenario(
        issue=Issue(
            name=issue_name or f"Alignment between {name_a} and {name_b}",
            description=f"Drafted from {len(corpus.documents)} stored document(s): each actor's alignment "
            f"between {name_a} and {name_b}.",
            scale=Scale(0.0, 100.0, f"aligned with {name_a}", f"aligned with {name_b}"),
        ),
        actors=drafted,
        parameters=Parameters(runs=1000, seed=1),
        uncertainty=Uncertainty(position_sd=10.0, salience_sd=0.1, capability_rel=0.3),
        notes=[
            "Draft: positions, saliences and capabilities are mechanical first guesses from the corpus "
            "and the shipped reference table; the default uncertainty is wide on purpose."
        ],
    )
