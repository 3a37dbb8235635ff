"""Hedging: how much a text qualifies its claims (hedges) and overstates them (boosters).

What counts as a hedge, per language
------------------------------------
English (lexicon `data/hedging_en.tsv`, after Hyland 2005 and Prince et al. 1982):
epistemic modals (may, might, could), epistemic adverbs/adjectives (probably, likely,
unclear), doxastic and evidential verbs (believe, seem, suggest, is considered),
attribution shields (reportedly, it is believed, allegedly) and conditionals / open
questions (if, unless, whether) - a conditional claim is a qualified claim, which is what a
reader needs to notice in news. Approximators (about 300, roughly, somewhat, often) are
kept as low-weight evidence but do not hedge a sentence by themselves: in English news a
rounded figure is ordinary precision, not a qualified claim.

Chinese (lexicon `data/hedging_zh.tsv`, after 何自然 1985 模糊限制语): besides the shields
(可能, 似乎, 据悉, 被认为) and conditionals (如果), the 变动型 hedges - vague quantity
(许多, 一些, 部分), degree adaptors (较, 比较, 相当, 很) and frequency (通常, 往往) - do
hedge a sentence: Chinese news prose uses them where English would give a figure or an
explicit comparison, and the Chinese hedging literature treats them as the core class.
Single-character cues (较, 约, 常, 很) must line up with jieba tokens (see rubrics/_cues.py),
which is what keeps them from firing inside unrelated words.

Boosters (clearly, undoubtedly, will certainly, impossible to; 显然, 必然, 毫无疑问) are
detected separately.

Sentence rule: a sentence is hedged (boosted) when it holds a hedge (booster) cue whose
weight is at least `sentence_threshold`. English disambiguation: "May" capitalised inside a
sentence or before a number is the month; "about"/"around" are approximators only before a
number.

Score (1 = calibrated): a document that qualifies some claims and rarely overstates them is
best. `hedge_part` is 0.6 for no hedging at all, rises linearly to 1.0 at
`calibrated_low` hedged-sentence share, stays 1.0 up to `calibrated_high`, then falls
linearly to 0.5 at 100% (everything qualified reads as evasive). `booster_part` =
1 - 0.6 * min(1, booster_share / 0.5). Score = hedge_part * booster_part. Texts without
sentences score a neutral 0.5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rubrics.common.cues import Cue, CueMatch, CueMatcher, cjk_bounds, word_equivalents
from rubrics.common.data import data_rows
from scoring.core.params import InstanceOf, Interval
from scoring.rubric import Evidence, Flag, Rubric, RubricResult
from scoring.text.script import has_cjk
from scoring.text.segment import Segmented

_NUMBER_AFTER = re.compile(
    r"\s*(?:[$£€¥]?\d|(?:a |an )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|"
    r"billion|half|a dozen|dozens?|hundreds|thousands|millions)\b)",
    re.IGNORECASE,
)
_NUMERIC_ONLY = frozenset({"about", "around"})


@lru_cache(maxsize=1)
def _matcher() -> CueMatcher:
    cues: list[Cue] = []
    for name in ("hedging_en.tsv", "hedging_zh.tsv"):
        for row in data_rows(name):
            cues.append(Cue(row["cue"], row["label"], row["category"], float(row["weight"]), row["mode"]))
    return CueMatcher(cues)


@dataclass(frozen=True, slots=True)
class SentenceCues:
    start: int
    end: int
    hedged: bool
    boosted: bool


def find_cues(seg: Segmented) -> list[CueMatch]:
    """Hedge and booster cues of a segmented text, after the disambiguation rules."""
    text = seg.text
    if not text:
        return []
    bounds = cjk_bounds(seg.words) if has_cjk(text) else None
    matches = _matcher().find(text, bounds, folded=seg.folded)
    return [m for m in matches if _keep(text, m)]


def _keep(text: str, m: CueMatch) -> bool:
    pattern = m.cue.pattern
    if pattern == "may":
        if text[m.start] == "M":
            # Capitalised "May" is the month unless it opens a sentence and is not followed by a date.
            before = text[max(0, m.start - 3) : m.start].strip(" \"“‘'(")
            opens = not before or before[-1] in ".!?。"
            if not opens or _NUMBER_AFTER.match(text, m.end):
                return False
    elif pattern in _NUMERIC_ONLY:
        return bool(_NUMBER_AFTER.match(text, m.end))
    return True


class HedgingRubric(Rubric):
    """Hedged / boosted sentence shares with cue-level evidence (see module docstring)."""

    name = "hedging"
    version = "1.0"
    description = "Qualified vs overstated claims: hedge and booster cues per sentence (en, zh, mixed)."
    parameter_constraints = {
        "sentence_threshold": Interval(float, 0.0),
        "calibrated_low": Interval(float, 0.0, 1.0),
        "calibrated_high": Interval(float, 0.0, 1.0),
        "list_sentences": InstanceOf((bool,)),
    }
    feature_names = ("hedged_sentence_share", "booster_sentence_share", "cue_density", "hedge_density",
                     "booster_density", "hedges", "boosters", "sentences")

    def __init__(
        self,
        *,
        sentence_threshold: float = 0.5,
        calibrated_low: float = 0.1,
        calibrated_high: float = 0.45,
        list_sentences: bool = True,
    ) -> None:
        self.sentence_threshold = sentence_threshold
        self.calibrated_low = calibrated_low
        self.calibrated_high = calibrated_high
        self.list_sentences = list_sentences

    def sentence_labels(self, seg: Segmented, cues: list[CueMatch] | None = None) -> list[SentenceCues]:
        """Per-sentence hedged/boosted decisions (normalised offsets)."""
        if cues is None:
            cues = find_cues(seg)
        out: list[SentenceCues] = []
        i = 0
        n = len(cues)
        for sent in seg.sentences:
            while i < n and cues[i].start < sent.start:
                i += 1
            hedge = boost = 0.0
            j = i
            while j < n and cues[j].start < sent.end:
                cue = cues[j].cue
                if cue.label == "hedge":
                    hedge = max(hedge, cue.weight)
                else:
                    boost = max(boost, cue.weight)
                j += 1
            i = j
            out.append(SentenceCues(sent.start, sent.end, hedge >= self.sentence_threshold,
                                    boost >= self.sentence_threshold))
        return out

    def score(self, seg: Segmented) -> RubricResult:
        cues = find_cues(seg)
        sentences = self.sentence_labels(seg, cues)
        n_sent = len(sentences)
        hedged = sum(s.hedged for s in sentences)
        boosted = sum(s.boosted for s in sentences)
        hedges = [m for m in cues if m.cue.label == "hedge"]
        boosters = [m for m in cues if m.cue.label == "booster"]
        words = word_equivalents(seg.text)
        hedge_share = hedged / n_sent if n_sent else 0.0
        booster_share = boosted / n_sent if n_sent else 0.0
        score = self._calibration(hedge_share, booster_share) if n_sent else 0.5

        evidence: list[Evidence] = [seg.evidence(m.start, m.end, m.cue.label, m.cue.weight) for m in cues]
        categories: dict[str, int] = {}
        for m in cues:
            categories[m.cue.category] = categories.get(m.cue.category, 0) + 1
        flags: list[Flag] = []
        if boosted >= 3 and booster_share >= 0.2:
            flags.append(Flag("overconfident", tuple(e for e in evidence if e.label == "booster")[:20],
                              f"{boosted} of {n_sent} sentences carry boosters"))
        if hedged >= 5 and hedge_share >= 0.7:
            flags.append(Flag("overhedged", tuple(e for e in evidence if e.label == "hedge")[:20],
                              f"{hedged} of {n_sent} sentences are hedged"))
        features = {
            "hedged_sentence_share": hedge_share,
            "booster_sentence_share": booster_share,
            "cue_density": 1000.0 * len(cues) / words if words else 0.0,
            "hedge_density": 1000.0 * len(hedges) / words if words else 0.0,
            "booster_density": 1000.0 * len(boosters) / words if words else 0.0,
            "hedges": len(hedges),
            "boosters": len(boosters),
            "sentences": n_sent,
        }
        details: dict[str, object] = {"categories": categories}
        if self.list_sentences:
            details["sentences"] = tuple((*seg.span(s.start, s.end), s.hedged, s.boosted) for s in sentences)
        return self.result(score, features, evidence, flags, details)

    def _calibration(self, hedge_share: float, booster_share: float) -> float:
        low, high = self.calibrated_low, self.calibrated_high
        if hedge_share < low:
            hedge_part = 0.6 + 0.4 * hedge_share / low if low > 0 else 1.0
        elif hedge_share <= high:
            hedge_part = 1.0
        else:
            hedge_part = 1.0 - 0.5 * (hedge_share - high) / (1.0 - high) if high < 1 else 1.0
        booster_part = 1.0 - 0.6 * min(1.0, booster_share / 0.5)
        return hedge_part * booster_part
