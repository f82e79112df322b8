"""Rule-based PLOVER event coding over a dependency parse.

A trigger is a verb ("visited"), an event noun ("Netanyahu's visit to Baku", "the Israeli air strike
against Iran") or a light verb with an event noun as object ("provided support"). Sources come from
the subject (or the possessor/modifier of a noun), targets from the object and from prepositional
objects. Each event records its trigger and the rule that produced it, so a user can see why it was
coded as it was. Modality is read from negation, modal verbs, hedging verbs ("analysts believe") and
denials in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from faultlines.model import Actor, ActorKind, Event, Mention, Modality, RelationKind, Span, TimeInterval
from faultlines.ontology import event_code


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    mode: str
    kind: RelationKind | None
    particle: str = ""


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    light: frozenset[str] = frozenset()


def _parse_entry(entry: str, event_type: str) -> tuple[str, Trigger]:
    kind = None
    if "@" in entry:
        entry, kind_name = entry.split("@", 1)
        kind = RelationKind(kind_name)
    mode = ""
    if ":" in entry:
        entry, mode = entry.split(":", 1)
    words = entry.strip().split()
    return words[0], Trigger(event_type, mode, kind, " ".join(words[1:]))


@cache
def lexicon() -> Lexicon:
    """The shipped trigger lexicon (``read/data/lexicon.yaml``)."""
    text = resources.files("faultlines.read").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lex = Lexicon(light=frozenset(data["light_verbs"]))
    for event_type, entries in data["verbs"].items():
        for entry in entries:
            head, trigger = _parse_entry(str(entry), event_type)
            lex.verbs.setdefault(head, []).append(trigger)
    for event_type, entries in data["nouns"].items():
        for entry in entries:
            head, trigger = _parse_entry(str(entry), event_type)
            phrase = " ".join([head, trigger.particle]).strip()
            lex.nouns.setdefault(phrase, Trigger(trigger.event_type, trigger.mode, trigger.kind))
    return lex


_KIND_WORDS: tuple[tuple[RelationKind, re.Pattern[str]], ...] = (
    (RelationKind.ENERGY, re.compile(r"\b(oil|gas|energy|pipelines?|petroleum|crude|lng|electricity)\b", re.I)),
    (RelationKind.MILITARY, re.compile(
        r"\b(military|weapons?|arms|drones?|missiles?|defen[cs]e|troops|army|armed|war|strikes?|"
        r"munitions?|air ?force|navy|security)\b", re.I)),
    (RelationKind.INTELLIGENCE, re.compile(r"\b(intelligence|espionage|spy|spies|surveillance)\b", re.I)),
    (RelationKind.TRADE, re.compile(r"\b(trade|economic|investments?|exports?|imports?|business|tariffs?)\b", re.I)),
    (RelationKind.TERRITORY, re.compile(r"\b(territor\w*|borders?|boundar\w*|land|occupied|sovereignty)\b", re.I)),
)  # fmt: skip

_PREPS_TARGET = {
    "to",
    "with",
    "against",
    "on",
    "toward",
    "towards",
    "into",
    "at",
    "for",
    "upon",
    "over",
    "from",
}
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp"}
_HEDGE_VERBS = {"believe", "suspect", "think", "claim", "allege", "speculate", "assume", "suggest", "fear",
                "consider", "rumor", "rumour", "report", "say", "assert", "estimate", "guess"}  # fmt: skip
_HEDGE_WORDS = {"possibly", "reportedly", "allegedly", "apparently", "perhaps", "maybe", "likely", "probably",
                "purportedly", "supposedly"}  # fmt: skip
_FUTURE_VERBS = {"plan", "intend", "aim", "expect", "hope", "want", "prepare", "threaten", "vow", "promise"}
#: Verbs that undo what their object names: lifting a ban concedes, halting aid sanctions.
_UNDO = {"lift", "ease", "end", "remove", "relax", "cancel", "shorten", "scrap", "drop", "repeal", "revoke"}
_HALT = {"halt", "suspend", "stop", "cut", "freeze", "break", "end", "terminate", "withdraw", "cancel", "curtail"}
#: Words that turn the clause they govern into a stated intention ("is ready to withdraw").
_INTENT = {"willing", "ready", "prepared", "agree", "offer", "promise", "pledge", "vow", "commit", "intend",
           "plan", "decide", "determined", "resolve", "eager", "undertake"}  # fmt: skip
_REFUSAL = {"fail", "refuse", "decline", "reject"}
_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
_MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
_VERBAL_PROTEST = {"raise", "lodge", "voice", "express", "issue", "file", "send", "deliver"}
_NAMED_CONFLICTS: dict[str, tuple[str, ...]] = {
    # Participants of conflicts named after a place (source: Encyclopaedia Britannica, "Nagorno-Karabakh").
    "nagorno-karabakh": ("AZE", "ARM"),
    "karabakh": ("AZE", "ARM"),
    "artsakh": ("AZE", "ARM"),
}


@dataclass(slots=True)
class Context:
    """What the coder needs from the rest of reading, for one document."""

    doc: Doc
    doc_id: str
    mention_at: dict[int, Mention]  # token index -> mention
    actors: dict[str, Actor]
    time_for: Callable[[Token], TimeInterval | None]
    state_by_code: Callable[[str], Actor | None]


def mention_index(doc: Doc, mentions: Iterable[Mention]) -> dict[int, Mention]:
    """Map each token inside a mention's span to that mention."""
    out: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            out.setdefault(token.i, mention)
    return out


