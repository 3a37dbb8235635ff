"""The yardstick for `sourcegauge bench --compare datatrove`: datatrove's heuristic filters.

The four filters a data engineer would chain instead of sourcegauge, in the order of the
FineWeb recipe, with datatrove's default settings: GopherRepetitionFilter,
GopherQualityFilter, C4QualityFilter, FineWebQualityFilter. They run offline: their word and
sentence splitting is `spacy.blank("en")` plus spaCy's rule-based sentencizer (no model
download); C4BadWordsFilter is left out because it downloads its word lists.

datatrove 0.10 wraps every spaCy call in `Language.memory_zone()`, which keeps memory flat
but throws away spaCy's tokenizer cache after each call (a BBC article: ~10 ms instead of
~2 ms). The bench therefore times the chain twice: as shipped, and with the cache kept
(memory zones turned into no-ops for that pass) -- the faster, stricter yardstick.

Chained means datatrove's semantics: a document dropped by one filter does not reach the
next, and C4QualityFilter rewrites `text` (drops lines) before FineWebQualityFilter sees it.
Each pass works on fresh copies of the documents, made outside the timing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from typing import Any

from scoring.bench.measure import Measurement, peak_rss_mb, text_bytes
from scoring.core.document import Document

FILTER_NAMES = ("GopherRepetitionFilter", "GopherQualityFilter", "C4QualityFilter", "FineWebQualityFilter")


class DatatroveUnavailable(RuntimeError):
    pass


def build_filters() -> list[Any]:
    try:
        from datatrove.pipeline.filters import (
            C4QualityFilter,
            FineWebQualityFilter,
            GopherQualityFilter,
            GopherRepetitionFilter,
        )
    except ImportError as exc:
        raise DatatroveUnavailable(
            f"--compare datatrove needs datatrove and spaCy ({exc}); install them with "
            "`pip install -e '.[bench]'`"
        ) from None
    try:
        from loguru import logger

        logger.remove()  # datatrove logs every step at INFO; the bench prints its own table
    except ImportError:  # pragma: no cover - loguru is a datatrove dependency
        pass
    return [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(), FineWebQualityFilter()]


def _copies(docs: Sequence[Document]) -> list[Any]:
    from datatrove.data import Document as DTDocument

    return [DTDocument(text=d.text, id=d.id) for d in docs]


@contextlib.contextmanager
def spacy_cache_kept() -> Iterator[None]:
    """spaCy memory zones as no-ops: the tokenizer keeps its cache between documents."""
    from spacy.language import Language

    original = Language.memory_zone
    Language.memory_zone = lambda self, mem=None: contextlib.nullcontext()  # type: ignore[method-assign]
    try:
        yield
    finally:
        Language.memory_zone = original  # type: ignore[method-assign]


def _clear_split_cache() -> None:
    # datatrove memoises its last 5 splits; a pass must not reuse the previous pass's work.
    from datatrove.utils.text import split_into_parts

    split_into_parts.cache_clear()


def time_chain(docs: Sequence[Document], filters: list[Any],
               name: str = "datatrove: 4 filters chained") -> tuple[Measurement, list[Measurement], int]:
    """(the chain end to end, each filter on the documents that reached it, documents kept)."""
    items = _copies(docs)
    _clear_split_cache()
    clock = time.perf_counter
    latencies: list[float] = []
    per_filter: list[list[float]] = [[] for _ in filters]
    kept = 0
    cpu0 = time.process_time()
    start = clock()
    for item in items:
        t_doc = clock()
        for i, filt in enumerate(filters):
            t0 = clock()
            result = filt.filter(item)
            per_filter[i].append(clock() - t0)
            if not (result[0] if isinstance(result, tuple) else result):
                break
        else:
            kept += 1
        latencies.append(clock() - t_doc)
    elapsed = clock() - start
    cpu_seconds = time.process_time() - cpu0
    size = text_bytes(docs)
    chain = Measurement(name, len(docs), size, elapsed, latencies,
                        peak_rss_mb=peak_rss_mb(), note=f"{kept} of {len(docs)} documents kept",
                        cpu_seconds=cpu_seconds)
    rows = [Measurement(f"datatrove: {type(f).__name__}", len(lat), size * len(lat) // max(1, len(docs)),
                        sum(lat), lat, note=f"on {len(lat)} documents that reached it")
            for f, lat in zip(filters, per_filter, strict=True)]
    return chain, rows, kept


def time_side_by_side(docs: Sequence[Document], scorer: Any, filters: list[Any],
                      chunk: int = 25) -> tuple[Measurement, Measurement, list[Measurement], Measurement]:
    """sourcegauge's profile and the datatrove chain (as shipped, then with spaCy's cache
    kept), alternating every `chunk` documents.

    Alternating exposes all three to the same conditions (other load, CPU frequency), so
    their ratios are fair even on a busy machine. Returns (profile, chain as shipped,
    per-filter rows as shipped, chain with the cache kept).
    """
    from scoring.bench.measure import merge, time_profile

    ours: list[Measurement] = []
    chains: list[Measurement] = []
    cached: list[Measurement] = []
    filter_parts: list[list[Measurement]] = []
    kept = 0
    for i in range(0, len(docs), chunk):
        part = docs[i:i + chunk]
        ours.append(time_profile(part, scorer, "profile (1 job)"))
        chain, rows, part_kept = time_chain(part, filters)
        chains.append(chain)
        filter_parts.append(rows)
        kept += part_kept
        with spacy_cache_kept():
            cached.append(time_chain(part, filters, "datatrove: 4 filters chained, spaCy cache kept")[0])
    chain = merge(chains)
    chain.note = f"as shipped (memory zones); {kept} of {len(docs)} documents kept"
    fast = merge(cached)
    fast.note = "memory zones off: the stricter yardstick"
    per_filter = []
    for column in zip(*filter_parts, strict=True):
        row = merge(column)
        row.note = f"as shipped, on {row.docs} documents that reached it"
        per_filter.append(row)
    return merge(ours), chain, per_filter, fast


def warm_up(docs: Sequence[Document], filters: list[Any], count: int = 20) -> None:
    """Load spaCy's tokenizer and sentencizer before any timing."""
    for item in _copies(docs[:count]):
        for filt in filters:
            filt.filter(item)
    with spacy_cache_kept():
        for item in _copies(docs[:count]):
            for filt in filters:
                filt.filter(item)
