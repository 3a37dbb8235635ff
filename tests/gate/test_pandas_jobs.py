"""score_frame with worker processes gives the same frame as in one process; repair adds its column."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring import score_frame
from scoring.engine.profile import load_profile, parse_profile
from scoring.gate.pandas import result_columns
from tests.conftest import SEEDS


def _frame() -> pd.DataFrame:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return pd.DataFrame({"text": [*texts, "", None, 7]}, index=pd.Index([f"r{i}" for i in range(8)], name="row"))


def test_jobs_give_the_same_frame() -> None:
    frame = _frame()
    one = score_frame(frame)
    two = score_frame(frame, jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert two.loc["r5", "sg_reasons"] == "empty_text" and two.loc["r7", "sg_reasons"] == "text_not_string"
    with pytest.raises(ValueError, match="jobs"):
        score_frame(frame, jobs=0)


def test_repair_adds_the_clean_text_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    base = load_profile("default")
    profile = parse_profile({"rubrics": dict(base.weights), "flag_caps": dict(base.flag_caps),
                             "thresholds": dict(base.thresholds),
                             "gate": {**base.gate, "repair": True, "strip_max_share": 0.1}}, "repair.toml")
    assert "sg_clean_text" in result_columns(profile)
    scores = score_frame(_frame(), profile=profile)
    assert scores.loc["r0", "sg_keep"]  # seed 000: its teaser line stripped
    assert len(scores.loc["r0", "sg_clean_text"]) < len(_frame().loc["r0", "text"])
    assert pd.isna(scores.loc["r5", "sg_clean_text"])
