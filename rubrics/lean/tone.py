"""Tone toward one mention: target-dependent features of its sentence and a small logistic model.

The sentence-level compound says how a sentence sounds; the tone toward a person in it depends on
where the charged words sit relative to the mention and what the mention does. Each sentence with
a mention is read once into a table of tokens (`SentenceTable`): the valence of every word (VADER
for English, with its negation, intensity and "but" rules; the HowNet lexicon with degree and
negation words for Chinese), clause numbers (split at , ; : dashes brackets and at "but", "while",
"who"...), whether a word is inside a quotation, its word classes (rubrics/data/lean_tone_words.tsv:
acts with a direction toward the one who acts and the one acted on, "accused", "praised", "制裁"; words of
wrongdoing, trouble, merit, support, reporting and roles) and its context weights (a lexicon learned
by scripts/train_tone.py, stored in the model: what a word says about a person it stands to the left
or to the right of). Then per mention (`mention_features`):

- valence around the mention, positive and negative apart (another actor's name, or the mention's own
  name again, is not read: "the United States", "the Justice Department" are names, not praise): in the
  sentence, weighted by distance (exp(-d/3), exp(-d/8) in tokens), in its clause, in other clauses, in the few words after it
  (what it does) and before it (what is done to it or said of it), inside and outside quotations,
  of the words nearer to it than to any other actor, after a possessive ("Trump's failed plan");
- what the mention is: a pronoun, a role or description in lower case ("the victim"), or a name; its own
  words' valence is read only for a role ("a corrupt official"), never for a name ("Joy Smith");
- the mention's role: the one speaking (the source of a quotation or attribution) or quoted,
  subject of an act (active) or its object (passive voice, "was accused by"), negated after it,
  in a clause opened by a contrast word;
- word classes near it;
- Pattern's adjective ratings (rubrics.sentiment.lexicon.adjectives, PDDL) near it and in its clause;
- the context lexicon, at two scales: for every other word of the sentence (not the mention's own
  tokens, not another actor's, not the same actor's name again), its weights for the side it stands on
  (left / right of the mention) plus its weights for either side, times exp(-d/5), and the same two at
  long range times exp(-d/12); and for the two tokens right before and the two right after the mention, their weights
  at that very position ("slammed X", "X slammed", "said X"; another actor there reads as OTHER_ACTOR,
  the same actor's name as SAME_ACTOR, a token without a letter as NO_WORD): three sums, one per
  class, that enter the class scores as they are. Which mentions are "another actor" is
  rubrics.lean.resolve.neighbours: the target's own pronouns and its name repeated are not.

The model is a multinomial logistic regression (negative, neutral, positive) over those features,
fitted jointly with the context lexicon (the lexicon is its word-by-place coefficients); coefficients,
means, scales, the lexicon and the cross-validated figures are in rubrics/data/lean_tone_model.json.
tone = P(positive) - P(negative), in [-1, 1]; `words` are the words that contributed most to it
(`tone_drivers`).
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Any

import numpy as np

from rubrics.common.data import data_json, data_rows, function_words
from rubrics.lean.resolve import is_pronoun
from rubrics.lean.voice import is_voice
from rubrics.sentiment import MAX_SENTENCE_CHARS, sentence_sentiments
from rubrics.sentiment.lexicon import Adjective, adjectives
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
_CLAUSE_END = frozenset(",;:()—–")
_QUOTE_EN = re.compile(r"[“\"]([^”\"]{3,})[”\"]|‘([^’]{3,})’")
_QUOTE_ZH = re.compile(r"[“「『\"]([^”」』\"]{2,})[”」』\"]")
_CLAUSE_END_ZH = frozenset("，,；;：:、（）()—")
_SPEAKER_BEFORE = re.compile(r"(?:said|says|told|according to|wrote|asked|added)\s+(?:[\w.’'-]+\s+){0,2}$")
CLASSES = ("wrongdoing", "trouble", "merit", "support", "report", "role")
NEAR_DECAY = 5.0
FAR_DECAY = 12.0
# exp(-d / decay) for token distances d, looked up rather than computed per word and mention.
_MAX_DISTANCE = 512
_EXP3 = [math.exp(-d / 3.0) for d in range(_MAX_DISTANCE)]
_EXP5 = [math.exp(-d / NEAR_DECAY) for d in range(_MAX_DISTANCE)]
_EXP8 = [math.exp(-d / 8.0) for d in range(_MAX_DISTANCE)]
_EXP12 = [math.exp(-d / FAR_DECAY) for d in range(_MAX_DISTANCE)]


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


# Where a context word stands for the mention, and how it counts: left / right of it weighted exp(-d/5),
# left_far / right_far weighted exp(-d/12), left_1 ... right_2 the 1st and 2nd token before / after it (weight 1);
# near / far on either side, exp(-d/5) and exp(-d/12). The word's weights at near / far are shared by both
# sides: they add to its side-specific ones, so a word seen a few times on each side learns one weight from
# all its uses where its side-specific columns would each be too rare to enter (or be fitted to noise).
PLACES = ("left", "right", "left_far", "right_far", "left_1", "left_2", "right_1", "right_2", "near", "far")
_LEFT_FAR, _RIGHT_FAR, _LEFT_1, _LEFT_2, _RIGHT_1, _RIGHT_2, _NEAR, _FAR = range(2, 10)
# What a token next to the mention reads as when it is another actor's, the same actor's name again
# ("Mr. Obama ... Obama's"), or has no letter (punctuation, a number). Each contains a space, so no token
# (\S+) can be mistaken for them. The same actor's name is masked rather than read as words, so that no
# person's name becomes a tone cue; its pronouns are read as words ("he", "him" say how it is placed).
OTHER_ACTOR = "<other actor>"
SAME_ACTOR = "<same actor>"
NO_WORD = "<no word>"
# A context word's weights (negative, neutral, positive) at each of PLACES (None: not in the lexicon there).
ClassWeights = tuple[float, float, float]
ContextWeights = tuple[ClassWeights | None, ...]


def _context_lexicon(weights: dict[str, dict[str, list[float]]]) -> dict[str, ContextWeights]:
    out: dict[str, ContextWeights] = {}
    for word, places in weights.items():
        unknown = set(places) - set(PLACES)
        if unknown:
            raise ValueError(f"context lexicon: {word!r} has unknown places {sorted(unknown)}")
        out[word] = tuple(None if (w := places.get(place)) is None else (w[0], w[1], w[2]) for place in PLACES)
    return out


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
        # word -> its weights at each of PLACES (None where it has none), each (negative, neutral, positive)
        self.context: dict[str, ContextWeights] = _context_lexicon(spec["context"]["weights"])
        if (spec["context"]["decay"], spec["context"]["far_decay"]) != (NEAR_DECAY, FAR_DECAY):
            raise ValueError(f"the context lexicon was fitted with decays {spec['context']['decay']} and "
                             f"{spec['context']['far_decay']}, the features use {NEAR_DECAY} and {FAR_DECAY}")
        # Fold the standardisation into the coefficients once: z = sum (x - m)/s * c + b.
        coef = np.asarray(self.coef, dtype=np.float64)
        scale = np.asarray(self.scale, dtype=np.float64)
        self._weights = coef / scale
        self._bias = np.asarray(self.intercept, dtype=np.float64) - self._weights @ np.asarray(self.mean)
        self._pick = operator.itemgetter(*self.features)
        # Columns of a FEATURES-ordered vector in the model's order (None: the same order).
        order = [FEATURES.index(name) for name in self.features]
        self._order = None if order == list(range(len(FEATURES))) else order

    def tones(self, rows: Sequence[dict[str, float]]) -> list[tuple[float, str]]:
        """(P(positive) - P(negative), most likely class) for many mentions in one matrix product."""
        if not rows:
            return []
        pick = self._pick
        return self._tones(np.array([pick(f) for f in rows], dtype=np.float64))

    def _tones(self, x: np.ndarray) -> list[tuple[float, str]]:
        scores = x @ self._weights.T + self._bias
        scores -= scores.max(axis=1, keepdims=True)
        exps = np.exp(scores)
        probabilities = exps / exps.sum(axis=1, keepdims=True)
        tone = (probabilities[:, self.positive] - probabilities[:, self.negative]).tolist()
        labels = [self.classes[k] for k in probabilities.argmax(axis=1).tolist()]
        return list(zip(tone, labels, strict=True))

    def tones_of_vectors(self, vectors: Sequence[Sequence[float]]) -> list[tuple[float, str]]:
        """`tones` for rows from `mention_vector` (FEATURES order)."""
        if not vectors:
            return []
        x = np.array(vectors, dtype=np.float64)
        if self._order is not None:
            x = x[:, self._order]
        return self._tones(x)

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
    context: list[ContextWeights | None]
    # the lexicon's weights of OTHER_ACTOR, SAME_ACTOR and NO_WORD (read for the tokens next to a mention)
    other_actor: ContextWeights | None
    same_actor: ContextWeights | None
    no_word: ContextWeights | None
    adjective: list[Adjective | None]  # Pattern's rating of the word (English)
    compound: float
    cjk: bool
    text: str
    offset: int
    # The tokens that carry something (a valence, an act, a word class or context weights), as
    # (index, valence, clause, quoted, act, class mask, context): every mention of the sentence
    # visits only these. None until first needed.
    signal: list[tuple[int, float, int, bool, tuple[float, float] | None, int, ContextWeights | None,
                       Adjective | None]] | None = None

    def signals(self, acts: dict[str, tuple[float, float]]) -> list[tuple]:  # type: ignore[type-arg]
        if self.signal is None:
            valence, classes, context, clause = self.valence, self.classes, self.context, self.clause
            quoted, adjective = self.quoted, self.adjective
            self.signal = [(i, valence[i], clause[i], quoted[i], acts.get(w), classes[i], context[i], adjective[i])
                           for i, w in enumerate(self.low)
                           if valence[i] or classes[i] or context[i] is not None or adjective[i] is not None
                           or w in acts]
        return self.signal

    def word_span(self, i: int) -> tuple[int, int]:
        """Token i's span without the quotation marks and punctuation around its word."""
        start, end = self.starts[i], self.ends[i]
        raw = self.text[start - self.offset:end - self.offset]
        word = raw.strip(_STRIP)
        if not word or word == raw:
            return start, end
        lead = len(raw) - len(raw.lstrip(_STRIP))
        return start + lead, start + lead + len(word)

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """[first, last] token overlapping [start, end) (the nearest token when none does)."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        if first > last:
            first = last = min(max(first, 0), len(self.starts) - 1)
        return first, last


def sentence_table(seg: Segmented, index: int,
                   context: dict[str, ContextWeights] | None = None) -> SentenceTable:
    """The token table of `seg.sentences[index]`; `context` replaces the model's context lexicon (training)."""
    sentence = seg.sentences[index]
    if sentence.lang == "zh":
        return _table_zh(seg, sentence)
    # The sentiment rubric's VADER pass of this sentence, shared: each sentence is scored once.
    scored = sentence_sentiments(seg)[index]
    return _table_en(sentence, scored.compound or 0.0, scored.valences,
                     tone_model().context if context is None else context)


