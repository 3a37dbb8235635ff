"""Process parallelism that keeps input order and bounded memory.

`multiprocessing.Pool.imap` reads its whole input eagerly, so a corpus of millions of
documents would sit in memory; here at most `jobs * IN_FLIGHT_PER_JOB` batches are
submitted at a time, and results are yielded in input order. Each worker builds its
Scorer once (rubric lexicons load once per worker process).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from scoring.document import Document, LoadError
from scoring.profile import Profile

BATCH_SIZE = 16
IN_FLIGHT_PER_JOB = 4

_worker_scorer = None  # per worker process: set once by the initializer


def _init_worker(profile: Profile) -> None:
    global _worker_scorer
    from scoring.pipeline import Scorer

    _worker_scorer = Scorer(profile)


def _score_batch(batch: list[Document | LoadError]) -> list:
    assert _worker_scorer is not None
    return [item if isinstance(item, LoadError) else _worker_scorer.score(item) for item in batch]


def ordered_map(items: Iterable[Document | LoadError], profile: Profile, jobs: int,
                batch_size: int = BATCH_SIZE) -> Iterator:
    iterator = iter(items)
    # fork shares the loaded interpreter (fast start); spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(profile,)) as pool:
        pending: deque[Future] = deque()
        limit = jobs * IN_FLIGHT_PER_JOB
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = list(islice(iterator, batch_size))
                if not batch:
                    exhausted = True
                    break
                pending.append(pool.submit(_score_batch, batch))
            if not pending:
                return
            yield from pending.popleft().result()
