"""One-pass lexicon matching for English and Chinese (shared by framing and lean).

An Aho-Corasick automaton over a *folded* copy of the text: lower-cased and mapped from
Traditional to Simplified, always one character for one, so match offsets are offsets into
the text given. Latin-script terms must sit on word boundaries; a trailing `*` in a term
lets it run on to the end of the word ("slam*" matches "slammed"). Chinese terms match as
substrings. Overlapping matches are resolved leftmost-longest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from rubrics.sentiment_lexicon import fold_zh


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    payload: Any


def fold(text: str) -> str:
    """Lower-case + Traditional->Simplified, with len(fold(text)) == len(text)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return fold_zh(lowered)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Lexicon:
    """Terms -> payloads, matched in one pass. Build once (lru_cache the builder)."""

    def __init__(self, entries: Iterable[tuple[str, Any]], case_sensitive: bool = False) -> None:
        self.case_sensitive = case_sensitive
        self._automaton = ahocorasick.Automaton()
        table: dict[str, tuple[bool, list[Any]]] = {}
        for term, payload in entries:
            term = term.strip()
            prefix = term.endswith("*")
            key = term.rstrip("*").strip()
            if not key:
                continue
            key = key if case_sensitive else fold(key)
            slot = table.setdefault(key, (prefix, []))
            if prefix and not slot[0]:
                slot = (True, slot[1])
                table[key] = slot
            if payload not in slot[1]:  # aliases that fold to one key (美国/美國) count once
                slot[1].append(payload)
        for key, (prefix, payloads) in table.items():
            self._automaton.add_word(key, (len(key), prefix, tuple(payloads)))
        self.size = len(table)
        if table:
            self._automaton.make_automaton()

    def find(self, text: str, folded: str | None = None) -> list[Match]:
        """Leftmost-longest, non-overlapping matches; one Match per payload."""
        if not self.size or not text:
            return []
        hay = text if self.case_sensitive else (folded if folded is not None else fold(text))
        n = len(hay)
        candidates: list[tuple[int, int, tuple[Any, ...]]] = []
        for end_idx, (length, prefix, payloads) in self._automaton.iter(hay):
            start = end_idx - length + 1
            end = end_idx + 1
            first = hay[start]
            latin = first.isascii() and first.isalnum()
            if latin:
                if start > 0 and _is_word_char(hay[start - 1]) and hay[start - 1].isascii():
                    continue
                if prefix:
                    while end < n and (_is_word_char(hay[end]) or (hay[end] in "-'" and end + 1 < n
                                                                   and _is_word_char(hay[end + 1]))):
                        end += 1
                elif end < n and _is_word_char(hay[end]) and hay[end].isascii():
                    continue
            candidates.append((start, end, payloads))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[Match] = []
        last_end = -1
        for start, end, payloads in candidates:
            if start < last_end:
                continue
            last_end = end
            out.extend(Match(start, end, p) for p in payloads)
        return out
