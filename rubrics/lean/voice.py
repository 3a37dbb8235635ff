"""Is an actor mention the SOURCE of an attribution ("Huang said", "according to NVIDIA",
"华为表示", "据彭博社报道")? Checked on the text right around the mention."""

from __future__ import annotations

import re
from functools import lru_cache

from rubrics.common.data import data_rows
from scoring.text.script import CJK_CHAR, to_simplified

_SPEECH_EN = (
    r"said|says|say|told|tells|stated|states|announced|announces|noted|notes|argued|argues|"
    r"expressed|highlighted|acknowledged|acknowledges|warned|warns|claimed|claims|added|adds|"
    r"explained|explains|reported|reports|confirmed|confirms|emphasi[sz]ed|stressed|insisted|"
    r"denied|denies|wrote|writes|tweeted|posted|believes|believed|estimated|estimates|predicted|"
    r"concluded|observed|revealed|indicated|indicates|suggested|suggests|admitted|conceded|"
    r"responded|replied|countered|commented|cautioned|urged|called|described|labell?ed|alleged|alleging"
)
# After the mention: optional possessive role ("'s CEO"), optional appositive between commas
# (", CEO of NVIDIA,"), optional auxiliaries/adverbs, then a speech verb.
_AFTER_EN = re.compile(
    r"^(?:['’]s?\s+(?:[A-Z][\w.-]*\s+|chief\s+\w+\s+|spokes\w+\s+|CEO\s+|president\s+|officials?\s+)+)?"
    r"(?:\s*,[^,;.]{1,80},)?"
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|recently\s+|publicly\s+|once\s+|previously\s+|even\s+|"
    r"reportedly\s+|then\s+|later\s+|earlier\s+)*"
    rf"(?:{_SPEECH_EN})\b"
)
_BEFORE_EN = re.compile(
    r"(?:according\s+to|said|says|told|quoted|cited|citing|reported\s+by|per)\s+(?:the\s+|a\s+)?"
    r"(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# A necessary condition for _BEFORE_EN in ASCII text, on its lower-case form: the trigger word and the
# space after it. Searching this case-sensitive pattern first spares the case-insensitive search on
# most windows (a mention is seldom preceded by a speech verb).
_BEFORE_EN_HINT = re.compile(r"according\s+to|said\s|says\s|told\s|quoted\s|cited\s|citing\s|reported\s+by|per\s")


@lru_cache(maxsize=1)
def _after_zh() -> re.Pattern[str]:
    """After a Chinese mention (on the Simplified-folded text): an optional role ("方面", "发言人",
    "…专家"), an optional time or adverb, then a Chinese reporting verb of the sourcing rubric's
    lexicon (data/sourcing_cues.tsv: "表示", "称", "指出", "批评", and "援引": the one citing speaks too)."""
    verbs = sorted({r["cue"] for r in data_rows("sourcing_cues.tsv")
                    if r["kind"] == "reporting" and CJK_CHAR.search(r["cue"])}, key=lambda v: (-len(v), v))
    return re.compile(
        r"^(?:方面|公司|官方|政府|发言人|首席执行官|创始人|总裁|CEO|[的]?[一-龥]{0,6}(?:人士|官员|研究员|专家))?"
        r"[\s,，]*(?:\d+月\d+日|(?:周|星期)[一二三四五六日天]|今天|昨天|日前|近日|此前|曾|也|还|则|更|公开)?"
        rf"(?:{'|'.join(map(re.escape, verbs))})"
    )


# Before a Chinese mention (on the Simplified-folded text): "据", "根据", "援引"... ("据彭博社报道").
_BEFORE_ZH = re.compile(r"(?:据|根据|援引|引述|引用|转引)\s*(?:美国|英国)?\s*[《「\"“]?$")


def is_voice(text: str, start: int, end: int, cjk: bool) -> bool:
    """Whether the mention text[start:end] is the one speaking (normalised offsets)."""
    after = text[end : end + 120]
    before = text[max(0, start - 40) : start]
    if cjk:
        return bool(_after_zh().match(to_simplified(after)) or _BEFORE_ZH.search(to_simplified(before)))
    if _AFTER_EN.match(after):
        return True
    if before.isascii() and not _BEFORE_EN_HINT.search(before.lower()):
        return False
    return bool(_BEFORE_EN.search(before))
