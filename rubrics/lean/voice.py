"""Is an actor mention the SOURCE of an attribution ("Huang said", "according to NVIDIA",
"华为表示", "据彭博社报道")? Checked on the text right around the mention."""

from __future__ import annotations

import re

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
_AFTER_ZH = re.compile(
    r"^(?:方面|公司|官方|政府|发言人|發言人|首席执行官|首席執行官|创始人|創始人|总裁|總裁|CEO|[的]?[一-龥]{0,6}(?:人士|官员|官員|研究员|研究員|专家|專家))?"
    r"[\s,，]*(?:\d+月\d+日|日前|近日|此前|曾|也|还|還|则|則|更|公开|公開)?"
    r"(?:表示|称|稱|说|說|指出|认为|認為|宣布|宣佈|透露|强调|強調|坦言|声明|聲明|报道|報道|报导|報導|回应|回應|警告|承认|承認|援引|发表|發表|披露|证实|證實|预计|預計|呼吁|呼籲|批评|批評|感叹|感嘆|写道|寫道)"
)
_BEFORE_ZH = re.compile(r"(?:据|據|根据|根據|援引|引述|引用|转引|轉引)\s*(?:美国|美國|英国|英國)?\s*[《「\"“]?$")


def is_voice(text: str, start: int, end: int, cjk: bool) -> bool:
    """Whether the mention text[start:end] is the one speaking (normalised offsets)."""
    after = text[end : end + 120]
    before = text[max(0, start - 40) : start]
    if cjk:
        return bool(_AFTER_ZH.match(after) or _BEFORE_ZH.search(before))
    if _AFTER_EN.match(after):
        return True
    if before.isascii() and not _BEFORE_EN_HINT.search(before.lower()):
        return False
    return bool(_BEFORE_EN.search(before))
