"""Who is speaking: source names around an attribution cue (English and Chinese).

No NER model: English sources are runs of capitalised words next to the cue ("Jensen Huang
said", "according to Bloomberg", "said Mr Smith"); Chinese sources are the clause subject
before the cue (文章称, 美国商务部长卢特尼克表示) or the slot of a framed pattern
(据新华社报道, 援引X的话称, 《金融时报》指出). Each function returns (name, kind) where kind
is "named", "anonymous" or "unresolved" (a pronoun or "the article": a real attribution
whose source the sentence does not name).
"""

from __future__ import annotations

import re

_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Sen|Senator|Rep|Gov|Governor|President|"
    r"Prime Minister|Chancellor|Secretary|Minister|Chairman|Chief Executive|Judge|Justice|General|Gen|"
    r"Captain|Coach|Manager|Pope|King|Queen|Prince|Princess)\.?\s+)+"
)
# A capitalised run: "Jensen Huang", "the Bank of England", "Ipsos", "U.S. Trade Representative".
_CAP_WORD = r"[A-Z][\w'’&\-]*(?:\.[A-Z][\w'’&\-]*)*"
_CAP_RUN = rf"{_CAP_WORD}(?:\s+(?:of|for|and|&|de|von|van|the|on)\s+{_CAP_WORD}|\s+{_CAP_WORD})*"
_AFTER_NAME = re.compile(rf"\s*(?:the\s+|The\s+)?({_CAP_RUN})")
_BEFORE_NAME = re.compile(
    rf"({_CAP_RUN})(?:'s|’s)?(?:,[^,]{{1,80}},)?\s*(?:also\s+|has\s+|had\s+|have\s+|later\s+|then\s+|previously\s+|"
    r"recently\s+|once\s+|publicly\s+|has\s+also\s+)?$"
)
# What the window before a cue can end with when _BEFORE_NAME matches it: a word with a capital
# (the end of the name), a comma (the end of an apposition) or one of its adverbs.
_BEFORE_NAME_ADVERBS = frozenset("also has had have later then previously recently once publicly".split())
_PRONOUN_BEFORE = re.compile(
    r"\b(he|she|they|it|we|i|you|the (?:company|firm|group|report|study|article|statement|ministry|"
    r"department|government|agency|spokesman|spokeswoman|spokesperson|official|minister|president|"
    r"bank|court|police|club|team|newspaper|paper|survey|bbc|band|singer|actor|star|chief|boss|manager))"
    r"\s*(?:also\s+|has\s+|had\s+|have\s+|later\s+|then\s+)?$",
    re.IGNORECASE,
)
_ANON_BEFORE = re.compile(
    r"\b(sources?|officials?|experts?|analysts?|critics?|observers?|insiders?|people|residents|witnesses|"
    r"diplomats|aides|someone|others|many|some)\s*(?:have\s+|had\s+|also\s+)?$",
    re.IGNORECASE,
)
_ANON_TAIL = 40
# Capitalised words that open sentences or name no one.
_NOT_NAMES = frozenset(
    ["The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "You", "But", "And", "Or", "So", "Yet", "However", "Meanwhile", "Also", "In", "On", "At", "For", "From", "With", "By", "As", "If", "When", "While", "After", "Before", "Since", "Although", "Though", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Today", "Yesterday", "Earlier", "Later", "Last", "Next", "Mr", "Mrs", "Ms", "Dr", "There", "Here", "What", "Who", "Why", "How", "Where", "Group", "Core", "Viewpoint"]
)
_LEADING_WORDS = re.compile(r"^(?:(?:But|And|So|Yet|However|Meanwhile|Also|Now|Then|Still|Indeed|Instead)\s+)+")
_LEADING_THE = re.compile(r"^(?:The|the)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def clean_en(name: str) -> str:
    name = _LEADING_WORDS.sub("", name.strip(" ,.;:"))
    name = _HONORIFIC.sub("", name)
    name = _TRAILING_POSSESSIVE.sub("", name)
    return _LEADING_THE.sub("", name).strip(" ,.;:")


def _valid_en(name: str) -> bool:
    if not name or name in _NOT_NAMES:
        return False
    return name[0].isupper()


def en_after(text: str, pos: int, ceiling: int) -> tuple[str, str]:
    """Source written after the cue ("according to X", "said X"), inside [pos, ceiling)."""
    window = text[pos : min(ceiling, pos + 80)]
    m = _AFTER_NAME.match(window)
    if m:
        name = clean_en(m.group(1))
        if _valid_en(name):
            return name, "named"
    low = window.lstrip().lower()
    if low.startswith(("sources", "officials", "experts", "analysts", "people familiar", "a source", "insiders")):
        return "", "anonymous"
    return "", "unresolved"


def en_before(text: str, pos: int, floor: int) -> tuple[str, str]:
    """Source written before the cue ("X said", "X, CEO of Y, said")."""
    window = text[max(floor, pos - 120) : pos]
    last = window.rsplit(None, 1)[-1] if window.strip() else ""
    # Most windows end with a lower-case word ("the minister", "he"): the regex cannot match
    # them, and skipping it halves the cost of this function.
    possible = bool(last) and (not last.islower() or last.endswith(",") or last in _BEFORE_NAME_ADVERBS)
    m = _BEFORE_NAME.search(window) if possible else None
    if m:
        name = clean_en(m.group(1))
        if _valid_en(name):
            return name, "named"
    # The anonymous subject is one word (and an auxiliary) just before the cue: searching only
    # the tail is 3x faster than the whole window (a search from `pos` still sees the character
    # before it, so \b is not faked inside a word).
    if _ANON_BEFORE.search(window, max(0, len(window) - _ANON_TAIL)):
        return "", "anonymous"
    return "", "unresolved"


# --- Chinese -------------------------------------------------------------------------------

_ZH_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\n“”\"「」『』（）()、]")
_ZH_TIME_PREFIX = re.compile(
    r"^(?:(?:\d+年)?(?:\d+月)?(?:\d+日)?|本月|上月|本周|上周|昨天|昨日|今天|今日|日前|近日|此前|早前|当天|当日|同时|另外|此外|"
    r"不过|但|而|并|还|也|则|都|曾|又|再次|进一步|公开|随后|最近|目前|周[一二三四五六日])+"
)
_ZH_TAIL_ADVERBS = re.compile(r"(?:也|还|则|都|曾|又|再次|进一步|公开|随后|对此|近日|日前|此前|明确|同时|更|就|亦|仍)+$")
_ZH_PRONOUNS = frozenset(
    ["他", "她", "它", "他们", "她们", "它们", "其", "我", "我们", "你", "您", "对方", "文章", "该文", "文中", "报道", "该报", "该报告", "报告", "声明", "该声明", "消息", "这", "这篇文章", "该文章", "记者", "本报记者", "有人", "外界", "网友", "大家", "人们", "媒体", "外媒", "官方", "当局"]
)
_ZH_ANON = ("消息人士", "知情人士", "业内人士", "有关人士", "分析人士", "观察人士", "专家", "有人", "外界",
            "网友", "一位官员", "官员", "人士", "消息")


def zh_before(text: str, pos: int, floor: int) -> tuple[str, str]:
    """The clause subject before a Chinese reporting verb."""
    window = text[max(floor, pos - 40) : pos]
    parts = _ZH_CLAUSE_BREAK.split(window)
    subject = parts[-1] if parts else ""
    subject = _ZH_TAIL_ADVERBS.sub("", _ZH_TIME_PREFIX.sub("", subject.strip())).strip()
    return zh_classify(subject)


def zh_classify(subject: str) -> tuple[str, str]:
    subject = subject.strip().strip("的")
    if not subject:
        return "", "unresolved"
    if subject in _ZH_PRONOUNS or len(subject) == 1:
        return "", "unresolved"
    if subject.endswith(_ZH_ANON) and "《" not in subject:
        return "", "anonymous"
    if len(subject) > 24:
        subject = subject[-24:]
    return subject, "named"
