"""Claim extraction: the checkable statements of fact in a document, each with its span.

Works sentence by sentence on the document text with regular expressions over a lexicon (states,
organisations, groups, religions, office titles), the gazetteer's people and the reader's time
expressions (:func:`faultlines.read.timex.find_times`). Kinds of claim:

``office``       "Israeli Prime Minister Netanyahu", "Ilham Aliyev, the President of Azerbaijan"
``event``        a dated event: "the crash in early 2025", "in 2016 Netanyahu visited Baku"
``event_detail`` a detail of an event: the kind of aircraft, where it happened, who visited
``quantity``     population of a state, share or size of a group in a state
``attribute``    a person's ethnicity or birthplace, a state's majority religion
``membership``   a state's membership of an organisation, or an alliance between two states
``superlative``  firsts and superlatives: "the first country to recognise..."
``opinion``      opinion, prediction and question sentences: ``checkable=False``

Sentences are classified first; claims inside a prediction or an aspiration are kept but marked
not checkable, so a reader sees why they get no verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from faultlines.check.lexicon import Hit, Lexicon
from faultlines.check.reference import ReferenceBase, load_reference
from faultlines.model import Claim, DocumentModel, Span, TimeInterval

# --------------------------------------------------------------------------- sentence classes

_QUESTION = re.compile(r"\?\s*[\"”']?\s*$")
_PREDICTION = re.compile(
    r"\b(will|won't|would|might|could|shall|is (?:likely|expected|set|poised|bound) to|are (?:likely|expected|set|"
    r"poised|bound) to|going to|in the (?:near |coming )?future|in the years ahead|next year|may(?! \d))\b"
)
_OPINION = re.compile(
    r"\b(should|must|ought to|I think|we think|I believe|in my view|in our view|arguably|it seems|seems to|"
    r"appears to|is like a|worth watching|the truth is|clearly|undoubtedly|perhaps|probably|analysts (?:believe|"
    r"say|think|suspect)|believe that|is (?:not )?easy|remains? (?:uncertain|unclear)|full of uncertainty|"
    r"what do you think|personal views|dear readers|leave your views)\b",
    re.I,
)
_ASPIRATION = re.compile(
    r"\b(wants? to join|seeks? to join|hopes? to join|aspir\w*|appl(?:y|ied|ies) (?:to join|for membership)|"
    r"bid to join|plans? to join|membership bid|candidate)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(not|never|no longer|neither|nor)\b", re.I)


def classify_sentence(text: str) -> str:
    """``question``, ``prediction``, ``opinion`` or ``fact``: what kind of sentence this is."""
    if _QUESTION.search(text):
        return "question"
    if _OPINION.search(text):
        return "opinion"
    if _PREDICTION.search(text):
        return "prediction"
    return "fact"


# --------------------------------------------------------------------------- times


def sentence_times(text: str) -> list[tuple[int, int, TimeInterval]]:
    """Time expressions of one sentence as (start, end, interval), from the reader's parser."""
    from faultlines.read import find_times

    return [(m.start, m.end, m.interval) for m in find_times(text)]


# --------------------------------------------------------------------------- the sentence context

_CLAUSE = re.compile(
    r";|,\s+(?:and|but|while|whereas|even though|although|though|because|which|who|where)\b|"
    r"\s+and\s+(?:has|have|is|was|joined|became|left)\b|\.\s"
)


@dataclass(slots=True)
class Sentence:
    """One sentence with everything found in it; offsets are relative to the sentence."""

    index: int
    start: int
    text: str
    mood: str
    times: list[tuple[int, int, TimeInterval]]
    states: list[Hit]
    people: list[tuple[int, int, list[Any]]]
    orgs: list[Hit]
    groups: list[Hit]
    claims: list[Claim] = field(default_factory=list)

    def time_in(self, lo: int, hi: int) -> TimeInterval | None:
        """The first time expression inside [lo, hi), if any."""
        for start, _, interval in self.times:
            if lo <= start < hi:
                return interval
        return None

    def clause_end(self, pos: int) -> int:
        """Where the clause containing ``pos`` ends (the next ';', ', and', ' and ' + verb, or the end)."""
        found = _CLAUSE.search(self.text, pos)
        return found.start() if found else len(self.text)

    def clause_start(self, pos: int) -> int:
        """Where the clause containing ``pos`` starts."""
        start = 0
        for found in _CLAUSE.finditer(self.text, 0, pos):
            start = found.end()
        return start

    def time_near(self, pos: int) -> TimeInterval | None:
        """The time expression closest to ``pos`` (before it preferred), if any."""
        if not self.times:
            return None
        best = min(self.times, key=lambda t: abs(t[0] - pos) if t[0] <= pos else abs(t[0] - pos) + 40)
        return best[2]


