"""Label every line of a document `content` or a boilerplate category.

Order of decisions: link-farm runs (measured off-topic headline runs) first, then keyword
cues, then prose vs. non-prose with context: a short line inside the article's main block
(a heading, a dateline) is content, a short line outside it is boilerplate.

Lines are classified in units: one line, or all lines of a hard-wrapped paragraph (`wrap`),
whose fragments only read as prose together.

Link-farm lines are decided before, and kept out of, the context decision and the search
for wrapped paragraphs: a block of unrelated headlines pasted around an article can
therefore never turn a line of the article into content or boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rubrics.boilerplate.features import line_features
from rubrics.boilerplate.lines import LineShape, is_headline_like, is_text_like, line_shape
from rubrics.boilerplate.model import boilerplate_probabilities
from rubrics.boilerplate.topic import LinkFarm, find_link_farm, several_headlines
from rubrics.boilerplate.wrap import join_lines, may_be_wrapped, wrapped_paragraphs
from scoring.text.segment import Line, Segmented

CONTENT = "content"
LINK_FARM = "link_farm"
# Label of prose that lies outside the article's main block (teasers, comments, other stories).
OUTSIDE_PROSE = "other"
# Non-prose lines separating two prose lines of the same block at most this many.
MAX_GAP = 3
# A block of prose is part of the article when it has this share of the largest block's characters.
BLOCK_SHARE = 0.3
# Header of one reader comment: "Jane Doe says:", "jdoe (12345) writes:", "Reply", "Reply to
# This Parent", "Re: (Score:2)", or a short line with a posting time and an author/reply word
# ("by Kate on Nov 29, 2010 at 8:03 am. Reply #", "Daveywrote on November 13th, 2012 at 5:49 am",
# "by mcgrew writes: on Tuesday July 24, @10:52AM"), and their Chinese equivalents.
COMMENT_HEADER = re.compile(
    r"^(?:[\w .'()*-]{1,60} (?:says|said|wrote|writes|responded)\b\s*:?|reply(?: to this(?: comment| parent)?)?"
    r"|report abuse|permalink|flag as inappropriate)\W*(?:share)?\W*$"
    r"|^re:.{0,80}\(score:\s*\d"
    r"|^(?=.{0,150}$)(?=.*(?:\b(?:by|says|said|posted|reply)\b|wrote|writes|responded)).*\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\b|\b)"
    # The same headers of Chinese forums and comment boxes: "网友 张三 说：", "dawnrain29[221.217.
    # 28.*] 认为：" ("thinks:"), "引用 回复 2004-12-15 14:55:21" (quote, reply, posting time).
    r"|^.{1,60}(?:说|說|写道|寫道|认为|認為|回复|回覆|评论|評論)\s*[:：]\W*$"
    r"|^(?=.{0,150}$)(?=.*(?:发表于|發表於|回复|回覆|引用|网友|網友)).*\d{1,2}:\d{2}",
    re.IGNORECASE,
)
# The person a comment header names: "... by Jane Doe ...", "Jane Doe says:".
HEADER_AUTHOR = re.compile(r"\b[Bb][Yy]:?\s+(\w[\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})"
                           r"|^\W*([\w .'-]{1,60}?)\s+(?i:says|said|wrote|writes)\b")
# A comment thread may also open with less of the article above it (a long thread under a
# short article) when comment headers confirm it within THREAD_HEADER_SPAN lines and at least
# this many characters of prose (the article) lie above.
THREAD_MIN_ARTICLE_CHARS = 400
# Most lines between two comment headers of one thread.
THREAD_HEADER_SPAN = 8
# Categories the model may not overrule: unambiguous markers.
HARD_CATEGORIES = frozenset({"ad_marker", "reprint_notice"})
# A comment thread can only start once this share of the document's prose is above it.
THREAD_AFTER = 0.3
# Cue categories that a long prose line overrides (a sentence may mention "contact us").
WEAK_CUES = frozenset({"footer", "byline_meta", "related_links", "navigation", "share_widget", "comments"})


@dataclass(frozen=True, slots=True)
class LineLabels:
    labels: tuple[str, ...]
    shapes: tuple[LineShape, ...]
    prose: tuple[bool, ...]
    farm: LinkFarm


def classify(seg: Segmented, use_model: bool = True) -> LineLabels:
    texts = [line.text for line in seg.lines]
    shapes = [line_shape(t) for t in texts]
    units = text_units(texts, shapes)
    unit_labels = _label_units(units, use_model)
    if len(units.lines) == len(texts):
        return LineLabels(tuple(unit_labels), tuple(shapes), tuple(units.prose), units.farm)
    # Back from units to lines: every line of a wrapped paragraph takes the paragraph's label.
    # (Wrapped paragraphs are prose, never a line of several headlines: pieces stay per line.)
    labels: list[str] = []
    prose: list[bool] = []
    farm_lines: set[int] = set()
    similarity: dict[int, float] = {}
    pieces: dict[int, list[tuple[int, int]]] = {}
    unit_farm = units.farm
    for k, unit in enumerate(units.lines):
        labels.extend([unit_labels[k]] * len(unit))
        prose.extend([units.prose[k]] * len(unit))
        if k in unit_farm.lines:
            farm_lines.update(unit)
        if k in unit_farm.similarity:
            similarity.update(dict.fromkeys(unit, unit_farm.similarity[k]))
        if k in unit_farm.pieces and len(unit) == 1:
            pieces[unit.start] = unit_farm.pieces[k]
    farm = LinkFarm(frozenset(farm_lines), similarity, pieces)
    return LineLabels(tuple(labels), tuple(shapes), tuple(prose), farm)


@dataclass(frozen=True, slots=True)
class TextUnits:
    """The units lines are classified in (`lines`: the document's lines of each), with each
    unit's text, shape, prose flag and the link farm judged over the units."""

    lines: list[range]
    texts: list[str]
    shapes: list[LineShape]
    prose: list[bool]
    farm: LinkFarm


def text_units(texts: Sequence[str], shapes: Sequence[LineShape]) -> TextUnits:
    """One unit per line, except that the lines of a hard-wrapped paragraph (`wrap`) form one
    unit, with their joined text and its shape.

    Lines judged link farm take no part in finding the paragraphs: a pasted headline about as
    wide as the article's lines could otherwise make the document look hard-wrapped and join
    the article's own lines into a paragraph. Link farms are judged over units (line by line,
    the fragments of a wrapped paragraph look like a run of headlines), so when that finds a
    farm in a document that may be hard-wrapped, the paragraphs are found again without the
    farm's lines and the units judged again."""
    units = _units(texts, shapes, wrapped_paragraphs(texts, shapes))
    if units.farm.lines and may_be_wrapped(shapes):
        farm_lines = {k for u in units.farm.lines for k in units.lines[u]}
        paragraphs = wrapped_paragraphs(texts, shapes, farm_lines)
        if paragraphs != [unit for unit in units.lines if len(unit) > 1]:
            units = _units(texts, shapes, paragraphs)
    return units


def _units(texts: Sequence[str], shapes: Sequence[LineShape], paragraphs: Sequence[range]) -> TextUnits:
    if not paragraphs:
        prose, farm = _prose_and_farm(texts, shapes)
        return TextUnits([range(i, i + 1) for i in range(len(texts))], list(texts), list(shapes), prose, farm)
    units: list[range] = []
    unit_texts: list[str] = []
    unit_shapes: list[LineShape] = []
    i = 0
    for para in [*paragraphs, range(len(texts), len(texts))]:
        for k in range(i, para.start):
            units.append(range(k, k + 1))
            unit_texts.append(texts[k])
            unit_shapes.append(shapes[k])
        if len(para):
            joined = join_lines(texts, shapes, para)
            units.append(para)
            unit_texts.append(joined)
            unit_shapes.append(line_shape(joined))
        i = para.stop
    prose, farm = _prose_and_farm(unit_texts, unit_shapes)
    return TextUnits(units, unit_texts, unit_shapes, prose, farm)


def _prose_and_farm(texts: Sequence[str], shapes: Sequence[LineShape]) -> tuple[list[bool], LinkFarm]:
    pieces_of = [several_headlines(t, s) for t, s in zip(texts, shapes, strict=True)]
    prose = [
        is_text_like(s) and not (s.cue and s.cue not in WEAK_CUES) and not pieces
        for s, pieces in zip(shapes, pieces_of, strict=True)
    ]
    return prose, find_link_farm(texts, shapes, prose, pieces_of)


def _label_units(units: TextUnits, use_model: bool) -> list[str]:
    kept = [i for i in range(len(units.texts)) if i not in units.farm.lines]
    labels = [LINK_FARM] * len(units.texts)
    kept_labels = label_kept_lines([units.texts[i] for i in kept], [units.shapes[i] for i in kept],
                                   [units.prose[i] for i in kept], use_model)
    for i, label in zip(kept, kept_labels, strict=True):
        labels[i] = label
    return labels


def training_rows(seg: Segmented) -> tuple[list[list[float]], list[range], list[int]]:
    """What the line model sees of a document, for training it: the feature rows of the units
    outside link farms, the lines of each unit, and each unit's size in characters (the
    rubric is judged by characters, so that is the training weight)."""
    texts = [line.text for line in seg.lines]
    shapes = [line_shape(t) for t in texts]
    units = text_units(texts, shapes)
    kept = [i for i in range(len(units.texts)) if i not in units.farm.lines]
    _, rows = model_inputs([units.texts[i] for i in kept], [units.shapes[i] for i in kept],
                           [units.prose[i] for i in kept])
    return rows, [units.lines[i] for i in kept], [sum(shapes[k].chars for k in units.lines[i]) for i in kept]


SHARED_KEY = "boilerplate.line_labels"


def shared_labels(seg: Segmented) -> LineLabels:
    """`classify(seg)`, computed once per document and shared by the boilerplate and spam
    rubrics through the engine's per-document store (`Segmented.shared`)."""
    return seg.shared(SHARED_KEY, classify)


def title_line(seg: Segmented, labels: LineLabels) -> Line | None:
    """The text's first line when it is the document's title: the document has no `title` field
    and that line reads as a headline (not prose)."""
    if (seg.doc.title or "").strip() or not seg.lines:
        return None
    return seg.lines[0] if is_headline_like(labels.shapes[0]) and not labels.prose[0] else None


# Labels a scraped article's own headline gets: outside the main block, it reads as other stories'
# headlines or a menu entry do.
_HEADLINE_LABELS = frozenset({"related_links", "navigation"})


def headline_above_article(labels: LineLabels) -> int | None:
    """Index of the headline of a scraped article: the nearest headline-like line labelled as one
    of other stories' headlines or a menu entry, at most MAX_GAP lines above the first `content`
    line (a byline or a date may stand between); None when there is none."""
    first = next((i for i, label in enumerate(labels.labels) if label == CONTENT), None)
    if first is None:
        return None
    for i in range(first - 1, max(-1, first - 1 - MAX_GAP), -1):
        if labels.labels[i] in _HEADLINE_LABELS and is_headline_like(labels.shapes[i]) and not labels.prose[i]:
            return i
    return None


def model_inputs(texts: Sequence[str], shapes: Sequence[LineShape],
                 prose: Sequence[bool]) -> tuple[list[str], list[list[float]]]:
    """Rule labels and the model's feature rows (`MODEL_FEATURES`) for the kept lines."""
    blocks = {
        "3_30": _main_block(shapes, prose, 3, 0.3),
        "6_100": _main_block(shapes, prose, 6, 1.0),
        "10_30": _main_block(shapes, prose, 10, 0.3),
    }
    thread = _comment_thread_start(texts, shapes, prose)
    rule_labels = _label_lines(shapes, prose, blocks["3_30"], thread)
    rows = line_features(texts, shapes, prose, blocks)
    for i, row in enumerate(rows):
        row.extend((float(rule_labels[i] == CONTENT), float(i >= thread)))
    return rule_labels, rows


def label_kept_lines(texts: Sequence[str], shapes: Sequence[LineShape], prose: Sequence[bool],
                     use_model: bool = True) -> list[str]:
    rule_labels, rows = model_inputs(texts, shapes, prose)
    if not use_model or not rows:
        return rule_labels
    # The document is taken to hold an article: its longest prose line that the rules call
    # content stays content whatever the model says (a one-paragraph article is not an
    # outlier to be thrown away).
    body_line = max((i for i, r in enumerate(rule_labels) if r == CONTENT and prose[i]),
                    key=lambda i: shapes[i].chars, default=-1)
    out: list[str] = []
    probs = boilerplate_probabilities(rows)
    for i, (shape, is_prose, rule, p) in enumerate(zip(shapes, prose, rule_labels, probs, strict=True)):
        if rule in HARD_CATEGORIES:
            out.append(rule)
        elif p < 0.5 or i == body_line:
            out.append(CONTENT)
        elif rule != CONTENT:
            out.append(rule)
        else:
            out.append(_shape_category(shape, is_prose))
    return out


def _shape_category(shape: LineShape, is_prose: bool) -> str:
    if is_prose:
        return OUTSIDE_PROSE
    if shape.words <= 3:
        return "navigation"
    return "related_links" if is_headline_like(shape) else "other"


def _label_lines(shapes: Sequence[LineShape], prose: Sequence[bool], in_block: Sequence[bool],
                 thread: int) -> list[str]:
    out: list[str] = []
    for i, shape in enumerate(shapes):
        if i >= thread and not shape.cue:
            out.append("comments")
        elif shape.cue and not (prose[i] and shape.cue in WEAK_CUES and shape.words >= 25):
            out.append(shape.cue)
        elif in_block[i] and (prose[i] or shape.words >= 1):
            out.append(CONTENT)
        else:
            out.append(_shape_category(shape, prose[i]))
    return out


def _comment_thread_start(texts: Sequence[str], shapes: Sequence[LineShape], prose: Sequence[bool]) -> int:
    """Index of the line that opens a reader-comment thread after the article, else len(lines).

    A thread opens at a comments cue ("12 Comments", "Leave a Reply") or at the first of two
    or more comment headers ("Jane says:", "Reply", a posting time). Once most of the document's
    prose lies above, that is enough; higher up (a long thread under a short article) a comment
    header must follow within THREAD_HEADER_SPAN lines and the article above must have at least
    THREAD_MIN_ARTICLE_CHARS of prose, so that a "Comments (3)" link under the first post of a
    multi-post page does not swallow the posts that follow.
    """
    n = len(texts)
    total = sum(s.chars for s, p in zip(shapes, prose, strict=True) if p)
    if not total:
        return n
    is_header = [not prose[i] and bool(COMMENT_HEADER.search(texts[i])) for i in range(n)]
    above = 0
    headers: list[int] = []
    for i in range(n):
        if not prose[i] and (above >= THREAD_AFTER * total or above >= THREAD_MIN_ARTICLE_CHARS):
            # Below most of the prose any comments cue opens the thread; higher up it must be
            # confirmed by a comment header right after it.
            confirmed = any(is_header[j] for j in range(i + 1, min(n, i + 1 + THREAD_HEADER_SPAN)))
            if above >= THREAD_AFTER * total or confirmed:
                if shapes[i].cue == "comments":
                    return i
                if is_header[i]:
                    # Two headers close together: comments are short; posts of a multi-post blog
                    # page, each with its own "Posted by ... at 10:30" line, are not. Nor are
                    # short posts that one author signs in turn: a thread has several voices.
                    if (headers and i - headers[-1] <= THREAD_HEADER_SPAN
                            and not _same_author(texts[headers[-1]], texts[i])):
                        return headers[-1]
                    headers.append(i)
        if prose[i]:
            above += shapes[i].chars
    return n


def _header_author(text: str) -> str | None:
    match = HEADER_AUTHOR.search(text)
    if not match:
        return None
    return (match.group(1) or match.group(2)).strip().casefold() or None


def _same_author(first: str, second: str) -> bool:
    author = _header_author(first)
    return author is not None and author == _header_author(second)


def _main_block(shapes: Sequence[LineShape], prose: Sequence[bool], max_gap: int | None = None,
                block_share: float | None = None) -> list[bool]:
    """Lines lying between the first and last prose line of the article's prose blocks."""
    max_gap = MAX_GAP if max_gap is None else max_gap
    block_share = BLOCK_SHARE if block_share is None else block_share
    n = len(shapes)
    blocks: list[list[int]] = []
    for i in range(n):
        if not prose[i]:
            continue
        if blocks and i - blocks[-1][-1] - 1 <= max_gap:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    inside = [False] * n
    if not blocks:
        return inside
    sizes = [sum(shapes[i].chars for i in b) for b in blocks]
    biggest = max(sizes)
    for block, size in zip(blocks, sizes, strict=True):
        if size >= block_share * biggest:
            for i in range(block[0], block[-1] + 1):
                inside[i] = True
    return inside
