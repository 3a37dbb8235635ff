"""The one multi-pattern cue matcher for lexicon rubrics (English, Chinese, mixed text).

One Aho–Corasick pass (pyahocorasick) finds every entry of a lexicon in a text; boundary rules
then drop matches that sit inside a longer word:

- Latin-script cues must start and end at a word boundary ("may" not in "dismay"); a trailing
  `*` lets a cue run on to the end of the word ("slam*" matches "slammed").
- Chinese cues follow their `mode`, checked against jieba's token boundaries
  (`cjk_bounds(seg.words)`): ``word`` — a one-character cue must start and end on token
  boundaries (约 not inside 条约), a longer one needs one aligned edge; ``prefix`` — must start a
  token (较 in 较大); ``any`` — a plain substring (names, long unambiguous phrases).
- Overlapping matches are resolved longest-first (``it is believed`` over ``believed``,
  不可能 over 可能); every distinct cue of the surviving span is reported.

Matching runs over `fold(text)` (lower-cased, Traditional mapped to Simplified, one character
for one, so offsets are offsets into the text given), or over the text itself for a
case-sensitive lexicon (gazetteer aliases: "US" the country, not "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import ahocorasick

from scoring.text.script import CJK_CLASS, cjk_chars, fold, is_cjk
from scoring.text.segment import Word

_LATIN_WORD = re.compile(rf"[^\W_{CJK_CLASS}]+(?:['’.,\-][^\W_{CJK_CLASS}]+)*")
# A web address written out ("https://...", "www.example.org/..."): a cited link in prose.
LINK = re.compile(r"\bhttps?://[^\s<>\"“”)]+|\bwww\.[a-z0-9\-]+\.[a-z]{2,}[^\s<>\"“”)]*", re.IGNORECASE)
# What marks an embedded social-media post, a contact line or a credit rather than a headline:
# a web address (also a bare shortener or image host: "t.co/x", "pic.twitter.com/x", "abcn.ws/x"),
# an @handle, an e-mail address, or a photo credit in the agencies' "Name Surname/Agency" form
# ("Saul Loeb/AFP", "Alex Wong/Getty Images"). Only whether one occurs is asked, so every
# alternative is linear in the line's length: runs are entered only at their first character
# (the lookbehinds) and never given back (possessive quantifiers), or are of bounded width; a
# long line of dotted or capitalised fragments must not take quadratic time.
ADDRESS_HANDLE_OR_CREDIT = re.compile(
    r"(?i:" + LINK.pattern + r"|[a-z0-9\-]\.[a-z]{2,6}/\S|(?<![\w@])@\w{2}"
    r"|(?<![\w.+\-])[\w.+\-]++@[\w\-]++\.\w)"
    r"|(?<![\w'’.\-])[A-Z][\w'’.\-]*+ [A-Z][\w'’.\-]*+/[A-Z]"
)
# An average Chinese word is ~1.7 characters (the ratio scoring.text.lang's CJK_WEIGHT rests on).
CJK_CHARS_PER_WORD = 1.7
MODES = ("word", "prefix", "any")


def word_equivalents(text: str) -> float:
    """Language-neutral length: Latin/digit words plus Chinese characters / 1.7.

    Text without Chinese is counted by white-space tokens (fast; within ~2% of a letter-run
    count on news). With Chinese, Latin words are letter/digit runs joined across ' - . ,
    and each Chinese character counts 1/1.7 word. No tokenizer (jieba) is needed.
    """
    cjk = cjk_chars(text)
    if not cjk:
        return float(len(text.split()))
    return len(_LATIN_WORD.findall(text)) + cjk / CJK_CHARS_PER_WORD


def cjk_bounds(words: Sequence[Word]) -> frozenset[int]:
    """Offsets where a Chinese token starts or ends (from `Segmented.words`)."""
    out: set[int] = set()
    for w in words:
        if w.cjk:
            out.add(w.start)
            out.add(w.end)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry. `pattern` is written as in text (folded when compiled, unless the
    matcher is case-sensitive); `payload` carries whatever the lexicon's owner needs back."""

    pattern: str
    label: str = ""
    category: str = ""
    weight: float = 1.0
    mode: str = "word"  # Chinese cues: "word" | "prefix" | "any" (see module docstring)
    payload: Any = None


