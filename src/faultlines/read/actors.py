"""Actor mentions: from spaCy entities to actors with stable ids and the sector the wording implies.

Known names come from the gazetteer EntityRuler (labels ``FL_*``); names only the statistical NER
found are looked up again and, if still unknown, become actors with a namespaced slug so they can
still take part in events. Institutional wording sets the sector: "the Iranian Foreign Ministry" is
Iran (GOV), "Azerbaijan's army" is Azerbaijan (MIL). "it"/"its" resolve to the last state named,
which is what op-eds mean by them far more often than not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from faultlines.gazetteer import (
    CITY_SOURCE,
    WEAPON_CONTEXT,
    Candidate,
    Lexicon,
    choose,
    city_named,
    fold,
    slug,
    state_actor,
)
from faultlines.model import Actor, ActorKind, Mention, Span

_NER_KINDS: dict[str, ActorKind] = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANISATION,
    "GPE": ActorKind.PLACE,
    "LOC": ActorKind.PLACE,
    "NORP": ActorKind.ETHNIC_GROUP,
    "FAC": ActorKind.PLACE,
}

#: Words after a state's name or demonym that make it an institution of that state.
SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    (r"(foreign|interior|economy|energy|finance) ministry|ministry of [a-z ]+|foreign minister", "GOV"),
    (r"defen[cs]e ministry|ministry of defen[cs]e|defen[cs]e minister", "MIL"),
    (r"government|authorities|administration|officials?|leadership|leaders?|regime|cabinet|president"
     r"|presidency|prime minister|state|diplomats?|embassy|envoy|ambassador|top brass", "GOV"),
    (r"army|military|armed forces|forces|troops|air force|navy|soldiers|warplanes|jets|drones|generals?"
     r"|revolutionary guards?", "MIL"),
    (r"intelligence( services?| agency| agencies)?|spies|spy agency", "SPY"),
    (r"parliament|lawmakers|legislators|legislature|majlis|knesset|congress|senate|duma", "LEG"),
    (r"people|public|population|citizens|community|society|nationals", "PPL"),
    (r"companies|firms|industry|businesses|investors|state oil company", "BUS"),
    (r"clerics|clergy|religious leaders", "REL"),
)  # fmt: skip
_SECTOR_RE = [
    (re.compile(rf"^\s*(['’]s\s+)?(?:[a-z-]+\s+)?(?:{words})\b", re.I), sector) for words, sector in SECTOR_WORDS
]
#: Words between a state and a person's name that make the state the person's own ("Iraqi President
#: Saddam Hussein", "Britain's Defence Secretary Tom King"): at most five title words, no punctuation.
#: A title word is capitalised or one of the lower-case words titles are made of ("junior foreign
#: minister"); "the German government today welcomed President Reagan" is not a title.
_TITLE_WORD = (
    r"(?:[A-Z][\w.-]*|foreign|defen[cs]e|interior|finance|prime|minister|secretary|president|vice|"
    r"deputy|junior|senior|former|ousted|outgoing|acting|leader|chief|general|army|military|"
    r"ambassador|envoy|spokesman|spokeswoman|official|head|of|state|the|and|affairs|commander|"
    r"king|queen|prince|top|national|security|adviser|advisor|opposition|rebel|interim)"
)
_TITLE_BETWEEN = re.compile(rf"^(?:['’]s)?\s+(?:{_TITLE_WORD}\s+){{0,5}}$")
#: An office title right before a name ("President Omar al-Bashir", "Foreign Minister X").
_TITLE_BEFORE = re.compile(
    r"\b(?:President|Prime Minister|Premier|King|Queen|Emir|Sultan|Chancellor|Minister|Secretary|Vice[- ]President"
    r"|Judge|Justice|Governor|Mayor|Speaker|[Oo]pposition [Ll]eader)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+$"
)
#: A mention right after "pro-" or "anti-" names an attitude towards an actor, not a participant.
ATTITUDE = "+attitude"
_ATTITUDE = re.compile(r"\b(?:anti|pro)-\s*$", re.I)
_GROUP_NOUN = re.compile(
    r"^\s+(minorit(y|ies)|communit(y|ies)|diaspora|population|people|ethnic group|speakers|majority)\b", re.I
)


@dataclass(slots=True)
class Resolved:
    """Mentions of one document and the actors they name."""

    mentions: list[Mention]
    actors: dict[str, Actor]


def mentions_by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """Mentions grouped by the sentence they stand in, so per-sentence steps avoid rescanning them all."""
    buckets: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        buckets[mention.span.sentence].append(mention)
    return buckets


def _id_part(name: str) -> str:
    """The gazetteer's slug of a name; a short hash for a name with no Latin letters to slug."""
    import hashlib

    return slug(name) or "h" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def _sector_after(text: str, ent: SpacySpan) -> tuple[str, int]:
    """Sector implied by the words after a state mention, and the char offset where they end."""
    following = text[ent.end_char : ent.end_char + 60]
    for pattern, sector in _SECTOR_RE:
        match = pattern.match(following)
        if match:
            return sector, ent.end_char + match.end()
    return "", ent.end_char


