"""Sentiment rubric: how charged the tone of a document is, sentence by sentence.

Method. Every sentence is scored in its own language: English with VADER (Hutto &
Gilbert 2014), which was built for sentence-length text, Chinese with a HowNet lexicon,
degree adverbs and negators (rubrics/sentiment_zh.py), each giving a compound in [-1, 1].
Mixed documents are scored per sentence by that sentence's script. Latin-script
sentences the language identifier did not call English go to VADER too (short English
text is often misidentified; VADER gives foreign words no valence); nothing else is scored.

Features: `compound` (document polarity, see below), `mean_compound` (plain mean over
scored sentences), `extremity` (mean |compound| over scored sentences), `charged_share`
(|compound| >= `charged_threshold`), `positive_share` / `negative_share` (compound >= 0.05 /
<= -0.05, VADER's own cut-offs).

Document polarity `compound` = sum_i k_i * c_i / sum_i k_i, the mean of the sentence
compounds c_i weighted by k_i, the number of words that carried sentence i's valence
(VADER's non-zero word valences; HowNet hits in Chinese); 0 when no word carries valence.
Why: VADER on a whole article saturates (its compound squashes the summed valence with a
fixed alpha = 15, so long texts pile up to +/-1: 56% of BBC articles have |compound| > 0.95),
which is why sentences are scored one by one. The plain mean of sentence compounds does not
saturate, but every sentence without a sentiment word pulls it towards 0, so it measures
"how much of the text is neutral" as much as polarity. Weighting by carriers lets those
sentences contribute nothing, keeps the result a mean of values in [-1, 1] (it cannot
saturate with length: 0% of BBC articles above 0.95), has no parameter, and on a
one-sentence text is exactly that sentence's VADER compound, so on short texts it matches
VADER by construction. scripts/eval_sentiment.py reports it beside plain VADER on nyt-dev
and the saturation shares on BBC.

Score = 1 - extremity: measured restraint. Extremity stays the unweighted mean |compound|
over sentences on purpose: restraint is about how much of the text is charged, and a
report whose many sentences are neutral IS more restrained than one whose every sentence
is charged (the carrier weighting would hide that). A neutral news report scores near 1;
a text whose every sentence is strongly positive or negative scores near 0. Flag
`charged_tone` when more than half the scored sentences are charged.

Evidence: in each charged sentence, the words that carried its valence, labelled
`positive` or `negative` with the word's (negation-adjusted) valence as weight.
"""

from __future__ import annotations

from typing import NamedTuple

from rubrics.sentiment.lexicon import vader
from rubrics.sentiment.vader import NEGATORS, vader_sentence
from rubrics.sentiment.zh import NEGATION_SCALAR, squash, zh_word_valences
from scoring.core.params import Interval
from scoring.rubric import Evidence, Flag, Rubric, RubricResult
from scoring.text.segment import Segmented, Sentence

# VADER's neutral band.
POLARITY_CUTOFF = 0.05
# Sentences longer than this are scored on their first part only: real sentences are far
# shorter, and VADER's cost grows with length (a 100 KB "sentence" is a scraping accident).
MAX_SENTENCE_CHARS = 2000
_NEGATION_WINDOW = 3
# Keys under which the per-sentence analysis is shared with other rubrics (lean) through
# `Segmented.shared`: computed once per document, whichever rubric asks first.
SHARED_SENTENCES = "sentiment.sentences"
SHARED_COMPOUNDS = "sentiment.sentence_compounds"


class SentenceSentiment(NamedTuple):
    """Sentiment of one sentence. `compound` is None when its language is not scored."""

    compound: float | None
    raw: float  # summed valence before squashing (VADER's scale), 0.0 when none
    carriers: int  # how many words carried valence
    # English: VADER's (token index in sentence.text.split(), valence) of the words that carried it,
    # shared so lean reads the tone around a mention without scoring the sentence again.
    valences: tuple[tuple[int, float], ...] = ()


_UNSCORED = SentenceSentiment(None, 0.0, 0)
_NEUTRAL = SentenceSentiment(0.0, 0.0, 0)


def sentence_sentiment(seg: Segmented, sentence: Sentence) -> SentenceSentiment:
    """Sentiment of one sentence in its own language (no caching: see sentence_sentiments)."""
    if sentence.lang == "zh":
        pairs = zh_word_valences(seg.words_between(sentence.start, sentence.end))
        if not pairs:
            return _NEUTRAL
        raw = sum(v for _, v in pairs)
        return SentenceSentiment(squash(raw), raw, sum(1 for _, v in pairs if v))
    if sentence.lang == "en" or (sentence.lang == "other" and seg.lang in ("en", "mixed", "other")):
        # "other" here is Latin script the identifier did not call English: on short text
        # that is mostly English it got wrong, and VADER scores non-English words as 0 anyway.
        scored = vader_sentence(vader(), sentence.text[:MAX_SENTENCE_CHARS])
        return SentenceSentiment(scored.compound, scored.raw, len(scored.carriers), scored.carriers)
    return _UNSCORED


