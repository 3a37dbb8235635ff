"""Measuring how fast sourcegauge scores: throughput, latency, memory and start-up.

Every timed pass works on documents already loaded into memory (reading files is not
scoring), after an untimed warm-up that loads the lexicons, so the passes measure the steady
state; start-up is measured on its own, in a fresh process (see `measure_startup`).

Definitions used in every figure:

- documents/s and MB/s *per core*: documents (UTF-8 megabytes of `Document.text`) divided
  by the wall time of the pass, divided by the number of worker processes.
- latency: wall time of one document through the step (p50/p99 by nearest rank).
- peak RSS: the high-water resident set size of the measuring process (and, for `--jobs`,
  of its largest worker) as reported by `getrusage`.
- start-up: in a new Python process, the time from the first statement to the moment the
  scorer has scored one warm-up document of every language in the corpus, i.e. importing
  sourcegauge, building the `Scorer` (importing every rubric module) and loading every
  lexicon and model those documents need. Interpreter boot is reported beside it.
- N jobs against one: measured side by side in slices of the corpus, against a ceiling of
  N workers that exchange nothing per document (see `time_scaling`).
"""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from scoring.core.document import Document, LoadError
from scoring.engine.profile import Profile
from scoring.inputs.load import LoadOptions, iter_documents
from scoring.text.segment import Segmented

# Built-in warm-up samples for the all-languages start-up figure: one per language label
# that loads its own resources (jieba for Chinese, the language identifier for Latin text
# that is not English).
WARMUP_SAMPLES = {
    "zh": "国家统计局周二公布的数据显示，上月居民消费价格同比上涨百分之二。分析人士认为，物价可能继续温和上行。",
    "other": "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, selon plusieurs sources proches "
             "du dossier. Les syndicats ont dénoncé un projet injuste.",
}


