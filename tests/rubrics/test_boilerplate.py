"""Boilerplate rubric: contract, the seeds' real problems, and invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rubrics.boilerplate.lines import CATEGORIES, cue_category
from rubrics.boilerplate.rubric import BoilerplateRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import SEEDS


def _score(text: str, title: str | None = None):
    return BoilerplateRubric().score(Segmented(Document(id="t", text=text, title=title)))


def _labels(text: str) -> list[tuple[str, str]]:
    result = _score(text)
    return [(text[s:e], label) for s, e, label in result.details["lines"]]


def _seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_003_link_farm_runs_and_reprint_notice() -> None:
    labels = _labels(_seed("003"))
    head = labels[:10]
    assert all(label == "link_farm" for _, label in head), head
    reprint = [label for text, label in labels if "授權轉載" in text]
    assert reprint == ["reprint_notice"]
    footer_text, footer_label = labels[-1]
    assert footer_text.startswith("甜蜜相擁") and footer_label == "link_farm"
    # The article itself is content, including its on-topic heading line.
    assert ("美國在芯片行業(yè)對中國實施封鎖限制", "content") in labels
    assert sum(1 for _, label in labels if label == "content") >= 10


def test_seed_001_advertisements_are_ad_markers() -> None:
    labels = _labels(_seed("001"))
    ads = [label for text, label in labels if text == "Advertisements"]
    assert len(ads) == 5 and set(ads) == {"ad_marker"}
    assert [label for text, label in labels if text.startswith("Self-research")] == ["content"]


def test_seed_002_comments_and_004_workflow_are_boilerplate() -> None:
    labels = _labels(_seed("002"))
    assert labels[-1] == ("Comments", "comments")
    assert all(label == "content" for text, label in labels if len(text) > 200)
    labels4 = _labels(_seed("004"))
    assert labels4[0][0] == "Workflow" and labels4[0][1] != "content"
    assert labels4[-1][1] == "content"


_POSTS = [
    "The committee met again on Tuesday to discuss the new transport budget, which has grown by a third since "
    "last year and now includes two new tram lines for the northern districts.",
    "Several members asked why the consultation had been so short, and the chair promised a second round of "
    "public meetings before any contract is signed this autumn.",
    "A reader pointed me to the original tender documents, which show that the cost estimates were revised "
    "twice before the committee ever saw them.",
    "I will write more once the minutes are published, probably at the end of next week.",
]


def _post_page(authors: list[str]) -> str:
    lines = ["Transport budget notes", _POSTS[0] * 3]
    for post, author in zip(_POSTS[1:], authors, strict=True):
        lines += [f"Posted 10:{len(lines):02d} AM by {author}", post]
    return "\n".join(lines)


def test_short_posts_signed_by_one_author_are_not_a_comment_thread() -> None:
    # A multi-post blog page: every post ends with the same author's "Posted ... by" line.
    one_voice = _labels(_post_page(["David Adesnik"] * 3))
    assert "comments" not in {label for _, label in one_voice}, one_voice
    # The same layout with a different name on every header is a reader-comment thread.
    many_voices = _labels(_post_page(["Jane Miller", "Tom Baker", "Ann Lee"]))
    assert [label for text, label in many_voices if text in _POSTS[1:]] == ["comments"] * 3, many_voices


def test_seed_000_trailing_chinese_headline_is_link_farm() -> None:
    labels = _labels(_seed("000"))
    assert labels[0][1] == "content"
    assert labels[-1][1] == "link_farm"


def test_result_shape_and_offsets() -> None:
    text = "Home\nNews\n\nThe council approved the budget on Monday after a long debate.\n© 2024 Example"
    result = _score(text)
    lines = result.details["lines"]
    assert [text[s:e] for s, e, _ in lines] == ["Home", "News", "The council approved the budget on Monday after a long debate.", "© 2024 Example"]
    assert [label for _, _, label in lines] == ["navigation", "navigation", "content", "footer"]
    for cat in CATEGORIES:
        assert f"lines_{cat}" in result.features
    assert result.features["boilerplate_ratio_lines"] == pytest.approx(0.75)
    content = len("The council approved the budget on Monday after a long debate.")
    assert result.score == pytest.approx(content / sum(e - s for s, e, _ in lines))
    assert len(result.evidence) == 3 and {e.label for e in result.evidence} == {"navigation", "footer"}


@pytest.mark.parametrize(
    ("line", "category"),
    [("Advertisement", "ad_marker"), ("广告", "ad_marker"), ("Sponsored", "ad_marker"),
     ("Originally published at The Conversation", "reprint_notice"),
     ("Reprinted with permission from the author.", "reprint_notice"),
     ("Share on Facebook", "share_widget"), ("12 Comments", "comments"), ("Related Articles", "related_links"),
     ("All rights reserved.", "footer"), ("By Jane Smith", "byline_meta"), ("The cat sat on the mat.", None)],
)
def test_cue_categories(line: str, category: str | None) -> None:
    assert cue_category(line) == category


ARTICLE_SENTENCES = [
    "The city council approved a new budget for schools on Monday after a long debate.",
    "Officials said the plan would add teachers and repair old buildings across the district.",
    "Parents welcomed the decision but warned that the money might not arrive before autumn.",
    "The mayor told reporters that the council had listened to families and teachers alike.",
    "Critics argued that the budget relied on optimistic tax forecasts for the coming years.",
    "这项预算将在下个月提交市议会审议,官员表示学校维修工作将优先进行。",
]
# Vocabulary that shares nothing with the article sentences above.
UNRELATED_WORDS = ["Celebrity", "Kardashian", "Skincare", "Horoscope", "Gaming", "Zodiac", "Puppy",
                   "Makeover", "Recipes", "Guitar", "Fortnite", "Wedding", "Diet", "Secrets", "游戏", "攻略", "皮肤"]

articles = st.lists(st.sampled_from(ARTICLE_SENTENCES), min_size=1, max_size=8).map("\n".join)
headline = st.lists(st.sampled_from(UNRELATED_WORDS), min_size=3, max_size=8).map(" ".join)
headline_blocks = st.lists(headline, min_size=3, max_size=8).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(articles, headline_blocks)
def test_appending_unrelated_headlines_never_lowers_boilerplate_ratio(article: str, block: str) -> None:
    before = _score(article).features["boilerplate_ratio_chars"]
    after_result = _score(article + "\n" + block)
    assert after_result.features["boilerplate_ratio_chars"] >= before - 1e-12
    appended = [label for s, e, label in after_result.details["lines"] if s > len(article)]
    assert appended and all(label == "link_farm" for label in appended)


def test_appending_headlines_to_a_repetitive_article_keeps_its_lines() -> None:
    # The counterexample the property above found: one sentence repeated six times. The long
    # appended headline has about the width of the article's lines, so with it the document
    # looked hard-wrapped and the first two lines were joined into one paragraph, which then
    # stayed content as the article's longest line (ratio 0.80 -> 0.73).
    repeated = "The city council approved a new budget for schools on Monday after a long debate."
    article = "\n".join([repeated, "这项预算将在下个月提交市议会审议,官员表示学校维修工作将优先进行。", repeated, repeated, repeated,
                         "Parents welcomed the decision but warned that the money might not arrive before autumn.",
                         repeated, repeated])
    block = "\n".join(["Celebrity Celebrity Celebrity"] * 2 + [" ".join(["Celebrity"] * 8)])
    before = _score(article)
    after = _score(article + "\n" + block)
    assert after.features["boilerplate_ratio_chars"] >= before.features["boilerplate_ratio_chars"] - 1e-12
    own_lines = [label for s, _, label in after.details["lines"] if s < len(article)]
    assert own_lines == [label for _, _, label in before.details["lines"]]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(articles, st.data())
def test_prepended_copy_of_a_paragraph_is_not_link_farm(article: str, data: st.DataObject) -> None:
    paragraph = data.draw(st.sampled_from(article.split("\n")))
    labels = [label for _, _, label in _score(paragraph + "\n" + article).details["lines"]]
    assert labels[0] != "link_farm"


def test_on_topic_section_headings_are_not_link_farm() -> None:
    body = "\n".join(ARTICLE_SENTENCES[:5])
    headings = "Council Budget Approved For Schools\nParents Welcome Teachers Plan\nTax Forecasts Budget Critics"
    labels = _labels(headings + "\n" + body)
    assert all(label != "link_farm" for _, label in labels[:3]), labels[:3]


def test_chinese_article_is_not_all_boilerplate() -> None:
    text = "\n".join([
        "首页", "新闻", "国内",
        "国务院常务会议周三决定,进一步加大对中小企业的金融支持力度,降低融资成本。",
        "会议指出,各地要落实减税降费政策,帮助企业稳定就业,推动经济平稳运行。",
        "分享到", "版权所有 © 2024",
    ])
    labels = _labels(text)
    assert labels[3][1] == "content"
    assert labels[0][1] == "navigation" and labels[-1][1] == "footer"


# An embedded post as a text extractor leaves it: the post split at its handles, the author line, the
# image link. Its wording is as far from the article as a block of other stories' headlines.
EMBEDDED_POST = [
    "Pelosi put the corporate lobbyist bailout in her new legislative proposal. https://t.co/ZD7Lvx4",
    "Matt Stoller (@matthewstoller) May 12, 2020",
    "Concerning the new immigration order:",
    "senior Justice official tells @NBCNews that Dept had no input on the text",
    "Enlarge this image toggle caption Saul Loeb/AFP via Getty Images",
]
OTHER_STORIES = [
    "Celebrity chef opens seaside restaurant",
    "Footballer signs record transfer deal",
    "Storm warning issued for northern coast",
]


@pytest.mark.parametrize("line", EMBEDDED_POST)
def test_embedded_posts_credits_and_quote_intros_are_not_headlines(line: str) -> None:
    from rubrics.boilerplate.topic import quotes_or_credits

    assert quotes_or_credits(line)


@pytest.mark.parametrize("line", [*OTHER_STORIES, "Trump: the deal is off", "Read the 9/11 report in full",
                                  "活动时间:", "AT&T and U.S./Mexico trade talks resume"])
def test_headlines_are_not_mistaken_for_posts_or_credits(line: str) -> None:
    from rubrics.boilerplate.topic import quotes_or_credits

    assert not quotes_or_credits(line)


def test_an_embedded_post_between_paragraphs_is_not_a_link_farm() -> None:
    body = ARTICLE_SENTENCES[:3], ARTICLE_SENTENCES[3:6]
    with_post = "\n".join([*body[0], *EMBEDDED_POST, *body[1]])
    labels = dict(_labels(with_post))
    assert all(labels[line] != "link_farm" for line in EMBEDDED_POST), labels
    # The control: other stories' headlines in the same place are one.
    with_farm = "\n".join([*body[0], *OTHER_STORIES, *body[1]])
    labels = dict(_labels(with_farm))
    assert all(labels[line] == "link_farm" for line in OTHER_STORIES), labels


@pytest.mark.parametrize("line", ["A." * 20_000 + " x/", "a.a" * 15_000 + "/", "x@" * 20_000, "Ab Cd" * 8_000 + "/"])
def test_a_long_line_of_fragments_takes_linear_time(line: str) -> None:
    # Such a line reaches the address-and-credit test as a run-on candidate; the pattern once backtracked
    # over it quadratically (18 s for the first one). A bound far above the linear time, not a benchmark.
    import time

    body = "\n".join(ARTICLE_SENTENCES[:5])
    started = time.perf_counter()
    _score(body + "\n" + line + "\n" + body)
    assert time.perf_counter() - started < 5.0
