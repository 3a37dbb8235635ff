"""Clickbait headline classifier: TF-IDF word 1-2-grams and character 2-4-grams, logistic
regression, shipped as JSON (rubrics/data/clickbait_model.json, written by
scripts/train_clickbait.py from the MIT-licensed Chakraborty et al. 2016 headlines).

The text is lower-cased before anything else, so the model cannot learn the training set's
house style (its clickbait is almost all Title Case, its news mostly not): a headline scores
the same whatever its capitalisation. Scoring re-implements scikit-learn's
`TfidfVectorizer` (`analyzer="word"` and `analyzer="char_wb"`, sublinear tf, l2 norm) in
plain Python, which is exact (tests compare it with scikit-learn) and far cheaper per
headline than building sparse matrices.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from rubrics.common.data import data_json

MODEL_FILE = "clickbait_model.json"
# Word tokens: scikit-learn's default pattern widened to single characters, plus ? and !
# (question and exclamation marks are classic clickbait cues).
WORD_TOKEN = r"(?u)\b\w+\b|[?!]"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 4)


def word_ngrams(text: str) -> list[str]:
    tokens = _word_re().findall(text)
    out = list(tokens)
    out.extend(" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1))
    return out


def char_wb_ngrams(text: str) -> list[str]:
    """scikit-learn's `char_wb` analyzer: n-grams inside space-padded words."""
    lo, hi = CHAR_NGRAMS
    out: list[str] = []
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(lo, hi + 1):
            offset = 0
            out.append(padded[offset : offset + n])
            while offset + n < size:
                offset += 1
                out.append(padded[offset : offset + n])
            if offset == 0:
                break
    return out


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    return re.compile(WORD_TOKEN)


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    raw = data_json(MODEL_FILE)
    return {
        "intercept": float(raw["intercept"]),
        "word": {t: (v[0], v[1]) for t, v in raw["word"].items()},
        "char": {t: (v[0], v[1]) for t, v in raw["char"].items()},
    }


def _block_score(grams: list[str], table: dict[str, tuple[float, float]]) -> float:
    """Dot product of the l2-normalised sublinear TF-IDF vector with the coefficients."""
    weights: list[float] = []
    dot = 0.0
    for gram, count in Counter(grams).items():
        entry = table.get(gram)
        if entry is None:
            continue
        idf, coef = entry
        w = (1.0 + math.log(count)) * idf
        weights.append(w)
        dot += w * coef
    norm = math.sqrt(sum(w * w for w in weights))
    return dot / norm if norm else 0.0


def clickbait_probability(headline: str) -> float:
    """Probability that `headline` is clickbait (case-insensitive by construction)."""
    text = headline.lower()
    model = _model()
    z = model["intercept"] + _block_score(word_ngrams(text), model["word"]) + _block_score(
        char_wb_ngrams(text), model["char"]
    )
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0