@dataclass
class Measurement:
    """One timed pass: a step over `docs` documents."""

    name: str
    docs: int
    bytes: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    jobs: int = 1
    peak_rss_mb: float | None = None
    note: str = ""
    cpu_seconds: float | None = None  # CPU time of the scoring process(es) during the pass
    # Parallel passes: documents/s after the first results arrived, i.e. without starting the
    # pool and loading every worker's lexicons (a fixed cost that a long run amortises).
    steady_docs_per_s: float | None = None

    @property
    def docs_per_cpu_s(self) -> float | None:
        """Documents per CPU-second: per-core throughput that other load on the machine
        does not dilute (wall time does)."""
        if self.cpu_seconds is None or self.cpu_seconds <= 0:
            return None
        return self.docs / self.cpu_seconds

    @property
    def docs_per_s_per_core(self) -> float:
        return self.docs / self.seconds / self.jobs if self.seconds > 0 else float("inf")

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else float("inf")

    @property
    def mb_per_s_per_core(self) -> float:
        return self.bytes / 1e6 / self.seconds / self.jobs if self.seconds > 0 else float("inf")

    def percentile_ms(self, q: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))  # nearest rank
        return ordered[rank] * 1e3

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "docs": self.docs, "bytes": self.bytes, "seconds": round(self.seconds, 4),
            "jobs": self.jobs, "docs_per_s": round(self.docs_per_s, 2),
            "docs_per_s_per_core": round(self.docs_per_s_per_core, 2),
            "mb_per_s_per_core": round(self.mb_per_s_per_core, 4),
            "p50_ms": _round(self.percentile_ms(0.50)), "p99_ms": _round(self.percentile_ms(0.99)),
            "peak_rss_mb": _round(self.peak_rss_mb), "note": self.note,
            "cpu_seconds": _round(self.cpu_seconds, 4), "docs_per_cpu_s": _round(self.docs_per_cpu_s, 2),
            "steady_docs_per_s": _round(self.steady_docs_per_s, 2),
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def peak_rss_mb(children: bool = False) -> float:
    """High-water RSS of this process (or of its largest waited-for child), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    kb = resource.getrusage(who).ru_maxrss  # kilobytes on Linux
    return kb * 1024 / 1e6 if sys.platform != "darwin" else kb / 1e6


def current_rss_mb() -> float:
    """Current RSS of this process in MB (from /proc where available)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def load_corpus(paths: Sequence[str], options: LoadOptions | None = None, limit: int | None = None,
                skipped: list[Any] | None = None) -> tuple[list[Document], list[LoadError]]:
    """Documents (at most `limit`) and load errors; loading is never part of a timing. Files a
    folder walk passed over go into `skipped`."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for item in iter_documents(paths, options, skipped):
        if isinstance(item, LoadError):
            errors.append(item)
        else:
            docs.append(item)
            if limit is not None and len(docs) >= limit:
                break
    return docs, errors


def text_bytes(docs: Iterable[Document]) -> int:
    return sum(len(d.text.encode("utf-8")) for d in docs)


def _timed_loop(name: str, docs: Sequence[Document], step: Callable[[Document], Any]) -> Measurement:
    latencies: list[float] = []
    clock = time.perf_counter
    cpu0 = time.process_time()
    start = clock()
    for doc in docs:
        t0 = clock()
        step(doc)
        latencies.append(clock() - t0)
    elapsed = clock() - start
    return Measurement(name, len(docs), text_bytes(docs), elapsed, latencies, peak_rss_mb=peak_rss_mb(),
                       cpu_seconds=time.process_time() - cpu0)


def merge(parts: Sequence[Measurement]) -> Measurement:
    """One measurement from passes over consecutive slices of a corpus."""
    first = parts[0]
    cpu = [p.cpu_seconds for p in parts]
    peaks = [p.peak_rss_mb for p in parts if p.peak_rss_mb is not None]
    return Measurement(first.name, sum(p.docs for p in parts), sum(p.bytes for p in parts),
                       sum(p.seconds for p in parts), [x for p in parts for x in p.latencies], first.jobs,
                       max(peaks) if peaks else None, first.note,
                       None if any(c is None for c in cpu) else sum(c for c in cpu if c is not None))


def best_of(repeat: int, run: Callable[[], Measurement]) -> Measurement:
    """The fastest of `repeat` passes (the least disturbed by other load on the machine)."""
    runs = [run() for _ in range(max(1, repeat))]
    return min(runs, key=lambda m: m.seconds)


def time_profile(docs: Sequence[Document], scorer: Any, name: str = "profile") -> Measurement:
    """End to end, exactly what `score` does per document: segment, every rubric, aggregate."""
    return _timed_loop(name, docs, scorer.score)


def time_breakdown(docs: Sequence[Document], rubrics: Sequence[Any]) -> list[Measurement]:
    """Segmentation (lines, sentences and words, forced) and each rubric on its own.

    Each rubric row excludes the shared segmentation, which is its own row: together they
    add up to about the profile row (which also includes aggregation).
    """
    clock = time.perf_counter
    cpu = time.thread_time
    seg_lat: list[float] = []
    seg_cpu = 0.0
    rubric_cpu: dict[str, float] = {r.name: 0.0 for r in rubrics}
    per_rubric: dict[str, list[float]] = {r.name: [] for r in rubrics}
    for doc in docs:
        c0, t0 = cpu(), clock()
        seg = Segmented(doc)
        _ = seg.sentences, seg.words
        seg_lat.append(clock() - t0)
        seg_cpu += cpu() - c0
        for rubric in rubrics:
            c0, t0 = cpu(), clock()
            with suppress(Exception):  # as in the pipeline: a failing rubric still spent the time
                rubric.score(seg)
            per_rubric[rubric.name].append(clock() - t0)
            rubric_cpu[rubric.name] += cpu() - c0
    size = text_bytes(docs)
    rows = [Measurement("segmentation", len(docs), size, sum(seg_lat), seg_lat, cpu_seconds=seg_cpu)]
    rows += [Measurement(name, len(docs), size, sum(lat), lat, cpu_seconds=rubric_cpu[name])
             for name, lat in per_rubric.items()]
    return rows


def time_parallel(docs: Sequence[Document], profile: Profile, jobs: int) -> Measurement:
    """Throughput of `jobs` worker processes through `scoring.engine.pipeline.ScoringPool` (includes pool start)."""
    from scoring.engine.parallel import BATCH_SIZE
    from scoring.engine.pipeline import ordered_map

    cpu0 = _cpu_with_children()
    start = time.perf_counter()
    # Steady state starts once every worker has returned a first batch: by then the pool is
    # up and each worker's lexicons are loaded.
    warm_after = jobs * BATCH_SIZE
    count = 0
    warm_at = None
    for _ in ordered_map(iter(docs), profile, jobs):
        count += 1
        if count == warm_after:
            warm_at = time.perf_counter()
    end = time.perf_counter()
    elapsed = end - start
    assert count == len(docs)
    steady = (count - warm_after) / (end - warm_at) if warm_at is not None and end > warm_at else None
    return Measurement(f"profile, {jobs} jobs", len(docs), text_bytes(docs), elapsed, jobs=jobs,
                       peak_rss_mb=max(peak_rss_mb(), peak_rss_mb(children=True)),
                       note="peak RSS: largest of parent and workers; CPU includes the parent",
                       cpu_seconds=_cpu_with_children() - cpu0, steady_docs_per_s=steady)


@dataclass
class Scaling:
    """One job against N, measured in the same slices of the corpus (see `time_scaling`)."""

    output: str  # a key of SCALING_OUTPUTS, or "independent" for the machine's own ceiling
    one_job: Measurement
    n_jobs: Measurement
    slice_ratios: list[float]
    # Per slice, the pool's throughput over the ceiling's, timed back to back (empty for the
    # ceiling itself): how much of what N processes could do here the pool delivered.
    slice_shares_of_ceiling: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.n_jobs.docs_per_s / self.one_job.docs_per_s

    def to_dict(self) -> dict[str, Any]:
        return {"output": self.output, "one_job": self.one_job.to_dict(), "n_jobs": self.n_jobs.to_dict(),
                "ratio": _round(self.ratio), "slice_ratios": [_round(r) for r in self.slice_ratios],
                "slice_shares_of_ceiling": [_round(r) for r in self.slice_shares_of_ceiling]}


SCALING_OUTPUTS = {
    "results": "DocumentResult objects (score_corpus)",
    "jsonl": "JSONL lines with evidence (sourcegauge score)",
}


def time_scaling(docs: Sequence[Document], scorer: Any, profile: Profile, jobs: int,
                 slice_docs: int = 300, passes: int = 1) -> list[Scaling]:
    """N worker processes against one, measured side by side in short slices of the corpus.

    Throughput on a shared or virtual machine swings by tens of percent from one second to
    the next (on the project's VM, what two processes that exchange nothing achieve together
    ranges from 1.3x to 2.4x one process, slice to slice), so two passes timed a minute apart
    give a ratio that is mostly that swing. Here
    the corpus is cut into slices of `slice_docs`, and every slice is scored by each leg in
    turn, the order reversed on every other slice, so the swings fall on all legs alike
    (`passes` > 1 goes through the corpus that many times: more slices, a steadier median):

    - one job, in this process, for each output of SCALING_OUTPUTS;
    - the pool (`scoring.engine.parallel`, warm: workers started and lexicons loaded before any
      timing) for each output;
    - "independent": the same workers each given a share of the slice (equal in text length)
      as one task that returns only a count, i.e. N processes scoring with no per-document traffic.
      That is the most N processes can do on this machine at that moment: the ceiling
      the pool is compared with.

    Pool legs are timed in steady state (see `_timed_pool_pass`): from the return of the
    first `jobs` batches until the last `jobs` are in flight, i.e. while every worker is busy.
    A pool that fills and drains every 300 documents would be charged a ramp and an idle
    tail that a long stream (the use case: millions of documents) pays once; both are
    visible in the one-pass `time_parallel` row instead.
    """
    from scoring.engine.parallel import BATCH_SIZE
    from scoring.engine.pipeline import ScoringPool
    from scoring.engine.render import render_jsonl

    def render_here(doc: Document) -> Any:
        return render_jsonl(scorer.score(doc))

    slice_docs = max(slice_docs, 4 * jobs * BATCH_SIZE)
    slices = [docs[i : i + slice_docs] for i in range(0, len(docs), slice_docs)]
    if len(slices) > 1 and len(slices[-1]) < slice_docs:  # fold a short remainder into the previous slice
        slices[-2:] = [[*slices[-2], *slices[-1]]]
    slices *= passes
    # Each ratio compares adjacent legs: one job with the pool for each output, and both pool
    # legs with the ceiling between them.
    legs = ["one:results", "pool:results", "independent", "pool:jsonl", "one:jsonl"]
    timed: dict[str, list[Measurement]] = {leg: [] for leg in legs}
    with ScoringPool(profile, jobs) as pool:
        for _ in pool.score(iter(docs[: jobs * BATCH_SIZE * 2])):  # untimed: start workers, load lexicons
            pass
        for number, part in enumerate(slices):
            for leg in legs if number % 2 == 0 else reversed(legs):
                if leg == "one:results":
                    timed[leg].append(_timed_loop("results, 1 job (alternating)", part, scorer.score))
                elif leg == "one:jsonl":
                    timed[leg].append(_timed_loop("jsonl, 1 job (alternating)", part, render_here))
                elif leg == "independent":
                    timed[leg].append(_timed_independent(part, pool, jobs))
                else:
                    output = leg.split(":")[1]
                    timed[leg].append(_timed_pool_pass(part, pool, jobs, output,
                                                       render_jsonl if output == "jsonl" else None,
                                                       BATCH_SIZE))

    def compare(output: str, one_leg: str, many_leg: str) -> Scaling:
        ratios = [m.docs_per_s / o.docs_per_s for o, m in zip(timed[one_leg], timed[many_leg], strict=True)]
        shares = ([] if many_leg == "independent" else
                  [m.docs_per_s / c.docs_per_s for m, c in zip(timed[many_leg], timed["independent"], strict=True)])
        return Scaling(output, merge(timed[one_leg]), merge(timed[many_leg]), ratios, shares)

    return [compare("results", "one:results", "pool:results"), compare("jsonl", "one:jsonl", "pool:jsonl"),
            compare("independent", "one:results", "independent")]


def _count_scored(docs: list[Document]) -> int:
    """Worker task for the ceiling leg: score and send back only a count."""
    from scoring.engine import pipeline

    assert pipeline._worker_scorer is not None
    for doc in docs:
        pipeline._worker_scorer.score(doc)
    return len(docs)


def _timed_independent(docs: Sequence[Document], pool: Any, jobs: int) -> Measurement:
    # Shares of equal text length (scoring time is about linear in it), so that neither
    # worker waits for the other at the end and the ceiling is not understated.
    shares: list[list[Document]] = [[] for _ in range(jobs)]
    sizes = [0] * jobs
    for doc in sorted(docs, key=lambda d: len(d.text), reverse=True):
        k = sizes.index(min(sizes))
        shares[k].append(doc)
        sizes[k] += len(doc.text)
    start = time.perf_counter()
    futures = [pool.submit(_count_scored, share) for share in shares]
    count = sum(f.result() for f in futures)
    elapsed = time.perf_counter() - start
    assert count == len(docs)
    return Measurement(f"independent, {jobs} workers (alternating)", len(docs), text_bytes(docs), elapsed,
                       jobs=jobs, note="one task per worker, nothing sent back: the machine's ceiling")


def _timed_pool_pass(docs: Sequence[Document], pool: Any, jobs: int, output: str,
                     render: Callable[[Any], Any] | None, batch_size: int) -> Measurement:
    """Documents per second through `pool` in steady state: from the moment the first `jobs`
    batches have come back until only `jobs` batches are left in flight (the whole pass when
    there are too few batches for that).

    Both ends of the window are batch completions, so the work in flight at each end (the
    other workers part-way through their batches) is alike and cancels: timing from the
    first submission to a document near the end would charge the pool the start-up ramp and
    leave out work that was done but not yet returned, which understated it by ~5%.
    """
    batches = -(-len(docs) // batch_size)
    if batches > 2 * jobs:
        first, last = jobs * batch_size, (batches - jobs) * batch_size
    else:
        first, last = 0, len(docs)
    cpu0 = time.process_time()
    start = time.perf_counter()
    window_start = window_end = start
    count = 0
    for _ in pool.score(iter(docs), batch_size, map_result=render):
        count += 1
        if count == first:
            window_start = time.perf_counter()
        if count == last:
            window_end = time.perf_counter()
    assert count == len(docs) and last > first
    cpu = time.process_time() - cpu0
    return Measurement(f"{output}, {jobs} jobs (warm, alternating)", last - first,
                       text_bytes(docs[first:last]), window_end - window_start, jobs=jobs,
                       note=f"{'steady state; ' if first else ''}"
                            f"this process: {cpu / len(docs) * 1e3:.2f} ms CPU per document")


def _cpu_with_children() -> float:
    """CPU seconds of this process and its finished children (the pool is shut down, and
    its workers waited for, before the pass ends)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass
class MemoryCheckpoint:
    docs: int
    peak_rss_mb: float
    current_rss_mb: float
    seconds: float


def cycle_memory(docs: Sequence[Document], total: int, profile: Profile, jobs: int = 1,
                 checkpoints: Sequence[int] = (2_000,)) -> list[MemoryCheckpoint]:
    """Score `total` documents by cycling the corpus through `score_corpus` (streaming).

    Records this process's peak RSS after each checkpoint and at the end, so that the peak
    after 2,000 documents can be compared with the peak after 100,000. With jobs > 1 the
    peak is the larger of this process and its largest finished worker (workers finish at
    the end, so intermediate checkpoints show the parent only).
    """
    from scoring.engine.pipeline import score_corpus

    marks = sorted({c for c in checkpoints if 0 < c < total} | {total})
    out: list[MemoryCheckpoint] = []
    stream: Iterator[Document] = islice(cycle(docs), total)
    start = time.perf_counter()
    next_mark = iter(marks)
    mark = next(next_mark)
    for done, _ in enumerate(score_corpus(stream, profile, jobs=jobs), start=1):
        if done == mark:
            out.append(MemoryCheckpoint(done, peak_rss_mb(), current_rss_mb(), time.perf_counter() - start))
            mark = next(next_mark, -1)
    if jobs > 1 and out:
        last = out[-1]
        out[-1] = MemoryCheckpoint(last.docs, max(last.peak_rss_mb, peak_rss_mb(children=True)),
                                   last.current_rss_mb, last.seconds)
    return out