def _table_en(sentence: Sentence, compound: float, carriers: Sequence[tuple[int, float]],
              context: dict[str, ContextWeights]) -> SentenceTable:
    text = sentence.text[:MAX_SENTENCE_CHARS]
    base = sentence.start
    raw = text.split()  # the same tokens as _TOKEN (\S+: str.isspace is re's \s)
    n = len(raw)
    if text == " ".join(raw):
        # Single spaces only (most sentences): offsets from the token lengths, without a match per token.
        bounds = list(accumulate([len(t) + 1 for t in raw], initial=base))
        starts = bounds[:-1]
        ends = [b - 1 for b in bounds[1:]]
    else:
        spans = [m.span() for m in _TOKEN.finditer(text)]
        starts = [base + s for s, _ in spans]
        ends = [base + e for _, e in spans]
    valence = [0.0] * n
    for i, v in carriers:
        if i < n:  # emoji replacement can add tokens at the end of VADER's list
            valence[i] = v
    low = [t.strip(_STRIP).lower() for t in raw]
    # A clause opens at a clause word (not the first token) and after a token that ends one (a comma,
    # a bracket, a bare punctuation token): clause numbers are the running count of those openings.
    opens = [w in _CLAUSE_WORDS for w in low]
    closes = [t[-1] in _CLAUSE_END or w == "" for t, w in zip(raw, low, strict=True)]
    clause = list(accumulate([0, *(a + b for a, b in zip(opens[1:], closes, strict=False))]))[:n]
    quoted = [False] * n
    if "\"" in text or "“" in text or "‘" in text:
        for m in _QUOTE_EN.finditer(text):  # the tokens starting inside each quotation
            a, b = m.span()
            for i in range(bisect.bisect_left(starts, base + a), bisect.bisect_left(starts, base + b)):
                quoted[i] = True
    words = tone_words().classes
    return SentenceTable(starts, ends, low, valence, clause, quoted, list(map(words.get, low, repeat(0, n))),
                         list(map(context.get, low)), context.get(OTHER_ACTOR), context.get(SAME_ACTOR),
                         context.get(NO_WORD),
                         list(map(adjectives().get, low)), compound, False, text, base)


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
                         None, None, None, [None] * n, compound, True, sentence.text, sentence.start)


