"""Every registered rubric keeps the contract; the registry finds built-ins and plugins alike."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from scoring.engine.registry import UnknownRubricError, available_rubrics, load_rubric, rubric_class
from scoring.testing import check_rubric
from tests.conftest import PLUGIN_DIR, REPO, SEEDS

BUILT_IN = sorted(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]
                  ["sourcegauge.rubrics"])


def test_the_five_mission_rubrics_are_registered() -> None:
    assert {"boilerplate", "sourcing", "hedging", "sentiment", "framing"} <= set(BUILT_IN)
    assert set(BUILT_IN) <= set(available_rubrics())


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_rubric_keeps_the_contract(name: str) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    check_rubric(load_rubric(name), extra_inputs=seeds)


def test_unknown_rubric_lists_the_available_ones() -> None:
    with pytest.raises(UnknownRubricError) as info:
        rubric_class("no_such_rubric")
    assert "boilerplate" in str(info.value) and "no_such_rubric" in str(info.value)


def test_check_rubric_catches_a_broken_rubric() -> None:
    from scoring.rubric import Evidence, Interval, Rubric, RubricResult, Segmented

    class OffsetsOutside(Rubric):
        name = "broken"
        version = "1"

        def score(self, seg: Segmented) -> RubricResult:
            return self.result(0.5, evidence=[Evidence(0, len(seg.doc.text) + 5, "x")])

    class Nondeterministic(Rubric):
        name = "flaky"
        version = "1"

        def __init__(self) -> None:
            pass

        def score(self, seg: Segmented) -> RubricResult:
            Nondeterministic.calls = getattr(Nondeterministic, "calls", 0) + 1
            return self.result(0.5, {"calls": Nondeterministic.calls})

    class ForgetsParameters(Rubric):
        name = "forgetful"
        version = "1"

        def __init__(self, threshold: float = 0.5) -> None:
            self.threshold = 0.9  # does not store what it was given

        def score(self, seg: Segmented) -> RubricResult:
            return self.result(self.threshold)

    class Undeclared(Rubric):
        name = "undeclared"
        version = "1"

        def __init__(self, threshold: float = 0.5) -> None:
            self.threshold = threshold

        def score(self, seg: Segmented) -> RubricResult:
            return self.result(self.threshold)

    class OutOfItsOwnRange(Undeclared):
        parameter_constraints = {"threshold": Interval(float, 0.0, 1.0)}

    with pytest.raises(AssertionError, match="without a declared constraint"):
        check_rubric(Undeclared())
    with pytest.raises(AssertionError, match="break their declared constraints"):
        check_rubric(OutOfItsOwnRange(threshold=3.0))
    with pytest.raises(AssertionError, match="outside text"):
        check_rubric(OffsetsOutside())
    with pytest.raises(AssertionError, match="not deterministic"):
        check_rubric(Nondeterministic())
    with pytest.raises(AssertionError, match="does not store its parameters"):
        check_rubric(ForgetsParameters(threshold=0.2))


def test_third_party_rubric_is_found_through_its_entry_point(cli_env: dict[str, str]) -> None:
    # The plugin is a separate distribution (a dist-info with entry_points.txt) on the path;
    # nothing in the engine names it.
    env = dict(cli_env, PYTHONPATH=str(PLUGIN_DIR))
    listed = subprocess.run([sys.executable, "-m", "scoring", "rubrics"], env=env, capture_output=True,
                            text=True, check=True)
    assert "exclamation" in listed.stdout
    doc = SEEDS.parent / "tests" / "fixtures" / "shouting.txt"
    scored = subprocess.run(
        [sys.executable, "-m", "scoring", "score", str(doc), "--rubrics", "exclamation,boilerplate", "-q"],
        env=env, capture_output=True, text=True,
    )
    assert scored.returncode == 0, scored.stderr
    import json

    (record,) = [json.loads(line) for line in scored.stdout.splitlines()]
    result = record["rubrics"]["exclamation"]
    assert result["features"]["exclamations"] == 3
    assert [e["text"] for e in result["evidence"]] == ["!", "!", "!"]
    assert "boilerplate" in record["rubrics"]
