"""Checking a whole document: the document date, every claim's verdict, the corpus cross-check.

``check_model`` is what ``faultlines check``, ``faultlines analyze`` and the web app call; it returns
a :class:`CheckReport` that serialises to the JSON documented in ``docs/check.md``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from faultlines.check.claims import classify_sentence, extract_claims, sentence_times, sentences_of
from faultlines.check.reference import ReferenceBase, load_reference
from faultlines.check.verify import check_claim, fmt
from faultlines.model import Claim, CorpusModel, DocumentModel, Mention, Verdict, VerdictLabel, to_jsonable

REPORT_VERSION = "1.0"


@dataclass(slots=True)
class CheckedClaim:
    """A claim, its verdict and what the rest of the corpus says about the same claim."""

    claim: Claim
    verdict: Verdict
    agree_titles: list[str] = field(default_factory=list)
    disagree_titles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CheckReport:
    """The verdicts for one document and the date they were judged at."""

    doc_id: str
    title: str
    doc_date: date
    date_basis: str
    items: list[CheckedClaim] = field(default_factory=list)
    reference_counts: dict[str, int] = field(default_factory=dict)

    @property
    def verdicts(self) -> list[Verdict]:
        return [item.verdict for item in self.items]

    @property
    def claims(self) -> list[Claim]:
        return [item.claim for item in self.items]

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict label (every label present, zero when unused)."""
        found = Counter(item.verdict.label.value for item in self.items)
        return {label.value: found.get(label.value, 0) for label in VerdictLabel}

    def flagged(self) -> list[CheckedClaim]:
        """Claims the base contradicts or dates as outdated."""
        bad = {VerdictLabel.CONTRADICTED, VerdictLabel.OUTDATED}
        return [item for item in self.items if item.verdict.label in bad]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types; see docs/check.md for the schema."""
        return {
            "version": REPORT_VERSION,
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_date": self.doc_date.isoformat(),
            "date_basis": self.date_basis,
            "counts": self.counts(),
            "reference": self.reference_counts,
            "claims": [
                {
                    "claim": to_jsonable(item.claim),
                    "verdict": to_jsonable(item.verdict),
                    "corpus": {"agree": item.agree_titles, "disagree": item.disagree_titles},
                }
                for item in self.items
            ],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per claim, for ``store.write_table("verdicts", rows)``."""
        return [
            {
                "doc_id": self.doc_id,
                "claim_id": item.claim.id,
                "kind": item.claim.kind,
                "claim": item.claim.span.text,
                "start": item.claim.span.start,
                "end": item.claim.span.end,
                "label": item.verdict.label.value,
                "reference": "" if item.verdict.reference is None else str(item.verdict.reference),
                "source": item.verdict.source,
                "explanation": item.verdict.explanation,
                "doc_date": self.doc_date.isoformat(),
                "date_basis": self.date_basis,
                "corpus_agree": item.verdict.corpus_agree,
                "corpus_disagree": item.verdict.corpus_disagree,
            }
            for item in self.items
        ]


def infer_date(model: DocumentModel, claims: list[Claim], today: date | None = None) -> tuple[date | None, str]:
    """The latest dated event the text states as fact (not a prediction), and its wording."""
    today = today or date.today()
    best: tuple[date, str] | None = None
    doc = model.document
    for claim in claims:
        if claim.when is None or claim.when.end is None or not claim.checkable:
            continue
        end = min(claim.when.end, today)
        if best is None or end > best[0]:
            best = (end, claim.when.text)
    for _, first, last in sentences_of(model):
        text = doc.text[first:last]
        if classify_sentence(text) != "fact":
            continue
        for _, _, interval in sentence_times(text):
            if interval.end is None or interval.end.year < 1900:
                continue
            stop = min(interval.end, today)
            if best is None or stop > best[0]:
                best = (stop, interval.text)
    return (best[0], best[1]) if best else (None, "")


def document_date(
    model: DocumentModel, claims: list[Claim], given: date | None = None, today: date | None = None
) -> tuple[date, str]:
    """The date a document speaks from, and which rule gave it.

    Order: a date the user gives (``--date``), the document's metadata, the latest dated event the
    text mentions, today.
    """
    if given is not None:
        return given, "given (--date)"
    if model.document.date is not None:
        return model.document.date, "document metadata"
    inferred, wording = infer_date(model, claims, today)
    if inferred is not None:
        return inferred, f"inferred from '{wording}', the latest dated event the text mentions"
    today = today or date.today()
    return today, "today (the text carries no date)"


def check_model(
    model: DocumentModel,
    reference: ReferenceBase | None = None,
    corpus: CorpusModel | None = None,
    doc_date: date | None = None,
    *,
    corpus_index: dict[tuple[Any, ...], list[Claim]] | None = None,
) -> CheckReport:
    """Check every claim of one document against the reference base and, optionally, a corpus.

    Parameters
    ----------
    model : the document as read by ``faultlines.read.read_text`` (or built by hand).
    reference : the reference base; the shipped one when ``None``.
    corpus : other documents (``open_store(db).corpus()``) to cross-check the same claims against;
        the document itself is skipped.
    doc_date : the date the document speaks from, overriding metadata and inference.
    corpus_index : ``check.corpus.corpus_index(corpus, reference)``, when checking many documents
        against one corpus (built once instead of per document).

    Returns
    -------
    CheckReport
        Every claim with a verdict, the document date used and the rule that gave it.

    Examples
    --------
    >>> from faultlines.model import Document, DocumentModel
    >>> doc = Document(id="d", text="Azerbaijan joined NATO in 2004.")
    >>> report = check_model(DocumentModel(document=doc))
    >>> [i.verdict.label.value for i in report.items]
    ['contradicted']
    """
    base = reference or load_reference()
    claims = model.claims or extract_claims(model, base)
    when, basis = document_date(model, claims, doc_date)
    report = CheckReport(
        doc_id=model.document.id,
        title=model.document.title,
        doc_date=when,
        date_basis=basis,
        reference_counts=base.counts(),
    )
    for claim in claims:
        report.items.append(CheckedClaim(claim, check_claim(claim, base, when)))
    if corpus is not None:
        from faultlines.check.corpus import cross_check

        cross_check(report, corpus, base, corpus_index)
    return report


def describe_date(report: CheckReport) -> str:
    return f"{fmt(report.doc_date)} ({report.date_basis})"


def check_corpus(
    corpus: CorpusModel,
    reference: ReferenceBase | None = None,
    *,
    cross_check: bool = True,
    doc_date: date | None = None,
) -> list[CheckReport]:
    """Check every document of a corpus, each against the others when ``cross_check`` is on.

    For ``faultlines analyze`` and the web app, which hold a merged :class:`CorpusModel` rather than
    per-document models: each document gets back its own mentions and stored claims.
    """
    base = reference or load_reference()
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for mention in corpus.mentions:
        mentions[mention.span.doc_id].append(mention)
    stored: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims:
        stored[claim.doc_id].append(claim)
    others = corpus if cross_check and len(corpus.documents) > 1 else None
    index = None
    if others is not None:
        from faultlines.check.corpus import corpus_index

        index = corpus_index(others, base)
    return [
        check_model(
            DocumentModel(document=doc, mentions=mentions[doc.id], claims=stored[doc.id]),
            base,
            others,
            doc_date,
            corpus_index=index,
        )
        for doc in corpus.documents
    ]
