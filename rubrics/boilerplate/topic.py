"""Topic signals: how close a line is to the article body, and link-farm runs.

A link farm is a run of headline-like lines that are *off-topic*. Off-topic is measured,
not guessed from position: the share of a line's topic tokens (content-word stems for
Latin script, character bigrams for Chinese) that also occur in the body, where the body
is the document's prose lines. A run of on-topic section headings is therefore never a
link farm, however many there are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rubrics.boilerplate.lines import LineShape, _function_words, is_headline_like
from scoring.text.script import CJK_CHAR, CJK_CLASS

_LATIN3 = re.compile(r"(?<![a-z\u00e0-\u024f])[a-z\u00e0-\u024f]{3,}")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
# Whitespace that separates two headlines on one Chinese line: at least one side is a Chinese
# character or Chinese punctuation (Chinese prose does not put spaces between its words).
_CJK_GAP = re.compile(rf"(?<=[{CJK_CLASS}!?。!,」》)])\s+|\s+(?=[{CJK_CLASS}「《(])")

# Share of a line's topic tokens found in the body below which the line is off-topic.
OFF_TOPIC = 0.34
# Stricter bar for a lone headline-like line at the very start or end of a document.
OFF_TOPIC_EDGE = 0.1
MIN_RUN = 3
STEM = 5


@lru_cache(maxsize=1024)
def topic_tokens(text: str) -> frozenset[str]:
    """Latin content words cut to a 5-letter stem; Chinese character bigrams. Cached: the
    same line is looked up by the link-farm pass and again by the line model. The cache
    only has to span one document's lines: every cached set is walked by each full
    garbage collection, so it is kept small."""
    en_function, _ = _function_words()
    out = {w[:STEM] for w in _LATIN3.findall(text.lower()) if w not in en_function}
    if CJK_CHAR.search(text):
        for run in _CJK_RUN.findall(text):
            if len(run) == 1:
                out.add(run)
            out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out)


def overlap(tokens: frozenset[str], body: set[str]) -> float:
    """Share of `tokens` that occur in `body` (1.0 for a line without topic tokens)."""
    if not tokens:
        return 1.0
    return len(tokens & body) / len(tokens)


def headline_pieces(text: str) -> list[tuple[int, int]]:
    """Spans of the headlines of a line that strings several Chinese headlines together
    with spaces (a link list flattened into one line); empty for any other line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CJK_GAP.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    titled = [s for s in spans if len(CJK_CHAR.findall(text[s[0] : s[1]])) >= 4]
    if len(titled) < 3 or len(text) / len(titled) > 60:
        return []
    return spans


@dataclass(frozen=True, slots=True)
class LinkFarm:
    """Lines judged to be a link farm, and for each its on-topic share."""

    lines: frozenset[int]
    similarity: dict[int, float]


def find_link_farm(
    texts: Sequence[str],
    shapes: Sequence[LineShape],
    prose: Sequence[bool],
    pieces_of: Sequence[list[tuple[int, int]]],
) -> LinkFarm:
    """Runs of off-topic headline-like lines (see module docstring). `pieces_of[i]` are the
    headline pieces of line i (`headline_pieces`); such lines must not count as prose."""
    body: set[str] = set()
    for text, is_prose in zip(texts, prose, strict=True):
        if is_prose:
            body |= topic_tokens(text)
    n = len(texts)
    similarity: dict[int, float] = {}
    off: list[bool] = []
    multi: list[bool] = []
    for i, (text, shape) in enumerate(zip(texts, shapes, strict=True)):
        pieces = pieces_of[i]
        if len(pieces) >= MIN_RUN:
            sims = [overlap(topic_tokens(text[s:e]), body) for s, e in pieces]
            similarity[i] = sum(sims) / len(sims)
            multi.append(sum(1 for v in sims if v < OFF_TOPIC) * 2 > len(sims))
            off.append(multi[-1])
            continue
        multi.append(False)
        if prose[i] or shape.cue is not None or not is_headline_like(shape):
            off.append(False)
            continue
        similarity[i] = overlap(topic_tokens(text), body)
        off.append(similarity[i] < OFF_TOPIC)
    # Script of the body: a lone off-topic line at an edge only counts when it is in the
    # other script (a Chinese teaser under an English article); a lone off-topic line in the
    # body's own script is usually a punning title or a credit line.
    body_cjk = sum(s.cjk / 1.7 for s, p in zip(shapes, prose, strict=True) if p)
    body_latin = sum(s.latin_words for s, p in zip(shapes, prose, strict=True) if p)
    body_zh = body_cjk > body_latin

    def foreign(k: int) -> bool:
        return (shapes[k].cjk / 1.7 > shapes[k].latin_words) != body_zh and (body_cjk + body_latin) > 0

    first_prose = next((i for i in range(n) if prose[i]), n)
    last_prose = next((i for i in range(n - 1, -1, -1) if prose[i]), -1)
    farm: set[int] = set()
    i = 0
    while i < n:
        if not off[i]:
            i += 1
            continue
        j = i
        while j < n and off[j]:
            j += 1
        run = range(i, j)
        at_edge = j <= first_prose or i > last_prose
        if (
            len(run) >= MIN_RUN
            or any(multi[k] for k in run)
            or (at_edge and all(similarity[k] < OFF_TOPIC_EDGE and foreign(k) for k in run))
        ):
            farm.update(run)
        i = j
    return LinkFarm(frozenset(farm), similarity)
