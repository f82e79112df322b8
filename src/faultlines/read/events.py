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
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from faultlines.gazetteer import Lexicon as NameLexicon
from faultlines.gazetteer import slug
from faultlines.model import Actor, ActorKind, Event, Mention, Modality, RelationKind, Span, TimeInterval
from faultlines.ontology import event_code
from faultlines.read.actors import ATTITUDE, DOMESTIC_SECTORS, PARTY_NOUN, domestic_actor, domestic_sector


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
    #: (verb lemmas, object lemmas, trigger): a verb whose direct object decides the event
    by_object: tuple[tuple[frozenset[str], frozenset[str], Trigger], ...] = ()


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
    by_object = tuple(
        (frozenset(rule["verbs"]), frozenset(rule["objects"]),
         Trigger(rule["event"], rule.get("mode", ""), RelationKind(rule["kind"]) if "kind" in rule else None))
        for rule in data["object_triggers"]
    )  # fmt: skip
    lex = Lexicon(light=frozenset(data["light_verbs"]), by_object=by_object)
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
    "from",
    "among",
}
_CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "xcomp"}
_HEDGE_VERBS = {"believe", "suspect", "think", "claim", "allege", "speculate", "assume", "suggest", "fear",
                "consider", "rumor", "rumour", "report", "say", "assert", "estimate", "guess"}  # fmt: skip
_HEDGE_WORDS = {"possibly", "reportedly", "allegedly", "apparently", "perhaps", "maybe", "likely", "probably",
                "purportedly", "supposedly"}  # fmt: skip
_FUTURE_VERBS = {"plan", "intend", "aim", "expect", "hope", "want", "prepare", "threaten", "vow", "promise"}
#: Verbs that undo what their object names: lifting a ban concedes, halting aid sanctions.
_UNDO = {"lift", "ease", "end", "remove", "relax", "cancel", "shorten", "scrap", "drop", "repeal", "revoke",
         "call off"}
_HALT = {"halt", "suspend", "stop", "cut", "freeze", "break", "end", "terminate", "withdraw", "cancel", "curtail",
         "prohibit", "reduce", "slash", "bar", "cut back", "cut off"}
#: Words that turn the clause they govern into a stated intention ("is ready to withdraw").
_INTENT = {"willing", "ready", "prepared", "agree", "offer", "promise", "pledge", "vow", "commit", "intend",
           "plan", "decide", "determined", "resolve", "eager", "undertake"}  # fmt: skip
_REFUSAL = {"fail", "refuse", "decline", "reject"}
_COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
_MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
_PURCHASE = {"purchase", "buy", "acquire", "import"}
_VERBAL_PROTEST = {"raise", "lodge", "voice", "express", "issue", "file", "send", "deliver"}
#: Prepositions that say where something is; a place after them is a location, not a participant.
_LOCATIVE = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within", "along"}
#: Verbs that report speech; their own clause is not the event, their complement is.
REPORTING = {"say", "tell", "announce", "state", "declare", "add", "report", "stress", "quote", "confirm",
             "claim", "indicate", "note", "write", "insist", "reiterate", "argue", "assert"}  # fmt: skip
#: Reporting verbs that attribute without doubting (unlike "believe", "claim", "suspect").
_NEUTRAL_REPORT = {"say", "tell", "announce", "state", "declare", "report", "confirm", "add", "quote", "stress",
                   "reiterate", "indicate", "note"}  # fmt: skip
#: Speech acts whose refusal is no event ("declined to comment", "refused to elaborate").
_NO_COMMENT = {"comment", "elaborate", "confirm", "say", "speculate", "specify", "disclose", "identify", "name",
               "answer", "respond", "detail", "give"}  # fmt: skip
#: Verbs that put forward a contested statement; about another's hostile act they accuse.
_CLAIM = {"claim", "allege", "charge", "contend", "assert"}
_HOSTILE = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"}
#: Verbs whose complement is a decision taken, not a threat made.
_DECISION = {"announce", "decide", "rule", "order", "vote"}
#: Modal verbs that make a reported clause a demand ("Russia said Sudan must return the helicopter").
_OBLIGATION = {"must", "should", "ought"}
#: Verbs that commit their subject to what their object names: offering aid is a promise (AGREE).
_PLEDGE = {"offer", "promise", "pledge", "vow"}
#: Nouns for people who visit or are received ("welcomed the king" is a visit, "the plan" is not).
_VISITORS = {"king", "queen", "prince", "president", "minister", "premier", "chancellor", "leader", "envoy",
             "ambassador", "delegation", "official", "secretary", "emir", "sheikh", "pope", "counterpart",
             "guest", "visitor", "team", "mission", "diplomat", "head", "monarch", "general", "commander"}  # fmt: skip
#: Verbs that grant what a request asks for ("accepted the demands", "met their demands").
_ACCEDE = {"accept", "meet", "satisfy", "grant", "heed", "fulfil", "fulfill", "accommodate"}
#: Verbs that ask for what their object names ("sought asylum", "requested aid").
_SEEK = {"seek", "request", "demand", "want"}
#: Head nouns that only frame the event their modifier names ("a mediation effort", "peace mission").
_FRAME_NOUNS = {"effort", "efforts", "mission", "initiative", "bid", "campaign", "drive", "process", "plan",
                "programme", "program", "move", "attempt", "round", "session", "package"}  # fmt: skip
#: What "launch" needs as object to be an attack rather than a campaign or a product.
_LAUNCHED_WEAPONS = {"missile", "rocket", "shell", "grenade", "bomb", "drone", "torpedo", "mortar", "salvo",
                     "barrage", "projectile", "artillery", "fire", "airstrike", "strike", "attack", "raid",
                     "offensive", "assault", "incursion", "counteroffensive"}  # fmt: skip
#: Nouns that measure or group the event named after "of" ("ten days of talks", "a wave of strikes").
_MEASURES = {"day", "week", "month", "year", "hour", "series", "round", "wave", "spate", "string", "number"}
#: Exercises count as military cooperation when two or more forces hold them together.
_EXERCISE_NOUNS = {"exercise", "exercises", "drill", "drills", "games", "maneuvers", "manoeuvres"}
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
    lexicon: NameLexicon  # the one the mentions were resolved with (shipped plus any user gazetteer)

    def state_id(self, code: str) -> str:
        """The id of the state with this ISO code, registered among the document's actors so that every
        actor an event names is listed ("" for an unknown code)."""
        state = self.state_by_code(code) if code else None
        if state is None:
            return ""
        self.actors.setdefault(state.id, state)
        return state.id


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
        if mention is None or mention.rule.endswith(ATTITUDE):
            continue
        actor = ctx.actors.get(mention.actor_id)
        if actor is None:
            continue
        if agents_only and actor.kind in (ActorKind.PLACE, ActorKind.WEAPON_SYSTEM):
            continue
        if (
            agents_only
            and token.dep_ in ("amod", "compound")
            and token.head.lemma_.lower() in _PLACE_NOUNS
            and token.head.dep_ == "pobj"
            and token.head.head.lower_ in _LOCATIVE | _WHERE_PREPS
        ):
            continue  # "outside the Peruvian city of Tacna" says where, not who ("shelled Iraqi towns" is whom)
        if mention.actor_id not in out:
            out.append(mention.actor_id)
    people_states = {ctx.actors[a].home_state for a in out if ctx.actors[a].kind is ActorKind.PERSON}
    return [
        a
        for a in out
        if not (ctx.actors[a].kind is ActorKind.STATE and ctx.actors[a].home_state in people_states)
    ]


