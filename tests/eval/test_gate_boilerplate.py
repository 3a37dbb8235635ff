"""Evaluation gate for the boilerplate rubric and link-farm detection: the figures that
scripts/eval_boilerplate.py and scripts/eval_link_farms.py print, with a margin.

Boilerplate class, F1 by characters: dev.jsonl all 0.857, the datasets held out from training
0.854, zh-dev.jsonl (34 Chinese pages, never trained on) 0.836 (0.858 / 0.855 / 0.834 before 2026-12-06's
link-farm candidates). The rubric is deterministic, so
the margins (0.008 on dev, 0.01 on the held-out sets, 0.014 on zh-dev, whose figure one page can
move by a few hundredths) absorb small deliberate changes, not noise.

Generated link farms (300 documents per corpus, the script's seed): recall 0.987 BBC, 0.993
CNN/Daily Mail hosts, 0.987 Sogou; false flags on the untouched corpora 0.22% BBC, 0.91% Sogou,
0% CNN/Daily Mail; on the 42 rated outlets' real articles of eval/sources 1.99%. Pinned at the issue's targets (recall >= 0.95, false flags <= 2%) and within
0.02 of the measured recall.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.conftest import SHARED, load_script


@pytest.fixture(scope="module")
def boilerplate_figures() -> dict[str, tuple[float, float, float]]:
    if not (SHARED / "eval" / "boilerplate" / "zh-dev.jsonl").exists():
        pytest.skip("../shared/eval/boilerplate not present: the boilerplate gate reads dev.jsonl and zh-dev.jsonl")
    ev = load_script("eval_boilerplate")
    return ev.figures(*ev.load_pages())


@pytest.mark.parametrize(("group", "minimum"), [("all", 0.85), ("held out from training", 0.845),
                                                ("zh-dev (all)", 0.82)])
def test_boilerplate_f1_by_characters(boilerplate_figures: dict[str, tuple[float, float, float]],
                                      group: str, minimum: float) -> None:
    assert boilerplate_figures[group][2] >= minimum, boilerplate_figures[group]


@pytest.fixture(scope="module")
def link_farms() -> ModuleType:
    if not (SHARED / "corpora").is_dir():
        pytest.skip("../shared/corpora not present: link farms are generated from the shared corpora")
    return load_script("eval_link_farms")


@pytest.fixture(scope="module")
def corpora(link_farms: ModuleType) -> dict:
    return link_farms.corpora()


@pytest.mark.parametrize(("name", "measured"), [("BBC (English)", 0.987), ("CNN/Daily Mail hosts, BBC headlines", 0.993),
                                                ("Sogou (Chinese)", 0.987)])
def test_generated_link_farms_are_caught(link_farms: ModuleType, corpora: dict, name: str, measured: float) -> None:
    hosts, donors, _ = corpora[name]
    result = link_farms.generate(hosts, donors, 300)
    tally = result.groups["all"]
    assert tally.caught / tally.cases >= max(0.95, measured - 0.02)
    for layout in link_farms.LAYOUTS:
        t = result.groups[layout]
        assert t.caught / t.cases >= 0.9, (layout, t)


@pytest.mark.parametrize(("corpus", "measured"), [("bbc", 0.0022), ("sogou", 0.0091), ("cnn", 0.0)])
def test_untouched_articles_are_not_link_farms(link_farms: ModuleType, corpus: str, measured: float) -> None:
    flagged, n = link_farms.false_flags(link_farms.load_articles(corpus))
    assert flagged / n <= min(0.02, measured + 0.01)


def test_real_news_pages_rarely_hold_a_link_farm(link_farms: ModuleType) -> None:
    # The rated outlets' articles as an extractor left them: embedded posts, photo credits, quotation intros
    # and related-story blocks. 42 of 2,110 (1.99%) keep a link-farm line, most of them real related-story
    # blocks; 113 (5.36%) did before lines no headline looks like left the candidates.
    if not link_farms.RATED_OUTLETS.exists():
        pytest.skip("../shared/eval/sources not present")
    flagged, n = link_farms.false_flags(link_farms.rated_outlet_articles())
    assert flagged / n <= 0.0199 + 0.008
