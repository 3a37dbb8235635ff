"""A document whose scoring fails outside any rubric (segmentation, aggregation, rendering) becomes
that document's error; the documents after it are still scored, by score_corpus and by the gate."""

from __future__ import annotations

import pytest

from scoring.core.document import Document, LoadError
from scoring.engine import pipeline
from scoring.engine.pipeline import SCORING_FAILED, DocumentResult, score_corpus
from scoring.engine.profile import Profile
from scoring.gate.gate import Gate
from tests.conftest import PLUGIN_DIR

PROFILE = Profile(name="isolation-test", weights={"exclamation": 1.0})
DOCS = [Document(id=f"d{i}", text=f"Item {i}. Wow!", path=f"x/{i}.txt") for i in range(4)]


@pytest.fixture(autouse=True)
def _broken_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    real = pipeline.Segmented

    def segmented(doc: Document) -> object:
        if doc.id == "d1":
            raise IndexError("segmenter bug")
        return real(doc)

    monkeypatch.setattr(pipeline, "Segmented", segmented)


def test_score_corpus_turns_the_failure_into_that_documents_error() -> None:
    items = list(score_corpus(DOCS, PROFILE))
    assert [type(i).__name__ for i in items] == ["DocumentResult", "LoadError", "DocumentResult", "DocumentResult"]
    error = items[1]
    assert isinstance(error, LoadError) and error.slug == SCORING_FAILED and error.id == "d1"
    assert error.path == "x/1.txt" and "segmenter bug" in error.reason


def test_map_result_failures_are_caught_too() -> None:
    def explode(result: DocumentResult) -> str:
        if result.doc.id == "d2":
            raise ValueError("render bug")
        return result.doc.id

    items = list(score_corpus(DOCS, PROFILE, map_result=explode))
    assert items[0] == "d0" and items[3] == "d3"
    assert [i.slug for i in items if isinstance(i, LoadError)] == [SCORING_FAILED, SCORING_FAILED]


def test_the_gate_rejects_that_document_and_goes_on() -> None:
    gate = Gate(PROFILE)
    verdicts = list(gate.stream(DOCS))
    assert [v.id for v in verdicts] == ["d0", "d1", "d2", "d3"]
    assert verdicts[1].reasons == (SCORING_FAILED,) and "segmenter bug" in verdicts[1].detail
    assert gate.reasons[SCORING_FAILED] == 1