def _actors_in(tokens: Iterable[Token], ctx: Context, *, agents_only: bool = True) -> list[str]:
    out: list[str] = []
    for token in tokens:
        mention = ctx.mention_at.get(token.i)
        if mention is None:
            continue
        actor = ctx.actors.get(mention.actor_id)
        if actor is None:
            continue
        if agents_only and actor.kind in (ActorKind.PLACE, ActorKind.WEAPON_SYSTEM):
            continue
        if mention.actor_id not in out:
            out.append(mention.actor_id)
    people_states = {ctx.actors[a].home_state for a in out if ctx.actors[a].kind is ActorKind.PERSON}
    return [
        a
        for a in out
        if not (ctx.actors[a].kind is ActorKind.STATE and ctx.actors[a].home_state in people_states)
    ]


def _phrase(token: Token) -> list[Token]:
    """A noun phrase's tokens, without descending into nested clauses."""
    out = []
    stack = [token]
    while stack:
        current = stack.pop()
        out.append(current)
        for child in current.children:
            if child.dep_ in _CLAUSE_DEPS or (child.dep_ == "prep" and child.head.pos_ == "VERB"):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _subject(verb: Token) -> tuple[list[Token], bool]:
    """The subject phrase of a verb (climbing conj/xcomp chains), and whether it is passive."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return _phrase(child), False
            if child.dep_ == "nsubjpass":
                return _phrase(child), current is verb
        if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
            current = current.head
            continue
        if current.dep_ in ("relcl", "acl") and current.head is not current:
            return [current.head], current is verb and current.tag_ == "VBN" and current.dep_ == "acl"
        break
    return [], False


def _prep_objects(token: Token, ctx: Context, preps: set[str] = _PREPS_TARGET) -> list[str]:
    out: list[str] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    out.extend(a for a in _actors_in(_phrase(grand), ctx) if a not in out)
        if child.dep_ == "agent":
            continue
    return out


def _agent(verb: Token, ctx: Context) -> list[str]:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _actors_in(_phrase(grand), ctx)
    return []


def _kinds(trigger: Trigger, tokens: Iterable[Token]) -> list[RelationKind]:
    if trigger.kind is not None:
        return [trigger.kind]
    text = " ".join(t.text for t in tokens)
    found = [kind for kind, pattern in _KIND_WORDS if pattern.search(text)]
    return found[:2]


def _modality(token: Token) -> Modality:
    modality = Modality()
    clause = token
    while (
        clause.dep_ in ("conj", "xcomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "amod")
        and clause.head is not clause
    ):
        if clause.pos_ == "VERB" and clause.dep_ not in ("conj", "xcomp"):
            break
        clause = clause.head
    chain = [token, clause]
    for word in chain:
        for child in word.children:
            if child.dep_ == "neg" or child.lower_ in {"never", "no"}:
                modality.negated = True
            if child.dep_ == "aux" and child.lower_ in {"may", "might", "could"}:
                has_perfect = any(c.lower_ == "have" for c in word.children)
                modality.speculative = True
                modality.future = modality.future or not has_perfect
            if child.dep_ == "aux" and child.lower_ in {"will", "shall", "'ll"}:
                modality.future = True
            if child.lower_ in _HEDGE_WORDS:
                modality.speculative = True
    # governing hedging or intending verbs: "analysts believe that X may have ...", "plans to visit"
    head = clause
    for _ in range(3):
        if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head is not head:
            governor = head.head
            if governor.lemma_ in _HEDGE_VERBS and head.dep_ == "ccomp":
                modality.speculative = True
                subject = [c for c in governor.children if c.dep_ == "nsubj"]
                if subject:
                    modality.reported_by = " ".join(t.text for t in subject[0].subtree)
            if governor.lemma_ in _FUTURE_VERBS and head.dep_ == "xcomp":
                modality.future = True
            head = governor
        else:
            break
    sentence = token.sent
    if any(t.lemma_ == "deny" and t.pos_ == "VERB" for t in sentence if t.i != token.i):
        modality.denied = True
    return modality


def _event(
    ctx: Context,
    trigger: Trigger,
    anchor: Token,
    sources: list[str],
    targets: list[str],
    rule: str,
    scope: list[Token],
) -> Event | None:
    if not sources and not targets:
        return None
    targets = [t for t in targets if t not in sources]
    sent = anchor.sent
    modality = _modality(anchor)
    changed = stance(anchor, trigger.event_type, modality) if anchor.pos_ in ("VERB", "AUX") else None
    if changed is not None:
        trigger = Trigger(changed[0], changed[1], trigger.kind)
        rule += f"+stance:{changed[0].lower()}"
        modality.future = False  # the promise or threat itself happened
    code = event_code(trigger.event_type, trigger.mode)
    span = Span(ctx.doc_id, _sentence_index(anchor), sent.start_char, sent.end_char, sent.text)
    return Event(
        id="",
        doc_id=ctx.doc_id,
        type=code.event_type,
        mode=trigger.mode,
        intensity=code.score,
        span=span,
        sources=sources,
        targets=targets,
        when=ctx.time_for(anchor),
        modality=modality,
        kinds=_kinds(trigger, scope) or list(code.kinds),
        trigger=anchor.text,
        rule=rule,
    )


def _sentence_index(token: Token) -> int:
    doc = token.doc
    index = 0
    for i, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return i
        index = i
    return index


def _verb_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    options = lex.verbs.get(token.lemma_.lower())
    if not options:
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
    for option in options:
        if option.particle and option.particle.split()[0] in particles:
            return option
    for option in options:
        if not option.particle:
            return option
    return None


def _noun_trigger(token: Token, lex: Lexicon) -> tuple[Trigger, str] | None:
    compound = [c for c in token.children if c.dep_ == "compound" and c.i == token.i - 1]
    if compound:
        phrase = f"{compound[0].lower_} {token.lower_}"
        if phrase in lex.nouns:
            return lex.nouns[phrase], phrase
        phrase = f"{compound[0].lower_} {token.lemma_.lower()}"
        if phrase in lex.nouns:
            return lex.nouns[phrase], phrase
    for form in (token.lower_, token.lemma_.lower()):
        if form in lex.nouns:
            return lex.nouns[form], form
    return None


def _noun_sources(noun: Token, ctx: Context) -> list[str]:
    sources: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
            sources.extend(a for a in _actors_in(_phrase(child), ctx) if a not in sources)
    if not sources:
        for child in noun.children:
            if child.dep_ in ("compound", "nmod", "amod") and child.lower_.replace("-", "") in (
                k.replace("-", "") for k in _NAMED_CONFLICTS
            ):
                codes = _NAMED_CONFLICTS.get(child.lower_, ())
                sources = [a.id for code in codes if (a := ctx.state_by_code(code))]
    return sources


def code_events(ctx: Context) -> list[Event]:
    """All events in a parsed document."""
    lex = lexicon()
    events: list[Event] = []
    consumed: set[int] = set()
    doc = ctx.doc
    light = lex.light | _UNDO | _HALT
    for token in doc:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in light:
            for child in token.children:
                if child.dep_ in ("dobj", "attr") and child.pos_ in ("NOUN", "PROPN"):
                    found = _noun_trigger(child, lex)
                    if found is None:
                        continue
                    trigger, _ = found
                    if trigger.event_type == "PROTEST" and token.lemma_.lower() in _VERBAL_PROTEST:
                        trigger = Trigger("ACCUSE", "disapprove", None)
                    trigger = _undone(trigger, token.lemma_.lower())
                    subject, passive = _subject(token)
                    sources = _noun_sources(child, ctx) or _actors_in(subject, ctx)
                    targets = _prep_objects(child, ctx) or _prep_objects(token, ctx)
                    for other in token.children:  # "give Tanzania a grant": the indirect object
                        if other.dep_ in ("dative", "dobj") and other.i != child.i:
                            targets.extend(a for a in _actors_in(_phrase(other), ctx) if a not in targets)
                    if passive:
                        sources, targets = _agent(token, ctx), sources
                    event = _event(ctx, trigger, token, sources, targets, f"light-verb:{token.lemma_}+{child.lemma_}",
                                   [*subject, *_phrase(child)])  # fmt: skip
                    consumed.add(child.i)
                    consumed.add(token.i)
                    if event:
                        events.append(event)
                    break
    for token in doc:
        if token.i in consumed:
            continue
        if token.pos_ == "VERB":
            verb_trigger = _verb_trigger(token, lex)
            if verb_trigger is None:
                continue
            trigger = verb_trigger
            subject, passive = _subject(token)
            sources = _actors_in(subject, ctx)
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
            targets = []
            for obj in objects:
                targets.extend(a for a in _actors_in(_phrase(obj), ctx) if a not in targets)
                targets.extend(a for a in _prep_objects(obj, ctx) if a not in targets)
            targets.extend(a for a in _prep_objects(token, ctx) if a not in targets)
            if not targets:
                # "agreed to provide aid to Poland": the complement clause names the recipient
                for clause in (c for c in token.children if c.dep_ == "xcomp"):
                    for obj in (c for c in clause.children if c.dep_ in ("dobj", "dative")):
                        targets.extend(a for a in _actors_in(_phrase(obj), ctx) if a not in targets)
                        targets.extend(a for a in _prep_objects(obj, ctx) if a not in targets)
                    targets.extend(a for a in _prep_objects(clause, ctx) if a not in targets)
            if passive:
                sources, targets = _agent(token, ctx), sources + [t for t in targets if t not in sources]
            if (
                token.lemma_ in {"purchase", "buy", "acquire", "import", "receive"}
                and trigger.event_type == "AID"
            ):
                makers = _weapon_makers([*[t for o in objects for t in _phrase(o)]], ctx)
                sources, targets = makers, sources
            if not targets and token.dep_ == "conj":
                head_objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative")]
                for obj in head_objects:
                    targets.extend(a for a in _actors_in(_phrase(obj), ctx) if a not in targets)
            scope = [*subject, *[t for o in objects for t in _phrase(o)], token]
            event = _event(ctx, trigger, token, sources, targets, f"verb:{token.lemma_}", scope)
            if event:
                events.append(event)
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in consumed:
            found = _noun_trigger(token, lex)
            if found is None:
                continue
            trigger, phrase = found
            sources = _noun_sources(token, ctx)
            targets = _prep_objects(token, ctx)
            between = _between(token, ctx)
            if between:
                sources, targets = between, []
            if not sources and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr"):
                governor = token.head if token.dep_ != "pobj" else token.head.head
                if governor.pos_ in ("VERB", "AUX"):
                    subject, _ = _subject(governor)
                    sources = _actors_in(subject, ctx)
                    targets = targets or [a for a in _prep_objects(governor, ctx) if a not in sources]
            if trigger.event_type.startswith("X-"):
                sources = sources or _actors_in(token.sent, ctx)[:2]
            event = _event(ctx, trigger, token, sources, targets, f"noun:{phrase}", _phrase(token))
            if event:
                events.append(event)
    for number, event in enumerate(events):
        event.id = f"{ctx.doc_id}:e{number}"
    return events


def _undone(trigger: Trigger, verb: str) -> Trigger:
    """The event a reversing verb makes of its object: lift a ban → CONCEDE, halt aid → SANCTION."""
    if verb in _UNDO and trigger.event_type in ("COERCE", "SANCTION", "PROTEST", "THREATEN"):
        return Trigger("CONCEDE", "", trigger.kind)
    if verb in _UNDO | _HALT and trigger.event_type in ("ASSAULT", "MOBILIZE"):
        return Trigger("RETREAT", "ceasefire" if trigger.event_type == "ASSAULT" else "withdraw", trigger.kind)
    if verb in _HALT and trigger.event_type in _COOPERATIVE:
        return Trigger("SANCTION", "discontinue", trigger.kind)
    return trigger


def stance(token: Token, event_type: str, modality: Modality) -> tuple[str, str] | None:
    """Re-type an event that is only intended, threatened or refused (PLOVER codes the stance).

    "is ready to withdraw" and "will return the weapons" are promises (AGREE); "will attack unless"
    and "threatened to cut ties" are threats (THREATEN); "failed to reach agreement" is REJECT.
    Speculation by others ("analysts believe X may ...") is not the actor's stance and is left alone.
    """
    governor = token.head if token.dep_ in ("xcomp", "ccomp", "advcl", "conj") else None
    governor_word = governor.lemma_.lower() if governor is not None else ""
    if governor is not None and governor.dep_ == "acomp":
        governor_word = governor.lemma_.lower()
    if governor is not None and governor.pos_ in ("AUX", "VERB"):
        for child in governor.children:
            if child.dep_ == "acomp" and child.lemma_.lower() in _INTENT:
                governor_word = child.lemma_.lower()
    if token.dep_ == "xcomp" and governor_word in _REFUSAL and event_type in _COOPERATIVE:
        return "REJECT", ""
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
        for c in token.children
    )
    intended = (token.dep_ == "xcomp" and governor_word in _INTENT) or (modality.future and not modality.speculative)
    if token.dep_ == "xcomp" and governor_word == "threaten":
        return "THREATEN", ""
    if not intended:
        return None
    if conditional or event_type in _MATERIAL_CONFLICT:
        return "THREATEN", ""
    if event_type in _COOPERATIVE and event_type != "AGREE":
        return "AGREE", ""
    return None


def _between(noun: Token, ctx: Context) -> list[str]:
    """Participants of "the war between A and B" or "the A-B conflict"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            return _actors_in(child.subtree, ctx)
    compounds = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod")]
    found: list[str] = []
    for child in compounds:
        found.extend(a for a in _actors_in(child.subtree, ctx) if a not in found)
    return found if len(found) >= 2 else []


def _weapon_makers(tokens: list[Token], ctx: Context) -> list[str]:
    """States that make the weapon systems named in ``tokens`` (a purchase is aid from the maker)."""
    out: list[str] = []
    for token in tokens:
        mention = ctx.mention_at.get(token.i)
        if mention is None:
            continue
        actor = ctx.actors.get(mention.actor_id)
        if actor and actor.kind is ActorKind.WEAPON_SYSTEM and actor.home_state:
            state = ctx.state_by_code(actor.home_state)
            if state and state.id not in out:
                out.append(state.id)
    return out
