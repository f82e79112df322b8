"""A worker hook for the tests (see ``FAULTLINES_WORKER_HOOK`` in docs/scale.md).

``install`` runs inside each worker after the pipeline is loaded and makes reading fail on purpose
for marked inputs: a document containing ``POISON-MARKER`` raises, one containing ``CRASH-MARKER``
kills its worker process outright, as a segfault or an out-of-memory kill would, and one containing
``HANG-MARKER`` never finishes.
"""

from __future__ import annotations

import os
import time
from typing import Any

POISON = "POISON-MARKER"
CRASH = "CRASH-MARKER"
HANG = "HANG-MARKER"


def install() -> None:
    from faultlines.read import pipeline

    real = pipeline.build_model

    def hostile(doc: Any, raw: Any, lexicon: Any) -> Any:
        if HANG in raw.text:
            time.sleep(3600)
        if CRASH in raw.text:
            os._exit(17)
        if POISON in raw.text:
            raise ValueError("poisoned input for the test")
        return real(doc, raw, lexicon)

    pipeline.build_model = hostile  # type: ignore[assignment]
