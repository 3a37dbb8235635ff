"""A document's text as escaped HTML with its evidence marked up.

Every evidence span of every rubric (offsets into the ORIGINAL text) becomes a set of CSS
classes on the characters it covers. The text is cut at every span boundary; each piece is
escaped and wrapped in one <span> carrying the classes of all spans covering it, so
overlapping evidence from different rubrics never produces badly nested markup. A
boilerplate span also gets a small badge with its category where it starts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scoring.rubric import Evidence, RubricResult

BOILERPLATE_CATEGORIES = ("ad_marker", "navigation", "share_widget", "comments", "reprint_notice",
                          "byline_meta", "related_links", "link_farm", "footer", "other")

# (rubric, label) -> (css class, legend text). Labels not listed fall back per rubric.
MARKS: dict[tuple[str, str], tuple[str, str]] = {
    **{("boilerplate", c): ("bp", "boilerplate line (struck through, category badge)") for c in BOILERPLATE_CATEGORIES},
    ("sourcing", "attribution_named"): ("attr", "attribution to a named source (underlined)"),
    ("sourcing", "attribution_anonymous"): ("attr-anon", "anonymous attribution (dashed underline)"),
    ("sourcing", "attributed_stance"): ("stance", "view or intention attributed to someone (dotted underline)"),
    ("sourcing", "quote"): ("quote", "quotation"),
    ("sourcing", "citation_marker"): ("cite", "citation marker"),
    ("sourcing", "link"): ("link", "link / URL"),
    ("sourcing", "named_document"): ("docref", "named document or report"),
    ("sourcing", "data_point"): ("data", "data point"),
    ("hedging", "hedge"): ("hedge", "hedge (uncertainty cue)"),
    ("hedging", "booster"): ("booster", "booster (certainty cue)"),
    ("sentiment", "positive"): ("pos", "positively charged word"),
    ("sentiment", "negative"): ("neg", "negatively charged word"),
    ("framing", "loaded"): ("loaded", "loaded language (wavy underline)"),
}
RUBRIC_FALLBACK: dict[str, tuple[str, str]] = {
    "boilerplate": ("bp", "boilerplate line (struck through, category badge)"),
    "spam": ("spam", "span behind a spam flag (red outline)"),
    "lean": ("actor", "actor mention (bold)"),
    "framing": ("frame", "frame cue (dotted underline)"),
}
SPAM_CLASS = "spam"
_SAFE_CLASS = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str
    title: str
    badge: str | None = None


def marks_for(results: Mapping[str, RubricResult]) -> list[Mark]:
    """Every evidence span (and every span behind a flag) as a Mark, in a stable order."""
    marks: list[Mark] = []
    for rubric in sorted(results):
        result = results[rubric]
        for ev in result.evidence:
            css, _ = mark_style(rubric, ev.label)
            badge = ev.label if css == "bp" else None
            marks.append(Mark(ev.start, ev.end, css, f"{rubric}: {ev.label}", badge))
        for flag in result.flags:
            for ev in flag.evidence:
                marks.append(Mark(ev.start, ev.end, SPAM_CLASS, f"flag {flag.name}: {ev.label}"))
    marks.sort(key=lambda m: (m.start, -m.end, m.css, m.title))
    return marks


def mark_style(rubric: str, label: str) -> tuple[str, str]:
    if (rubric, label) in MARKS:
        return MARKS[(rubric, label)]
    if rubric in RUBRIC_FALLBACK:
        return RUBRIC_FALLBACK[rubric]
    return "ev-" + _SAFE_CLASS.sub("-", rubric.lower()).strip("-"), f"{rubric} evidence (dotted underline)"


def legend_entries() -> list[tuple[str, str]]:
    """(css class, description) for the legend, one per class, in a fixed order."""
    seen: dict[str, str] = {}
    for css, text in [*MARKS.values(), *RUBRIC_FALLBACK.values()]:
        seen.setdefault(css, text)
    return list(seen.items())


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
        titles = "; ".join(sorted({m.title for m in active}))
        out.append(f'<span class="{classes}" title="{html.escape(titles)}">{piece}</span>')
    return "".join(out)


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