def sentences_of(model: DocumentModel) -> Iterator[tuple[int, int, int]]:
    """(index, start, end) of each sentence: the reader's split, else a plain punctuation split."""
    doc = model.document
    if doc.sentences:
        for index, (start, end) in enumerate(doc.sentences):
            yield index, start, end
        return
    index = 0
    for para in re.finditer(r"\S(?:.|\n(?!\s*\n))*", doc.text):  # paragraphs; single newlines are wrapping
        pos = para.start()
        for m in re.finditer(r"(?s).+?(?:[.!?](?=[\s\"”']|$)[\"”']?|$)", para.group(0)):
            if m.group(0).strip():
                yield index, pos + m.start(), pos + m.end()
                index += 1


class _Builder:
    """Creates claims with stable ids and spans for one document."""

    def __init__(self, doc_id: str, text: str) -> None:
        self.doc_id, self.text, self.count = doc_id, text, 0

    def claim(
        self,
        s: Sentence,
        kind: str,
        subject: str,
        predicate: str,
        value: Any,
        start: int,
        end: int,
        *,
        when: TimeInterval | None = None,
        checkable: bool = True,
        **details: Any,
    ) -> Claim:
        a, b = s.start + max(0, start), s.start + min(len(s.text), end)
        span = Span(self.doc_id, s.index, a, b, self.text[a:b])
        self.count += 1
        details.setdefault("sentence", s.text.strip())
        claim = Claim(
            id=f"{self.doc_id}:c{self.count}",
            doc_id=self.doc_id,
            kind=kind,
            subject=subject,
            predicate=predicate,
            value=value,
            span=span,
            when=when,
            checkable=checkable,
            details=details,
        )
        s.claims.append(claim)
        return claim


# --------------------------------------------------------------------------- offices

_PRESENT = re.compile(r"\b(is|are|has|have|remains?|today|now|currently|still|incumbent|sitting|serving)\b", re.I)
_PAST = re.compile(r"\b(was|were|had|did|then|\w+ed)\b", re.I)


def _tense(text: str) -> str:
    if _PRESENT.search(text):
        return "present"
    return "past" if _PAST.search(text) else "present"


def _mod(name: str) -> str:
    return rf"(?:(?P<{name}>(?i:former|ex|then|late|current|sitting|incumbent|acting|new|outgoing))[\s-]+)?"


