"""Parallel reading: many workers read, the caller alone writes.

Reading is pure (text in, :class:`~faultlines.model.DocumentModel` out), so batches of documents can
be read anywhere: in worker processes on one machine (``process``) or in Ray actors on a cluster
(``ray``). Each worker loads the spaCy pipeline once and keeps it. The driver keeps at most
``max_in_flight`` batches outstanding, so memory stays bounded however large the corpus is, and
yields results in input order, so a parallel run gives the same models in the same order as a
sequential one.

Failures never lose a document silently. A document whose reading raises is reported as
:class:`~faultlines.read.Skipped` with the reason, and the rest of its batch is still read. A batch
whose worker dies (crash, kill, out of memory) is retried once on a fresh worker; if it fails again
it is split in halves, and a single document that still fails is reported as skipped with the reason.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from faultlines.errors import E, InputError
from faultlines.model import DocumentModel
from faultlines.read import DEFAULT_MAX_MB, RawDocument, Skipped

ENGINES: tuple[str, ...] = ("local", "process", "ray")
#: ``module:function`` called once in every worker after the pipeline is loaded (site set-up, tests).
HOOK_ENV = "FAULTLINES_WORKER_HOOK"
#: Ray cluster address used when none is passed (``auto``, ``ray://host:10001``); unset = local Ray.
RAY_ADDRESS_ENV = "RAY_ADDRESS"

Item = DocumentModel | Skipped


# -- what runs inside a worker ----------------------------------------------------------------------
def _where(raw: RawDocument) -> str:
    """How a user finds a document again: its source, else its title, else its start."""
    return raw.source or raw.title or raw.text.strip()[:60]


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _run_hook(hook: str) -> None:
    module_name, _, function_name = hook.partition(":")
    function = getattr(importlib.import_module(module_name), function_name or "main")
    function()


def prepare_worker(hook: str | None, sys_path: list[str]) -> None:
    """Worker set-up: leave Ctrl-C to the driver, see the driver's imports, load spaCy once, run the hook."""
    from faultlines.read import load_nlp

    with contextlib.suppress(ValueError):  # not the main thread (some Ray workers): nothing to do
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.path.extend(p for p in sys_path if p not in sys.path)
    load_nlp()
    if hook:
        _run_hook(hook)


def read_batch(docs: list[RawDocument], nlp_batch: int = 16) -> list[Item]:
    """Read documents with the worker's pipeline; one result per document, in order.

    A document whose reading raises becomes a :class:`Skipped` naming the error; the others are read.
    """
    from faultlines.read import read_documents

    try:
        return list(read_documents(docs, batch_size=nlp_batch))
    except Exception:
        out: list[Item] = []
        for raw in docs:
            try:
                out.extend(read_documents([raw]))
            except Exception as error:
                out.append(Skipped(_where(raw), f"reading failed: {_describe(error)}"))
        return out


# -- the driver ---------------------------------------------------------------------------------------
QUEUED, RUNNING, DONE = "queued", "running", "done"


@dataclass(eq=False)
class _Batch:
    """Inputs in order (documents to read, skipped inputs passed through) and their retry state."""

    items: list[RawDocument | Skipped]
    attempts: int = 0
    retry: bool = False  # failed before: run alone, so a crash is blamed on the right batch
    state: str = QUEUED
    handle: Any = None
    generation: int = 0
    submitted: float = 0.0
    results: list[Item] = field(default_factory=list)

    @property
    def docs(self) -> list[RawDocument]:
        return [i for i in self.items if isinstance(i, RawDocument)]

    def merged(self) -> list[Item]:
        found = iter(self.results)
        return [next(found) if isinstance(i, RawDocument) else i for i in self.items]


class Runner(Protocol):
    """What the driver needs from an engine: submit a batch, wait, fetch, recover from a dead worker."""

    generation: int

    def submit(self, docs: list[RawDocument]) -> Any: ...
    def wait(self, handles: list[Any], timeout: float | None) -> list[Any]: ...
    def result(self, handle: Any) -> list[Item]: ...
    def is_crash(self, error: BaseException) -> bool: ...
    def recover(self, handle: Any, generation: int) -> None: ...
    def close(self, *, abort: bool) -> None: ...


