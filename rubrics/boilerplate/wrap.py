"""Hard-wrapped paragraphs: plain text broken at a fixed width (a <pre> block, a mail or BBS
post, a text file), where every line of a paragraph ends mid-sentence.

Each line of such a paragraph looks like a fragment (no sentence end, a few words) although
together they are prose. The paragraph is found by its fixed width: many lines of nearly the
same display width, that width being the document's longest common one, and a paragraph is
a run of lines at that width plus the shorter line that ends it. The joined paragraph must
itself read as prose, and in Latin script the lines after a break must mostly start in lower
case (a list of headlines of similar length starts each line with a capital).

Lines already judged link farm take no part (`excluded`): they neither count towards the
width nor join a paragraph, so headlines pasted around an article cannot turn its own lines
into a wrapped paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from rubrics.boilerplate.lines import LineShape, is_text_like, line_shape

# Widths (display columns; a Chinese character takes two) that wrapping tools use.
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 160
# Lines of a wrapped paragraph lie within this share below the wrap width (word wrap of
# English text leaves up to a word's length free; character wrap of Chinese a few columns).
WRAP_BAND = 0.15
# A document is hard-wrapped when at least this many lines lie in the band ...
MIN_WRAPPED_LINES = 8
# ... and they are this share of its lines at least MIN_WRAP_WIDTH wide.
MIN_WRAPPED_SHARE = 0.5
_LOWER_START = re.compile(r"^[\W\d]*[a-z\u00e0-\u024f]|^\W")


def display_width(shape: LineShape) -> int:
    return shape.chars + shape.cjk


def may_be_wrapped(shapes: Sequence[LineShape]) -> bool:
    """False when too few lines have a width wrapping tools use for the document to be
    hard-wrapped; most articles (paragraphs longer than that, or few lines) are ruled out by
    this count alone. Leaving lines out can only lower the count."""
    return sum(1 for s in shapes if not s.bullet
               and MIN_WRAP_WIDTH <= display_width(s) <= MAX_WRAP_WIDTH) >= MIN_WRAPPED_LINES


def wrap_width(shapes: Sequence[LineShape], excluded: Set[int] = frozenset()) -> int | None:
    """The document's wrap width, or None when it has no hard-wrapped text. Lines in
    `excluded` are left out of the count."""
    kept = [s for i, s in enumerate(shapes) if i not in excluded]
    if not may_be_wrapped(kept):
        return None
    widths = [display_width(s) for s in kept if not s.bullet]
    wide = sorted(w for w in widths if w >= MIN_WRAP_WIDTH)
    best, best_count = None, 0
    lo = 0
    for hi, width in enumerate(wide):
        while wide[lo] < width * (1 - WRAP_BAND):
            lo += 1
        if hi - lo + 1 >= best_count:
            best, best_count = width, hi - lo + 1
    if best is None or best > MAX_WRAP_WIDTH or best_count < MIN_WRAPPED_LINES \
            or best_count < MIN_WRAPPED_SHARE * len(wide):
        return None
    return best


def wrapped_paragraphs(texts: Sequence[str], shapes: Sequence[LineShape],
                       excluded: Set[int] = frozenset()) -> list[range]:
    """Runs of two or more lines that form one hard-wrapped paragraph; no line in `excluded`
    is part of one."""
    width = wrap_width(shapes, excluded)
    if width is None:
        return []
    low = width * (1 - WRAP_BAND)
    in_band = [low <= display_width(s) <= width and not s.bullet and s.cue is None and i not in excluded
               for i, s in enumerate(shapes)]
    out: list[range] = []
    n = len(texts)
    i = 0
    while i < n:
        if not in_band[i]:
            i += 1
            continue
        j = i
        while j < n and in_band[j]:
            j += 1
        # The line that ends the paragraph: shorter than the width, plain text.
        if j < n and shapes[j].chars and not shapes[j].bullet and shapes[j].cue is None \
                and display_width(shapes[j]) < low and j not in excluded:
            j += 1
        if j - i >= 2 and _reads_as_one_paragraph(texts, shapes, i, j):
            out.append(range(i, j))
        i = j
    return out


def join_lines(texts: Sequence[str], shapes: Sequence[LineShape], lines: range) -> str:
    """The paragraph's text: Chinese lines join directly, Latin lines with a space."""
    parts = [texts[lines[0]]]
    for k in lines[1:]:
        glue = "" if shapes[k - 1].cjk and shapes[k].cjk else " "
        parts.append(glue + texts[k])
    return "".join(parts)


def _reads_as_one_paragraph(texts: Sequence[str], shapes: Sequence[LineShape], start: int, end: int) -> bool:
    joined = join_lines(texts, shapes, range(start, end))
    if not is_text_like(line_shape(joined)):
        return False
    latin = [k for k in range(start + 1, end) if shapes[k].latin_words > shapes[k].cjk]
    if latin:
        lower = sum(1 for k in latin if _LOWER_START.match(texts[k]))
        return lower * 2 >= len(latin)
    return True