_OFFICE_PATTERNS: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _office_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Title-before-name, title-after-name and title-before-unknown-name patterns (compiled once)."""
    if id(lex) not in _OFFICE_PATTERNS:
        offices, demonyms = lex.office_pattern(), lex.demonym_pattern()
        before = re.compile(
            rf"{_mod('mod')}(?:(?P<dem>{demonyms})(?:'s)?\s+)?{_mod('mod2')}(?P<office>{offices})"
            rf"(?:\s+of\s+(?:the\s+)?(?P<of>{demonyms}))?,?\s+$"
        )
        after = re.compile(
            rf"^,?\s+(?:who\s+(?:is|was)\s+)?(?:(?:the|a)\s+)?{_mod('mod')}(?:(?P<dem>{demonyms})(?:'s)?\s+)?"
            rf"{_mod('mod2')}(?P<office>{offices})(?:\s+of\s+(?:the\s+)?(?P<of>{demonyms}))?\b"
        )
        unknown = re.compile(
            rf"(?:(?P<dem>{demonyms})\s+)?(?P<office>{offices})\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
        )
        _OFFICE_PATTERNS[id(lex)] = (before, after, unknown)
    return _OFFICE_PATTERNS[id(lex)]


_SINCE = re.compile(
    r"^\s+(?:has\s+|had\s+)?(?:(?P<verb>ruled|led|governed|run|been\s+in\s+power\s+in)\s+(?P<state>[A-Z][\w ]+?)|"
    r"(?:been|served\s+as)\s+(?:the\s+)?(?P<office>[A-Z][\w ]+?)(?:\s+of\s+(?P<of>[A-Z][\w ]+?))?)\s+since\b"
)


def _since_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    """'X has ruled Azerbaijan since 2003', 'X has been Supreme Leader of Iran since 1989'."""
    for start, end, people in s.people:
        m = _SINCE.match(s.text[end:])
        if m is None:
            continue
        since = s.time_in(end + m.end() - 5, end + m.end() + 40)
        if since is None:
            continue
        office = lex.offices.get((m.group("office") or "").strip(), "")
        if m.group("office") and not office:
            continue
        state = lex.state_of((m.group("state") or m.group("of") or "").strip())
        b.claim(
            s,
            "office",
            people[0].id,
            "in_office_since",
            {"office": office, "state": state},
            start,
            end + m.end(),
            when=since,
            candidates=[p.id for p in people],
            person=people[0].name,
            title=m.group(0).strip(),
            former=False,
            tense="present",
            state_given=bool(state),
        )


def _office_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    _since_claims(s, lex, b)
    before, after, unknown = _office_patterns(lex)
    tense = _tense(s.text)
    taken: list[tuple[int, int]] = []
    for start, end, people in s.people:
        window = s.text[max(0, start - 90) : start]
        m = before.search(window)
        where = "before"
        if m is None:
            m = after.match(s.text[end : end + 90])
            where = "after"
        if m is None:
            continue
        office = lex.offices[m.group("office")]
        state_word = m.group("of") or m.group("dem") or ""
        state = lex.state_of(state_word) if state_word else ""
        span_start = start - (len(window) - m.start()) if where == "before" else start
        span_end = end if where == "before" else end + m.end()
        when = s.time_in(s.clause_start(span_start), s.clause_end(span_end))
        mod = (m.group("mod") or m.group("mod2") or "").lower()
        b.claim(
            s,
            "office",
            people[0].id,
            "holds_office",
            {"office": office, "state": state},
            span_start,
            span_end,
            when=when,
            candidates=[p.id for p in people],
            person=people[0].name,
            title=m.group(0).strip(" ,"),
            former=mod in {"former", "ex", "late", "outgoing"},
            tense="past" if mod == "then" else tense,
            state_given=bool(state),
        )
        taken.append((span_start, span_end))
    # titles before names that are not in the gazetteer: still a claim, but one we cannot check
    for m in unknown.finditer(s.text):
        if any(a <= m.start("name") < z for a, z in taken) or any(a <= m.start("name") < z for a, z, _ in s.people):
            continue
        name = m.group("name")
        if lex.state_of(name) or name in lex.orgs or name in {"The", "Of"}:
            continue
        state = lex.state_of(m.group("dem") or "")
        b.claim(
            s,
            "office",
            name,
            "holds_office",
            {"office": lex.offices[m.group("office")], "state": state},
            m.start(),
            m.end(),
            when=s.time_near(m.start()),
            candidates=[],
            person=name,
            title=m.group(0),
            former=False,
            tense=tense,
            state_given=bool(state),
        )


# --------------------------------------------------------------------------- events and details

EVENT_TRIGGERS: dict[str, re.Pattern[str]] = {
    "crash": re.compile(r"\b(crash(?:ed|es)?|went down|came down|shot down)\b", re.I),
    "visit": re.compile(r"\b(visit(?:ed|s|ing)?|trip to|travell?ed to|was received in|flew to)\b", re.I),
    "strike": re.compile(
        r"\b(air ?strikes?|strikes? (?:on|against)|struck|missile (?:and drone )?attacks?|drone and missile attacks?|"
        r"bombed|launched (?:missiles|drones)|retaliat\w+|fired\b.{0,40}\b(?:missiles|drones|rockets)|"
        r"direct attack|attack(?:s|ed)? on)\b",
        re.I,
    ),
    "war": re.compile(r"\b(war|conflict|offensive|fighting|invasion|invaded)\b", re.I),
    "independence": re.compile(r"\bindependen(?:ce|t)\b", re.I),
    "referendum": re.compile(r"\breferendum\b", re.I),
    "ceasefire": re.compile(r"\b(cease-?fire|truce|armistice)\b", re.I),
    "embassy_attack": re.compile(r"\bembassy\b", re.I),
    "attack": re.compile(
        r"\b(bombings?|bomb attack|suicide (?:attack|bombing)|terror(?:ist)? attack|massacre|shooting)\b", re.I
    ),
    "treaty": re.compile(
        r"\b(treaty|accords?|declaration on|signed|protocol|initial(?:l)?ed|(?:peace|trade|defence|defense|"
        r"cooperation|partnership) (?:agreement|deal))\b",
        re.I,
    ),
    "assassination": re.compile(r"\b(assassinat\w+|killed in an? (?:air ?strike|drone strike)|killing of)\b", re.I),
}
_PLACE_WORD = re.compile(
    r"\b(?:in|at|near|over|of)\s+(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That)\b)([A-Z][\w-]+)"
)
_EMBASSY_ATTACK = re.compile(r"\b(attack\w*|storm\w*|gunman|assault\w*|bomb\w*|shooting)\b", re.I)
_AIRCRAFT = {
    "helicopter": re.compile(r"\b(helicopters?|chopper)\b", re.I),
    "plane": re.compile(r"\b(plane|airplane|aeroplane|airliner|jet|aircraft|passenger flight|flight \d+)\b", re.I),
}
_WAR_CONTEXT = re.compile(
    r"\b(Nagorno-Karabakh|Karabakh|Chechen|Gaza|Lebanon|Hezbollah|Iraq|Afghanistan|Syria|Georgia|Ukraine|"
    r"Donbas|Kargil|Twelve-Day|12-day|44-day|Four-Day|Gulf)\b",
    re.I,
)
_VISIT_TARGET = re.compile(
    r"\b(?:visit(?:ed|s|ing)?|trip to|travell?ed to|flew to|was received in|visit to)\s+(?:the\s+)?"
)
_RELATIVE = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|six|\d+|several|a few)\s+(?:years?|months?|weeks?|days?|decades?)\s+"
    r"(?:after|before|later|earlier|ago)|(?:after|before|following|ahead of|prior to)\s+(?:the|its|his|her|their)\b|"
    r"(?:after|before)\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?)\s+of\b)",
    re.I,
)
_NOT_EVENT_TIME = re.compile(r"\b(since|until|by)\s*$", re.I)


def _names_before(text: str, pos: int, lex: Lexicon) -> list[str]:
    """The proper name a trigger closes ("the Abraham Accords", "the Zurich Protocols"), for matching titles.

    State names, demonyms and capitals are not names of an agreement ("Moscow signed...")."""
    m = re.search(r"((?:[A-Z][\w-]+\s+){1,3})$", text[:pos])
    if not m:
        return []
    stop = {"the", "a", "an", "in", "on", "this", "that", "its", "their"}
    words = [
        w for w in m.group(1).split() if w.lower() not in stop and not all(lex.state_of(part) for part in w.split("-"))
    ]
    return [" ".join(words).lower()] if words else []


def _event_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    text = s.text
    found: dict[str, re.Match[str]] = {}
    for kind, pattern in EVENT_TRIGGERS.items():
        m = pattern.search(text)
        if m is None:
            continue
        if kind == "embassy_attack" and not _EMBASSY_ATTACK.search(text):
            continue
        if kind == "war" and not (_WAR_CONTEXT.search(text) or len({h.key for h in s.states}) >= 2):
            continue
        if kind == "independence" and not re.search(
            r"\b(declared|declaring|gained|gaining|won|winning|restored|since its|from the|became independent)\b", text
        ):
            continue
        if kind == "treaty" and ("embassy_attack" in found or "visit" in found):
            continue
        found[kind] = m
    if "crash" in found:
        found.pop("strike", None)
    if "embassy_attack" in found:
        found.pop("strike", None)
        found.pop("attack", None)
    if "assassination" in found:
        found.pop("strike", None)
    speculative = s.mood == "prediction"
    people = [p[2][0] for p in s.people]
    # other proper names (towns, regions) to match an event's place: "in Kerman", "near Aktau"
    taken = [(h.start, h.end) for h in s.states] + [(a, z) for a, z, _ in s.people]
    places = [
        w.group(1)
        for w in _PLACE_WORD.finditer(text)
        if not any(a <= w.start(1) < z for a, z in taken) and not lex.state_of(w.group(1))
    ]
    states = sorted({h.key for h in s.states})
    for kind, m in found.items():
        when = s.time_near(m.start())
        if when is not None and when.text in text:
            lo, hi = sorted((text.find(when.text), m.start()))
            if _RELATIVE.search(text[lo:hi]):
                when = None  # "in 2009, a year after the war": the year is not the war's
        host = ""
        if kind == "visit":
            target = _VISIT_TARGET.search(text)
            if target:
                hits = [h for h in s.states if h.start == target.end()]
                host = hits[0].key if hits else ""
        details: dict[str, Any] = {
            "states": states,
            "people": [p.id for p in people],
            "people_names": [p.name for p in people],
            "trigger": m.group(0),
            "host": host,
            "places": places,
            "context": [c.lower() for c in _WAR_CONTEXT.findall(text)] + _names_before(text, m.start(), lex),
        }
        if when is not None:
            before = text[: text.find(when.text)] if when.text in text else ""
            if not _NOT_EVENT_TIME.search(before):
                b.claim(
                    s,
                    "event",
                    kind,
                    "occurred",
                    {"start": when.start, "end": when.end, "text": when.text},
                    m.start(),
                    m.end(),
                    when=when,
                    checkable=not speculative,
                    **details,
                )
        if kind == "crash":
            for aircraft, pattern in _AIRCRAFT.items():
                a = pattern.search(text)
                if a:
                    b.claim(
                        s,
                        "event_detail",
                        kind,
                        "aircraft",
                        aircraft,
                        a.start(),
                        max(a.end(), m.end()),
                        when=when,
                        checkable=not speculative,
                        **details,
                    )
                    break
            place = re.search(r"\b(?:crash(?:ed)?|went down|came down)\s+(?:\w+\s+){0,3}?(?:in|over|near)\s+", text)
            if place:
                hits = [h for h in s.states if h.start == place.end() and h.form == "name"]
                if hits:
                    b.claim(
                        s,
                        "event_detail",
                        kind,
                        "place",
                        hits[0].key,
                        place.start(),
                        hits[0].end,
                        when=when,
                        checkable=not speculative,
                        **details,
                    )


# --------------------------------------------------------------------------- quantities

_MOVED = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:fled|left|were (?:displaced|killed|deported|expelled|evacuated)|died|"
    r"were forced|crossed|arrived|moved|emigrated|returned)\b",
    re.I,
)
_POPULATION_CUE = re.compile(r"\b(population|inhabitants|residents|citizens|people|home to|populous)\b", re.I)
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
#: Units of ``find_quantities`` that can count a state's or a group's people ("" = a bare number).
_PEOPLE_UNITS = frozenset({"persons", ""})


def quantity_bound(low: float | None, high: float | None, hedge: str) -> str:
    """``lower``/``upper`` when the reader's words leave one side open ("more than", "nearly"),
    ``lower`` for a vague plural ("millions of": at least two million), else ``""``. The reader's
    hedge table decides; check keeps none of its own."""
    if hedge == "vague":
        return "lower"
    if high is None:
        return "lower"
    if low is None:
        return "upper"
    return ""


def _quantity_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    """Population, share and group-size claims from the numbers ``faultlines.read.find_quantities``
    finds (the same extractor and hedge vocabulary as reading, so a claim's hedge does not depend on
    which package saw it)."""
    from faultlines.read import find_quantities

    text = s.text
    last_group: Hit | None = None
    names = [h for h in s.states if h.form == "name"]
    for q in find_quantities(text):
        pct = q.unit == "percent"
        if not pct and (q.unit not in _PEOPLE_UNITS or q.value < 10000):
            continue  # money, troops, distances, years and small counts are not population claims
        hedge = q.hedge
        bound = quantity_bound(q.low, q.high, hedge)
        # the figure as stated: both ends of a range, else the number (the bound says which side is open)
        low_v = q.low if q.low is not None else q.value
        high_v = q.high if q.high is not None else q.value
        if hedge == "vague":
            high_v = low_v  # "millions of": at least the smallest reading, with a lower bound
        # the comma-delimited stretch around the number: "..., of which 16% are Azeris, ..."
        chunk_start = max(text.rfind(",", 0, q.start), text.rfind(";", 0, q.start), 0)
        chunk_ends = [i for i in (text.find(",", q.end), text.find(";", q.end)) if i != -1]
        chunk_end = min(chunk_ends) if chunk_ends else len(text)
        groups_after = [
            g
            for g in s.groups
            if q.start < g.start < q.end
            or (g.start >= q.end and re.fullmatch(r"\s*(?:ethnic\s+)?", text[q.end : g.start]))
        ]
        groups_in_chunk = [g for g in s.groups if chunk_start <= g.start <= chunk_end]
        c_lo, c_hi = s.clause_start(q.start), s.clause_end(q.end)
        in_clause = [h for h in s.states if c_lo <= h.start < c_hi]
        if in_clause and not any(h.form == "name" for h in in_clause):
            continue  # "2.3 million people live in Baku": a city's figure, not the state's
        subject_states = (
            [h for h in in_clause if h.form == "name" and h.end <= q.start]
            or [h for h in names if h.end <= q.start]
            or names
        )
        state = subject_states[-1].key if subject_states else ""
        if pct:
            following = [g for g in groups_in_chunk if g.start > q.start]
            chosen = groups_after or following or groups_in_chunk or ([last_group] if last_group else [])
            if not chosen or not state:
                continue
            last_group = chosen[0]
            b.claim(
                s,
                "quantity",
                state,
                "share",
                {"low": low_v, "high": high_v},
                q.start,
                max(q.end, chosen[0].end),
                when=s.time_near(q.start),
                group=chosen[0].key,
                hedge=hedge,
                bound=bound,
                unit="percent",
            )
            continue
        # "a large Azerbaijani minority, perhaps 15 to 20 million people": the number sizes the group
        just_named = [
            g
            for g in s.groups
            if g.end <= q.start
            and q.start - g.end <= 40
            and not _POPULATION_CUE.search(text[g.end : q.start])
            and not any(g.end <= h.start < q.start for h in names)
        ]
        groups_here = groups_after or just_named[-1:]
        if groups_here and _MOVED.match(text[groups_here[0].end : groups_here[0].end + 40]):
            continue  # "100,000 Armenians fled": people who moved or died, not the group's size
        near_population = _POPULATION_CUE.search(text[max(0, q.start - 40) : q.end])
        if groups_here or (last_group is not None and not near_population):
            group = groups_here[0] if groups_here else last_group
            assert group is not None
            if not state:
                continue
            b.claim(
                s,
                "quantity",
                state,
                "group_size",
                {"low": low_v, "high": high_v},
                q.start,
                max(q.end, group.end if groups_here else q.end),
                when=s.time_near(q.start),
                group=group.key,
                hedge=hedge,
                bound=bound,
                unit="people",
            )
            continue
        if near_population or _POPULATION_CUE.search(text[q.end : q.end + 25]):
            if not state or hedge == "vague":
                continue
            numeral = _NUMERAL.search(q.text)
            factor = q.value / float(numeral.group(0).replace(",", "")) if numeral and low_v == high_v else 0.0
            b.claim(
                s,
                "quantity",
                state,
                "population",
                {"low": low_v, "high": high_v},
                q.start,
                q.end,
                when=s.time_near(q.start),
                hedge=hedge,
                bound=bound,
                unit="people",
                precision=_precision(numeral.group(0), factor) if numeral and factor else 0.0,
            )


def _precision(number: str, factor: float) -> float:
    """Half of the last stated digit's unit: '85 million' -> 0.5 million; '85.6 million' -> 0.05 million."""
    digits = number.replace(",", "")
    if "." in digits:
        return 0.5 * 10 ** (-len(digits.split(".")[1])) * factor
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if factor == 1.0 else 0
    return 0.5 * 10**zeros * factor


