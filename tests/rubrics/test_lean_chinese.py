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