def resolve_mentions(doc: Doc, doc_id: str, lexicon: Lexicon, on: date | None) -> Resolved:
    """Every actor mention in ``doc``, plus pronoun mentions of the last named state."""
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    mentions: list[Mention] = []
    actors: dict[str, Actor] = {}
    sentence_starts = [s.start_char for s in doc.sents]

    def sentence_of(offset: int) -> int:
        index = 0
        for i, start in enumerate(sentence_starts):
            if start <= offset:
                index = i
        return index

    named_states = _states_named(doc, lexicon)  # a town name shared across states goes to one of these
    for ent in doc.ents:
        candidate: Candidate | None = None
        rule = ""
        following = text[ent.end_char : ent.end_char + 40]
        preceding = text[max(0, ent.start_char - 40) : ent.start_char]
        if ent.label_.startswith("FL_"):
            candidates = lexicon.forms.get(ent.ent_id_, [])
            candidate = choose(candidates, following=following, preceding=preceding, on=on, form=ent.text)
            if candidate is not None and candidate.actor.kind is ActorKind.WEAPON_SYSTEM:
                candidate = _town_not_weapon(ent.text, preceding, following, named_states) or candidate
            if (
                candidate is not None
                and candidate.actor.kind is ActorKind.PERSON
                and ent.text.isupper()
                and preceding.rstrip().endswith("(")
            ):
                continue  # "Municipality Association (AKK)": an abbreviation of the name before it, not a person
        elif ent.label_ in _NER_KINDS:
            candidate = choose(lexicon.lookup(ent.text), following=following, preceding=preceding, on=on)
            if candidate is None:
                kind = _NER_KINDS[ent.label_]
                town = city_named(ent.text, named_states) if kind is not ActorKind.PLACE else None
                if kind is ActorKind.PERSON and not _TOWN_BEFORE.search(preceding):
                    town = None  # "Sydney said ...": a person named like a city stays a person
                if town is not None and following.startswith(("'s", "’s")):
                    town = None  # "in Bolton's view": a person's possessive, not a town
                big = town is not None and town.population >= _BIG_CITY and _same_name(town.name, ent.text)
                if town is not None and (_TOWN_BEFORE.search(preceding) or big):
                    kind = ActorKind.PLACE  # "near the town of Samarra", "shut down Khatmandu": a town
                name = re.sub(r"^(the|The)\s+", "", ent.text).strip()
                name = re.sub(r"['’]s?$", "", name).strip()
                name = re.sub(r"\s+(of|of the|for|and)$", "", name)
                if len(name) < 2 or not name[0].isupper():
                    continue
                prefix = {ActorKind.PERSON: "person", ActorKind.ORGANISATION: "org",
                          ActorKind.PLACE: "place", ActorKind.ETHNIC_GROUP: "group"}[kind]  # fmt: skip
                agent = kind in (ActorKind.PERSON, ActorKind.ORGANISATION)
                home = _state_before(text, ent, mentions, actors, person=kind is ActorKind.PERSON) if agent else ""
                note = f"; state {home} from the title before the name" if home else ""
                if not home and agent:
                    home = _state_of(doc, ent, lexicon)
                    note = f"; state {home} from 'of' after the name" if home else ""
                if (
                    not home
                    and kind is ActorKind.PERSON
                    and _TITLE_BEFORE.search(text[ent.sent.start_char : ent.start_char])
                    and not _body_before(ent)
                ):
                    home = _only_state_in_sentence(ent, lexicon, on)
                    note = f"; state {home}: the only state named in the sentence of this office holder" if home else ""
                if not home and kind is ActorKind.ORGANISATION and _DOMESTIC_BODY.search(
                    " ".join([ent.text, *(t.text for t in ent.root.head.subtree if t.dep_ in ("amod", "compound")),
                              ent.root.head.text])
                ):
                    home = _only_state_in_sentence(ent, lexicon, on, qualifiers=("poss",), speakers_too=True)
                    note = f"; state {home}: a rebel or opposition body in the one state its sentence names"
                    note = note if home else ""
                if kind is ActorKind.PLACE and (city := city_named(name, named_states)) is not None:
                    home = city.state
                    note = f"; a town in {home} ({CITY_SOURCE}, geonameid {city.geonameid})"
                actor = Actor(
                    id=f"fl:{prefix}:{_id_part(name)}",
                    name=name,
                    kind=kind,
                    home_state=home,
                    source="unresolved: spaCy NER" + note,
                )
                candidate = Candidate(actor, "", f"ner:{ent.label_}")
        if candidate is None:
            continue
        if candidate.rule == "atlas:demonym" and _GROUP_NOUN.match(following):
            # "the Azerbaijani minority" names the people, not the state
            group = _group_for(lexicon, ent.text)
            if group is not None:
                candidate = group
        start, end = ent.start_char, ent.end_char
        home_actor = candidate.actor if candidate.actor.kind is ActorKind.STATE else None
        if candidate.actor.kind is ActorKind.PLACE and candidate.actor.home_state:
            home_actor = state_actor(candidate.actor.home_state)  # "Darfur rebels" are Sudan's
        if home_actor is not None:
            domestic = _domestic_group(ent, home_actor)
            if domestic is not None:
                candidate, start, end = domestic
                actors.setdefault(candidate.actor.id, candidate.actor)
                span = Span(doc_id, sentence_of(start), start, end, text[start:end])
                mentions.append(Mention(candidate.actor.id, span, sector=candidate.sector, rule=candidate.rule))
                continue
        rule = candidate.rule
        sector = candidate.sector
        if candidate.actor.kind is ActorKind.STATE:
            implied, implied_end = _sector_after(text, ent)
            if implied:
                sector, end = implied, implied_end
                rule += "+institution"
        if _ATTITUDE.search(text[max(0, ent.start_char - 6) : ent.start_char]):
            rule += ATTITUDE  # "a pro-Iranian group", "an anti-Syria journalist": a stance, not a party
        actors.setdefault(candidate.actor.id, candidate.actor)
        span = Span(doc_id, sentence_of(ent.start_char), ent.start_char, end, text[ent.start_char : end])
        mentions.append(Mention(candidate.actor.id, span, sector=sector, rule=rule))

    mentions.extend(_pronoun_mentions(doc, doc_id, mentions, actors, sentence_of))
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return Resolved(mentions, actors)


