"""Scoring documents: segment once, run every rubric of a profile, aggregate.

`Scorer` is the unit a worker process builds once; `score_document` and `score_corpus`
are the Python API, and `ScoringPool` keeps worker processes (one Scorer each) for several
streams. A rubric that raises on a document is recorded as an error for that rubric on that
document; the other rubrics and documents are unaffected.

Results cross the process boundary cheaply: a worker sends each DocumentResult without its
Document (the parent still holds it and puts it back); a RubricResult's evidence spans
(~100 per article) travel packed and are unpacked only when read (scoring.core.wire), and
Flags pickle as constructor calls instead of dataclass `__setstate__`, which is about twice
as fast. Callers that need less than a full result pass `map_result`, which runs in the
worker and sends back only what it returns.
"""

from __future__ import annotations

import copyreg
import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.core.document import Document, LoadError
from scoring.core.evidence import Flag
from scoring.engine.aggregate import ScoreBreakdown, all_flags, score_breakdown
from scoring.engine.parallel import BATCH_SIZE, WorkerPool
from scoring.engine.profile import Profile, as_profile
from scoring.engine.registry import load_rubric
from scoring.inputs.load import LoadOptions, iter_documents
from scoring.rubric import Rubric, RubricResult
from scoring.text.segment import Segmented

SCHEMA = "sourcegauge.document/1"


@dataclass(frozen=True)
class DocumentResult:
    """Everything sourcegauge says about one document."""

    doc: Document
    lang: str
    results: dict[str, RubricResult]
    score: float | None
    flags: tuple[str, ...]
    profile_name: str
    profile_hash: str
    rubric_errors: dict[str, str] = field(default_factory=dict)
    # How `score` came about: base score, the flag cap that applied, each part's contribution.
    breakdown: ScoreBreakdown | None = None

    def to_record(self, include_evidence: bool = True) -> dict[str, Any]:
        """The versioned JSON record (see README "Output schema")."""
        doc = self.doc
        rubrics: dict[str, Any] = {}
        for name, result in self.results.items():
            entry = result.to_dict(doc.text)
            if not include_evidence:
                entry.pop("evidence", None)
                entry.pop("details", None)
            rubrics[name] = entry
        record: dict[str, Any] = {
            "schema": SCHEMA,
            "id": doc.id,
            "path": doc.path,
            "source": doc.source,
            "url": doc.url,
            "title": doc.title,
            "lang": self.lang,
            "encoding": doc.encoding,
            "chars": len(doc.text),
            "score": self.score,
            "base_score": self.breakdown.base if self.breakdown else self.score,
            "capped_by": ({"flag": self.breakdown.capped_by, "cap": self.breakdown.cap}
                          if self.breakdown and self.breakdown.capped_by else None),
            "baseline": self.breakdown.baseline if self.breakdown else 0.0,
            "contributions": dict(self.breakdown.contributions) if self.breakdown else {},
            "flags": list(self.flags),
            "profile": {"name": self.profile_name, "hash": self.profile_hash},
            "rubrics": rubrics,
        }
        if self.rubric_errors:
            record["rubric_errors"] = dict(self.rubric_errors)
        return record


def error_record(error: LoadError) -> dict[str, Any]:
    """The record for an input that could not be read (or scored): `error` says why, `reason` is its slug."""
    return {"schema": SCHEMA, "id": error.id or error.path, "path": error.path, "source": error.source,
            "error": error.reason, "reason": error.slug}


SCORING_FAILED = "scoring_failed"


def scoring_failure(exc: Exception) -> str:
    """What a record or a verdict says when scoring a document itself failed."""
    return f"scoring failed: {type(exc).__name__}: {exc}"


def _scoring_failed(doc: Document, exc: Exception) -> LoadError:
    """A document whose scoring itself failed (segmentation, aggregation, rendering), as its
    error record: one document's failure must not end the run."""
    return LoadError(doc.path or doc.id, scoring_failure(exc), id=doc.id, source=doc.source, slug=SCORING_FAILED)


def _score_one(scorer: Scorer, doc: Document, map_result: Callable[[DocumentResult], Any] | None) -> Any:
    try:
        result = scorer.score(doc)
        return result if map_result is None else map_result(result)
    except Exception as exc:  # noqa: BLE001 - rubric errors are caught per rubric; this is everything else
        return _scoring_failed(doc, exc)


class Scorer:
    """A profile's rubrics, instantiated once, applied to documents one at a time."""

    def __init__(self, profile: Profile | str | Path = "default", rubrics: Iterable[str] | None = None) -> None:
        prof = self.profile = as_profile(profile, rubrics)
        self.rubrics: list[Rubric] = [load_rubric(n, **prof.params.get(n, {})) for n in prof.rubrics]

    @property
    def rubric_versions(self) -> dict[str, str]:
        return {r.name: r.version for r in self.rubrics}

    def score(self, doc: Document) -> DocumentResult:
        seg = Segmented(doc)
        results: dict[str, RubricResult] = {}
        errors: dict[str, str] = {}
        for rubric in self.rubrics:
            try:
                results[rubric.name] = rubric.score(seg)
            except Exception as exc:  # one rubric's bug must not lose the document
                errors[rubric.name] = f"{type(exc).__name__}: {exc}"
        breakdown = score_breakdown(results, self.profile, seg.lang)
        return DocumentResult(
            doc=doc,
            lang=seg.lang,
            results=results,
            score=breakdown.score,
            flags=all_flags(results),
            profile_name=self.profile.name,
            profile_hash=self.profile.hash,
            rubric_errors=errors,
            breakdown=breakdown,
        )


