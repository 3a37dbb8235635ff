"""Topic signals: how close a line is to the article body, and link farms.

A link farm is a block of headlines of other articles: a run of headline-like lines (with or
without bullets, anywhere in the document), or one line that strings several headlines
together (with separators, glued without them, or run into each other). What makes it a farm
is measured, not guessed from position: its headlines are *off-topic*, their topic tokens
(content-word stems for Latin script, character bigrams for Chinese) mostly absent from the
body, where the body is the document's prose outside every candidate line. A run of on-topic
section headings is therefore never a link farm, however many there are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rubrics.boilerplate.lines import PROSE_FUNCTION_SHARE, LineShape
from rubrics.common.cues import ADDRESS_HANDLE_OR_CREDIT, CJK_CHARS_PER_WORD
from rubrics.common.data import function_words
from scoring.text.script import CJK_CHAR, CJK_CLASS

_LATIN3 = re.compile(r"(?<![a-z\u00e0-\u024f])[a-z\u00e0-\u024f]{3,}")
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# Where one headline ends and the next begins on a line that strings several together: a
# separator between spaces ("A | B", "A · B", "A / B", "A - B"), a bar or arrow even without
# spaces, a bullet after a space ("·A ·B"; "·" inside a word is a Chinese name's dot), two or
# more spaces, whitespace next to a Chinese character (Chinese prose puts no spaces between
# its words), or a lower-case letter, digit, closing quote or bracket running straight into a
# capital (the text of adjacent links with no space between them: "...resignInternet boom").
_PIECE_BREAK = re.compile(
    rf"\s+[|•·/»›–—-]\s+|\s*[|▪►▶]\s*|\s+[•·]|\s{{2,}}"
    rf"|(?<=[{CJK_CLASS}。」》])\s+|\s+(?=[{CJK_CLASS}「《])"
    r"|(?<=[a-z0-9)?!%])(?=[A-Z])|(?<=\S['’\"”])(?=[A-Z])"
)
# Every break of _PIECE_BREAK outside Chinese text contains one of these.
_MAYBE_BREAK = re.compile(r"[|•·/»›–—▪►▶-]|\s\s|[a-z0-9)?!%'’\"”][A-Z]")
# A sentence ends inside the text (a full stop followed by more text): prose, not headlines.
_INNER_STOP = re.compile(r"(?<![A-Z.])\.\s+[A-Z\"“]|。(?=.)")
# A Latin-script line ending in a full stop is one sentence (headlines do not end in one).
_LATIN_STOP = re.compile(r"[a-z)\]\d][.][\"”’)]*$")
# A line ending in a full stop is a sentence; a headline may end in "?" or "!", or trail off.
_FULL_STOP = re.compile(r"(?<!\.\.)[.。][\"”’」』)\]）】]*$")

# A line ending in a colon introduces what follows (a quotation, a list, an embedded post: "Doug
# Stockman added:"). Only after a Latin word: a Chinese line ending in "：" (NFKC ":") is as often a
# field label in a list of teasers ("活动时间：").
_INTRODUCES = re.compile(r"(?<=[A-Za-z\u00c0-\u024f\d'’\"”)\]]):\s*$")

# Share of a block's topic tokens found in the body below which the block is off-topic.
OFF_TOPIC = 0.34
# Stricter bar for a lone headline-like line at the very start or end of a document.
OFF_TOPIC_EDGE = 0.1
# Headlines in a block of lines; pieces of one line.
MIN_RUN = 3
# A headline line: this many words at least (Chinese: characters / 1.7) and at most ...
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 160
# A piece of a line shorter than this is a fragment of its neighbour ("Mc" of "McDonald").
PIECE_MIN_WORDS = 2
# Shortest line that can hold several headlines.
PIECES_MIN_CHARS = 20
# A line too long for one headline with no sentence end in it is a run-on string of headlines
# from this length on ...
RUN_ON_MIN_WORDS = 15
# ... and is judged only against a body of at least this many topic tokens (with less, the
# run-on line may itself be the article).
MIN_BODY_TOKENS = 20
# More commas than this per word make a line an enumeration (names, ingredients, credits),
# not a string of headlines: headlines seldom hold a comma.
ENUMERATION_COMMAS_PER_WORD = 1 / 8
# The end-of-line patterns only need to see this much of a line's end.
TAIL = 16
STEM = 5


@lru_cache(maxsize=1024)
def topic_tokens(text: str) -> frozenset[str]:
    """Latin content words cut to a 5-letter stem; Chinese character bigrams. Cached: the
    same line is looked up by the link-farm pass and again by the line model. The cache
    only has to span one document's lines: every cached set is walked by each full
    garbage collection, so it is kept small."""
    en_function = function_words().en
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


def _words(text: str) -> float:
    return len(_LATIN_WORD.findall(text)) + len(CJK_CHAR.findall(text)) / CJK_CHARS_PER_WORD


def headline_pieces(text: str) -> list[tuple[int, int]]:
    """Spans of the headlines of a line that strings several together (see _PIECE_BREAK);
    empty for any other line, including sentences and lines with a sentence end inside."""
    if len(text) < PIECES_MIN_CHARS or _LATIN_STOP.search(text, len(text) - TAIL) or _INNER_STOP.search(text):
        return []
    # Cheap necessary condition (two possible breaks; a Chinese line with a space may break at
    # it): most single headlines have none, and _PIECE_BREAK is slow to scan.
    if len(_MAYBE_BREAK.findall(text)) < MIN_RUN - 1 and not (" " in text and CJK_CHAR.search(text)):
        return []
    spans: list[list[int]] = []
    pos = 0
    for m in _PIECE_BREAK.finditer(text):
        if m.start() > pos:
            spans.append([pos, m.start()])
        pos = max(pos, m.end())
    if pos < len(text):
        spans.append([pos, len(text)])
    merged: list[list[int]] = []
    for span in spans:
        if merged and merged[-1][1] == span[0] and _words(text[span[0] : span[1]]) < PIECE_MIN_WORDS:
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    titled = [(s, e) for s, e in merged if PIECE_MIN_WORDS <= _words(text[s:e]) <= HEADLINE_MAX_WORDS]
    if len(titled) < MIN_RUN or sum(e - s for s, e in titled) < 0.6 * len(text.strip()):
        return []
    return [(s, e) for s, e in merged]


def quotes_or_credits(text: str) -> bool:
    """A line no headline of another article looks like: one that carries a web address, an @handle,
    an e-mail address or an agency photo credit (an embedded post, a contact or credit line: a link's
    text is its headline, never its address), or that ends in a colon (it introduces what follows)."""
    if _INTRODUCES.search(text, len(text) - TAIL):
        return True
    # Every address, handle, e-mail or credit holds one of these; most lines hold none.
    return ("@" in text or "/" in text or "www." in text.lower()) and ADDRESS_HANDLE_OR_CREDIT.search(text) is not None


def is_headline_candidate(text: str, shape: LineShape) -> bool:
    """One headline: a handful of words, not a sentence, not a widget label."""
    return (shape.cue is None and HEADLINE_MIN_WORDS <= shape.words <= HEADLINE_MAX_WORDS
            and shape.chars <= HEADLINE_MAX_CHARS and not _FULL_STOP.search(text, len(text) - TAIL)
            and not quotes_or_credits(text))


def is_enumeration(text: str, shape: LineShape) -> bool:
    """A comma-separated list: a comma every few words."""
    return text.count(",") > ENUMERATION_COMMAS_PER_WORD * shape.words


def is_telegraphic(shape: LineShape) -> bool:
    """Headlines are telegraphic: fewer function words than running prose has."""
    return shape.function_share < PROSE_FUNCTION_SHARE


def is_run_on(text: str, shape: LineShape) -> bool:
    """Too long for one headline, yet no sentence, telegraphic and not an enumeration:
    several headlines run into each other."""
    return (shape.cue is None and shape.words >= RUN_ON_MIN_WORDS and is_telegraphic(shape)
            and not is_enumeration(text, shape) and not quotes_or_credits(text)
            and not _FULL_STOP.search(text, len(text) - TAIL) and not _INNER_STOP.search(text))


def several_headlines(text: str, shape: LineShape) -> list[tuple[int, int]]:
    """`headline_pieces` of a line that can hold several headlines (telegraphic, not an
    enumeration); empty otherwise. A line of prose with dashes or bars in it is not one."""
    if (shape.chars < PIECES_MIN_CHARS or not is_telegraphic(shape) or is_enumeration(text, shape)
            or quotes_or_credits(text)):
        return []
    return headline_pieces(text)


@dataclass(frozen=True, slots=True)
class LinkFarm:
    """Lines judged to be a link farm; for each candidate line its on-topic share; for each
    farm line that strings several headlines together, the spans of its headlines."""

    lines: frozenset[int]
    similarity: dict[int, float]
    pieces: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


def find_link_farm(
    texts: Sequence[str],
    shapes: Sequence[LineShape],
    prose: Sequence[bool],
    pieces_of: Sequence[list[tuple[int, int]]],
) -> LinkFarm:
    """Blocks of off-topic headlines (see module docstring). `pieces_of[i]` are the headlines
    of line i when it strings several together (`several_headlines`), else empty.

    A block is judged by its pooled on-topic share (its headlines' topic tokens found in the
    body over all of them), which is steadier than a vote of its headlines: a five-word
    headline shares one generic word with the body by chance far more often than a block does.
    """
    n = len(texts)
    run_on = [not pieces_of[i] and is_run_on(texts[i], shapes[i]) for i in range(n)]
    single = [not pieces_of[i] and not run_on[i] and is_headline_candidate(texts[i], shapes[i]) for i in range(n)]
    candidate = [bool(pieces_of[i]) or single[i] or run_on[i] for i in range(n)]
    in_body = [prose[i] and not candidate[i] for i in range(n)]
    body: set[str] = set()
    for i in range(n):
        if in_body[i]:
            body |= topic_tokens(texts[i])
    similarity: dict[int, float] = {}
    if not body:
        # No article to measure against: a page of nothing but headlines is not judged here.
        return LinkFarm(frozenset(), similarity)
    counts: dict[int, tuple[int, int]] = {}
    farm: set[int] = set()
    for i in range(n):
        if not candidate[i]:
            continue
        text = texts[i]
        shared = total = 0
        for s, e in pieces_of[i] or [(0, len(text))]:
            tokens = topic_tokens(text[s:e])
            shared += len(tokens & body)
            total += len(tokens)
        counts[i] = (shared, total)
        similarity[i] = shared / total if total else 1.0
        if similarity[i] < OFF_TOPIC and (pieces_of[i] or run_on[i] and len(body) >= MIN_BODY_TOKENS):
            farm.add(i)
    # Runs of single headlines: from the first to the last off-topic one, when the run's
    # pooled share is off-topic and its wording telegraphic (a bulleted list of proposals or
    # questions in an article is prose-like).
    # A line already judged a farm of several headlines joins the run it borders: farms mix
    # one-headline lines with lines that string a few together.
    in_run = [single[k] or k in farm for k in range(n)]
    i = 0
    while i < n:
        if not in_run[i]:
            i += 1
            continue
        j = i
        while j < n and in_run[j]:
            j += 1
        offs = [k for k in range(i, j) if similarity[k] < OFF_TOPIC]
        if j - i >= MIN_RUN and len(offs) >= 2:
            shared = sum(counts[k][0] for k in range(i, j))
            total = sum(counts[k][1] for k in range(i, j))
            words = sum(shapes[k].words for k in range(i, j))
            function_share = sum(shapes[k].function_share * shapes[k].words for k in range(i, j)) / words
            if total and shared / total < OFF_TOPIC and function_share < PROSE_FUNCTION_SHARE:
                farm.update(range(offs[0], offs[-1] + 1))
        i = j
    farm |= _foreign_edge_lines(shapes, in_body, single, similarity)
    # The article's own title stays out of a block of headlines next to it: the headline right
    # above the first paragraph, however little of its wording the body repeats (a punning
    # title), and a headline opening the document that shares some wording with the body.
    first_prose = next((i for i in range(n) if in_body[i]), n)
    if 0 < first_prose < n and single[first_prose - 1]:
        farm.discard(first_prose - 1)
    if n and single[0] and similarity[0] >= OFF_TOPIC_EDGE:
        farm.discard(0)
    return LinkFarm(frozenset(farm), similarity, {i: pieces_of[i] for i in farm if pieces_of[i]})


def _foreign_edge_lines(shapes: Sequence[LineShape], in_body: Sequence[bool], single: Sequence[bool],
                        similarity: dict[int, float]) -> set[int]:
    """A lone headline at the very start or end of a document counts only when it is in the
    other script (a Chinese teaser under an English article); a lone off-topic line in the
    body's own script is usually a punning title or a credit line."""
    n = len(shapes)
    if not n or not ((single[0] and similarity[0] < OFF_TOPIC_EDGE)
                     or (single[n - 1] and similarity[n - 1] < OFF_TOPIC_EDGE)):
        return set()
    body_cjk = sum(s.cjk / CJK_CHARS_PER_WORD for s, b in zip(shapes, in_body, strict=True) if b)
    body_latin = sum(s.latin_words for s, b in zip(shapes, in_body, strict=True) if b)
    body_zh = body_cjk > body_latin
    first = next((i for i in range(n) if in_body[i]), n)
    last = next((i for i in range(n - 1, -1, -1) if in_body[i]), -1)
    out: set[int] = set()
    for edge in (range(0, first), range(last + 1, n)):
        if len(edge) and all(single[k] and similarity[k] < OFF_TOPIC_EDGE
                             and (shapes[k].cjk / CJK_CHARS_PER_WORD > shapes[k].latin_words) != body_zh
                             for k in edge):
            out.update(edge)
    return out
