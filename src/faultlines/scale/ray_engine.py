"""The Ray engine: actors that each hold a loaded pipeline, fed batches by the driver (the one writer).

Ray is optional (``pip install 'faultlines[cluster]'``) and imported only when this engine is used.
Every node of a cluster needs faultlines (and its spaCy model) installed, as the driver has.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from faultlines.errors import E, InputError
from faultlines.read import RawDocument
from faultlines.scale.engines import HOOK_ENV, RAY_ADDRESS_ENV, Item, prepare_worker, read_batch


class _Reader:
    """A Ray actor body: prepares its worker once, then reads the batches it is sent."""

    def __init__(self, hook: str | None, sys_path: list[str], nlp_batch: int) -> None:
        prepare_worker(hook, sys_path)
        self.nlp_batch = nlp_batch

    def read(self, docs: list[RawDocument]) -> list[Item]:
        return read_batch(docs, self.nlp_batch)


class RayRunner:
    """Runs batches on ``workers`` Ray actors, least-loaded first; replaces an actor that dies."""

    def __init__(self, workers: int, nlp_batch: int, address: str | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise InputError(
                E.E060, engine="ray", reason="Ray is not installed (pip install 'faultlines[cluster]')"
            ) from None
        self.ray = ray
        self.generation = 0
        self.owns = not ray.is_initialized()
        if self.owns:
            where = address or os.environ.get(RAY_ADDRESS_ENV) or None
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if where is None:
                options["num_cpus"] = workers
            try:
                ray.init(address=where, **options)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise InputError(E.E060, engine="ray", reason=f"cannot reach Ray at {where}: {error}") from None
        self.nlp_batch = nlp_batch
        self.actor_class = ray.remote(num_cpus=1)(_Reader)
        self.args = (os.environ.get(HOOK_ENV) or None, list(sys.path), nlp_batch)
        self.actors: list[Any] = [self._actor() for _ in range(workers)]
        self.load = [0] * workers
        self.owner: dict[Any, tuple[int, Any]] = {}

    def _actor(self) -> Any:
        return self.actor_class.remote(*self.args)

    def submit(self, docs: list[RawDocument]) -> Any:
        index = min(range(len(self.actors)), key=self.load.__getitem__)
        actor = self.actors[index]
        ref = actor.read.remote(docs)
        self.load[index] += 1
        self.owner[ref] = (index, actor)
        return ref

    def wait(self, handles: list[Any], timeout: float | None) -> list[Any]:
        done, _ = self.ray.wait(handles, num_returns=1, timeout=timeout)
        return list(done)

    def result(self, handle: Any) -> list[Item]:
        index, actor = self.owner[handle]
        if self.actors[index] is actor:
            self.load[index] -= 1
        out = list(self.ray.get(handle))  # on failure the owner stays known to recover()
        del self.owner[handle]
        return out

    def is_crash(self, error: BaseException) -> bool:
        return isinstance(error, self.ray.exceptions.RayActorError)

    def recover(self, handle: Any, generation: int) -> None:
        """Replace the dead actor that held this batch (once); the other actors keep their queues."""
        index, actor = self.owner.pop(handle, (None, None))
        if index is None or self.actors[index] is not actor:
            return
        self.ray.kill(actor, no_restart=True)
        self.actors[index] = self._actor()
        self.load[index] = 0
        self.generation += 1

    def close(self, *, abort: bool) -> None:
        for actor in self.actors:
            self.ray.kill(actor, no_restart=True)
        if self.owns:
            self.ray.shutdown()
