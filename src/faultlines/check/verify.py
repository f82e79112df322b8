"""Verdicts: each claim compared with the reference base, with the reference value, its source and a reason.

Labels (``faultlines.model.VerdictLabel``): ``supported``, ``contradicted``, ``outdated`` (true once,
not at the document's date), ``partly_supported``, ``unverifiable`` (the base has nothing to compare
with) and ``not_checkable`` (opinion, prediction, question, aspiration).

Tolerance rule for numbers (documented in ``docs/check.md``):

* populations and group sizes: an exact figure may differ from the reference by
  ``max(2%, half a unit of its last stated digit)``; a hedged one ("about", "around", "some",
  "roughly", "approximately", "an estimated"...) by ``max(5%, half a unit)``. A lower bound ("more
  than X", as the reader's ``find_quantities`` reads it) holds when the reference is at least 98% of
  X; an upper bound ("less than X", "nearly X") when it is at most 102% of X. When the
  reference series ends before the year asked about, the latest figure is used and the tolerance
  grows by one point per year of gap (at most five), since populations drift.
* shares: an exact percentage may differ by 1 point, a hedged one by 2 points; a reference range
  (Iran's Azeri share: 16-24%) supports any figure inside it.
* within the tolerance: supported; within twice the tolerance, or a range only partly inside the
  reference range: partly supported; otherwise contradicted.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from faultlines.check.people import office_terms
from faultlines.check.reference import MONTHS, Membership, ReferenceBase, RefEvent, When, human_date
from faultlines.gazetteer import VERIFIED_AS_OF
from faultlines.model import Claim, Granularity, TimeInterval, Verdict, VerdictLabel

L = VerdictLabel
#: Hedges that state a figure exactly. Every other hedge the reader reports ("about", "nearly",
#: "more than", "vague"...) is approximate; which side it leaves open is the claim's ``bound``,
#: decided by ``faultlines.read.find_quantities`` (one hedge vocabulary for read and check).
EXACT_HEDGES = frozenset({"", "exactly", "precisely", "only", "just", "a total of", "totalling", "totaling"})


def hedge_kind(claim: Claim) -> str:
    """``lower``/``upper`` for a one-sided figure, ``approx`` for a hedged one, else ``exact``."""
    bound = str(claim.details.get("bound", ""))
    if bound in {"lower", "upper"}:
        return bound
    return "exact" if str(claim.details.get("hedge", "")).lower() in EXACT_HEDGES else "approx"


def fmt(day: date) -> str:
    """'19 May 2024'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _said(claim: Claim) -> str:
    return claim.span.text.strip()


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """ISO3 code -> the state's usual English name, from the gazetteer's atlas."""
    from faultlines.gazetteer import state_names

    return {code: names.actor.name for code, names in state_names().items() if len(code) == 3}


_CODE = re.compile(r"\b[A-Z]{3}\b")


def readable(text: str) -> str:
    """Explanations are for readers: 'IRN' becomes 'Iran' (organisation acronyms are left alone)."""
    names = _state_names()
    return _CODE.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def _verdict(
    claim: Claim, label: VerdictLabel, explanation: str, reference: Any = None, source: str = "", qid: str = ""
) -> Verdict:
    if isinstance(reference, str):
        reference = readable(reference)
    return Verdict(
        claim_id=claim.id, label=label, explanation=readable(explanation), reference=reference, source=source, qid=qid
    )


@dataclass(frozen=True, slots=True)
class Context:
    """What every check needs besides the claim: the base and the date the document speaks from."""

    base: ReferenceBase
    doc_date: date


# --------------------------------------------------------------------------- offices


def _person(ctx: Context, claim: Claim) -> Any:
    candidates = claim.details.get("candidates") or []
    index = ctx.base.people_index
    people = [index.by_id[c] for c in candidates if c in index.by_id]
    return people


LEADING_OFFICES = ("President", "Prime Minister", "Supreme Leader", "King", "Emir", "Chancellor")


def grain_end(start: date, granularity: Granularity) -> date:
    """The last day an open interval's start may stand for ("since 1989" = some day in 1989)."""
    if granularity == Granularity.DAY:
        return start
    if granularity == Granularity.MONTH:
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return date(start.year, 12, 31)


