"""Stated relations: what a text says a relation *is* ("aligned with", "a strategic partnership",
"long-term opposition", "pan-Turkic connections"), as opposed to events that happen.

Each cue has a kind and a sign. The two parties are found around the cue: "between A and B";
"A and B are both ..."; a possessor right before the cue ("Iran's support for Armenia"); else the
first actor of the sentence (or the state an "it"/"its" stands for) as source and the first actor
after a preposition following the cue as target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from faultlines.model import Actor, ActorKind, Mention, Modality, RelationKind, Span, Statement, TimeInterval
from faultlines.read.actors import mentions_by_sentence

K = RelationKind


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: re.Pattern[str]
    kind: RelationKind
    sign: int
    name: str


def _cue(regex: str, kind: RelationKind, sign: int) -> Cue:
    return Cue(re.compile(regex, re.I), kind, sign, regex)


CUES: tuple[Cue, ...] = (
    _cue(r"\baligned with\b|\balignment with\b", K.DIPLOMATIC, 1),
    _cue(r"\bon \w+(?:['’]s)? side\b|\bsided with\b|\btook the side of\b", K.DIPLOMATIC, 1),
    _cue(r"\bstrategic partner(?:ship)?\b", K.MILITARY, 1),
    _cue(r"\bpartnership\b|\bpartners\b", K.DIPLOMATIC, 1),
    _cue(r"\balliance\b|\ballied with\b|\ballies\b|\bally of\b", K.MILITARY, 1),
    _cue(r"\bmilitary (?:cooperation|ties|links|partnership)\b|\bdefen[cs]e (?:cooperation|ties)\b", K.MILITARY, 1),
    _cue(r"\b(?:energy|oil|gas) (?:cooperation|ties|partnership|supplier|supplies|supply)\b", K.ENERGY, 1),
    _cue(r"\bshifted (?:toward|towards|to)\b|\bshift to\b|\bturn(?:ed)? to(?:ward)?\b", K.DIPLOMATIC, 1),
    _cue(r"\bfriendship\b|\bfriendly relations\b|\bclose ties\b|\bwarm relations\b", K.DIPLOMATIC, 1),
    _cue(r"\bpan-turkic\b|\bturkic (?:ties|kinship|brotherhood)\b|\bone nation,? two states\b|\bkinship\b|"
         r"\bethnic (?:ties|kin|bonds|connection)\b|\bbrotherly\b", K.KINSHIP, 1),
    _cue(r"\breligious (?:ties|bonds|commonality|affinity)\b|\breligious and ethnic ties\b|"
         r"\bshared (?:faith|religion)\b|\bboth shi['’]?a\b|\bboth (?:muslim|christian|sunni)\b", K.RELIGION, 1),
    _cue(r"\bsupport for\b|\bbacking (?:of|for)\b|\bsupport to\b", K.DIPLOMATIC, 1),
    _cue(r"\bopposition (?:with|to)\b|\blong-term opposition\b", K.DIPLOMATIC, -1),
    _cue(r"\brivals?\b|\brivalry\b|\benmity\b|\bhostility\b|\bhostile\b|\benem(?:y|ies)\b|\badversar(?:y|ies)\b",
         K.DIPLOMATIC, -1),
    _cue(r"\btensions?\b|\btense relationship\b|\bstrained relations\b|\brelations (?:cold|frosty|soured)\b|"
         r"\bcold relations\b|\bdrifted apart\b", K.DIPLOMATIC, -1),
    _cue(r"\bdistrust\b|\bmistrust\b|\bsuspicions? (?:of|about|toward|towards)\b|\bbetrayal\b", K.DIPLOMATIC, -1),
    _cue(r"\bdissatisfaction with\b|\bdispleasure with\b|\bgrievances? (?:with|against)\b", K.DIPLOMATIC, -1),
    _cue(r"\bterritorial (?:dispute|claims?|integrity)\b|\bborder dispute\b|\bboundary dispute\b", K.TERRITORY, -1),
    _cue(r"\bdeterrence against\b|\bto counter\b(?!-)|\bcontain(?:ment of)?\b", K.MILITARY, -1),
)  # fmt: skip

_AGENT_KINDS = {ActorKind.STATE, ActorKind.ORGANISATION, ActorKind.PERSON, ActorKind.ETHNIC_GROUP,
                ActorKind.RELIGIOUS_GROUP}  # fmt: skip
_PREP_AFTER = re.compile(r"^\W*(?:[\w'’-]+\s+){0,3}?(?:with|to|for|toward|towards|against|of|on|between)\s", re.I)
#: A hostile cue whose sentence goes on to say it faded ("tensions ... eased") states no hostility.
_RELIEVED = re.compile(r"\b(eased|easing|defused|subsided|calmed|cooled|resolved|ended|abated|thawed)\b", re.I)
_NEGATED = re.compile(r"\b(not|no|never|neither|nor)\b[^.;]{0,30}$", re.I)


def find_statements(
    doc_id: str,
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    actors: dict[str, Actor],
    when_for: dict[int, TimeInterval | None],
    subject_starts: set[int] | frozenset[int] = frozenset(),
) -> list[Statement]:
    """Stated relations in each sentence; ``when_for`` gives a sentence's time (or None)."""
    statements: list[Statement] = []
    buckets = mentions_by_sentence(mentions)
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        here = [m for m in buckets.get(index, []) if actors[m.actor_id].kind in _AGENT_KINDS]
        if len({m.actor_id for m in here}) < 2:
            continue
        seen: set[tuple[str, str, str]] = set()
        for cue in CUES:
            for match in cue.pattern.finditer(sentence):
                pair = _parties(sentence, start, match, here, subject_starts)
                if pair is None:
                    continue
                source, target = pair
                if cue.sign < 0 and _RELIEVED.search(sentence[match.end() : match.end() + 80]):
                    continue
                key = (source, target, cue.kind.value)
                if source == target or key in seen:
                    continue
                seen.add(key)
                negated = bool(_NEGATED.search(sentence[: match.start()][-40:]))
                statements.append(
                    Statement(
                        id=f"{doc_id}:s{len(statements)}",
                        doc_id=doc_id,
                        source=source,
                        target=target,
                        kind=cue.kind,
                        sign=cue.sign,
                        span=Span(doc_id, index, start, end, sentence),
                        when=when_for.get(index),
                        modality=Modality(negated=negated),
                        cue=match.group(0),
                        rule=f"cue:{cue.kind.value}",
                    )
                )
    return statements


