"""The ingestion gate: keep or reject a document, with stable reason slugs.

`Gate(profile).decide(doc)` scores one document and returns a `Verdict`; `Gate.stream(docs)`
does it lazily for many (optionally with worker processes, in input order) and counts the
outcomes per reason, like datatrove's `dropped_<reason>` stats.

What rejects a document comes from the profile: its `[thresholds]` table (minimum score per
rubric) and its `[gate]` table, whose keys are documented in GATE_KEYS below and in the
README ("Gate"). Every reason is a stable slug; thresholds inside a slug are formatted from
the configured value (`boilerplate_ratio_above_0.5`), so changing the profile changes the slug
and a counter can never silently mean something else.

Repair, beside keep-or-reject (as datatrove has modifiers beside its filters): with `repair`
the verdict carries the text with its boilerplate and link-farm lines removed (`Repair`), for
the caller to store in the kept record. With `strip_max_share` too, a document rejected while
those lines are at most that share of its characters is scored again without them, and kept
(its clean text) when the clean text passes: one teaser line at the end of a good article no
longer loses the article. Removed spans are offsets into the original text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scoring.core.document import Document, LoadError
from scoring.core.shapes import BOILERPLATE_RUBRIC, CONTENT_LABEL, LINK_FARM_FLAG, line_labels
from scoring.engine.parallel import ordered_batches
from scoring.engine.pipeline import SCORING_FAILED, DocumentResult, Scorer, scoring_failure
from scoring.engine.profile import Profile, ProfileError, as_profile
from scoring.inputs.records import EMPTY_TEXT, TEXT_NOT_STRING

# Reasons that do not depend on the profile (input problems and engine failures).
# Record problems (empty_text, missing_text, text_not_string, malformed_json, not_an_object,
# number_too_long, nested_too_deeply) are named where records are parsed: scoring.inputs.records.
TEXT_TOO_LARGE = "text_too_large"
LINE_TOO_LARGE = "line_too_large"
UNDECODABLE = "undecodable"
BLANK_LINE = "blank_line"
UNREADABLE = "unreadable"
RUBRIC_ERROR = "rubric_error"
NO_SCORE = "no_score"
INTERNAL_ERROR = "internal_error"  # reading the line failed unexpectedly (a bug: the stream goes on)

DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_REPAIR_FIELD = "clean_text"

# The keys of a profile's [gate] table and what each one means (also shown in README "Gate").
GATE_KEYS: dict[str, str] = {
    "min_score": "number in [0,1]: reject when the document score is below it (reason score_below_<min>)",
    "max_chars": f"positive integer: reject longer texts unscored (reason {TEXT_TOO_LARGE}; "
                 f"default {DEFAULT_MAX_CHARS:,})",
    "on_rubric_error": f'"reject" (default, reason {RUBRIC_ERROR}) or "keep": what to do when a rubric raised',
    "flags": "table flag = reason slug: reject when a rubric raises that flag, with that reason",
    "features": "table of rules name = {rubric, feature, above|below}: reject when the rubric's feature is "
                "above/below the value (reason <name>_above_<value> / <name>_below_<value>)",
    "repair": "true or false (default): give kept documents their text without boilerplate and link-farm "
              "lines (in the field repair_field)",
    "repair_field": f'field that receives the repaired text (default "{DEFAULT_REPAIR_FIELD}"); naming the '
                    "text field itself replaces the original",
    "strip_max_share": "number in [0,1] (default 0), needs repair: a document rejected while its boilerplate "
                       "and link-farm lines are at most this share of its characters is scored again without "
                       "them and kept, repaired, when it then passes",
}
_SLUG = re.compile(r"^[a-z][a-z0-9_.]*$")


class GateConfigError(ProfileError):
    """A [gate] table that cannot be used; the message names the profile and the key."""


@dataclass(frozen=True)
class Repair:
    """The text with its boilerplate and link-farm lines removed, and what was removed.

    `removed` holds (start, end, label) spans in ORIGINAL-text offsets; `rescored` says the
    verdict's scores are those of the repaired text (the document was kept by stripping it),
    and `waived` the reasons the original text was rejected for.
    """

    field: str
    text: str
    removed: tuple[tuple[int, int, str], ...] = ()
    rescored: bool = False
    waived: tuple[str, ...] = ()

    def to_dict(self, text_field: str = "text") -> dict[str, Any]:
        return {"field": self.field, "removed": [list(span) for span in self.removed],
                "removed_chars": sum(end - start for start, end, _ in self.removed),
                "offsets_in": text_field, "scores_of": self.field if self.rescored else text_field,
                "waived": list(self.waived)}


@dataclass(frozen=True)
class Verdict:
    """The gate's decision on one document.

    `scores` maps each rubric that ran to its score; `score` is the document score; `reasons`
    is empty exactly when `keep` is True. `result` (the full DocumentResult, with evidence)
    is only present when the document was scored in this process.
    """

    keep: bool
    reasons: tuple[str, ...]
    scores: Mapping[str, float] = field(default_factory=dict)
    score: float | None = None
    flags: tuple[str, ...] = ()
    id: str | None = None
    detail: str = ""
    result: DocumentResult | None = field(default=None, compare=False, repr=False)
    repair: Repair | None = None

    @classmethod
    def reject(cls, reason: str, id: str | None = None, detail: str = "") -> Verdict:
        """A verdict for an input that never reached the rubrics."""
        return cls(keep=False, reasons=(reason,), id=id, detail=detail)

    def to_dict(self, text_field: str = "text") -> dict[str, Any]:
        """JSON-able summary (what `sourcegauge gate --annotate` adds as the `sourcegauge` field).

        With a repair, `repair` says which field holds the repaired text, the removed spans (as
        offsets into `text_field`, the original) and which text the scores are of."""
        out = {
            "keep": self.keep,
            "reasons": list(self.reasons),
            "score": None if self.score is None else round(self.score, 6),
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
            "flags": list(self.flags),
        }
        if self.repair is not None:
            out["repair"] = self.repair.to_dict(text_field)
        return out


@dataclass(frozen=True)
class FeatureRule:
    name: str
    rubric: str
    feature: str
    limit: float
    above: bool  # True: reject when feature > limit; False: reject when feature < limit

    @property
    def reason(self) -> str:
        return f"{self.name}_{'above' if self.above else 'below'}_{format_threshold(self.limit)}"

    def fires(self, value: float) -> bool:
        return value > self.limit if self.above else value < self.limit


@dataclass(frozen=True)
class GateRules:
    """A validated [gate] table plus the profile's per-rubric minimums."""

    min_score: float | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    reject_on_rubric_error: bool = True
    flags: Mapping[str, str] = field(default_factory=dict)
    features: tuple[FeatureRule, ...] = ()
    rubric_minimums: Mapping[str, float] = field(default_factory=dict)
    repair: bool = False
    repair_field: str = DEFAULT_REPAIR_FIELD
    strip_max_share: float = 0.0

    def reasons(self) -> list[str]:
        """Every score-dependent reason slug these rules can produce."""
        out = [f"{rubric}_score_below_{format_threshold(v)}" for rubric, v in self.rubric_minimums.items()]
        out += [rule.reason for rule in self.features]
        out += list(dict.fromkeys(self.flags.values()))
        if self.min_score is not None:
            out.append(f"score_below_{format_threshold(self.min_score)}")
        return out


