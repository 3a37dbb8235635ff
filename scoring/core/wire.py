"""How evidence spans travel between processes: packed into two bytes objects per rubric.

An article carries ~100 spans; pickling them one tuple at a time was most of what the parent
of a worker pool spent per document. Packed, they cross as (labels, offsets, weights) and are
rebuilt only when a consumer reads them (`RubricResult.evidence`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import repeat

from scoring.core.evidence import Evidence

PackedSpans = tuple[tuple[str, ...], bytes, bytes]


def pack_spans(spans: tuple[Evidence, ...]) -> PackedSpans:
    """(labels, every start then every end as int64, weights as float64 or b"" when all are 1.0)."""
    if not spans:
        return (), b"", b""
    starts, ends, labels, weights = zip(*spans, strict=True)  # transposed in C: twice as fast as a loop per span
    offsets = array("q", starts)
    offsets.extend(ends)
    all_one = weights.count(1.0) == len(weights)
    return labels, offsets.tobytes(), b"" if all_one else array("d", weights).tobytes()


def unpack_spans(labels: tuple[str, ...], offsets: bytes, weights: bytes) -> tuple[Evidence, ...]:
    bounds = array("q")
    bounds.frombytes(offsets)
    n = len(labels)
    weight_values: Sequence[float] = (1.0,) * n
    if weights:
        weight_values = array("d")
        weight_values.frombytes(weights)
    rows = zip(bounds[:n], bounds[n:], labels, weight_values, strict=True)
    return tuple(map(tuple.__new__, repeat(Evidence, n), rows))