# --------------------------------------------------------------------------- attributes

_ETHNIC_CUE = re.compile(
    r"\b(ethnic|descent|origin|come from|comes from|came from|hails? from|by birth|such as|including)\b", re.I
)
_BORN = re.compile(r"\bborn in\s+(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)")
# what may stand between a state and "a Shia-majority country": "Iran is a", "Turkey, a", "Iran and Iraq are both"
_RELIGION_LINK = re.compile(
    r"^(?:'s)?(?:\s*,\s*|\s+(?:and\s+[A-Z][\w ]{0,30}?\s+)?(?:is|was|are|were|remains?|as)\s+)(?:both\s+|still\s+)?"
    r"(?:an?\s+)?(?:predominantly|overwhelmingly|mainly|mostly|largely)?\s*$|^\s+and\s+[A-Z][\w ]{0,30}$"
)
_RELIGION_PHRASE = re.compile(
    r"(?P<adv>predominantly|overwhelmingly|mainly|mostly|majority-|largely)?\s*(?P<rel>Shi'a|Shia|Shiite|Shi'ite|"
    r"Sunni|Muslim|Islamic|Jewish|Christian|Hindu)(?:-majority|-dominated)?\s+(?P<noun>countr(?:y|ies)|states?|"
    r"nations?|societ(?:y|ies)|republics?)\b"
)


