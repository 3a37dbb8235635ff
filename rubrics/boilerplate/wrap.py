"""Hard-wrapped paragraphs: plain text broken at a fixed width (a <pre> block, a mail or BBS
post, a text file), where every line of a paragraph ends mid-sentence.

Each line of such a paragraph looks like a fragment (no sentence end, a few words) although
together they are prose. The paragraph is found by its fixed width: many lines of nearly the
same display width, that width being the document's longest common one, and a paragraph is
a run of lines at that width plus the shorter line that ends it. The joined paragraph must
itself read as prose, and in Latin script the lines after a break must mostly start in lower
case (a list of headlines of similar length starts each line with a capital).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def wrap_width(shapes: Sequence[LineShape]) -> int | None:
    """The document's wrap width, or None when it has no hard-wrapped text."""
    widths = [s.chars + s.cjk for s in shapes if not s.bullet]
    # The band lies within [MIN_WRAP_WIDTH, MAX_WRAP_WIDTH]: most articles (paragraphs longer
    # than that, or few lines) are ruled out by this count alone.
    if sum(1 for w in widths if MIN_WRAP_WIDTH <= w <= MAX_WRAP_WIDTH) < MIN_WRAPPED_LINES:
        return None
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


def wrapped_paragraphs(texts: Sequence[str], shapes: Sequence[LineShape]) -> list[range]:
    """Runs of two or more lines that form one hard-wrapped paragraph."""
    width = wrap_width(shapes)
    if width is None:
        return []
    low = width * (1 - WRAP_BAND)
    in_band = [low <= display_width(s) <= width and not s.bullet and s.cue is None for s in shapes]
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
                and display_width(shapes[j]) < low:
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