@dataclass(frozen=True, slots=True)
class CueMatch:
    start: int
    end: int
    cue: Cue


class CueMatcher:
    """All cues of one lexicon family in one automaton; build once per process."""

    __slots__ = ("_automaton", "size", "case_sensitive")

    def __init__(self, cues: Iterable[Cue], case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        by_key: dict[str, tuple[bool, list[Cue]]] = {}
        for cue in cues:
            if cue.mode not in MODES:
                raise ValueError(f"cue {cue.pattern!r}: mode must be one of {', '.join(MODES)}, got {cue.mode!r}")
            term = cue.pattern.strip()
            run_on = term.endswith("*")
            key = term.rstrip("*").strip()
            key = key if case_sensitive else fold(key)
            if not key:
                continue
            was_run_on, entries = by_key.get(key, (False, []))
            # Aliases that fold to one key (美国/美國) are one cue: compare all but the pattern.
            if replace(cue, pattern="") not in (replace(e, pattern="") for e in entries):
                entries.append(cue)
            by_key[key] = (was_run_on or run_on, entries)
        automaton = ahocorasick.Automaton()
        for key, (run_on, entries) in by_key.items():
            automaton.add_word(key, (len(key), run_on, tuple(entries)))
        self.size = len(by_key)
        if by_key:
            automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str, bounds: frozenset[int] | None = None, *, folded: str | None = None) -> list[CueMatch]:
        """Non-overlapping cue matches in `text`, sorted by start (several per span when
        distinct cues share a pattern).

        `bounds` = `cjk_bounds(seg.words)` enables the token rules for Chinese cues; when it is
        None, Chinese cues of one character in modes other than ``any`` are dropped and longer
        ones match as substrings. Pass `folded=fold(text)` when matching several lexicons on one
        text (ignored by a case-sensitive matcher).
        """
        if not self.size or not text:
            return []
        hay = text if self.case_sensitive else (folded if folded is not None else fold(text))
        n = len(hay)
        found: list[tuple[int, int, tuple[Cue, ...]]] = []
        for end_idx, (length, run_on, entries) in self._automaton.iter(hay):
            end = end_idx + 1
            start = end - length
            first, last = hay[start], hay[end - 1]
            if _is_latin_word_char(first) and start > 0 and _is_latin_word_char(hay[start - 1]):
                continue
            if run_on and _is_latin_word_char(last):
                while end < n and (_is_latin_word_char(hay[end]) or (
                        hay[end] in "-'" and end + 1 < n and _is_latin_word_char(hay[end + 1]))):
                    end += 1
            elif _is_latin_word_char(last) and end < n and _is_latin_word_char(hay[end]):
                continue
            if is_cjk(first):
                entries = tuple(c for c in entries if _cjk_ok(c.mode, start, end, length, bounds))
                if not entries:
                    continue
            found.append((start, end, entries))
        if not found:
            return []
        # Longest match wins among overlaps (one sweep: matches sorted by start, longest first).
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        kept: list[tuple[int, int, tuple[Cue, ...]]] = []
        last_end = -1
        for match in found:
            start, end, _ = match
            if start >= last_end:
                kept.append(match)
                last_end = end
            elif end - start > kept[-1][1] - kept[-1][0] and end > last_end:
                kept[-1] = match
                last_end = end
        return [CueMatch(start, end, cue) for start, end, entries in kept for cue in entries]


def _is_latin_word_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


def _cjk_ok(mode: str, start: int, end: int, length: int, bounds: frozenset[int] | None) -> bool:
    if mode == "any":
        return True
    if bounds is None:
        return length > 1
    if mode == "prefix":
        return start in bounds
    if length == 1:
        return start in bounds and end in bounds
    # Two or more characters: one aligned edge is enough, since jieba's dictionary is
    # Simplified and splits Traditional text (華為或許會) less reliably.
    return start in bounds or end in bounds