def _attribute_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    text = s.text
    ethnic_groups = [g for g in s.groups if g.key not in {"Muslims", "Shia Muslims"}]
    if ethnic_groups and s.people and _ETHNIC_CUE.search(text):
        for start, end, people in s.people:
            group = min(ethnic_groups, key=lambda g: abs(g.start - start))
            b.claim(
                s,
                "attribute",
                people[0].id,
                "ethnicity",
                group.key,
                min(start, group.start),
                max(end, group.end),
                candidates=[p.id for p in people],
                person=people[0].name,
            )
    for m in _BORN.finditer(text):
        persons = [p for p in s.people if p[1] <= m.start()] or s.people
        if not persons:
            continue
        start, end, people = persons[-1]
        b.claim(
            s,
            "attribute",
            people[0].id,
            "birthplace",
            m.group("place"),
            start,
            m.end(),
            candidates=[p.id for p in people],
            person=people[0].name,
        )
    for m in _RELIGION_PHRASE.finditer(text.replace("’", "'")):
        rel = lex.religions.get(m.group("rel"), "")
        plural = m.group("noun").endswith(("ies", "s"))
        subjects = [
            h
            for h in s.states
            if h.end <= m.start()
            and h.form in {"name", "capital"}
            and _RELIGION_LINK.match(text[h.end : m.start()].rstrip() + " ")
        ]
        chosen = subjects if plural else subjects[-1:]
        for hit in chosen:
            b.claim(s, "attribute", hit.key, "majority_religion", rel, hit.start, m.end(), state_word=hit.text)


