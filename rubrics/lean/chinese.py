"""Names in Chinese text from jieba's part-of-speech tags: person (nr, nrfg, nrt), place (ns),
organisation (nt).

Tagging runs on the Traditional->Simplified folded sentence (one character for one, so offsets
hold), since jieba's dictionary is Simplified. Transliterated names joined by a middle dot
("唐纳德·特朗普") are one name. One-character tags are dropped (mostly surnames used as words). jieba's tags are noisy (it tags
封锁 "blockade" and 令人 as names), so a person name must start with one of the common surnames
below (or be a transliteration of three or more characters), and no name may be a sentiment word
of the Chinese lexicon. Its dictionary also tags common words as names: those of the dictionary's
most frequent entries (城市 "city", 加油站 "petrol station", 高尔夫 "golf") are listed in
rubrics/data/lean_not_names_zh.txt; a two-character dictionary word tagged as a person (白领
"office worker", 顾问 "adviser", 毛巾 "towel", but also 姚明) counts only when the document puts a
title or honorific next to it once (篮球明星姚明 is not enough, 姚明先生 or 教练姚明 is). A
name the tagger builds from characters outside the dictionary (most people in the news: 李旭利)
and a longer dictionary name (马英九) need no cue.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rubrics.common.data import data_lines
from rubrics.sentiment.lexicon import zh_valence
from rubrics.sentiment.zh import BASE_VALENCE
from scoring.text.script import has_cjk, to_simplified
from scoring.text.segment import Segmented

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jieba.posseg import POSTokenizer, pair

_KINDS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "organisation"}
_DOTS = "·•・"
# The common Chinese surnames (the first ~130 of the usual frequency lists, 百家姓 order not kept).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习温"
    "习胡江朱毛邓蔡柯连赖洪庄丘郁翁骆欧易詹左安包鲁康伍"
)


# Titles and honorifics that make the name next to them a person: before it (总统马英九,
# 联合国秘书长潘基文) or after it (马英九总统, 梁先生, 崔永元等人).
_PERSON_TITLES = (
    "先生", "女士", "小姐", "太太", "夫人", "教授", "博士", "老师", "医生", "律师", "记者", "同志", "等人", "夫妇",
    "主席", "总统", "总理", "首相", "部长", "省长", "市长", "县长", "书记", "局长", "厅长", "主任", "院长", "校长",
    "董事长", "总经理", "经理", "总裁", "总监", "会长", "秘书长", "领导人", "发言人", "大使", "委员", "议员",
    "将军", "司令", "教练", "球员", "选手", "演员", "歌手", "导演", "主持人", "作家", "专家", "创始人",
)
_TITLE_AFTER = re.compile("|".join(_PERSON_TITLES))
_TITLE_BEFORE = re.compile(f"(?:{'|'.join(_PERSON_TITLES)})$")


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(data_lines("lean_not_names_zh.txt"))


# Longest run of characters outside jieba's dictionary that its part-of-speech HMM may tag. The HMM
# costs ~1 ms per character (a Viterbi over ~250 tag states), so 30,000 characters of one repeated
# character or of mojibake took minutes; in news prose such runs are unknown names and stay under ~25
# characters (22 at most in 2,000 Sogou sentences), and a longer run is not prose.
MAX_HMM_RUN = 48


@lru_cache(maxsize=1)
def _tagger() -> POSTokenizer:
    import jieba
    import jieba.posseg

    class BoundedPOSTokenizer(jieba.posseg.POSTokenizer):
        # jieba (pinned 0.42.1) sends each run of out-of-dictionary characters to this private method;
        # a run too long to be a name is tagged character by character from the dictionary instead.
        def _POSTokenizer__cut_detail(self, sentence: str) -> Iterator[pair]:
            if len(sentence) <= MAX_HMM_RUN:
                yield from super()._POSTokenizer__cut_detail(sentence)
                return
            for char in sentence:
                yield jieba.posseg.pair(char, self.word_tag_tab.get(char, "x"))

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return BoundedPOSTokenizer(tokenizer)


def _plausible(name: str, kind: str, flag: str) -> bool:
    if len(name) < 2 or name in zh_valence(BASE_VALENCE) or name in _not_names():
        return False
    if kind != "person":
        return True
    return name[0] in _SURNAMES if flag != "nrt" or len(name) < 3 else True


def chinese_names(seg: Segmented) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the names jieba tags in the document's Chinese sentences, tagged once per
    document (tagging is the slow part of reading Chinese actors); read-only."""
    return seg.shared("lean.chinese_names", _tag_names)


def _tag_names(seg: Segmented) -> list[tuple[int, int, str]]:
    names = _tagged(seg)
    folded = seg.folded  # Simplified, same offsets: what the dictionary and the titles are written in
    dictionary = _tagger().tokenizer.FREQ
    # Two-character people that are dictionary words, by name: whether a title stands next to one
    # of their mentions. A reporting verb is no cue: such a word that speaks is mostly a role
    # ("顾问认为", "专家表示").
    titled: dict[str, bool] = {}
    for start, end, kind in names:
        name = folded[start:end]
        if kind == "person" and end - start == 2 and dictionary.get(name) and not titled.get(name):
            titled[name] = bool(_TITLE_AFTER.match(folded, end, end + 4)
                                or _TITLE_BEFORE.search(folded[max(0, start - 4):start]))
    return [n for n in names if n[2] != "person" or titled.get(folded[n[0]:n[1]], True)]


def _tagged(seg: Segmented) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for sentence in seg.sentences:
        if not has_cjk(sentence.text):
            continue
        pos = sentence.start
        pending: tuple[int, int, str] | None = None
        simplified = to_simplified(sentence.text)
        for pair in _tagger().cut(simplified):
            word, flag = pair.word, pair.flag
            start, end = pos, pos + len(word)
            pos = end
            kind = _KINDS.get(flag)
            if pending and kind == "person" and pending[2] == "person" and seg.text[pending[1] - 1] in _DOTS:
                pending = (pending[0], end, "person")
                continue
            if pending and word in _DOTS and pending[2] == "person":
                pending = (pending[0], end, "person")
                continue
            if pending:
                if pending[1] - pending[0] >= 2:
                    out.append(pending)
                pending = None
            if kind and _plausible(word, kind, flag):
                pending = (start, end, kind)
        if pending and pending[1] - pending[0] >= 2:
            out.append(pending)
    return out
