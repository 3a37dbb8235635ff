"""Spam rubric: contract, the seeds' real problems, clickbait model, offline textstat, invariants."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubrics.spam import FLAG_WEIGHTS, SpamRubric
from scoring.document import Document
from scoring.segment import Segmented
from scoring.testing import check_rubric

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ROOT = Path(__file__).resolve().parents[1]


def _score(text: str, title: str | None = None):
    return SpamRubric().score(Segmented(Document(id="t", text=text, title=title)))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _flag(result, name: str):
    found = [f for f in result.flags if f.name == name]
    return found[0] if found else None


def test_contract() -> None:
    check_rubric(SpamRubric(), max_examples=30)


def test_seed_001_glued_sentences_and_ads() -> None:
    text = _seed("001")
    result = _score(text)
    glued = _flag(result, "glued_sentences")
    assert glued is not None
    glued_text = [text[e.start : e.end] for e in glued.evidence]
    assert "upAt" in glued_text and "worldwideIts" in glued_text
    ads = _flag(result, "ad_markers")
    assert ads is not None and {text[e.start : e.end] for e in ads.evidence} == {"Advertisements"}
    assert result.features["spam_likelihood"] > 0.3


def test_seed_003_link_farm_and_conversion_artifacts() -> None:
    text = _seed("003")
    result = _score(text)
    farm = _flag(result, "link_farm")
    assert farm is not None
    farm_text = [text[e.start : e.end] for e in farm.evidence]
    assert any("崩壞星穹鐵道" in t for t in farm_text) and any("甜蜜相擁" in t for t in farm_text)
    assert not any("美國政府" in t for t in farm_text)
    conv = _flag(result, "conversion_artifacts")
    assert conv is not None
    assert {"區(qū)", "發(fā)"} <= {text[e.start : e.end] for e in conv.evidence}


def test_seed_000_link_farm_and_clean_seed_002() -> None:
    text = _seed("000")
    farm = _flag(_score(text), "link_farm")
    assert farm is not None and text[farm.evidence[0].start : farm.evidence[0].end].startswith("法媒感叹")
    clean = _score(_seed("002"))
    assert clean.flags == () and clean.score == 1.0


def test_features_name_every_flag() -> None:
    result = _score("Short text")
    assert set(FLAG_WEIGHTS) <= set(result.features)
    assert result.features["too_short"] > 0.5
    assert result.score == 1 - result.features["spam_likelihood"]


def test_clickbait_title_from_metadata_and_first_line() -> None:
    body = "\n".join(["The committee met on Tuesday and approved the measure after a brief debate."] * 1)
    meta = _score(body, title="You Won't Believe What This Senator Did Next")
    assert _flag(meta, "clickbait_title") is not None
    first = _score("17 things only 90s kids will understand\n" + body)
    assert _flag(first, "clickbait_title") is not None
    news = _score("Ad sales boost Time Warner profit\n" + body)
    assert _flag(news, "clickbait_title") is None


def test_mojibake_and_markup() -> None:
    text = "The companyâ€™s chief said itâ€™s fine.&nbsp;Prices rose to â‚¬5."
    result = _score(text)
    assert _flag(result, "mojibake") is not None
    assert _flag(result, "conversion_artifacts") is not None


def test_repeated_lines_and_keyword_stuffing() -> None:
    para = "Buy cheap watches online today with free shipping on every cheap watches order."
    stuffed = "\n".join([para] * 3 + ["Cheap watches cheap watches best cheap watches deals on watches now."] * 4)
    result = _score(stuffed)
    assert _flag(result, "repeated_lines") is not None
    assert _flag(result, "keyword_stuffing") is not None


def test_textstat_offline_without_nltk_data(tmp_path: Path) -> None:
    # A fresh interpreter with no network and an empty NLTK data path: any download attempt fails.
    code = (
        "import socket\n"
        "def _no_net(*a, **k): raise OSError('network disabled in test')\n"
        "socket.socket.connect = _no_net\n"
        "socket.create_connection = _no_net\n"
        "from rubrics._textstat import flesch_reading_ease\n"
        "v = flesch_reading_ease('The cat sat on the mat. It was warm and the sun was out.')\n"
        "assert 60 < v < 130, v\n"
        "print(v)\n"
    )
    env = {"NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


ARTICLE = st.lists(st.sampled_from([
    "The city council approved a new budget for schools on Monday after a long debate.",
    "Officials said the plan would add teachers and repair old buildings across the district.",
    "Parents welcomed the decision but warned that the money might not arrive before autumn.",
    "Critics argued that the budget relied on optimistic tax forecasts for the coming years.",
]), min_size=1, max_size=6).map("\n".join)
HEADLINE = st.lists(st.sampled_from(["Celebrity", "Kardashian", "Skincare", "Horoscope", "Gaming", "Zodiac",
                                     "Puppy", "Makeover", "Secrets", "游戏", "攻略"]), min_size=3, max_size=7).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(ARTICLE, st.lists(HEADLINE, min_size=3, max_size=6).map("\n".join))
def test_appending_unrelated_headlines_never_lowers_spam_likelihood(article: str, block: str) -> None:
    before = _score(article).features["spam_likelihood"]
    after = _score(article + "\n" + block)
    assert after.features["spam_likelihood"] >= before - 1e-12
    assert _flag(after, "link_farm") is not None