#: Nouns for parts of a state's society that act apart from (often against) its government, with the
#: CAMEO sector codes for them: rebels (REB), the opposition (OPP), civilians and other groups (CVL).
DOMESTIC_SECTORS: dict[str, str] = {
    **dict.fromkeys(("rebel", "guerrilla", "guerilla", "insurgent", "militant", "separatist", "militia",
                     "extremist", "fighter", "gunman", "gunmen"), "REB"),
    **dict.fromkeys(("opposition", "dissident", "activist"), "OPP"),
    **dict.fromkeys(("protester", "protestor", "demonstrator", "student", "worker", "farmer", "landowner",
                     "civilian", "villager", "resident", "refugee", "youth", "striker", "teacher", "prisoner",
                     "detainee", "peasant", "trader"), "CVL"),
}  # fmt: skip
_DOMESTIC_NAMES = {"REB": "rebels", "OPP": "opposition", "CVL": "civilians", "UAF": "unidentified attackers"}


def domestic_sector(noun: Token) -> str:
    """The domestic sector a noun (or its compound modifier: "opposition groups") names, if any."""
    for word in (noun, *(c for c in noun.children if c.dep_ == "compound")):
        forms = (word.lemma_.lower(), word.lower_, word.lower_[:-1] if word.lower_.endswith("s") else "")
        sector = next((DOMESTIC_SECTORS[f] for f in forms if f in DOMESTIC_SECTORS), "")
        if sector:
            return sector
    return ""


