"""Process parallelism that keeps input order and bounded memory (knows nothing of scoring).

`multiprocessing.Pool.imap` reads its whole input eagerly, so a corpus of millions of
documents would sit in memory; here at most `jobs * IN_FLIGHT_PER_JOB` batches are
submitted at a time, and results are yielded in input order. Each worker runs an
initializer once (the scoring pool builds its Scorer there: lexicons load once per worker).

Workers never outlive the process that started them: each one watches its parent and exits
when it is gone (a `kill -9` of the command leaves no orphans busy on the CPUs). The number
of workers is bounded by the CPUs this process may run on (`available_cpus`): more only
queue for the same cores, and `--jobs 100000` would stall the machine starting them.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

BATCH_SIZE = 16
IN_FLIGHT_PER_JOB = 4
PARENT_CHECK_SECONDS = 0.5


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def bounded_jobs(jobs: int) -> int:
    """`jobs` worker processes, at most one per available CPU."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    return min(jobs, available_cpus())


def _start_worker(parent: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watch", daemon=True).start()
    initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    # A worker whose parent died is re-parented (getppid changes); its queue will never be read.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


class WorkerPool:
    """Worker processes, each initialised once, that map batches in input order.

    Reusable: `ordered_batches` can run any number of times on the same workers, so a
    caller that scores several streams (or a benchmark that alternates with a one-process
    pass) pays for starting workers and loading lexicons once. Use as a context manager.
    """

    def __init__(self, jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        self.jobs = bounded_jobs(jobs)
        # fork shares the loaded interpreter (fast start); spawn elsewhere.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                                         initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))

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
