"""Source ranking: per-source statistics and a ranking by the lower confidence bound.

Documents are grouped by `Document.source` (the loader's source rules: sidecar meta.csv,
record field, HTML site name, URL host, folder name). Per source we report the number of
documents, how many have a score, the source score (the trimmed mean of its document scores),
mean/median/standard deviation of the document score, per-rubric mean scores, the mean
contribution of each part of the document score (per model feature under a fitted model, per
rubric under a weighted mean: what makes the source rank where it does), flag rates (share of
scored documents raising each flag) and a bootstrap confidence interval of the source score.

The source score is robust to a few outlying documents: the mean of the document scores after
dropping the lowest and the highest `TRIM_SHARE` (10%) of them (floor(0.1 n) at each end, so
below 10 documents it is the plain mean). One scraped index page or one wire story among an
outlet's articles then moves it by at most a tenth of its spread.

Method (the same for every source, documented in README "Source ranking"):

1. Pooled spread. sigma2_pooled = sum_i (n_i - 1) s_i^2 / sum_i (n_i - 1), the within-source
   variance of document scores pooled over every source with two or more scored documents
   (falling back to the variance of all scores, floored at MIN_PRIOR_SD^2).
2. Shrunk spread per source. s2_eff = (prior_df * sigma2_pooled + (n - 1) s^2) / (prior_df + n - 1):
   a source's own variance counts as much as its n - 1 degrees of freedom justify; with few
   documents it is the pooled spread (the conjugate normal / scaled-inverse-chi^2 update with
   `prior_df` pseudo degrees of freedom). Two lucky documents with nearly equal scores do
   not make a source look precisely good.
3. Smoothed bootstrap. B replicates (default 2000): resample the source's n scores with
   replacement and take their trimmed mean (as for the source score); draw a spread sigma2_b = dof * s2_eff / chi2(dof) with
   dof = prior_df + n - 1 (the posterior of the variance), and add N(0, h_b^2 / n) with
   h_b^2 = max(0, sigma2_b - s2_plugin), where s2_plugin is the plain bootstrap's own variance
   (ddof 0). The replicate means then vary like a Student-t with dof degrees of freedom and
   scale sqrt(s2_eff / n); for a large source h_b ~ 0 and this is the ordinary percentile
   bootstrap of the trimmed mean.
4. Interval. ci_low, ci_high = the (1-c)/2 and (1+c)/2 percentiles of the replicates
   (c = `confidence`, default 0.95), clipped to [0, 1].
5. Ranking. Sources with at least `min_documents` scored documents come first, ordered by
   ci_low (descending), then score, then name; then sources below the minimum, in the same
   order, marked `below_min_documents`; then sources without any scored document.

Reproducibility: each source draws from its own numpy Generator seeded with
[seed, crc32(source name)] (default seed DEFAULT_SEED), so a source's interval does not
depend on which other sources are in the run (other than through sigma2_pooled) or on
input order; the same inputs and seed give the same numbers.

Memory: `rank_sources` consumes its input lazily and keeps one float per scored document
plus per-source counters, so it can sit at the end of `score_corpus` over a large corpus.
"""

from __future__ import annotations

import statistics
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from scoring.core.document import LoadError

DEFAULT_SEED = 20250101
DEFAULT_BOOTSTRAP = 2000
DEFAULT_CONFIDENCE = 0.95
DEFAULT_MIN_DOCUMENTS = 5
DEFAULT_PRIOR_DF = 5.0
MIN_PRIOR_SD = 0.02
# Share of a source's document scores dropped at each end before averaging (the source score).
TRIM_SHARE = 0.1
# How many of the largest mean contributions a ranking row shows (to_dict, tables).
TOP_CONTRIBUTIONS = 5
# Bound the bootstrap's working array (replicates x documents) to ~16 MB of float64.
_MAX_DRAWS_PER_CHUNK = 2_000_000