def check_in_office_since(claim: Claim, ctx: Context) -> Verdict:
    """'X has ruled Azerbaijan since 2003': the continuous run of terms that covers the document date."""
    people = _person(ctx, claim)
    when = claim.when
    if not people or when is None or when.start is None:
        return _verdict(claim, L.UNVERIFIABLE, "The person or the starting date is not in the reference base.")
    office, state = claim.value.get("office", ""), claim.value.get("state", "")
    wanted = (office,) if office else LEADING_OFFICES
    for person in people:
        terms = sorted((t for o in wanted for t in office_terms(person, o, state)), key=lambda t: t.start.earliest)
        if not terms:
            continue
        current = [
            t for t in terms if t.start.earliest <= ctx.doc_date and (t.end is None or t.end.latest >= ctx.doc_date)
        ]
        if not current:
            last = terms[-1]
            return _verdict(
                claim,
                L.OUTDATED,
                f"{person.name} held it {_term_text(last)}, not on the document date (source: {last.source}).",
                f"{person.name}: {_term_text(last)}",
                last.source,
            )
        # walk back through back-to-back terms (re-elections) to the start of the run
        run_start = current[0].start
        for term in reversed(terms):
            if (
                term.end is not None
                and term.end.latest >= run_start.earliest
                and term.start.earliest < run_start.earliest
            ):
                run_start = term.start
        start_text = human_date(_when_of(run_start))
        ref = f"{person.name}: {current[0].office} of {current[0].state} since {start_text}"
        note = ""
        checked = verified_on(current[0])
        if current[0].end is None and ctx.doc_date > checked:
            note = _open_note(checked, ctx.doc_date)
        claimed_lo, claimed_hi = when.start, when.end or grain_end(when.start, when.granularity)
        if run_start.earliest <= claimed_hi and run_start.latest >= claimed_lo:
            return _verdict(claim, L.SUPPORTED, f"{ref}{note} (source: {current[0].source}).", ref, current[0].source)
        return _verdict(
            claim,
            L.CONTRADICTED,
            f"{ref}{note} (source: {current[0].source}); the article says '{_said(claim)}'.",
            ref,
            current[0].source,
        )
    return _verdict(claim, L.UNVERIFIABLE, "No leading office of this person is in the reference base.")


def check_office(claim: Claim, ctx: Context) -> Verdict:
    if claim.predicate == "in_office_since":
        return check_in_office_since(claim, ctx)
    office = claim.value.get("office", "")
    state = claim.value.get("state", "")
    people = _person(ctx, claim)
    if not people:
        return _verdict(
            claim,
            L.UNVERIFIABLE,
            f"'{claim.details.get('person', claim.subject)}' is not among the people in the "
            "reference base, so the title cannot be checked.",
        )
    when = claim.when
    if when is not None and when.start and when.end:
        lo, hi = when.start, min(when.end, ctx.doc_date) if when.start <= ctx.doc_date else when.end
        asked = f"in {when.text}"
    else:
        lo = hi = ctx.doc_date
        asked = f"on the document date ({fmt(ctx.doc_date)})"
    present = when is None and claim.details.get("tense") == "present" and not claim.details.get("former")
    # a person whose terms fit wins over a namesake whose do not
    best = None
    for person in people:
        terms = office_terms(person, office, state)
        if terms:
            best = (person, terms) if best is None else best
            if any(t.start.earliest <= hi and (t.end is None or t.end.latest >= lo) for t in terms):
                best = (person, terms)
                break
    if best is None:
        person = people[0]
        holders = _holders(ctx, state or person.state, office, hi)
        ref = f"{office} of {state or person.state} {asked}: {holders or 'not in the base'}"
        label = L.CONTRADICTED if holders else L.UNVERIFIABLE
        return _verdict(
            claim,
            label,
            f"{person.name} never held the office of {office}"
            f"{' of ' + state if state else ''} in the reference base"
            f"{'; ' + ref if holders else ''}; the article says '{_said(claim)}'.",
            reference=ref,
            source=_holder_source(ctx, state or person.state, office, hi),
        )
    person, terms = best
    term_text = "; ".join(_term_text(t) for t in terms)
    source = terms[0].source
    covering = [t for t in terms if t.start.earliest <= hi and (t.end is None or t.end.latest >= lo)]
    ended_before = [t for t in terms if t.end is not None and t.end.latest < lo]
    started_after = [t for t in terms if t.start.earliest > hi]
    reference = f"{person.name}: {office} of {terms[0].state} {term_text}"
    if claim.details.get("former"):
        if covering and not ended_before:
            stale = next((stale_warning(hi, verified_on(t)) for t in covering if t.end is None), "")
            return _verdict(
                claim,
                L.CONTRADICTED,
                f"{person.name} still held the office {asked} ({term_text}, source: {source}{stale}); "
                f"the article calls them former.",
                reference,
                source,
            )
        if ended_before:
            return _verdict(
                claim, L.SUPPORTED, f"{person.name} held it {term_text} (source: {source}).", reference, source
            )
    if covering:
        note = ""
        open_terms = [t for t in covering if t.end is None]
        if open_terms:
            verified = min(verified_on(t) for t in open_terms)
            if hi > verified:
                note = _open_note(verified, hi)
        held = "; ".join(_term_text(t) for t in covering)
        return _verdict(
            claim,
            L.SUPPORTED,
            f"{person.name} held the office of {office} {held}{note} (source: {covering[0].source}).",
            reference,
            covering[0].source,
        )
    if ended_before and not started_after:
        successor = _holders(ctx, terms[0].state, office, hi)
        end = max((t for t in ended_before), key=lambda t: t.end.latest if t.end else date.min)
        why = f" ({end.end_reason.replace('_', ' ')})" if end.end_reason else ""
        # true once: outdated when the article speaks of its own day; a wrong title at a stated time
        label = L.OUTDATED if when is None else L.CONTRADICTED
        other = [
            f"{t.office} of {t.state}"
            for t in person.offices
            if t.start.earliest <= hi and (t.end is None or t.end.latest >= lo) and t not in terms
        ]
        text = (
            f"{person.name} was {office} of {terms[0].state} {term_text}{why}, not {asked}"
            f"{' (then ' + ' and '.join(other) + ')' if other else ''}"
            f"{'; then the office was held by ' + successor if successor else ''} (source: {source}); "
            f"the article says '{_said(claim)}'."
        )
        if not present and when is None:
            label, text = L.SUPPORTED, f"{person.name} held the office of {office} {term_text} (source: {source})."
        return _verdict(claim, label, text, reference, source)
    holders = _holders(ctx, terms[0].state, office, hi)
    return _verdict(
        claim,
        L.CONTRADICTED,
        f"{person.name} only took office as {office} {term_text}; {asked} the office was held by "
        f"{holders or 'someone else'} (source: {source}); the article says '{_said(claim)}'.",
        reference,
        source,
    )


