"""Attribution detection: who a text says its statements, views and figures come from.

One Aho–Corasick pass over the cue lexicon (`data/sourcing_cues.tsv`, see its header for the
kinds), then rules that decide which matches are attributions:

- **Quotations** are the quoted speaker's words: a cue inside one ("I think…", “we were told…”)
  is not an attribution of the article (its reporting verb outside the quote is).
- **Nouns and adjectives** are not verbs: a verb cue right after a determiner or possessive is
  not one ("the reported deaths", "his stated aim"); forms as often nouns as verbs (support,
  attacks, comments, claims) count after a subject pronoun, auxiliary, adverb, name or possessive
  ("they support", "Trump's comments") but not after other words ("terror attacks", "raised
  questions"). Chinese: 的支持, 在我们的建议下 are nouns; 介绍 reports speech when it opens it
  (介绍，… / 介绍说).
- **Evidential verbs** (show, find, suggest) attribute only with a document or data subject ("a
  poll shows", "the study found") or a that-clause; **closing verbs** ("continued", "went on")
  only where they close a quote ("…,” he continued.").
- **Stances** (think, believe, want, fear, hope, support, plans to, 希望, 担心) get their own
  label, `attributed_stance`: an internal state or position attributed to someone, which is not
  by itself evidence that the writer sourced a claim. In a sentence that reports speech a stance
  is part of what was said ("Trump said he wants a wall": one attribution, the reporting one).
- **Qualifiers** name the medium or the kind of source of a reporting verb ("in a statement",
  "a spokesman for", "people familiar with"): they belong to the reporting verb of their
  sentence - an anonymous one makes it anonymous - and count on their own only without one.
- **A colon before a quotation** (“Mr Smith said: …” is one attribution; `Trump: "…"` is one,
  read at the colon) counts when no reporting verb ends just before it.
- Chinese framed patterns (据X报道, 援引X的话称, 接受X采访时说) are read as a whole, their slot
  naming the source; 《…》 titles count as named documents when used as a source.

Not attributions: factive verbs (know, realise: the writer vouches for the complement),
perception verbs (seem, appear: the writer's own hedge) and impersonal forecasts ("is expected
to"); phrases that hold a cue but attribute nothing are lexicon entries of kind `ignore`
("think tank", "that said", 希望小学), which the longest-match rule lets hide the cue.

`find_attributions(seg, quotes)` returns every span with its label (`attribution_named`,
`attribution_anonymous`, `attributed_stance`, `citation_marker`, `link`, `named_document`),
source and source kind, in normalised-text offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from rubrics.common.cues import LINK, Cue, CueMatch, CueMatcher, cjk_bounds
from rubrics.common.data import data_rows
from rubrics.sourcing.names import clean_en, en_after, en_before, zh_before, zh_classify
from scoring.text.script import has_cjk, is_cjk
from scoring.text.segment import Segmented

# Labels of spans that attribute in the journalistic sense (counted as `attributions`).
SOURCING_LABELS = frozenset(
    {"attribution_named", "attribution_anonymous", "citation_marker", "link", "named_document"}
)
STANCE_LABEL = "attributed_stance"

_CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[,，\-–]\s*\d{1,3})*\s*\]|【\s*\d{1,3}\s*】")
# "a Stanford report", "an Ipsos survey": the document noun is a `document` cue of the
# automaton; this reads the determiner and capitalised words just before it.
_EN_DOCUMENT_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+((?:(?:[A-Z][\w&.\-']*|\d{4})\s+){1,4})$"
)
# The subject of an evidential verb: a document, data or an investigating body a few words
# before it ("polls show", "the FBI's review found", "researchers at Yale found").
_EVIDENCE_SUBJECT = re.compile(
    r"\b(?:polls?|polling|surveys?|stud(?:y|ies)|reports?|data|analys[ie]s|records?|documents?|figures|"
    r"numbers|research|results|review|investigation|audit|census|e-?mails|filings?|statistics|estimates|"
    r"probe|inquiry|memo|letter|findings|evidence|tests?|experiments?|paper|researchers|scientists|"
    r"economists|investigators|analysts|experts|officials|authorities|police|court|judge|jury|panel|"
    r"committee|commission|agency|department|ministry|office|bureau|board)\b\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_ZH_MEDIA_TAIL = ("报", "刊", "杂志", "周刊", "日报", "时报", "晚报", "新闻", "网", "社", "报告", "白皮书", "频道", "电视台")
_ZH_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_ZH_TITLE_CONTEXT = re.compile(r"^[^，。；\n]{0,4}?(?:报道|称|指出|发表|援引|刊文|刊登|写道|报导|表示|认为|网站|社论|文章|报告|数据|显示|评论|分析)")
_ZH_FRAMED = re.compile(
    r"据(?P<ju>[^，。；：！？、“”\"\n]{2,20}?)(?:报道|报导|介绍|消息|统计|数据|披露|透露|称|说|分析|显示)(?:称|说|指出)?"
    r"|援引(?P<yy>[^，。；！？\n]{2,40}?)的话(?:称|说|表示|指出)?"
    r"|接受(?P<js>[^，。；！？\n]{1,20}?)(?:采访|专访)时?(?:说|表示|称|指出)"
)
_COLON_QUOTE = re.compile(r"[:：]\s*(?:[“\"‘「『]|'')")
# A reporting verb this close before a colon introduces the quote itself ("he said: '…'").
_COLON_VERB_GAP = 30

# Words after which a verb cue is a noun or an adjective ("the reported deaths", "his stated aim").
_DETERMINERS = frozenset("a an the his her its their our my your these those every no such own new".split())
# Forms as often nouns as verbs; they need a subject-like word or a possessive before them.
_NOUN_OR_VERB = frozenset(
    "support supports attacks comments questions views view claim claims promises promise reports calls "
    "fear fears hope hopes doubt doubts worry worries warning counters wish wishes tweets posts notes "
    "hints demands answers plans thought concerns".split()
)
_VERB_LICENCE = frozenset(
    "i you he she it we they who which that to will would can could should may might must do does did "
    "don't doesn't didn't don’t doesn’t didn’t not never also still now then often always only just "
    "really strongly publicly privately openly repeatedly and his her their our my your".split()
)
_CLOSING_ONLY = frozenset({"continued", "went on"})
_CLOSES_QUOTE = re.compile(r"[,”\"’']\s*(?:\S+\s+){0,3}$")
_NAMING_CALLED = re.compile(r"(?:\b(?:is|are|was|were|be|been|being)\s+|so-)$", re.IGNORECASE)
_ZH_NOUN_OR_VERB = frozenset(
    "支持 希望 建议 批评 期望 期待 主张 反对 回答 担忧 欢迎 同意 介绍 回应 报道 提醒 声明 评价 质疑 警告 呼吁 解释 补充".split()
)
_ZH_NOMINAL_BEFORE = frozenset("的之这该此其等按据")
_ZH_NOMINAL_AFTER = frozenset("的下者和与及")
_ZH_OPENS_SPEECH = frozenset({"介绍"})
_ZH_SPEECH_OPENERS = frozenset(",，:：")


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    label: str
    source: str
    kind: str  # named | anonymous | unresolved | citation | link


@lru_cache(maxsize=1)
def _matcher() -> CueMatcher:
    cues = [Cue(r["cue"], r["kind"], r["direction"], 1.0, r["mode"]) for r in data_rows("sourcing_cues.tsv")]
    return CueMatcher(cues)


def _previous_word(text: str, pos: int, floor: int) -> str:
    """The word just before `pos` when only spaces separate them, else "" ("so-called")."""
    window = text[max(floor, pos - 16) : pos]
    if not window or not window[-1].isspace():
        return ""
    parts = window.split()
    return parts[-1] if parts else ""


def _verb_licensed(word: str) -> bool:
    if not word:
        return False
    low = word.lower()
    return (low in _VERB_LICENCE or low.endswith(("ly", "'s", "’s", "s'", "s’"))
            or (word[0].isupper() and word[0].isalpha()))


def _latin_rejected(text: str, m: CueMatch, cue_text: str, floor: int) -> bool:
    """Noun/adjective uses and the verbs that only attribute in one position."""
    if cue_text in _NOUN_OR_VERB:
        return not _verb_licensed(_previous_word(text, m.start, floor))
    if " " not in cue_text and _previous_word(text, m.start, floor).lower() in _DETERMINERS:
        return True
    if cue_text in _CLOSING_ONLY:
        after = text[m.end : m.end + 2].lstrip()[:1]
        return not (after in (",", ".", ":", ";", "") or _CLOSES_QUOTE.search(text, max(floor, m.start - 20), m.start))
    if cue_text == "called":
        return _NAMING_CALLED.search(text, max(floor, m.start - 8), m.start) is not None  # "is called", "so-called"
    if cue_text in ("added", "adds", "adding"):
        return text[m.end + 1 : m.end + 2].isdigit()  # "added 5m customers"
    return False


def _zh_rejected(text: str, m: CueMatch, cue_text: str) -> bool:
    if cue_text not in _ZH_NOUN_OR_VERB:
        return False
    prev = text[m.start - 1] if m.start > 0 else ""
    nxt = text[m.end] if m.end < len(text) else ""
    if prev in _ZH_NOMINAL_BEFORE or nxt in _ZH_NOMINAL_AFTER:
        return True
    return cue_text in _ZH_OPENS_SPEECH and nxt not in _ZH_SPEECH_OPENERS


def find_attributions(seg: Segmented, quotes: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """Every attribution span in the text (normalised offsets), sorted by start.

    `quotes` = quotation spans (`quote_spans(seg.text)`); cues inside them are skipped.
    """
    text = seg.text
    if not text:
        return []
    cjk_text = has_cjk(text)
    bounds = cjk_bounds(seg.words) if cjk_text else None
    folded = seg.folded
    out: list[Attribution] = []
    framed = _zh_framed(text, folded, out) if cjk_text else []
    sentences = seg.sentences
    starts = [s.start for s in sentences]
    quotes = quotes or []
    quote_starts = [q[0] for q in quotes]
    reporting: dict[int, list[int]] = {}  # sentence -> indexes into `out` of its reporting cues
    stances: list[tuple[int, CueMatch]] = []
    qualifiers: list[tuple[int, CueMatch]] = []
    for m in _matcher().find(text, bounds, folded=folded):
        kind_of_cue = m.cue.label
        if kind_of_cue == "ignore":
            continue
        if framed and any(s <= m.start < e for s, e in framed):
            continue
        if quotes:
            q = bisect.bisect_right(quote_starts, m.start) - 1
            if q >= 0 and m.start < quotes[q][1]:
                continue
        k = bisect.bisect_right(starts, m.start) - 1
        floor = sentences[k].start if k >= 0 else 0
        if kind_of_cue == "document":
            doc = _EN_DOCUMENT_BEFORE.search(text, max(floor, m.start - 60), m.start)
            name = clean_en(doc.group(1)) if doc else ""
            if doc and name and not name.isdigit():
                out.append(Attribution(doc.start(), m.end, "named_document", name, "named"))
            continue
        if kind_of_cue in ("medium", "anonymous_source"):
            qualifiers.append((k, m))
            continue
        cue_text = folded[m.start : m.end]
        cjk_cue = cjk_text and is_cjk(text[m.start])
        if _zh_rejected(text, m, cue_text) if cjk_cue else _latin_rejected(text, m, cue_text, floor):
            continue
        if kind_of_cue == "evidential" and not (
            text.startswith("that", m.end + 1) or _EVIDENCE_SUBJECT.search(text, max(floor, m.start - 60), m.start)
        ):
            continue
        if kind_of_cue == "stance":
            stances.append((k, m))
            continue
        reporting.setdefault(k, []).append(len(out))
        if kind_of_cue == "anonymous":
            out.append(Attribution(m.start, m.end, "attribution_anonymous", text[m.start : m.end], "anonymous"))
            continue
        ceiling = sentences[k].end if k >= 0 else len(text)
        name, kind = _source(text, m, cjk_cue, floor, ceiling)
        out.append(Attribution(m.start, m.end, "attribution_anonymous" if kind == "anonymous" else
                               "attribution_named", name, kind))
    for k, m in stances:
        if k not in reporting:
            out.append(Attribution(m.start, m.end, STANCE_LABEL, "", "unresolved"))
    _attach_qualifiers(text, qualifiers, reporting, out)
    if ":" in text or "：" in text:
        _colon_quotes(text, starts, sentences, reporting, out)
    if "[" in text or "【" in text:
        out.extend(Attribution(m.start(), m.end(), "citation_marker", "", "citation") for m in _CITATION.finditer(text))
    if "http" in folded or "www." in folded:
        out.extend(Attribution(m.start(), m.end(), "link", "", "link") for m in LINK.finditer(text))
    if cjk_text and "《" in text:
        for m in _ZH_TITLE.finditer(folded):
            title = text[m.start(1) : m.end(1)].strip()
            if not title:
                continue
            as_source = m.group(1).strip().endswith(_ZH_MEDIA_TAIL) or _ZH_TITLE_CONTEXT.match(folded, m.end())
            if as_source and not any(s <= m.start() < e for s, e in framed):
                out.append(Attribution(m.start(), m.end(), "named_document", f"《{title}》", "named"))
    out.sort(key=lambda a: (a.start, a.end))
    return out


def _source(text: str, m: CueMatch, cjk_cue: bool, floor: int, ceiling: int) -> tuple[str, str]:
    direction = m.cue.category
    if cjk_cue:
        return zh_before(text, m.start, floor) if direction != "after" else ("", "unresolved")
    if direction == "after":
        return en_after(text, m.end, ceiling)
    name, kind = en_before(text, m.start, floor)
    if kind != "named" and direction == "both":
        # "…,” said X" / "…, says X": the source follows the verb.
        before = text[max(floor, m.start - 3) : m.start].rstrip()
        if before and before[-1] in ",”\"'’":
            return en_after(text, m.end, ceiling)
    return name, kind


def _attach_qualifiers(text: str, qualifiers: list[tuple[int, CueMatch]], reporting: dict[int, list[int]],
                       out: list[Attribution]) -> None:
    """"in a statement" / "people familiar with" belong to the reporting verb of their sentence."""
    for k, m in qualifiers:
        anonymous = m.cue.label == "anonymous_source"
        verbs = reporting.get(k)
        if verbs:
            if anonymous:
                nearest = min(verbs, key=lambda i: abs(out[i].start - m.start))
                a = out[nearest]
                out[nearest] = Attribution(a.start, a.end, "attribution_anonymous", text[m.start : m.end], "anonymous")
            continue
        reporting[k] = [len(out)]
        if anonymous:
            out.append(Attribution(m.start, m.end, "attribution_anonymous", text[m.start : m.end], "anonymous"))
        else:
            out.append(Attribution(m.start, m.end, "attribution_named", "", "unresolved"))


def _colon_quotes(text: str, starts: list[int], sentences: tuple, reporting: dict[int, list[int]],
                  out: list[Attribution]) -> None:
    """A colon before a quotation: `Trump: "…"`, 他说：“…”. One attribution with its verb, if any."""
    for m in _COLON_QUOTE.finditer(text):
        pos = m.start()
        k = bisect.bisect_right(starts, pos) - 1
        if any(out[i].end >= pos - _COLON_VERB_GAP for i in reporting.get(k, ())):
            continue
        floor = sentences[k].start if k >= 0 else 0
        line_start = text.rfind("\n", 0, pos) + 1
        if is_cjk(text[pos - 1]) if pos > 0 else False:
            name, kind = zh_before(text, pos, max(floor, line_start))
        else:
            name, kind = en_before(text, pos, max(floor, line_start, pos - 60))
        reporting.setdefault(k, []).append(len(out))
        out.append(Attribution(pos, pos + 1, "attribution_anonymous" if kind == "anonymous" else "attribution_named",
                               name, kind))


def _zh_framed(text: str, folded: str, out: list[Attribution]) -> list[tuple[int, int]]:
    """据X报道 / 援引X的话称 / 接受X采访时说, matched on the folded text, names read from `text`."""
    spans: list[tuple[int, int]] = []
    for m in _ZH_FRAMED.finditer(folded):
        if m.group("ju") is not None:
            name, kind = zh_classify(text[m.start("ju") : m.end("ju")])
        elif m.group("yy") is not None:
            name, kind = zh_classify(text[m.start("yy") : m.end("yy")])
        else:
            # 接受X采访时说: the speaker is the clause subject before 接受.
            name, kind = zh_before(text, m.start(), max(0, m.start() - 40))
        out.append(Attribution(m.start(), m.end(), "attribution_anonymous" if kind == "anonymous" else
                               "attribution_named", name, kind))
        spans.append((m.start(), m.end()))
    return spans
