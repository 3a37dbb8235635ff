"""Editorial-lean audit: how each source talks about actors, which frames it uses, how loaded.

Inputs are scored documents (DocumentResults or `sourcegauge score` JSON records) from a
profile that runs `lean` (actors), `framing` (frames, loaded language) and ideally
`sentiment`; the `editorial-audit` profile runs exactly those. A rubric missing from the
profile leaves its part of the audit empty; nothing fails.

Per source:
- Actor table, from lean's details["actors"] (one entry per actor per document, with
  mentions, tone in [-1, 1] and voice = times the actor is given voice: quoted or
  paraphrased as a speaker). Aliases merge across documents first (`merge_aliases`): a name that
  is the surname or another short form of exactly one full name in the corpus ("Cameron", "Van
  Gaal"), or one of the aliases a document listed for it, counts as that actor. Every actor
  mentioned at least `min_mentions` times is listed, by mentions (no fixed length: a report
  folds the tail; `top_actors` cuts the list only when a caller asks). Over the source's
  documents: documents and mentions summed;
  tone = mention-weighted mean of the per-document tones; a bootstrap CI of that tone
  (resampling documents, B = n_bootstrap, percentile interval, Generator seeded with
  [seed, crc32(source + NUL + actor)] so it is reproducible and order-independent);
  voice_share = the actor's voice / all actors' voice in the source.
  Direction: "favourable" when the CI lies above +0.05, "unfavourable" below -0.05, else
  "neutral"; "one document" when a single document mentions the actor (no spread to judge).
- Frames: the mean of the documents' frame distributions (framing's frame_* features),
  renormalised to sum to 1; the dominant frame; loaded-language density (mean of
  loaded_density, loaded words per 100 words as framing reports it).
- Tone overall: mean sentence compound and charged-word share (sentiment features).

Against the corpus: every comparison is with the OTHER sources (leave-one-out, so a large
source does not pull the "average" toward itself).
- tone_vs_others for an actor = this source's tone - the other sources' mention-weighted
  tone toward the same actor, computed only where both sides can say something: at least
  `min_mentions` mentions and COMPARE_MIN_DOCUMENTS documents in this source AND in the others
  (an actor one document mentions gets no "vs others" value). The source "favours" the actor
  when the difference is at least FAVOUR_MARGIN and significant: its standard error is bootstrapped
  (this source's documents and the others' resampled each on their own), and over all the actors
  compared for the source the Benjamini-Hochberg step holds the false-discovery rate at
  1 - confidence; it "disfavours" it in the mirror case. `evidence[actor]` holds, for those actors,
  the source's sentences that lean furthest that way (up to EVIDENCE_SENTENCES; read from the
  lean rubric's mention rows when the document text is at hand: DocumentResults, or records
  made by `audit_record`).
- frame_vs_others = this source's frame share - the other sources' share; a frame is
  "over-used" when the difference is at least OVERUSE_MARGIN (percentage points / 100)
  and the ratio at least OVERUSE_RATIO; "under-used" in the mirror case.
- loaded_density_vs_others = this source's loaded density - the other sources'.
With a single source there are no others: the differences are None, the lists empty, and
the actor table (direction per actor) is the audit.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from scoring.core.document import LoadError
from scoring.core.shapes import (
    CHARGED_SHARE,
    LOADED_DENSITY,
    MEAN_COMPOUND,
    frame_shares,
    lean_actors,
    lean_mentions,
)
from scoring.corpus.rank import DEFAULT_SEED

DIRECTION_MARGIN = 0.05
FAVOUR_MARGIN = 0.1
OVERUSE_MARGIN = 0.05
OVERUSE_RATIO = 1.25
DEFAULT_AUDIT_BOOTSTRAP = 1000
DEFAULT_MIN_MENTIONS = 2
# No cut by default: every actor with enough mentions is listed (reports fold the tail).
DEFAULT_TOP_ACTORS: int | None = None
COMPARE_MIN_DOCUMENTS = 2
EVIDENCE_SENTENCES = 3
# Sentences kept per actor per document for evidence (the strongest each way).
_EXAMPLES_PER_DOCUMENT = 2


@dataclass(frozen=True)
class ActorAudit:
    actor: str
    type: str
    documents: int
    mentions: int
    tone: float
    ci_low: float
    ci_high: float
    voice_share: float
    direction: str
    others_tone: float | None = None
    tone_vs_others: float | None = None
    # Two-sided bootstrap p-value of tone_vs_others (None when the difference is under FAVOUR_MARGIN
    # and not tested); favours / disfavours list the actors it passes after Benjamini-Hochberg.
    p_vs_others: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "type": self.type, "documents": self.documents, "mentions": self.mentions,
                "tone": _r(self.tone), "ci_low": _r(self.ci_low), "ci_high": _r(self.ci_high),
                "voice_share": _r(self.voice_share), "direction": self.direction,
                "others_tone": _r(self.others_tone), "tone_vs_others": _r(self.tone_vs_others),
                "p_vs_others": _r(self.p_vs_others)}


@dataclass(frozen=True)
class SourceAudit:
    source: str
    documents: int
    lean_documents: int
    actors: list[ActorAudit]
    frames: dict[str, float]
    dominant_frame: str | None
    loaded_density: float | None
    mean_compound: float | None
    charged_share: float | None
    frame_vs_others: dict[str, float] | None = None
    loaded_density_vs_others: float | None = None
    favours: list[str] = field(default_factory=list)
    disfavours: list[str] = field(default_factory=list)
    overused_frames: list[str] = field(default_factory=list)
    underused_frames: list[str] = field(default_factory=list)
    # actor -> [{"tone", "sentence"}]: the sentences behind each favours / disfavours entry
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "documents": self.documents, "lean_documents": self.lean_documents,
            "actors": [a.to_dict() for a in self.actors],
            "frames": {k: _r(v) for k, v in self.frames.items()}, "dominant_frame": self.dominant_frame,
            "loaded_density": _r(self.loaded_density), "mean_compound": _r(self.mean_compound),
            "charged_share": _r(self.charged_share),
            "frame_vs_others": None if self.frame_vs_others is None
            else {k: _r(v) for k, v in self.frame_vs_others.items()},
            "loaded_density_vs_others": _r(self.loaded_density_vs_others),
            "favours": self.favours, "disfavours": self.disfavours,
            "overused_frames": self.overused_frames, "underused_frames": self.underused_frames,
            "evidence": self.evidence,
        }


@dataclass(frozen=True)
class AuditReport:
    sources: list[SourceAudit]
    profile: dict[str, str]
    rubric_versions: dict[str, str]
    missing_rubrics: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "rubrics": self.rubric_versions, "missing_rubrics": self.missing_rubrics,
                "sources": [s.to_dict() for s in self.sources]}


# When the documents disagree on an actor's type and its mentions are split evenly: a title or a
# speech verb (person) says more than a locative ("in Obama's America" read as a place) or nothing.
_TYPE_RANK = {t: k for k, t in enumerate(("person", "organisation", "company", "country", "place", "other", ""))}


@dataclass
class _ActorDocs:
    tones: list[float] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    voice: float = 0.0
    aliases: set[str] = field(default_factory=set)
    examples: list[tuple[float, str]] = field(default_factory=list)  # (tone, sentence)
    type_mentions: dict[str, int] = field(default_factory=dict)  # the documents' types, by mentions

    @property
    def type(self) -> str:
        """The type most of the actor's mentions have (one document's reading can be wrong)."""
        if not self.type_mentions:
            return ""
        return max(self.type_mentions,
                   key=lambda t: (self.type_mentions[t], -_TYPE_RANK.get(t, len(_TYPE_RANK)), t))

    def add_type(self, kind: str, mentions: int) -> None:
        if kind and kind != "other":
            self.type_mentions[kind] = self.type_mentions.get(kind, 0) + mentions
        else:
            self.type_mentions.setdefault("other", 0)

    def absorb(self, other: _ActorDocs) -> None:
        self.tones += other.tones
        self.mentions += other.mentions
        self.voice += other.voice
        self.aliases |= other.aliases
        self.examples += other.examples
        for kind, n in other.type_mentions.items():
            self.type_mentions[kind] = self.type_mentions.get(kind, 0) + n


@dataclass
class _SourceLean:
    documents: int = 0
    lean_documents: int = 0
    actors: dict[str, _ActorDocs] = field(default_factory=dict)
    frame_sums: dict[str, float] = field(default_factory=dict)
    frame_documents: int = 0
    loaded: list[float] = field(default_factory=list)
    compound: list[float] = field(default_factory=list)
    charged: list[float] = field(default_factory=list)


def audit_record(item: Any) -> dict[str, Any]:
    """The part of a DocumentResult that the audit reads, as a `sourcegauge score`-style
    record: every rubric's version and features, and the lean rubric's actor table.

    Passed as `score_corpus(map_result=audit_record)`, it runs in the worker processes, so
    the parent does not rebuild every result's evidence.
    """
    return {
        "source": item.doc.source,
        "profile": {"name": item.profile_name, "hash": item.profile_hash},
        "rubrics": {
            name: {"version": r.version, "features": dict(r.features),
                   "details": {"actors": lean_actors(r.details), "examples": lean_examples(r.details, item.doc.text)}
                   if name == "lean" else {}}
            for name, r in item.results.items()
        },
    }


def lean_examples(details: Mapping[str, Any], text: str) -> dict[str, list[list[Any]]]:
    """actor -> [[tone, sentence]] for the most positive and most negative mentions of each actor
    in one document (from lean's mention rows and the document's text)."""
    by_actor: dict[str, list[tuple[float, str]]] = {}
    for m in lean_mentions(details):
        span = m.get("sentence") or (m.get("start", 0), m.get("end", 0))
        by_actor.setdefault(str(m.get("actor", "")), []).append((float(m.get("tone", 0.0) or 0.0),
                                                                 text[span[0]:span[1]]))
    out: dict[str, list[list[Any]]] = {}
    for actor, rows in by_actor.items():
        rows.sort(key=lambda r: r[0])
        keep = rows[:_EXAMPLES_PER_DOCUMENT] + rows[max(_EXAMPLES_PER_DOCUMENT, len(rows) - _EXAMPLES_PER_DOCUMENT):]
        out[actor] = [[round(t, 4), sentence] for t, sentence in keep]
    return out


class AuditAccumulator:
    """Per-source lean tallies, fed one document at a time."""

    def __init__(self) -> None:
        self.sources: dict[str, _SourceLean] = {}
        self.profile: dict[str, str] = {}
        self.rubric_versions: dict[str, str] = {}

    def add(self, item: Any) -> None:
        if isinstance(item, LoadError) or (isinstance(item, Mapping) and "error" in item):
            return
        source, rubrics = _rubric_view(item, self)
        tally = self.sources.setdefault(source, _SourceLean())
        tally.documents += 1
        lean = rubrics.get("lean")
        if lean is not None:
            tally.lean_documents += 1
            examples = lean[1].get("examples")
            if examples is None and not isinstance(item, Mapping):
                examples = lean_examples(lean[1], item.doc.text)
            for actor in lean_actors(lean[1]):
                name = str(actor.get("actor", "")).strip()
                mentions = int(actor.get("mentions", 0) or 0)
                if not name or mentions <= 0:
                    continue
                entry = tally.actors.setdefault(name, _ActorDocs())
                entry.add_type(str(actor.get("type", "") or ""), mentions)
                entry.tones.append(float(actor.get("tone", 0.0) or 0.0))
                entry.mentions.append(mentions)
                entry.voice += _number(actor.get("voice"))
                entry.aliases.update(str(a) for a in actor.get("aliases") or ())
                entry.examples += [(float(t), str(s)) for t, s in (examples or {}).get(name, ())]
        framing = rubrics.get("framing")
        if framing is not None:
            features = framing[0]
            shares = {f: max(0.0, _number(v)) for f, v in frame_shares(features).items()}
            for frame in shares:
                tally.frame_sums.setdefault(frame, 0.0)
            if sum(shares.values()) > 0:
                tally.frame_documents += 1
                for frame, share in shares.items():
                    tally.frame_sums[frame] += share / sum(shares.values())
            if LOADED_DENSITY in features:
                tally.loaded.append(_number(features[LOADED_DENSITY]))
        sentiment = rubrics.get("sentiment")
        if sentiment is not None:
            if MEAN_COMPOUND in sentiment[0]:
                tally.compound.append(_number(sentiment[0][MEAN_COMPOUND]))
            if CHARGED_SHARE in sentiment[0]:
                tally.charged.append(_number(sentiment[0][CHARGED_SHARE]))


def audit_sources(
    results: Iterable[Any],
    *,
    n_bootstrap: int = DEFAULT_AUDIT_BOOTSTRAP,
    confidence: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_mentions: int = DEFAULT_MIN_MENTIONS,
    top_actors: int | None = DEFAULT_TOP_ACTORS,
) -> AuditReport:
    """Audit the sources of `results` (DocumentResults, LoadErrors or JSON records)."""
    acc = AuditAccumulator()
    for item in results:
        acc.add(item)
    return audit_accumulated(acc, n_bootstrap=n_bootstrap, confidence=confidence, seed=seed,
                             min_mentions=min_mentions, top_actors=top_actors)


def audit_accumulated(
    acc: AuditAccumulator,
    *,
    n_bootstrap: int = DEFAULT_AUDIT_BOOTSTRAP,
    confidence: float = 0.95,
    seed: int = DEFAULT_SEED,
    min_mentions: int = DEFAULT_MIN_MENTIONS,
    top_actors: int | None = DEFAULT_TOP_ACTORS,
) -> AuditReport:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    merge_aliases(acc)
    audits: list[SourceAudit] = []
    names = sorted(acc.sources)
    for source in names:
        tally = acc.sources[source]
        others = [acc.sources[o] for o in names if o != source]
        audits.append(_audit_one(source, tally, others, n_bootstrap, confidence, seed, min_mentions, top_actors))
    used = set(acc.rubric_versions)
    missing = [r for r in ("lean", "framing", "sentiment") if r not in used]
    return AuditReport(audits, dict(acc.profile), dict(sorted(acc.rubric_versions.items())), missing)


# Words that join a name to its complement ("Duchess of Cornwall", "Food and Drug Administration").
_CONNECTORS = frozenset(("of", "for", "and", "&"))
# Share of the mentions of all the full names a short form ends that one of them needs to own it
# ("Obama" -> "Barack Obama" when "Michelle Obama" is rare in the corpus).
DOMINANT_OWNER = 0.9
# A merged actor takes the name of a shorter full name of its group rather than the longest one
# when the shorter is this many times more mentioned: the longest is then a rare misreading
# ("Debating Bill Clinton" beside "Bill Clinton"), not the full form ("Louis van Gaal", "Van Gaal").
RENAME_RATIO = 3.0


def _joined_name(name: str) -> bool:
    """A name with a connector inside: no person's full name, so its last words are no surname."""
    return any(w.lower() in _CONNECTORS for w in name.split()[1:-1])