#: How long after its verification an open term is still taken at face value without a warning.
STALE_AFTER_DAYS = 183


def verified_on(term: Any) -> date:
    """The last day the base confirms an open term: ``VERIFIED_AS_OF``, or the term's start when it was
    added later (an update past ``VERIFIED_AS_OF`` records the new holder, not that they stayed)."""
    start = getattr(term, "start", None)
    latest = getattr(start, "latest", None)
    return max(VERIFIED_AS_OF, latest) if isinstance(latest, date) else VERIFIED_AS_OF


def _open_note(verified: date, day: date) -> str:
    """Why an open term is only taken as held up to ``verified``, with a warning when ``day`` is far past."""
    if verified == VERIFIED_AS_OF:
        return f" (in office when the base was last verified, {fmt(verified)}{stale_warning(day, verified)})"
    return (
        f" (took office on {fmt(verified)}, after the base was last verified on {fmt(VERIFIED_AS_OF)}; "
        f"later changes are not recorded{stale_warning(day, verified)})"
    )


def stale_warning(day: date, verified: date = VERIFIED_AS_OF) -> str:
    """A warning to append when an open-ended term is judged at ``day``, well past the day it was last
    verified: the term may have ended since, and the verdict cannot know."""
    gap = (day - verified).days
    if gap <= STALE_AFTER_DAYS:
        return ""
    return (
        f"; warning: the document date is {gap // 30} months after that, "
        "so this open term may have ended since and the verdict may be out of date"
    )


def _term_text(term: Any) -> str:
    start = human_date(_when_of(term.start))
    if term.end is None:
        return f"from {start}"
    return f"from {start} to {human_date(_when_of(term.end))}"


def _when_of(partial: Any) -> When:
    return When.parse(str(partial))


def _holders(ctx: Context, state: str, office: str, day: date) -> str:
    from faultlines.check.people import holders_on

    people = holders_on(state, office, day, ctx.base.people) if state else []
    return " and ".join(p.name for p in people)


def _holder_source(ctx: Context, state: str, office: str, day: date) -> str:
    from faultlines.check.people import holders_on

    for person in holders_on(state, office, day, ctx.base.people) if state else []:
        terms = office_terms(person, office, state)
        if terms:
            return str(terms[0].source)
    return ""


# --------------------------------------------------------------------------- events

FAMILIES: dict[str, set[str]] = {
    "crash": {"crash", "shootdown"},
    "visit": {"visit", "summit"},
    "strike": {"strike", "attack", "war", "war_phase", "assassination"},
    "war": {"war", "war_phase", "clash", "strike", "intervention", "blockade", "annexation"},
    "independence": {"independence"},
    "referendum": {"referendum"},
    "ceasefire": {"ceasefire", "agreement"},
    "embassy_attack": {"embassy_attack"},
    "treaty": {"treaty", "agreement", "ceasefire"},
    "assassination": {"assassination"},
    "attack": {"attack", "embassy_attack", "strike"},
}
NOUNS = {
    "crash": "crash",
    "visit": "visit",
    "strike": "strike",
    "war": "war",
    "independence": "independence",
    "referendum": "referendum",
    "ceasefire": "ceasefire",
    "embassy_attack": "embassy attack",
    "treaty": "treaty",
    "assassination": "assassination",
    "attack": "attack",
}


@dataclass(slots=True)
class _Match:
    event: RefEvent
    people: int
    states: int
    context: int
    host_ok: bool
    visitor_ok: bool

    @property
    def score(self) -> int:
        return 3 * self.people + self.states + 2 * self.context + (2 if self.visitor_ok else 0)


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name else ""