def _np_actors(tokens: list[Token], ctx: Context, *, subject: bool = False) -> list[str]:
    """Actors a noun phrase names as participants.

    A phrase nested in a prepositional modifier says where or about what, not who, when the phrase
    names its own actor: "King Abdullah II in Tel Aviv" is Jordan's king, not Israel; "Congo and Costa
    Rica over their ties with Israel" are two states, not three; "assistance to the US-led war against
    Iraq" goes to the US. So the shallowest level that names actors wins. When it names none, or only
    people we cannot place ("rebels in the Ivory Coast", "the government of Iraq", "a member of the
    Syrian parliament, Mohammed Mamoun"), the next level down says whose they are.
    """
    if not tokens:
        return []
    inside = {t.i for t in tokens}
    depth: dict[int, int] = {}
    for token in tokens:
        level, current = 0, token
        while current.head.i in inside and current.head.i != current.i:
            if (current.dep_ == "appos" and current.pos_ == "NOUN") or (
                current.dep_ == "prep" and current.head.pos_ in ("NOUN", "PROPN", "PRON")
            ):  # "Pakistan, a key U.S. ally": a described apposition adds no party ("the US, Russia" is a list)
                level += 1
            current = current.head
        depth[token.i] = level
    named = [t for t in tokens if not _pronoun_mention(t, ctx)]  # "a share of its oil from X": "its" is no level
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if subject and heads and not _agentive(heads[0]):
        # "a gas explosion in a Tehran apartment block killed ...": the place says where, not who acted
        return _residents(_actors_in([t for t in named if depth[t.i] == 0], ctx), tokens, ctx)
    for level in sorted(set(depth.values())):
        found = _actors_in([t for t in named if depth[t.i] <= level], ctx)
        if found and all(_placed(ctx.actors[a]) for a in found):
            return _residents(found, tokens, ctx)
    found = _residents(_actors_in(tokens, ctx), tokens, ctx)
    if not found and heads and PARTY_NOUN.match(heads[0].lemma_):
        return _states_at(tokens, ctx)  # "the government of Sindh province" is Pakistan's
    return found


_PEOPLE_KINDS = (ActorKind.ETHNIC_GROUP, ActorKind.RELIGIOUS_GROUP)


def _residents(found: list[str], tokens: list[Token], ctx: Context) -> list[str]:
    """A people qualified by the state it lives in is that state's minority, an actor of its own:
    "Iraqi Kurds", "Bosnian Serbs", "ethnic Albanians in south Serbia", "Druze inhabitants of the Syrian
    Golan Heights" (CAMEO codes a minority by its state of residence). The qualifying state is then a
    modifier, not a second party. Other actors pass through unchanged."""
    out: list[str] = []
    qualifiers: set[str] = set()
    for actor_id in found:
        people = [
            t for t in tokens
            if (m := ctx.mention_at.get(t.i)) is not None and m.actor_id == actor_id
            and (ctx.actors[actor_id].kind in _PEOPLE_KINDS or m.sector == "PPL")
        ]  # fmt: skip
        state = _residence(people, ctx) if people else None
        actor = ctx.actors[actor_id]
        if state is None or state.home_state == actor.home_state:
            out.append(actor_id)
            continue
        resident = _resident(ctx.mention_at[people[0].i], state, ctx)
        qualifiers.add(state.id)
        if resident.id not in out:
            out.append(resident.id)
    return [a for a in out if a not in qualifiers]


_MODIFIER_RANK = {"pobj": 0, "compound": 1}


def _resident(mention: Mention, state: Actor, ctx: Context) -> Actor:
    """The actor for a people living in a state ("Kurds in Iraq"), registered with the document."""
    own_words = mention.span.text.split()[-1]  # "Iraqi Kurds" -> "Kurds"; "Serbs" -> "Serbs"
    resident = Actor(
        id=f"fl:resident:{state.home_state.lower()}:{slug(own_words) or 'people'}",
        name=f"{own_words} in {state.name}",
        kind=ActorKind.ETHNIC_GROUP,
        home_state=state.home_state,
        states=(state.home_state,),
        sector="CVL",
        source="rule: a people qualified by the state it lives in (CAMEO codes minorities by residence)",
    )
    return ctx.actors.setdefault(resident.id, resident)


def _ethnic_where(anchor: Token, ids: list[str], scope: Iterable[Token], ctx: Context) -> list[str]:
    """"ethnic Albanians demonstrated in Serbia": a people the text marks as ethnic, acting or acted on
    in another state, are that state's minority (CAMEO codes minorities by residence)."""
    marked = {
        m.actor_id: m for t in scope
        if (m := ctx.mention_at.get(t.i)) is not None and m.actor_id in ids and t.i > 0
        and t.doc[t.i - 1].lower_ == "ethnic"
    }  # fmt: skip
    if not marked:
        return ids
    places = [p for p in _where(anchor, ctx) if p in ctx.actors and ctx.actors[p].kind is ActorKind.STATE]
    if not places:
        return ids
    state = ctx.actors[places[0]]
    out = []
    for actor_id in ids:
        mention = marked.get(actor_id)
        actor = ctx.actors.get(actor_id)
        if mention is None or actor is None or actor.home_state == state.home_state:
            out.append(actor_id)
        else:
            out.append(_resident(mention, state, ctx).id)
    return out


def _residence(people: list[Token], ctx: Context) -> Actor | None:
    """The state a people's phrase says it lives in: a demonym before it ("Iraqi Kurds", "Bosnian
    Serbs") or a place after "in"/"of" ("Albanians of southern Serbia")."""
    head = max(people, key=lambda t: t.i)
    own = ctx.mention_at[head.i]
    first = people[0]
    candidates: list[Token] = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < first.i]
    nouns = [head]
    if head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ == "NOUN":
        nouns.append(head.head)  # "Druze inhabitants of the Syrian Golan Heights"
    preps = [c for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ in ("in", "of", "from", "inside")]
    for prep in preps:
        # the place itself before its modifiers: "of the Israeli-occupied West Bank" is the West Bank
        inside = (g for g in prep.subtree if g.i != prep.i)
        candidates.extend(sorted(inside, key=lambda g: (_MODIFIER_RANK.get(g.dep_, 2), g.i)))
    for token in candidates:
        mention = ctx.mention_at.get(token.i)
        if mention is None or mention.actor_id == own.actor_id:
            continue
        states = _states_at([token], ctx)
        if states:
            return ctx.actors[states[0]]
    words = own.span.text.split()
    if len(words) > 1:  # a gazetteer alias that carries its state: "Iraqi Kurds"
        for candidate in ctx.lexicon.lookup(words[0]):
            if candidate.actor.kind is ActorKind.STATE and candidate.rule == "atlas:demonym":
                return ctx.actors.get(ctx.state_id(candidate.actor.home_state))
    return None


