"""Tone toward one mention: target-dependent features of its sentence and a small logistic model.

The sentence-level compound says how a sentence sounds; the tone toward a person in it depends on
where the charged words sit relative to the mention and what the mention does. Each sentence with
a mention is read once into a table of tokens (`SentenceTable`): the valence of every word (VADER
for English, with its negation, intensity and "but" rules; the HowNet lexicon with degree and
negation words for Chinese), clause numbers (split at , ; : dashes brackets and at "but", "while",
"who"...), whether a word is inside a quotation, its word classes (rubrics/data/lean_tone_words.tsv:
acts with a direction toward the one who acts and the one acted on, "accused", "praised", "制裁"; words of
wrongdoing, trouble, merit, support, reporting and roles) and its news valence (a lexicon learned
by scripts/train_tone.py, stored in the model). Then per mention (`mention_features`):

- valence around the mention, positive and negative apart: in the sentence, weighted by distance
  (exp(-d/3), exp(-d/8) in tokens), in its clause, in other clauses, in the few words after it
  (what it does) and before it (what is done to it or said of it), inside and outside quotations,
  of the words nearer to it than to any other actor, after a possessive ("Trump's failed plan");
- the mention's role: the one speaking (the source of a quotation or attribution) or quoted,
  subject of an act (active) or its object (passive voice, "was accused by"), negated after it,
  in a clause opened by a contrast word;
- word classes near it and the learned news valence near it.

The model is a multinomial logistic regression (negative, neutral, positive) over those features,
standardised; coefficients, means, scales, the learned lexicon and the cross-validated figures are
in rubrics/data/lean_tone_model.json. tone = P(positive) - P(negative), in [-1, 1]; `words` are the
tokens that contributed most to it.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from rubrics.common.data import data_json, data_rows
from rubrics.lean.voice import is_voice
from rubrics.sentiment import MAX_SENTENCE_CHARS, sentence_sentiments
from rubrics.sentiment.vader import NEGATORS
from rubrics.sentiment.zh import squash, zh_word_valences
from scoring.text.script import to_simplified
from scoring.text.segment import Segmented, Sentence

_TOKEN = re.compile(r"\S+")
_STRIP = "\"'“”‘’.,;:!?()[]{}—–-…*«»「」『』《》"
_CLAUSE_WORDS = frozenset("but while although though whereas however yet despite unlike because after before "
                          "when who which whom that if".split())
_CONTRAST = frozenset("but although though however yet despite whereas while unlike".split())
_BE = frozenset("was were is are been be being has had have got get gets not also reportedly".split())
_CLAUSE_END = tuple(",;:()—–")
_QUOTE_EN = re.compile(r"[“\"]([^”\"]{3,})[”\"]|‘([^’]{3,})’")
_QUOTE_ZH = re.compile(r"[“「『\"]([^”」』\"]{2,})[”」』\"]")
_CLAUSE_END_ZH = frozenset("，,；;：:、（）()—")
_SPEAKER_BEFORE = re.compile(r"(?:said|says|told|according to|wrote|asked|added)\s+(?:[\w.’'-]+\s+){0,2}$")
CLASSES = ("wrongdoing", "trouble", "merit", "support", "report", "role")
NEAR_DECAY = 5.0
# exp(-d / decay) for token distances d, looked up rather than computed per word and mention.
_MAX_DISTANCE = 512
_EXP3 = [math.exp(-d / 3.0) for d in range(_MAX_DISTANCE)]
_EXP5 = [math.exp(-d / NEAR_DECAY) for d in range(_MAX_DISTANCE)]
_EXP8 = [math.exp(-d / 8.0) for d in range(_MAX_DISTANCE)]


@dataclass(frozen=True, slots=True)
class ToneWords:
    acts: dict[str, tuple[float, float]]  # word -> (toward the one acting, toward the one acted on)
    classes: dict[str, int]  # word -> bit mask over CLASSES


@lru_cache(maxsize=1)
def tone_words() -> ToneWords:
    acts: dict[str, tuple[float, float]] = {}
    classes: dict[str, int] = {}
    for row in data_rows("lean_tone_words.tsv"):
        for word in row["words"].split():
            if row["class"] == "act":
                acts[word] = (float(row["agent"]), float(row["patient"]))
            else:
                classes[word] = classes.get(word, 0) | (1 << CLASSES.index(row["class"]))
    return ToneWords(acts, classes)


@lru_cache(maxsize=1)
def tone_model() -> ToneModel:
    return ToneModel(data_json("lean_tone_model.json"))


class ToneModel:
    """The JSON model: standardised multinomial logistic regression plus the learned lexicon."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.classes: list[str] = spec["classes"]
        self.features: list[str] = spec["features"]
        self.positive = self.classes.index("positive")
        self.negative = self.classes.index("negative")
        self.mean = spec["mean"]
        self.scale = spec["scale"]
        self.coef = spec["coef"]
        self.intercept = spec["intercept"]
        self.lexicon: dict[str, tuple[float, float]] = {w: (v[0], v[1]) for w, v in spec["lexicon"].items()}
        # Fold the standardisation into the coefficients once: z = sum (x - m)/s * c + b.
        coef = np.asarray(self.coef, dtype=np.float64)
        scale = np.asarray(self.scale, dtype=np.float64)
        self._weights = coef / scale
        self._bias = np.asarray(self.intercept, dtype=np.float64) - self._weights @ np.asarray(self.mean)
        self._pick = operator.itemgetter(*self.features)

    def tones(self, rows: Sequence[dict[str, float]]) -> list[tuple[float, str]]:
        """(P(positive) - P(negative), most likely class) for many mentions in one matrix product."""
        if not rows:
            return []
        pick = self._pick
        scores = np.array([pick(f) for f in rows], dtype=np.float64) @ self._weights.T + self._bias
        scores -= scores.max(axis=1, keepdims=True)
        exps = np.exp(scores)
        probabilities = exps / exps.sum(axis=1, keepdims=True)
        tone = (probabilities[:, self.positive] - probabilities[:, self.negative]).tolist()
        labels = [self.classes[k] for k in probabilities.argmax(axis=1).tolist()]
        return list(zip(tone, labels, strict=True))

    def probabilities(self, features: dict[str, float]) -> list[float]:
        x = np.fromiter((features.get(name, 0.0) for name in self.features), dtype=np.float64,
                        count=len(self.features))
        scores = self._weights @ x + self._bias
        exps = np.exp(scores - scores.max())
        return (exps / exps.sum()).tolist()


