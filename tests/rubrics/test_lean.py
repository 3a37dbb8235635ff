"""Lean rubric: contract, gazetteer across scripts, voice, and the seeds' editorial lean."""

from __future__ import annotations

from pathlib import Path

import pytest

from rubrics.lean.rubric import LeanRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def score(text: str, **params):
    return LeanRubric(**params).score(Segmented(Document(id="t", text=text, source="t")))


def actors(result) -> dict[str, dict]:
    return {a["actor"]: a for a in result.details["actors"]}


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return score(path.read_text(encoding="utf-8"))


def test_aliases_across_languages_and_scripts() -> None:
    text = ("The U.S. and Washington met. 美国和華盛頓也在。The White House agreed. 美國宣布。"
            "China and Beijing replied; 中国、中國、北京都表示反对。Nvidia, 英伟达 and 英偉達; Huawei, 华为, 華為.")
    table = actors(score(text))
    assert table["United States"]["mentions"] == 6
    assert table["China"]["mentions"] == 5
    assert table["NVIDIA"]["mentions"] == 3 and table["Huawei"]["mentions"] == 3
    assert table["United States"]["type"] == "country" and table["Huawei"]["type"] == "company"
    assert "us" not in {a.lower() for a in table} - {"united states"}  # the pronoun "us" is not an actor


def test_voice_is_counted_for_sources_only() -> None:
    text = ("Huang said the rules hurt. According to Huawei, sales rose. 华为表示将继续投入。"
            "Analysts criticised Huawei. 美国打压华为。")
    table = actors(score(text))
    assert table["Jensen Huang"]["voice"] == 1
    assert table["Huawei"]["voice"] == 2 and table["Huawei"]["mentions"] == 4


def test_tone_follows_the_sentences() -> None:
    text = ("Acme Widgets delivered a wonderful, brilliant success. Acme Widgets was praised. "
            "Globex Corp caused a horrible disaster. Globex Corp faces terrible losses.")
    result = score(text)
    table = actors(result)
    assert table["Acme Widgets"]["type"] == "other"  # the capitalised-name fallback
    assert table["Acme Widgets"]["tone"] > 0 > table["Globex Corp"]["tone"]
    assert result.features["tone_gap"] > 0.8 and "one_sided_tone" in result.flag_names
    ordered = [a["mentions"] for a in result.details["actors"]]
    assert ordered == sorted(ordered, reverse=True)


def test_user_gazetteer_extends(tmp_path: Path) -> None:
    extra = tmp_path / "extra.csv"
    extra.write_text("actor,type,aliases\nMoore Threads,company,Moore Threads|摩尔线程\n", encoding="utf-8")
    table = actors(score("摩尔线程发布新芯片。Moore Threads said so.", gazetteer=str(extra)))
    assert table["Moore Threads"]["mentions"] == 2 and table["Moore Threads"]["voice"] == 1


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seeds_favour_china_and_huawei_over_the_us_government(prefix: str) -> None:
    table = actors(seed(prefix))
    us, china, huawei = (table[n]["tone"] for n in ("United States", "China", "Huawei"))
    assert us < 0, f"seed {prefix}: US tone {us}"
    assert china > us and huawei > us


def test_seed_002_is_closer_to_balanced() -> None:
    gaps = {p: seed(p).features["tone_gap"] for p in ("001", "002", "003")}
    assert gaps["002"] < gaps["001"] and gaps["002"] < gaps["003"]
    china_us = {}
    for p in ("001", "002", "003"):
        t = actors(seed(p))
        china_us[p] = t["China"]["tone"] - t["United States"]["tone"]
    assert china_us["002"] < china_us["001"] and china_us["002"] < china_us["003"]