#: Head nouns of phrases that name who acts, so that a place or owner nested in them says whose they are.
_AGENT_NOUNS = {"member", "group", "leader", "chief", "head", "delegation", "team", "party", "coalition", "front",
                "movement", "council", "committee", "body", "agency", "union", "association", "organisation",
                "organization", "alliance", "supporter", "thousand", "hundred", "dozen", "million", "some",
                "many", "most", "all", "one", "two", "three", "four", "five", "patch", "unit", "wing",
                "faction", "spokesman", "spokeswoman", "representative", "envoy", "minister", "president"}  # fmt: skip


def _agentive(head: Token) -> bool:
    """Whether a subject's head names who acts (people, a body, a force), not a thing or an occurrence."""
    for word in (head.lemma_.lower(), head.lower_):
        if head.pos_ in ("PROPN", "PRON", "NUM") or word in _AGENT_NOUNS or word in DOMESTIC_SECTORS:
            return True
        if PARTY_NOUN.match(word):
            return True
    # "the first deployment of NATO troops", "a group of Kenyan farmers": the "of" phrase names who
    return any(
        _agentive(g) for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in _pobjs(p)
    )


def _pronoun_mention(token: Token, ctx: Context) -> bool:
    mention = ctx.mention_at.get(token.i)
    return mention is not None and mention.rule.startswith("pronoun")


def _placed(actor: Actor) -> bool:
    """Whether we know whose an actor is: a state's, a people's, or an international body."""
    return bool(actor.home_state or actor.states or actor.sector in ("IGO", "NGO"))


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
        if current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head is not current:
            current = current.head
            continue
        if current.dep_ in ("relcl", "acl") and current.head is not current:
            return [current.head], current is verb and current.tag_ == "VBN" and current.dep_ == "acl"
        break
    return [], False


def _prep_objects(token: Token, ctx: Context, preps: set[str] = _PREPS_TARGET) -> list[str]:
    out: list[str] = []
    children = list(token.children)
    # "kidnapped up to 16 advisers": the parser may hang "to" on a particle "up"
    children.extend(g for c in children if c.dep_ == "prt" for g in c.children)
    for child in children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for grand in _pobjs(child):
                if child.lower_ == "with" and grand.lemma_.lower() in _HELPERS:
                    continue  # "with Albania's help": a helper, not the one acted on
                out.extend(a for a in _np_actors(_phrase(grand), ctx) if a not in out)
        if child.dep_ == "agent":
            continue
    return out


def _pobjs(prep: Token) -> list[Token]:
    """A preposition's objects. When the parser left it without one ("granted asylum to five officers
    holed up ...", where "officers" became the subject of "holed"), the noun phrase right after it."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if objects or prep.dep_ != "prep" or prep.i + 1 >= prep.sent.end:
        return objects
    head = prep.doc[prep.i + 1]
    while head.head.i > prep.i and head.head.i < prep.sent.end and head.dep_ in ("det", "nummod", "amod", "compound",
                                                                                "poss", "quantmod", "nmod"):
        head = head.head
    return [head] if head.pos_ in ("NOUN", "PROPN") and head.i > prep.i else []


def _agent(verb: Token, ctx: Context) -> list[str]:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return _np_actors(_phrase(grand), ctx)
    return []


def _kinds(trigger: Trigger, tokens: Iterable[Token]) -> list[RelationKind]:
    if trigger.kind is not None:
        return [trigger.kind]
    text = " ".join(t.text for t in tokens)
    found = [kind for kind, pattern in _KIND_WORDS if pattern.search(text)]
    return found[:2]


def _modality(token: Token) -> Modality:
    return _modality_parts(token)[0]


def _modality_parts(token: Token) -> tuple[Modality, bool]:
    """The modality of a trigger's clause, and whether its only hedge is neutral attribution ("X will
    visit Y, the embassy said"), which reports the actor's stance rather than doubting it."""
    modality = Modality()
    own_hedge = would = False
    believed = False
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
                modality.speculative = own_hedge = True
                modality.future = modality.future or not has_perfect
            if child.dep_ == "aux" and child.lower_ in {"will", "shall", "'ll"}:
                modality.future = True
            if child.dep_ == "aux" and child.lower_ == "would":
                would = True
            if child.lower_ in _HEDGE_WORDS:
                modality.speculative = own_hedge = True
    # governing hedging or intending verbs: "analysts believe that X may have ...", "plans to visit"
    head = clause
    for _ in range(3):
        if head.dep_ in ("ccomp", "xcomp", "advcl", "conj") and head.head is not head:
            governor = head.head
            if head.dep_ == "ccomp" and governor.lemma_.lower() in REPORTING and would:
                modality.future = True  # reported "will" is backshifted: "said they would boycott"
            if governor.lemma_ in _HEDGE_VERBS and head.dep_ == "ccomp":
                modality.speculative = True
                believed = believed or governor.lemma_.lower() not in _NEUTRAL_REPORT
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
    return modality, modality.speculative and not own_hedge and not believed


