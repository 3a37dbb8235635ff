"""Sentiment rubric: how charged the tone of a document is, sentence by sentence.

Method. Every sentence is scored in its own language. English (and Latin-script sentences the
language identifier did not call English: short English text is often misidentified, and VADER
gives foreign words no valence) with VADER (Hutto & Gilbert 2014) plus the news-domain lexicons
(rubrics/data/sentiment_news_domain.tsv and sentiment_news_extension.tsv) and, as a second independent
lexicon, Pattern's adjectives (rubrics/data/sentiment_adjectives_en.tsv), whose parts a model fitted
to human ratings of news sentences combines into a calibrated polarity (calibration.py,
scripts/train_sentiment.py). Chinese with a HowNet lexicon, degree adverbs and negators (zh.py),
rescaled onto the English polarity scale. Nothing else is scored.

Per sentence, `SentenceSentiment.compound` is plain `vader()`'s compound (news_domain supplement only;
or the HowNet one): the per-sentence valence the lean rubric reads through `sentence_compounds`, kept
as it was; `polarity` is the calibrated polarity, an estimate of the mean human rating / 4 (VADER's
-4..+4 scale), exactly 0 on a sentence without evidence, shared as `sentence_polarities`; `valences`
are the (token, valence) pairs behind the compound, from the same pass (lean's tone features). Chinese
polarity = compound x `zh_scale` (from the model file): a pure rescaling, as there is no Chinese rating
set to calibrate on.

Features: `compound` (document polarity: the mean of sentence polarities weighted by how many words
of each sentence were evidence, so sentences without any count for nothing and a long text does not
saturate), `mean_compound` (plain mean of sentence polarities), `extremity` (mean |polarity|),
`charged_share` (|polarity| >= the charged threshold), `positive_share` / `negative_share` (polarity
>= 0.05 / <= -0.05, VADER's neutral band).

Score = 1 - extremity: measured restraint. Extremity is the unweighted mean on purpose: restraint is
about how much of the text is charged, and a report whose many sentences are neutral IS more
restrained than one whose every sentence is charged. Flag `charged_tone` when more than half of at
least three scored sentences are charged. The default charged threshold (from the model file) is the
calibrated polarity that marks as many nyt-dev sentences charged as VADER's |compound| >= 0.5 did.

Evidence: in each charged sentence, the words that carried its valence, labelled `positive` or
`negative` with the word's (negation-adjusted) valence in the calibration's lexicon as weight; words only
Pattern's adjective lexicon rates carry its polarity x 4 (VADER's scale).
"""

from __future__ import annotations

from typing import NamedTuple

from rubrics.sentiment.calibration import calibration_model, polarity, sentence_features
from rubrics.sentiment.lexicon import adjectives, extension_words, news_vader, vader
from rubrics.sentiment.vader import NEGATORS, VaderSentence, VaderTokens, vader_scored, vader_tokens
from rubrics.sentiment.zh import NEGATION_SCALAR, squash, zh_word_valences
from scoring.core.params import Interval, NoneOr
from scoring.rubric import Evidence, Flag, Rubric, RubricResult
from scoring.text.segment import Segmented, Sentence

# VADER's neutral band.
POLARITY_CUTOFF = 0.05
# Sentences longer than this are scored on their first part only: real sentences are far
# shorter, and VADER's cost grows with length (a 100 KB "sentence" is a scraping accident).
MAX_SENTENCE_CHARS = 2000
_NEGATION_WINDOW = 3
# Evidence weights are on VADER's valence scale (-4..4); Pattern's polarities are on -1..1.
ADJECTIVE_TO_VADER = 4.0
# Keys under which the per-sentence analysis is shared with other rubrics (lean) through
# `Segmented.shared`: computed once per document, whichever rubric asks first.
SHARED_SENTENCES = "sentiment.sentences"
SHARED_COMPOUNDS = "sentiment.sentence_compounds"
SHARED_POLARITIES = "sentiment.sentence_polarities"
FEATURE_NAMES = ("compound", "mean_compound", "extremity", "charged_share", "positive_share", "negative_share")


class SentenceSentiment(NamedTuple):
    """Sentiment of one sentence; compound and polarity are None when its language is not scored."""

    compound: float | None  # VADER's (or HowNet's) compound in [-1, 1]
    raw: float  # summed valence before squashing (VADER's scale), 0.0 when none
    carriers: int  # how many words carried valence
    polarity: float | None = None  # calibrated polarity (mean human rating / 4)
    weight: int = 0  # words that were evidence for the polarity (valence words and cues)
    # English: plain `vader()`'s (token index in sentence.text.split(), valence) of the words that
    # carried `compound`, shared so lean reads the tone around a mention without scoring the sentence again.
    valences: tuple[tuple[int, float], ...] = ()


_UNSCORED = SentenceSentiment(None, 0.0, 0)
_NEUTRAL = SentenceSentiment(0.0, 0.0, 0, 0.0, 0)


def vader_scored_sentence(seg: Segmented, sentence: Sentence) -> bool:
    # "other" here is Latin script the identifier did not call English: on short text that is
    # mostly English it got wrong, and VADER scores non-English words as 0 anyway.
    return sentence.lang == "en" or (sentence.lang == "other" and seg.lang in ("en", "mixed", "other"))


def english_sentence(text: str) -> tuple[VaderTokens, VaderSentence, tuple[float, ...], int]:
    """One English sentence scored with the calibration's lexicon (`news_vader`): VADER's tokens and
    result, the calibration features and how many words were evidence."""
    analyzer = news_vader()
    tokens = vader_tokens(analyzer, text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS])
    scored = vader_scored(analyzer, tokens)
    features, weight = sentence_features(analyzer, tokens, scored)
    return tokens, scored, features, weight