def merge_aliases(acc: AuditAccumulator) -> None:
    """Merge, in every source, actors that are one actor under two names across documents.

    A person's (or untyped) name merges into a full name F when it is one of the aliases a document
    listed for F, or when its words end F's words ("Cameron" -> "David Cameron", "Van Gaal" -> "Louis van Gaal"),
    a document typed one of the two as a person, and F is the only full name in the corpus they end
    or the one that has at least DOMINANT_OWNER of the mentions of all those names ("Obama" ->
    "Barack Obama" beside a few "Michelle Obama"); a name joined by "of" or "and" is no full name
    ("Duchess of Cornwall" does not own "Cornwall"); a name with a middle initial merges into the
    same name without it ("Donald J. Trump" -> "Donald Trump"). The merged actor is named by its longest name,
    or by a shorter full name of the group that has RENAME_RATIO times its mentions, so a rare longer
    reading does not rename it ("Bill Clinton", not a headline's "Debating Bill Clinton"). Applied
    once; idempotent.
    """
    names: dict[str, str] = {}  # name -> type, over the corpus
    mentions: dict[str, int] = {}  # name -> mentions, over the corpus
    persons: set[str] = set()  # names some document typed as a person
    aliases: dict[str, set[str]] = {}
    for tally in acc.sources.values():
        for name, docs in tally.actors.items():
            names.setdefault(name, docs.type)
            mentions[name] = mentions.get(name, 0) + sum(docs.mentions)
            if docs.type == "person":
                persons.add(name)
            for alias in docs.aliases:
                if alias != name:
                    aliases.setdefault(alias.lower(), set()).add(name)
    people = ("person", "other", "")
    full = [n for n, kind in names.items() if len(n.split()) >= 2 and kind in people and not _joined_name(n)]
    # full names by each of their shorter word endings ("David Cameron" under ("cameron",)): looked up
    # per name, instead of comparing every name with every full name (66 s on the BBC corpus)
    by_ending: dict[tuple[str, ...], list[str]] = {}
    for f in full:
        low = tuple(f.lower().split())
        for k in range(1, len(low)):
            by_ending.setdefault(low[k:], []).append(f)
    target: dict[str, str] = {}
    for name in names:
        if names[name] not in people:  # gazetteer actors (countries, companies) keep their names
            continue
        words = name.lower().split()
        # by the words alone only where one side is known to be a person: "Twitter" does not end
        # "Next Twitter" (a title in quotes) the way "Cameron" ends "David Cameron"
        owners = {f for f in by_ending.get(tuple(words), ()) if f != name and (f in persons or name in persons)}
        owners |= {f for f in aliases.get(name.lower(), set()) if f != name and len(f.split()) > len(words)}
        if len(owners) > 1:
            top = max(owners, key=lambda f: (mentions.get(f, 0), f))
            if mentions.get(top, 0) >= DOMINANT_OWNER * sum(mentions.get(f, 0) for f in owners):
                owners = {top}
        if len(owners) == 1:
            target[name] = owners.pop()
        elif len(words) >= 3:
            # "Donald J. Trump" is "Donald Trump": a middle initial is no other person
            plain = " ".join(w for k, w in enumerate(name.split())
                             if k in (0, len(words) - 1) or len(w.rstrip(".")) > 1)
            if plain != name and names.get(plain) in people:
                target[name] = plain
    groups: dict[str, list[str]] = {}
    for name in target:
        canonical, seen = target[name], {name}
        # chains end: every step is a longer name, or the same one without initials
        while canonical in target and canonical not in seen:
            seen.add(canonical)
            canonical = target[canonical]
        groups.setdefault(canonical, [canonical]).append(name)
    renamed: dict[str, str] = {}
    for canonical, members in groups.items():
        named = max((m for m in members if len(m.split()) >= 2), key=lambda m: (mentions.get(m, 0), m == canonical, m))
        if mentions.get(named, 0) < RENAME_RATIO * mentions.get(canonical, 0):
            named = canonical
        renamed.update((m, named) for m in members if m != named)
    for tally in acc.sources.values():
        for name in [n for n in tally.actors if n in renamed]:
            canonical = renamed[name]
            docs = tally.actors.pop(name)
            docs.aliases.add(name)
            if canonical in tally.actors:
                tally.actors[canonical].absorb(docs)
            else:
                tally.actors[canonical] = docs


