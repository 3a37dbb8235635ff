"""Fitted document-score models: loading and validation, contributions, languages, the default profile."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

import pytest

from scoring.core.document import Document
from scoring.core.evidence import Flag
from scoring.core.result import RubricResult
from scoring.engine.aggregate import score_breakdown
from scoring.engine.model import SCHEMA, load_model
from scoring.engine.pipeline import Scorer, score_document
from scoring.engine.profile import ProfileError, load_profile, parse_profile
from tests.conftest import SEEDS, SOURCEGAUGE, seed_text

FEATURE = {"rubric": "hedging", "feature": "hedge_density", "transform": "identity", "mean": 10.0, "scale": 5.0,
           "coef": 0.1, "languages": ["en"]}


def _model(**changes: Any) -> dict[str, Any]:
    model = {"schema": SCHEMA, "intercept": 0.5, "clip": 3.0, "features": [dict(FEATURE)]}
    model.update(changes)
    return model


def _profile(tmp_path: Path, model: dict[str, Any] | str | None, rubrics: str = "hedging = 1\nsourcing = 1\n",
             extra: str = "") -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(exist_ok=True)
    if model is not None:
        (folder / "m.json").write_text(model if isinstance(model, str) else json.dumps(model), encoding="utf-8")
    path = folder / "p.toml"
    path.write_text(f'name = "p"\nmodel = "m.json"\n{extra}[rubrics]\n{rubrics}', encoding="utf-8")
    return path


def _result(rubric: str, features: dict[str, float], flags: tuple[str, ...] = ()) -> RubricResult:
    return RubricResult(rubric, "1", 0.5, features, flags=tuple(Flag(f) for f in flags))


def test_a_model_beside_the_profile_is_found_and_applied(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative to the profile's folder, not the working directory
    profile = load_profile(_profile(tmp_path, _model()))
    assert profile.model is not None and profile.model.path.endswith("m.json")
    story = score_breakdown({"hedging": _result("hedging", {"hedge_density": 20.0})}, profile)
    assert story.contributions == {"hedging.hedge_density": pytest.approx(0.2)}  # 0.1 * (20 - 10) / 5
    assert story.baseline == 0.5 and story.base == pytest.approx(0.7)


@pytest.mark.parametrize(("model", "message"), [
    (None, "cannot read model file"),
    ("{not json", "not valid JSON"),
    ("[1, 2]", "one JSON object"),
    (_model(schema="other/1"), "schema must be"),
    (_model(intercept="high"), "intercept must be a finite number"),
    (_model(clip=0), "clip must be > 0"),
    (_model(features=[]), "features must be a non-empty list"),
    (_model(features=[{**FEATURE, "scale": 0}]), "scale must be > 0"),
    (_model(features=[{**FEATURE, "coef": None}]), "coef must be a finite number"),
    (_model(features=[{**FEATURE, "transform": "sqrt"}]), "transform must be one of"),
    (_model(features=[{**FEATURE, "languages": []}]), "languages must be a non-empty list"),
    (_model(features=[FEATURE, FEATURE]), "listed twice"),
    (_model(features=[{**FEATURE, "feature": "no_such_feature"}]), "produces no such feature"),
    (_model(features=[{**FEATURE, "rubric": "framing", "feature": "loaded_density"}]), "not in [rubrics]"),
])
def test_a_bad_model_is_a_profile_error_naming_the_file(tmp_path: Path, model: Any, message: str) -> None:
    path = _profile(tmp_path, model)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert message in str(info.value) and "m.json" in str(info.value)


def test_a_rubric_that_does_not_declare_its_features_cannot_feed_a_model(tmp_path: Path) -> None:
    from scoring.engine.registry import rubric_class

    undeclared = next(n for n in ("boilerplate", "spam", "lean") if not rubric_class(n).feature_names)
    model = _model(features=[{**FEATURE, "rubric": undeclared, "feature": "anything"}])
    with pytest.raises(ProfileError, match="does not declare its feature_names"):
        load_profile(_profile(tmp_path, model, rubrics=f"{undeclared} = 1\n"))


def test_the_command_line_exits_2_on_a_broken_model(tmp_path: Path, cli_env: dict[str, str]) -> None:
    path = _profile(tmp_path, "{broken")
    (tmp_path / "a.txt").write_text("The minister said the plan may fail.", encoding="utf-8")
    out = subprocess.run([*SOURCEGAUGE, "score", str(tmp_path / "a.txt"), "--profile", str(path), "--no-progress"],
                         capture_output=True, text=True, env=cli_env, timeout=120)
    assert out.returncode == 2
    assert "m.json" in out.stderr and "not valid JSON" in out.stderr
    assert out.stdout == ""


def test_the_model_file_content_enters_the_profile_hash(tmp_path: Path) -> None:
    first = load_profile(_profile(tmp_path, _model())).hash
    second = load_profile(_profile(tmp_path, _model(intercept=0.4))).hash
    assert first != second
    assert load_profile(_profile(tmp_path, _model())).hash == first


def test_unmeasured_and_other_language_features_contribute_nothing(tmp_path: Path) -> None:
    model = _model(features=[FEATURE, {**FEATURE, "rubric": "sourcing", "feature": "quotes", "transform": "log1p",
                                       "mean": 1.0, "languages": ["en", "zh"]}])
    profile = load_profile(_profile(tmp_path, model))
    results = {"hedging": _result("hedging", {"hedge_density": 20.0}),
               "sourcing": _result("sourcing", {"quotes": math.e - 1})}
    english = score_breakdown(results, profile, "en").contributions
    chinese = score_breakdown(results, profile, "zh").contributions
    assert english["hedging.hedge_density"] > 0 and english["sourcing.quotes"] == 0.0  # log1p(e-1) = 1 = mean
    assert chinese["hedging.hedge_density"] == 0.0  # fitted on English: not applied to Chinese
    missing = score_breakdown({"hedging": _result("hedging", {}), "sourcing": _result("sourcing", {})}, profile)
    assert missing.base == 0.5 and set(missing.contributions.values()) == {0.0}  # imputed at the mean
    assert score_breakdown({}, profile).score is None  # nothing the model reads was measured


def test_flag_caps_apply_after_the_model(tmp_path: Path) -> None:
    profile = load_profile(_profile(tmp_path, _model(), extra="[flag_caps]\nlink_farm = 0.2\n"))
    story = score_breakdown({"hedging": _result("hedging", {"hedge_density": 25.0}, ("link_farm",))}, profile)
    assert story.base == pytest.approx(0.8) and story.score == 0.2 and story.capped_by == "link_farm"


def test_restricting_away_a_rubric_the_model_reads_falls_back_to_the_weighted_mean() -> None:
    default = load_profile("default")
    assert default.restricted_to(list(default.rubrics)).model is default.model
    assert default.restricted_to(["sourcing"]).model is None
    assert default.restricted_to(["sourcing"]).hash != default.hash


def test_default_model_is_the_shipped_file_and_validates() -> None:
    model = load_profile("default").model
    assert model is not None
    again = load_model(Path(model.path))
    assert again.digest == model.digest and len(model.features) >= 5
    assert {"cv", "training"} <= set(model.metadata)
    assert all(f.coef != 0 and f.scale > 0 for f in model.features)


def test_contributions_sum_to_the_base_score_on_the_seeds() -> None:
    scorer = Scorer("default")
    for path in sorted(SEEDS.glob("*.txt")):
        result = scorer.score(Document(id=path.name, text=path.read_text(encoding="utf-8")))
        story = result.breakdown
        assert story is not None and story.base is not None
        assert set(story.contributions) == {f.key for f in scorer.profile.model.features}
        unclipped = story.baseline + sum(story.contributions.values())
        assert story.base == pytest.approx(min(1.0, max(0.0, unclipped)), abs=1e-5)
        record = result.to_record(include_evidence=False)
        assert record["baseline"] == story.baseline and record["contributions"] == story.contributions


def test_seed_003_with_its_link_farm_is_at_the_bottom() -> None:
    scores = {p.name[:3]: score_document(Document(id=p.name, text=p.read_text(encoding="utf-8"))).score
              for p in sorted(SEEDS.glob("*.txt"))}
    assert scores["003"] == min(scores.values())
    assert scores["003"] < scores["001"] and scores["003"] < scores["002"]  # the two real articles


CHINESE = ("新华社北京6月5日电 国家统计局5日发布数据显示,5月份全国居民消费价格同比上涨2.1%。"
           "国家统计局城市司首席统计师董莉娟表示,食品价格上涨是主要原因。\n\n"
           "据报道,专家认为,下半年物价将保持稳定。")
MIXED = ("华为表示,公司今年的研发投入将超过1000亿元。The Financial Times reported that Huawei may "
         "expand its chip unit, according to two people familiar with the plan.\n\n据悉,该计划仍在讨论中。")


def test_chinese_and_mixed_documents_get_a_finite_score_that_does_not_collapse() -> None:
    scorer = Scorer("default")
    shouting = "太棒了!你们快来看!我们赢了!!!真的吗?真的吗?\n\n我们赢了!你相信吗?"
    scores = {}
    for name, text in (("zh", CHINESE), ("mixed", MIXED), ("zh_loud", shouting), ("sogou_seed", seed_text("003"))):
        result = scorer.score(Document(id=name, text=text))
        assert result.score is not None and math.isfinite(result.score) and 0.0 <= result.score <= 1.0
        assert result.breakdown is not None and result.breakdown.base is not None
        scores[name] = result.breakdown.base
    # The features defined for Chinese still move the score: it is not the intercept for every text.
    assert len({round(s, 4) for s in scores.values()}) == len(scores)
    assert scores["zh"] > scores["zh_loud"]
    assert 0.1 < scores["zh"] < 0.9


def test_a_profile_with_a_model_parses_from_memory_with_a_base(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text(json.dumps(_model()), encoding="utf-8")
    profile = parse_profile({"model": "m.json", "rubrics": {"hedging": 1}}, "memory", tmp_path)
    assert profile.model is not None
    with pytest.raises(ProfileError, match="model: must be the path"):
        parse_profile({"model": 3, "rubrics": {"hedging": 1}}, "memory", tmp_path)


def test_check_rubric_holds_a_rubric_to_its_declared_features() -> None:
    from scoring.rubric import Rubric, Segmented
    from scoring.testing import check_once

    class Declares(Rubric):
        name = "declares"
        version = "1"
        feature_names = ("length",)

        def score(self, seg: Segmented) -> RubricResult:
            return self.result(1.0, {"length": len(seg.text), "surprise": 1.0})

    with pytest.raises(AssertionError, match="'surprise' is not in its declared feature_names"):
        check_once(Declares(), "some text")