def event_candidates(claim: Claim, base: ReferenceBase) -> list[_Match]:
    """Reference events of the claim's kind that share people, states or a named context with it."""
    kind = claim.subject
    family = FAMILIES.get(kind, {kind})
    names = {_surname(n) for n in claim.details.get("people_names", [])}
    states = set(claim.details.get("states", []))
    context = set(claim.details.get("context", []))
    places = set(claim.details.get("places", []))
    host = claim.details.get("host", "")
    out: list[_Match] = []
    for event in base.events:
        if event.kind not in family:
            continue
        ref_people = {_surname(p) for p in event.people} | {
            _surname(str(p)) for p in event.details.get("dead", []) or []
        }
        people = len(names & ref_people)
        where = set(event.participants) | ({event.country} if event.country else set())
        shared = len(states & where)
        text = f"{event.title} {event.place}".lower()
        ctx = sum(1 for c in context if c.replace("-", " ") in text.replace("-", " "))
        ctx += sum(1 for p in places if re.search(rf"\b{re.escape(p.lower())}\b", event.place.lower()))
        visitor = str(event.details.get("visitor", ""))
        visitor_ok = bool(visitor) and _surname(visitor) in names
        host_state = str(event.details.get("host_state", event.country))
        host_ok = not host or host == host_state
        if kind == "visit" and not host_ok:
            continue
        if people == 0 and shared == 0 and ctx == 0:
            continue
        if context and ctx == 0 and kind in {"war", "ceasefire"}:
            continue  # the claim names its war ("Nagorno-Karabakh"); another war is not it
        if kind == "treaty" and people + shared < 2 and ctx == 0:
            continue  # one shared name is not enough to say which agreement the article means
        loose = kind in {"war", "strike", "treaty", "ceasefire", "embassy_attack"} and people == 0 and ctx == 0
        if loose and shared < min(2, len(states)):
            continue
        other_visitor = kind == "visit" and names and not visitor_ok and people == 0
        # a visit by someone else is kept only as a possible "wrong visitor" answer
        if other_visitor and not (host and host_ok and states & {str(event.details.get("visitor_state", ""))}):
            continue
        out.append(_Match(event, people, shared, ctx, host_ok, visitor_ok))
    return out


def _strong(kind: str, m: _Match, claim: Claim) -> bool:
    """Whether a candidate surely is the event the claim means, so a wrong date is an error, not a gap."""
    states = set(claim.details.get("states", []))
    if kind == "crash":
        return m.people > 0 or m.states >= 2
    if kind == "assassination":
        return m.people > 0
    if kind == "attack":
        return m.people > 0 or (m.context > 0 and m.event.kind == "attack")
    if kind == "visit":
        return m.visitor_ok and m.host_ok
    if kind in {"independence", "referendum"}:
        return m.states > 0 and len(states) <= 2
    if kind == "embassy_attack":
        return m.states >= 2
    if kind == "strike":
        return m.states >= 2 and m.event.kind == "strike"
    if kind == "war":
        return m.context > 0  # a named war ("Nagorno-Karabakh", "44-day") identifies itself
    if kind == "ceasefire":
        return m.context > 0 and (m.states > 0 or m.context >= 2 or not states)
    if kind == "treaty":
        return m.people >= 2 or m.context > 0  # the signatories, or the agreement's own name
    return False


def check_event(claim: Claim, ctx: Context) -> Verdict:
    kind = claim.subject
    when = claim.when
    noun = NOUNS.get(kind, kind)
    candidates = event_candidates(claim, ctx.base)
    if when is None or when.start is None or when.end is None:
        return _verdict(claim, L.UNVERIFIABLE, "The claim gives no date to compare.")
    overlapping = [m for m in candidates if m.event.first_day <= when.end and m.event.last_day >= when.start]
    if kind == "visit":
        overlapping = [m for m in overlapping if m.visitor_ok or not claim.details.get("people_names")]
    if overlapping:
        best = max(overlapping, key=lambda m: m.score)
        e = best.event
        return _verdict(
            claim,
            L.SUPPORTED,
            f"{e.title}: {e.when_text()} (source: {e.source}); the article says {when.text}.",
            reference=f"{e.title}, {e.when_text()}",
            source=e.source,
            qid=e.qid,
        )
    start = when.start
    strong = [m for m in candidates if _strong(kind, m, claim)]
    if kind == "visit" and not strong:
        # the right host and time but another visitor: "wrong visitor"
        others = [
            m
            for m in candidates
            if m.host_ok and m.event.first_day <= when.end and m.event.last_day >= when.start and not m.visitor_ok
        ]
        if others and claim.details.get("people_names"):
            e = others[0].event
            visitor = e.details.get("visitor", "someone else")
            return _verdict(
                claim,
                L.CONTRADICTED,
                f"The visit in {when.text} was by {visitor} ({e.title}, {e.when_text()}, "
                f"source: {e.source}); the article names {', '.join(claim.details['people_names'])}.",
                reference=f"{e.title}, {e.when_text()}",
                source=e.source,
            )
    if strong:
        strong.sort(key=lambda m: (-m.score, abs((m.event.first_day - start).days)))
        top = [m for m in strong if m.score == strong[0].score]
        e = top[0].event
        dates = ", ".join(m.event.when_text() for m in sorted(top, key=lambda m: m.event.first_day))
        if len(top) == 1:
            text = (
                f"The {noun} happened on {e.when_text()} ({e.title}; source: {e.source}); the article says {when.text}."
            )
        else:
            text = (
                f"The base records such {noun}s on {dates} (source: {e.source}); none in {when.text}, "
                "as the article says."
            )
        return _verdict(claim, L.CONTRADICTED, text, reference=f"{e.title}, {e.when_text()}", source=e.source)
    return _verdict(
        claim,
        L.UNVERIFIABLE,
        f"No {noun} matching '{_said(claim)}' ({when.text}) is in the reference base.",
    )


