"""Charts as inline SVG strings (matplotlib, no pyplot state, byte-for-byte reproducible).

matplotlib is imported when the first chart is drawn, not with this module: the command line
and `import scoring.report` stay light.

Ids: matplotlib names every group (`figure_1`, `axes_1`, …) identically in every SVG, which
repeats ids on a page with several charts. `_svg` drops every id nothing refers to and prefixes
the rest (clip paths, glyph and marker definitions) with the chart's name.

Reproducibility: every chart is drawn inside an rc_context that fixes `svg.hashsalt` (ids of
clip paths and glyphs are hashes of this salt, so a per-chart salt keeps ids unique within
one HTML page and stable across runs), writes text as <text> elements (`svg.fonttype =
none`, so CJK names render with the browser's fonts and no glyph paths are embedded), and
saves with metadata {"Date": None} (no timestamp). Inputs are sorted by the callers.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from scoring.corpus.audit import AuditReport
    from scoring.corpus.rank import SourceRanking

_RC = {"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
       "font.family": ["DejaVu Sans", "sans-serif"]}
_XML_HEADER = re.compile(r"^<\?xml[^>]*>\s*<!DOCTYPE[^>]*>\s*", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^")]+)')
# Wide enough for long source names, narrow enough that 9-point text stays legible on a 400 px screen.
CHART_WIDTH = 5.4
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf")


def _mpl() -> Any:
    import matplotlib

    return matplotlib


def _svg(fig: Figure, salt: str) -> str:
    buffer = io.StringIO()
    with _mpl().rc_context({**_RC, "svg.hashsalt": f"sourcegauge-{salt}"}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing-glyph warnings for CJK names: the browser draws them
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = _METADATA.sub("", _XML_HEADER.sub("", buffer.getvalue()), count=1)
    svg = unique_ids(svg, salt)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{salt} chart" ', 1)


def unique_ids(svg: str, prefix: str) -> str:
    """`svg` with unreferenced ids removed and the referenced ones prefixed (see module docstring)."""
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in referenced else "", svg)
    return _REFERENCE.sub(lambda m: m.group(0)[: -len(m.group(1))] + f"{prefix}-{m.group(1)}", svg)


def _label(text: str) -> str:
    """Chart text from documents: a `$` would start matplotlib mathtext, so escape it."""
    return text.replace("$", r"\$")


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    with _mpl().rc_context(_RC):
        return Figure(figsize=(width, height), dpi=72)


def ranking_chart(rows: Sequence[SourceRanking]) -> str:
    """Mean document score per source with its confidence interval; best rank at the top."""
    shown = [r for r in rows if r.score is not None][:40]
    with _mpl().rc_context(_RC):
        fig = _figure(CHART_WIDTH, 0.9 + 0.32 * max(1, len(shown)))
        ax = fig.add_subplot()
        for y, row in enumerate(reversed(shown)):
            colour = "#999999" if row.below_min_documents else "#1f77b4"
            low, high = row.ci_low or row.score, row.ci_high or row.score
            ax.plot([low, high], [y, y], color=colour, linewidth=2.5, solid_capstyle="butt")
            ax.plot([row.score], [y], "o", color=colour, markersize=5)
            ax.plot([low], [y], "|", color="#000000", markersize=9)
        labels = [f"#{r.rank} {_label(r.source)} (n={r.scored}{', few' if r.below_min_documents else ''})"
                  for r in reversed(shown)]
        ax.set_yticks(range(len(shown)), labels)
        ax.set_xlim(0, 1)
        ax.set_xlabel("source score: 10% trimmed mean (dot), confidence interval (bar),\nranked by its lower bound (|)")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        return _svg(fig, "ranking")


def distribution_charts(scores: Mapping[str, Sequence[float]]) -> list[str]:
    """One small histogram per rubric (and the document score), each its own SVG on a shared 0-1
    axis, so the page can wrap them to the screen's width."""
    charts = []
    bins = [i / 20 for i in range(21)]
    for i, name in enumerate(scores):
        values = list(scores[name])
        with _mpl().rc_context(_RC):
            fig = _figure(2.5, 1.7)
            ax = fig.add_subplot()
            ax.hist(values, bins=bins, color=_COLOURS[i % len(_COLOURS)], edgecolor="#ffffff", linewidth=0.4)
            mean = sum(values) / len(values) if values else 0.0
            ax.set_title(f"{_label(name)} (n={len(values)}, mean {mean:.2f})", fontsize=9)
            ax.set_xlim(0, 1)
            ax.tick_params(labelsize=8)
            charts.append(_svg(fig, f"distribution-{i}"))
    return charts


