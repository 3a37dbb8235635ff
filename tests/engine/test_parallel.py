"""scoring.engine.parallel: input order, identical results, load errors in place, bounded read-ahead."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.core.document import Document, LoadError
from scoring.engine import parallel, pipeline
from scoring.engine.pipeline import DocumentResult, Scorer, score_corpus
from scoring.engine.profile import Profile
from tests.conftest import PLUGIN_DIR, through_a_process

# The test plugin rubric (counts '!') keeps these tests independent of the built-in rubrics.
PROFILE = Profile(name="parallel-test", weights={"exclamation": 1.0})


@pytest.fixture(autouse=True)
def _plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))  # forked workers inherit sys.path


def _docs(n: int) -> list[Document]:
    # Different texts per position, so that a reordering changes scores, not just ids.
    return [Document(id=f"d{i:03d}", text=f"Item {i}." + " Wow!" * (i % 7)) for i in range(n)]


def _summary(item: DocumentResult | LoadError) -> tuple:
    if isinstance(item, LoadError):
        return ("error", item.path, item.reason)
    result = item.results["exclamation"]
    return (item.doc.id, item.score, dict(result.features), [(e.start, e.end) for e in result.evidence])


def test_two_jobs_keep_order_and_equal_one_job() -> None:
    docs = _docs(61)  # not a multiple of the batch size
    one = [_summary(Scorer(PROFILE).score(d)) for d in docs]
    two = [_summary(r) for r in pipeline.ordered_map(iter(docs), PROFILE, jobs=2, batch_size=4)]
    assert [s[0] for s in two] == [d.id for d in docs]
    assert two == one


def test_score_corpus_jobs_two_equals_jobs_one() -> None:
    docs = _docs(40)
    one = [_summary(r) for r in score_corpus(docs, PROFILE, jobs=1)]
    two = [_summary(r) for r in score_corpus(docs, PROFILE, jobs=2)]
    assert two == one


def _map_to_summary(item: DocumentResult) -> tuple:
    # Module level: pickled by reference and run in the worker.
    return ("mapped", *_summary(item), type(item).__name__)


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_result_runs_on_each_result_and_keeps_errors_in_place(jobs: int) -> None:
    items: list[Document | LoadError] = list(_docs(37))
    items[5] = LoadError("broken/x.txt", "cannot decode")
    expected = [given if isinstance(given, LoadError) else ("mapped", *_summary(Scorer(PROFILE).score(given)),
                                                             "DocumentResult") for given in items]
    got = list(score_corpus(items, PROFILE, jobs=jobs, map_result=_map_to_summary))
    assert got == expected


def test_a_scoring_pool_serves_several_streams_on_the_same_workers() -> None:
    docs = _docs(40)
    with pipeline.ScoringPool(PROFILE, jobs=2) as pool:
        first = [_summary(r) for r in pool.score(iter(docs), batch_size=4)]
        workers = set(pool._pool._processes)
        partial_run = pool.score(iter(docs), batch_size=4)
        assert next(partial_run).doc.id == "d000"
        partial_run.close()  # a consumer that stops early must not disturb the next stream
        second = [_summary(r) for r in pool.score(iter(reversed(docs)), batch_size=3)]
        assert set(pool._pool._processes) == workers  # no worker was restarted
    assert first == second[::-1] == [_summary(Scorer(PROFILE).score(d)) for d in docs]


def test_a_scoring_pool_takes_a_profile_name() -> None:
    docs = [Document(id="a", text="The minister said the plan may be delayed, according to Reuters.")]
    with pipeline.ScoringPool("default", jobs=2) as pool:
        (result,) = pool.score(iter(docs))
    assert result.profile_name == "default" and result.results["sourcing"].score == \
        Scorer("default").score(docs[0]).results["sourcing"].score


def test_load_errors_pass_through_in_place() -> None:
    items: list[Document | LoadError] = list(_docs(30))
    items[0] = LoadError("broken/first.txt", "cannot decode")
    items[17] = LoadError("broken/middle.txt", "too large")
    items[29] = LoadError("broken/last.txt", "no such file")
    out = list(pipeline.ordered_map(iter(items), PROFILE, jobs=2, batch_size=4))
    assert len(out) == len(items)
    for sent, got in zip(items, out, strict=True):
        if isinstance(sent, LoadError):
            assert got == sent
        else:
            assert isinstance(got, DocumentResult) and got.doc.id == sent.id


class _CountingInput:
    """An input stream that records how many items the consumer has pulled."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.consumed = 0

    def __iter__(self) -> Iterator[Document]:
        for doc in self.docs:
            self.consumed += 1
            yield doc