def check_event_detail(claim: Claim, ctx: Context) -> Verdict:
    kind = claim.subject
    found = event_candidates(claim, ctx.base)
    candidates = [m for m in found if _strong(kind, m, claim)]
    when = claim.when
    if when is not None and when.start and when.end:
        # a detail sits with the event the date claim matched when there is one; else with the event the
        # people (or states) surely identify
        timely = [m for m in found if m.event.first_day <= when.end and m.event.last_day >= when.start]
        candidates = timely or candidates
    if not candidates:
        return _verdict(claim, L.UNVERIFIABLE, f"No {NOUNS.get(kind, kind)} matching '{_said(claim)}' is in the base.")
    best = max(candidates, key=lambda m: m.score)
    e = best.event
    if claim.predicate == "aircraft":
        ref = str(e.details.get("aircraft", ""))
        model = e.details.get("model", "")
        ref_text = f"{ref}{' (' + str(model) + ')' if model else ''}"
        said = f"a {claim.value}"
    elif claim.predicate == "place":
        ref = e.country
        ref_text = f"{e.place}, {e.country}" if e.place else e.country
        said = str(claim.value)
    else:
        return _verdict(claim, L.UNVERIFIABLE, f"Details of kind '{claim.predicate}' are not recorded.")
    if not ref:
        return _verdict(claim, L.UNVERIFIABLE, f"The base does not record the {claim.predicate} of {e.title}.")
    if ref == claim.value:
        return _verdict(claim, L.SUPPORTED, f"{e.title}: {ref_text} (source: {e.source}).", ref_text, e.source)
    if not _strong(kind, best, claim):
        # only a loose match (same time and one state): the article may mean another event
        return _verdict(
            claim,
            L.UNVERIFIABLE,
            f"The only matching event in the base, {e.title} ({e.when_text()}), "
            f"differs ({ref_text}); the article may mean another one.",
            ref_text,
            e.source,
        )
    return _verdict(
        claim,
        L.CONTRADICTED,
        f"{e.title} ({e.when_text()}): {ref_text}, not {said} (source: {e.source}).",
        ref_text,
        e.source,
    )


# --------------------------------------------------------------------------- quantities


#: A population figure for more years after the reference series than this is not compared with it.
MAX_POPULATION_GAP = 5


def check_quantity(claim: Claim, ctx: Context) -> Verdict:
    state = claim.subject
    year = claim.when.start.year if claim.when and claim.when.start else ctx.doc_date.year
    hedge = hedge_kind(claim)
    low, high = float(claim.value["low"]), float(claim.value["high"])
    if claim.predicate == "share":
        return _check_share(claim, ctx, state, low, high, hedge)
    row, gap_note = ctx.base.population_of(state, year)
    if row is None:
        return _verdict(claim, L.UNVERIFIABLE, f"No population figures for {state} in the reference base.")
    latest = max(ctx.base.population.get(state) or {row.year: row})
    if year > ctx.doc_date.year or year - latest > MAX_POPULATION_GAP:
        why = (
            f"after the document date ({fmt(ctx.doc_date)})"
            if year > ctx.doc_date.year
            else f"more than {MAX_POPULATION_GAP} years after the latest reference figure ({latest})"
        )
        return _verdict(
            claim,
            L.UNVERIFIABLE,
            f"The article gives a figure for {year}, {why}: a projection, not a fact the base can check.",
        )
    gap = max(0, min(5, year - row.year))
    if claim.predicate == "population":
        precision = float(claim.details.get("precision", 0.0))
        # the larger of 5% (hedged) or 2% (exact) and half a unit of the figure's last digit
        tol = max(0.05 if hedge == "approx" else 0.02, precision / low if low else 0.0) + gap / 100
        ref_lo = ref_hi = row.value
        ref_text = f"{row.value / 1e6:.2f} million ({row.year})"
        what = f"The population of {state}"
    else:
        shares = ctx.base.composition_of(state, "ethnic", str(claim.details.get("group", "")))
        shares = shares or ctx.base.composition_of(state, "religious", str(claim.details.get("group", "")))
        if not shares:
            return _verdict(
                claim,
                L.UNVERIFIABLE,
                f"The base has no share of {claim.details.get('group')} in {state}.",
            )
        share = max(shares, key=lambda c: c.year)
        assert share.low is not None and share.high is not None
        ref_lo, ref_hi = row.value * share.low / 100, row.value * share.high / 100
        tol = 0.05 + gap / 100
        ref_text = (
            f"{ref_lo / 1e6:.1f}-{ref_hi / 1e6:.1f} million ({share.low:g}-{share.high:g}% of "
            f"{row.value / 1e6:.1f} million in {row.year})"
            if ref_lo != ref_hi
            else f"{ref_lo / 1e6:.1f} million"
        )
        what = f"The number of {claim.details.get('group')} in {state}"
        source = f"{share.source}; {row.source}"
    source = row.source if claim.predicate == "population" else source
    note = f"; {gap_note}" if gap_note else ""
    label = _judge_range(low, high, ref_lo, ref_hi, hedge, tol, relative=True)
    said = _said(claim)
    text = f"{what} is {ref_text} (source: {source}{note}); the article says '{said}' (tolerance {tol:.0%})."
    return _verdict(claim, label, text, ref_text, source)