# --------------------------------------------------------------------------- memberships and alliances

_JOINED = re.compile(r"\b(joined|join|acceded to|accession to|admitted to|became a (?:full )?member)\b", re.I)
_LEFT = re.compile(r"\b(left|withdrew from|quit|exited|pulled out of|expelled from|suspended)\b", re.I)
_MEMBER = re.compile(r"\b(members?|membership|member states?|allies|ally|belongs? to|belonged to)\b", re.I)
_MEMBERS_OF = re.compile(
    r"^\s*(?:full\s+|founding\s+)?(?:members?|member states?|allies)\s+(?:such as\s+|including\s+)?"
    r"(?:[A-Z][\w ]*,\s*|[A-Z][\w ]*\s+and\s+)*$"
)
# a state right after one of these is an object ("a border with Russia"), not the subject of a membership
_OBJECT_OF = re.compile(r"\b(?:with|to|from|against|by|between|near|on|of|into)\s+(?:the\s+)?$", re.I)
_ROLE = re.compile(r"\b(observer|partner|candidate)\b", re.I)
_ALLIANCE = re.compile(
    r"(?P<a>\b[A-Z][\w'’]+)(?:'s|’s)?\s+(?:military\s+|strategic\s+|formal\s+)?alliance\s+with\s+(?P<b>[A-Z][\w]+)|"
    r"alliance between\s+(?P<c>[A-Z][\w]+)\s+and\s+(?P<d>[A-Z][\w]+)|"
    r"(?P<e>[A-Z][\w]+)\s+(?:is|was|are|were|became)\s+(?:a\s+)?(?:close\s+)?(?:allied with|an ally of|allies of)\s+"
    r"(?P<f>[A-Z][\w]+)|"
    r"(?P<g>[A-Z][\w]+)\s+and\s+(?P<h>[A-Z][\w]+)\s+(?:are|were|became)\s+(?:formal\s+|close\s+)?allies",
)


