"""Label every line of a document `content` or a boilerplate category.

Order of decisions: link-farm runs (measured off-topic headline runs) first, then keyword
cues, then prose vs. non-prose with context: a short line inside the article's main block
(a heading, a dateline) is content, a short line outside it is boilerplate.

Link-farm lines are decided before, and kept out of, the context decision: a block of
unrelated headlines pasted around an article can therefore never turn a line of the
article into content or boilerplate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rubrics.boilerplate_lines import LineShape, is_headline_like, is_text_like, line_shape
from rubrics.boilerplate_topic import LinkFarm, find_link_farm, headline_pieces
from scoring.segment import Segmented

CONTENT = "content"
# Non-prose lines separating two prose lines of the same block at most this many.
MAX_GAP = 3
# A block of prose is part of the article when it has this share of the largest block's characters.
BLOCK_SHARE = 0.3
# Cue categories that a long prose line overrides (a sentence may mention "contact us").
WEAK_CUES = frozenset({"footer", "byline_meta", "related_links", "navigation", "share_widget", "comments"})


@dataclass(frozen=True, slots=True)
class LineLabels:
    labels: tuple[str, ...]
    shapes: tuple[LineShape, ...]
    prose: tuple[bool, ...]
    farm: LinkFarm


def classify(seg: Segmented) -> LineLabels:
    texts = [line.text for line in seg.lines]
    shapes = [line_shape(t) for t in texts]
    pieces_of = [headline_pieces(t) if s.cjk >= 12 else [] for t, s in zip(texts, shapes, strict=True)]
    prose = [
        is_text_like(s) and not (s.cue and s.cue not in WEAK_CUES) and not pieces
        for s, pieces in zip(shapes, pieces_of, strict=True)
    ]
    farm = find_link_farm(texts, shapes, prose, pieces_of)
    kept = [i for i in range(len(texts)) if i not in farm.lines]
    labels = ["link_farm"] * len(texts)
    for i, label in zip(kept, _label_lines([shapes[i] for i in kept], [prose[i] for i in kept]), strict=True):
        labels[i] = label
    return LineLabels(tuple(labels), tuple(shapes), tuple(prose), farm)


def _label_lines(shapes: Sequence[LineShape], prose: Sequence[bool]) -> list[str]:
    in_block = _main_block(shapes, prose)
    out: list[str] = []
    for i, shape in enumerate(shapes):
        if shape.cue and not (prose[i] and shape.cue in WEAK_CUES and shape.words >= 25):
            out.append(shape.cue)
        elif prose[i] or (in_block[i] and shape.words >= 1):
            out.append(CONTENT)
        elif shape.words <= 3:
            out.append("navigation")
        elif is_headline_like(shape):
            out.append("related_links")
        else:
            out.append("other")
    return out


def _main_block(shapes: Sequence[LineShape], prose: Sequence[bool]) -> list[bool]:
    """Lines lying between the first and last prose line of the article's prose blocks."""
    n = len(shapes)
    blocks: list[list[int]] = []
    for i in range(n):
        if not prose[i]:
            continue
        if blocks and i - blocks[-1][-1] - 1 <= MAX_GAP:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    inside = [False] * n
    if not blocks:
        return inside
    sizes = [sum(shapes[i].chars for i in b) for b in blocks]
    biggest = max(sizes)
    for block, size in zip(blocks, sizes, strict=True):
        if size >= BLOCK_SHARE * biggest:
            for i in range(block[0], block[-1] + 1):
                inside[i] = True
    return inside