class _Process:
    """Worker processes on this machine (``concurrent.futures``), each holding a loaded pipeline."""

    def __init__(self, workers: int, nlp_batch: int, start_method: str | None = None) -> None:
        self.workers, self.nlp_batch = workers, nlp_batch
        self.start_method = start_method or default_start_method()
        self.generation = 0
        self.pool = self._pool()

    def _pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            # The fork server loads spaCy once; every worker forked from it starts with the pipeline
            # in (copy-on-write) memory instead of loading its own copy. No effect if already running.
            context.set_forkserver_preload(["faultlines.scale._preload"])
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=prepare_worker,
            initargs=(os.environ.get(HOOK_ENV) or None, list(sys.path)),
        )

    def submit(self, docs: list[RawDocument]) -> Future[list[Item]]:
        return self.pool.submit(read_batch, docs, self.nlp_batch)

    def wait(self, handles: list[Any], timeout: float | None) -> list[Any]:
        done, _ = wait(handles, timeout=timeout, return_when=FIRST_COMPLETED)
        return list(done)

    def result(self, handle: Future[list[Item]]) -> list[Item]:
        return handle.result()

    def is_crash(self, error: BaseException) -> bool:
        return isinstance(error, BrokenProcessPool)

    def recover(self, handle: Any, generation: int) -> None:
        """A worker died, which breaks the whole pool: start a new one (once per breakage)."""
        if generation == self.generation:
            self._stop(self.pool)
            self.pool = self._pool()
            self.generation += 1

    def close(self, *, abort: bool) -> None:
        if abort:
            self._stop(self.pool)
        else:
            self.pool.shutdown(wait=True)

    @staticmethod
    def _stop(pool: ProcessPoolExecutor) -> None:
        """Stop now: cancel queued batches and end the workers (reading is pure, nothing is lost)."""
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()


