"""The framing rubric's lexicons (rubrics/data/framing_*.tsv), built once per process."""

from __future__ import annotations

from functools import lru_cache

from rubrics.common.cues import Cue, CueMatcher
from rubrics.common.data import data_rows

FRAMES = ("conflict", "economic", "responsibility", "human_interest", "morality")
# Cue.label is the family: FRAME_CUE (Cue.category = the frame) or LOADED_CUE (Cue.category =
# the loaded-language category). Chinese terms match as substrings (mode "any").
FRAME_CUE = "frame"
LOADED_CUE = "loaded"


@lru_cache(maxsize=1)
def framing_lexicon() -> CueMatcher:
    """Frame cues and loaded-language cues in ONE automaton (one pass per document)."""
    cues: list[Cue] = []
    for row in data_rows("framing_frames.tsv"):
        # Frame-specific patterns are stronger evidence of a frame than single keywords.
        weight = 2.0 if row["kind"] == "pattern" else 1.0
        cues.append(Cue(row["term"], FRAME_CUE, row["frame"], weight, mode="any"))
    for name in ("framing_loaded_en.tsv", "framing_loaded_zh.tsv"):
        for row in data_rows(name):
            cues.append(Cue(row["term"], LOADED_CUE, row["category"], float(row["weight"]), mode="any"))
    return CueMatcher(cues)