def format_threshold(value: float) -> str:
    """How a configured number appears inside a reason slug: 0.5 -> '0.5', 1.0 -> '1', 0.25 -> '0.25'."""
    return f"{value:g}"


def parse_gate_table(profile: Profile) -> GateRules:
    """Validate `profile.gate` (the [gate] TOML table) into rules; errors name the key."""
    where = f"{profile.source}: [gate]"
    table = dict(profile.gate)
    unknown = sorted(set(table) - set(GATE_KEYS))
    if unknown:
        raise GateConfigError(f"{where}: unknown key {unknown[0]!r}; known keys: {', '.join(GATE_KEYS)}")
    min_score = table.get("min_score")
    if min_score is not None and not _is_number_in(min_score, 0.0, 1.0):
        raise GateConfigError(f"{where}: min_score must be a number in [0, 1], got {min_score!r}")
    max_chars = table.get("max_chars", DEFAULT_MAX_CHARS)
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise GateConfigError(f"{where}: max_chars must be a positive integer, got {max_chars!r}")
    on_error = table.get("on_rubric_error", "reject")
    if on_error not in ("reject", "keep"):
        raise GateConfigError(f'{where}: on_rubric_error must be "reject" or "keep", got {on_error!r}')
    flags = table.get("flags", {})
    if not isinstance(flags, dict):
        raise GateConfigError(f"{where}: flags must be a table of flag = reason slug")
    for flag, reason in flags.items():
        if not isinstance(reason, str) or not _SLUG.match(reason):
            raise GateConfigError(f"{where}: flags.{flag}: reason must be a slug like 'spam_{flag}' "
                                  f"(lowercase letters, digits, _ and .), got {reason!r}")
    repair = table.get("repair", False)
    if not isinstance(repair, bool):
        raise GateConfigError(f"{where}: repair must be true or false, got {repair!r}")
    repair_field = table.get("repair_field", DEFAULT_REPAIR_FIELD)
    if not isinstance(repair_field, str) or not repair_field:
        raise GateConfigError(f"{where}: repair_field must be a field name, got {repair_field!r}")
    strip = table.get("strip_max_share", 0.0)
    if not _is_number_in(strip, 0.0, 1.0):
        raise GateConfigError(f"{where}: strip_max_share must be a number in [0, 1], got {strip!r}")
    if strip and not repair:
        raise GateConfigError(f"{where}: strip_max_share needs repair = true (a document kept by stripping "
                              "lines must be stored without them)")
    return GateRules(
        repair=repair, repair_field=repair_field, strip_max_share=float(strip),
        min_score=None if min_score is None else float(min_score),
        max_chars=max_chars,
        reject_on_rubric_error=on_error == "reject",
        flags=dict(flags),
        features=_feature_rules(table.get("features", {}), where),
        rubric_minimums=dict(profile.thresholds),
    )