@dataclass(frozen=True)
class DocView:
    """What ranking and auditing need from one scored document (a result or a JSON record)."""

    source: str
    score: float | None
    rubric_scores: Mapping[str, float]
    flags: tuple[str, ...]
    error: bool = False
    # Signed parts of the document score (record "contributions"; see scoring.engine.aggregate).
    contributions: Mapping[str, float] = field(default_factory=dict)


def view(item: Any) -> DocView:
    """A DocView of a DocumentResult, a LoadError, or a `sourcegauge score` JSON record."""
    if isinstance(item, LoadError):
        return DocView(item.source or "unknown", None, {}, (), error=True)
    if isinstance(item, Mapping):
        if "error" in item:
            return DocView(str(item.get("source") or "unknown"), None, {}, (), error=True)
        rubrics = item.get("rubrics") or {}
        return DocView(str(item.get("source") or "unknown"), item.get("score"),
                       {k: float(v["score"]) for k, v in rubrics.items()}, tuple(item.get("flags") or ()),
                       contributions=_numbers(item.get("contributions")))
    return DocView(item.doc.source or "unknown", item.score,
                   {k: r.score for k, r in item.results.items()}, tuple(item.flags),
                   contributions=item.breakdown.contributions if item.breakdown else {})


def _numbers(table: Any) -> dict[str, float]:
    if not isinstance(table, Mapping):
        return {}
    return {str(k): float(v) for k, v in table.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def ranking_record(item: Any) -> dict[str, Any]:
    """The part of a DocumentResult that ranking reads, as a `sourcegauge score`-style record.

    Passed as `score_corpus(map_result=ranking_record)`, it runs in the worker processes, so
    the parent receives a few numbers per document instead of rebuilding every result.
    """
    return {
        "source": item.doc.source,
        "score": item.score,
        "flags": list(item.flags),
        "contributions": dict(item.breakdown.contributions) if item.breakdown else {},
        "rubrics": {name: {"score": r.score, "version": r.version} for name, r in item.results.items()},
        "profile": {"name": item.profile_name, "hash": item.profile_hash},
    }


@dataclass
class _SourceTally:
    documents: int = 0
    unreadable: int = 0
    scores: list[float] = field(default_factory=list)
    rubric_sums: dict[str, float] = field(default_factory=dict)
    rubric_counts: dict[str, int] = field(default_factory=dict)
    flag_counts: dict[str, int] = field(default_factory=dict)
    contribution_sums: dict[str, float] = field(default_factory=dict)


class SourceAccumulator:
    """Per-source tallies, fed one document at a time (constant memory per document)."""

    def __init__(self) -> None:
        self.sources: dict[str, _SourceTally] = {}
        self.profile: dict[str, str] | None = None
        self.rubric_versions: dict[str, str] = {}

    def add(self, item: Any) -> None:
        doc = view(item)
        tally = self.sources.setdefault(doc.source, _SourceTally())
        if doc.error:
            tally.unreadable += 1
            return
        tally.documents += 1
        if doc.score is not None:
            tally.scores.append(float(doc.score))
            for part, value in doc.contributions.items():
                tally.contribution_sums[part] = tally.contribution_sums.get(part, 0.0) + value
        for name, value in doc.rubric_scores.items():
            tally.rubric_sums[name] = tally.rubric_sums.get(name, 0.0) + value
            tally.rubric_counts[name] = tally.rubric_counts.get(name, 0) + 1
        for flag in set(doc.flags):
            tally.flag_counts[flag] = tally.flag_counts.get(flag, 0) + 1
        self._note_provenance(item)

    def _note_provenance(self, item: Any) -> None:
        if isinstance(item, Mapping):
            if self.profile is None and isinstance(item.get("profile"), Mapping):
                self.profile = {k: str(v) for k, v in item["profile"].items()}
            for name, entry in (item.get("rubrics") or {}).items():
                self.rubric_versions.setdefault(name, str(entry.get("version", "")))
            return
        if self.profile is None:
            self.profile = {"name": item.profile_name, "hash": item.profile_hash}
        for name, result in item.results.items():
            self.rubric_versions.setdefault(name, result.version)


@dataclass(frozen=True)
class SourceRanking:
    """One row of the ranking (see module docstring for how each number is computed)."""

    source: str
    rank: int
    documents: int
    scored: int
    unreadable: int
    score: float | None  # the source score: trimmed mean of the document scores (TRIM_SHARE)
    mean: float | None
    median: float | None
    std: float | None
    ci_low: float | None
    ci_high: float | None
    rubric_means: dict[str, float]
    flag_rates: dict[str, float]
    below_min_documents: bool
    profile: dict[str, str] = field(default_factory=dict)
    rubric_versions: dict[str, str] = field(default_factory=dict)
    # Mean signed contribution of each part of the document score over the scored documents,
    # largest magnitude first (model features "rubric.feature", or rubrics for a weighted mean).
    contributions: dict[str, float] = field(default_factory=dict)

    def top_contributions(self, limit: int = TOP_CONTRIBUTIONS) -> dict[str, float]:
        return dict(list(self.contributions.items())[:limit])

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "rank": self.rank, "documents": self.documents, "scored": self.scored,
            "unreadable": self.unreadable, "score": _r(self.score), "mean": _r(self.mean),
            "median": _r(self.median),
            "std": _r(self.std), "ci_low": _r(self.ci_low), "ci_high": _r(self.ci_high),
            "rubric_means": {k: _r(v) for k, v in self.rubric_means.items()},
            "contributions": {k: _r(v) for k, v in self.top_contributions().items()},
            "flag_rates": {k: _r(v) for k, v in self.flag_rates.items()},
            "below_min_documents": self.below_min_documents,
            "profile": dict(self.profile), "rubrics": dict(self.rubric_versions),
        }


