"""Numeric features of each line, with its context, for the trained boilerplate model.

Computed over the lines left after link-farm removal (see `boilerplate_classify`), so
that pasted headline blocks cannot shift any other line's features.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from rubrics.boilerplate.lines import LineShape, is_headline_like
from rubrics.boilerplate.topic import overlap, topic_tokens
from scoring.text.lang import CJK_WEIGHT

STRONG_CUES = frozenset({"ad_marker", "reprint_notice", "share_widget", "comments", "navigation"})
WINDOW = 3
# Caps on the document-size features: the training pages have at most ~770 lines, and a linear
# model must not extrapolate (a 2,000-line forum page once pushed every menu line to content).
MAX_DOC_LINES = 400
MAX_DIST_MAIN = 30

FEATURE_NAMES: tuple[str, ...] = (
    "log_chars", "log_words", "terminal", "function_share", "cjk_share", "digit_share", "glued",
    "separators", "bullet", "cue", "strong_cue", "prose", "headline_like",
    "in_block_3_30", "in_block_6_100", "in_block_10_30", "body_overlap", "position", "repeated",
    "prev_prose", "next_prose", "log_prev_chars", "log_next_chars", "window_prose_share",
    "block_share_of_line", "log_dist_main", "doc_prose_share", "log_doc_lines",
)
# What `boilerplate_classify.model_inputs` appends: the rule decision and the thread mask.
MODEL_FEATURES: tuple[str, ...] = (*FEATURE_NAMES, "rule_content", "in_comment_thread")


def _size(shape: LineShape) -> float:
    # Length in Latin-letter equivalents: a Chinese character carries about as much as
    # CJK_WEIGHT Latin letters, so a 35-character Chinese sentence is not a "short line".
    return shape.chars + (CJK_WEIGHT - 1.0) * shape.cjk


def line_features(
    texts: Sequence[str],
    shapes: Sequence[LineShape],
    prose: Sequence[bool],
    blocks: dict[str, list[bool]],
) -> list[list[float]]:
    """One row of `FEATURE_NAMES` per line. `blocks` holds the main-block masks keyed
    "3_30", "6_100", "10_30" (max gap, block share in %)."""
    n = len(texts)
    if n == 0:
        return []
    main = blocks["6_100"]
    body: set[str] = set()
    for i in range(n):
        if main[i] and prose[i]:
            body |= topic_tokens(texts[i])
    total_chars = sum(s.chars for s in shapes) or 1
    prose_chars = sum(s.chars for s, p in zip(shapes, prose, strict=True) if p)
    main_idx = [i for i in range(n) if main[i]]
    lo, hi = (main_idx[0], main_idx[-1]) if main_idx else (n, -1)
    repeats = Counter(t.casefold() for t in texts)
    cum = 0
    rows: list[list[float]] = []
    for i, (text, s) in enumerate(zip(texts, shapes, strict=True)):
        window = range(max(0, i - WINDOW), min(n, i + WINDOW + 1))
        window_chars = sum(shapes[j].chars for j in window) or 1
        dist = 0 if lo <= i <= hi else (lo - i if i < lo else i - hi) if main_idx else n
        rows.append([
            math.log1p(_size(s)),
            math.log1p(s.words),
            float(s.terminal),
            s.function_share,
            s.cjk / s.chars if s.chars else 0.0,
            s.digits / s.chars if s.chars else 0.0,
            float(s.glued > 0),
            min(s.separators, 5) / 5,
            float(s.bullet),
            float(s.cue is not None),
            float(s.cue in STRONG_CUES),
            float(prose[i]),
            float(is_headline_like(s)),
            float(blocks["3_30"][i]),
            float(main[i]),
            float(blocks["10_30"][i]),
            overlap(topic_tokens(text), body) if body else 0.0,
            (cum + s.chars / 2) / total_chars,
            float(repeats[text.casefold()] > 1),
            float(i > 0 and prose[i - 1]),
            float(i + 1 < n and prose[i + 1]),
            math.log1p(_size(shapes[i - 1])) if i > 0 else 0.0,
            math.log1p(_size(shapes[i + 1])) if i + 1 < n else 0.0,
            sum(shapes[j].chars for j in window if prose[j]) / window_chars,
            s.chars / total_chars,
            math.log1p(min(dist, MAX_DIST_MAIN)),
            prose_chars / total_chars,
            math.log1p(min(n, MAX_DOC_LINES)),
        ])
        cum += s.chars
    return rows