# Indices of the signed features (see _SIGNED): each is accumulated in a positive and a negative list.
_SENT, _NEAR3, _NEAR8, _CLAUSE, _OTHER_CLAUSE, _QUOTE, _OUTSIDE_QUOTE, _AFTER, _BEFORE, _NEAREST, _OTHERS_NEAR, \
    _POSS, _AGENT, _PATIENT, _OWN = range(15)


def mention_features(table: SentenceTable, start: int, end: int, others: Sequence[tuple[int, int]],
                     same: Sequence[tuple[int, int]] = ()) -> tuple[dict[str, float], list[tuple[int, float]]]:
    """Features of the mention [start, end) in its sentence, and (token index, contribution) of the
    tokens that carry its tone; `others` are the spans of other actors' mentions, `same` those of the
    same actor named again (rubrics.lean.resolve.neighbours)."""
    values, carried = mention_vector(table, start, end, others, same)
    return dict(zip(FEATURES, values, strict=True)), carried


def mention_vector(table: SentenceTable, start: int, end: int, others: Sequence[tuple[int, int]],
                   same: Sequence[tuple[int, int]] = ()) -> tuple[list[float], list[tuple[int, float]]]:
    """`mention_features` as a list in FEATURES order (what the model reads)."""
    n = len(table.starts)
    if n == 0:
        return [table.compound] + [0.0] * (len(FEATURES) - 1), []
    t0, t1 = table.token_range(start, end)
    low, clause = table.low, table.clause
    own_clause = clause[t0]
    other_set = _tokens_of(table, others, t0, t1)
    other_tokens = sorted(other_set)  # for the nearest other actor by bisection
    n_other = len(other_tokens)
    local_start, local_end = start - table.offset, end - table.offset
    # What the mention is: a pronoun ("he"), a role or description written in lower case ("the victim",
    # "his supporters") or a name. A role's own words are part of its tone ("a corrupt official"); a name's
    # are not ("Hope Hicks", "the Justice Department"), so only a role's own valence is read.
    own_text = table.text[local_start:local_end].strip(_STRIP)
    pronoun = is_pronoun(own_text)
    role = not pronoun and not table.cjk and not any(ch.isupper() for ch in own_text)
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
    # Positive valences add to pos[...], negative ones add their magnitude to neg[...].
    pos = [0.0] * 15
    neg = [0.0] * 15
    class_sums: dict[str, float] = {}
    same_set = _tokens_of(table, same, t0, t1) - other_set if same else frozenset()
    masked = other_set | same_set if same_set else other_set  # tokens whose words are not read for this mention
    context_negative = context_neutral = context_positive = 0.0
    last_distance = _MAX_DISTANCE - 1
    adjective_pos = adjective_neg = adjective_subjectivity = adjective_clause = 0.0
    for i, v, i_clause, i_quoted, act, mask, context, adjective in table.signals(acts):
        if t0 <= i <= t1:
            if role:
                if v > 0:
                    pos[_OWN] += v
                elif v:
                    neg[_OWN] -= v
            continue
        if i in masked:
            # Another actor's name, or this one's again, says nothing of how this one is placed, however its
            # words read on their own: VADER rates "united" (the United States), "justice", "supreme",
            # "party", "amazon" positive, and their valence would go to every name beside them.
            continue
        d = t0 - i if i < t0 else i - t1
        if d > last_distance:
            d = last_distance
        near = _EXP5[d]
        same_clause = i_clause == own_clause
        if v:
            if v > 0:
                acc, mag = pos, v
            else:
                acc, mag = neg, -v
            acc[_SENT] += mag
            acc[_NEAR3] += mag * _EXP3[d]
            acc[_NEAR8] += mag * _EXP8[d]
            acc[_QUOTE if i_quoted and not quoted_target else _OUTSIDE_QUOTE] += mag
            if same_clause:
                acc[_CLAUSE] += mag
                if d <= 6:
                    acc[_AFTER if i > t1 else _BEFORE] += mag
            else:
                acc[_OTHER_CLAUSE] += mag
            if n_other:
                # distance to the nearest token of another actor
                at = bisect.bisect_left(other_tokens, i)
                nearest_other = other_tokens[at] - i if at < n_other else _MAX_DISTANCE * 4
                if at and i - other_tokens[at - 1] < nearest_other:
                    nearest_other = i - other_tokens[at - 1]
                if d <= nearest_other:
                    acc[_NEAREST] += mag
                else:
                    acc[_OTHERS_NEAR] += mag * _EXP3[min(nearest_other, last_distance)]
            else:
                acc[_NEAREST] += mag
            if possessive and 0 < i - t1 <= 4:
                acc[_POSS] += mag
        contribution = v * near
        if act is not None and same_clause:
            value = None
            if i > t1 and d <= 4:
                value = act[1] if passive else act[0]
                slot = _PATIENT if passive else _AGENT
            elif i < t0 and d <= 3:
                value = act[0] if by_before else act[1]
                slot = _AGENT if by_before else _PATIENT
            if value is not None:
                if value > 0:
                    pos[slot] += value
                else:
                    neg[slot] -= value
                contribution += value * near
        if mask:
            for c, name in enumerate(CLASSES):
                if mask >> c & 1:
                    key = f"class_{name}_near"
                    class_sums[key] = class_sums.get(key, 0.0) + near
                    if same_clause and d <= 5:
                        key = f"class_{name}_{'after' if i > t1 else 'before'}"
                        class_sums[key] = class_sums.get(key, 0.0) + 1.0
        if adjective is not None:
            polarity = adjective.polarity
            if polarity > 0:
                adjective_pos += polarity * near
            else:
                adjective_neg -= polarity * near
            adjective_subjectivity += adjective.subjectivity * near
            if same_clause:
                adjective_clause += polarity
            contribution += polarity * near
        if context is not None:
            # its weights for its side and for either side, near (exp(-d/5)) and at long range (exp(-d/12))
            left = i < t0
            far = _EXP12[d]
            for weights, weight in ((context[0] if left else context[1], near), (context[_NEAR], near),
                                    (context[_LEFT_FAR] if left else context[_RIGHT_FAR], far), (context[_FAR], far)):
                if weights is not None:
                    context_negative += weights[0] * weight
                    context_neutral += weights[1] * weight
                    context_positive += weights[2] * weight
                    contribution += (weights[2] - weights[0]) * weight
        if contribution:
            carried.append((i, contribution))
    if not table.cjk:
        # the tokens right next to the mention, at their very place (as `context_positions` lists them for training)
        placed: list[tuple[int, float]] = []
        for i, place in ((t0 - 1, _LEFT_1), (t0 - 2, _LEFT_2), (t1 + 1, _RIGHT_1), (t1 + 2, _RIGHT_2)):
            if not 0 <= i < n:
                continue
            if i in other_set:
                entry = table.other_actor
            elif i in same_set:
                entry = table.same_actor
            elif any(ch.isalpha() for ch in low[i]):
                entry = table.context[i]
            else:
                entry = table.no_word
            weights = None if entry is None else entry[place]
            if weights is not None:
                context_negative += weights[0]
                context_neutral += weights[1]
                context_positive += weights[2]
                if i not in masked:
                    placed.append((i, weights[2] - weights[0]))
        if placed:  # one entry per token in what carried the tone
            merged = dict(carried)
            for i, c in placed:
                merged[i] = merged.get(i, 0.0) + c
            carried = list(merged.items())
    # a contrast word earlier in the mention's clause (clauses are runs of consecutive tokens)
    contrast = False
    i = t0 - 1
    while i >= 0 and clause[i] == own_clause:
        if low[i] in _CONTRAST:
            contrast = True
            break
        i -= 1
    speaker_value = float(speaker)
    signed = [0.0] * 30  # FEATURES order: name_pos, name_neg for each name of _SIGNED
    signed[0::2] = pos
    signed[1::2] = neg
    values = [table.compound, *signed,
              float(quoted_target), speaker_value, speaker_value * pos[_QUOTE], speaker_value * neg[_QUOTE],
               float(passive), float(possessive),
               float(any(low[i] in NEGATORS or low[i].endswith("n't") for i in range(t1 + 1, min(n, t1 + 4)))),
               float(contrast), float(len(others)), float("?" in table.text or "？" in table.text), float(t0 == 0),
               float(pronoun), float(role)]
    values += [class_sums.get(key, 0.0) for key in _CLASS_FEATURES] if class_sums else _NO_CLASSES
    values += (adjective_pos, adjective_neg, adjective_subjectivity, adjective_clause)
    values += (context_negative, context_neutral, context_positive)
    return values, carried


