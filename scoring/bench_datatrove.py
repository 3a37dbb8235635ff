"""The yardstick for `sourcegauge bench --compare datatrove`: datatrove's heuristic filters.

The four filters a data engineer would chain instead of sourcegauge, in the order of the
FineWeb recipe, with datatrove's default settings: GopherRepetitionFilter,
GopherQualityFilter, C4QualityFilter, FineWebQualityFilter. They run offline: their word and
sentence splitting is `spacy.blank("en")` plus spaCy's rule-based sentencizer (no model
download); C4BadWordsFilter is left out because it downloads its word lists.

Chained means datatrove's semantics: a document dropped by one filter does not reach the
next, and C4QualityFilter rewrites `text` (drops lines) before FineWebQualityFilter sees it.
Each pass works on fresh copies of the documents, made outside the timing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from scoring.bench import Measurement, peak_rss_mb, text_bytes
from scoring.document import Document

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


def time_chain(docs: Sequence[Document], filters: list[Any]) -> tuple[Measurement, list[Measurement], int]:
    """(the chain end to end, each filter on the documents that reached it, documents kept)."""
    items = _copies(docs)
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
    chain = Measurement("datatrove: 4 filters chained", len(docs), size, elapsed, latencies,
                        peak_rss_mb=peak_rss_mb(), note=f"{kept} of {len(docs)} documents kept",
                        cpu_seconds=cpu_seconds)
    rows = [Measurement(f"datatrove: {type(f).__name__}", len(lat), size * len(lat) // max(1, len(docs)),
                        sum(lat), lat, note=f"on {len(lat)} documents that reached it")
            for f, lat in zip(filters, per_filter, strict=True)]
    return chain, rows, kept


def time_side_by_side(docs: Sequence[Document], scorer: Any, filters: list[Any],
                      chunk: int = 25) -> tuple[Measurement, Measurement, list[Measurement]]:
    """sourcegauge's profile and the datatrove chain, alternating every `chunk` documents.

    Alternating exposes both to the same conditions (other load, CPU frequency), so their
    ratio is fair even on a busy machine. Returns (profile, chain, per-filter rows).
    """
    from scoring.bench import merge, time_profile

    ours: list[Measurement] = []
    chains: list[Measurement] = []
    filter_parts: list[list[Measurement]] = []
    kept = 0
    for i in range(0, len(docs), chunk):
        part = docs[i:i + chunk]
        ours.append(time_profile(part, scorer, "profile (1 job)"))
        chain, rows, part_kept = time_chain(part, filters)
        chains.append(chain)
        filter_parts.append(rows)
        kept += part_kept
    chain = merge(chains)
    chain.note = f"{kept} of {len(docs)} documents kept"
    per_filter = []
    for column in zip(*filter_parts, strict=True):
        row = merge(column)
        row.note = f"on {row.docs} documents that reached it"
        per_filter.append(row)
    return merge(ours), chain, per_filter


def warm_up(docs: Sequence[Document], filters: list[Any], count: int = 20) -> None:
    """Load spaCy's tokenizer and sentencizer before any timing."""
    for item in _copies(docs[:count]):
        for filt in filters:
            filt.filter(item)