def sentence_sentiment(seg: Segmented, sentence: Sentence) -> SentenceSentiment:
    """Sentiment of one sentence in its own language (no caching: see sentence_sentiments)."""
    if sentence.lang == "zh":
        pairs = zh_word_valences(seg.words_between(sentence.start, sentence.end))
        if not pairs:
            return _NEUTRAL
        raw = sum(v for _, v in pairs)
        compound = squash(raw)
        carriers = sum(1 for _, v in pairs if v)
        return SentenceSentiment(compound, raw, carriers, compound * calibration_model().zh_scale, carriers)
    if vader_scored_sentence(seg, sentence):
        tokens, scored, features, weight = english_sentence(sentence.text)
        value = polarity(features, calibration_model()) if weight else 0.0
        if not extension_words().isdisjoint(tokens.lower):
            # The shared compound stays plain `vader()`'s (both analyzers split text alike).
            scored = vader_scored(vader(), tokens)
        return SentenceSentiment(
            scored.compound, scored.raw, len(scored.carriers), value, weight, scored.carriers
        )
    return _UNSCORED


def sentence_compound(seg: Segmented, sentence: Sentence) -> float | None:
    """VADER compound in [-1, 1] of one sentence, or None when its language is not scored."""
    return sentence_sentiment(seg, sentence).compound


def compute_sentence_sentiments(seg: Segmented) -> tuple[SentenceSentiment, ...]:
    """One SentenceSentiment per `seg.sentences` entry, computed afresh (unshared)."""
    return tuple(sentence_sentiment(seg, s) for s in seg.sentences)


def sentence_sentiments(seg: Segmented) -> tuple[SentenceSentiment, ...]:
    """`compute_sentence_sentiments`, computed once per document and shared between rubrics."""
    return seg.shared(SHARED_SENTENCES, compute_sentence_sentiments)


def sentence_compounds(seg: Segmented) -> tuple[float, ...]:
    """One VADER (HowNet) compound per `seg.sentences` entry (0.0 for languages that are not scored).

    Shared (once per document) with the lean rubric, so actor tone uses exactly these numbers.
    """
    return seg.shared(
        SHARED_COMPOUNDS,
        lambda s: tuple(0.0 if x.compound is None else x.compound for x in sentence_sentiments(s)),
    )


def sentence_polarities(seg: Segmented) -> tuple[float, ...]:
    """One calibrated polarity per `seg.sentences` entry (0.0 for languages that are not scored)."""
    return seg.shared(
        SHARED_POLARITIES,
        lambda s: tuple(0.0 if x.polarity is None else x.polarity for x in sentence_sentiments(s)),
    )


def valence_evidence(seg: Segmented, sentence: Sentence) -> list[Evidence]:
    """The words that carry a sentence's valence, as evidence spans."""
    words = seg.words_between(sentence.start, sentence.end)
    if sentence.lang == "zh":
        pairs = zh_word_valences(words)
    else:
        lexicon = news_vader().lexicon
        second = adjectives()
        pairs = []
        lowered = [w.text.lower() for w in words]
        for i, token in enumerate(lowered):
            valence = lexicon.get(token)
            if valence is None:
                entry = second.get(token)
                if entry is None:
                    continue
                valence = entry.polarity * ADJECTIVE_TO_VADER
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
    version = "2.1"
    description = (
        "Restraint of tone: 1 - mean |sentence polarity| (VADER's parts and Pattern's adjective polarity and "
        "subjectivity calibrated on human ratings of news sentences for English, HowNet lexicon with degree "
        "and negation words for Chinese)."
    )
    feature_names = ("compound", "mean_compound", "extremity", "charged_share", "positive_share", "negative_share")

    # None: the model file's threshold (see the module docstring).
    parameter_constraints = {
        "charged_threshold": NoneOr(Interval(float, 0.0, 1.0)), "max_evidence": Interval(int, 0)
    }

    def __init__(self, charged_threshold: float | None = None, max_evidence: int = 200) -> None:
        self.charged_threshold = charged_threshold
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        scored: list[tuple[Sentence, float]] = []
        evidence_words = weighted = 0.0
        for sentence, result in zip(seg.sentences, sentence_sentiments(seg), strict=True):
            if result.polarity is not None:
                scored.append((sentence, result.polarity))
                evidence_words += result.weight
                weighted += result.weight * result.polarity
        if not scored:
            return self.result(1.0, features=dict.fromkeys(FEATURE_NAMES, 0.0), details={"sentences": ()})
        threshold = self.charged_threshold
        if threshold is None:
            threshold = calibration_model().charged_threshold
        n = len(scored)
        polarities = [p for _, p in scored]
        extremity = sum(abs(p) for p in polarities) / n
        charged = [(s, p) for s, p in scored if abs(p) >= threshold]
        features = {
            # A convex combination of values in [-1, 1]; clamped only against rounding.
            "compound": max(-1.0, min(1.0, weighted / evidence_words)) if evidence_words else 0.0,
            "mean_compound": sum(polarities) / n,
            "extremity": extremity,
            "charged_share": len(charged) / n,
            "positive_share": sum(1 for p in polarities if p >= POLARITY_CUTOFF) / n,
            "negative_share": sum(1 for p in polarities if p <= -POLARITY_CUTOFF) / n,
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
        details = {"sentences": tuple((*seg.span(s.start, s.end), round(p, 4)) for s, p in scored)}
        return self.result(1.0 - extremity, features=features, evidence=evidence, flags=flags, details=details)