def _domestic_group(ent: SpacySpan, state: Actor) -> tuple[Candidate, int, int] | None:
    """A non-state group qualified by a state: "Algerian landowners", "Ugandan opposition candidates",
    "rebels in the Ivory Coast". CAMEO codes these as the state's country with a domestic sector
    (DZACVL, UGAOPP, CIVREB); we make them actors of their own, so a government acting on its own
    rebels or protesters is an event between two actors, not one."""
    root = ent.root
    noun: Token | None = None
    start, end = ent.start_char, ent.end_char
    if root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
        noun = root.head
        end = noun.idx + len(noun.text)
    elif root.dep_ == "pobj" and root.head.lower_ in ("in", "of") and root.head.head.pos_ in ("NOUN", "PROPN"):
        candidate = root.head.head
        qualified = any(c.ent_type_ for c in candidate.children if c.dep_ in ("amod", "compound", "nmod"))
        if not qualified and candidate.i < root.i:
            noun = candidate
            start = noun.left_edge.idx if noun.left_edge.i >= noun.i - 2 else noun.idx
    if noun is None:
        return None
    sector = domestic_sector(noun)
    if not sector or not state.home_state:
        return None
    actor = domestic_actor(state, sector, "a state's name or demonym qualifying a non-state group")
    return Candidate(actor, sector, f"domestic:{sector.lower()}"), start, end


def domestic_actor(state: Actor, sector: str, why: str) -> Actor:
    """The actor for one part of a state's society (CAMEO's REB, OPP or CVL sector of that state)."""
    return Actor(
        id=f"fl:domestic:{state.home_state.lower()}:{sector.lower()}",
        name=f"{state.name} {_DOMESTIC_NAMES[sector]}",
        kind=ActorKind.ORGANISATION,
        home_state=state.home_state,
        sector=sector,
        source=f"rule: {why} (CAMEO domestic sectors)",
    )


#: A name the small model tags as an organisation or a person that is also a city of a million people
#: or more is the city (GeoNames).
_BIG_CITY = 1_000_000
_TOWN_BEFORE = re.compile(r"\b(?:town|city|village|port|capital|province|district)\s+of\s+$|\b(?:in|near)\s+$", re.I)
_AT_PLACE = re.compile(r"\b(?:in|at|near|into|outside|around|from|of)\s+(?:the\s+)?$", re.I)


