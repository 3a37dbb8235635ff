"""Style: how the title and the body are written, measured the way the fake-news literature does.

Horne & Adali (2017, "This Just In: Fake News Packs a Lot in Title, Uses Simpler, Repetitive
Content in Text Body") found unreliable outlets' titles longer, with fewer function words and more
all-capitals words, and their bodies shorter, with shorter words, less lexical diversity and more
first/second-person address; Baly et al. (2018) found such text features the strongest signal of
an outlet's factuality. This rubric measures them as named numbers, each with its evidence:

Title (the document's `title`, else its first line when that line reads as a headline, as the
spam rubric's clickbait check decides; absent without one):
    title_words             words in the title (Chinese characters / 1.7)
    title_function_share    share of the title's Latin words that are function words (en)
    title_shouted_words     all-capitals words in the title that the document also writes in
                            ordinary case (emphasis, not an acronym)
    title_exclamation       1 if the title has an exclamation mark
    title_question          1 if the title is or holds a question
Body:
    words                   length in word equivalents (Latin words + Chinese characters / 1.7)
    word_length             mean letters per Latin word (absent without Latin words)
    mattr                   moving-average type/token ratio over `mattr_window` words
                            (Latin words lower-cased, Chinese words as jieba cuts them)
    shouted_per_1k          shouted words (as for the title) per 1,000 words
    exclamations_per_1k     ! and ！ per 1,000 words
    question_share          share of sentences that end in a question mark
    first_person_per_1k     I/we/my… (我/我们…) per 1,000 words
    second_person_per_1k    you/your… (你/您…) per 1,000 words
    subjective_share        share of the Latin words that Pattern's lexicon rates at least
                            `subjective_threshold` subjective ("absurd", "remarkable"; Horne &
                            Adali's subjective words; absent without Latin words)
    mean_subjectivity       mean Pattern subjectivity of the Latin words the lexicon rates
                            (TextBlob's document subjectivity without its negation and
                            intensifier rules; absent when no word is rated)

Which features are defined per language: every body feature is computed for English, Chinese
and mixed text, except `word_length` and subjectivity (Latin words only, English lexicon) and
shouting (no capitals in Chinese).
The features are measured the same way in each language, but their scales differ (a Chinese word
is not an English word), so a fitted model decides per feature which languages it applies to.

Score (1 = plain, restrained writing): 1 - min(1, (shouted + exclamations) per 1,000 words /
`saturation_per_1k` + 0.5 if the title shouts or exclaims). The source-quality model reads the
features, not this score.
"""

from __future__ import annotations

from collections import Counter

from rubrics.boilerplate import shared_labels, title_line
from rubrics.common.cues import word_equivalents
from rubrics.common.data import function_words
from rubrics.style.measures import (
    EXCLAMATION_MARKS,
    FIRST_PERSON_ZH,
    LATIN_WORD,
    PRONOUN_EN,
    QUESTION_MARKS,
    SECOND_PERSON_ZH,
    ends_with_question,
    mattr,
    shouted_spans,
    subjective_words_en,
    subjectivity_en,
    word_spans,
)
from scoring.core.params import Interval
from scoring.rubric import Evidence, Rubric, RubricResult
from scoring.text.script import has_cjk
from scoring.text.segment import Segmented

FEATURES = (
    "title_words", "title_function_share", "title_shouted_words", "title_exclamation", "title_question",
    "words", "word_length", "mattr", "shouted_per_1k", "exclamations_per_1k", "question_share",
    "first_person_per_1k", "second_person_per_1k", "subjective_share", "mean_subjectivity",
)


