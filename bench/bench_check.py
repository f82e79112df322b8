"""Benchmark for check: recall on injected errors, false alarms on correct texts, and speed.

Runs the labelled set in ``tests/data/claims/`` (our own texts; ``manifest.yaml`` lists the one
injected error per ``e*`` text and the kind of claim it sits in) through the product path:
``faultlines.read.read_text`` (with the manifest's publication date) then ``check_model``.

* recall: share of error texts where a claim of the error's kind is judged contradicted or outdated;
* false alarms: share of correct texts with any claim judged contradicted or outdated;
* speed: checking time per text, as a ratio to reading the same text (the baseline, same run).

Run: ``python -m bench.bench_check``.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bench.report import ROOT, write_section

DATA = ROOT / "tests" / "data" / "claims"
FLAGS = {"contradicted", "outdated"}


def load_manifest(directory: Path = DATA) -> list[dict[str, Any]]:
    with (directory / "manifest.yaml").open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle))


def evaluate(directory: Path = DATA, subset: str | None = None) -> dict[str, Any]:
    """Read and check the labelled texts (all, or one ``set``); return recall, false alarms, timings."""
    from faultlines.check import check_model, load_reference
    from faultlines.read import read_text

    base = load_reference()
    entries = [e for e in load_manifest(directory) if subset is None or e.get("set", "dev") == subset]
    read_seconds = check_seconds = 0.0
    hits = misses = alarms = correct = 0
    per_kind: Counter[str] = Counter()
    per_kind_hit: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    failures: list[str] = []
    read_text("Warm-up: Iran and Azerbaijan.", date=date(2025, 1, 1))  # load the language model once
    for entry in entries:
        text = (directory / entry["file"]).read_text(encoding="utf-8")
        when = entry["date"] if isinstance(entry["date"], date) else date.fromisoformat(str(entry["date"]))
        t0 = time.perf_counter()
        model = read_text(text, title=entry["file"], date=when)
        t1 = time.perf_counter()
        report = check_model(model, base)
        t2 = time.perf_counter()
        read_seconds += t1 - t0
        check_seconds += t2 - t1
        labels.update(item.verdict.label.value for item in report.items)
        flagged = [item for item in report.flagged()]
        if entry["has_error"]:
            kind = str(entry["kind"])
            per_kind[kind] += 1
            if any(item.claim.kind == kind for item in flagged):
                hits += 1
                per_kind_hit[kind] += 1
            else:
                misses += 1
                failures.append(f"missed: {entry['file']} ({entry['error']})")
        else:
            correct += 1
            if flagged:
                alarms += 1
                failures.append(f"false alarm: {entry['file']}: {flagged[0].verdict.explanation}")
    errors = hits + misses
    return {
        "texts": len(entries),
        "error_texts": errors,
        "correct_texts": correct,
        "recall": hits / errors if errors else 0.0,
        "false_alarm_rate": alarms / correct if correct else 0.0,
        "hits": hits,
        "alarms": alarms,
        "per_kind": {k: (per_kind_hit[k], per_kind[k]) for k in sorted(per_kind)},
        "labels": dict(labels),
        "read_seconds": read_seconds,
        "check_seconds": check_seconds,
        "failures": failures,
    }


def scale(copies: int = 10, directory: Path = DATA) -> dict[str, float]:
    """Throughput on many documents: the labelled texts ``copies`` times over, as bare models.

    Baseline (same run): the reader's time-expression scan over the same texts, the regex layer
    check also runs, so the ratio says what claim extraction and judging add on top of it.
    """
    from faultlines.check import check_corpus, check_model, load_reference
    from faultlines.model import CorpusModel, Document, DocumentModel
    from faultlines.read.timex import find_times

    base = load_reference()
    texts = [(directory / e["file"]).read_text(encoding="utf-8") for e in load_manifest(directory)]
    docs = [
        Document(id=f"d{i}-{j}", text=text, title=f"text {j} copy {i}", date=date(2025, 1, 1))
        for i in range(copies)
        for j, text in enumerate(texts)
    ]
    t0 = time.perf_counter()
    for doc in docs:
        find_times(doc.text)
    t1 = time.perf_counter()
    claims = sum(len(check_model(DocumentModel(document=doc), base).items) for doc in docs)
    t2 = time.perf_counter()
    check_corpus(CorpusModel(documents=docs), base)
    t3 = time.perf_counter()
    return {
        "documents": len(docs),
        "claims": claims,
        "baseline_s": t1 - t0,
        "check_s": t2 - t1,
        "cross_s": t3 - t2,
    }


def _row(name: str, r: dict[str, Any]) -> str:
    return (
        f"| {name} | {r['texts']} | {r['recall']:.0%} ({r['hits']}/{r['error_texts']}) | "
        f"{r['false_alarm_rate']:.0%} ({r['alarms']}/{r['correct_texts']}) |"
    )


def main() -> None:
    result = evaluate()
    dev = evaluate(subset="dev")
    held = evaluate(subset="held-out")
    blind = evaluate(subset="blind")
    big = scale()
    per_s = big["documents"] / big["check_s"]
    n = result["texts"]
    kinds = ", ".join(f"{k} {h}/{t}" for k, (h, t) in result["per_kind"].items())
    labels = ", ".join(f"{k} {v}" for k, v in sorted(result["labels"].items()))
    ratio = result["check_seconds"] / result["read_seconds"] if result["read_seconds"] else 0.0
    failures = "\n".join(f"- {f}" for f in result["failures"]) or "- none"
    body = f"""
Labelled set `tests/data/claims/` ({n} original texts: {result["correct_texts"]} correct,
{result["error_texts"]} with one injected error each), read with `faultlines.read.read_text` and checked with
`faultlines.check.check_model` against the shipped reference base. The *dev* texts were used while building
the extractor. The *held-out* and *blind* texts were each written after the extractor was frozen and scored once
before any change: held-out 60% recall (6/10) with 30% false alarms (3/10); blind, written later, 67% (4/6) with
17% (1/6). The general fixes those runs prompted are in the code (docs/check.md), so the rows below are no
longer blind; the first-run figures are the honest estimate for new text.

| set | texts | recall on injected errors (≥ 85%, goal 90%) | false alarms on correct texts (≤ 10%, goal 5%) |
| --- | --- | --- | --- |
{_row("dev", dev)}
{_row("held-out", held)}
{_row("blind", blind)}
{_row("all", result)}

| speed | value |
| --- | --- |
| checking time per text | {1000 * result["check_seconds"] / n:.1f} ms |
| reading time per text (baseline, same run) | {1000 * result["read_seconds"] / n:.1f} ms |
| checking / reading | {ratio:.2f}× |
| {big["documents"]} documents ({big["claims"]} claims), bare models: checking | {per_s:.0f} docs/s |
| same, each cross-checked against the other {big["documents"] - 1} | {big["documents"] / big["cross_s"]:.0f} docs/s |
| baseline: the reader's time-expression scan of the same texts | {big["documents"] / big["baseline_s"]:.0f} docs/s |
| checking / time scan | {big["check_s"] / big["baseline_s"]:.1f}× |

Recall by error kind: {kinds}.
Verdicts over all claims: {labels}.

Misses and false alarms:
{failures}
"""
    write_section("check", "check: claim verification on the labelled set", "python -m bench.bench_check", body)
    print(body)


if __name__ == "__main__":
    main()
