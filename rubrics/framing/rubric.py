"""Framing rubric: which generic news frames a document uses, and how loaded its language is.

Frames (Semetko & Valkenburg 2000): conflict, economic consequences, attribution of
responsibility, human interest, morality. Each frame has a keyword lexicon per language and
frame-specific patterns ("us vs them", "winners and losers", sanctions/containment/
self-reliance, 遏制/制裁/封锁/自主创新), in rubrics/data/framing_frames.tsv. The frame
distribution is each frame's share of the weighted cue hits (patterns weigh 2, keywords 1);
it sums to 1 over the frames present and is all 0 when there are none.

Loaded language: subjective and bias-inducing words after Recasens et al. 2013 (intensifiers,
strong subjectivity clues, loaded verbs, charged labels; factive/assertive/implicative verbs
at half weight), English and Chinese (rubrics/data/framing_loaded_*.tsv).
`loaded_count` = number of loaded cues, `loaded_density` = their summed weight per 100 words.

Score = 1 - loaded-language intensity, intensity = min(1, loaded_density / saturation_density):
a text with `saturation_density` (default 10) strong loaded words per 100 words scores 0.
Flag `loaded_language` when loaded_density >= flag_density (default 5).
"""

from __future__ import annotations

import bisect

from rubrics.common.cues import CueMatch
from rubrics.framing.lexicon import FRAME_CUE, FRAMES, framing_lexicon
from scoring.core.params import Interval
from scoring.core.shapes import FRAME_FEATURE_PREFIX, LOADED_DENSITY, FramingDetails
from scoring.rubric import Evidence, Flag, Rubric, RubricResult, Segmented


def framing_matches(seg: Segmented) -> list[CueMatch]:
    """Every frame and loaded-language cue in the document (normalised offsets)."""
    return framing_lexicon().find(seg.text)


def loaded_weights_by_sentence(seg: Segmented, matches: list[CueMatch] | None = None) -> list[float]:
    """Summed loaded-language weight of each `seg.sentences` entry."""
    sentences = seg.sentences
    starts = [s.start for s in sentences]
    out = [0.0] * len(sentences)
    for m in matches if matches is not None else framing_matches(seg):
        if m.cue.label == FRAME_CUE:
            continue
        i = bisect.bisect_right(starts, m.start) - 1
        if i >= 0 and m.start < sentences[i].end:
            out[i] += m.cue.weight
    return out


class FramingRubric(Rubric):
    name = "framing"
    version = "1.0"
    description = (
        "Generic news frames (Semetko & Valkenburg) and loaded-language density; "
        "score = 1 - loaded-language intensity."
    )
    parameter_constraints = {
        "saturation_density": Interval(float, 0.0),
        "flag_density": Interval(float, 0.0),
        "max_evidence": Interval(int, 0),
    }
    feature_names = (*(f"{FRAME_FEATURE_PREFIX}{f}" for f in FRAMES), LOADED_DENSITY, "loaded_count")

    def __init__(
        self, saturation_density: float = 10.0, flag_density: float = 5.0, max_evidence: int = 300
    ) -> None:
        self.saturation_density = saturation_density
        self.flag_density = flag_density
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        matches = framing_matches(seg)
        frame_weight = dict.fromkeys(FRAMES, 0.0)
        loaded: list[CueMatch] = []
        evidence: list[Evidence] = []
        for m in matches:
            cue = m.cue
            if cue.label == FRAME_CUE:
                frame_weight[cue.category] += cue.weight
                label = f"frame:{cue.category}"
            else:
                loaded.append(m)
                label = "loaded"
            if len(evidence) < self.max_evidence:
                evidence.append(seg.evidence(m.start, m.end, label, cue.weight))
        total = sum(frame_weight.values())
        distribution = {f: (w / total if total else 0.0) for f, w in frame_weight.items()}
        dominant = max(FRAMES, key=lambda f: frame_weight[f]) if total else None
        n_words = seg.word_count  # same number as len(seg.words), without building the words
        loaded_weight = sum(m.cue.weight for m in loaded)
        density = 100.0 * loaded_weight / n_words if n_words else 0.0
        features: dict[str, float] = {f"{FRAME_FEATURE_PREFIX}{f}": distribution[f] for f in FRAMES}
        features[LOADED_DENSITY] = density
        features["loaded_count"] = len(loaded)
        flags = []
        if density >= self.flag_density and len(loaded) >= 3:
            spans = tuple(seg.evidence(m.start, m.end, "loaded", m.cue.weight) for m in loaded[:30])
            flags.append(Flag("loaded_language", spans, f"{density:.1f} loaded words per 100 words"))
        intensity = min(1.0, density / self.saturation_density) if self.saturation_density > 0 else 0.0
        details: FramingDetails = {
            "dominant_frame": dominant,
            "frame_weights": {f: round(w, 3) for f, w in frame_weight.items()},
            "words": n_words,
        }
        return self.result(1.0 - intensity, features=features, evidence=evidence, flags=flags, details=details)