def _event(
    ctx: Context,
    trigger: Trigger,
    anchor: Token,
    sources: list[str],
    targets: list[str],
    rule: str,
    scope: list[Token],
) -> Event | None:
    targets = [t for t in targets if t not in sources]  # "strengthened its forces": "its" is the actor itself
    if trigger.event_type == "PROTEST" or (trigger.event_type in ("ACCUSE", "REJECT") and not targets):
        # who a protest defies outranks where it happens ("blocked streets in X in defiance of Y")
        targets = [t for t in _defied(anchor, ctx) if t not in sources] or targets
    if trigger.event_type == "REJECT" and not targets:
        targets = [t for t in _pressed_by(anchor, ctx) if t not in sources]
    if sources and trigger.event_type in ("ASSAULT", "COERCE") and not any(
        _placed(ctx.actors[t]) for t in targets if t in ctx.actors
    ):
        targets = _repressed(anchor, sources, ctx) or targets
    joint = len(sources) > 1 and anchor.pos_ in ("NOUN", "PROPN")  # "the war between A and B in X": A and B
    # words are said somewhere, not to it ("warned in Baku"); refuge is sought from where it is sought
    sought = trigger.event_type == "REQUEST" and rule.startswith("light-verb:seek")
    if sources and not targets and (trigger.event_type in _LOCATED or sought) and not joint:
        targets = [_own_people(t, sources, ctx) for t in _where(anchor, ctx)]
        if trigger.event_type == "RETREAT":  # rebels surrendering or a militia's truce at home: no one else
            homes = {ctx.actors[s].home_state for s in sources if s in ctx.actors}
            targets = [t for t in targets if t not in ctx.actors or ctx.actors[t].home_state not in homes]
        if targets:
            rule += "+where"
    if not sources and not targets:
        return None
    sources = _ethnic_where(anchor, sources, anchor.sent, ctx)
    targets = [t for t in _ethnic_where(anchor, targets, anchor.sent, ctx) if t not in sources]
    sent = anchor.sent
    modality, attributed = _modality_parts(anchor)
    if modality.speculative and _own_statement(anchor, sources, ctx):
        modality.speculative = False  # "Greece said it will support ...": its own word, not a rumour
    # neutral attribution ("..., the embassy said") reports a stance; belief ("analysts think") doesn't
    judged = replace(modality, speculative=False) if attributed else modality
    refused = modality.negated and not (modality.speculative or modality.denied)
    changed = None
    if anchor.pos_ in ("VERB", "AUX") and not (refused and trigger.event_type in _COOPERATIVE):
        changed = stance(anchor, trigger.event_type, judged)
    if changed is not None:
        trigger = Trigger(changed[0], changed[1], trigger.kind)
        rule += f"+stance:{changed[0].lower()}"
        modality.future = False  # the promise or threat itself happened
    elif refused and trigger.event_type in _COOPERATIVE:
        # "will not accept", "did not agree": refusing cooperation is itself an event (CAMEO 12, REJECT)
        trigger = Trigger("REJECT", "", trigger.kind)
        rule += "+negated:reject"
        modality.negated = False
        modality.future = False
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


#: Event types that happen *to* a place when nobody else is named: a curfew, a strike, a rally, a
#: withdrawal or a shelling "in Montenegro" touches Montenegro (CAMEO codes the location as the target
#: then). Talks, agreements and statements made somewhere do not: a summit in Geneva is not about Geneva.
_LOCATED = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "CONCEDE", "RETREAT", "AID"}
#: Prepositions that set an event beside another one in time or cause, not in the same hands.
_CIRCUMSTANCE = {"after", "before", "following", "despite", "since", "until", "during", "amid", "amidst", "over",
                 "because", "than"}  # fmt: skip
#: Prepositions that put an event in (or take it out of) a place.
_WHERE_PREPS = (_LOCATIVE - {"around", "along"}) | {"into", "from"}  # "around"/"along" border a place


def _where(anchor: Token, ctx: Context) -> list[str]:
    """The state where an event happens, from a place phrase of its trigger, the trigger's object, or,
    for a noun trigger, the verb that governs it ("staged a rally in Lagos"). A town counts for the
    state it lies in. Only the first place phrase that names a state is used."""
    heads = [anchor, *(c for c in anchor.children if c.dep_ in ("dobj", "attr", "nsubjpass"))]
    heads.extend([c for h in heads[1:] for c in h.children if c.dep_ == "acl"])  # "the curfew imposed in Sudan"
    if anchor.pos_ in ("NOUN", "PROPN"):  # "the withdrawal of forces from Panama"
        heads.extend(g for p in anchor.children if p.dep_ == "prep" and p.lower_ == "of" for g in _pobjs(p))
    heads.extend(  # "killed 23 people when they blew themselves up in Tel Aviv"; "as battles raged in Baghdad"
        c for c in anchor.children
        if c.dep_ == "advcl" and any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as", "while")
                                     for m in c.children)
    )  # fmt: skip
    if anchor.pos_ in ("NOUN", "PROPN"):  # "a general strike that shut down Kathmandu"
        for clause in (c for c in anchor.children if c.dep_ == "relcl"):
            for obj in (c for c in clause.children if c.dep_ == "dobj"):
                found = _states_at(obj.subtree, ctx)
                if found:
                    return found
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("dobj", "nsubj") and anchor.head.pos_ == "VERB":
        heads.append(anchor.head)
    if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ == "pobj" and anchor.head.head.pos_ in ("VERB", "AUX"):
        heads.append(anchor.head.head)  # "remained on alert in the West Bank"
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _WHERE_PREPS):
            if anchor.dep_ == "pobj" and prep.i == anchor.head.i:
                continue  # the phrase the event noun itself stands in ("in the Karabakh war") is not a place
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() not in _DEFIANCE):
                found = _states_at(pobj.subtree, ctx)
                if found:
                    return found
    return []


#: Nouns after "with" that name who helps, not who is acted on.
_HELPERS = {"help", "support", "assistance", "backing", "aid", "cooperation", "approval", "blessing", "consent",
            "participation", "involvement"}  # fmt: skip
_DEFIANCE = {"protest", "defiance", "opposition"}
#: Nouns for pressing someone to act; a refusal "despite" them answers whoever pressed.
_PRESSURE = {"pressure", "call", "demand", "appeal", "request", "urging"}


def _defied(anchor: Token, ctx: Context) -> list[str]:
    """Whom a protest is against when a phrase says so: "blocked streets in defiance of Chinese
    authorities", "a hunger strike in protest of the Russian government's refusal"."""
    heads = [anchor, *(c for c in anchor.children if c.dep_ == "dobj")]
    if anchor.dep_ in ("dobj", "pobj") and anchor.head.pos_ in ("VERB", "ADP"):
        heads.append(anchor.head if anchor.dep_ == "dobj" else anchor.head.head)
    return _named_in_phrase(heads, {"in"}, _DEFIANCE, {"of", "against", "at", "over", "to"}, ctx)


def _named_in_phrase(
    heads: Iterable[Token], preps: set[str], nouns: set[str], inner: set[str], ctx: Context
) -> list[str]:
    """Actors named inside a set phrase on one of ``heads``: a preposition in ``preps`` whose object is
    one of ``nouns``, then that noun's own preposition in ``inner`` ("in defiance of X", "despite
    pressure by X"). The first phrase that names anyone wins."""
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for noun in (g for g in _pobjs(prep) if g.lemma_.lower() in nouns):
                found = _prep_objects(noun, ctx, inner)
                if found:
                    return found
    return []


def _not_an_event(noun: Token) -> bool:
    """Event nouns used in another sense: "alert" is a mobilisation only as readiness ("on high alert"),
    not a travel alert; "opposition" is a rejection only of something ("opposition to the deal"), not
    the political opposition ("came under fire from the opposition")."""
    if noun.lemma_.lower() == "opposition":
        return not any(c.dep_ == "prep" and c.lower_ == "to" for c in noun.children)
    if noun.lemma_.lower() != "alert":
        return False
    on = noun.head.lower_ == "on" or any(c.dep_ == "prep" and c.lower_ == "on" for c in noun.head.children)
    return not (on or any(c.lower_ in ("high", "full", "maximum", "combat", "heightened") for c in noun.children))