@dataclass(slots=True)
class SentenceTable:
    """One sentence read once for every mention in it (offsets are normalised document offsets)."""

    starts: list[int]
    ends: list[int]
    low: list[str]
    valence: list[float]
    clause: list[int]
    quoted: list[bool]
    classes: list[int]
    news: list[tuple[float, float] | None]
    compound: float
    cjk: bool
    text: str
    offset: int
    signal: list[int] | None = None  # tokens with a valence, an act, a word class or a news valence

    def signals(self, acts: dict[str, tuple[float, float]]) -> list[int]:
        if self.signal is None:
            self.signal = [i for i, w in enumerate(self.low) if self.valence[i] or self.classes[i]
                           or self.news[i] is not None or w in acts]
        return self.signal

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last] token overlapping [start, end) (the nearest token when none does)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        n = len(self.starts)
        if first > last:
            first = last = min(max(first, 0), n - 1)
        return first, last


def sentence_table(seg: Segmented, index: int,
                   lexicon: dict[str, tuple[float, float]] | None = None) -> SentenceTable:
    """The token table of `seg.sentences[index]`; `lexicon` replaces the model's learned one (training)."""
    sentence = seg.sentences[index]
    if sentence.lang == "zh":
        return _table_zh(seg, sentence)
    # The sentiment rubric's VADER pass of this sentence, shared: each sentence is scored once.
    scored = sentence_sentiments(seg)[index]
    return _table_en(sentence, scored.compound or 0.0, scored.valences,
                     tone_model().lexicon if lexicon is None else lexicon)


