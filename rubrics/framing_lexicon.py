"""The framing rubric's lexicons (rubrics/data/framing_*.tsv), built once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rubrics._data import data_rows
from rubrics.framing_match import Lexicon

FRAMES = ("conflict", "economic", "responsibility", "human_interest", "morality")


class Cue(NamedTuple):
    family: str  # "frame" or "loaded"
    name: str  # frame name, or loaded-language category
    weight: float


@lru_cache(maxsize=1)
def framing_lexicon() -> Lexicon:
    """Frame cues and loaded-language cues in ONE automaton (one pass per document)."""
    entries: list[tuple[str, Cue]] = []
    for row in data_rows("framing_frames.tsv"):
        # Frame-specific patterns are stronger evidence of a frame than single keywords.
        entries.append((row["term"], Cue("frame", row["frame"], 2.0 if row["kind"] == "pattern" else 1.0)))
    for name in ("framing_loaded_en.tsv", "framing_loaded_zh.tsv"):
        for row in data_rows(name):
            entries.append((row["term"], Cue("loaded", row["category"], float(row["weight"]))))
    return Lexicon(entries)