def _membership_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    text = s.text
    aspirations = [a.end() for a in _ASPIRATION.finditer(text)]
    for org in s.orgs:
        if org.key == "MNNA":
            cue_ok = True
        else:
            window = text[max(0, org.start - 80) : org.end + 40]
            cue_ok = bool(_MEMBER.search(window) or _JOINED.search(window) or _LEFT.search(window))
        if not cue_ok:
            continue
        lo, hi = s.clause_start(org.start), s.clause_end(org.end)
        forms = {"name", "capital", "demonym"}
        states = [
            h
            for h in s.states
            if lo <= h.start < org.start
            and h.form in forms
            and org.start - h.start <= 120
            and not _OBJECT_OF.search(text[max(0, h.start - 12) : h.start])
        ]
        if not states:
            states = [
                h
                for h in s.states
                if org.end <= h.start < hi
                and h.form in {"name", "capital"}
                and _MEMBERS_OF.match(text[org.end : h.start])
            ]
        if not states and lo > 0:
            # "Iran joined the SCO in 2023 and joined BRICS in 2024", "Finland, which borders Russia,
            # joined NATO": the subject of the sentence carries over into this clause
            subjects = [
                h
                for h in s.states
                if h.end <= lo
                and h.form == "name"
                and lo - h.end <= 150
                and not _OBJECT_OF.search(text[max(0, h.start - 12) : h.start])
            ]
            states = subjects[:1]
        if not states:
            continue
        between = text[min(h.start for h in states) : org.start] if any(h.start < org.start for h in states) else ""
        segment = between or text[org.end : org.end + 60]
        predicate = "member_of"
        if _LEFT.search(segment):
            predicate = "left"
        elif _JOINED.search(segment):
            predicate = "joined"
        negated = bool(_NEGATION.search(segment)) and predicate == "member_of"
        role = _ROLE.search(segment)
        # "hopes to join the EU" makes that membership an aspiration, not a CSTO membership elsewhere
        aspiration = any(0 <= org.start - end <= 30 for end in aspirations)
        seen: set[str] = set()
        for hit in states:
            if hit.key in seen or (hit.form == "demonym" and hit.end > org.start):
                continue
            seen.add(hit.key)
            b.claim(
                s,
                "membership",
                hit.key,
                "not_member_of" if negated else predicate,
                org.key,
                min(hit.start, org.start),
                max(hit.end, org.end),
                when=s.time_in(max(s.clause_start(org.start), min(hit.start, org.start)), s.clause_end(org.end)),
                checkable=not (aspiration or s.mood == "prediction"),
                role=role.group(1).lower() if role else "member",
                aspiration=aspiration,
            )
    for m in _ALLIANCE.finditer(text.replace("’", "'")):
        words = [w for w in m.groups() if w]
        if len(words) != 2:
            continue
        a, c = lex.state_of(words[0]), lex.state_of(words[1])
        if not a or not c or a == c:
            continue
        b.claim(
            s,
            "membership",
            a,
            "alliance",
            c,
            m.start(),
            m.end(),
            when=s.time_near(m.start()),
            checkable=s.mood != "prediction",
        )