def tone_drivers(table: SentenceTable, carried: Sequence[tuple[int, float]], label: str,
                 limit: int) -> list[tuple[int, int, float]]:
    """(start, end, contribution) of at most `limit` words that drove a mention's tone, strongest
    first: for a negative or positive label the words pushing that way; for a neutral one the
    strongest of either sign. Function words (bar negators) are left out: they do carry weight in the
    model ("the", "a", "and" beside a name), but a reader shown them as the reason learns nothing."""
    function = function_words()
    want = -1.0 if label == "negative" else 1.0 if label == "positive" else 0.0
    out: list[tuple[int, int, float]] = []
    for i, contribution in sorted(carried, key=lambda tc: -abs(tc[1])):
        if len(out) == limit:
            break
        word = table.low[i]
        if contribution * want < 0 or not word or (
                (word in function.en or word in function.zh) and word not in NEGATORS):
            continue
        out.append((*table.word_span(i), contribution))
    return out


def context_positions(table: SentenceTable, start: int, end: int, others: Sequence[tuple[int, int]],
                      same: Sequence[tuple[int, int]] = ()) -> list[tuple[str, str, float]]:
    """(word, place, weight) of what the context lexicon reads for the mention [start, end), places as in
    PLACES: every token with a letter that is neither the mention's nor another actor's nor the same
    actor's name again, on its side and at near / far (either side) with exp(-d/5) and exp(-d/12); and the
    two tokens before and the two after the mention with weight 1 (OTHER_ACTOR, SAME_ACTOR, NO_WORD for
    another actor's token, the same actor's and one without a letter). Training builds the lexicon's columns from these; `mention_vector`
    sums the learned weights over the same places."""
    n = len(table.starts)
    if n == 0 or table.cjk:
        return []
    t0, t1 = table.token_range(start, end)
    other = _tokens_of(table, others, t0, t1)
    same_actor = _tokens_of(table, same, t0, t1) - other
    out = []
    for i, word in enumerate(table.low):
        if t0 <= i <= t1 or i in other or i in same_actor or not any(ch.isalpha() for ch in word):
            continue
        d = min(t0 - i if i < t0 else i - t1, _MAX_DISTANCE - 1)
        near, far = _EXP5[d], _EXP12[d]
        if i < t0:
            out += [(word, "left", near), (word, "left_far", far)]
        else:
            out += [(word, "right", near), (word, "right_far", far)]
        out += [(word, "near", near), (word, "far", far)]
    for i, place in ((t0 - 1, "left_1"), (t0 - 2, "left_2"), (t1 + 1, "right_1"), (t1 + 2, "right_2")):
        if 0 <= i < n:
            word = table.low[i]
            out.append((OTHER_ACTOR if i in other else SAME_ACTOR if i in same_actor
                        else word if any(ch.isalpha() for ch in word) else NO_WORD, place, 1.0))
    return out