def default_start_method() -> str:
    """``forkserver`` where the platform has it (safe with threads, shares the loaded model), else spawn."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def read_parallel(
    sources: Iterable[RawDocument | Skipped],
    *,
    engine: str = "process",
    workers: int = 2,
    batch_size: int = 32,
    max_in_flight: int | None = None,
    ordered: bool = True,
    address: str | None = None,
    start_method: str | None = None,
    timeout: float | None = None,
) -> Iterator[DocumentModel | Skipped]:
    """Read documents in parallel; yields one model or :class:`Skipped` per input.

    Parameters
    ----------
    sources
        Documents to read; :class:`Skipped` inputs (e.g. from ``read_sources``) are passed through.
        Consumed lazily, so a generator over a million files is fine.
    engine
        ``local`` (this process, no workers), ``process`` (worker processes on this machine) or
        ``ray`` (Ray actors, local or on the cluster at ``address``).
    workers
        Worker processes or Ray actors; each has the spaCy pipeline loaded once.
    batch_size
        Documents sent to a worker at a time.
    max_in_flight
        Batches held at once, running or finished but not yet yielded (default ``2 * workers``):
        the driver holds at most about ``max_in_flight * batch_size`` documents and models.
    ordered
        Yield in input order (default: reproducible); ``False`` yields batches as they finish.
    address
        Ray cluster address (default: ``$RAY_ADDRESS``, else a local Ray with ``workers`` CPUs).
    start_method
        Multiprocessing start method for ``process`` (default ``forkserver``, else ``spawn``).
    timeout
        Seconds a batch may take from submission before it counts as failed (its worker is
        stopped, and it is retried and split like a crashed one); ``None`` waits for ever. Set it
        well above twice a batch's normal reading time, since a batch may queue behind another.

    Yields
    ------
    DocumentModel | Skipped
        A model per readable document; a Skipped with its reason per input that could not be read.
    """
    if engine not in ENGINES:
        raise InputError(E.E041, option="--engine", reason=f"'{engine}' is not one of {', '.join(ENGINES)}")
    if workers < 1 or batch_size < 1:
        raise InputError(E.E041, option="--workers", reason="workers and batch size must be at least 1")
    nlp_batch = min(batch_size, 16)
    if engine == "local":
        for batch in _batches(sources, batch_size):
            batch.results = read_batch(batch.docs, nlp_batch) if batch.docs else []
            yield from batch.merged()
        return
    runner: Runner
    if engine == "ray":
        from faultlines.scale.ray_engine import RayRunner

        runner = RayRunner(workers=workers, nlp_batch=nlp_batch, address=address)
    else:
        runner = _Process(workers, nlp_batch, start_method)
    finished = False
    try:
        limit = max_in_flight or 2 * workers
        yield from drive(runner, _batches(sources, batch_size), limit=limit, ordered=ordered, timeout=timeout)
        finished = True
    finally:
        runner.close(abort=not finished)


def _batches(sources: Iterable[RawDocument | Skipped], size: int) -> Iterator[_Batch]:
    items: list[RawDocument | Skipped] = []
    count = 0
    for item in sources:
        items.append(item)
        count += isinstance(item, RawDocument)
        if count >= size:
            yield _Batch(items)
            items, count = [], 0
    if items:
        yield _Batch(items)


def drive(
    runner: Runner, batches: Iterator[_Batch], *, limit: int, ordered: bool = True, timeout: float | None = None
) -> Iterator[Item]:
    """Keep at most ``limit`` batches held; yield finished ones; retry, split or skip failed ones."""
    flight: list[_Batch] = []  # in input order
    by_handle: dict[Any, _Batch] = {}
    exhausted = False

    def submit(batch: _Batch) -> None:
        batch.attempts += 1
        batch.state = RUNNING
        batch.generation = runner.generation
        batch.submitted = time.monotonic()
        try:
            batch.handle = runner.submit(batch.docs)
        except Exception as error:  # a worker died since the last wait: the pool refuses new work
            if not runner.is_crash(error):
                raise
            runner.recover(None, runner.generation)
            batch.generation = runner.generation
            batch.handle = runner.submit(batch.docs)
        by_handle[batch.handle] = batch

    while True:
        while len(flight) < limit and not exhausted:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
            else:
                if not batch.docs:
                    batch.state = DONE
                flight.append(batch)
        running = [b for b in flight if b.state == RUNNING]
        queued = [b for b in flight if b.state == QUEUED]
        retries = [b for b in queued if b.retry]
        if retries or any(b.retry for b in running):
            if not running:  # a batch that failed runs alone, so a second crash is its own
                submit(retries[0] if retries else queued[0])
        else:
            for batch in queued:
                submit(batch)
        while flight and flight[0].state == DONE:
            yield from flight.pop(0).merged()
        if not ordered:
            for batch in [b for b in flight if b.state == DONE]:
                flight.remove(batch)
                yield from batch.merged()
        if not flight:
            if exhausted:
                return
            continue
        running = [b for b in flight if b.state == RUNNING]
        left = None if timeout is None else max(0.0, min(b.submitted for b in running) + timeout - time.monotonic())
        for handle in runner.wait([b.handle for b in running], left):
            _collect(runner, by_handle.pop(handle), flight)
        if timeout is not None:
            now = time.monotonic()
            for batch in [b for b in running if b.state == RUNNING and now - b.submitted >= timeout]:
                by_handle.pop(batch.handle, None)
                runner.recover(batch.handle, batch.generation)  # stop the worker that is stuck on it
                _failed(batch, flight, f"timed out after {timeout:g} s")


def _collect(runner: Runner, batch: _Batch, flight: list[_Batch]) -> None:
    """Fetch a finished batch; on failure retry it once, then split it, then skip a lone document."""
    try:
        batch.results = runner.result(batch.handle)
        batch.state = DONE
        return
    except Exception as error:
        reason = _describe(error)
        if runner.is_crash(error):
            runner.recover(batch.handle, batch.generation)
    _failed(batch, flight, reason)


def _failed(batch: _Batch, flight: list[_Batch], reason: str) -> None:
    """Queue a failed batch again, or split it, or report its lone document as skipped."""
    batch.handle, batch.retry = None, True
    docs = batch.docs
    if batch.attempts < 2:
        batch.state = QUEUED
    elif len(docs) == 1:
        batch.results = [Skipped(_where(docs[0]), f"a worker failed twice reading it ({reason})")]
        batch.state = DONE
    else:  # both halves take its place, each with one attempt: the bad document is found by halving
        cut = [i for i, item in enumerate(batch.items) if isinstance(item, RawDocument)][len(docs) // 2]
        position = flight.index(batch)
        halves = [_Batch(part, attempts=1, retry=True) for part in (batch.items[:cut], batch.items[cut:])]
        flight[position : position + 1] = halves


def read_paths_parallel(
    paths: list[Path],
    *,
    date: date | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    engine: str = "process",
    workers: int = 2,
    batch_size: int = 32,
    address: str | None = None,
) -> Iterator[DocumentModel | Skipped]:
    """:func:`faultlines.read.read_paths` with the reading spread over workers (same results, same order)."""
    from faultlines.read import read_sources

    def dated() -> Iterator[RawDocument | Skipped]:
        for item in read_sources(paths, max_mb=max_mb):
            if isinstance(item, RawDocument) and item.date is None:
                item.date = date
            yield item

    yield from read_parallel(dated(), engine=engine, workers=workers, batch_size=batch_size, address=address)


@dataclass
class IngestResult:
    """What one writer stored: new documents, documents already there, and skipped inputs with reasons."""

    stored: int = 0
    already_stored: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def ingest(
    store: Any,
    items: Iterable[DocumentModel | Skipped],
    *,
    commit_every: int = 64,
    on_item: Callable[[DocumentModel | Skipped], None] | None = None,
) -> IngestResult:
    """The one writer: store models with ``store.ingest_many``, one transaction per ``commit_every``.

    Interrupting it (Ctrl-C) loses at most the open transaction; everything committed stays whole.
    """
    result = IngestResult()
    models: list[DocumentModel] = []

    def flush() -> None:
        new = store.ingest_many(models)
        result.stored += new
        result.already_stored += len(models) - new
        models.clear()

    for item in items:
        if isinstance(item, Skipped):
            result.skipped.append(item)
        else:
            models.append(item)
        if on_item is not None:
            on_item(item)
        if len(models) >= commit_every:
            flush()
    if models:
        flush()
    return result