def _speech_act(noun: Token, lex: Lexicon) -> bool:
    """Whether a noun is qualified by a participle that names a demand, threat or accusation."""
    for clause in (c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"):
        options = lex.verbs.get(clause.lemma_.lower(), [])
        if any(o.event_type in ("REQUEST", "THREATEN", "ACCUSE") for o in options):
            return True
    return False


#: Nouns that name an attack without its author ("a roadside bombing", "a car bomb explosion").
_ANONYMOUS_ATTACKS = {"bombing", "bomb", "device", "mine", "minefield", "attack", "ambush", "attempt", "gunfire",
                      "shelling", "rocket", "missile", "grenade", "ied", "car-bomb", "bomber"}  # fmt: skip
#: "Explosion" and "blast" are attacks only with a weapon beside them ("a car bomb explosion"), not a gas leak.


def _unattributed(verb: Token, subject: list[Token], passive: bool, ctx: Context) -> list[str]:
    """Unidentified attackers in the state where an attack with no named author happened ("a roadside
    bombing near Samarra killed ...", "were killed by a device outside Basra"): CAMEO codes them by
    that state (sector UAF); we make them an actor of their own, never the state itself."""
    agent = [t for c in verb.children if c.dep_ == "agent" for t in c.subtree]
    carriers = agent if passive else subject
    carriers = carriers + [t for c in verb.children if c.dep_ == "prep" and c.lower_ in _WHERE_PREPS | {"by"}
                           for t in c.subtree]  # fmt: skip
    if not any(t.lemma_.lower() in _ANONYMOUS_ATTACKS for t in carriers) and not (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _ANONYMOUS_ATTACKS  # "an attempt to assassinate"
    ):
        return []
    places = _states_at(carriers, ctx) or _where(verb, ctx) or (_where(verb.head, ctx) if verb.dep_ == "xcomp" else [])
    state = ctx.actors.get(places[0]) if places else None
    if state is None or not state.home_state:
        return []
    attackers = domestic_actor(state, "UAF", "an attack with no named author, placed in the state it happened in")
    ctx.actors.setdefault(attackers.id, attackers)
    return [attackers.id]


def _repressed(anchor: Token, sources: list[str], ctx: Context) -> list[str]:
    """A state's forces acting on protesters, rebels or students no state is named for act on their own
    ("Egyptian police opened fire to disperse fundamentalist demonstrators"): CAMEO's domestic default."""
    state = next((ctx.actors[s] for s in sources if s in ctx.actors and ctx.actors[s].kind is ActorKind.STATE), None)
    if state is None or not state.home_state:
        return []
    clauses = [anchor, *(c for c in anchor.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB")]
    for clause in clauses:
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            sector = domestic_sector(obj)
            if sector == "CVL":  # protesters are almost always at home; militants may be across a border
                group = domestic_actor(state, sector, "a state's forces acting on a group no other state is named for")
                ctx.actors.setdefault(group.id, group)
                return [group.id]
    return []


def _pressed_by(anchor: Token, ctx: Context) -> list[str]:
    """Whom a refusal answers: "declined to resign despite pressure by the anti-corruption commission"."""
    clauses = [anchor, *(c for c in anchor.children if c.dep_ == "xcomp")]
    if anchor.dep_ == "xcomp":
        clauses.append(anchor.head)
    return _named_in_phrase(clauses, {"despite", "in"}, _PRESSURE, {"by", "from", "of"}, ctx)


def _own_people(state_id: str, sources: list[str], ctx: Context) -> str:
    """A state acting within its own borders ("Turkish authorities imposed a curfew in Cizre") acts on
    its own people: the target is the state's civilians, an actor of their own, not the state again."""
    state = ctx.actors.get(state_id)
    if state is None or not state.home_state:
        return state_id
    own = state_id in sources or any(
        (a := ctx.actors.get(s)) is not None and a.home_state == state.home_state
        and (a.kind is ActorKind.PERSON or (a.kind is ActorKind.ORGANISATION and a.sector in ("GOV", "MIL", "SPY")))
        for s in sources
    )  # fmt: skip
    if not own:
        return state_id
    people = domestic_actor(state, "CVL", "a state's measure within its own borders falls on its civilians")
    ctx.actors.setdefault(people.id, people)
    return people.id


def _states_at(tokens: Iterable[Token], ctx: Context) -> list[str]:
    """States named in some tokens, directly or through a town or region that lies in them."""
    out: list[str] = []
    for actor_id in _actors_in(tokens, ctx, agents_only=False):
        actor = ctx.actors[actor_id]
        if actor.kind is ActorKind.STATE:
            state_id = actor_id
        elif actor.kind is ActorKind.PLACE and actor.home_state:
            state_id = ctx.state_id(actor.home_state)
        else:
            continue
        if state_id and state_id not in out:
            out.append(state_id)
    return out


_PRONOUNS = {"he", "she", "they", "we", "it", "i"}
#: Nouns for places: a state's name or demonym qualifying one says where, not who.
_PLACE_NOUNS = {"city", "town", "village", "capital", "port", "province", "region", "district", "enclave",
                "border", "coast", "countryside", "frontier", "hinterland", "heartland", "outskirts"}  # fmt: skip


def _reporter_actors(verb: Token, subject: list[Token], ctx: Context) -> list[str]:
    """Who a pronoun subject is when a reporting verb governs the clause: in "the rebels said they
    will release ...", "they" is the rebels (English reported speech keeps the speaker as subject)."""
    if len(subject) != 1 or subject[0].lower_ not in _PRONOUNS:
        return []
    clause = verb
    for _ in range(4):
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING:
            speaker, _ = _subject(clause.head)
            return _np_actors(speaker, ctx)
        if clause.dep_ not in ("xcomp", "conj", "acomp", "advcl", "ccomp") or clause.head is clause:
            return []
        clause = clause.head
    return []


def _homes(actor_ids: Iterable[str], ctx: Context) -> set[str]:
    """The states (else the ids) of some actors: a president speaks for his state."""
    out = set()
    for actor_id in actor_ids:
        actor = ctx.actors.get(actor_id)
        out.add(actor.home_state if actor is not None and actor.home_state else actor_id)
    return out


def _own_statement(anchor: Token, sources: list[str], ctx: Context) -> bool:
    """Whether the clause is reported by its own actor ("Iraq said it would allow ...")."""
    if not sources:
        return False
    clause = anchor
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "dobj", "pobj", "prep") or clause.head is clause:
            return False
        governor = clause.head
        if clause.dep_ == "ccomp" and governor.lemma_.lower() in REPORTING:
            subject, _ = _subject(governor)
            return bool(_homes(_np_actors(subject, ctx), ctx) & _homes(sources, ctx))
        clause = governor
    return False


def _sentence_index(token: Token) -> int:
    doc = token.doc
    index = 0
    for i, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return i
        index = i
    return index


def _verb_trigger(token: Token, lex: Lexicon, ctx: Context | None = None) -> Trigger | None:
    verb = token.lemma_.lower()
    object_lemmas = {c.lemma_.lower() for c in token.children if c.dep_ == "dobj"}
    for verbs, nouns, trigger in lex.by_object:  # "opened fire", "blocked roads", "established ties"
        if verb in verbs and object_lemmas & nouns:
            return trigger
    options = lex.verbs.get(token.lemma_.lower())
    if not options or _idiom(token):
        return None
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
    for option in options:
        if option.particle and option.particle.split()[0] in particles:
            return option
    plain = [option for option in options if not option.particle]
    if len(plain) > 1 and plain[0].mode == "visit" and ctx is not None:
        # "welcomed the president" is a visit; "welcomed the decision" is support
        first = [c for c in token.children if c.dep_ == "dobj"]
        if first and not _names_people(first[0], ctx):
            return plain[1]
    if token.lemma_.lower() in _REFUSAL and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT and not _answers_to(c) for c in token.children
    ):
        return None  # "declined to comment": a spokesman's silence, not a rejection
    if token.lemma_.lower() in ("arrive", "land") and _peacekeepers(token):
        return Trigger("AID", "peacekeeping", RelationKind.MILITARY)  # CAMEO 074: peacekeepers arriving
    if token.lemma_.lower() == "launch":
        first = [c for c in token.children if c.dep_ == "dobj"]
        if first and first[0].lemma_.lower() not in _LAUNCHED_WEAPONS:
            return None  # a campaign, a satellite or a product, not an attack
    return plain[0] if plain else None


#: Participles that after "be" state the subject's own stance ("is opposed to", "is committed to").
_STATIVE = {"oppose", "commit", "dedicate", "devote", "incline"}
#: Verbs whose clause subject is the one they act on ("allowed candidate X to participate").
_ENABLE = {"allow", "permit", "let", "enable", "authorize", "authorise", "order", "force", "compel"}


def _peacekeepers(verb: Token) -> bool:
    """Whether a verb's subject is peacekeepers ("NATO peacekeeping troops have arrived in Bosnia")."""
    subject, _ = _subject(verb)
    return any(t.lower_.startswith(("peacekeep", "peace-keep", "blue helmet")) for t in subject)


def _idiom(verb: Token) -> bool:
    """Uses of trigger verbs that name no event between actors: "sue for peace", "abused its veto power"
    (only physical or sexual abuse is an assault), "contributed to their defeat" (no troops or money)."""
    lemma = verb.lemma_.lower()
    if lemma == "sue":
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in ("peace", "terms", "truce")
                                                                   for g in c.children) for c in verb.children)
    if lemma == "abuse":
        return not any(c.lower_ in ("sexually", "physically") for c in verb.children)
    if lemma == "contribute":
        return not any(c.dep_ == "dobj" for c in verb.children)
    return False