def rank_sources(
    results: Iterable[Any],
    *,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
    prior_df: float = DEFAULT_PRIOR_DF,
) -> list[SourceRanking]:
    """Rank the sources of `results` (DocumentResults, LoadErrors or JSON records) by lower CI bound."""
    acc = SourceAccumulator()
    for item in results:
        acc.add(item)
    return rank_accumulated(acc, min_documents=min_documents, n_bootstrap=n_bootstrap,
                            confidence=confidence, seed=seed, prior_df=prior_df)


def rank_accumulated(
    acc: SourceAccumulator,
    *,
    min_documents: int = DEFAULT_MIN_DOCUMENTS,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
    prior_df: float = DEFAULT_PRIOR_DF,
) -> list[SourceRanking]:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    if n_bootstrap < 1:
        raise ValueError(f"n_bootstrap must be at least 1, got {n_bootstrap}")
    if prior_df < 0:
        raise ValueError(f"prior_df must be >= 0, got {prior_df}")
    pooled = pooled_variance([t.scores for t in acc.sources.values()])
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for source in sorted(acc.sources):
        tally = acc.sources[source]
        n = len(tally.scores)
        score = mean = median = std = low = high = None
        if n:
            # Sorted: the resampling (and float sums) then depend on the scores, not on input order.
            scores = np.sort(np.asarray(tally.scores, dtype=np.float64))
            mean = float(scores.mean())
            score = trimmed_mean(scores, TRIM_SHARE)
            median = float(statistics.median(tally.scores))
            std = float(scores.std(ddof=1)) if n > 1 else 0.0
            low, high = bootstrap_mean_ci(scores, pooled_var=pooled, prior_df=prior_df, n_bootstrap=n_bootstrap,
                                          confidence=confidence, rng=source_rng(seed, source), trim=TRIM_SHARE)
        below = n < min_documents
        tier = 2 if n == 0 else (1 if below else 0)
        key = (tier, -(low if low is not None else 0.0), -(score if score is not None else 0.0), source)
        denominator = max(tally.documents, 1)
        rows.append((key, {
            "source": source, "documents": tally.documents, "scored": n, "unreadable": tally.unreadable,
            "score": score, "mean": mean, "median": median, "std": std, "ci_low": low, "ci_high": high,
            "rubric_means": {k: tally.rubric_sums[k] / tally.rubric_counts[k] for k in sorted(tally.rubric_sums)},
            "flag_rates": {k: tally.flag_counts[k] / denominator for k in sorted(tally.flag_counts)},
            "below_min_documents": below,
            "contributions": dict(sorted(((k, v / n) for k, v in tally.contribution_sums.items()),
                                         key=lambda kv: (-abs(kv[1]), kv[0]))) if n else {},
        }))
    rows.sort(key=lambda row: row[0])
    profile = dict(acc.profile or {})
    versions = dict(sorted(acc.rubric_versions.items()))
    return [SourceRanking(rank=i, profile=profile, rubric_versions=versions, **fields)
            for i, (_, fields) in enumerate(rows, start=1)]


