"""Extras that work alone: what each optional feature needs is in its extra, and says so when absent."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

EXTRAS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_each_extra_brings_what_its_feature_imports() -> None:
    assert {"datatrove", "orjson"} <= _names(EXTRAS["datatrove"])  # datatrove's JSONL reader needs orjson
    assert "hypothesis" in _names(EXTRAS["testing"])
    assert _names(EXTRAS["testing"]) | _names(EXTRAS["datatrove"]) <= _names(EXTRAS["test"])


def test_testing_kit_names_its_extra_when_hypothesis_is_missing() -> None:
    code = "import sys; sys.modules['hypothesis'] = None\nimport scoring.testing"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode != 0 and "testing extra" in run.stderr and "[testing]" in run.stderr


def test_a_jsonl_reader_pipeline_runs(tmp_path: Path) -> None:
    pytest.importorskip("datatrove", reason="datatrove not installed (optional extra: sourcegauge[datatrove])")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from scoring.gate.datatrove import SourcegaugeFilter

    data = tmp_path / "in"
    data.mkdir()
    article = (REPO / "seeds").glob("002_*.txt").__next__().read_text(encoding="utf-8")
    (data / "part.jsonl").write_text("\n".join(json.dumps(r) for r in (
        {"id": "a1", "text": article}, {"id": "a2", "text": ""})) + "\n", encoding="utf-8")
    LocalPipelineExecutor(pipeline=[JsonlReader(str(data)), SourcegaugeFilter(profile="default"),
                                    JsonlWriter(str(tmp_path / "out"), compression=None)],
                          tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    kept = [json.loads(line) for path in (tmp_path / "out").glob("*.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in kept] == ["a1"]
