"""Lean rubric: who a document talks about, in what tone toward each of them, and whom it lets speak.

Actors (rubrics/lean/resolve.py): the gazetteer's aliases across languages and scripts
(rubrics/data/lean_actors.csv; extend it with `gazetteer="extra.csv"`, same columns), names found
in English (capitalised runs with titles, initials and particles; rubrics/lean/names.py) and in
Chinese (jieba's person, place and organisation tags), pronouns and role nouns resolved to the
actor before them; short forms resolve to the full name seen in the document ("Mr Cameron" ->
"David Cameron"); dates, holidays, events and titles of works are not actors.

Tone toward each mention (rubrics/lean/tone.py): a logistic model over where the charged words of
its sentence sit relative to the mention and what the mention does (speaks, acts, is acted on), and
a lexicon of what each word says about a person to its left or right, fitted together on NewsMTSC by
scripts/train_tone.py; tone = P(positive) - P(negative) in [-1, 1].

details:
- `mentions`: one row per resolved mention, in text order: `start`, `end` (original offsets),
  `actor`, `tone`, `label` (negative | neutral | positive), `words` ([start, end, weight]: the words
  that drove the tone, weight signed), `sentence` ([start, end]), `voice` (the mention speaks).
- `actors`: one row per actor, by mentions: `actor` (canonical name), `type`, `aliases` (surface
  forms seen), `mentions`, `tone` (mean over its mentions) with `ci_low`/`ci_high` (95% normal
  interval of that mean; the mean itself for one mention), `sentences`, `voice` (mentions that are
  the source of an attribution: "Huang said", "according to NVIDIA", "华为表示").

Features: `actors` (how many), `tone_gap` = max_tone - min_tone over actors mentioned at least
`min_mentions` times, `max_tone`, `min_tone`. Score = balance = 1 - min(1, tone_gap / gap_scale).
Flag `one_sided_tone` when the gap reaches `flag_gap`. Evidence: `actor:<canonical name>` per mention.
"""

from __future__ import annotations

import math

from rubrics.lean.gazetteer import check_gazetteer
from rubrics.lean.resolve import Mention, find_mentions, neighbours
from rubrics.lean.tone import SentenceTable, mention_vector, sentence_table, tone_drivers, tone_model
from rubrics.lean.voice import is_voice
from scoring.core.params import FilePath, InstanceOf, Interval, NoneOr
from scoring.core.shapes import ActorRow, MentionRow
from scoring.rubric import Evidence, Flag, Rubric, RubricResult, Segmented

# Words reported per mention as what drove its tone.
WORDS_PER_MENTION = 3
# Mentions of one sentence read for tone. Reading a mention costs time in its sentence's length and
# number of mentions, so a "sentence" that is a list or an unpunctuated table of names would take
# quadratic time (5,000 mentions in one: 30 s). The most in a real sentence of the rated outlets'
# 2,110 articles is 40 (an unsplit paragraph); past this many, the sentence's later mentions are
# not read.
MAX_MENTIONS_PER_SENTENCE = 200
Z95 = 1.96


