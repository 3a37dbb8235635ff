"""Lean rubric: which actors a document talks about, in what tone, and whom it lets speak.

Actors come from a gazetteer with aliases across languages and scripts
(rubrics/data/lean_actors.csv; extend it with `gazetteer="extra.csv"`, same columns) plus a
fallback for capitalised multi-word English names (type "other"). Per actor:
`mentions`, `sentences` (distinct sentences mentioning it), `tone` (mean compound of those sentences:
the sentiment rubric's `sentence_compounds`, shared per document through `Segmented.shared`, so
every sentence is scored once whichever of the two rubrics runs first) and `voice` (how many
mentions are the source of an attribution: "Huang said", "according to NVIDIA", "华为表示").

Features: `actors` (how many), `tone_gap` = max_tone - min_tone over actors mentioned at
least `min_mentions` times, `max_tone`, `min_tone`.
Score = balance = 1 - min(1, tone_gap / gap_scale) (default gap_scale 1.0: one actor in
sentences at +0.5 and another at -0.5 on average scores 0). Flag `one_sided_tone` when the
gap reaches `flag_gap`.
"""

from __future__ import annotations

import bisect
import re

from rubrics.lean.gazetteer import Actor, gazetteer
from rubrics.lean.voice import is_voice
from rubrics.sentiment import sentence_compounds
from scoring.core.params import FilePath, InstanceOf, Interval, NoneOr
from scoring.core.shapes import ActorRow
from scoring.rubric import Evidence, Flag, Rubric, RubricResult, Segmented
from scoring.text.script import has_cjk

# Capitalised multi-word names ("Brookings Institution", "Lu Zi"); connectors allowed inside.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:of |for |and |de |van |von )?[A-Z][a-z]+){1,3}\b")
_NAME_STOP = frozenset(
    ["The", "A", "An", "In", "On", "At", "But", "And", "However", "While", "Despite", "This", "That", "These", "Those", "Its", "It", "His", "Her", "Their", "Our", "After", "Before", "When", "If", "As", "For", "From", "By", "With", "Group", "Summary", "Core", "Comments", "Advertisements", "Author", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Chinese", "American"]
)


def _fallback_names(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, Actor]]:
    out = []
    for m in _NAME.finditer(text):
        start, end = m.span()
        words = m.group().split(" ")
        while words and words[0] in _NAME_STOP:
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or any(s < end and start < e for s, e in taken):
            continue
        out.append((start, end, Actor(" ".join(words), "other")))
    return out


class LeanRubric(Rubric):
    name = "lean"
    version = "1.0"
    description = (
        "Actors, their tone and their voice; score = balance, 1 - the tone gap between the most "
        "and least favoured actor (scaled)."
    )
    parameter_constraints = {
        "gazetteer": NoneOr(FilePath()),
        "min_mentions": Interval(int, 1),
        "gap_scale": Interval(float, 0.0),
        "flag_gap": Interval(float, 0.0),
        "fallback_names": InstanceOf((bool,)),
        "max_evidence": Interval(int, 0),
    }

    def __init__(
        self,
        gazetteer: str | None = None,
        min_mentions: int = 2,
        gap_scale: float = 1.0,
        flag_gap: float = 0.6,
        fallback_names: bool = True,
        max_evidence: int = 300,
    ) -> None:
        self.gazetteer = gazetteer
        self.min_mentions = min_mentions
        self.gap_scale = gap_scale
        self.flag_gap = flag_gap
        self.fallback_names = fallback_names
        self.max_evidence = max_evidence

    def mentions(self, seg: Segmented) -> list[tuple[int, int, Actor]]:
        """Actor mentions in normalised offsets, in text order."""
        latin, cjk = gazetteer(self.gazetteer)
        found = [(m.start, m.end, m.cue.payload) for m in latin.find(seg.text)]
        if has_cjk(seg.text):  # else no Chinese alias can match
            found += [(m.start, m.end, m.cue.payload) for m in cjk.find(seg.text)]
        if self.fallback_names:
            found += _fallback_names(seg.text, [(s, e) for s, e, _ in found])
        found.sort(key=lambda x: (x[0], -x[1]))
        return found

    def score(self, seg: Segmented) -> RubricResult:
        found = self.mentions(seg)
        sentences = seg.sentences
        starts = [s.start for s in sentences]
        # Shared with the sentiment rubric: each sentence is scored once per document.
        compounds = sentence_compounds(seg)
        table: dict[str, dict] = {}
        evidence: list[Evidence] = []
        for start, end, actor in found:
            row = table.get(actor.name)
            if row is None:
                row = table[actor.name] = {
                    "actor": actor.name, "type": actor.type, "mentions": 0, "voice": 0, "_sents": set()
                }
            row["mentions"] += 1
            cjk = not seg.text[start].isascii()
            if is_voice(seg.text, start, end, cjk):
                row["voice"] += 1
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < sentences[i].end:
                row["_sents"].add(i)
            if len(evidence) < self.max_evidence:
                evidence.append(seg.evidence(start, end, f"actor:{actor.name}", 1.0))
        actors = []
        for row in table.values():
            sents = sorted(row.pop("_sents"))
            tone = sum(compounds[i] for i in sents) / len(sents) if sents else 0.0
            # Fallback names seen once are mostly noise (headings, stray capitals).
            if row["type"] == "other" and row["mentions"] < 2 and row["actor"] not in ():
                continue
            actors.append({**row, "tone": round(max(-1.0, min(1.0, tone)), 4), "sentences": len(sents)})
        actors.sort(key=lambda r: (-r["mentions"], r["actor"]))
        actors: list[ActorRow] = [ActorRow(actor=r["actor"], type=r["type"], mentions=r["mentions"], tone=r["tone"],
                                           sentences=r["sentences"], voice=r["voice"]) for r in actors]
        rated = [r for r in actors if r["mentions"] >= self.min_mentions]
        if len(rated) >= 2:
            max_tone = max(r["tone"] for r in rated)
            min_tone = min(r["tone"] for r in rated)
        else:
            max_tone = min_tone = rated[0]["tone"] if rated else 0.0
        gap = max_tone - min_tone
        flags = []
        if len(rated) >= 2 and gap >= self.flag_gap:
            top = max(rated, key=lambda r: r["tone"])["actor"]
            bottom = min(rated, key=lambda r: r["tone"])["actor"]
            spans = tuple(e for e in evidence if e.label in (f"actor:{top}", f"actor:{bottom}"))[:20]
            flags.append(Flag("one_sided_tone", spans, f"{top} {max_tone:+.2f} vs {bottom} {min_tone:+.2f}"))
        features = {"actors": len(actors), "tone_gap": gap, "max_tone": max_tone, "min_tone": min_tone}
        balance = 1.0 - min(1.0, gap / self.gap_scale) if self.gap_scale > 0 else 1.0
        return self.result(balance, features=features, evidence=evidence, flags=flags, details={"actors": actors})
