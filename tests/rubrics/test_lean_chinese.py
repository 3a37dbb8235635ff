"""Chinese name tagging stays linear and cheap on text that is not prose."""

from __future__ import annotations

import jieba.posseg
import pytest

from rubrics.lean.chinese import MAX_HMM_RUN, chinese_names
from scoring.core.document import Document
from scoring.rubric import Segmented


@pytest.fixture
def hmm_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lengths of the runs jieba's part-of-speech HMM is asked to tag."""
    lengths: list[int] = []
    viterbi = jieba.posseg.viterbi

    def counting(obs: str, *args: object) -> object:
        lengths.append(len(obs))
        return viterbi(obs, *args)

    monkeypatch.setattr(jieba.posseg, "viterbi", counting)
    return lengths


def names_in(text: str) -> list[str]:
    seg = Segmented(Document(id="zh", text=text, source="test"))
    return [text[s:e] for s, e, _ in chinese_names(seg)]


def test_an_unknown_name_is_still_found_by_the_hmm(hmm_runs: list[int]) -> None:
    assert "邓锦杰" in names_in("昨天下午，邓锦杰在河边救起一名落水的孩子。")
    assert hmm_runs, "the name is outside jieba's dictionary: the HMM must have tagged it"


@pytest.mark.parametrize("text", ["中" * 5000, "鍥介檯鏂伴椈" * 800])
def test_a_long_run_outside_the_dictionary_never_reaches_the_hmm(text: str, hmm_runs: list[int]) -> None:
    names_in(text)
    assert max(hmm_runs, default=0) <= MAX_HMM_RUN


def test_a_chinese_speaker_is_read_with_the_sourcing_rubrics_reporting_verbs() -> None:
    from rubrics.common.data import data_rows
    from rubrics.lean.voice import is_voice

    def voice(text: str, mention: str) -> bool:
        start = text.index(mention)
        return is_voice(text, start, start + len(mention), True)

    assert voice("华为周二重申，将继续投资。", "华为")  # 重申: a reporting verb of the sourcing lexicon
    assert voice("華為發言人表示，將繼續投資。", "華為")  # Traditional text reads as Simplified
    assert voice("路透社援引知情人士的话说。", "路透社")
    assert not voice("华为的手机卖得很好。", "华为")
    for row in data_rows("sourcing_cues.tsv"):
        if row["kind"] == "reporting" and "\u4e00" <= row["cue"][0] <= "\u9fff":
            assert voice(f"小米{row['cue']}了。", "小米"), row["cue"]


def test_common_words_the_dictionary_tags_as_places_or_organisations_are_no_actors() -> None:
    # 城市 and 池塘 are ns, 加油站 nt, 高尔夫 nr in jieba's dictionary: the listed words name no one.
    names = names_in("这座城市的池塘边新开了一个加油站，白天有人打高尔夫。上海和四川也一样。")
    assert names == ["上海", "四川"]


def test_a_two_character_dictionary_person_needs_a_title_next_to_it() -> None:
    # 白领 ("office worker") and 顾问 ("adviser") are nr in the dictionary; the reporting verb after
    # 顾问 is no cue, since a role speaks as often as a person.
    assert names_in("不少白领加班到深夜，顾问认为这不健康。") == []
    # 姚明 is a two-character dictionary name too: a title once in the document makes every mention count.
    assert names_in("篮球运动员姚明昨天到访。教练姚明说，姚明很累。") == ["姚明"] * 3


def test_a_longer_dictionary_name_and_a_name_outside_the_dictionary_need_no_cue() -> None:
    assert names_in("马英九出席了活动，李旭利没有来。") == ["马英九", "李旭利"]


def test_the_word_lists_hold_only_what_the_dictionary_tags_as_a_name() -> None:
    from rubrics.common.data import data_lines
    from rubrics.lean.chinese import _tagger

    tags = _tagger().word_tag_tab
    listed = data_lines("lean_not_names_zh.txt")
    assert len(listed) == len(set(listed))
    assert {w: tags.get(w) for w in listed if tags.get(w) not in {"ns", "nt", "nr", "nrfg", "nrt"}} == {}