def _table_en(sentence: Sentence, compound: float, carriers: Sequence[tuple[int, float]],
              lexicon: dict[str, tuple[float, float]]) -> SentenceTable:
    text = sentence.text[:MAX_SENTENCE_CHARS]
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(spans)
    valence = [0.0] * n
    for i, v in carriers:
        if i < n:  # emoji replacement can add tokens at the end of VADER's list
            valence[i] = v
    low = [text[s:e].strip(_STRIP).lower() for s, e in spans]
    clause = [0] * n
    c = 0
    for i in range(n):
        if i and low[i] in _CLAUSE_WORDS:
            c += 1
        clause[i] = c
        if text[spans[i][1] - 1] in _CLAUSE_END or low[i] == "":
            c += 1
    quotes = [m.span() for m in _QUOTE_EN.finditer(text)]
    quoted = [any(a <= s < b for a, b in quotes) for s, _ in spans] if quotes else [False] * n
    words = tone_words().classes
    base = sentence.start
    return SentenceTable([base + s for s, _ in spans], [base + e for _, e in spans], low, valence, clause, quoted,
                         [words.get(w, 0) for w in low], [lexicon.get(w) for w in low], compound, False,
                         text, base)


def _table_zh(seg: Segmented, sentence: Sentence) -> SentenceTable:
    words = seg.words_between(sentence.start, sentence.end)
    valences = {w.start: v for w, v in zh_word_valences(words)}
    n = len(words)
    clause = [0] * n
    c = 0
    text = seg.text
    prev_end = sentence.start
    for i, w in enumerate(words):
        if any(ch in _CLAUSE_END_ZH for ch in text[prev_end:w.start]):
            c += 1
        clause[i] = c
        prev_end = w.end
    quotes = [(sentence.start + a, sentence.start + b) for a, b in
              (m.span() for m in _QUOTE_ZH.finditer(sentence.text))]
    quoted = [any(a <= w.start < b for a, b in quotes) for w in words]
    compound = squash(sum(valences.values()))
    return SentenceTable([w.start for w in words], [w.end for w in words], [to_simplified(w.text) for w in words],
                         [valences.get(w.start, 0.0) for w in words], clause, quoted, [0] * n, [None] * n,
                         compound, True, sentence.text, sentence.start)