def _judge_range(
    low: float, high: float, ref_lo: float, ref_hi: float, hedge: str, tol: float, *, relative: bool
) -> VerdictLabel:
    """Compare a claimed value or range with a reference value or range under a tolerance."""

    def widen(x: float, k: float) -> tuple[float, float]:
        d = abs(x) * k if relative else k
        return x - d, x + d

    if hedge == "lower":
        floor = widen(low, tol)[0]
        if ref_hi >= floor:
            return L.SUPPORTED
        return L.PARTLY_SUPPORTED if ref_hi >= widen(low, 2 * tol)[0] else L.CONTRADICTED
    if hedge == "upper":
        ceiling = widen(high, tol)[1]
        if ref_lo <= ceiling:
            return L.SUPPORTED
        return L.PARTLY_SUPPORTED if ref_lo <= widen(high, 2 * tol)[1] else L.CONTRADICTED

    def near(k: float) -> tuple[float, float]:
        """The reference widened by the tolerance (relative to the reference, or in points)."""
        if relative:
            return ref_lo * (1 - k), ref_hi * (1 + k)
        return ref_lo - k, ref_hi + k

    r_lo, r_hi = near(tol)
    if low <= r_hi and high >= r_lo:
        within = r_lo <= low and high <= r_hi
        covers = low <= ref_lo and ref_hi <= high
        return L.SUPPORTED if low == high or within or covers else L.PARTLY_SUPPORTED
    r2_lo, r2_hi = near(2 * tol)
    if low == high and r2_lo <= low <= r2_hi:
        return L.PARTLY_SUPPORTED
    return L.CONTRADICTED


def _check_share(claim: Claim, ctx: Context, state: str, low: float, high: float, hedge: str) -> Verdict:
    group = str(claim.details.get("group", ""))
    entries = ctx.base.composition_of(state, "ethnic", group) or ctx.base.composition_of(state, "religious", group)
    if not entries:
        return _verdict(claim, L.UNVERIFIABLE, f"The base has no share of {group} in {state}.")
    entry = max(entries, key=lambda c: c.year)
    assert entry.low is not None and entry.high is not None
    tol = 2.0 if hedge == "approx" else 0.5 if hedge in {"lower", "upper"} else 1.0
    label = _judge_range(low, high, entry.low, entry.high, hedge, tol, relative=False)
    ref = f"{entry.low:g}%" if entry.low == entry.high else f"{entry.low:g}-{entry.high:g}% (estimates vary)"
    note = f"; {entry.note}" if entry.note else ""
    text = (
        f"{group} are {ref} of {state}'s population ({entry.year}, source: {entry.source}{note}); "
        f"the article says '{_said(claim)}' (tolerance {tol:g} points)."
    )
    return _verdict(claim, label, text, ref, entry.source)


# --------------------------------------------------------------------------- attributes


_ADMIN_SUFFIX = re.compile(
    r"\s+(?:A?SSR|SFSR|Autonomous (?:Oblast|Republic|Region)|[Pp]rovince|Governorate|[Oo]blast|[Rr]egion)$"
)
_NOW = re.compile(r"\s*\(now ([^)]+)\)")


def _place_parts(birthplace: str) -> list[str]:
    """The comma-separated parts of a birthplace, with administrative suffixes dropped ('Azerbaijan
    SSR' -> 'Azerbaijan') and a '(now X)' note as a part of its own."""
    parts: list[str] = []
    for raw in birthplace.split(","):
        parts.extend(_NOW.findall(raw))
        part = _ADMIN_SUFFIX.sub("", _NOW.sub("", raw).strip())
        if part:
            parts.append(part)
    return parts


def born_in(claimed: str, birthplace: str, base: ReferenceBase) -> bool:
    """Whether 'born in <claimed>' fits a recorded birthplace ('Tabriz, East Azerbaijan province, Iran').

    Whole parts only, never substrings ('Iran' is not in 'Tirana', 'Azerbaijan' is not 'East Azerbaijan
    province'). A claimed state matches a part naming the same state by any of its names or demonyms
    ('Turkey' ~ 'Türkiye', 'Georgia' ~ 'Georgian SSR'), or, when the record names no state, its capital.
    """
    wanted = claimed.strip().lower()
    parts = _place_parts(birthplace)
    if any(part.lower() == wanted for part in parts):
        return True
    forms = base.lex.state_forms
    entry = forms.get(claimed.strip())
    if entry is None or entry[1] != "name":
        return False
    named = {forms[p][0] for p in parts if p in forms and forms[p][1] in {"name", "demonym"}}
    if named:
        return entry[0] in named
    return any(p in forms and forms[p][0] == entry[0] for p in parts)


