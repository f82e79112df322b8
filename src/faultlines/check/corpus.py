"""Corpus cross-check: does the rest of the corpus make the same claim, and does it agree?

Two claims are "the same claim" when they are about the same thing (the holder of one office, the
date of one event, one state's population, one group's share, one membership...). They agree when
their values match under the same tolerances the reference check uses; otherwise they disagree.
Counts go into ``Verdict.corpus_agree`` / ``corpus_disagree``; the titles go into the report.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from faultlines.check.claims import extract_claims
from faultlines.check.reference import ReferenceBase
from faultlines.model import Claim, CorpusModel, DocumentModel

if TYPE_CHECKING:
    from faultlines.check.report import CheckReport


def claim_key(claim: Claim) -> tuple[Any, ...] | None:
    """What a claim is about, so that claims from different documents can be paired."""
    if not claim.checkable or claim.kind in {"opinion", "superlative"}:
        return None
    if claim.kind == "office":
        return ("office", claim.subject, claim.value.get("office"))
    if claim.kind == "event":
        who = tuple(sorted(claim.details.get("people", []))) or tuple(sorted(claim.details.get("states", [])))
        return ("event", claim.subject, who)
    if claim.kind == "event_detail":
        return ("event_detail", claim.subject, claim.predicate, tuple(sorted(claim.details.get("people", []))))
    if claim.kind == "quantity":
        return ("quantity", claim.subject, claim.predicate, claim.details.get("group", ""))
    if claim.kind == "attribute":
        return ("attribute", claim.subject, claim.predicate)
    if claim.kind == "membership":
        if claim.predicate == "alliance":
            return ("alliance", *sorted([claim.subject, str(claim.value)]))
        return ("membership", claim.subject, str(claim.value))
    return None


def agrees(a: Claim, b: Claim) -> bool:
    """Whether two claims with the same key say the same thing."""
    if a.kind == "office":
        return bool(
            a.value.get("state") == b.value.get("state") or not a.value.get("state") or not b.value.get("state")
        )
    if a.kind == "event":
        if a.when is None or b.when is None or None in (a.when.start, a.when.end, b.when.start, b.when.end):
            return True
        assert a.when.start and a.when.end and b.when.start and b.when.end
        return a.when.start <= b.when.end and b.when.start <= a.when.end
    if a.kind == "quantity":
        lo_a, hi_a = float(a.value["low"]), float(a.value["high"])
        lo_b, hi_b = float(b.value["low"]), float(b.value["high"])
        if a.predicate == "share":
            return lo_a - 2 <= hi_b and lo_b - 2 <= hi_a
        return lo_a * 0.95 <= hi_b and lo_b * 0.95 <= hi_a
    if a.kind == "membership" and a.predicate != "alliance":
        negative = {"not_member_of", "left"}
        return (a.predicate in negative) == (b.predicate in negative)
    return bool(a.value == b.value)


def corpus_claims(corpus: CorpusModel, base: ReferenceBase) -> dict[str, list[Claim]]:
    """Claims per document id: the corpus's own claims where stored, else extracted from the text."""
    stored: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        stored[claim.doc_id].append(claim)
    out: dict[str, list[Claim]] = {}
    for doc in corpus.documents:
        out[doc.id] = stored.get(doc.id) or extract_claims(DocumentModel(document=doc), base)
    return out


_INDEX: dict[int, tuple[CorpusModel, dict[tuple[Any, ...], list[Claim]]]] = {}


def corpus_index(corpus: CorpusModel, base: ReferenceBase) -> dict[tuple[Any, ...], list[Claim]]:
    """Claims of the corpus by :func:`claim_key`, built once per corpus object (checking many documents
    against one corpus extracts its claims only once)."""
    cached = _INDEX.get(id(corpus))
    if cached is not None and cached[0] is corpus:
        return cached[1]
    index: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for claims in corpus_claims(corpus, base).values():
        for claim in claims:
            key = claim_key(claim)
            if key is not None:
                index[key].append(claim)
    _INDEX.clear()  # keep one corpus: the cache must not pin old corpora in memory
    _INDEX[id(corpus)] = (corpus, index)
    return index


def cross_check(report: CheckReport, corpus: CorpusModel, base: ReferenceBase) -> None:
    """Fill each verdict's corpus counts and each item's agreeing/disagreeing titles, in place."""
    titles = {doc.id: doc.title or doc.id for doc in corpus.documents}
    index = corpus_index(corpus, base)
    for item in report.items:
        key = claim_key(item.claim)
        if key is None:
            continue
        agree: dict[str, None] = {}
        disagree: dict[str, None] = {}
        for other in index.get(key, []):
            if other.doc_id == report.doc_id:
                continue
            target = agree if agrees(item.claim, other) else disagree
            target[titles.get(other.doc_id, other.doc_id)] = None
        item.agree_titles, item.disagree_titles = list(agree), list(disagree)
        item.verdict.corpus_agree, item.verdict.corpus_disagree = len(agree), len(disagree)
