"""Link farms of every shape, judged by topic; hard-wrapped paragraphs; Chinese line shapes."""

from __future__ import annotations

import pytest

from rubrics.boilerplate.classify import classify, text_units
from rubrics.boilerplate.lines import is_text_like, line_shape
from rubrics.boilerplate.topic import headline_pieces
from rubrics.boilerplate.wrap import wrapped_paragraphs
from rubrics.spam.rubric import SpamRubric
from scoring.core.document import Document
from scoring.text.segment import Segmented
from tests.conftest import seed_text

TITLE = "Council approves new school budget"
BODY = [
    "The city council approved a new budget for schools on Monday after a long debate about repairs.",
    "Officials said the plan would add teachers and repair old school buildings across the district.",
    "Parents welcomed the decision but warned that the money might not arrive before the autumn term.",
    "The mayor told reporters that the council had listened to families and teachers across the city.",
    "Critics argued that the budget relied on optimistic tax forecasts for the coming three years.",
]
HEADLINES = [
    "Rapper films music video in jail",
    "Storm floods coastal villages overnight",
    "Tennis star withdraws from final with injury",
    "New smartphone sales beat forecasts in Asia",
    "Film studio unveils sequel to space epic",
]
ZH_TITLE = "市政府批准新的学校预算"
ZH_BODY = [
    "市议会周一在长时间辩论后批准了新的学校预算,用于维修校舍和增加教师。",
    "官员表示,这项计划将在全区增加教师名额,并修缮多所老旧的学校建筑。",
    "家长们对这一决定表示欢迎,但担心资金可能无法在秋季学期之前到位。",
    "市长对记者说,市议会认真听取了家长和教师的意见,预算将优先用于学校维修。",
]
ZH_HEADLINES = ["明星演唱会门票十分钟售罄", "台风登陆沿海多地停航停运", "新款手机销量创下季度纪录", "足球联赛冠军提前两轮产生"]


def _labels(lines: list[str]) -> list[str]:
    return list(classify(Segmented(Document(id="t", text="\n".join(lines)))).labels)


# A link farm is taken out before the article's lines are classified: with or without it,
# they get the same labels.
ARTICLE = _labels([TITLE, *BODY])
ZH_ARTICLE = _labels([ZH_TITLE, *ZH_BODY])


def test_glued_headline_footer_of_seed_003_is_one_link_farm_line_with_a_span_per_headline() -> None:
    text = seed_text("003")
    seg = Segmented(Document(id="003", text=text))
    labelled = classify(seg)
    last = len(seg.lines) - 1
    assert seg.lines[last].text.startswith("甜蜜相擁") and labelled.labels[last] == "link_farm"
    spam = SpamRubric().score(seg)
    (flag,) = [f for f in spam.flags if f.name == "link_farm"]
    footer = [e for e in flag.evidence if e.start >= seg.span(seg.lines[last].start, seg.lines[last].end)[0]]
    assert len(footer) >= 8  # one evidence span per glued headline, not one for the line


@pytest.mark.parametrize("joiner", [" | ", " · ", "  ", ""])
def test_english_headlines_glued_into_one_line_are_a_link_farm(joiner: str) -> None:
    labels = _labels([TITLE, *BODY, joiner.join(HEADLINES)])
    assert labels == [*ARTICLE, "link_farm"]


def test_bulleted_block_between_paragraphs_is_a_link_farm() -> None:
    lines = [TITLE, *BODY[:2], *[f"• {h}" for h in HEADLINES], *BODY[2:]]
    labels = _labels(lines)
    assert labels[3 : 3 + len(HEADLINES)] == ["link_farm"] * len(HEADLINES)
    assert labels[:3] + labels[3 + len(HEADLINES) :] == ARTICLE


def test_chinese_headline_block_under_a_chinese_article_is_a_link_farm() -> None:
    labels = _labels([ZH_TITLE, *ZH_BODY, *ZH_HEADLINES])
    assert labels == ZH_ARTICLE + ["link_farm"] * len(ZH_HEADLINES)


def test_block_above_the_title_leaves_the_title_out() -> None:
    labels = _labels([*HEADLINES, TITLE, *BODY])
    assert labels == ["link_farm"] * len(HEADLINES) + ARTICLE


