"""Framing rubric: which generic news frames a document uses, and how loaded its own language is.

Frames (Semetko & Valkenburg 2000): conflict, economic consequences, attribution of
responsibility, human interest, morality. Each frame has a keyword lexicon per language and
frame-specific patterns ("us vs them", "winners and losers", sanctions/containment/
self-reliance, 遏制/制裁/封锁/自主创新), in rubrics/data/framing_frames.tsv; multi-word cues are
matched as whole phrases. The frame distribution is each frame's share of the weighted cue hits
(patterns weigh 2, keywords 1); it sums to 1 over the frames present and is all 0 when there are
none. Frame cues count wherever they stand, quotations included (a frame is what the story is
about).

Loaded language: words by which the writer evaluates (rubrics/data/framing_loaded_*.tsv plus
VADER's negative evaluative adjectives, see rubrics/framing/lexicon.py), counted only in the
outlet's own voice (rubrics/framing/context.py): not inside quotation marks, not as part of a
name, at REPORTED_SPEECH_FACTOR of their weight after a reporting verb.
`loaded_count` = number of loaded cues, `loaded_density` = their summed weight per 100 words.
A sentence is loaded ("biased" in BABE's terms) when its summed weight reaches
LOADED_SENTENCE_WEIGHT: one strong cue, or two weak ones.

Score = 1 - loaded-language intensity, intensity = min(1, loaded_density / saturation_density):
a text with `saturation_density` (default 5) strong loaded words per 100 words scores 0.
Flag `loaded_language` when loaded_density >= flag_density (default 2.5) with at least 3 cues.
(Straight news reaches 0.16 per 100 words on the BBC corpus, at most 2.1 in one article.)
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from rubrics.common.quotes import quote_spans
from rubrics.framing.context import REPORTED_SPEECH_FACTOR, REPORTING, is_name_part
from rubrics.framing.lexicon import FRAMES, NEUTRAL, frame_matcher, loaded_matcher
from scoring.core.params import Interval
from scoring.core.shapes import FRAME_FEATURE_PREFIX, LOADED_DENSITY, FramingDetails
from scoring.rubric import Evidence, Flag, Rubric, RubricResult, Segmented

# Chosen on BABE dev with the weights (docs/rubrics.md, Framing): any strong cue, or two weak ones.
LOADED_SENTENCE_WEIGHT = 0.5


class LoadedCue(NamedTuple):
    start: int  # normalised offsets (seg.text)
    end: int
    weight: float  # after context (reported speech)
    category: str


def loaded_cues(seg: Segmented, folded: str | None = None) -> list[LoadedCue]:
    """The loaded-language cues of the document that are in the outlet's own voice."""
    text = seg.text
    matches = loaded_matcher().find(text, folded=folded)
    if not matches:
        return []
    quotes = quote_spans(text)
    quote_starts = [s for s, _ in quotes]
    out: list[LoadedCue] = []
    for m in matches:
        if m.cue.category == NEUTRAL:
            continue
        if quotes:
            i = bisect.bisect_right(quote_starts, m.start) - 1
            if i >= 0 and m.start < quotes[i][1]:
                continue
        if text[m.start].isupper() and is_name_part(text, m.start, m.end):
            continue
        out.append(LoadedCue(m.start, m.end, m.cue.weight, m.cue.category))
    if out:
        out = _weigh_reported_speech(seg, out)
    return out


def _weigh_reported_speech(seg: Segmented, cues: list[LoadedCue]) -> list[LoadedCue]:
    # Only the stretch from each cue's sentence start to the cue is searched: news has few loaded
    # cues, and a scan of the whole text for reporting verbs cost more than the cue matching.
    text = seg.text
    starts = [s.start for s in seg.sentences]
    out = []
    for cue in cues:
        i = bisect.bisect_right(starts, cue.start) - 1
        if REPORTING.search(text, starts[i] if i >= 0 else 0, cue.start):
            cue = cue._replace(weight=cue.weight * REPORTED_SPEECH_FACTOR)
        out.append(cue)
    return out


def loaded_weights_by_sentence(seg: Segmented, cues: list[LoadedCue] | None = None) -> list[float]:
    """Summed loaded-language weight of each `seg.sentences` entry."""
    sentences = seg.sentences
    starts = [s.start for s in sentences]
    out = [0.0] * len(sentences)
    for cue in cues if cues is not None else loaded_cues(seg):
        i = bisect.bisect_right(starts, cue.start) - 1
        if i >= 0 and cue.start < sentences[i].end:
            out[i] += cue.weight
    return out


class FramingRubric(Rubric):
    name = "framing"
    version = "2.0"
    description = (
        "Generic news frames (Semetko & Valkenburg) and the density of loaded language in the outlet's "
        "own voice; score = 1 - loaded-language intensity."
    )
    parameter_constraints = {
        "saturation_density": Interval(float, 0.0),
        "flag_density": Interval(float, 0.0),
        "max_evidence": Interval(int, 0),
    }
    feature_names = (*(f"{FRAME_FEATURE_PREFIX}{f}" for f in FRAMES), LOADED_DENSITY, "loaded_count")

    def __init__(
        self, saturation_density: float = 5.0, flag_density: float = 2.5, max_evidence: int = 300
    ) -> None:
        self.saturation_density = saturation_density
        self.flag_density = flag_density
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        folded = seg.folded
        frame_weight = dict.fromkeys(FRAMES, 0.0)
        spans: list[tuple[int, int, str, float]] = []
        for m in frame_matcher().find(seg.text, folded=folded):
            frame_weight[m.cue.category] += m.cue.weight
            spans.append((m.start, m.end, f"frame:{m.cue.category}", m.cue.weight))
        loaded = loaded_cues(seg, folded)
        spans.extend((c.start, c.end, "loaded", c.weight) for c in loaded)
        spans.sort()
        evidence: list[Evidence] = [seg.evidence(s, e, label, w) for s, e, label, w in spans[: self.max_evidence]]
        total = sum(frame_weight.values())
        distribution = {f: (w / total if total else 0.0) for f, w in frame_weight.items()}
        dominant = max(FRAMES, key=lambda f: frame_weight[f]) if total else None
        n_words = seg.word_count  # same number as len(seg.words), without building the words
        loaded_weight = sum(c.weight for c in loaded)
        density = 100.0 * loaded_weight / n_words if n_words else 0.0
        features: dict[str, float] = {f"{FRAME_FEATURE_PREFIX}{f}": distribution[f] for f in FRAMES}
        features[LOADED_DENSITY] = density
        features["loaded_count"] = len(loaded)
        flags = []
        if density >= self.flag_density and len(loaded) >= 3:
            flag_spans = tuple(seg.evidence(c.start, c.end, "loaded", c.weight) for c in loaded[:30])
            flags.append(Flag("loaded_language", flag_spans, f"{density:.1f} loaded words per 100 words"))
        intensity = min(1.0, density / self.saturation_density) if self.saturation_density > 0 else 0.0
        details: FramingDetails = {
            "dominant_frame": dominant,
            "frame_weights": {f: round(w, 3) for f, w in frame_weight.items()},
            "words": n_words,
        }
        return self.result(1.0 - intensity, features=features, evidence=evidence, flags=flags, details=details)
