"""Shared helpers for check's tests: hand-built document models and the shipped reference base."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from faultlines.check import ReferenceBase, load_reference
from faultlines.model import Claim, Document, DocumentModel

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
CLAIMS = ROOT / "tests" / "data" / "claims"


@pytest.fixture(scope="session")
def base() -> ReferenceBase:
    return load_reference()


def model(text: str, when: date | None = None, doc_id: str = "t", title: str = "") -> DocumentModel:
    """A document model as a reader would hand it over, built by hand (text and metadata only)."""
    return DocumentModel(document=Document(id=doc_id, text=text, title=title, date=when))


def claims_of(text: str, base: ReferenceBase, kind: str | None = None) -> list[Claim]:
    from faultlines.check import extract_claims

    found = extract_claims(model(text), base)
    return [c for c in found if kind is None or c.kind == kind]