def _parties(
    sentence: str,
    offset: int,
    match: re.Match[str],
    here: list[Mention],
    subject_starts: set[int] | frozenset[int],
) -> tuple[str, str] | None:
    cue_start, cue_end = offset + match.start(), offset + match.end()
    before = [m for m in here if m.span.end <= cue_start]
    after = [m for m in here if m.span.start >= cue_end]
    if re.match(r"^\W*(?:[\w'’-]+\s+){0,2}?between\s", sentence[match.end() :], re.I):
        ids = _distinct(m.actor_id for m in after)
        if len(ids) >= 2:
            return ids[0], ids[1]
    earlier = list(re.finditer(r"\bbetween\s", sentence[: match.start()], re.I))
    if earlier:
        ids = _distinct(m.actor_id for m in before if m.span.start >= offset + earlier[-1].end())
        if len(ids) >= 2:
            return ids[0], ids[1]
    both = re.search(r"\b(?:are|were)\s+both\b", sentence[: match.end()], re.I)
    if both:
        ids = _distinct(m.actor_id for m in before)
        if len(ids) >= 2:
            return ids[0], ids[1]
    # possessor right before the cue: "Iran's support for Armenia"
    owner = [
        m for m in before
        if re.match(r"^(['’]s)?\s+(?:[\w-]+\s+){0,3}$", sentence[m.span.end - offset : match.start()])
        and (sentence[m.span.end - offset : m.span.end - offset + 1] in "'’" or m.span.text.lower() == "its")
    ]  # fmt: skip
    subjects = [m for m in before if m.span.start in subject_starts]
    if owner:
        source = owner[-1].actor_id
    elif subjects:
        source = subjects[-1].actor_id
    elif before:
        source = before[-1].actor_id
    else:
        return None
    if match.group(0).lower().startswith("on ") and re.search(r"['’]s side", match.group(0)):
        # "on Israel's side": the possessor is inside the cue
        inside = [m for m in here if cue_start <= m.span.start < cue_end]
        if inside and source:
            return source, inside[0].actor_id
    targets = [m for m in after if m.actor_id != source]
    if targets and _PREP_AFTER.match(sentence[match.end() : targets[0].span.start - offset + 1] + " "):
        return source, targets[0].actor_id
    if targets and targets[0].span.start - cue_end <= 3:
        return source, targets[0].actor_id
    return None


def _distinct(ids: object) -> list[str]:
    out: list[str] = []
    for item in ids:  # type: ignore[attr-defined]
        if item not in out:
            out.append(item)
    return out
