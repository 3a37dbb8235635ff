"""Spam rubric: contract, the seeds' real problems, clickbait model, offline textstat, invariants."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubrics.spam.rubric import FLAG_WEIGHTS, SpamRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import REPO as ROOT
from tests.conftest import SEEDS


def _score(text: str, title: str | None = None):
    return SpamRubric().score(Segmented(Document(id="t", text=text, title=title)))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _flag(result, name: str):
    found = [f for f in result.flags if f.name == name]
    return found[0] if found else None


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
        "from tests.oracles.textstat_offline import flesch_reading_ease\n"
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


# --- readability: the run-time fast path equals textstat ------------------------------------

REAL_SENTENCES = [
    # Ordinary news prose in the shapes the spam rubric samples (several sentences, quotes,
    # numbers, contractions, hyphenation); the BBC test below adds real articles.
    "Shares in the firm fell 3.5% on Tuesday after it warned that profits would be lower than expected.",
    "\"We don't think the market has priced this in,\" said one analyst, who asked not to be named.",
    "The minister's decision - announced late on Friday - surprised opposition MPs; they've called for a debate.",
    "Ad sales boost Time Warner profit. Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.",
    "It's the first time since 1998 that the club hasn't reached the quarter-finals of the competition.",
]


def _fast_and_reference(text: str) -> tuple[float, float]:
    from rubrics.spam import rubric as spam_module
    from tests.oracles.textstat_offline import flesch_reading_ease as textstat_fre

    return spam_module.flesch_reading_ease(text), textstat_fre(text)


def test_spam_readability_uses_the_fast_path() -> None:
    from rubrics.common import syllables as _syllables
    from rubrics.spam import rubric as spam_module

    # The rubric must not import textstat (nltk, ~seconds) at run time.
    assert spam_module.flesch_reading_ease is _syllables.flesch_reading_ease


def test_readability_fast_path_equals_textstat_on_sentences() -> None:
    for text in [*REAL_SENTENCES, " ".join(REAL_SENTENCES)]:
        fast, reference = _fast_and_reference(text)
        assert fast == reference, text


def test_readability_fast_path_equals_textstat_on_bbc_samples() -> None:
    bbc = ROOT.parent / "shared" / "corpora" / "bbc"
    if not bbc.is_dir():
        import pytest

        pytest.skip("../shared/corpora/bbc not present: real-article parity runs only beside the shared data")
    paths = sorted(bbc.glob("*/*.txt"))[::40][:30]
    assert paths
    rubric = SpamRubric()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        seg = Segmented(Document(id=path.name, text=text))
        # The exact sample the rubric scores, and the whole article.
        sample_score = rubric.score(seg).features["readability_flesch"]
        for chunk in (text, *[line for line in text.splitlines() if len(line) > 40][:5]):
            fast, reference = _fast_and_reference(chunk)
            assert fast == reference, (path, chunk[:60])
        assert sample_score != 0.0


def test_spam_start_up_does_not_import_textstat_or_nltk() -> None:
    code = (
        "import sys\n"
        "from rubrics.spam.rubric import SpamRubric\n"
        "from scoring.core.document import Document\n"
        "from scoring.text.segment import Segmented\n"
        "text = 'The council met on Monday. It approved the budget after a long debate about schools.'\n"
        "SpamRubric().score(Segmented(Document(id='x', text=text)))\n"
        "assert 'nltk' not in sys.modules and 'textstat' not in sys.modules, sorted(m for m in sys.modules if 'nltk' in m or 'textstat' in m)[:5]\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


# --- clickbait: plain-Python scoring equals scikit-learn's pipeline --------------------------

MADE_UP_HEADLINES = [
    ("You won't believe what this dog did at the beach", 1),
    ("17 things only 90s kids will understand", 1),
    ("This one weird trick will change how you cook rice!", 1),
    ("Here's why everyone is talking about this tiny house", 1),
    ("Can you guess which celebrity wore it better?", 1),
    ("These 10 photos will restore your faith in humanity", 1),
    ("What happened next will shock you", 1),
    ("21 reasons cats are secretly better than dogs", 1),
    ("Parliament approves budget after late-night vote", 0),
    ("Central bank holds interest rates at 4.5 per cent", 0),
    ("Flooding closes roads across northern England", 0),
    ("Court rejects appeal in corruption case", 0),
    ("Oil prices fall as output rises in Gulf states", 0),
    ("Minister resigns over expenses inquiry", 0),
    ("Election turnout lowest since 2001, figures show", 0),
    ("Hospital waiting lists rise for third month", 0),
]
PROBE_HEADLINES = [
    "You Won't Believe These 12 Hidden Beach Tricks!",
    "budget vote delayed as ministers argue over rates",
    "Why this court case will shock every cat owner?",
    "Gulf oil output: what happened next",
    "Ünïcödé headline with naïve café — 2024",
    "",
    "!!!",
]


def test_clickbait_scoring_equals_sklearn_pipeline(tmp_path: Path, monkeypatch) -> None:
    """Train the shipped pipeline on made-up headlines, export it with the training script's
    exporter, and check rubrics/clickbait.py reproduces sklearn's probabilities."""
    import json

    import numpy as np

    from rubrics.spam import clickbait

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_clickbait
    finally:
        sys.path.remove(str(ROOT / "scripts"))

    texts = [t for t, _ in MADE_UP_HEADLINES]
    model = train_clickbait.pipeline()
    # The tiny corpus cannot meet the shipped min_df; keep every n-gram instead.
    vectorizers = [vec for _, vec in model.named_steps["features"].transformer_list]
    for vec in vectorizers:
        vec.set_params(min_df=1)
    model.fit(texts, [y for _, y in MADE_UP_HEADLINES])
    exported = train_clickbait.export(model)
    (tmp_path / clickbait.MODEL_FILE).write_text(train_clickbait.diffable_json(exported), encoding="utf-8")
    loaded = json.loads((tmp_path / clickbait.MODEL_FILE).read_text(encoding="utf-8"))
    # The exporter rounds idf and coefficients to 6 decimals: give the sklearn model the same
    # rounded numbers, so that the comparison below tests the scoring code, not the rounding.
    clf = model.named_steps["clf"]
    coef = clf.coef_.copy()
    offset = 0
    for vec, block in zip(vectorizers, ("word", "char"), strict=True):
        idf = vec.idf_.copy()
        for term, j in vec.vocabulary_.items():
            idf[j], coef[0, offset + j] = loaded[block][term]
        vec.idf_ = idf
        offset += len(vec.vocabulary_)
    clf.coef_ = coef
    clf.intercept_ = np.array([loaded["intercept"]])

    monkeypatch.setattr(clickbait, "data_json", lambda name: json.loads((tmp_path / name).read_text("utf-8")))
    clickbait._model.cache_clear()
    try:
        headlines = texts + PROBE_HEADLINES
        expected = model.predict_proba(headlines)[:, 1]
        got = [clickbait.clickbait_probability(t) for t in headlines]
    finally:
        clickbait._model.cache_clear()
    for text, p_ref, p_got in zip(headlines, expected, got, strict=True):
        assert abs(p_ref - p_got) < 1e-9, (text, p_ref, p_got)
    # The model learned something, so the comparison is not between two constants.
    assert max(got) - min(got) > 0.2
