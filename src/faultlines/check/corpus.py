"""Corpus cross-check: does the rest of the corpus make the same claim, and does it agree?

Two claims are "the same claim" when they are about the same thing (the holder of one office, the
date of one event, one state's population, one group's share, one membership...). They agree when
their values match under the same tolerances the reference check uses; otherwise they disagree.
Counts go into ``Verdict.corpus_agree`` / ``corpus_disagree``; the titles go into the report.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from faultlines.check.claims import extract_claims
from faultlines.check.reference import ReferenceBase
from faultlines.model import Claim, CorpusModel, DocumentModel, span_from_dict, time_from_dict, to_jsonable

if TYPE_CHECKING:
    from faultlines.check.report import CheckReport
    from faultlines.store import Store


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


def corpus_claims(
    corpus: CorpusModel, base: ReferenceBase, known: dict[str, list[Claim]] | None = None
) -> dict[str, list[Claim]]:
    """Claims per document id: the corpus's own claims where stored, else ``known`` ones (persisted by
    an earlier ``check --db``), else extracted from the text."""
    stored: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        stored[claim.doc_id].append(claim)
    known = known or {}
    out: dict[str, list[Claim]] = {}
    for doc in corpus.documents:
        found = stored.get(doc.id)
        if not found and doc.id in known:
            found = known[doc.id]
        out[doc.id] = found if found is not None else extract_claims(DocumentModel(document=doc), base)
    return out


def index_claims(claims_by_doc: dict[str, list[Claim]]) -> dict[tuple[Any, ...], list[Claim]]:
    """Claims by :func:`claim_key`: built once, then passed to every :func:`cross_check` of a run."""
    index: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for claims in claims_by_doc.values():
        for claim in claims:
            key = claim_key(claim)
            if key is not None:
                index[key].append(claim)
    return index


def corpus_index(corpus: CorpusModel, base: ReferenceBase) -> dict[tuple[Any, ...], list[Claim]]:
    """Claims of the corpus by :func:`claim_key` (extracting where the corpus stores none).

    No module-level cache: a caller checking many documents against one corpus builds this once and
    passes it to :func:`cross_check` (as ``check_paths`` and ``check_corpus`` do).
    """
    return index_claims(corpus_claims(corpus, base))


# --------------------------------------------------------------------------- persisted claims

#: The store's results table (``result_check_claims``) holding the claims ``check`` extracted per document.
CLAIMS_TABLE = "check_claims"
#: Bump when claim extraction changes what it returns, so persisted claims are extracted again.
CLAIMS_FORMAT = "2"


def extraction_key(base: ReferenceBase) -> str:
    """What extracted claims depend on besides the text: our version and the reference base's size
    (user reference directories add people, which changes the names extraction recognises)."""
    from faultlines import __version__

    digest = hashlib.sha1(json.dumps(base.counts(), sort_keys=True).encode()).hexdigest()[:12]
    return f"{CLAIMS_FORMAT}:{__version__}:{digest}"


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """The inverse of ``to_jsonable(claim)``."""
    return Claim(
        id=data["id"],
        doc_id=data["doc_id"],
        kind=data["kind"],
        subject=data["subject"],
        predicate=data["predicate"],
        value=data["value"],
        span=span_from_dict(data["span"]),
        when=time_from_dict(data.get("when")),
        checkable=bool(data.get("checkable", True)),
        details=dict(data.get("details") or {}),
    )


def load_claims(store: Store, key: str) -> dict[str, list[Claim]]:
    """Claims persisted per document by an earlier run with the same :func:`extraction_key`."""
    out: dict[str, list[Claim]] = {}
    for row in store.read_table(CLAIMS_TABLE):
        if row.get("key") == key and isinstance(row.get("doc_id"), str):
            out[row["doc_id"]] = [claim_from_dict(c) for c in row.get("claims") or []]
    return out


def claim_rows(claims_by_doc: dict[str, list[Claim]], key: str) -> list[dict[str, Any]]:
    """One row per document for ``store.write_table(CLAIMS_TABLE, rows)``."""
    return [
        {"doc_id": doc_id, "key": key, "claims": [to_jsonable(c) for c in claims]}
        for doc_id, claims in sorted(claims_by_doc.items())
    ]


def cross_check(
    report: CheckReport,
    corpus: CorpusModel,
    base: ReferenceBase,
    index: dict[tuple[Any, ...], list[Claim]] | None = None,
) -> None:
    """Fill each verdict's corpus counts and each item's agreeing/disagreeing titles, in place.

    ``index`` is :func:`corpus_index` of ``corpus``, built once by a caller checking many documents.
    """
    titles = {doc.id: doc.title or doc.id for doc in corpus.documents}
    if index is None:
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