@dataclass(frozen=True)
class StreamCheckpoint:
    records: int
    megabytes: float  # of the JSONL file read so far
    peak_rss_mb: float
    current_rss_mb: float
    seconds: float
    cpu_seconds: float


def stream_jsonl_memory(docs: Sequence[Document], size_bytes: int, folder: str | None = None,
                        checkpoints: Sequence[float] = (0.01, 0.1, 0.5, 1.0)) -> list[StreamCheckpoint]:
    """Write a JSONL file of about `size_bytes` (the corpus's documents, cycled) and stream it
    through `iter_documents`, recording memory at fractions of the file: the loader reads JSONL
    record by record, so the peak after 1% and after 100% should be the same. The file goes to
    `folder` (default: the temporary folder, TMPDIR) and is removed afterwards."""
    import os
    import tempfile

    handle, name = tempfile.mkstemp(suffix=".jsonl", prefix="sourcegauge-stream-", dir=folder)
    offsets: list[int] = []
    try:
        with os.fdopen(handle, "wb") as fh:
            written = 0
            for index, doc in enumerate(cycle(docs)):
                line = json.dumps({"id": f"s{index}", "source": doc.source, "text": doc.text},
                                  ensure_ascii=False).encode("utf-8") + b"\n"
                fh.write(line)
                written += len(line)
                offsets.append(written)
                if written >= size_bytes:
                    break
        total = len(offsets)
        marks = sorted({max(1, min(total, round(f * total))) for f in checkpoints})
        out: list[StreamCheckpoint] = []
        start, cpu0 = time.perf_counter(), time.process_time()
        next_mark = iter(marks)
        mark = next(next_mark)
        for done, _ in enumerate(iter_documents([name]), start=1):
            if done == mark:
                out.append(StreamCheckpoint(done, offsets[done - 1] / 1e6, peak_rss_mb(), current_rss_mb(),
                                            time.perf_counter() - start, time.process_time() - cpu0))
                mark = next(next_mark, -1)
        return out
    finally:
        with suppress(OSError):
            os.unlink(name)