def test_on_topic_heading_runs_are_not_link_farms() -> None:
    headings = ["Council budget for schools approved", "Teachers and repairs across the district",
                "Parents and the mayor on the school budget"]
    assert "link_farm" not in _labels([TITLE, *headings, *BODY])
    zh_headings = ["学校预算获得批准", "全区增加教师名额", "家长担心资金到位"]
    assert "link_farm" not in _labels([ZH_TITLE, *zh_headings, *ZH_BODY])


def test_an_enumeration_in_an_article_is_not_a_string_of_headlines() -> None:
    cast = ("Starring Anna Blake (Mary), Tom Reyes (John), Lee Park (the vicar), Sam Ortiz (the "
            "doctor), Ines Moreau (Ruth), Jo Hart (the mayor) and Ben Ahmed (the soldier)")
    assert _labels([TITLE, *BODY, cast])[-1] != "link_farm"


def test_chinese_prose_with_stray_spaces_is_not_split_into_headlines() -> None:
    prose = "，还 在 香港时，他就为当时地下党对外的宣传刊物《中国文摘》改稿，从此与乔冠华熟悉起来。乔 冠 华后来担任要职。"
    assert headline_pieces(prose) == []
    assert len(headline_pieces(" ".join(ZH_HEADLINES))) == len(ZH_HEADLINES)


def test_chinese_prose_function_share_is_on_the_english_scale() -> None:
    # Per word (Chinese characters / 1.7), a plain Chinese sentence reads as prose.
    shape = line_shape("我们知道这个问题已经讨论了很久但是他们还没有找到一个好的办法")
    assert shape.function_share >= 0.3 and is_text_like(shape)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def test_hard_wrapped_chinese_paragraphs_are_classified_as_units_and_kept() -> None:
    # Each paragraph ends in a line shorter than the 34-character (68-column) wrap width.
    paragraphs = ["".join(ZH_BODY) * 2 + "这是后话。", "".join(reversed(ZH_BODY)) * 2 + "预算下月公布。"]
    lines = ["首页 | 新闻 | 国内", ZH_TITLE] + [line for p in paragraphs for line in _wrap(p, 34)] + ["版权所有 © 2024"]
    shapes = [line_shape(t) for t in lines]
    paras = wrapped_paragraphs(lines, shapes)
    assert [len(p) for p in paras] == [len(_wrap(p, 34)) for p in paragraphs]
    units = text_units(lines, shapes).lines
    assert len(units) == len(lines) - sum(len(p) - 1 for p in paras)
    labels = _labels(lines)
    assert labels[2:-1] == ["content"] * (len(lines) - 3)
    assert labels[0] != "content" and labels[-1] == "footer"


def test_link_farm_lines_take_no_part_in_finding_wrapped_paragraphs() -> None:
    # Eight article lines of 66-87 columns, seven of them within the wrap band of the widest:
    # one line short of a hard-wrapped document. An appended headline of 79 columns makes the
    # eighth, and the first two article lines would be joined into one paragraph.
    repeated = "The city council approved a new budget for schools on Monday after a long debate."
    article = [repeated, "这项预算将在下个月提交市议会审议,官员表示学校维修工作将优先进行。", repeated, repeated, repeated,
               "Parents welcomed the decision but warned that the money might not arrive before autumn.",
               repeated, repeated]
    lines = [*article, "Celebrity Celebrity Celebrity", "Celebrity Celebrity Celebrity", " ".join(["Celebrity"] * 8)]
    shapes = [line_shape(t) for t in lines]
    assert wrapped_paragraphs(lines, shapes) == [range(0, 2)]
    assert wrapped_paragraphs(lines, shapes, excluded={8, 9, 10}) == []
    units = text_units(lines, shapes)
    assert units.lines == [range(i, i + 1) for i in range(len(lines))]
    assert units.farm.lines == {8, 9, 10}


def test_a_list_of_similar_headlines_is_not_a_wrapped_paragraph() -> None:
    lines = [TITLE, *BODY] + [f"Regional news roundup: {h} again this week" for h in HEADLINES * 2]
    assert wrapped_paragraphs(lines, [line_shape(t) for t in lines]) == []
