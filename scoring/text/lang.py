"""Language of a text: script shares decide most cases, py3langid the rest.

Labels: `en`, `zh`, `mixed` (both Chinese and Latin script carry a real share), `other`
(a Latin-script language that is not English, or a script we do not score), `und`
(no letters at all).
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring.text.script import CJK_CHAR, CJK_CLASS

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters of scripts we do not score: not Latin, not Chinese, not Japanese kana, not Hangul.
_OTHER_LETTER = re.compile(rf"[^\W\d_A-Za-z\u00c0-\u024f{CJK_CLASS}\u3040-\u30ff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# A Chinese character carries about as much as three Latin letters (an English word is
# ~5 letters, a Chinese word ~1.7 characters), so script shares are weighed that way.
CJK_WEIGHT = 3.0
# Minority script share above which a text is `mixed`.
MIXED_SHARE = 0.05

# Frequent English function words: a Latin text in which they are common is English
# without asking the identifier, which is what keeps language ID off the hot path.
_EN_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it on was with as by he be at from his are have an "
    "has not but they this had were which or been its their said will would who we more "
    "than after also into about up out there can one new over".split()
)

# py3langid codes that are Chinese varieties (it labels some Chinese text `wuu`).
_ZH_CODES = frozenset({"zh", "wuu", "yue", "gan", "hak", "nan", "lzh", "cmn"})


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def script_counts(text: str) -> tuple[int, int, int]:
    """(CJK characters, Latin letters, letters of other scripts)."""
    # ASCII letters are counted in C with bytes.translate (three findall passes over a whole
    # article cost ~0.3 ms); only the non-ASCII characters, usually a handful of quotes and
    # accents in English text, go through the script regexes. ASCII contributes no CJK and
    # no other-script letters.
    raw = text.encode("ascii", "ignore")
    ascii_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if len(raw) == len(text):
        return 0, ascii_letters, 0
    rest = "".join(_NON_ASCII.findall(text))
    return (len(CJK_CHAR.findall(rest)), ascii_letters + len(_LATIN.findall(rest)),
            len(_OTHER_LETTER.findall(rest)))


def detect_language(text: str) -> str:
    """Language label of `text` (see module docstring)."""
    cjk, latin, other = script_counts(text)
    weighted_cjk = cjk * CJK_WEIGHT
    total = weighted_cjk + latin + other
    if total == 0:
        return "und"
    if other / total > 0.5:
        return "other"
    zh_share = weighted_cjk / total
    latin_share = latin / total
    if zh_share >= MIXED_SHARE and latin_share >= MIXED_SHARE and min(cjk, latin) >= 2:
        # Both scripts present: mixed, unless the Latin part is only a few tokens
        # (model names, "AI", "H20") sprinkled into Chinese prose.
        if zh_share >= 0.5 and latin < 40:
            return "zh"
        return "mixed"
    if zh_share > latin_share:
        return "zh"
    return _latin_language(text)


def _latin_language(text: str) -> str:
    words = _LATIN_WORD.findall(text[:5000].lower())
    if not words:
        return "other"
    function_share = sum(map(_EN_FUNCTION_WORDS.__contains__, words)) / len(words)
    if function_share >= 0.12 or (len(words) < 6 and function_share > 0):
        return "en"
    if len(words) < 4:
        # Too short for any identifier to be trusted; Latin script in this tool's
        # corpora is overwhelmingly English.
        return "en"
    code = _identify(text[:2000])
    if code == "en":
        return "en"
    if code in _ZH_CODES:
        return "zh"
    return "other"


def identify_code(text: str) -> str:
    """Raw ISO code from the language identifier (for reports and metadata)."""
    return _identify(text[:2000])


@lru_cache(maxsize=1)
def _identifier():
    # Imported lazily: loading the model costs most of a second, and most documents
    # never need it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # py3langid 0.3 ships a pickled model, 0.4 an npz one; both are in the allowed range.
    if hasattr(LanguageIdentifier, "from_pickled_model"):
        return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=False)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def _identify(text: str) -> str:
    code, _ = _identifier().classify(text)
    return str(code)