_STARTUP_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from scoring.core.document import Document
from scoring.engine.pipeline import Scorer
from scoring.engine.profile import load_profile
from scoring.text.segment import Segmented
t_import = time.perf_counter()
spec = json.loads(sys.stdin.read())

def rss():
    import os
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

profile = load_profile(spec["profile"])
if spec["rubrics"]:
    profile = profile.restricted_to(spec["rubrics"])
scorer = Scorer(profile)
t_scorer = time.perf_counter()
rss_before = rss()
docs = [Document(id=f"warmup-{i}", text=t) for i, t in enumerate(spec["texts"])]
segs = [Segmented(d) for d in docs]
for s in segs:
    s.sentences, s.words
t_seg = time.perf_counter()
per_rubric = {}
for rubric in scorer.rubrics:
    r0, m0 = time.perf_counter(), rss()
    for s in segs:
        try:
            rubric.score(s)
        except Exception:
            pass
    per_rubric[rubric.name] = {"load_s": time.perf_counter() - r0, "rss_mb": rss() - m0}
t_ready = time.perf_counter()
for d in docs:
    scorer.score(d)
print(json.dumps({"import_s": t_import - t0, "scorer_s": t_scorer - t_import, "segment_s": t_seg - t_scorer,
                  "rubrics_s": t_ready - t_seg, "startup_s": t_ready - t0, "per_rubric": per_rubric,
                  "rss_mb": rss(), "rss_before_lexicons_mb": rss_before}))