def check_attribute(claim: Claim, ctx: Context) -> Verdict:
    if claim.predicate == "majority_religion":
        return _check_religion(claim, ctx)
    people = _person(ctx, claim)
    if not people:
        return _verdict(claim, L.UNVERIFIABLE, "The person is not in the reference base.")
    person = people[0]
    if claim.predicate == "birthplace":
        if not person.birthplace:
            return _verdict(claim, L.UNVERIFIABLE, f"The base has no birthplace for {person.name}.")
        ok = born_in(str(claim.value), person.birthplace, ctx.base)
        return _verdict(
            claim,
            L.SUPPORTED if ok else L.CONTRADICTED,
            f"{person.name} was born in {person.birthplace} (source: {person.source}); the article says {claim.value}.",
            person.birthplace,
            person.source,
        )
    ethnicity = str(getattr(person, "ethnicity", "") or "")
    source = str(getattr(person, "ethnicity_source", "") or person.source)
    if not ethnicity:
        return _verdict(
            claim,
            L.UNVERIFIABLE,
            f"The base does not document {person.name}'s ethnicity; the article says {claim.value}.",
        )
    lex = ctx.base.lex
    forms = [w.lower().rstrip("s") for w, key in lex.groups.items() if key == claim.value] + [
        str(claim.value).lower().rstrip("s")
    ]
    ok = any(f and f in ethnicity.lower() for f in forms)
    partial = ok and any(w in ethnicity.lower() for w in ("father", "mother", "side", "partly", "half"))
    label = L.PARTLY_SUPPORTED if partial else L.SUPPORTED if ok else L.CONTRADICTED
    return _verdict(
        claim,
        label,
        f"{person.name}: {ethnicity} (source: {source}); the article says {claim.value}.",
        ethnicity,
        source,
    )


def _check_religion(claim: Claim, ctx: Context) -> Verdict:
    state = claim.subject
    entries = ctx.base.composition_of(state, "majority_religion")
    if not entries:
        return _verdict(claim, L.UNVERIFIABLE, f"The base has no majority religion for {state}.")
    e = max(entries, key=lambda c: c.year)
    said = str(claim.value)
    branch_words = {"Shia", "Sunni"}
    ok = e.branch == said if said in branch_words else e.religion == said
    ref = f"{e.religion}{' (' + e.branch + ')' if e.branch else ''}"
    note = f"; {e.note}" if e.note else ""
    if ok and not e.majority:
        return _verdict(
            claim,
            L.PARTLY_SUPPORTED,
            f"{ref} is the largest religion of {state} but not a majority (source: {e.source}{note}).",
            ref,
            e.source,
        )
    label = L.SUPPORTED if ok else L.CONTRADICTED
    return _verdict(
        claim,
        label,
        f"The majority religion of {state} is {ref} (source: {e.source}{note}); the article says {said}.",
        ref,
        e.source,
    )


# --------------------------------------------------------------------------- memberships


def _window(claim: Claim, ctx: Context) -> tuple[date, date, str]:
    if claim.when is not None and claim.when.start and claim.when.end:
        return claim.when.start, claim.when.end, f"in {claim.when.text}"
    return ctx.doc_date, ctx.doc_date, f"on the document date ({fmt(ctx.doc_date)})"


def _m_text(m: Membership) -> str:
    left = f" until {human_date(m.left)}" if m.left else ""
    role = "" if m.role == "member" else f" ({m.role})"
    return f"{m.state} in {m.organisation}{role} from {human_date(m.joined)}{left}"


def check_membership(claim: Claim, ctx: Context) -> Verdict:
    if claim.predicate == "alliance":
        return _check_alliance(claim, ctx)
    state, org = claim.subject, str(claim.value)
    lo, hi, asked = _window(claim, ctx)
    until = claim.when is not None and claim.when.start is None and claim.when.end is not None
    if until and claim.predicate == "member_of" and claim.when is not None and claim.when.end is not None:
        # "a member of OPEC until 2019": a claim about when the membership ended
        end = claim.when.end
        lo, hi, asked = date(end.year, 1, 1), end, claim.when.text
        claim = dataclasses.replace(claim, predicate="left")
    records = [m for m in ctx.base.memberships if m.state == state and m.organisation == org]
    lex = ctx.base.lex
    complete = org in lex.complete_orgs
    members = [m for m in records if m.role == "member"]
    if not records:
        if not complete:
            return _verdict(claim, L.UNVERIFIABLE, f"The base does not list {state} in {org} (its list is partial).")
        label = L.SUPPORTED if claim.predicate == "not_member_of" else L.CONTRADICTED
        return _verdict(
            claim,
            label,
            f"{state} has never been a member of {org} (source: the base's full member list, {_org_source(ctx, org)}).",
            f"{state} not in {org}",
            _org_source(ctx, org),
        )
    ref = "; ".join(_m_text(m) for m in records)
    source = records[0].source
    covering = [m for m in members if m.covers(lo, hi)]
    if claim.predicate == "not_member_of":
        label = L.CONTRADICTED if covering else L.SUPPORTED
        return _verdict(claim, label, f"{ref} (source: {source}).", ref, source)
    if claim.predicate == "joined":
        if claim.when is None:
            label = L.SUPPORTED if members else L.CONTRADICTED
            return _verdict(claim, label, f"{ref} (source: {source}).", ref, source)
        hit = [m for m in members if m.joined.earliest <= hi and m.joined.latest >= lo]
        if hit:
            return _verdict(claim, L.SUPPORTED, f"{ref} (source: {source}).", ref, source)
        return _verdict(
            claim,
            L.CONTRADICTED,
            f"{ref} (source: {source}); the article says it joined {asked}.",
            ref,
            source,
        )
    if claim.predicate == "left":
        hit = [
            m
            for m in members
            if m.left is not None and (claim.when is None or (m.left.earliest <= hi and m.left.latest >= lo))
        ]
        label = L.SUPPORTED if hit else L.CONTRADICTED
        return _verdict(claim, label, f"{ref} (source: {source}); the article says it left.", ref, source)
    if covering:
        note = f" ({covering[0].note})" if covering[0].note else ""
        return _verdict(claim, L.SUPPORTED, f"{ref}{note} (source: {source}).", ref, source)
    if members and all(m.left is not None and m.left.latest < lo for m in members):
        return _verdict(
            claim,
            L.OUTDATED,
            f"{ref}: no longer a member {asked} (source: {source}).",
            ref,
            source,
        )
    if members and all(m.joined.earliest > hi for m in members):
        return _verdict(claim, L.CONTRADICTED, f"{ref}: not yet a member {asked} (source: {source}).", ref, source)
    return _verdict(
        claim,
        L.CONTRADICTED,
        f"{ref}: not a full member {asked} (source: {source}).",
        ref,
        source,
    )