def _answers_to(verb: Token) -> bool:
    """Whether a speech verb answers someone's move ("respond to a demand"): refusing that rejects it."""
    return any(child.dep_ == "prep" and child.lower_ == "to" for child in verb.children)


def _names_people(head: Token, ctx: Context) -> bool:
    """Whether an object names people one can receive ("the Swedish king"), not a thing ("the decision")."""
    return head.i in ctx.mention_at or head.pos_ == "PROPN" or head.lemma_.lower() in _VISITORS


def _noun_trigger(token: Token, lex: Lexicon) -> tuple[Trigger, str] | None:
    compound = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
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
    if token.lower_ in _FRAME_NOUNS or token.lemma_.lower() in _FRAME_NOUNS:
        # "a mediation effort", "a peacekeeping mission": the modifier names the event
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < token.i:
                for form in (child.lower_, child.lemma_.lower()):
                    if form in lex.nouns:
                        return lex.nouns[form], form
    return None


def _noun_sources(noun: Token, ctx: Context) -> list[str]:
    sources: list[str] = []
    for child in noun.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
            sources.extend(a for a in _np_actors(_phrase(child), ctx) if a not in sources)
    if not sources:
        for child in noun.children:
            if child.dep_ in ("compound", "nmod", "amod") and child.lower_.replace("-", "") in (
                k.replace("-", "") for k in _NAMED_CONFLICTS
            ):
                codes = _NAMED_CONFLICTS.get(child.lower_, ())
                sources = [i for code in codes if (i := ctx.state_id(code))]
    return sources