# --------------------------------------------------------------------------- superlatives

_SUPERLATIVE = re.compile(
    r"\b(?:the\s+)?(?P<word>first|largest|biggest|only|longest|oldest|highest|lowest|all-time (?:low|high)|"
    r"world's largest|most populous)\b(?P<rest>\s+\w+)?",
    re.I,
)


def _superlative_claims(s: Sentence, lex: Lexicon, b: _Builder) -> None:
    for m in _SUPERLATIVE.finditer(s.text):
        word = m.group("word").lower()
        rest = (m.group("rest") or "").strip().lower()
        if word == "first" and rest in {"time", "round", "half", "quarter", "step", "day", "week", "month", "year"}:
            continue
        if word == "only" and not re.match(
            r"\s*(?:the\s+)?(?:country|state|nation|member|one)", s.text[m.end("word") :]
        ):
            continue
        category = {"biggest": "largest", "world's largest": "largest"}.get(word, word)
        before = [h for h in s.states if h.end <= m.start() and h.form in {"name", "capital"}]
        subject_hits = before[-1:] or s.states[:1]
        people = [p for p in s.people if p[1] <= m.start()]
        # what the superlative says: from the word to the end of its clause
        phrase = s.text[m.start() : s.clause_end(m.end())].lower().replace("’", "'")
        subject = subject_hits[0].key if subject_hits else (people[-1][2][0].id if people else "")
        b.claim(
            s,
            "superlative",
            subject,
            category,
            s.text.strip(),
            m.start(),
            m.end(),
            when=s.time_in(m.start(), s.clause_end(m.end()) + 1) or s.time_near(m.start()),
            phrase=phrase,
            states=[h.key for h in subject_hits],
            people_names=[p[2][0].name for p in people[-1:]],
        )
        return


# --------------------------------------------------------------------------- entry point


def _people_in(text: str, offset: int, model: DocumentModel, base: ReferenceBase) -> list[tuple[int, int, list[Any]]]:
    """People named in a sentence: our name index, plus the reader's person mentions it did not catch."""
    found = base.people_index.find(text)
    by_id = base.people_index.by_id
    for mention in model.mentions:
        span = mention.span
        if mention.actor_id not in by_id or not offset <= span.start < offset + len(text):
            continue
        start, end = span.start - offset, span.end - offset
        if not any(a < end and start < z for a, z, _ in found):
            found.append((start, end, [by_id[mention.actor_id]]))
    return sorted(found, key=lambda p: p[0])


def extract_claims(model: DocumentModel, reference: ReferenceBase | None = None) -> list[Claim]:
    """Extract the claims of one document, each with its span.

    Parameters
    ----------
    model : a read document (``faultlines.read.read_text``) or one built by hand; only the text and
        sentence offsets are required.
    reference : the reference base whose lexicon and people are used to recognise names (the shipped
        base by default).

    Returns
    -------
    list[Claim]
        In document order. Opinion, prediction and question sentences without a factual claim give
        one ``opinion`` claim with ``checkable=False``.

    Examples
    --------
    >>> from faultlines.model import Document, DocumentModel
    >>> doc = Document(id="d1", text="Netanyahu, then Israel's prime minister, flew to Baku in December 2016.")
    >>> sorted({c.kind for c in extract_claims(DocumentModel(document=doc))})
    ['event', 'office']
    """
    base = reference or load_reference()
    lex = base.lex
    doc = model.document
    builder = _Builder(doc.id, doc.text)
    claims: list[Claim] = []
    for index, start, end in sentences_of(model):
        text = doc.text[start:end]
        if not text.strip():
            continue
        s = Sentence(
            index=index,
            start=start,
            text=text,
            mood=classify_sentence(text),
            times=sentence_times(text),
            states=lex.states(text),
            people=_people_in(text, start, model, base),
            orgs=lex.orgs_in(text),
            groups=lex.groups_in(text),
        )
        if s.mood != "question":
            _office_claims(s, lex, builder)
            _event_claims(s, lex, builder)
            _quantity_claims(s, lex, builder)
            _attribute_claims(s, lex, builder)
            _membership_claims(s, lex, builder)
            _superlative_claims(s, lex, builder)
        if s.mood != "fact" and not any(c.checkable for c in s.claims):
            stripped = len(text) - len(text.lstrip())
            builder.claim(
                s,
                "opinion",
                "",
                s.mood,
                text.strip(),
                stripped,
                len(text.rstrip()),
                checkable=False,
            )
        claims.extend(sorted(s.claims, key=lambda c: (c.span.start, c.id)))
    return claims