def score_document(doc: Document | str, profile: Profile | str | Path = "default",
                   rubrics: Iterable[str] | None = None) -> DocumentResult:
    """Score one document (or a plain string) with a profile.

    For many documents use `score_corpus` or keep a `Scorer`: building rubrics per call
    is cheap, but lexicons load on first use in each process.
    """
    if isinstance(doc, str):
        doc = Document(id="text", text=doc)
    return Scorer(profile, rubrics).score(doc)


def score_corpus(
    inputs: Iterable[Document] | Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    profile: Profile | str | Path = "default",
    rubrics: Iterable[str] | None = None,
    jobs: int = 1,
    load_options: LoadOptions | None = None,
    skipped: list[Any] | None = None,
    map_result: Callable[[DocumentResult], Any] | None = None,
) -> Iterator[Any]:
    """Score documents lazily, in input order, with `jobs` worker processes.

    `inputs` is a path, a list of paths (files or folders), or an iterable of Documents.
    Yields a DocumentResult per document and a LoadError per unreadable input. Memory stays
    constant: at most a few batches per worker are in flight at any time. Files in folders
    that are not articles are passed over, each as `Skip(path, reason)` into `skipped` if given.

    `map_result`, if given, is applied to each DocumentResult where it was scored (in the
    worker process) and its return value is yielded instead; LoadErrors still come through
    as they are. Use it to move per-document work such as JSON serialisation into the
    workers, and to send back only what you need: rebuilding every result in the parent
    costs about a tenth of the scoring time. With jobs > 1 it must be picklable by
    reference (a module-level function, or a `functools.partial` of one).
    """
    prof = as_profile(profile, rubrics)
    items = _as_items(inputs, load_options, skipped)
    if jobs <= 1:
        scorer = Scorer(prof)
        for item in items:
            yield item if isinstance(item, LoadError) else _score_one(scorer, item, map_result)
        return
    yield from ordered_map(items, prof, jobs, map_result=map_result)


def _as_items(inputs: Any, load_options: LoadOptions | None,
              skipped: list[Any] | None = None) -> Iterator[Document | LoadError]:
    if isinstance(inputs, (str, os.PathLike)):
        yield from iter_documents([inputs], load_options, skipped)
        return
    pending_paths: list[Any] = []
    for item in inputs:
        if isinstance(item, (Document, LoadError)):
            if pending_paths:
                yield from iter_documents(pending_paths, load_options, skipped)
                pending_paths = []
            yield item
        elif isinstance(item, (str, os.PathLike)):
            pending_paths.append(item)
        else:
            raise TypeError(f"score_corpus takes Documents or paths, got {type(item).__name__}")
    if pending_paths:
        yield from iter_documents(pending_paths, load_options, skipped)


# --- worker processes -------------------------------------------------------------------------

_worker_scorer = None  # per worker process: set once by the initializer


def _init_worker(profile: Profile) -> None:
    global _worker_scorer
    _register_reducers()
    _worker_scorer = Scorer(profile)


def _register_reducers() -> None:
    names = tuple(f.name for f in dataclasses.fields(Flag))
    copyreg.pickle(Flag, _constructor_reducer(Flag, names))


def _constructor_reducer(cls: type, names: tuple[str, ...]) -> Any:
    def reduce(obj: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(obj, n) for n in names)

    return reduce


def _score_batch(batch: list[Document | LoadError]) -> list[LoadError | dict[str, Any]]:
    """Per item: the LoadError unchanged, or the DocumentResult's fields except `doc`."""
    assert _worker_scorer is not None
    out: list[LoadError | dict[str, Any]] = []
    for item in batch:
        result = item if isinstance(item, LoadError) else _score_one(_worker_scorer, item, None)
        if isinstance(result, LoadError):
            out.append(result)
        else:
            out.append({f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "doc"})
    return out


def _score_batch_mapped(batch: list[Document | LoadError], map_result: Callable[[Any], Any]) -> list[Any]:
    """Per item: the LoadError unchanged, or `map_result(DocumentResult)`."""
    assert _worker_scorer is not None
    return [item if isinstance(item, LoadError) else _score_one(_worker_scorer, item, map_result) for item in batch]


def _reassemble(batch: list[Document | LoadError], results: list[LoadError | dict[str, Any]]) -> Iterator[Any]:
    for item, result in zip(batch, results, strict=True):
        yield result if isinstance(result, LoadError) else DocumentResult(doc=item, **result)

class ScoringPool(WorkerPool):
    """Worker processes with one Scorer each: `score(items)` yields DocumentResults (and
    LoadErrors in place) in input order, as many times as needed."""

    def __init__(self, profile: Profile | str | Path, jobs: int) -> None:
        super().__init__(jobs, _init_worker, (as_profile(profile),))

    def __enter__(self) -> ScoringPool:
        return self

    def score(self, items: Iterable[Document | LoadError], batch_size: int = BATCH_SIZE,
              map_result: Callable[[Any], Any] | None = None) -> Iterator[Any]:
        """In input order: a LoadError as it came, else the DocumentResult, or
        `map_result(DocumentResult)` computed in the worker (see `score_corpus`)."""
        if map_result is not None:
            for _, mapped in self.ordered_batches(items, _score_batch_mapped, batch_size, (map_result,)):
                yield from mapped
            return
        for batch, results in self.ordered_batches(items, _score_batch, batch_size):
            yield from _reassemble(batch, results)


def ordered_map(items: Iterable[Document | LoadError], profile: Profile, jobs: int,
                batch_size: int = BATCH_SIZE, map_result: Callable[[Any], Any] | None = None) -> Iterator[Any]:
    """DocumentResults (and LoadErrors in place) for `items`, in input order."""
    with ScoringPool(profile, jobs) as pool:
        yield from pool.score(items, batch_size, map_result)