def _feature_rules(table: Any, where: str) -> tuple[FeatureRule, ...]:
    from scoring.engine.registry import available_rubrics

    if not isinstance(table, dict):
        raise GateConfigError(f"{where}: features must be a table of [gate.features.<name>] rules")
    known = available_rubrics()
    rules: list[FeatureRule] = []
    for name, rule in table.items():
        key = f"{where}: features.{name}"
        if not _SLUG.match(name):
            raise GateConfigError(f"{key}: rule names become reason slugs: use lowercase letters, digits and _")
        if not isinstance(rule, dict):
            raise GateConfigError(f"{key}: must be a table with rubric, feature and above or below")
        extra = sorted(set(rule) - {"rubric", "feature", "above", "below"})
        if extra:
            raise GateConfigError(f"{key}: unknown key {extra[0]!r}; use rubric, feature, above or below")
        rubric, feature = rule.get("rubric"), rule.get("feature")
        if rubric not in known:
            raise GateConfigError(f"{key}: rubric {rubric!r} is not registered; available: {', '.join(known)}")
        if not isinstance(feature, str) or not feature:
            raise GateConfigError(f"{key}: feature must be the name of one of {rubric}'s features")
        if ("above" in rule) == ("below" in rule):
            raise GateConfigError(f"{key}: give exactly one of above or below")
        above = "above" in rule
        limit = rule["above" if above else "below"]
        if not _is_number_in(limit, -math.inf, math.inf):
            raise GateConfigError(f"{key}: {'above' if above else 'below'} must be a number, got {limit!r}")
        rules.append(FeatureRule(name, rubric, feature, float(limit), above))
    return tuple(rules)


def _is_number_in(value: Any, lo: float, hi: float) -> bool:
    return (not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
            and lo <= value <= hi)