def _audit_one(source: str, tally: _SourceLean, others: list[_SourceLean], n_bootstrap: int,
               confidence: float, seed: int, min_mentions: int, top_actors: int | None) -> SourceAudit:
    total_voice = sum(a.voice for a in tally.actors.values())
    actors: list[ActorAudit] = []
    favours: list[str] = []
    disfavours: list[str] = []
    tested: list[tuple[float, str, float, _ActorDocs]] = []  # (p, actor, difference, its documents)
    evidence: dict[str, list[dict[str, Any]]] = {}
    ranked = sorted(tally.actors.items(), key=lambda kv: (-sum(kv[1].mentions), kv[0]))
    for name, docs in ranked:
        mentions = sum(docs.mentions)
        if mentions < min_mentions:
            continue
        tones = np.asarray(docs.tones)
        weights = np.asarray(docs.mentions, dtype=np.float64)
        tone = float((tones * weights).sum() / weights.sum())
        low, high = weighted_mean_ci(tones, weights, n_bootstrap, confidence,
                                     np.random.default_rng([seed, zlib.crc32(f"{source}\0{name}".encode())]))
        # One document gives a zero-width interval that says nothing about the source's habit.
        direction = ("one document" if len(docs.tones) < 2 else "favourable" if low > DIRECTION_MARGIN
                     else "unfavourable" if high < -DIRECTION_MARGIN else "neutral")
        others_tone = diff = p_value = None
        other_tones = [(t, m) for o in others if name in o.actors
                       for t, m in zip(o.actors[name].tones, o.actors[name].mentions, strict=True)]
        other_mentions = sum(m for _, m in other_tones)
        if (other_mentions >= min_mentions and len(other_tones) >= COMPARE_MIN_DOCUMENTS
                and len(docs.tones) >= COMPARE_MIN_DOCUMENTS):
            others_tone = sum(t * m for t, m in other_tones) / other_mentions
            diff = tone - others_tone
            if abs(diff) >= FAVOUR_MARGIN:
                other_values = np.asarray([t for t, _ in other_tones])
                other_weights = np.asarray([m for _, m in other_tones], dtype=np.float64)
                p_value = weighted_mean_difference_p(
                    diff, tones, weights, other_values, other_weights, n_bootstrap,
                    np.random.default_rng([seed, zlib.crc32(f"{source}\0{name}\0others".encode())]))
                tested.append((p_value, name, diff, docs))
        if top_actors is None or len(actors) < top_actors:
            actors.append(ActorAudit(name, docs.type, len(docs.tones), mentions, tone, low, high,
                                     docs.voice / total_voice if total_voice else 0.0, direction, others_tone, diff,
                                     p_value))
    # One test per compared actor, hundreds in a large corpus: at the 5% level, one in twenty actors
    # would be "favoured" by chance alone. The Benjamini-Hochberg step keeps the expected share of
    # false entries among those listed at 1 - confidence.
    for _, name, diff, docs in _benjamini_hochberg(tested, 1.0 - confidence):
        (favours if diff > 0 else disfavours).append(name)
        evidence[name] = _evidence(docs.examples, favourable=diff > 0)
    frames = _frame_shares([tally])
    frame_diff: dict[str, float] | None = None
    overused: list[str] = []
    underused: list[str] = []
    loaded = _mean(tally.loaded)
    loaded_diff = None
    if others:
        other_frames = _frame_shares(others)
        if frames and other_frames:
            names = _frame_names([tally, *others])
            frames = {f: frames.get(f, 0.0) for f in names}
            other_frames = {f: other_frames.get(f, 0.0) for f in names}
            frame_diff = {f: frames[f] - other_frames[f] for f in names}
            for f in names:
                if frame_diff[f] >= OVERUSE_MARGIN and frames[f] >= OVERUSE_RATIO * other_frames[f]:
                    overused.append(f)
                elif -frame_diff[f] >= OVERUSE_MARGIN and other_frames[f] >= OVERUSE_RATIO * frames[f]:
                    underused.append(f)
        other_loaded = _mean([v for o in others for v in o.loaded])
        if loaded is not None and other_loaded is not None:
            loaded_diff = loaded - other_loaded
    return SourceAudit(
        source=source, documents=tally.documents, lean_documents=tally.lean_documents, actors=actors,
        frames=frames, dominant_frame=max(frames, key=lambda f: (frames[f], f)) if frames else None,
        loaded_density=loaded, mean_compound=_mean(tally.compound), charged_share=_mean(tally.charged),
        frame_vs_others=frame_diff, loaded_density_vs_others=loaded_diff, favours=favours, disfavours=disfavours,
        overused_frames=overused, underused_frames=underused, evidence=evidence,
    )


