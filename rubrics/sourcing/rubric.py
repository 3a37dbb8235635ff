"""Sourcing density: how well an article tells the reader where its claims come from.

Detected (each one an evidence span labelled by kind):
- `attribution_named` / `attribution_anonymous`: a reporting verb or phrase with its source
  ("Jensen Huang said", "according to Bloomberg", "sources said"; 华为表示, 据新华社报道,
  援引…的话称, 接受…采访时说, 知情人士, 据悉). A cue whose source is a pronoun or "the article"
  (he said, 文章称) is a real attribution and counts as named, without adding a name.
- `quote`: direct quotations “…”, "…", 「…」, 『…』 long enough to be speech (not scare quotes).
- `citation_marker`: [1], [6][9], [1-3], 【1】. `link`: URLs.
- `named_document`: "a Stanford report", "an Ipsos survey", and 《…》 titles of media or
  reports when used as a source (《金融时报》指出), not every book or game title.
- `data_point`: numbers with a unit, percentages, money (83%, $8.2 billion, 380亿元).

Features: `attributions` (reporting cues + citation-marker runs + links + named documents),
`attributions_per_1k_words` (per 1,000 words; per 1,000 characters for Chinese documents),
`attributions_per_1k_tokens` (language-neutral: Latin words + Chinese characters / 1.7),
`quotes`, `citation_markers`, `links`, `named_documents`, `data_points`,
`attributed_sentence_share`, `distinct_named_sources`, `anonymous_share` (anonymous / all
cue attributions).

Score = (0.4 density + 0.25 diversity + 0.25 attributed share + 0.1 data) x (1 - 0.5
anonymous share), where density = 1 - exp(-attributions per 1k tokens / `density_scale`),
diversity = 1 - exp(-distinct named sources / `diversity_scale`), attributed share is
capped at `share_target`, data = 1 - exp(-data points per 1k tokens / 10). Empty texts
score 0. Flags: `unsourced` (>= `min_words` and no attribution at all), `anonymous_heavy`
(>= 3 anonymous attributions making up at least half).

details["sources"] = [{"source", "kind", "count"}], details["quotes"] = [{start, end, speaker}].
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rubrics.common.cues import Cue, CueMatcher, cjk_bounds, word_equivalents
from rubrics.common.data import data_rows
from rubrics.sourcing.names import clean_en, en_after, en_before, zh_before, zh_classify
from scoring.core.params import InstanceOf, Interval
from scoring.rubric import Evidence, Flag, Rubric, RubricResult
from scoring.text.script import cjk_chars, fold, has_cjk, is_cjk
from scoring.text.segment import Segmented

_QUOTE = re.compile(r"“([^”\n]{3,2000})”|\"([^\"\n]{3,2000})\"|「([^」\n]{2,2000})」|『([^』\n]{2,2000})』|''([^'\n]{10,2000})''")
_CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[,，\-–]\s*\d{1,3})*\s*\]|【\s*\d{1,3}\s*】")
_LINK = re.compile(r"\bhttps?://[^\s<>\"“”)]+|\bwww\.[a-z0-9\-]+\.[a-z]{2,}[^\s<>\"“”)]*", re.IGNORECASE)
# "a Stanford report", "an Ipsos survey": the document noun is a `document` cue of the
# automaton; this reads the determiner and capitalised words just before it.
_EN_DOCUMENT_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+((?:(?:[A-Z][\w&.\-']*|\d{4})\s+){1,4})$"
)
_ZH_MEDIA_TAIL = ("报", "刊", "杂志", "周刊", "日报", "时报", "晚报", "新闻", "网", "社", "报告", "白皮书", "频道", "电视台")
_ZH_TITLE = re.compile(r"《([^《》\n]{1,30})》")
_ZH_TITLE_CONTEXT = re.compile(r"^[^，。；\n]{0,4}?(?:报道|称|指出|发表|援引|刊文|刊登|写道|报导|表示|认为|网站|社论|文章|报告|数据|显示|评论|分析)")
_ZH_FRAMED = re.compile(
    r"据(?P<ju>[^，。；：！？、“”\"\n]{2,20}?)(?:报道|报导|介绍|消息|统计|数据|披露|透露|称|说|分析|显示)(?:称|说|指出)?"
    r"|援引(?P<yy>[^，。；！？\n]{2,40}?)的话(?:称|说|表示|指出)?"
    r"|接受(?P<js>[^，。；！？\n]{1,20}?)(?:采访|专访)时?(?:说|表示|称|指出)"
)
# A number followed by a unit, or money: scanned from the digit/currency sign (fast), the unit
# decides whether it is a data point ("83%", "$8.2 billion", "380亿元"; not "in 2024").
_NUMBER = re.compile(
    r"(?:([$£€¥])\s?\d|\d)[\d,.]*\s?(%|per ?cent\b|percent\b|个百分点|billion\b|million\b|trillion\b|thousand\b|"
    r"bn\b|yuan\b|dollars\b|euros\b|pounds\b|km\b|kg\b|tonnes\b|tons\b|miles\b|barrels\b|m\b|"
    r"(?:亿|万|千)?\s?(?:元|美元|人民币|港元|欧元|英镑|吨|公里|千米|平方米|辆|台|人|家|个)|亿|万)?",
    re.IGNORECASE,
)
_PERCENT_ZH = re.compile(r"百分之[零一二三四五六七八九十百点\d.]+")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。.!?！？]")
_MERGE_GAP = 25  # reporting cues this close in one sentence are one attribution ("said in a statement")


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    label: str
    source: str
    kind: str  # named | anonymous | unresolved


@lru_cache(maxsize=1)
def _matcher() -> CueMatcher:
    cues = [Cue(r["cue"], r["kind"], r["direction"], 1.0, r["mode"]) for r in data_rows("sourcing_cues.tsv")]
    return CueMatcher(cues)


def find_attributions(seg: Segmented) -> list[Attribution]:
    """Every attribution-like span in the text (normalised offsets), sorted by start."""
    text = seg.text
    if not text:
        return []
    cjk_text = has_cjk(text)
    bounds = cjk_bounds(seg.words) if cjk_text else None
    out: list[Attribution] = []
    framed: list[tuple[int, int]] = []
    folded = fold(text)
    if cjk_text:
        framed = _zh_framed(text, folded, out)
    sentences = seg.sentences
    starts = [s.start for s in sentences]
    last_end_by_sentence: dict[int, int] = {}
    for m in _matcher().find(text, bounds, folded=folded):
        if any(s <= m.start < e for s, e in framed):
            continue
        k = bisect.bisect_right(starts, m.start) - 1
        floor = sentences[k].start if k >= 0 else 0
        ceiling = sentences[k].end if k >= 0 else len(text)
        prev_end = last_end_by_sentence.get(k)
        if (m.cue.label != "document" and prev_end is not None and m.start - prev_end <= _MERGE_GAP
                and not _CLAUSE_BREAK.search(text, prev_end, m.start)):
            last_end_by_sentence[k] = m.end
            continue
        if m.cue.label != "document":
            last_end_by_sentence[k] = m.end
        kind_of_cue, direction = m.cue.label, m.cue.category
        if kind_of_cue == "document":
            doc = _EN_DOCUMENT_BEFORE.search(text, max(floor, m.start - 60), m.start)
            name = clean_en(doc.group(1)) if doc else ""
            if doc and name and not name.isdigit():
                out.append(Attribution(doc.start(), m.end, "named_document", name, "named"))
            continue
        if kind_of_cue == "anonymous":
            out.append(Attribution(m.start, m.end, "attribution_anonymous", text[m.start:m.end], "anonymous"))
            continue
        cjk_cue = is_cjk(text[m.start])
        if cjk_cue:
            name, kind = zh_before(text, m.start, floor) if direction != "after" else ("", "unresolved")
        elif direction == "after":
            name, kind = en_after(text, m.end, ceiling)
        else:
            name, kind = en_before(text, m.start, floor)
            if kind != "named" and direction == "both" and _inverted(text, m.start, floor):
                name, kind = en_after(text, m.end, ceiling)
        label = "attribution_anonymous" if kind == "anonymous" else "attribution_named"
        out.append(Attribution(m.start, m.end, label, name, kind))
    if "[" in text or "【" in text:
        for m in _CITATION.finditer(text):
            out.append(Attribution(m.start(), m.end(), "citation_marker", "", "citation"))
    if "http" in folded or "www." in folded:
        for m in _LINK.finditer(text):
            out.append(Attribution(m.start(), m.end(), "link", "", "link"))
    if cjk_text:
        for m in _ZH_TITLE.finditer(folded):
            title = text[m.start(1):m.end(1)].strip()
            if not title:
                continue
            as_source = m.group(1).strip().endswith(_ZH_MEDIA_TAIL) or _ZH_TITLE_CONTEXT.match(folded, m.end())
            if as_source and not any(s <= m.start() < e for s, e in framed):
                out.append(Attribution(m.start(), m.end(), "named_document", f"《{title}》", "named"))
    out.sort(key=lambda a: (a.start, a.end))
    return out


def _inverted(text: str, pos: int, floor: int) -> bool:
    """'…,” said X' / '…, says X': the source follows the verb."""
    before = text[max(floor, pos - 3) : pos].rstrip()
    return bool(before) and before[-1] in ",”\"'’"


def _zh_framed(text: str, folded: str, out: list[Attribution]) -> list[tuple[int, int]]:
    """据X报道 / 援引X的话称 / 接受X采访时说, matched on the folded text, names read from `text`."""
    spans: list[tuple[int, int]] = []
    for m in _ZH_FRAMED.finditer(folded):
        if m.group("ju") is not None:
            name, kind = zh_classify(text[m.start("ju"):m.end("ju")])
        elif m.group("yy") is not None:
            name, kind = zh_classify(text[m.start("yy"):m.end("yy")])
        else:
            # 接受X采访时说: the speaker is the clause subject before 接受.
            name, kind = zh_before(text, m.start(), max(0, m.start() - 40))
        label = "attribution_anonymous" if kind == "anonymous" else "attribution_named"
        out.append(Attribution(m.start(), m.end(), label, name, kind))
        spans.append((m.start(), m.end()))
    return spans


def _merge_surnames(counts: dict[str, int]) -> dict[str, int]:
    """Fold "Huang" into "Jensen Huang" when both occur (later mentions use the surname)."""
    full = [n for n in counts if " " in n]
    merged: dict[str, int] = {}
    for name, c in counts.items():
        target = name
        if " " not in name:
            for f in full:
                if f.split()[-1] == name:
                    target = f
                    break
        merged[target] = merged.get(target, 0) + c
    return merged


class SourcingRubric(Rubric):
    """Attribution density, diversity and anonymity with evidence per attribution."""

    name = "sourcing"
    version = "1.0"
    description = "Where claims come from: attributions, quotes, citations, links, named documents, data."
    parameter_constraints = {
        "density_scale": Interval(float, 0.0),
        "diversity_scale": Interval(float, 0.0),
        "share_target": Interval(float, 0.0, 1.0),
        "min_words": Interval(int, 0),
        "include_data_points": InstanceOf((bool,)),
    }
    feature_names = ("attributions", "attributions_per_1k_words", "attributions_per_1k_tokens", "quotes",
                     "citation_markers", "links", "named_documents", "data_points", "data_points_per_1k_tokens",
                     "attributed_sentence_share", "distinct_named_sources", "anonymous_share",
                     "chinese_characters")

    def __init__(
        self,
        *,
        density_scale: float = 10.0,
        diversity_scale: float = 2.0,
        share_target: float = 0.4,
        min_words: int = 150,
        include_data_points: bool = True,
    ) -> None:
        self.density_scale = density_scale
        self.diversity_scale = diversity_scale
        self.share_target = share_target
        self.min_words = min_words
        self.include_data_points = include_data_points

    def score(self, seg: Segmented) -> RubricResult:
        text = seg.text
        attributions = find_attributions(seg)
        quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(text) if _is_speech(m)]
        data_points = _data_points(text) if self.include_data_points else []
        tokens = word_equivalents(text)
        zh_chars = cjk_chars(text)
        per_1k_base = (len(text) - text.count(" ")) if seg.lang == "zh" else tokens

        cue_attrs = [a for a in attributions if a.label.startswith("attribution_")]
        n_anon = sum(1 for a in cue_attrs if a.kind == "anonymous")
        named_counts: dict[str, int] = {}
        anon_counts: dict[str, int] = {}
        for a in attributions:
            if a.kind == "named" and a.source:
                named_counts[a.source] = named_counts.get(a.source, 0) + 1
            elif a.kind == "anonymous":
                key = a.source.strip().lower() or "anonymous"
                anon_counts[key] = anon_counts.get(key, 0) + 1
        named_counts = _merge_surnames(named_counts)
        n_attr = len(attributions)
        n_markers = sum(max(1, len(re.findall(r"\d+", text[a.start:a.end]))) for a in attributions
                        if a.label == "citation_marker")

        marked = sorted([(a.start, a.end) for a in attributions] + quotes)
        attributed_sentences = _sentences_touched(seg, marked)
        n_sent = len(seg.sentences)
        share = attributed_sentences / n_sent if n_sent else 0.0
        per_1k_tokens = 1000.0 * n_attr / tokens if tokens else 0.0
        data_per_1k = 1000.0 * len(data_points) / tokens if tokens else 0.0
        anon_share = n_anon / len(cue_attrs) if cue_attrs else 0.0
        distinct = len(named_counts)

        if tokens <= 0:
            score = 0.0
        else:
            density = 1.0 - math.exp(-per_1k_tokens / self.density_scale)
            diversity = 1.0 - math.exp(-distinct / self.diversity_scale)
            share_part = min(1.0, share / self.share_target) if self.share_target > 0 else 1.0
            data_part = 1.0 - math.exp(-data_per_1k / 10.0)
            score = (0.4 * density + 0.25 * diversity + 0.25 * share_part + 0.1 * data_part) * (1 - 0.5 * anon_share)

        evidence: list[Evidence] = [seg.evidence(a.start, a.end, a.label) for a in attributions]
        evidence += [seg.evidence(s, e, "quote") for s, e in quotes]
        evidence += [seg.evidence(s, e, "data_point", 0.5) for s, e in data_points]
        flags: list[Flag] = []
        if n_attr == 0 and tokens >= self.min_words:
            flags.append(Flag("unsourced", (), f"no attribution in {int(tokens)} words"))
        if n_anon >= 3 and anon_share >= 0.5:
            flags.append(Flag("anonymous_heavy",
                              tuple(e for e in evidence if e.label == "attribution_anonymous")[:20],
                              f"{n_anon} of {len(cue_attrs)} attributions are anonymous"))
        speakers = _quote_speakers(seg, quotes, attributions)
        features = {
            "attributions": n_attr,
            "attributions_per_1k_words": 1000.0 * n_attr / per_1k_base if per_1k_base else 0.0,
            "attributions_per_1k_tokens": per_1k_tokens,
            "quotes": len(quotes),
            "citation_markers": n_markers,
            "links": sum(1 for a in attributions if a.label == "link"),
            "named_documents": sum(1 for a in attributions if a.label == "named_document"),
            "data_points": len(data_points),
            "data_points_per_1k_tokens": data_per_1k,
            "attributed_sentence_share": share,
            "distinct_named_sources": distinct,
            "anonymous_share": anon_share,
            "chinese_characters": zh_chars,
        }
        sources = [{"source": n, "kind": "named", "count": c}
                   for n, c in sorted(named_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        sources += [{"source": n, "kind": "anonymous", "count": c}
                    for n, c in sorted(anon_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        details = {
            "sources": sources,
            "quotes": [{"start": s, "end": e, "speaker": sp}
                       for (s, e), sp in zip((seg.span(a, b) for a, b in quotes), speakers, strict=False)],
        }
        return self.result(score, features, evidence, flags, details)


def _data_points(text: str) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in _NUMBER.finditer(text) if m.group(1) or m.group(2)]
    if "百分之" in text:
        out += [(m.start(), m.end()) for m in _PERCENT_ZH.finditer(text)]
        out.sort()
    return out


def _is_speech(m: re.Match[str]) -> bool:
    inner = next(g for g in m.groups() if g is not None)
    cjk = cjk_chars(inner)
    return cjk >= 6 or len(inner.split()) >= 4


def _sentences_touched(seg: Segmented, spans: list[tuple[int, int]]) -> int:
    if not spans:
        return 0
    touched = 0
    i = 0
    for sent in seg.sentences:
        while i < len(spans) and spans[i][1] <= sent.start:
            i += 1
        if i < len(spans) and spans[i][0] < sent.end:
            touched += 1
    return touched


def _quote_speakers(seg: Segmented, quotes: list[tuple[int, int]], attrs: list[Attribution]) -> list[str]:
    """Speaker of each quote: the named source of the nearest attribution within 200 characters."""
    named = [a for a in attrs if a.label == "attribution_named" and a.source]
    out: list[str] = []
    for s, e in quotes:
        best = ""
        best_gap = 200
        for a in named:
            gap = s - a.end if a.end <= s else a.start - e if a.start >= e else 0
            if 0 <= gap < best_gap:
                best, best_gap = a.source, gap
        out.append(best)
    return out