class Gate:
    """Keep-or-reject decisions from a profile. Build once; `decide` per document.

    `stats` counts like datatrove: `total`, `kept`, `dropped` and `dropped_<reason>` for every
    reason of every rejected document (a document with two reasons counts in both).
    """

    def __init__(self, profile: Profile | str | Path = "default", rubrics: Iterable[str] | None = None,
                 max_chars: int | None = None, repair: bool | None = None, repair_field: str | None = None,
                 strip_max_share: float | None = None) -> None:
        self.profile = as_profile(profile, rubrics)
        self.rules = parse_gate_table(self.profile)
        if max_chars is not None:  # a caller's limit (CLI --max-chars) overrides the profile's
            if max_chars < 1:
                raise GateConfigError(f"max_chars must be a positive integer, got {max_chars!r}")
            self.rules = replace(self.rules, max_chars=max_chars)
        # A caller's repair settings (CLI --repair, --repair-field, --strip-max-share) override the profile's.
        if repair is not None:
            self.rules = replace(self.rules, repair=repair)
        if repair_field is not None:
            if not repair_field:
                raise GateConfigError("repair_field must be a field name")
            self.rules = replace(self.rules, repair_field=repair_field)
        if strip_max_share is not None:
            if not _is_number_in(strip_max_share, 0.0, 1.0):
                raise GateConfigError(f"strip_max_share must be in [0, 1], got {strip_max_share!r}")
            self.rules = replace(self.rules, strip_max_share=float(strip_max_share))
        if self.rules.strip_max_share and not self.rules.repair:
            raise GateConfigError("strip_max_share needs repair (a document kept by stripping lines must be "
                                  "stored without them)")
        self._scorer: Scorer | None = None
        self.stats: Counter[str] = Counter()

    @property
    def scorer(self) -> Scorer:
        # Built on first use, so a Gate is cheap to create and to pickle before it works.
        if self._scorer is None:
            self._scorer = Scorer(self.profile)
        return self._scorer

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_scorer"] = None  # rubrics are rebuilt in the receiving process
        return state

    @property
    def reasons(self) -> Counter[str]:
        """Rejections per reason slug so far."""
        return Counter({k.removeprefix("dropped_"): v for k, v in self.stats.items() if k.startswith("dropped_")})

    def precheck(self, doc: Document) -> Verdict | None:
        """A rejection that needs no scoring (empty or oversized text), or None."""
        if not isinstance(doc.text, str):
            return Verdict.reject(TEXT_NOT_STRING, doc.id, f"text is a {type(doc.text).__name__}")
        if not doc.text.strip():
            return Verdict.reject(EMPTY_TEXT, doc.id, "text is empty or white space")
        if len(doc.text) > self.rules.max_chars:
            return Verdict.reject(TEXT_TOO_LARGE, doc.id,
                                  f"text has {len(doc.text):,} characters, above max_chars {self.rules.max_chars:,}")
        return None

    def decide(self, document: Document | str) -> Verdict:
        """Score one document (or plain string) and say whether to keep it, and why not."""
        doc = Document(id="text", text=document) if isinstance(document, str) else document
        early = self.precheck(doc)
        if early is not None:
            return early
        return self.assess(doc)

    def assess(self, doc: Document) -> Verdict:
        """Score a (prechecked) document and judge it, repairing it when the rules say so."""
        result = self.scorer.score(doc)
        verdict = self.judge(result)
        if not self.rules.repair:
            return verdict
        removed = strippable_lines(result)
        repaired = without_spans(doc.text, removed)
        repair = Repair(self.rules.repair_field, repaired, removed)
        share = sum(end - start for start, end, _ in removed) / max(1, len(doc.text))
        if verdict.keep or not removed or share > self.rules.strip_max_share or not repaired.strip():
            return replace(verdict, repair=repair)
        second = self.judge(self.scorer.score(replace(doc, text=repaired)))
        if not second.keep:
            return replace(verdict, repair=repair)
        return replace(second, repair=replace(repair, rescored=True, waived=verdict.reasons))

    def judge(self, result: DocumentResult) -> Verdict:
        """The verdict for an already scored document."""
        rules = self.rules
        reasons: list[str] = []
        if result.rubric_errors and rules.reject_on_rubric_error:
            reasons.append(RUBRIC_ERROR)
        for rubric, minimum in rules.rubric_minimums.items():
            res = result.results.get(rubric)
            if res is not None and res.score < minimum:
                reasons.append(f"{rubric}_score_below_{format_threshold(minimum)}")
        for rule in rules.features:
            res = result.results.get(rule.rubric)
            value = res.features.get(rule.feature) if res is not None else None
            if value is not None and math.isfinite(value) and rule.fires(float(value)):
                reasons.append(rule.reason)
        for flag in result.flags:
            reason = rules.flags.get(flag)
            if reason is not None:
                reasons.append(reason)
        if rules.min_score is not None:
            if result.score is None:
                reasons.append(NO_SCORE)
            elif result.score < rules.min_score:
                reasons.append(f"score_below_{format_threshold(rules.min_score)}")
        unique = tuple(dict.fromkeys(reasons))
        return Verdict(
            keep=not unique,
            reasons=unique,
            scores={name: r.score for name, r in result.results.items()},
            score=result.score,
            flags=result.flags,
            id=result.doc.id,
            detail="; ".join(f"{k}: {v}" for k, v in result.rubric_errors.items()),
            result=result,
        )

    def count(self, verdict: Verdict) -> Verdict:
        """Add one verdict to `stats` (stream does this for you) and return it."""
        self.stats["total"] += 1
        if verdict.keep:
            self.stats["kept"] += 1
            if verdict.repair is not None and verdict.repair.rescored:
                self.stats["repaired"] += 1
        else:
            self.stats["dropped"] += 1
            for reason in verdict.reasons:
                self.stats[f"dropped_{reason}"] += 1
        return verdict

    def stream(self, items: Iterable[Document | str | LoadError | Verdict], jobs: int = 1,
               batch_size: int = 16) -> Iterator[Verdict]:
        """Verdicts for `items`, lazily and in input order, counted in `stats`.

        Items may be Documents, plain strings, LoadErrors (rejected as `unreadable`) or
        ready-made Verdicts (passed through and counted: how callers account for inputs
        they rejected before they became documents). With `jobs > 1` documents are scored in
        that many worker processes, a bounded number of batches in flight.
        """
        prepared = (self._prepare(item) for item in items)
        verdicts = self._decide_all(prepared) if jobs <= 1 else _ordered_verdicts(self, prepared, jobs, batch_size)
        for verdict in verdicts:
            yield self.count(verdict)

    def _prepare(self, item: Document | str | LoadError | Verdict) -> Document | Verdict:
        if isinstance(item, Verdict):
            return item
        if isinstance(item, LoadError):
            return Verdict.reject(UNREADABLE, item.id or item.path, item.reason)
        doc = Document(id="text", text=item) if isinstance(item, str) else item
        return self.precheck(doc) or doc

    def _decide_all(self, prepared: Iterable[Document | Verdict]) -> Iterator[Verdict]:
        for item in prepared:
            yield item if isinstance(item, Verdict) else _scored_verdict(self, item)