def _evidence(examples: list[tuple[float, str]], favourable: bool) -> list[dict[str, Any]]:
    """The sentences leaning furthest the given way, distinct, strongest first (a sentence naming the
    actor twice is shown once, with its stronger tone)."""
    sign = 1.0 if favourable else -1.0
    strongest: dict[str, float] = {}
    for t, s in examples:
        if t * sign > 0 and t * sign > strongest.get(s, 0.0) * sign:
            strongest[s] = t
    ranked = sorted(strongest.items(), key=lambda e: (-e[1] * sign, e[0]))
    return [{"tone": round(t, 4), "sentence": s} for s, t in ranked[:EVIDENCE_SENTENCES]]


def weighted_mean_ci(values: np.ndarray, weights: np.ndarray, n_bootstrap: int, confidence: float,
                     rng: np.random.Generator) -> tuple[float, float]:
    """Percentile bootstrap CI of a weighted mean, resampling (value, weight) pairs."""
    means = _bootstrap_weighted_means(values, weights, n_bootstrap, rng)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(low), float(high)


# Resampled values drawn at once, at most: an actor of a 100,000-document corpus is resampled in
# slices rather than as one 1000 x 100,000 matrix.
_BOOTSTRAP_CELLS = 2_000_000


def _bootstrap_weighted_means(values: np.ndarray, weights: np.ndarray, n_bootstrap: int,
                              rng: np.random.Generator) -> np.ndarray:
    n = len(values)
    rows = max(1, _BOOTSTRAP_CELLS // n)
    out = []
    for done in range(0, n_bootstrap, rows):
        picks = rng.integers(0, n, size=(min(rows, n_bootstrap - done), n))
        w = weights[picks]
        out.append((values[picks] * w).sum(axis=1) / w.sum(axis=1))
    return np.concatenate(out)


def weighted_mean_difference_p(difference: float, values: np.ndarray, weights: np.ndarray,
                               other_values: np.ndarray, other_weights: np.ndarray, n_bootstrap: int,
                               rng: np.random.Generator) -> float:
    """Two-sided p-value of a difference of weighted means, from its bootstrap standard error (the
    documents of each side resampled on their own: both tones are estimates, so the difference must
    hold up under the others' noise too, not this source's alone) and the normal approximation (a
    percentile count of 1,000 resamples cannot go below 0.001, too coarse for many tests)."""
    diffs = (_bootstrap_weighted_means(values, weights, n_bootstrap, rng)
             - _bootstrap_weighted_means(other_values, other_weights, n_bootstrap, rng))
    se = float(np.std(diffs))
    if se == 0.0:
        return 0.0 if difference else 1.0
    return math.erfc(abs(difference) / se / math.sqrt(2.0))


def _benjamini_hochberg(tested: list[tuple[float, str, float, _ActorDocs]],
                        rate: float) -> list[tuple[float, str, float, _ActorDocs]]:
    """The tests the Benjamini-Hochberg procedure rejects at false-discovery rate `rate`, in their
    original order."""
    order = sorted(range(len(tested)), key=lambda i: (tested[i][0], i))
    m = len(tested)
    passed = 0
    for rank, i in enumerate(order, start=1):
        if tested[i][0] <= rate * rank / m:
            passed = rank
    keep = set(order[:passed])
    return [t for i, t in enumerate(tested) if i in keep]


def _frame_names(tallies: list[_SourceLean]) -> list[str]:
    """Every frame the framing rubric reported for these sources, in the order it reported them."""
    return list(dict.fromkeys(f for t in tallies for f in t.frame_sums))


def _frame_shares(tallies: list[_SourceLean]) -> dict[str, float]:
    count = sum(t.frame_documents for t in tallies)
    if not count:
        return {}
    names = _frame_names(tallies)
    sums = {f: sum(t.frame_sums.get(f, 0.0) for t in tallies) for f in names}
    total = sum(sums.values()) or 1.0
    return {f: sums[f] / total for f in names}


def _rubric_view(item: Any, acc: AuditAccumulator) -> tuple[str, dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]]]:
    """(source, {rubric: (features, details)}), noting the profile and rubric versions."""
    if isinstance(item, Mapping):
        if not acc.profile and isinstance(item.get("profile"), Mapping):
            acc.profile = {k: str(v) for k, v in item["profile"].items()}
        rubrics = item.get("rubrics") or {}
        for name, entry in rubrics.items():
            acc.rubric_versions.setdefault(name, str(entry.get("version", "")))
        return str(item.get("source") or "unknown"), {
            name: (entry.get("features") or {}, entry.get("details") or {}) for name, entry in rubrics.items()}
    if not acc.profile:
        acc.profile = {"name": item.profile_name, "hash": item.profile_hash}
    for name, result in item.results.items():
        acc.rubric_versions.setdefault(name, result.version)
    return item.doc.source or "unknown", {name: (r.features, r.details) for name, r in item.results.items()}


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)) and np.isfinite(value):
        return float(value)
    return 0.0


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)
