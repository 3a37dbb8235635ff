"""Multi-pattern cue matching for lexicon rubrics (English, Chinese, mixed text).

One Aho–Corasick pass (pyahocorasick) finds every lexicon entry in a text; boundary rules
then drop matches that sit inside a longer word:

- Latin-script cues must start and end at a word boundary ("may" not in "dismay").
- Chinese cues are checked against jieba's token boundaries (`Segmented.words`): a
  one-character cue in mode ``word`` must start and end on token boundaries (约 not inside
  条约); a longer one needs one aligned edge; mode ``prefix`` must start a token (较 in
  较大); mode ``any`` is a plain substring (long, unambiguous phrases).
- Overlapping survivors are resolved longest-first (``it is believed`` over ``believed``,
  不可能 over 可能).

Matching runs over `fold(text)`: lower-cased and mapped from Traditional to Simplified
characters (for the characters cue lexicons use), always one character for one, so match
offsets are offsets into the text given.

Public API (small on purpose; framing/sentiment may reuse it):
    Cue, CueMatch, CueMatcher(cues).find(text, cjk_bounds) -> list[CueMatch]
    fold(text) -> str,  cjk_bounds(words) -> frozenset[int],  word_equivalents(text) -> float
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from scoring.segment import Word

# Traditional -> Simplified for characters that occur in the cue lexicons (and their
# common neighbours), paired position by position. Hand-made from the standard
# 简化字总表 correspondences; a full converter (OpenCC) is not needed for cue matching.
_TRAD = (
    "據報導稱說認為許較則應該們來時會對經發現這實際專於與將並從並無顯確僅幾"
    "據聞傳訊稱謂據傳據悉據說據稱聲明語記者訪談談話錄調查顯示數據統計資料權威機構組織協會學會研究員"
    "產業團體國際當局政府官員發言人總統總理部長議員專家學者"
    "種類似乎肯絕對總體務須決斷無疑顯著難怪盡儘僅極為頗較稍約幾乎大概估計預計預測觀點據點"
    "該們麼這樣們還會點兒間題問導師讀請證實際結論據報"
    "恐們種層級從處時後開關長門見觀覽視親聽聞鄉農"
    "紹強調勢內況準還雖須歲億萬臺灣華盛頓衛鏈貿易關稅據顧問總裁執行董事會"
)
_SIMP = (
    "据报导称说认为许较则应该们来时会对经发现这实际专于与将并从并无显确仅几"
    "据闻传讯称谓据传据悉据说据称声明语记者访谈谈话录调查显示数据统计资料权威机构组织协会学会研究员"
    "产业团体国际当局政府官员发言人总统总理部长议员专家学者"
    "种类似乎肯绝对总体务须决断无疑显著难怪尽尽仅极为颇较稍约几乎大概估计预计预测观点据点"
    "该们么这样们还会点儿间题问导师读请证实际结论据报"
    "恐们种层级从处时后开关长门见观览视亲听闻乡农"
    "绍强调势内况准还虽须岁亿万台湾华盛顿卫链贸易关税据顾问总裁执行董事会"
)
assert len(_TRAD) == len(_SIMP)
_T2S = {ord(t): s for t, s in zip(_TRAD, _SIMP, strict=False) if t != s}


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


def fold(text: str) -> str:
    """Lower-case and Simplified-fold `text`, keeping its length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):
        # A few characters (İ) lower-case to two; keep those as they are.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # translate() is the costly part; English text has nothing to map.
    return low.translate(_T2S) if _CJK_CHAR.search(low) else low


_LATIN_WORD = re.compile(r"[^\W_\u3400-\u9fff\uf900-\ufaff]+(?:['’.,\-][^\W_\u3400-\u9fff\uf900-\ufaff]+)*")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# An average Chinese word is ~1.7 characters (the ratio scoring/lang.py's CJK_WEIGHT rests on).
CJK_CHARS_PER_WORD = 1.7


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


def cjk_chars(text: str) -> int:
    """Number of Chinese characters in `text`."""
    return len(_CJK_CHAR.findall(text)) if _CJK_CHAR.search(text) else 0


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
    """One lexicon entry. `pattern` is written as in text; it is folded when compiled."""

    pattern: str
    label: str
    category: str = ""
    weight: float = 1.0
    mode: str = "word"  # Chinese cues: "word" | "prefix" | "any" (see module docstring)


@dataclass(frozen=True, slots=True)
class CueMatch:
    start: int
    end: int
    cue: Cue


class CueMatcher:
    """All cues of one lexicon family in one automaton; build once per process."""

    __slots__ = ("_automaton", "_empty")

    def __init__(self, cues: Iterable[Cue]) -> None:
        by_key: dict[str, list[Cue]] = {}
        for cue in cues:
            key = fold(cue.pattern.strip())
            if key:
                by_key.setdefault(key, []).append(cue)
        automaton = ahocorasick.Automaton()
        for key, entries in by_key.items():
            automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not by_key
        if not self._empty:
            automaton.make_automaton()
        self._automaton = automaton

    def find(self, text: str, bounds: frozenset[int] | None = None, *, folded: str | None = None) -> list[CueMatch]:
        """Non-overlapping cue matches in `text`, sorted by start.

        `bounds` = `cjk_bounds(seg.words)` enables the token rules for Chinese cues; when
        it is None Chinese cues of one character are dropped and longer ones match as
        substrings. Pass `folded=fold(text)` when matching several lexicons on one text.
        """
        if self._empty or not text:
            return []
        hay = folded if folded is not None else fold(text)
        n = len(hay)
        found: list[tuple[int, int, Cue]] = []
        for end_idx, (length, entries) in self._automaton.iter(hay):
            end = end_idx + 1
            start = end - length
            first, last = hay[start], hay[end - 1]
            if first.isalnum() and not _is_cjk(first) and start > 0:
                prev = hay[start - 1]
                if prev.isalnum() and not _is_cjk(prev):
                    continue
            if last.isalnum() and not _is_cjk(last) and end < n:
                nxt = hay[end]
                if nxt.isalnum() and not _is_cjk(nxt):
                    continue
            for cue in entries:
                if _is_cjk(first) and not _cjk_ok(cue.mode, start, end, length, bounds):
                    continue
                found.append((start, end, cue))
                break
        if not found:
            return []
        # Longest match wins among overlaps (one sweep: matches sorted by start, longest first).
        found.sort(key=lambda m: (m[0], m[0] - m[1]))
        out: list[CueMatch] = []
        last_end = -1
        for start, end, cue in found:
            if start >= last_end:
                out.append(CueMatch(start, end, cue))
                last_end = end
            elif end - start > out[-1].end - out[-1].start and end > last_end:
                out[-1] = CueMatch(start, end, cue)
                last_end = end
        return out


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