def _scored_verdict(gate: Gate, doc: Document) -> Verdict:
    """The verdict on a scored (and perhaps repaired) document; a failure of scoring itself
    (outside any rubric) is that document's rejection, not the end of the stream."""
    try:
        return gate.assess(doc)
    except Exception as exc:  # noqa: BLE001
        return Verdict.reject(SCORING_FAILED, doc.id, scoring_failure(exc))


def strippable_lines(result: DocumentResult) -> tuple[tuple[int, int, str], ...]:
    """(start, end, label) of every line the boilerplate rubric labelled as not content and of every
    line holding a link-farm span, in original offsets, merged and in order."""
    spans: list[tuple[int, int, str]] = []
    boilerplate = result.results.get(BOILERPLATE_RUBRIC)
    if boilerplate is not None:
        spans += [row for row in line_labels(boilerplate.details) if row[2] != CONTENT_LABEL]
    text = result.doc.text
    for rubric in result.results.values():
        for flag in rubric.flags:
            if flag.name == LINK_FARM_FLAG:
                for ev in flag.evidence:
                    start = text.rfind("\n", 0, ev.start) + 1
                    end = text.find("\n", ev.end)
                    spans.append((start, len(text) if end < 0 else end, LINK_FARM_FLAG))
    merged: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
        else:
            merged.append((start, end, label))
    return tuple(merged)


def without_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """`text` without the spans, each with the line break that ends it, so no blank line is left."""
    pieces, position = [], 0
    for start, end, _ in spans:
        pieces.append(text[position:start])
        position = end + 1 if text[end:end + 1] == "\n" else end
    pieces.append(text[position:])
    out = "".join(pieces)
    return out[:-1] if out.endswith("\n") and not text.endswith("\n") else out


# --- worker processes -------------------------------------------------------------------------

_worker_gate: Gate | None = None  # per worker process, set once by the initializer


def _init_worker(gate: Gate) -> None:
    global _worker_gate
    _worker_gate = gate


def _decide_batch(batch: list[Document | Verdict]) -> list[Verdict]:
    assert _worker_gate is not None
    # The full DocumentResult (evidence, text) stays in the worker: only the verdict travels back.
    return [item if isinstance(item, Verdict) else _strip(_scored_verdict(_worker_gate, item)) for item in batch]


def _strip(verdict: Verdict) -> Verdict:
    return replace(verdict, result=None)


def _ordered_verdicts(gate: Gate, items: Iterable[Document | Verdict], jobs: int,
                      batch_size: int) -> Iterator[Verdict]:
    """Like scoring.engine.pipeline.ordered_map, for verdicts: input order, bounded memory."""
    for _, verdicts in ordered_batches(items, _decide_batch, jobs, batch_size, _init_worker, (gate,)):
        yield from verdicts


# --- one Gate per process, for the DataFrame adapters ----------------------------------------

_PROCESS_GATES: dict[str, Gate] = {}
GATE_CONSTRUCTIONS: Counter[str] = Counter()  # per profile hash, in this process (tests read it)


def process_gate(profile: Profile) -> Gate:
    """The Gate for `profile` in this process, built once (so lexicons load once per worker)."""
    gate = _PROCESS_GATES.get(profile.hash)
    if gate is None:
        gate = Gate(profile)
        gate.scorer  # noqa: B018 - build the rubrics now, once
        _PROCESS_GATES[profile.hash] = gate
        GATE_CONSTRUCTIONS[profile.hash] += 1
    return gate
