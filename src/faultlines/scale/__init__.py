"""Scale: read big corpora in parallel (worker processes or a Ray cluster) with one writer to the store.

Public API::

    read_parallel(sources, *, engine="process", workers=2, batch_size=32, max_in_flight=None,
                  ordered=True, address=None, start_method=None, timeout=None)
        -> Iterator[DocumentModel | Skipped]
    read_paths_parallel(paths, *, date=None, max_mb=20, engine="process", workers=2, batch_size=32,
                        address=None) -> Iterator[DocumentModel | Skipped]
    ingest(store, items, *, commit_every=64, on_item=None) -> IngestResult
    ENGINES, HOOK_ENV, RAY_ADDRESS_ENV
"""

from faultlines.scale.engines import (
    ENGINES,
    HOOK_ENV,
    RAY_ADDRESS_ENV,
    IngestResult,
    default_start_method,
    ingest,
    read_parallel,
    read_paths_parallel,
)

__all__ = [
    "ENGINES",
    "HOOK_ENV",
    "RAY_ADDRESS_ENV",
    "IngestResult",
    "default_start_method",
    "ingest",
    "read_parallel",
    "read_paths_parallel",
]
