"""datatrove: SourcegaugeFilter inside a small real datatrove pipeline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, through_a_process

GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"
PROFILE = str(GATE_PLUGIN / "gate_test.toml")

TEXTS = {
    "keep-1": "A report on the council budget.\nIt was approved on Monday.",
    "farm": "LINKFARM LINKFARM",
    "nav": "nav: Home\nnav: Sport\nnav: Weather\nBody.",
    "empty": "  ",
    "keep-2": "Rain is expected across the north tomorrow.",
}


def test_module_imports_without_touching_datatrove() -> None:
    code = ("import sys, scoring.gate.datatrove; assert 'datatrove' not in sys.modules; "
            "print(scoring.gate.datatrove.METADATA_KEY)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "sourcegauge", proc.stderr


pytest.importorskip("datatrove", reason="datatrove not installed (optional extra: sourcegauge[datatrove])")

from datatrove.data import Document  # noqa: E402 - after the importorskip guard
from datatrove.executor import LocalPipelineExecutor  # noqa: E402

from scoring.gate.datatrove import SourcegaugeFilter  # noqa: E402


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(GATE_PLUGIN))


def documents() -> list[Document]:
    return [Document(text=text, id=doc_id, metadata={"source": "example.org"}) for doc_id, text in TEXTS.items()]


def test_filter_returns_true_or_false_with_reason_and_writes_metadata() -> None:
    step = SourcegaugeFilter(profile=PROFILE)
    docs = documents()
    results = [step.filter(doc) for doc in docs]
    assert results == [True, (False, "spam_link_farm"), (False, "boilerplate_ratio_above_0.5"),
                       (False, "empty_text"), True]
    assert docs[0].metadata["sourcegauge"]["keep"] is True
    assert docs[0].metadata["sourcegauge"]["scores"] == {"fakeboiler": 1.0, "fakespam": 1.0}
    assert docs[1].metadata["sourcegauge"]["reasons"] == ["spam_link_farm"]
    assert docs[1].metadata["source"] == "example.org"  # the filter adds, never replaces, metadata


def test_run_on_a_generator_counts_dropped_reasons() -> None:
    step = SourcegaugeFilter(profile=PROFILE)
    kept = list(step.run(iter(documents())))
    assert [d.id for d in kept] == ["keep-1", "keep-2"]
    stats = step.stats.to_dict() if hasattr(step.stats, "to_dict") else step.stats
    flat = json.dumps(stats, default=str)
    for key in ("dropped_spam_link_farm", "dropped_boilerplate_ratio_above_0.5", "dropped_empty_text"):
        assert key in flat


def test_inside_a_local_pipeline_executor(tmp_path: Path) -> None:
    kept: list[Document] = []

    def collect(data: Any, rank: int = 0, world_size: int = 1) -> Any:
        for doc in data:
            kept.append(doc)
            yield doc

    pipeline = [documents(), SourcegaugeFilter(profile=PROFILE), collect]
    LocalPipelineExecutor(pipeline=pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    assert [d.id for d in kept] == ["keep-1", "keep-2"]
    assert all(d.metadata["sourcegauge"]["keep"] for d in kept)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    (step,) = [s for s in stats if "sourcegauge" in s["name"]]
    counts = {k: v["total"] if isinstance(v, dict) else v for k, v in step["stats"].items()}
    assert counts["total"] == 5 and counts["forwarded"] == 2 and counts["dropped"] == 3
    assert counts["dropped_spam_link_farm"] == counts["dropped_empty_text"] == 1
    assert counts["dropped_boilerplate_ratio_above_0.5"] == 1


def test_filter_pickles_without_built_rubrics() -> None:
    step = SourcegaugeFilter(profile=PROFILE)
    step.filter(documents()[0])  # builds the rubrics in this process
    clone = through_a_process(step)  # as LocalPipelineExecutor ships a step to its workers
    assert type(clone).__name__ == "SourcegaugeFilter" and clone.gate._scorer is None
    assert clone.filter(documents()[1]) == (False, "spam_link_farm")