def _town_not_weapon(name: str, preceding: str, following: str, prefer: set[str]) -> Candidate | None:
    """A weapon's name after "in"/"near" that is also a town's is the town: Israel's Jericho missile
    is named after the West Bank city, and "targets in Jericho" are in the city."""
    if WEAPON_CONTEXT.match(following) or not _AT_PLACE.search(preceding):
        return None
    city = city_named(name, prefer)
    if city is None:
        return None
    actor = Actor(
        id=f"fl:place:{_id_part(city.name)}",
        name=city.name,
        kind=ActorKind.PLACE,
        home_state=city.state,
        source=f"{CITY_SOURCE}, geonameid {city.geonameid}; a town, not the weapon, after a place preposition",
    )
    return Candidate(actor, "", "geonames:town")


def _group_for(lexicon: Lexicon, adjective: str) -> Candidate | None:
    """The ethnic group a demonym names when it qualifies a people ("Azerbaijani minority")."""
    for form in (adjective + "s", adjective + " people", adjective):
        for candidate in lexicon.lookup(form):
            if candidate.actor.kind in (ActorKind.ETHNIC_GROUP, ActorKind.RELIGIOUS_GROUP):
                return candidate
    return None


def _state_of(doc: Doc, ent: SpacySpan, lexicon: Lexicon) -> str:
    """The state in "King Hassan of Morocco", "the Supreme Council of Iraq": a name followed by "of"
    and a state's name belongs to that state."""
    index = ent.end
    if doc[ent.end - 1].lower_ != "of":  # the NER may keep the "of" when the ruler took the state
        if index >= len(doc) or doc[index].lower_ != "of":
            return ""
        index += 1
    if index < len(doc) and doc[index].lower_ == "the":
        index += 1
    if index >= len(doc) or doc[index].ent_type_ != "FL_STATE" or doc[index].ent_iob_ != "B":
        return ""
    end = index + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    states = [c for c in lexicon.lookup(doc[index:end].text) if c.actor.kind is ActorKind.STATE]
    return states[0].actor.home_state if states else ""


#: Head nouns that make a state-qualified phrase a party of its own ("the Danish government").
PARTY_NOUN = re.compile(
    rf"^(?:{'|'.join(words for words, _ in SECTOR_WORDS)}|{'|'.join(DOMESTIC_SECTORS)})s?$", re.I
)


#: Words that mark a body as a domestic political or armed group: it belongs to the state it fights in.
_DOMESTIC_BODY = re.compile(
    r"\b(?:rebels?|rebel group|guerrillas?|insurgents?|militia|opposition|party|front|coalition|liberation|"
    r"movement|separatists?|militants?)\b", re.I
)


def _same_name(name: str, text: str) -> bool:
    """Whether a text is a town's own name or a spelling of it ("Khatmandu"), not some other name GeoNames
    lists for it ("Judah" for Jeddah)."""
    return SequenceMatcher(None, fold(name), fold(text)).ratio() >= 0.8


def _state_code(ent: SpacySpan, lexicon: Lexicon, on: date | None = None) -> str:
    """The ISO code of the state a gazetteer state entity names here ("" for any other entity)."""
    if ent.label_ != "FL_STATE":
        return ""
    chosen = choose(lexicon.forms.get(ent.ent_id_, []), on=on, form=ent.text)
    return chosen.actor.home_state if chosen is not None and chosen.actor.kind is ActorKind.STATE else ""


def _states_named(doc: Doc, lexicon: Lexicon) -> set[str]:
    """The states a document names, to settle a town name that several states share."""
    return {code for ent in doc.ents if (code := _state_code(ent, lexicon))}


_SPEECH = {"say", "warn", "tell", "accuse", "threaten", "claim", "criticize", "criticise", "condemn", "urge",
           "insist", "argue", "note", "add", "state", "declare", "announce", "call", "demand", "deny", "praise"}


def _body_before(ent: SpacySpan) -> bool:
    """Whether an organisation's name stands right before a person's title ("U.N. Secretary-General X",
    "Arab League Secretary-General X"): the office is the body's, not a state's."""
    text = ent.doc.text
    return any(
        other.label_ in ("FL_ORG", "ORG")
        and 0 <= ent.start_char - other.end_char <= 40
        and _TITLE_BETWEEN.match(" " + text[other.end_char : ent.start_char].strip() + " ")
        for other in ent.sent.ents
        if other.end_char <= ent.start_char
    )


