"""A document's text as escaped HTML with its evidence marked up.

Every evidence span of every rubric (offsets into the ORIGINAL text) becomes a CSS class on
the characters it covers. The text is cut at every span boundary; each piece is escaped and
wrapped in one <span> carrying the classes of all spans covering it, so overlapping evidence
from different rubrics never produces badly nested markup. A boilerplate span also gets a
small badge with its category where it starts.

Key evidence and the rest. An article carries a hundred spans or more, most of them context
(every actor mention, every frame cue, every mildly charged word); marked all at once they
drown the few that explain the score. So each mark is either *key* — it changed a score: a
span behind a flag, a boilerplate line, what the sourcing score counts, the hedges and
boosters of a text whose hedging score is below 1, its loaded words, its most strongly
charged words — and styled by its class (`he`), or *other*, with the class plus `o` (`heo`),
unstyled until the reader ticks the layer's toggle (CSS only, see html.mark_css). Class names
are two letters because a report carries tens of thousands of them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scoring.rubric import Evidence, RubricResult

BOILERPLATE_CATEGORIES = ("ad_marker", "navigation", "share_widget", "comments", "reprint_notice",
                          "byline_meta", "related_links", "link_farm", "footer", "other")

# Toggle layers: (id, label shown next to the checkbox). Every css class belongs to one.
LAYERS: tuple[tuple[str, str], ...] = (
    ("src", "sources and citations"), ("hedge", "hedges and boosters"), ("tone", "charged words"),
    ("loaded", "loaded words and frame cues"), ("actor", "actor mentions"), ("flag", "spans of flags without a cap"),
    ("ev", "other rubrics' evidence"),
)

# (rubric, label) -> (css class, layer, legend text). Labels not listed fall back per rubric.
MARKS: dict[tuple[str, str], tuple[str, str, str]] = {
    **{("boilerplate", c): ("bp", "", "boilerplate line (struck through, category badge)")
       for c in BOILERPLATE_CATEGORIES},
    ("sourcing", "attribution_named"): ("at", "src", "attribution to a named source (underlined)"),
    ("sourcing", "attribution_anonymous"): ("an", "src", "anonymous attribution (dashed underline)"),
    ("sourcing", "attributed_stance"): ("st", "src", "view or intention attributed to someone (dotted underline)"),
    ("sourcing", "quote"): ("qu", "src", "quotation"),
    ("sourcing", "citation_marker"): ("ci", "src", "citation marker (boxed)"),
    ("sourcing", "link"): ("li", "src", "link / URL"),
    ("sourcing", "named_document"): ("dr", "src", "named document or report"),
    ("sourcing", "data_point"): ("da", "src", "data point"),
    ("hedging", "hedge"): ("he", "hedge", "hedge (uncertainty cue)"),
    ("hedging", "booster"): ("bo", "hedge", "booster (certainty cue)"),
    ("sentiment", "positive"): ("po", "tone", "positively charged word"),
    ("sentiment", "negative"): ("ne", "tone", "negatively charged word"),
    ("framing", "loaded"): ("lo", "loaded", "loaded language (wavy underline)"),
}
RUBRIC_FALLBACK: dict[str, tuple[str, str, str]] = {
    "boilerplate": ("bp", "", "boilerplate line (struck through, category badge)"),
    "lean": ("ac", "actor", "actor mention (bold)"),
    "framing": ("fr", "loaded", "frame cue (dotted underline)"),
}
GENERIC = ("ev", "ev", "evidence of another rubric (dotted underline)")
FLAG_MARK = ("fl", "", "span behind a flag that caps the score (red outline)")
FLAG_OTHER = ("fx", "flag", "span behind any other flag (red dotted outline)")
OTHER_SUFFIX = "o"
# Charged words are many; the strongest few per document are key, the rest context.
KEY_CHARGED_WORDS = 10


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str = ""
    badge: str | None = None


def mark_style(rubric: str, label: str) -> tuple[str, str, str]:
    """(css class, toggle layer, legend text) of one evidence label."""
    if (rubric, label) in MARKS:
        return MARKS[(rubric, label)]
    if rubric in RUBRIC_FALLBACK:
        return RUBRIC_FALLBACK[rubric]
    return GENERIC


def is_key(rubric: str, label: str, result: RubricResult) -> bool:
    """Whether evidence with this label moved the rubric's score (see the module docstring).

    Charged words are decided in `marks_for` (the strongest few); this covers the rest.
    """
    css, layer, _ = mark_style(rubric, label)
    if css == "bp":
        return label != "content"
    if rubric == "sourcing":
        return True  # the sourcing score is made of exactly these
    if result.score >= 0.999:
        return False  # a perfect score: nothing here lowered it
    return layer in ("hedge", "ev") or css == "lo"


def marks_for(results: Mapping[str, RubricResult], caps: Mapping[str, float] | None = None) -> list[Mark]:
    """Every evidence span (and every span behind a flag) as a Mark, in a stable order.

    Spans behind a flag that caps the score (`caps`: the profile's flag caps) are key; those of
    other flags (one-sided tone: every sentence about an actor) are the "flag" layer's."""
    marks: list[Mark] = []
    for rubric in sorted(results):
        result = results[rubric]
        evidence = result.evidence
        strongest: set[int] = set()
        if rubric == "sentiment" and result.score < 0.999:
            ranked = sorted(range(len(evidence)), key=lambda i: (-abs(evidence[i].weight), i))
            strongest = set(ranked[:KEY_CHARGED_WORDS])
        for i, ev in enumerate(evidence):
            css, _, _ = mark_style(rubric, ev.label)
            if css == "bp" and ev.label == "content":
                continue
            key = i in strongest if rubric == "sentiment" else is_key(rubric, ev.label, result)
            marks.append(Mark(ev.start, ev.end, css if key else css + OTHER_SUFFIX, "",
                              ev.label if css == "bp" else None))
        for flag in result.flags:
            css = FLAG_MARK[0] if caps is not None and flag.name in caps else FLAG_OTHER[0] + OTHER_SUFFIX
            for ev in flag.evidence:
                marks.append(Mark(ev.start, ev.end, css))
    marks.sort(key=lambda m: (m.start, -m.end, m.css, m.title))
    return marks


def legend_entries() -> list[tuple[str, str, str]]:
    """(css class, layer, description) for the legend, one per class, in a fixed order."""
    seen: dict[str, tuple[str, str]] = {}
    for css, layer, text in [FLAG_MARK, FLAG_OTHER, *MARKS.values(), *RUBRIC_FALLBACK.values(), GENERIC]:
        seen.setdefault(css, (layer, text))
    return [(css, layer, text) for css, (layer, text) in seen.items()]


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """Escaped HTML of `text` with every mark applied (see module docstring)."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = {0, len(text)}
    for m in marks:
        cuts.add(m.start)
        cuts.add(m.end)
    bounds = sorted(cuts)
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        for m in starts.get(left, []):
            if m.badge:
                out.append(f'<span class="badge">{html.escape(m.badge)}</span>')
        piece = html.escape(text[left:right])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({m.css for m in active}))
        titles = "; ".join(sorted({m.title for m in active if m.title}))
        title = f' title="{html.escape(titles)}"' if titles else ""
        quoted = f'"{classes}"' if " " in classes else classes
        out.append(f'<span class={quoted}{title}>{piece}</span>')
    return "".join(out)


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts (for "line N" in flag details)."""
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def flag_rows(results: Mapping[str, RubricResult], text: str) -> list[tuple[str, str, str, list[tuple[int, int, str]]]]:
    """(rubric, flag, detail, [(start, end, span text)]) for every flag, for the flag list."""
    rows = []
    for rubric in sorted(results):
        for flag in results[rubric].flags:
            spans = [(ev.start, ev.end, text[ev.start:ev.end]) for ev in flag.evidence]
            rows.append((rubric, flag.name, flag.detail, spans))
    return rows


def evidence_counts(results: Mapping[str, RubricResult], text: str,
                    examples: int = 4) -> list[tuple[str, str, int, list[str]]]:
    """(rubric, label, count, a few distinct span texts) per evidence label, for the problem summary."""
    grouped: dict[tuple[str, str], list[Evidence]] = {}
    for rubric in sorted(results):
        for ev in results[rubric].evidence:
            grouped.setdefault((rubric, ev.label), []).append(ev)
    rows = []
    for (rubric, label), evs in sorted(grouped.items()):
        seen: dict[str, None] = {}
        for ev in sorted(evs, key=lambda e: (e.start, e.end)):
            snippet = " ".join(text[ev.start:ev.end].split())
            seen.setdefault(snippet if len(snippet) <= 60 else snippet[:57] + "...", None)
            if len(seen) >= examples:
                break
        rows.append((rubric, label, len(evs), list(seen)))
    return rows