ToneGroup = tuple[str, dict[str, tuple[float, float, float]]]  # (label, {actor: (tone, ci_low, ci_high)})


def lean_chart(audit: AuditReport, max_actors: int = 12) -> str | None:
    """Tone toward each actor (rows) per source (colours) with the tone's confidence interval."""
    mentions: dict[str, int] = {}
    for source in audit.sources:
        for actor in source.actors:
            mentions[actor.actor] = mentions.get(actor.actor, 0) + actor.mentions
    actors = sorted(mentions, key=lambda a: (-mentions[a], a))[:max_actors]
    groups: list[ToneGroup] = [(s.source, {a.actor: (a.tone, a.ci_low, a.ci_high) for a in s.actors})
                               for s in audit.sources if s.actors]
    return _tone_chart(groups, actors, "lean",
                       "tone toward the actor (-1 hostile ... +1 favourable), mention-weighted, with CI")


def document_lean_chart(documents: Sequence[tuple[str, Sequence[Mapping[str, object]]]],
                        max_actors: int = 12) -> str | None:
    """Tone toward each actor per document (for small reports): (label, lean actor entries) pairs."""
    mentions: dict[str, int] = {}
    groups: list[ToneGroup] = []
    for label, entries in documents:
        tones: dict[str, tuple[float, float, float]] = {}
        for entry in entries:
            name = str(entry.get("actor", ""))
            count = int(entry.get("mentions", 0) or 0)  # type: ignore[call-overload]
            if not name or count <= 0:
                continue
            tone = float(entry.get("tone", 0.0) or 0.0)  # type: ignore[arg-type]
            tones[name] = (tone, tone, tone)
            mentions[name] = mentions.get(name, 0) + count
        if tones:
            groups.append((label, tones))
    actors = sorted(mentions, key=lambda a: (-mentions[a], a))[:max_actors]
    return _tone_chart(groups, actors, "lean-documents", "tone toward the actor in each document "
                                                         "(-1 hostile ... +1 favourable)")


def _tone_chart(groups: Sequence[ToneGroup], actors: Sequence[str], salt: str, xlabel: str) -> str | None:
    groups = list(groups)[:len(_COLOURS)]
    if not actors or not groups:
        return None
    with _mpl().rc_context(_RC):
        fig = _figure(CHART_WIDTH, 1.4 + 0.42 * len(actors))
        ax = fig.add_subplot()
        step = 0.8 / len(groups)
        for j, (label, tones) in enumerate(groups):
            ys, xs, lows, highs = [], [], [], []
            for i, name in enumerate(reversed(actors)):
                if name in tones:
                    tone, low, high = tones[name]
                    ys.append(i - 0.4 + step * (j + 0.5))
                    xs.append(tone)
                    lows.append(max(0.0, tone - low))
                    highs.append(max(0.0, high - tone))
            ax.errorbar(xs, ys, xerr=[lows, highs], fmt="o", markersize=4, capsize=2, linewidth=1.2,
                        color=_COLOURS[j], label=_label(label))
        ax.axvline(0, color="#555555", linewidth=0.8)
        ax.set_yticks(range(len(actors)), [_label(a) for a in reversed(actors)])
        ax.set_ylim(-0.6, len(actors) - 0.4)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(2, len(groups)), fontsize=8,
                  frameon=False)
        return _svg(fig, salt)


def frame_chart(audit: AuditReport) -> str | None:
    """Frame distribution per source as stacked horizontal bars."""
    sources = [s for s in audit.sources if s.frames][:30]
    if not sources:
        return None
    frames = list(sources[0].frames)
    with _mpl().rc_context(_RC):
        fig = _figure(CHART_WIDTH, 1.4 + 0.32 * len(sources))
        ax = fig.add_subplot()
        ys = list(range(len(sources)))[::-1]
        left = [0.0] * len(sources)
        for k, frame in enumerate(frames):
            widths = [s.frames.get(frame, 0.0) for s in sources]
            ax.barh(ys, widths, left=left, color=_COLOURS[k % len(_COLOURS)], label=frame, height=0.7)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(ys, [_label(s.source) for s in sources])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of frame cues")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(3, len(frames)), fontsize=8,
                  frameon=False)
        return _svg(fig, "frames")