def sentence_compound(seg: Segmented, sentence: Sentence) -> float | None:
    """Compound in [-1, 1] of one sentence, or None when its language is not scored."""
    return sentence_sentiment(seg, sentence).compound


def compute_sentence_sentiments(seg: Segmented) -> tuple[SentenceSentiment, ...]:
    """One SentenceSentiment per `seg.sentences` entry, computed afresh (unshared)."""
    return tuple(sentence_sentiment(seg, s) for s in seg.sentences)


def sentence_sentiments(seg: Segmented) -> tuple[SentenceSentiment, ...]:
    """`compute_sentence_sentiments`, computed once per document and shared between rubrics."""
    return seg.shared(SHARED_SENTENCES, compute_sentence_sentiments)


def sentence_compounds(seg: Segmented) -> tuple[float, ...]:
    """One compound per `seg.sentences` entry (0.0 for languages that are not scored).

    Shared (once per document) with the lean rubric, so actor tone uses exactly these numbers.
    """
    return seg.shared(
        SHARED_COMPOUNDS,
        lambda s: tuple(0.0 if x.compound is None else x.compound for x in sentence_sentiments(s)),
    )


def valence_evidence(seg: Segmented, sentence: Sentence) -> list[Evidence]:
    """The words that carry a sentence's valence, as evidence spans."""
    words = seg.words_between(sentence.start, sentence.end)
    if sentence.lang == "zh":
        pairs = zh_word_valences(words)
    else:
        lexicon = vader().lexicon
        pairs = []
        lowered = [w.text.lower() for w in words]
        for i, token in enumerate(lowered):
            valence = lexicon.get(token)
            if valence is None:
                continue
            for before in lowered[max(0, i - _NEGATION_WINDOW) : i]:
                if before in NEGATORS or before.endswith("n't"):
                    valence *= NEGATION_SCALAR
                    break
            pairs.append((words[i], valence))
    return [
        seg.evidence(w.start, w.end, "positive" if v > 0 else "negative", v) for w, v in pairs if v
    ]


class SentimentRubric(Rubric):
    name = "sentiment"
    version = "1.0"
    description = (
        "Restraint of tone: 1 - mean |sentence sentiment| (VADER for English, HowNet lexicon "
        "with degree and negation words for Chinese)."
    )
    parameter_constraints = {"charged_threshold": Interval(float, 0.0, 1.0), "max_evidence": Interval(int, 0)}

    def __init__(self, charged_threshold: float = 0.5, max_evidence: int = 200) -> None:
        self.charged_threshold = charged_threshold
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        scored: list[tuple[Sentence, float]] = []
        carried = weighted = 0.0
        for sentence, result in zip(seg.sentences, sentence_sentiments(seg), strict=True):
            if result.compound is not None:
                scored.append((sentence, result.compound))
                carried += result.carriers
                weighted += result.carriers * result.compound
        if not scored:
            return self.result(
                1.0,
                features=dict.fromkeys(
                    ("compound", "mean_compound", "extremity", "charged_share", "positive_share", "negative_share"), 0.0
                ),
                details={"sentences": ()},
            )
        n = len(scored)
        compounds = [c for _, c in scored]
        extremity = sum(abs(c) for c in compounds) / n
        charged = [(s, c) for s, c in scored if abs(c) >= self.charged_threshold]
        features = {
            # A convex combination of values in [-1, 1]; clamped only against rounding.
            "compound": max(-1.0, min(1.0, weighted / carried)) if carried else 0.0,
            "mean_compound": sum(compounds) / n,
            "extremity": extremity,
            "charged_share": len(charged) / n,
            "positive_share": sum(1 for c in compounds if c >= POLARITY_CUTOFF) / n,
            "negative_share": sum(1 for c in compounds if c <= -POLARITY_CUTOFF) / n,
        }
        evidence: list[Evidence] = []
        for sentence, _ in charged:
            if len(evidence) >= self.max_evidence:
                break
            evidence.extend(valence_evidence(seg, sentence))
        evidence = evidence[: self.max_evidence]
        flags = []
        if features["charged_share"] > 0.5 and n >= 3:
            spans = tuple(seg.evidence(s.start, s.end, "charged_sentence") for s, _ in charged[:20])
            flags.append(Flag("charged_tone", spans, f"{len(charged)} of {n} sentences strongly charged"))
        details = {
            "sentences": tuple((*seg.span(s.start, s.end), round(c, 4)) for s, c in scored),
        }
        return self.result(1.0 - extremity, features=features, evidence=evidence, flags=flags, details=details)
