"""Process parallelism that keeps input order and bounded memory.

`multiprocessing.Pool.imap` reads its whole input eagerly, so a corpus of millions of
documents would sit in memory; here at most `jobs * IN_FLIGHT_PER_JOB` batches are
submitted at a time, and results are yielded in input order. Each worker builds its
Scorer once (rubric lexicons load once per worker process).

Results cross the process boundary cheaply: a worker sends each DocumentResult without its
Document (the parent still holds it and puts it back); a RubricResult's evidence spans
(~100 per article) travel packed and are unpacked only when read (see `RubricResult`), and
Flags pickle as constructor calls instead of dataclass `__setstate__`, which is about twice
as fast. Callers that need less than a full result pass `map_result`, which runs in the
worker and sends back only what it returns.
"""

from __future__ import annotations

import copyreg
import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

from scoring.document import Document, LoadError
from scoring.profile import Profile

BATCH_SIZE = 16
IN_FLIGHT_PER_JOB = 4

_worker_scorer = None  # per worker process: set once by the initializer


def _init_worker(profile: Profile) -> None:
    global _worker_scorer
    from scoring.pipeline import Scorer

    _register_reducers()
    _worker_scorer = Scorer(profile)


def _register_reducers() -> None:
    from scoring.rubric import Flag

    names = tuple(f.name for f in dataclasses.fields(Flag))
    copyreg.pickle(Flag, _constructor_reducer(Flag, names))


def _constructor_reducer(cls: type, names: tuple[str, ...]) -> Any:
    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(obj, n) for n in names)

    return reduce


def _score_batch(batch: list[Document | LoadError]) -> list[LoadError | dict[str, Any]]:
    """Per item: the LoadError unchanged, or the DocumentResult's fields except `doc`."""
    assert _worker_scorer is not None
    out: list[LoadError | dict[str, Any]] = []
    for item in batch:
        if isinstance(item, LoadError):
            out.append(item)
        else:
            result = _worker_scorer.score(item)
            out.append({f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "doc"})
    return out


def _score_batch_mapped(batch: list[Document | LoadError], map_result: Callable[[Any], Any]) -> list[Any]:
    """Per item: the LoadError unchanged, or `map_result(DocumentResult)`."""
    assert _worker_scorer is not None
    return [item if isinstance(item, LoadError) else map_result(_worker_scorer.score(item)) for item in batch]


def _reassemble(batch: list[Document | LoadError], results: list[LoadError | dict[str, Any]]) -> Iterator[Any]:
    from scoring.pipeline import DocumentResult

    for item, result in zip(batch, results, strict=True):
        yield result if isinstance(result, LoadError) else DocumentResult(doc=item, **result)


class WorkerPool:
    """Worker processes, each initialised once, that map batches in input order.

    Reusable: `ordered_batches` can run any number of times on the same workers, so a
    caller that scores several streams (or a benchmark that alternates with a one-process
    pass) pays for starting workers and loading lexicons once. Use as a context manager.
    """

    def __init__(self, jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.jobs = jobs
        # fork shares the loaded interpreter (fast start); spawn elsewhere.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                                         initializer=initializer, initargs=initargs)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, work: Callable[..., Any], *args: Any) -> Future[Any]:
        """One task for any free worker (unordered; `work` must be a module-level function)."""
        return self._pool.submit(work, *args)

    def ordered_batches(self, items: Iterable[Any], work: Callable[..., Any], batch_size: int,
                        extra_args: tuple[Any, ...] = ()) -> Iterator[tuple[list[Any], Any]]:
        """(batch, work(batch, *extra_args)) pairs in input order.

        At most `jobs * IN_FLIGHT_PER_JOB` batches are submitted at any time, so the input
        is read only a bounded distance ahead. `work` must be a module-level function.
        """
        iterator = iter(items)
        pending: deque[tuple[list[Any], Future[Any]]] = deque()
        limit = self.jobs * IN_FLIGHT_PER_JOB
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < limit:
                    batch = list(islice(iterator, batch_size))
                    if not batch:
                        exhausted = True
                        break
                    pending.append((batch, self.submit(work, batch, *extra_args)))
                if not pending:
                    return
                batch, future = pending.popleft()
                yield batch, future.result()
        finally:
            # A consumer that stops early leaves no work queued behind it on a reused pool.
            for _, future in pending:
                future.cancel()


def ordered_batches(items: Iterable[Any], work: Callable[[list[Any]], Any], jobs: int, batch_size: int,
                    initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[tuple[list[Any], Any]]:
    """(batch, work(batch)) pairs in input order, computed by `jobs` fresh worker processes.

    `initializer(*initargs)` runs once per worker (build the scorer there). `work` and
    `initializer` must be module-level functions.
    """
    with WorkerPool(jobs, initializer, initargs) as pool:
        yield from pool.ordered_batches(items, work, batch_size)


class ScoringPool(WorkerPool):
    """Worker processes with one Scorer each: `score(items)` yields DocumentResults (and
    LoadErrors in place) in input order, as many times as needed."""

    def __init__(self, profile: Profile | str | Path, jobs: int) -> None:
        from scoring.profile import load_profile

        super().__init__(jobs, _init_worker, (profile if isinstance(profile, Profile) else load_profile(profile),))

    def __enter__(self) -> ScoringPool:
        return self

    def score(self, items: Iterable[Document | LoadError], batch_size: int = BATCH_SIZE,
              map_result: Callable[[Any], Any] | None = None) -> Iterator[Any]:
        """In input order: a LoadError as it came, else the DocumentResult, or
        `map_result(DocumentResult)` computed in the worker (see `score_corpus`)."""
        if map_result is not None:
            for _, mapped in self.ordered_batches(items, _score_batch_mapped, batch_size, (map_result,)):
                yield from mapped
            return
        for batch, results in self.ordered_batches(items, _score_batch, batch_size):
            yield from _reassemble(batch, results)


def ordered_map(items: Iterable[Document | LoadError], profile: Profile, jobs: int,
                batch_size: int = BATCH_SIZE, map_result: Callable[[Any], Any] | None = None) -> Iterator[Any]:
    """DocumentResults (and LoadErrors in place) for `items`, in input order."""
    with ScoringPool(profile, jobs) as pool:
        yield from pool.score(items, batch_size, map_result)