class StyleRubric(Rubric):
    name = "style"
    version = "1.3"
    description = ("Writing style of title and body (Horne & Adali 2017): title length, function words and "
                   "shouting; body length, word length, lexical diversity, shouting, exclamations, questions, "
                   "personal address and subjective words.")
    feature_names = FEATURES
    parameter_constraints = {
        "mattr_window": Interval(int, 10, 1000),
        "saturation_per_1k": Interval(float, 0.1, 1000),
        "subjective_threshold": Interval(float, 0.0, 1.0),
        "max_evidence": Interval(int, 0, None),
    }

    def __init__(self, *, mattr_window: int = 50, saturation_per_1k: float = 10.0,
                 subjective_threshold: float = 0.5, max_evidence: int = 200) -> None:
        self.mattr_window = mattr_window
        self.saturation_per_1k = saturation_per_1k
        self.subjective_threshold = subjective_threshold
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        text = seg.text
        chinese = has_cjk(text)
        latin = LATIN_WORD.findall(text)
        title, title_start = _title(seg)
        written = set(latin)
        if title:
            written.update(LATIN_WORD.findall(title))
        spans: list[tuple[int, int, str]] = []
        features: dict[str, float] = {}

        if title:
            title_latin = LATIN_WORD.findall(title)
            features["title_words"] = word_equivalents(title)
            if title_latin:
                function = function_words().en
                features["title_function_share"] = sum(w.lower() in function for w in title_latin) / len(title_latin)
            shouted_title = shouted_spans(title, written)
            features["title_shouted_words"] = len(shouted_title)
            features["title_exclamation"] = float(any(c in title for c in EXCLAMATION_MARKS))
            features["title_question"] = float(any(q in title for q in QUESTION_MARKS))
            if title_start is not None:  # the title is a line of the text: its spans can be shown
                spans.extend((title_start + s, title_start + e, "shouted") for s, e in shouted_title)

        words = word_equivalents(text)
        per_1k = 1000.0 / words if words else 0.0
        features["words"] = words
        if latin:
            features["word_length"] = sum(map(len, latin)) / len(latin)
        tokens = [w.text.lower() for w in seg.words] if chinese else [w.lower() for w in latin]
        features["mattr"] = mattr(tokens, self.mattr_window)

        shouted = shouted_spans(text, written)
        spans.extend((s, e, "shouted") for s, e in shouted)
        features["shouted_per_1k"] = len(shouted) * per_1k
        marks = [i for i, ch in enumerate(text) if ch in EXCLAMATION_MARKS] if _has_any(text, EXCLAMATION_MARKS) \
            else []  # most articles have none: the scan is skipped
        spans.extend((i, i + 1, "exclamation") for i in marks)
        features["exclamations_per_1k"] = len(marks) * per_1k
        sentences = seg.sentences
        questions = [s for s in sentences if ends_with_question(s.text)]
        spans.extend((s.start, s.end, "question") for s in questions)
        features["question_share"] = len(questions) / len(sentences) if sentences else 0.0

        first, second = _personal_pronouns(seg, chinese)
        spans.extend((s, e, "first_person") for s, e in first)
        spans.extend((s, e, "second_person") for s, e in second)
        features["first_person_per_1k"] = len(first) * per_1k
        features["second_person_per_1k"] = len(second) * per_1k

        if latin:
            lowered = tokens if not chinese else [w.lower() for w in latin]
            # Per distinct rated word rather than per word: an article repeats a few dozen of them.
            subjectivity = subjectivity_en()
            rated = Counter(filter(subjectivity.__contains__, lowered))  # word -> occurrences
            subjective = subjective_words_en(self.subjective_threshold)
            present = subjective.intersection(rated)
            features["subjective_share"] = sum(rated[w] for w in present) / len(lowered)
            if rated:
                features["mean_subjectivity"] = (sum(subjectivity[w] * n for w, n in rated.items())
                                                 / sum(rated.values()))
            if present:
                spans.extend((s, e, "subjective") for s, e in word_spans(seg.folded, present, self.max_evidence))

        title_marked = bool(features.get("title_shouted_words") or features.get("title_exclamation"))
        intensity = (len(shouted) + len(marks)) * per_1k / self.saturation_per_1k + 0.5 * title_marked
        spans.sort()
        evidence: list[Evidence] = [seg.evidence(s, e, label) for s, e, label in spans[: self.max_evidence]]
        return self.result(1.0 - min(1.0, intensity), features, evidence)


def _has_any(text: str, chars: str) -> bool:
    return any(c in text for c in chars)


def _title(seg: Segmented) -> tuple[str, int | None]:
    """The title and, when it is the text's first line, its offset in the normalised text."""
    title = (seg.doc.title or "").strip()
    if title:
        return title, None
    if len(seg.lines) < 2:
        return "", None
    first = title_line(seg, shared_labels(seg))
    return ("", None) if first is None else (first.text, first.start)


def _personal_pronouns(seg: Segmented, chinese: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of first- and second-person pronouns: Latin words by one regex ("US" in capitals is
    the country), Chinese ones among jieba's words."""
    first: list[tuple[int, int]] = []
    second: list[tuple[int, int]] = []
    for m in PRONOUN_EN.finditer(seg.text):
        (first if m.group(1) else second).append(m.span())
    if chinese:
        for w in seg.words:
            if w.cjk and w.text in FIRST_PERSON_ZH:
                first.append((w.start, w.end))
            elif w.cjk and w.text in SECOND_PERSON_ZH:
                second.append((w.start, w.end))
    return first, second
