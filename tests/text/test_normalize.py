"""Normalisation keeps a map back to original offsets: evidence must point into the original text."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.core.document import Document
from scoring.text.normalize import normalize
from scoring.text.segment import Segmented


def test_identity_when_already_normalised() -> None:
    norm = normalize("Plain ASCII text.")
    assert norm.text == "Plain ASCII text." and norm.starts is None
    assert norm.to_original(6, 11) == (6, 11)


def test_full_width_and_ligatures_map_back_to_their_original_span() -> None:
    original = "ＡＤＶＥＲＴＩＳＥＭＥＮＴ: the ﬁnal ｢quote｣ cost ２０１２ yuan"
    norm = normalize(original)
    assert norm.text.startswith("ADVERTISEMENT: the final")
    i = norm.text.index("ADVERTISEMENT")
    s, e = norm.to_original(i, i + len("ADVERTISEMENT"))
    assert original[s:e] == "ＡＤＶＥＲＴＩＳＥＭＥＮＴ"
    i = norm.text.index("final")
    s, e = norm.to_original(i, i + len("final"))
    assert original[s:e] == "ﬁnal"  # the ligature is one original character for two normalised ones
    i = norm.text.index("2012")
    assert original[slice(*norm.to_original(i, i + 4))] == "２０１２"


def test_zero_width_characters_are_dropped_but_spans_cover_them() -> None:
    original = "Hua\u200bwei said"
    norm = normalize(original)
    assert norm.text == "Huawei said"
    s, e = norm.to_original(0, 6)
    assert original[s:e] == "Hua\u200bwei"


def test_combining_sequences_compose_and_map_to_the_whole_cluster() -> None:
    original = "cafe\u0301 owner"
    norm = normalize(original)
    assert norm.text == "café owner"
    s, e = norm.to_original(0, 4)
    assert original[s:e] == "cafe\u0301"


def test_evidence_from_segmented_round_trips_to_original_text() -> None:
    original = "Ｈｕａｗｅｉ said it would ｢respond｣ soon.\n華為表示,將會回應。"
    seg = Segmented(Document("d", original))
    i = seg.text.index("Huawei")
    ev = seg.evidence(i, i + 6, "actor")
    assert original[ev.start:ev.end] == "Ｈｕａｗｅｉ"
    assert unicodedata.normalize("NFKC", original[ev.start:ev.end]) == "Huawei"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_every_normalised_span_maps_inside_the_original(text: str) -> None:
    norm = normalize(text)
    n = len(norm.text)
    previous_end = 0
    for i in range(n):
        s, e = norm.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
        assert s >= 0 and e >= previous_end or s >= previous_end - (e - s)
        previous_end = e
    s, e = norm.to_original(0, n)
    assert 0 <= s <= e <= len(text)
    # The whole normalised text comes from the whole original: NFKC of the original,
    # less zero-width characters, is what rubrics see.
    dropped = "".join(ch for ch in text if ch not in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    assert unicodedata.normalize("NFKC", norm.text) == unicodedata.normalize("NFKC", dropped)