def source_rng(seed: int, source: str) -> np.random.Generator:
    """The Generator for one source: independent of the other sources and of input order."""
    return np.random.default_rng([seed, zlib.crc32(source.encode("utf-8"))])


def pooled_variance(groups: Iterable[list[float]]) -> float:
    """Within-group variance pooled over groups of two or more (see module docstring, step 1)."""
    total = 0.0
    dof = 0
    everything: list[float] = []
    for values in groups:
        everything.extend(values)
        if len(values) > 1:
            total += float(np.var(values, ddof=1)) * (len(values) - 1)
            dof += len(values) - 1
    if dof:
        variance = total / dof
    elif len(everything) > 1:
        variance = float(np.var(everything, ddof=1))
    else:
        variance = 0.0
    return max(variance, MIN_PRIOR_SD**2)


def trimmed_mean(sorted_scores: np.ndarray, trim: float) -> float:
    """Mean of sorted scores after dropping floor(trim * n) at each end."""
    cut = int(trim * len(sorted_scores))
    return float(sorted_scores[cut: len(sorted_scores) - cut].mean())


def bootstrap_mean_ci(
    scores: np.ndarray,
    *,
    pooled_var: float,
    prior_df: float = DEFAULT_PRIOR_DF,
    n_bootstrap: int = DEFAULT_BOOTSTRAP,
    confidence: float = DEFAULT_CONFIDENCE,
    rng: np.random.Generator,
    trim: float = 0.0,
) -> tuple[float, float]:
    """Smoothed percentile-bootstrap interval of the (trimmed, when `trim` > 0) mean with a shrunk
    spread (steps 2-4)."""
    n = len(scores)
    sample_var = float(scores.var(ddof=1)) if n > 1 else 0.0
    plugin_var = float(scores.var(ddof=0))
    effective_var = (prior_df * pooled_var + (n - 1) * sample_var) / (prior_df + n - 1) if prior_df + n > 1 \
        else pooled_var
    means = np.empty(n_bootstrap, dtype=np.float64)
    chunk = max(1, _MAX_DRAWS_PER_CHUNK // n)
    for start in range(0, n_bootstrap, chunk):
        stop = min(n_bootstrap, start + chunk)
        picks = rng.integers(0, n, size=(stop - start, n))
        cut = int(trim * n)
        if cut:
            # Sorting the drawn indices sorts the draws (scores is sorted): cheaper than sorting floats.
            picks.sort(axis=1)
            picks = picks[:, cut: n - cut]
        means[start:stop] = scores[picks].mean(axis=1)
    # Each replicate's spread is a posterior draw (scaled-inverse-chi^2 with dof = prior_df + n - 1
    # around effective_var), so few documents give Student-t-like tails, not normal ones.
    dof = prior_df + n - 1
    if dof > 0:
        spread = dof * effective_var / rng.chisquare(dof, size=n_bootstrap)
    else:
        spread = np.full(n_bootstrap, effective_var)
    extra_sd = np.sqrt(np.maximum(0.0, spread - plugin_var) / n)
    means += rng.standard_normal(n_bootstrap) * extra_sd
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(min(1.0, max(0.0, low))), float(min(1.0, max(0.0, high)))


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)