def _org_source(ctx: Context, org: str) -> str:
    for m in ctx.base.memberships:
        if m.organisation == org:
            return m.source
    return ""


def _check_alliance(claim: Claim, ctx: Context) -> Verdict:
    a, b = claim.subject, str(claim.value)
    lo, hi, asked = _window(claim, ctx)
    for e in ctx.base.events:
        if e.details.get("alliance") and {a, b} <= set(e.participants) and e.first_day <= hi:
            return _verdict(
                claim,
                L.SUPPORTED,
                f"{e.title}, {e.when_text()} (source: {e.source}).",
                e.title,
                e.source,
            )
    for org in ("NATO", "CSTO"):
        both = [
            m
            for m in ctx.base.memberships
            if m.organisation == org and m.role == "member" and m.state in {a, b} and m.covers(lo, hi)
        ]
        if {m.state for m in both} == {a, b}:
            return _verdict(
                claim,
                L.SUPPORTED,
                f"{a} and {b} are both {org} members {asked} (source: {both[0].source}).",
                f"both in {org}",
                both[0].source,
            )
    return _verdict(
        claim,
        L.UNVERIFIABLE,
        f"The base records no alliance treaty or shared military alliance between {a} and "
        f"{b}; close cooperation is not a formal alliance.",
    )


# --------------------------------------------------------------------------- superlatives


def _meets(ref: When, when: TimeInterval) -> bool:
    """Whether a reference date and a claimed interval share a day (an open claim meets everything)."""
    if when.start is None or when.end is None:
        return True
    return ref.earliest <= when.end and ref.latest >= when.start


def check_superlative(claim: Claim, ctx: Context) -> Verdict:
    phrase = str(claim.details.get("phrase", "")).lower()
    entries = [f for f in ctx.base.firsts if f.category == claim.predicate and all(k in phrase for k in f.keywords)]
    if not entries:
        return _verdict(claim, L.UNVERIFIABLE, "No sourced record of this first or superlative in the base.")
    states = list(claim.details.get("states", []))
    names = [n.lower() for n in claim.details.get("people_names", [])]
    subject = states[0] if states else (names[0] if names else "")
    f = next((f for f in entries if f.subject == subject or f.subject.lower() in names), None)
    if f is None:
        f = entries[0]
        said = subject.upper() if subject in states else subject
        return _verdict(
            claim,
            L.CONTRADICTED,
            f"{f.statement} (source: {f.source}); the article gives it to {said or 'someone else'}.",
            f.statement,
            f.source,
        )
    ref_when, when = f.when, claim.when
    if ref_when is not None and when is not None and when.start and when.end and not _meets(ref_when, when):
        return _verdict(
            claim,
            L.CONTRADICTED,
            f"{f.statement}, in {human_date(ref_when)} (source: {f.source}); the article says {when.text}.",
            f.statement,
            f.source,
        )
    return _verdict(claim, L.SUPPORTED, f"{f.statement} (source: {f.source}).", f.statement, f.source)


# --------------------------------------------------------------------------- dispatch

CHECKERS = {
    "office": check_office,
    "event": check_event,
    "event_detail": check_event_detail,
    "quantity": check_quantity,
    "attribute": check_attribute,
    "membership": check_membership,
    "superlative": check_superlative,
}


def _with_person_qid(verdict: Verdict, claim: Claim, base: ReferenceBase) -> Verdict:
    """Office and attribute verdicts carry the person's Wikidata QID where the gazetteer is sure of it."""
    if not verdict.qid and claim.kind in {"office", "attribute"}:
        person = base.people_index.by_id.get(claim.subject)
        verdict.qid = str(getattr(person, "qid", "") or "")
    return verdict


def check_claim(claim: Claim, base: ReferenceBase, doc_date: date) -> Verdict:
    """The verdict on one claim, as of ``doc_date`` (the date the document speaks from)."""
    if not claim.checkable:
        why = (
            claim.predicate
            if claim.kind == "opinion"
            else ("an aspiration" if claim.details.get("aspiration") else "a prediction")
        )
        return _verdict(claim, L.NOT_CHECKABLE, f"Not a statement of fact ({why}).")
    checker = CHECKERS.get(claim.kind)
    if checker is None:
        return _verdict(claim, L.UNVERIFIABLE, f"No check for claims of kind '{claim.kind}'.")
    return _with_person_qid(checker(claim, Context(base, doc_date)), claim, base)