"""


@dataclass
class Startup:
    startup_s: float
    process_s: float
    import_s: float
    scorer_s: float
    segment_s: float
    rubrics_s: float
    rss_mb: float
    per_rubric: dict[str, dict[str, float]]
    languages: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def measure_startup(profile: str | Path, rubrics: Sequence[str] | None, texts: Sequence[str],
                    languages: Sequence[str]) -> Startup:
    """Start-up in a fresh interpreter (see module docstring); `process_s` is the parent's
    wall time for the whole child process, interpreter boot and exit included."""
    spec = json.dumps({"profile": str(profile), "rubrics": list(rubrics or []), "texts": list(texts)})
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _STARTUP_CHILD], input=spec, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"start-up measurement failed: {done.stderr.strip()[-2000:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Startup(startup_s=data["startup_s"], process_s=wall, import_s=data["import_s"],
                   scorer_s=data["scorer_s"], segment_s=data["segment_s"], rubrics_s=data["rubrics_s"],
                   rss_mb=data["rss_mb"], per_rubric=data["per_rubric"], languages=tuple(languages))


def warmup_texts(docs: Sequence[Document], max_chars: int = 20_000) -> tuple[list[str], list[str]]:
    """One real document per language label found in the corpus: (texts, languages)."""
    from scoring.text.lang import detect_language

    seen: dict[str, str] = {}
    for doc in docs:
        text = doc.text[:max_chars]
        lang = detect_language(text) if text.strip() else "und"
        seen.setdefault(lang, text)
        if len(seen) >= 5:
            break
    return list(seen.values()), list(seen)


def machine_info() -> dict[str, Any]:
    import os
    import platform

    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}
