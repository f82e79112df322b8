"""The Ray engine on a real local Ray: same models as sequential reading, a failing document skipped.

Ray is in the ``test`` extra (and the optional ``cluster`` extra for users); the test is skipped when it
is not installed. A local Ray plus two actors takes about 10 s on two idle cores, 50 s on a busy machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from faultlines.model import DocumentModel
from faultlines.read import RawDocument, Skipped
from faultlines.read.pipeline import read_documents
from faultlines.scale import HOOK_ENV, read_parallel

from .test_engines import SHORT
from .worker_hook import POISON

ray = pytest.importorskip("ray", reason="Ray is optional: pip install 'faultlines[cluster]'")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_engine_equals_sequential_and_skips_a_failing_document(
    local_ray: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOOK_ENV, "scale.worker_hook:install")
    docs = [RawDocument(text=t, title=f"short {i}", date=date(2024, 1, 1), source=f"s{i}") for i, t in enumerate(SHORT)]
    poisoned = RawDocument(text=f"Iran warned Israel in 2022. {POISON}", title="poisoned", source="poison.txt")
    out = list(read_parallel([docs[0], poisoned, docs[1], docs[2]], engine="ray", workers=2, batch_size=1))
    assert len(out) == 4
    assert isinstance(out[1], Skipped) and out[1].source == "poison.txt" and "ValueError" in out[1].reason
    models = [o for o in out if isinstance(o, DocumentModel)]
    assert models == list(read_documents(docs))
    assert local_ray.is_initialized()  # the engine leaves a Ray it did not start running