def _only_state_in_sentence(
    ent: SpacySpan,
    lexicon: Lexicon,
    on: date | None,
    qualifiers: tuple[str, ...] = ("poss", "compound", "amod", "nmod"),
    speakers_too: bool = False,
) -> str:
    """The one state an office holder's sentence places things in ("President X shortened the curfew
    imposed in Sudan"), else the one state that qualifies a thing in it ("resigned to allow Haiti's first
    elections"), else "". A state that acts or is acted on ("visited Germany", "the Danish government
    welcomed ...") is another party, not the office holder's own. The rule is written into the actor's
    source so a reader can see and correct it."""
    located: set[str] = set()
    named: set[str] = set()
    # a speaker talks about other states ("General X warned that Iran's program ..."): only places count
    speaker = not speakers_too and ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in _SPEECH
    for other in ent.sent.ents:
        code = _state_code(other, lexicon, on)
        if not code:
            continue
        root = other.root
        if root.dep_ == "pobj" and root.head.lower_ in ("in", "across", "throughout", "within", "inside"):
            located.add(code)
        elif root.dep_ in qualifiers and not PARTY_NOUN.match(root.head.lemma_) and not speaker:
            named.add(code)  # "Haiti's first elections"; not "the Danish government"
    for codes in (located, named):
        if len(codes) == 1:
            return codes.pop()
    return ""


def _state_before(
    text: str, ent: SpacySpan, mentions: list[Mention], actors: dict[str, Actor], *, person: bool = True
) -> str:
    """The state named in the title right before a person's name, if any. For a body the title may not run
    across "and" ("Armenia's Pivot and the Corridor Question" is a headline, not Armenia's body)."""
    for mention in reversed(mentions):
        if mention.span.end > ent.start_char:
            continue
        if ent.start_char - mention.span.end > 60:
            return ""
        actor = actors.get(mention.actor_id)
        if actor is None or actor.kind is not ActorKind.STATE:
            return ""
        between = text[mention.span.end : ent.start_char]
        if not person and " and " in between:
            return ""
        return actor.home_state if _TITLE_BETWEEN.match(between) else ""
    return ""


def _pronoun_mentions(
    doc: Doc,
    doc_id: str,
    mentions: list[Mention],
    actors: dict[str, Actor],
    sentence_of: Callable[[int], int],
) -> list[Mention]:
    """'it'/'its' as the last state named before it (never across more than two sentences)."""
    states = [m for m in mentions if actors[m.actor_id].kind is ActorKind.STATE]
    subject_starts = {t.idx for t in doc if t.dep_ in ("nsubj", "nsubjpass", "poss")}
    out = []
    for token in doc:
        if token.lower_ not in {"it", "its"} or token.dep_ in {"expl"}:
            continue
        if token.lower_ == "it" and token.dep_ not in {"dobj", "pobj", "nsubj", "nsubjpass", "poss"}:
            continue
        before = [m for m in states if m.span.end <= token.idx]
        if not before:
            continue
        subject_like = [m for m in before if m.span.start in subject_starts]
        last = (
            subject_like[-1]
            if subject_like and subject_like[-1].span.sentence >= before[-1].span.sentence
            else before[-1]
        )
        sentence = sentence_of(token.idx)
        if sentence - last.span.sentence > 1:
            continue
        # "it" right after a verb like "denied it" refers to a claim, not a state.
        if token.lower_ == "it" and token.dep_ == "dobj" and token.head.lemma_ in {"deny", "say", "believe", "do"}:
            continue
        span = Span(doc_id, sentence, token.idx, token.idx + len(token.text), token.text)
        out.append(Mention(last.actor_id, span, sector=last.sector, rule="pronoun:last-state"))
    return out