def mention_features(table: SentenceTable, start: int, end: int,
                     others: Sequence[tuple[int, int]]) -> tuple[dict[str, float], list[tuple[int, float]]]:
    """Features of the mention [start, end) in its sentence, and (token index, contribution) of the
    tokens that carry its tone."""
    n = len(table.starts)
    f: dict[str, float] = dict.fromkeys(FEATURES, 0.0)
    f["compound"] = table.compound
    if n == 0:
        return f, []
    t0, t1 = table.token_range(start, end)
    low, valence, clause = table.low, table.valence, table.clause
    own_clause = clause[t0]
    other_tokens: list[int] = []
    for a, b in others:
        o0, o1 = table.token_range(a, b)
        other_tokens.extend(i for i in range(o0, o1 + 1) if not t0 <= i <= t1)
    local_start, local_end = start - table.offset, end - table.offset
    quoted_target = table.quoted[t0]
    speaker = is_voice(table.text, local_start, local_end, table.cjk) or (
        not table.cjk and bool(_SPEAKER_BEFORE.search(table.text[max(0, local_start - 40):local_start])))
    last = table.text[table.starts[t1] - table.offset:table.ends[t1] - table.offset].rstrip(_STRIP[:1] + "”’,.;:")
    possessive = last.endswith(("'s", "’s", "s'", "s’")) or (table.cjk and t1 + 1 < n and low[t1 + 1] == "的")
    j, k = t1 + 1, 0
    while j < n and k < 3 and low[j] in _BE:
        j += 1
        k += 1
    acts = tone_words().acts
    passive = bool(k) and j < n and (low[j].endswith("ed") or low[j] in acts)
    by_before = t0 >= 1 and low[t0 - 1] == "by"
    carried: list[tuple[int, float]] = []

    def add(name: str, v: float) -> None:
        if v > 0:
            f[name + "_pos"] += v
        else:
            f[name + "_neg"] -= v

    last_distance = _MAX_DISTANCE - 1
    for i in table.signals(acts):
        if t0 <= i <= t1:
            if valence[i]:
                add("own", valence[i])
            continue
        d = min(t0 - i if i < t0 else i - t1, last_distance)
        near = _EXP5[d]
        v = valence[i]
        same_clause = clause[i] == own_clause
        if v:
            add("sent", v)
            add("near3", v * _EXP3[d])
            add("near8", v * _EXP8[d])
            add("quote" if table.quoted[i] and not quoted_target else "outside_quote", v)
            if same_clause:
                add("clause", v)
                if i > t1 and d <= 6:
                    add("after", v)
                elif i < t0 and d <= 6:
                    add("before", v)
            else:
                add("other_clause", v)
            if other_tokens:
                nearest_other = min(abs(i - o) for o in other_tokens)
                if d <= nearest_other:
                    add("nearest", v)
                else:
                    add("others_near", v * _EXP3[min(nearest_other, last_distance)])
            else:
                add("nearest", v)
            if possessive and 0 < i - t1 <= 4:
                add("poss", v)
        contribution = v * near
        act = acts.get(low[i])
        if act and same_clause:
            if i > t1 and d <= 4:
                value = act[1] if passive else act[0]
                add("patient" if passive else "agent", value)
                contribution += value * near
            elif i < t0 and d <= 3:
                value = act[0] if by_before else act[1]
                add("agent" if by_before else "patient", value)
                contribution += value * near
        mask = table.classes[i]
        if mask:
            for c, name in enumerate(CLASSES):
                if mask >> c & 1:
                    f[f"class_{name}_near"] += near
                    if same_clause and d <= 5:
                        f[f"class_{name}_{'after' if i > t1 else 'before'}"] += 1.0
        news = table.news[i]
        if news is not None:
            f["news_pol"] += news[0]
            f["news_subj"] += news[1]
            f["news_pol_near"] += news[0] * near
            f["news_subj_near"] += news[1] * near
            contribution += 0.5 * news[0] * near
        if contribution:
            carried.append((i, contribution))
    f.update({
        "in_quote": float(quoted_target),
        "speaker": float(speaker),
        "passive": float(passive),
        "possessive": float(possessive),
        "negated_after": float(any(low[i] in NEGATORS or low[i].endswith("n't")
                                   for i in range(t1 + 1, min(n, t1 + 4)))),
        "contrast_clause": float(any(low[i] in _CONTRAST for i in range(t0) if clause[i] == own_clause)),
        "others": float(len(others)),
        "question": float("?" in table.text or "？" in table.text),
        "first": float(t0 == 0),
    })
    f["speaker_quote_pos"] = f["speaker"] * f["quote_pos"]
    f["speaker_quote_neg"] = f["speaker"] * f["quote_neg"]
    return f, carried


_SIGNED = ("sent", "near3", "near8", "clause", "other_clause", "quote", "outside_quote", "after", "before",
           "nearest", "others_near", "poss", "agent", "patient", "own")
FEATURES: tuple[str, ...] = (
    "compound",
    *(f"{name}_{sign}" for name in _SIGNED for sign in ("pos", "neg")),
    "in_quote", "speaker", "speaker_quote_pos", "speaker_quote_neg", "passive", "possessive", "negated_after",
    "contrast_clause", "others", "question", "first",
    *(f"class_{name}_{where}" for name in CLASSES for where in ("near", "after", "before")),
    "news_pol", "news_subj", "news_pol_near", "news_subj_near",
)
