"""Process parallelism that keeps input order and bounded memory.

`multiprocessing.Pool.imap` reads its whole input eagerly, so a corpus of millions of
documents would sit in memory; here at most `jobs * IN_FLIGHT_PER_JOB` batches are
submitted at a time, and results are yielded in input order. Each worker builds its
Scorer once (rubric lexicons load once per worker process).

Results cross the process boundary cheaply: a worker sends each DocumentResult without its
Document (the parent still holds it and puts it back), and pickles the small frozen
dataclasses of a result (Evidence, Flag, RubricResult: ~100 per article) as constructor
calls instead of dataclass `__setstate__`, which halves the pickling cost of a result.
"""

from __future__ import annotations

import copyreg
import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
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
    from scoring.rubric import Evidence, Flag, RubricResult

    for cls in (Evidence, Flag, RubricResult):
        names = tuple(f.name for f in dataclasses.fields(cls))
        if all(f.init for f in dataclasses.fields(cls)):
            copyreg.pickle(cls, _constructor_reducer(cls, names))


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


def _reassemble(batch: list[Document | LoadError], results: list[LoadError | dict[str, Any]]) -> Iterator[Any]:
    from scoring.pipeline import DocumentResult

    for item, result in zip(batch, results, strict=True):
        yield result if isinstance(result, LoadError) else DocumentResult(doc=item, **result)


def ordered_batches(items: Iterable[Any], work: Callable[[list[Any]], Any], jobs: int, batch_size: int,
                    initializer: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[tuple[list[Any], Any]]:
    """(batch, work(batch)) pairs in input order, computed by `jobs` worker processes.

    At most `jobs * IN_FLIGHT_PER_JOB` batches are submitted at any time, so the input is
    read only a bounded distance ahead. `initializer(*initargs)` runs once per worker (build
    the scorer there). `work` and `initializer` must be module-level functions.
    """
    iterator = iter(items)
    # fork shares the loaded interpreter (fast start); spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method),
                             initializer=initializer, initargs=initargs) as pool:
        pending: deque[tuple[list[Any], Future[Any]]] = deque()
        limit = jobs * IN_FLIGHT_PER_JOB
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = list(islice(iterator, batch_size))
                if not batch:
                    exhausted = True
                    break
                pending.append((batch, pool.submit(work, batch)))
            if not pending:
                return
            batch, future = pending.popleft()
            yield batch, future.result()


def ordered_map(items: Iterable[Document | LoadError], profile: Profile, jobs: int,
                batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """DocumentResults (and LoadErrors in place) for `items`, in input order."""
    for batch, results in ordered_batches(items, _score_batch, jobs, batch_size, _init_worker, (profile,)):
        yield from _reassemble(batch, results)