def _tokens_of(table: SentenceTable, spans: Sequence[tuple[int, int]], t0: int, t1: int) -> frozenset[int]:
    """The tokens of `spans` outside the mention's own tokens t0..t1."""
    out: set[int] = set()
    for a, b in spans:
        o0, o1 = table.token_range(a, b)
        out.update(i for i in range(o0, o1 + 1) if not t0 <= i <= t1)
    return frozenset(out)


_SIGNED = ("sent", "near3", "near8", "clause", "other_clause", "quote", "outside_quote", "after", "before",
           "nearest", "others_near", "poss", "agent", "patient", "own")
FEATURES: tuple[str, ...] = (
    "compound",
    *(f"{name}_{sign}" for name in _SIGNED for sign in ("pos", "neg")),
    "in_quote", "speaker", "speaker_quote_pos", "speaker_quote_neg", "passive", "possessive", "negated_after",
    "contrast_clause", "others", "question", "first",
    # the mention's kind (a name is neither): pronouns and roles take tone differently from names
    "pronoun", "role",
    *(f"class_{name}_{where}" for name in CLASSES for where in ("near", "after", "before")),
    # Pattern's adjective ratings (a second valence source): polarity by sign and subjectivity, weighted
    # exp(-d/5); the polarity in the mention's clause
    "adjective_pos_near", "adjective_neg_near", "adjective_subjectivity_near", "adjective_clause",
    # the context lexicon's sums per class (coefficient 1 on their own class: the lexicon holds the weights)
    "context_negative", "context_neutral", "context_positive",
)
_CLASS_FEATURES = tuple(f"class_{name}_{where}" for name in CLASSES for where in ("near", "after", "before"))
_NO_CLASSES = (0.0,) * len(_CLASS_FEATURES)
