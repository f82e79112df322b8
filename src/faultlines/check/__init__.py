"""check capability: verify the claims of an article against a sourced reference base and the corpus.

Public API::

    load_reference(extra=None) -> ReferenceBase
    extract_claims(model, reference=None) -> list[Claim]
    check_claim(claim, base, doc_date) -> Verdict
    check_model(model, reference=None, corpus=None, doc_date=None) -> CheckReport
    check_corpus(corpus, reference=None, *, cross_check=True, doc_date=None) -> list[CheckReport]

See ``docs/check.md`` (commands, verdicts, tolerance rule, JSON) and ``docs/reference-base.md``.
"""

from faultlines.check.claims import classify_sentence, extract_claims
from faultlines.check.reference import ReferenceBase, load_reference
from faultlines.check.report import CheckedClaim, CheckReport, check_corpus, check_model, document_date
from faultlines.check.verify import check_claim

__all__ = [
    "CheckReport",
    "CheckedClaim",
    "ReferenceBase",
    "check_claim",
    "check_corpus",
    "check_model",
    "classify_sentence",
    "document_date",
    "extract_claims",
    "load_reference",
]
