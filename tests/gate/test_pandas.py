"""pandas: score_frame columns, index preservation, rows that cannot be scored, join."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import scoring
from scoring.core.document import Document
from scoring.engine.profile import load_profile
from scoring.gate.gate import Gate
from scoring.gate.pandas import result_columns, score_frame
from tests.conftest import REPO

GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"
PROFILE = GATE_PLUGIN / "gate_test.toml"


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(GATE_PLUGIN))


def sample_frame() -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples([("bbc", 7), ("cnn", 3), ("bbc", 2), ("x", 9), ("y", 1), ("z", 0)],
                                      names=["site", "n"])
    return pd.DataFrame({
        "body": ["A plain report.\nSecond line.", "LINKFARM page", "nav: a\nnav: b\nc", None, "", 12],
        "outlet": ["BBC", "CNN", "BBC", None, "Y", "Z"],
        "title": ["Report", "CLICKBAIT headline", None, None, None, None],
    }, index=index)


def test_columns_index_and_values_match_the_gate() -> None:
    df = sample_frame()
    out = scoring.score_frame(df, text="body", source="outlet", profile=PROFILE)
    assert out.index.equals(df.index)
    assert list(out.columns) == ["sg_score", "sg_fakeboiler", "sg_fakespam", "sg_flags", "sg_keep", "sg_reasons"]
    assert dict(out.dtypes.astype(str)) == result_columns(load_profile(PROFILE))
    gate = Gate(PROFILE)
    for label, body, title in zip(df.index, df["body"], df["title"], strict=True):
        if not isinstance(body, str) or not body:
            continue
        verdict = gate.decide(Document(id=str(label), text=body, title=title if isinstance(title, str) else None))
        row = out.loc[label]
        assert row["sg_keep"] == verdict.keep
        assert row["sg_reasons"] == ";".join(verdict.reasons)
        assert row["sg_score"] == pytest.approx(verdict.score)
        assert row["sg_fakeboiler"] == pytest.approx(verdict.scores["fakeboiler"])
    assert out.loc[("cnn", 3), "sg_flags"] == "link_farm;clickbait_title"
    assert out.loc[("bbc", 2), "sg_reasons"] == "boilerplate_ratio_above_0.5"


def test_rows_that_cannot_be_scored_are_rejected_with_a_reason() -> None:
    out = score_frame(sample_frame(), text="body", profile=PROFILE)
    assert out.loc[("x", 9), "sg_reasons"] == "missing_text"
    assert out.loc[("y", 1), "sg_reasons"] == "empty_text"
    assert out.loc[("z", 0), "sg_reasons"] == "text_not_string"
    assert not out.loc[[("x", 9), ("y", 1), ("z", 0)], "sg_keep"].any()
    assert out.loc[[("x", 9), ("y", 1), ("z", 0)], ["sg_score", "sg_fakespam"]].isna().all().all()


def test_title_column_reaches_the_rubrics() -> None:
    df = pd.DataFrame({"text": ["story one", "story two"], "headline": ["CLICKBAIT", "Calm"]}, index=[10, 20])
    out = score_frame(df, profile=PROFILE, title="headline")
    assert list(out["sg_reasons"]) == ["clickbait_title", ""]
    assert list(score_frame(df, profile=PROFILE)["sg_keep"]) == [True, True]  # no "title" column: unused


def test_join_and_id_column_and_empty_frame() -> None:
    df = pd.DataFrame({"text": ["fine", "LINKFARM"], "doc": ["a", "b"]}, index=pd.Index([5, 3], name="k"))
    joined = score_frame(df, id="doc", profile=PROFILE, join=True)
    assert list(joined.columns[:2]) == ["text", "doc"] and joined.index.equals(df.index)
    assert list(joined["sg_keep"]) == [True, False]
    empty = score_frame(df.iloc[:0], profile=PROFILE)
    assert len(empty) == 0 and dict(empty.dtypes.astype(str)) == result_columns(load_profile(PROFILE))


def test_missing_text_column_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no text column 'content'"):
        score_frame(pd.DataFrame({"text": ["x"]}), text="content", profile=PROFILE)


def test_missing_values_of_every_pandas_kind() -> None:
    df = pd.DataFrame({"text": pd.array(["ok text", pd.NA, None], dtype="string")})
    out = score_frame(df, profile=PROFILE)
    assert list(out["sg_reasons"]) == ["", "missing_text", "missing_text"]
    assert math.isnan(out["sg_score"].iloc[1]) and np.isfinite(out["sg_score"].iloc[0])


def test_rubric_restriction(tmp_path: Path) -> None:
    out = score_frame(pd.DataFrame({"text": ["LINKFARM"]}), profile=PROFILE, rubrics=["fakeboiler"])
    assert "sg_fakespam" not in out.columns and bool(out["sg_keep"].iloc[0])