def code_events(ctx: Context) -> list[Event]:
    """All events in a parsed document, each sentence's main event first (see :func:`salience`)."""
    lex = lexicon()
    found: list[tuple[Event, Token]] = []
    consumed: set[int] = set()
    doc = ctx.doc
    light = lex.light | _UNDO | _HALT | _PLEDGE
    for token in doc:
        verb = _phrasal(token)
        if token.pos_ in ("VERB", "AUX") and (token.lemma_.lower() in light or verb in light):
            for child in _light_objects(token):
                if child.pos_ in ("NOUN", "PROPN"):
                    noun = _noun_trigger(child, lex)
                    if noun is None or _speech_act(child, lex) or _not_an_event(child):
                        continue  # "issued a declaration demanding that ...": the demand is the event
                    trigger, _ = noun
                    if trigger.event_type == "PROTEST" and token.lemma_.lower() in _VERBAL_PROTEST:
                        trigger = Trigger("ACCUSE", "disapprove", None)
                    trigger = _undone(trigger, verb if verb in _UNDO | _HALT else token.lemma_.lower())
                    if token.lemma_.lower() in _PLEDGE and trigger.event_type in _COOPERATIVE:
                        trigger = Trigger("AGREE", "", trigger.kind)  # "offered aid": a promise of aid
                    if token.lemma_.lower() in _ACCEDE and trigger.event_type == "REQUEST":
                        trigger = Trigger("CONCEDE", "", trigger.kind)  # "accepted their demands" (CAMEO 083)
                    if token.lemma_.lower() in _SEEK and trigger.event_type in _COOPERATIVE:
                        trigger = Trigger("REQUEST", "", trigger.kind)  # "sought asylum": asking for it
                    subject, passive = _subject(token)
                    sources = (_noun_sources(child, ctx) or _np_actors(subject, ctx)
                               or _reporter_actors(token, subject, ctx))  # fmt: skip
                    targets = (_patient_of(child, trigger, ctx) or _prep_objects(child, ctx)
                               or _prep_objects(token, ctx) or _between(child, ctx))  # fmt: skip
                    for other in token.children:  # "give Tanzania a grant": the indirect object
                        if other.dep_ in ("dative", "dobj") and other.i != child.i:
                            targets.extend(a for a in _np_actors(_phrase(other), ctx) if a not in targets)
                    if not targets and trigger.event_type in ("REQUEST", "THREATEN", "ACCUSE"):
                        # "issued a stern reminder to Iraq that ...", "made a demand that Chile ...")
                        targets = [a for g in (child, token) for a in _clause_subjects(g, ctx) if a not in sources]
                    if passive:
                        sources, targets = _agent(token, ctx), sources
                    trigger = _joint(trigger, child, sources)
                    event = _event(ctx, trigger, token, sources, targets, f"light-verb:{token.lemma_}+{child.lemma_}",
                                   [*subject, *_phrase(child)])  # fmt: skip
                    consumed.add(child.i)
                    consumed.add(token.i)
                    if event:
                        found.append((event, token))
                    break
    for token in doc:
        demand = _reported_demand(token, ctx, consumed)
        if demand is not None:
            found.append(demand)
        claim = _claimed_wrong(token, ctx, lex)
        if claim is not None:
            found.append(claim)
            consumed.add(token.i)
    for token in doc:
        if token.i in consumed:
            continue
        if token.pos_ == "VERB":
            verb_trigger = _verb_trigger(token, lex, ctx)
            if verb_trigger is None:
                continue
            trigger = verb_trigger
            subject, passive = _subject(token)
            if passive and token.lemma_.lower() in _STATIVE and not any(c.dep_ == "agent" for c in token.children):
                passive = False  # "Israel is opposed to French mediation": a stance of the subject, not a passive
            sources = _np_actors(subject, ctx, subject=not passive) or _reporter_actors(token, subject, ctx)
            if not sources and token.dep_ == "acl" and token.tag_ == "VBG" and token.head.dep_ == "dobj":
                # "the PKK issued a declaration demanding ...": whoever issued it demands
                sources = _np_actors(_subject(token.head.head)[0], ctx)
            objects = [c for c in token.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
            targets = []
            for obj in objects:
                targets.extend(a for a in _np_actors(_phrase(obj), ctx) if a not in targets)
                targets.extend(a for a in _prep_objects(obj, ctx) if a not in targets)
            targets.extend(a for a in _prep_objects(token, ctx) if a not in targets)
            if trigger.event_type == "ACCUSE" and not [o for o in objects if o.dep_ == "dobj"]:
                # "complained to the UN over Israeli raids": the complaint is about Israel, told to the UN
                # (with an object, "criticised Azerbaijan over its ties with Israel", the object is the target)
                targets = _prep_objects(token, ctx, {"over", "about", "against"}) or targets
            if not targets and trigger.event_type == "CONSULT" and trigger.mode == "visit":
                # "arrived in Amman": the host of a visit is where the visitor arrives
                targets.extend(a for a in _prep_objects(token, ctx, {"in"}) if a not in sources)
            if not targets:
                # "agreed to provide aid to Poland": the complement clause names the recipient
                for clause in (c for c in token.children if c.dep_ == "xcomp"):
                    for obj in (c for c in clause.children if c.dep_ in ("dobj", "dative")):
                        targets.extend(a for a in _np_actors(_phrase(obj), ctx) if a not in targets)
                        targets.extend(a for a in _prep_objects(obj, ctx) if a not in targets)
                    targets.extend(a for a in _prep_objects(clause, ctx) if a not in targets)
            if not targets and (trigger.event_type in ("REQUEST", "THREATEN", "ACCUSE") or token.lemma_ in _ENABLE):
                # "demanded that the United States match ...": who is to act is the addressee;
                # "allowed candidate X to run": who is allowed is the one conceded to;
                # "threatened to strike if Israel ...": who must comply is the one threatened;
                # "insisted on its demands that Burundi's government ...": the clause hangs on the noun
                nouns = [g for p in token.children if p.dep_ == "prep" for g in _pobjs(p)]
                targets = [a for g in (token, *nouns) for a in _clause_subjects(g, ctx) if a not in sources]
            if passive:
                sources, targets = _agent(token, ctx), sources + [t for t in targets if t not in sources]
            if not sources and trigger.event_type == "ASSAULT":
                sources = _unattributed(token, subject, passive, ctx)
            if token.lemma_ in _PURCHASE and trigger.event_type == "AID":
                # buying a weapon is aid from the state that makes it ("the Harop drones purchased by
                # Azerbaijan": the weapon may be the object, or the noun the passive participle modifies)
                buyers = sources  # after the passive swap the agent ("by Azerbaijan") is the source
                makers = _weapon_makers([t for w in (*subject, *objects) for t in _phrase(w)], ctx)
                if not makers:
                    continue  # buying trucks, or a weapon of unknown make, is no interaction between actors
                sources, targets = makers, [b for b in buyers if b not in makers]
            if not targets and token.dep_ == "conj":
                head_objects = [c for c in token.head.children if c.dep_ in ("dobj", "dative")]
                for obj in head_objects:
                    targets.extend(a for a in _np_actors(_phrase(obj), ctx) if a not in targets)
            scope = [*subject, *[t for o in objects for t in _phrase(o)], token]
            event = _event(ctx, trigger, token, sources, targets, f"verb:{token.lemma_}", scope)
            if event:
                found.append((event, token))
        elif token.pos_ in ("NOUN", "PROPN") and token.i not in consumed:
            noun = _noun_trigger(token, lex)
            if noun is None or _speech_act(token, lex) or _not_an_event(token):
                continue
            trigger, phrase = noun
            sources = _noun_sources(token, ctx)
            targets = _prep_objects(token, ctx) or _patient_of(token, trigger, ctx)
            between = _between(token, ctx)
            if between:
                sources, targets = between, []
            if (
                not sources
                and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr")
                and not (token.dep_ == "pobj" and token.head.lower_ in _CIRCUMSTANCE)
            ):  # "took part in a rally" is the subject's rally; "a curfew after a rally" is not
                governor = token.head if token.dep_ != "pobj" else token.head.head
                if governor.pos_ in ("VERB", "AUX"):
                    subject, _ = _subject(governor)
                    sources = [] if token in subject else _np_actors(subject, ctx, subject=True)
                    targets = targets or [a for a in _prep_objects(governor, ctx) if a not in sources]
            if not targets and trigger.event_type in ("REQUEST", "THREATEN", "ACCUSE"):
                # "reiterated its demand that Israel ease ...": the that-clause may hang on the noun or its verb
                governors = [token, token.head] if token.dep_ == "dobj" else [token]
                targets = [a for g in governors for a in _clause_subjects(g, ctx) if a not in sources][:3]
            if trigger.event_type.startswith("X-"):
                sources = sources or _actors_in(token.sent, ctx)[:2]
            trigger = _joint(trigger, token, sources)
            event = _event(ctx, trigger, token, sources, targets, f"noun:{phrase}", _phrase(token))
            if event:
                found.append((event, token))
    _aim_from_purpose(found)
    found.sort(key=lambda pair: (_sentence_index(pair[1]), salience(pair[1]), pair[1].i))
    events = [event for event, _ in found]
    for number, event in enumerate(events):
        event.id = f"{ctx.doc_id}:e{number}"
    return events


def _aim_from_purpose(found: list[tuple[Event, Token]]) -> None:
    """An event that names nobody it is aimed at takes the target of the clause that states its
    purpose: in "began a hunger strike to protest Sweden's decision" and "staged rallies to demand
    reforms by Suharto's government" the strike is against Sweden and the rallies against Suharto."""
    by_anchor = {token.i: event for event, token in found}
    for event, token in found:
        if event.targets or not event.sources:
            continue
        governors = [token]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
            governors.append(token.head)  # "staged demonstrations ... to demand": the clause hangs on the verb
        for clause in (c for g in governors for c in g.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"):
            purpose = by_anchor.get(clause.i)
            if purpose is None or not purpose.targets or not set(purpose.sources) <= set(event.sources):
                continue
            aimed = [t for t in purpose.targets if t not in event.sources]
            if aimed:
                event.targets = aimed
                event.rule += "+purpose"
                break


def _light_objects(verb: Token) -> list[Token]:
    """Objects of a light verb, looking through measures ("launched ten days of war games")."""
    out = []
    for child in verb.children:
        if child.dep_ not in ("dobj", "attr"):
            continue
        out.append(child)
        if child.lemma_.lower() in _MEASURES:
            out.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                       if g.dep_ == "pobj")  # fmt: skip
    return out


def _patient_of(noun: Token, trigger: Trigger, ctx: Context) -> list[str]:
    """ "The invasion of Kuwait", "the blockade of Serbia": after a conflict noun, "of" names its target
    (after other nouns it often names the agent: "the withdrawal of Serbian forces")."""
    if trigger.event_type not in ("ASSAULT", "COERCE", "SANCTION"):
        return []
    found = _prep_objects(noun, ctx, {"of"})
    if not found:  # "the invasion of South Lebanon": a region stands for its state
        found = [a for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in _pobjs(p)
                 for a in _states_at(g.subtree, ctx)]  # fmt: skip
    return found


def _phrasal(token: Token) -> str:
    """A verb with its particle ("call off"), or its lemma alone."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    lemma = token.lemma_.lower()
    return f"{lemma} {particles[0]}" if particles else lemma


def salience(token: Token) -> int:
    """How deep a trigger sits under its sentence's root; the shallowest event is the main one.

    Reporting verbs do not count ("Hungary said it will support ..." is about the support), so a
    sentence's main event is its root verb's, else the one in the clause a reporting verb governs.
    """
    depth = 0
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in REPORTING and ancestor.pos_ == "VERB":
            continue
        depth += 1
    return depth


def _clause_subjects(verb: Token, ctx: Context) -> list[str]:
    """Subjects of the clause a verb governs: a ``that``-clause, or a condition of its complement."""
    out: list[str] = []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses.extend(  # "its demand that Israel ease ...": a that-clause on a noun
        c for c in verb.children if c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    )
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
        clauses.extend(
            c for c in xcomp.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        )  # fmt: skip
    clauses.extend(
        c for c in verb.children
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
    )  # fmt: skip
    for clause in clauses:
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                out.extend(a for a in _np_actors(_phrase(child), ctx) if a not in out)
    return out


def _reported_demand(token: Token, ctx: Context, consumed: set[int]) -> tuple[Event, Token] | None:
    """ "X said Y must do Z" is X's demand on Y (CAMEO and PLOVER code it as REQUEST)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING:
        return None
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        if clause.i in consumed:
            continue
        modal = [c for c in clause.children if c.dep_ == "aux" and c.lower_ in _OBLIGATION]
        negated = any(c.dep_ == "neg" for c in clause.children)
        if not modal or negated:
            continue
        subject, _ = _subject(token)
        sources = _np_actors(subject, ctx)
        targets = []
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                targets = [a for a in _np_actors(_phrase(child), ctx) if a not in sources]
        if not sources or not targets:
            continue
        trigger = Trigger("REQUEST", "", None)
        event = _event(ctx, trigger, clause, sources, targets, f"reported-demand:{token.lemma_}+{modal[0].lower_}",
                       [*_phrase(clause)])  # fmt: skip
        if event is None:
            continue
        event.modality.future = False  # the demand itself was made
        consumed.add(clause.i)
        return event, clause
    return None


def _claimed_wrong(token: Token, ctx: Context, lex: Lexicon) -> tuple[Event, Token] | None:
    """ "The US claimed that Iraq had attacked ...": claiming that another did a hostile act accuses
    them of it (CAMEO 112). The claimed act is still coded, hedged by the claim."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _CLAIM:
        return None
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        act = _verb_trigger(clause, lex, ctx) if clause.pos_ == "VERB" else None
        if act is None or act.event_type not in _HOSTILE:
            continue
        speaker, _ = _subject(token)
        sources = _np_actors(speaker, ctx)
        doer, _ = _subject(clause)
        targets = [a for a in _np_actors(doer, ctx) if a not in sources]
        if not sources or not targets:
            continue
        event = _event(ctx, Trigger("ACCUSE", "allege", None), token, sources, targets,
                       f"claimed:{token.lemma_}+{clause.lemma_}", [*_phrase(clause)])  # fmt: skip
        return (event, token) if event is not None else None
    return None


def _joint(trigger: Trigger, noun: Token, sources: list[str]) -> Trigger:
    """Exercises held by two or more forces together are military cooperation, not mobilisation."""
    if trigger.event_type != "MOBILIZE" or noun.lower_ not in _EXERCISE_NOUNS:
        return trigger
    joint = any(c.lower_ in ("joint", "combined") for c in noun.children)
    if joint or len(sources) >= 2:
        return Trigger("COOPERATE", "", RelationKind.MILITARY)
    return trigger


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
    if token.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in token.children):
        return None  # the condition of a threat or promise is not itself intended
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
    marks = {m.lower_ for c in token.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
    conditional = bool(marks & {"unless", "if"})
    if "unless" in marks and (modality.future or modality.speculative or token.dep_ == "xcomp"):
        return "THREATEN", ""  # "will withdraw its force unless ...": the condition makes it a threat
    intended = (token.dep_ == "xcomp" and governor_word in _INTENT) or (modality.future and not modality.speculative)
    if token.dep_ == "xcomp" and governor_word == "threaten":
        return "THREATEN", ""
    if conditional and event_type not in _COOPERATIVE and (modality.speculative or modality.future):
        return "THREATEN", ""  # "may halt its mediation if ...": a conditional threat
    if not intended:
        return None
    if event_type in _MATERIAL_CONFLICT and not conditional and _decided(token):
        return None  # "announced it would prohibit all aid": a decision taken, coded as the act itself
    if event_type in _MATERIAL_CONFLICT or (conditional and event_type not in _COOPERATIVE):
        return "THREATEN", ""
    if event_type in _COOPERATIVE and event_type != "AGREE":
        return "AGREE", ""
    return None


def _decided(token: Token) -> bool:
    """Whether a clause reports a decision ("announced it would ...", "decided to ...")."""
    clause = token
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "xcomp", "conj") or clause.head is clause:
            return False
        if clause.head.lemma_.lower() in _DECISION:
            return True
        clause = clause.head
    return False


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
    for actor_id in _actors_in(tokens, ctx, agents_only=False):
        actor = ctx.actors[actor_id]
        state_id = ctx.state_id(actor.home_state) if actor.kind is ActorKind.WEAPON_SYSTEM else ""
        if state_id and state_id not in out:
            out.append(state_id)
    return out