@pytest.mark.parametrize("jobs", [1, 2])
def test_read_ahead_never_exceeds_the_in_flight_window(jobs: int) -> None:
    batch = 3
    window = jobs * parallel.IN_FLIGHT_PER_JOB * batch  # items submitted but not yet yielded
    source = _CountingInput(_docs(300))
    ahead: list[int] = []
    stream = pipeline.ordered_map(iter(source), PROFILE, jobs=jobs, batch_size=batch)
    for received, _ in enumerate(stream, start=1):
        ahead.append(source.consumed - received)
    assert len(ahead) == 300
    assert max(ahead) <= window
    assert max(ahead) > batch  # the window is really used: several batches are in flight


def test_an_endless_input_still_streams() -> None:
    def endless() -> Iterator[Document]:
        i = 0
        while True:
            yield Document(id=f"e{i}", text="Breaking!" if i % 2 else "Calm.")
            i += 1

    got = []
    for item in pipeline.ordered_map(endless(), PROFILE, jobs=2, batch_size=2):
        got.append(item.doc.id)
        if len(got) == 10:
            break
    assert got == [f"e{i}" for i in range(10)]


def test_evidence_crosses_processes_as_itself() -> None:

    from scoring.rubric import Evidence

    ev = Evidence(3, 9, "hedge", 0.25)
    rebuild, args = ev.__reduce__()
    assert rebuild is tuple.__new__ and type(rebuild(*args)) is Evidence and rebuild(*args) == ev
    back = through_a_process([ev, ev])
    assert back == [ev, ev] and all(type(b) is Evidence for b in back)
    assert type(copy.deepcopy(ev)) is Evidence and copy.deepcopy(ev) == ev


def test_result_reducers_round_trip_every_field() -> None:
    import copyreg

    from scoring.rubric import Evidence, Flag, RubricResult

    saved = dict(copyreg.dispatch_table)
    try:
        pipeline._register_reducers()
        ev = Evidence(3, 9, "hedge", 0.25)
        result = RubricResult("r", "1.2", 0.5, {"n": 2.0}, (ev,), (Flag("too_short", (ev,), "why"),),
                              {"lines": ["a", "b"]})
        back = through_a_process(result, initializer=pipeline._register_reducers)
        assert back == result and back.flags[0].evidence[0] == ev
        assert copyreg.dispatch_table.get(Flag) is not None  # the constructor path is in use
    finally:
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(saved)


def test_evidence_travels_packed_and_is_unpacked_when_read() -> None:
    from scoring.rubric import Evidence, RubricResult

    spans = (Evidence(0, 4, "hedge"), Evidence(10, 2**40, "attribution", 0.375), Evidence(7, 7, "", -1.5))
    result = RubricResult("r", "1", 0.25, {"n": 1.0}, spans, (), {"rows": [[1, "a"]]})
    back, back_unweighted = through_a_process([result, result.replace(evidence=spans[:1])])
    assert back._packed is not None  # nothing built until someone reads the spans
    twice = through_a_process(back)  # re-sent unread: the packed form goes as it came
    assert back.evidence == spans and all(type(e) is Evidence for e in back.evidence)
    assert back._packed is None and back == result and twice == result
    assert back_unweighted.evidence == spans[:1] and back_unweighted.evidence[0].weight == 1.0
    assert through_a_process(RubricResult("r", "1", 1.0)).evidence == ()
    assert copy.deepcopy(back) == result and copy.deepcopy(back) is not back


@given(st.lists(st.tuples(st.integers(0, 2**62), st.integers(0, 2**62), st.text(max_size=8),
                          st.floats(allow_nan=False)), max_size=20))
@settings(max_examples=200, deadline=None)
def test_any_spans_survive_packing(raw: list[tuple[int, int, str, float]]) -> None:
    from scoring.core.wire import pack_spans, unpack_spans
    from scoring.rubric import Evidence

    spans = tuple(Evidence(*r) for r in raw)
    back = unpack_spans(*pack_spans(spans))
    assert back == spans and all(type(e) is Evidence for e in back)
    assert [repr(e.weight) for e in back] == [repr(e.weight) for e in spans]  # -0.0, inf exact


def test_rubric_result_is_immutable_and_validates_its_score() -> None:
    from scoring.rubric import RubricResult

    result = RubricResult("r", "1", 0.5)
    with pytest.raises(AttributeError, match="immutable"):
        result.score = 0.9  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del result.flags
    for bad in (1.5, -0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="'r'"):
            RubricResult("r", "1", bad)
    assert result.replace(score=0.75).score == 0.75 and result.score == 0.5
    assert result != result.replace(features={"n": 1.0}) and result == RubricResult("r", "1", 0.5, {}, (), (), {})