class LeanRubric(Rubric):
    name = "lean"
    version = "3.3"
    description = (
        "Actors (names, aliases, short forms, pronouns), the tone toward each mention and their voice; "
        "score = balance, 1 - the tone gap between the most and least favoured actor (scaled)."
    )
    parameter_constraints = {
        "gazetteer": NoneOr(FilePath(check=check_gazetteer)),
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

    def mentions(self, seg: Segmented) -> list[Mention]:
        """Resolved actor mentions in normalised offsets, in text order (`fallback_names=False`:
        gazetteer actors only)."""
        found = find_mentions(seg, self.gazetteer)
        if not self.fallback_names:
            listed = {m.actor for m in found if m.via == "gazetteer"}
            return [m for m in found if m.actor in listed]
        return [m for m in found if m.actor is not None]

    def score(self, seg: Segmented) -> RubricResult:
        found = find_mentions(seg, self.gazetteer)
        listed = {m.actor for m in found if m.via == "gazetteer"}
        by_sentence: dict[int, list[Mention]] = {}
        for m in found:
            by_sentence.setdefault(m.sentence, []).append(m)
        model = tone_model()
        tables: dict[int, SentenceTable] = {}
        rows: list[MentionRow] = []
        evidence: list[Evidence] = []
        table: dict[str, dict] = {}
        toned: list[tuple[Mention, SentenceTable, list[tuple[int, float]]]] = []
        vectors: list[list[float]] = []
        read_in_sentence: dict[int, int] = {}
        for m in found:
            if m.actor is None or (not self.fallback_names and m.actor not in listed) or m.sentence < 0:
                continue
            read = read_in_sentence.get(m.sentence, 0)
            if read >= MAX_MENTIONS_PER_SENTENCE:
                continue
            read_in_sentence[m.sentence] = read + 1
            sentence = tables.get(m.sentence)
            if sentence is None:
                sentence = tables[m.sentence] = sentence_table(seg, m.sentence)
            # (past the cap, the later mentions are no neighbours either: each one read costs the others)
            beside = neighbours(by_sentence[m.sentence][:MAX_MENTIONS_PER_SENTENCE], m.start, m.end)
            vector, carried = mention_vector(sentence, m.start, m.end, beside.others, beside.same)
            toned.append((m, sentence, carried))
            vectors.append(vector)
        # One matrix product for every mention of the document.
        text = seg.text
        to_original = seg.norm.to_original  # what seg.span and seg.evidence map with
        sentence_spans: dict[int, list[int]] = {}
        for (m, sentence, carried), (tone, label) in zip(toned, model.tones_of_vectors(vectors), strict=True):
            words = [[*to_original(a, b), round(c, 3)]
                     for a, b, c in tone_drivers(sentence, carried, label, WORDS_PER_MENTION)]
            voice = m.via != "role" and is_voice(text, m.start, m.end, sentence.cjk)
            start, end = to_original(m.start, m.end)
            span = sentence_spans.get(m.sentence)
            if span is None:
                s = seg.sentences[m.sentence]
                span = sentence_spans[m.sentence] = list(to_original(s.start, s.end))
            rows.append(MentionRow(start=start, end=end, actor=m.actor, tone=round(tone, 4), label=label,
                                   words=words, sentence=list(span), voice=voice))
            row = table.get(m.actor)
            if row is None:
                row = table[m.actor] = {"type": m.type, "aliases": set(), "tones": [], "sentences": set(),
                                        "voice": 0}
            if m.via not in ("pronoun", "role"):
                row["aliases"].add(text[m.start:m.end].removesuffix("'s").removesuffix("’s"))
            # the first mention that says what the actor is, but a titled person over a place: "drew in
            # Barack Obama" reads as a place ("in ..."), "President Barack Obama" as the person he is
            if (row["type"] == "other" and m.type != "other") or (
                    row["type"] == "place" and m.type == "person" and (m.title or m.via == "short")):
                row["type"] = m.type
            row["tones"].append(tone)
            row["sentences"].add(m.sentence)
            row["voice"] += voice
            if len(evidence) < self.max_evidence:
                evidence.append(Evidence(start, end, f"actor:{m.actor}", 1.0))
        actors = sorted((_actor_row(name, row) for name, row in table.items()),
                        key=lambda r: (-r["mentions"], r["actor"]))
        rated = [r for r in actors if r["mentions"] >= self.min_mentions]
        if rated:
            max_tone = max(r["tone"] for r in rated)
            min_tone = min(r["tone"] for r in rated)
        else:
            max_tone = min_tone = 0.0
        gap = max_tone - min_tone
        flags = []
        if len(rated) >= 2 and gap >= self.flag_gap:
            top = max(rated, key=lambda r: r["tone"])["actor"]
            bottom = min(rated, key=lambda r: r["tone"])["actor"]
            spans = tuple(e for e in evidence if e.label in (f"actor:{top}", f"actor:{bottom}"))[:20]
            flags.append(Flag("one_sided_tone", spans, f"{top} {max_tone:+.2f} vs {bottom} {min_tone:+.2f}"))
        features = {"actors": len(actors), "tone_gap": gap, "max_tone": max_tone, "min_tone": min_tone}
        balance = 1.0 - min(1.0, gap / self.gap_scale) if self.gap_scale > 0 else 1.0
        return self.result(balance, features=features, evidence=evidence, flags=flags,
                           details={"actors": actors, "mentions": rows})


def _actor_row(name: str, row: dict) -> ActorRow:
    tones = row["tones"]
    n = len(tones)
    mean = sum(tones) / n
    if n > 1:
        sd = math.sqrt(sum((t - mean) ** 2 for t in tones) / (n - 1))
        half = Z95 * sd / math.sqrt(n)
    else:
        half = 0.0
    return ActorRow(actor=name, type=row["type"], aliases=sorted(row["aliases"]), mentions=n,
                    tone=round(mean, 4), ci_low=round(max(-1.0, mean - half), 4),
                    ci_high=round(min(1.0, mean + half), 4), sentences=len(row["sentences"]), voice=row["voice"])
