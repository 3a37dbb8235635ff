"""Sourcing rubric: contract, hand-written en/zh/mixed attributions, the seeds' real problems."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rubrics.common.quotes import quote_spans
from rubrics.sourcing.rubric import SourcingRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import REPO as ROOT
from tests.conftest import SEEDS

BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def _score(text: str):
    return SourcingRubric().score(Segmented(Document(id="t", text=text, source="test")))


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[e.start:e.end], e.label) for e in _score(text).evidence]


def _sources(text: str) -> dict[str, str]:
    return {s["source"]: s["kind"] for s in _score(text).details["sources"]}


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_english_named_and_anonymous_sources() -> None:
    text = ("Jensen Huang said the rules would hurt US firms. Prices rose, according to Bloomberg. "
            "Sources said talks had stalled. \"We will not give up on this,\" said Mr Smith.")
    sources = _sources(text)
    assert sources.get("Jensen Huang") == "named"
    assert sources.get("Bloomberg") == "named"
    assert sources.get("Smith") == "named"
    assert any(kind == "anonymous" for kind in sources.values())
    labels = [label for _, label in _spans(text)]
    assert labels.count("attribution_anonymous") == 1 and "quote" in labels
    assert _score(text).features["anonymous_share"] == pytest.approx(0.25)


def test_citation_markers_links_documents_data() -> None:
    text = ("Chip exports rose 83% to $8.2 billion [1][6]. A Stanford report found the gap narrowing 【2】. "
            "See https://example.org/report for details.")
    found = _spans(text)
    assert ("[1]", "citation_marker") in found and ("[6]", "citation_marker") in found
    assert ("【2】", "citation_marker") in found
    assert ("A Stanford report", "named_document") in found
    assert ("https://example.org/report", "link") in found
    assert ("83%", "data_point") in found and ("$8.2 billion", "data_point") in found
    assert _score(text).features["citation_markers"] == 3


def test_chinese_attributions() -> None:
    text = ("美国《商业频道》本月援引布鲁金斯学会一位高级研究员约翰·维拉塞诺的话称，这一政策异想天开。"
            "据报道，华为表示将继续投入。据新华社报道，知情人士透露，谈判已经结束。")
    sources = _sources(text)
    assert sources.get("布鲁金斯学会一位高级研究员约翰·维拉塞诺") == "named"
    assert sources.get("新华社") == "named"
    assert sources.get("华为") == "named"
    assert sources.get("《商业频道》") == "named"
    assert sources.get("知情人士") == "anonymous"
    assert any(label == "attribution_named" and "援引" in span for span, label in _spans(text))


def test_book_titles_are_not_sources() -> None:
    # Seed 003's link list of game guides: 《…》 titles that name no source.
    text = "- 深入探索,《決勝巔峰》桂妮薇兒技能介紹\n- 即將揭曉,《王者榮耀》蛇年皮膚2025上線"
    assert _score(text).features["attributions"] == 0


def test_mixed_text() -> None:
    text = "3月5日,《金融时报》发表文章指出,华盛顿低估了中国。The Financial Times said it was likely to backfire."
    result = _score(text)
    assert "《金融时报》" in _sources(text)
    assert result.features["attributed_sentence_share"] == 1.0


def test_seeds_000_and_004_count_bracketed_markers() -> None:
    for prefix, minimum in (("000", 15), ("004", 10)):
        f = _score(_seed(prefix)).features
        assert f["citation_markers"] >= minimum, prefix


def test_seed_001_is_thin_and_hedged_by_reportedly() -> None:
    result = _score(_seed("001"))
    kinds = {s["source"]: s["kind"] for s in result.details["sources"]}
    assert kinds.get("Bloomberg") == "named"
    assert result.features["anonymous_share"] > 0
    assert result.features["attributions_per_1k_tokens"] < 15


def test_seed_003_traditional_chinese_attribution() -> None:
    text = _seed("003")
    found = _spans(text)
    assert any(label == "attribution_named" and span.startswith("援引") for span, label in found)
    assert "《金融時報》" in _sources(text)


def test_unsourced_flag_and_empty() -> None:
    prose = " ".join(["The market moved higher on the day and traders bought shares."] * 20)
    assert "unsourced" in _score(prose).flag_names
    assert _score("").score == 0.0


def test_bbc_median_beats_seeds_001_and_003() -> None:
    if not BBC.is_dir():
        pytest.skip("../shared/corpora/bbc not present: corpus comparison needs the shared corpora")
    files = sorted(BBC.glob("*/*.txt"))[::10]
    scores = [_score(p.read_text(encoding="utf-8", errors="replace")).score for p in files]
    median = statistics.median(scores)
    for prefix in ("001", "003"):
        assert median > _score(_seed(prefix)).score + 0.05, prefix


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["He said it rose.", "据报道", "[1]", "“这是一个很长的直接引语内容”", "Sources said so.",
                                 "\n", "83%", "according to Reuters", "。"]), max_size=12).map(" ".join))
def test_features_bounded(text: str) -> None:
    f = _score(text).features
    assert 0.0 <= f["attributed_sentence_share"] <= 1.0
    assert 0.0 <= f["anonymous_share"] <= 1.0
    assert f["distinct_named_sources"] <= f["attributions"]


# --- attribution detection (rubrics/sourcing/detect.py) ------------------------------------------

def _labelled(text: str, label: str) -> list[str]:
    return [span for span, lab in _spans(text) if lab == label]


def test_source_after_the_verb_and_told() -> None:
    text = ("The talks will resume in May, the minister said. \"It is over,\" said the coach. "
            "Ms Lee told reporters the plan was dead. Prices will rise, Fed chair Jerome Powell warned.")
    named = _labelled(text, "attribution_named")
    assert named == ["said", "said", "told", "warned"]
    assert _sources(text).get("Jerome Powell") == "named"


def test_speech_verb_list_beyond_said() -> None:
    for verb in ("insisted", "acknowledged", "explained", "argued", "claimed", "announced", "noted", "wrote",
                 "asked", "suggested", "conceded", "tweeted", "criticized", "vowed"):
        text = f"The senator {verb} that the bill would pass."
        assert _labelled(text, "attribution_named") == [verb], verb


def test_statement_according_to_and_colon() -> None:
    # The reporting verb carries the attribution; the medium attaches to it, or stands alone.
    assert _labelled("In a statement, the company denied wrongdoing.", "attribution_named") == ["denied"]
    assert _labelled("In a statement, the company blamed the weather for the delay.", "attribution_named") == [
        "blamed"]
    assert _labelled("In a statement on Monday the company's plans were outlined.", "attribution_named") == [
        "In a statement"]
    assert _labelled("Turnout fell sharply, according to election officials.", "attribution_named") == [
        "according to"]
    colon = _spans('The mayor was blunt: "We will not pay for this mess at all."')
    assert (":", "attribution_named") in colon and ("\"We will not pay for this mess at all.\"", "quote") in colon
    # A colon right after its reporting verb is the same attribution.
    assert _labelled('He said: "We will not pay for this mess at all."', "attribution_named") == ["said"]


def test_qualifier_makes_the_verb_anonymous() -> None:
    text = "The deal is close, people familiar with the talks said on Friday."
    assert _labelled(text, "attribution_anonymous") == ["said"]
    assert _score(text).features["anonymous_share"] == 1.0


def test_cues_inside_quotations_are_the_speakers() -> None:
    text = "\"I think they said no, and I believe them,\" Ms Park said."
    assert _labelled(text, "attribution_named") == ["said"]
    assert _labelled(text, "attributed_stance") == []
    # NYT writes quotation marks as doubled apostrophes; the closing one must not open a new quote.
    nyt = "''There is an expectation,'' Ms. Kostrzewa said. ''Women are not donors.''"
    assert _labelled(nyt, "attribution_named") == ["said"]


def test_stances_are_their_own_kind_and_not_attributions() -> None:
    text = "Republicans fear a long primary. Voters want change. The governor also supports the bill."
    result = _score(text)
    assert _labelled(text, "attributed_stance") == ["fear", "want", "supports"]
    assert result.features["stances"] == 3 and result.features["attributions"] == 0
    assert result.features["attributions_with_stances_per_1k_tokens"] > result.features["attributions_per_1k_tokens"]
    # Inside a sentence that reports speech the stance is part of what was said.
    assert _labelled("Trump said he wants a wall.", "attributed_stance") == []
    # Factives, perception and forecasts attribute nothing.
    assert _labelled("He knows the rules. It seemed odd. The vote is expected to pass.", "attributed_stance") == []


def test_nouns_and_phrases_that_hold_a_cue() -> None:
    text = ("The reported deaths rose after terror attacks in the capital. A think tank opened in the city. "
            "That said, the so-called reform stalled.")
    result = _score(text)
    assert result.features["attributions"] == 0 and result.features["stances"] == 0
    # As verbs after a subject, or as nouns after a possessive, the same forms count.
    assert _labelled("Critics say she often attacks the poor.", "attribution_named") == ["attacks"]
    assert _labelled("Critics say she often attacks the poor.", "attribution_anonymous") == ["Critics say"]
    assert _labelled("Trump's comments drew fire.", "attribution_named") == ["comments"]


def test_evidential_verbs_need_a_document_subject() -> None:
    assert _labelled("A new poll shows Clinton ahead.", "attribution_named") == ["shows"]
    assert _labelled("The study found that sleep helps.", "attribution_named") == ["found"]
    assert _labelled("He found his keys and showed them.", "attribution_named") == []


def test_chinese_reporting_stance_and_nominal_uses() -> None:
    text = ("外交部发言人毛宁表示，中方坚决反对。清华大学教授李明指出，风险仍然存在。据新华社报道，会议已经结束。"
            "知情人士透露，谈判已经结束。他希望孩子们健康成长。")
    labels = _spans(text)
    assert ("表示", "attribution_named") in labels and ("指出", "attribution_named") in labels
    assert ("透露", "attribution_anonymous") in labels or ("知情人士", "attribution_anonymous") in labels
    assert any(span.startswith("据新华社") for span, lab in labels if lab == "attribution_named")
    assert ("希望", "attributed_stance") in labels
    assert _sources(text).get("新华社") == "named"
    nominal = "在大家的支持下，平安希望小学建成了。"
    assert [lab for _, lab in _spans(nominal) if lab.startswith("attribut")] == []


def test_evidence_offsets_point_into_the_original_text() -> None:
    # Full-width punctuation and a no-break space are normalised; evidence must map back.
    text = "市长说：“我们会继续努力，直到问题彻底解决。”\nThe\u00a0minister said the plan, which she called “a\u00a0new start for everyone here”, was final."
    result = _score(text)
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text)
    found = {(text[e.start:e.end], e.label) for e in result.evidence}
    assert ("说", "attribution_named") in found
    assert ("said", "attribution_named") in found
    assert ("“我们会继续努力，直到问题彻底解决。”", "quote") in found
    assert ("“a\u00a0new start for everyone here”", "quote") in found
    # "called" inside the sentence that already reports speech is a second reporting cue.
    assert ("called", "attribution_named") in found


def test_quote_marks_are_paired_within_a_paragraph() -> None:
    def inner(text: str) -> list[str]:
        return [text[s:e] for s, e in quote_spans(text)]

    assert inner("“It's unusual,“ said Noble. “Yes.”") == ["“It's unusual,“", "“Yes.”"]
    assert inner('He said "no way" and "yes".') == ['"no way"', '"yes"']
    # An unclosed quotation ends with its paragraph; the next paragraph's marks pair afresh.
    assert inner('"We start here,\n"and end here," she said.') == ['"and end here,"']
    assert inner("「中国」和『日本』") == ["「中国」", "『日本』"]
