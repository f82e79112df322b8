"""Acceptance: the seed article (when ../shared is there) and the shape of the labelled set."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from tests.check.conftest import CLAIMS, SHARED, model

from faultlines.check import ReferenceBase, check_model
from faultlines.model import VerdictLabel

SEED = SHARED / "seed" / "article.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed/article.txt is absent (fresh clone)")
def test_seed_article_every_claim_judged_and_errors_flagged_with_sources(base: ReferenceBase) -> None:
    report = check_model(model(SEED.read_text(encoding="utf-8"), doc_id="seed"), base)
    assert len(report.items) >= 20
    assert all(item.verdict.label in set(VerdictLabel) and item.verdict.explanation for item in report.items)
    assert report.doc_date.year == 2025 and "inferred" in report.date_basis
    flagged = report.flagged()
    assert all(item.verdict.source for item in flagged)
    kinds = {(item.claim.kind, item.verdict.label) for item in flagged}
    assert ("event", VerdictLabel.CONTRADICTED) in kinds  # the crash was in May 2024, not early 2025
    assert ("event_detail", VerdictLabel.CONTRADICTED) in kinds  # a helicopter, not a plane
    raisi = [i for i in flagged if i.claim.kind == "office" and "Raisi" in i.claim.span.text]
    # "Today ... President Raisi": outdated at the document date; "President Raisi" in early 2025: wrong then
    assert {i.verdict.label for i in raisi} == {VerdictLabel.OUTDATED, VerdictLabel.CONTRADICTED}
    crash = next(i for i in flagged if i.claim.kind == "event" and i.claim.subject == "crash")
    assert "19 May 2024" in crash.verdict.explanation and "early 2025" in crash.verdict.explanation
    assert any(i.claim.kind == "opinion" and not i.claim.checkable for i in report.items)


def _manifest() -> list[dict]:
    return list(yaml.safe_load((CLAIMS / "manifest.yaml").read_text(encoding="utf-8")))


def test_labelled_set_shape() -> None:
    entries = _manifest()
    assert len(entries) >= 40
    errors = [e for e in entries if e["has_error"]]
    assert len(errors) * 2 == len(entries)  # half carry one injected error
    for entry in entries:
        assert (CLAIMS / entry["file"]).read_text(encoding="utf-8").strip()
        date.fromisoformat(str(entry["date"]))
    for entry in errors:
        assert entry["error"] and entry["kind"] in {
            "office",
            "event",
            "event_detail",
            "quantity",
            "attribute",
            "membership",
            "superlative",
        }


def test_labelled_set_recall_and_false_alarms(base: ReferenceBase) -> None:
    """The same measure as the benchmark, on bare document models (no language model needed)."""
    hits = alarms = 0
    entries = _manifest()
    for entry in entries:
        text = (CLAIMS / entry["file"]).read_text(encoding="utf-8")
        report = check_model(model(text, when=date.fromisoformat(str(entry["date"]))), base)
        flagged = report.flagged()
        if entry["has_error"]:
            hits += any(i.claim.kind == entry["kind"] for i in flagged)
        else:
            alarms += bool(flagged)
    half = len(entries) // 2
    assert hits / half >= 0.85
    assert alarms / half <= 0.10
