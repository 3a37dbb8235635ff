"""The self-contained HTML report: inline CSS and SVG, no script, no external resource.

Every string that comes from a document (text, id, source, title, actor names, flag
details, evidence snippets) goes through `html.escape` here or in `highlight`; nothing is
ever inserted raw, so a document containing markup or <script> displays as text.

Layout: one column up to 1100 px wide; tables drop their less important columns below
700 px (CSS nth-child rules, so no per-cell markup) and never make the page wider than the
screen. Long lists are collapsed: the documents table comes in pages of `TABLE_PAGE` rows,
each a <details> (the worst first, open), and each document's section is a <details> whose
summary line tells the score's story in one line. Closed sections are not laid out, which is
what keeps a 2,000-document report quick to open. Evidence toggles are checkboxes that CSS
`:has()` reads (see highlight's module docstring).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from scoring.core.shapes import lean_actors
from scoring.corpus.audit import AuditReport
from scoring.corpus.rank import SourceRanking
from scoring.engine.pipeline import DocumentResult
from scoring.report.highlight import (
    FLAG_MARK,
    LAYERS,
    OTHER_SUFFIX,
    evidence_counts,
    flag_rows,
    highlight,
    legend_entries,
    line_starts,
    marks_for,
)
from scoring.report.tables import p_text, top_contributions

TABLE_PAGE = 100  # rows per collapsible page of the documents table
MAX_PARTS = 6  # contributions shown per document; the rest are summed
OPEN_PAGES_UP_TO = 10  # reports with this few document sections show them open

# How each mark looks: css class -> declarations. Key marks use the class, the others the class
# plus OTHER_SUFFIX, styled only while their layer's toggle is ticked.
MARK_STYLES: dict[str, str] = {
    "bp": "text-decoration-line:line-through;text-decoration-color:#616161;color:#757575;background:#f1f1f1",
    "fl": "outline:2px solid #d50000;outline-offset:1px",
    "fx": "outline:1px dotted #d50000",
    "at": "border-bottom:2px solid #1565c0",
    "an": "border-bottom:2px dashed #1565c0",
    "st": "border-bottom:2px dotted #1565c0",
    "qu": "background:#e3f2fd",
    "ci": "outline:1px solid #c62828;background:#ffebee;color:#b71c1c",
    "li": "color:#0d47a1;border-bottom:1px dotted #0d47a1",
    "dr": "border-bottom:1px dotted #1565c0",
    "da": "border-bottom:1px dotted #00695c",
    "he": "background:#fff59d",
    "bo": "background:#ffcc80",
    "po": "color:#1b5e20;font-weight:600",
    "ne": "color:#b71c1c;font-weight:600",
    "lo": "text-decoration-line:underline;text-decoration-style:wavy;text-decoration-color:#7b1fa2",
    "fr": "border-bottom:1px dotted #7b1fa2",
    "ac": "font-weight:700",
    "ev": "border-bottom:1px dotted #555",
}

BASE_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:0;
 color:#1d1d1d;background:#fafafa;line-height:1.45;-webkit-text-size-adjust:100%}
main{max-width:1100px;margin:0 auto;padding:.5em 1.2em 4em}
h1{font-size:1.6em;margin:.6em 0 .2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
h3{margin:1.4em 0 .4em}h4{margin:.9em 0 .3em}
nav.toc a{margin-right:1em;white-space:nowrap}
table{border-collapse:collapse;margin:.4em 0;font-size:.9em;background:#fff;max-width:100%}
th,td{border:1px solid #ddd;padding:.25em .45em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{overflow-wrap:anywhere;word-break:break-word}
.muted{color:#666}.small{font-size:.85em}
.chart{background:#fff;border:1px solid #e3e3e3;padding:.4em;margin:.5em 0}
.chart svg{max-width:100%;height:auto;display:block}
.charts{display:flex;flex-wrap:wrap;gap:.5em}.charts .chart{flex:1 1 220px;max-width:330px;margin:0}
.sc{font-weight:700;font-variant-numeric:tabular-nums}.bad{color:#b71c1c}.ok{color:#8d6e00}.good{color:#1b5e20}
.flagname{font-family:monospace;background:#ffebee;color:#b71c1c;padding:0 .3em;border-radius:3px;
 overflow-wrap:anywhere}
.problems{padding-left:1.2em}.problems li{margin:.2em 0}
details>summary{cursor:pointer}
details.page>summary,details.more>summary{color:#1565c0}
details.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5em .9em;margin:.6em 0}
details.doc>summary{overflow-wrap:anywhere}
details.doc[open]>summary{border-bottom:1px solid #eee;padding-bottom:.4em;margin-bottom:.4em}
.doctext{white-space:pre-wrap;overflow-wrap:anywhere;font-family:Georgia,"Noto Serif","Noto Serif CJK SC",serif;
 border-top:1px solid #eee;padding-top:.6em;line-height:1.7}
.badge{font:600 .68em system-ui,sans-serif;background:#616161;color:#fff;border-radius:3px;padding:0 .3em;
 margin-right:.3em;text-decoration:none;display:inline-block;vertical-align:middle}
.story p{margin:.3em 0}
.parts td.bar{width:40%;min-width:4em}
.parts .pos,.parts .neg{display:inline-block;height:.7em;border-radius:2px}
.parts .pos{background:#1b5e20}.parts .neg{background:#b71c1c}
.legend ul{padding:0;margin:.3em 0}.legend li{list-style:none;display:inline-block;margin:0 1.2em .3em 0}
.legend .sample{padding:0 .3em;margin-right:.3em}
table.docs td:first-child{overflow-wrap:break-word}
table.docs tr>:nth-child(2),table.docs tr>:nth-child(n+5){text-align:right;font-variant-numeric:tabular-nums}
table.docs.src tr>:nth-child(5){text-align:left}
table.docs td:nth-child(2){font-weight:700}table.docs tr.rb>td:nth-child(2){color:#b71c1c}
table.docs tr.ro>td:nth-child(2){color:#8d6e00}table.docs tr.rg>td:nth-child(2){color:#1b5e20}
.toggles{position:sticky;top:0;z-index:1;background:#fafafa;border:1px solid #ddd;border-radius:6px;
 padding:.3em .6em;margin:.6em 0;font-size:.9em}
.toggles label{display:inline-block;margin-right:1em;white-space:nowrap}
@media (max-width:700px){
 main{padding:.3em .6em 3em}h1{font-size:1.3em}
 td.id,table.docs td:first-child{overflow-wrap:anywhere}
 table{font-size:.82em}th,td{padding:.2em .3em}
 table.rank td:nth-child(6){overflow-wrap:anywhere}
 table.rank tr>:nth-child(4),table.rank tr>:nth-child(n+7),table.actors tr>:nth-child(2),
 table.actors tr>:nth-child(3),table.actors tr>:nth-child(6),table.actors tr>:nth-child(9),
 table.docs tr>:nth-child(n+5){display:none}
 .toggles{position:static}
}
"""

PROBLEM_NOTES = {
    ("sourcing", "citation_marker"): "bracketed reference markers such as [1][6]: the text points at references "
                                     "it does not contain (typical of machine summaries of another article)",
    ("sourcing", "attribution_anonymous"): "claims attributed to unnamed sources",
    ("hedging", "booster"): "certainty boosters (\"clearly\", \"undoubtedly\")",
    ("framing", "loaded"): "loaded words",
}


def mark_css() -> str:
    """The rules for every mark class and its toggle (see highlight's module docstring)."""
    rules = []
    for css, layer, _ in legend_entries():
        style = MARK_STYLES.get(css, MARK_STYLES["ev"])
        selectors = [f".{css}"]
        if layer:
            selectors.append(f"body:has(#t-{layer}:checked) .{css}{OTHER_SUFFIX}")
        rules.append(f"{','.join(selectors)}{{{style}}}")
    rules.append(".bp.lo{text-decoration-line:line-through underline}")
    return "\n".join(rules) + "\n"


def render_html(*, title: str, profile: Mapping[str, str], rubric_versions: Mapping[str, str],
                ranking: Sequence[SourceRanking], audit: AuditReport, charts: Mapping[str, Any],
                overview: Sequence[Mapping[str, Any]], overview_total: int, pages: Sequence[tuple[str, DocumentResult]],
                documents: int, rubrics: Sequence[str], unreadable: Sequence[tuple[str, str]],
                flag_caps: Mapping[str, float] | None = None,
                capped_shares: Mapping[str, Mapping[str, float]] | None = None,
                max_bytes: int | None = None) -> str:
    """The page. `pages` (worst first) get a section each while the page stays under `max_bytes`
    (UTF-8); the documents table links to those that got one."""
    caps = dict(flag_caps or {})
    open_pages = len(pages) <= OPEN_PAGES_UP_TO
    sections = []
    budget = None
    if max_bytes is not None:
        everything_else = _page(title, profile, rubric_versions, ranking, audit, charts, overview, overview_total,
                                rubrics, unreadable, caps, capped_shares, {a for a, _ in pages}, "", [])
        budget = max_bytes - len(everything_else.encode("utf-8"))
    used = 0
    for anchor, result in pages:
        section = _document_page(anchor, result, rubrics, caps, open_pages)
        size = len(section.encode("utf-8"))
        if budget is not None and used + size > budget:
            break
        sections.append((anchor, section))
        used += size
    if len(sections) == documents:
        note = "Every document has its own section under “Texts and evidence”."
    else:
        limit = (f" (the most that fit in {max_bytes / 1e6:.1f} MB)" if len(sections) < len(pages) and max_bytes
                 else "")
        note = (f"The {len(sections):,} lowest-scoring documents{limit} have their own section under “Texts and "
                "evidence”, linked from the table.")
    return _page(title, profile, rubric_versions, ranking, audit, charts, overview, overview_total, rubrics,
                 unreadable, caps, capped_shares, {a for a, _ in sections}, note, [html for _, html in sections])


def _page(title: str, profile: Mapping[str, str], rubric_versions: Mapping[str, str],
          ranking: Sequence[SourceRanking], audit: AuditReport, charts: Mapping[str, Any],
          overview: Sequence[Mapping[str, Any]], overview_total: int, rubrics: Sequence[str],
          unreadable: Sequence[tuple[str, str]], caps: Mapping[str, float],
          capped_shares: Mapping[str, Mapping[str, float]] | None, anchors: set[str], note: str,
          sections: Sequence[str]) -> str:
    linked = [{**row, "anchor": row["anchor"] if row.get("anchor") in anchors else None} for row in overview]
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{BASE_CSS}{mark_css()}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>{escape(title)}</h1>\n",
        _intro(profile, rubric_versions, overview_total, len(ranking), unreadable, caps),
        "<nav class=\"toc\"><a href=\"#ranking\">Source ranking</a> <a href=\"#documents\">Documents</a> "
        "<a href=\"#texts\">Texts and evidence</a> <a href=\"#distributions\">Score distributions</a> "
        "<a href=\"#lean\">Editorial lean</a></nav>\n",
        _ranking_section(ranking, charts.get("ranking"), rubrics, caps, capped_shares or {}),
        _documents_section(linked, overview_total, rubrics, note),
        _texts_section(sections),
        _section("distributions", "Score distributions",
                 "<p>How the document score and each rubric's score (1 = best) are distributed over all "
                 "documents.</p><div class=\"charts\">"
                 + "".join(_chart(svg) for svg in charts.get("distributions") or []) + "</div>"),
        _lean_section(audit, charts.get("lean"), charts.get("frames"), charts.get("lean_documents")),
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _intro(profile: Mapping[str, str], versions: Mapping[str, str], documents: int, sources: int,
           unreadable: Sequence[tuple[str, str]], caps: Mapping[str, float]) -> str:
    rubric_list = ", ".join(f"{escape(k)} {escape(v)}" for k, v in sorted(versions.items()))
    cap_list = ", ".join(f"<span class=\"flagname\">{escape(k)}</span> {v:g}" for k, v in sorted(caps.items()))
    text = (f"<p>{_plural(documents, 'document')} from {_plural(sources, 'source')}, scored with profile "
            f"<code>{escape(profile.get('name', '?'))}</code> (hash <code>{escape(profile.get('hash', '?'))}</code>); "
            f"rubrics: {rubric_list}.</p>\n"
            "<p>Scores are in [0, 1], 1 = best. A document's score is the weighted mean of its rubric scores "
            "(the <i>base score</i>), unless a flag caps it"
            + (f" (caps: {cap_list})" if cap_list else "") + ". Each document's section says which: its base "
            "score, the flag that capped it and the parts its base score is made of, then its text with the "
            "evidence that changed a score marked up.</p>\n")
    if unreadable:
        items = "".join(f"<li><code>{escape(p)}</code>: {escape(r)}</li>" for p, r in unreadable[:50])
        more = f"<li>and {len(unreadable) - 50} more (documents.jsonl lists all)</li>" if len(unreadable) > 50 else ""
        text += (f"<details class=\"more\"><summary>{len(unreadable)} inputs could not be read</summary>"
                 f"<ul>{items}{more}</ul></details>\n")
    return text


def _section(anchor: str, heading: str, body: str) -> str:
    return f"<section id=\"{anchor}\">\n<h2>{escape(heading)}</h2>\n{body}\n</section>\n"


def _chart(svg: str | None) -> str:
    return f"<div class=\"chart\">{svg}</div>" if svg else "<p class=\"muted\">(nothing to chart)</p>"


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _percent(share: float) -> str:
    """A share as a percentage that does not round a rare flag down to 0%."""
    return f"{share:.1%}" if 0 < share < 0.095 else f"{share:.0%}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _score_class(score: float | None) -> str:
    if score is None:
        return "muted"
    return "good" if score >= 0.8 else "ok" if score >= 0.6 else "bad"


def flags_that_matter(rates: Mapping[str, float], capped: Mapping[str, float], caps: Mapping[str, float],
                      limit: int = 4, min_rate: float = 0.05) -> list[tuple[str, float, float | None]]:
    """(flag, share of documents raising it, share whose score it capped or None) for a ranking row:
    the flags that capped scores first (most capped first), then the frequent ones."""
    capping = sorted((f for f in rates if capped.get(f)), key=lambda f: (-capped[f], f))
    frequent = sorted((f for f in rates if f not in capping and rates[f] >= min_rate), key=lambda f: (-rates[f], f))
    return [(f, rates[f], capped.get(f) if f in caps else None) for f in [*capping, *frequent][:limit]]


def _ranking_section(ranking: Sequence[SourceRanking], chart: str | None, rubrics: Sequence[str],
                     caps: Mapping[str, float], capped_shares: Mapping[str, Mapping[str, float]]) -> str:
    head = "".join(f"<th class=\"n\">{escape(r)}</th>" for r in rubrics)
    rows = []
    for r in ranking:
        flags = ", ".join(
            f"<span class=\"flagname\">{escape(name)}</span> {_percent(rate)}"
            + (f" <span class=\"muted\">(capped {_percent(share)})</span>" if share else "")
            for name, rate, share in flags_that_matter(r.flag_rates, capped_shares.get(r.source, {}), caps))
        few = " <span class=\"muted\">(few documents)</span>" if r.below_min_documents else ""
        ci = f"[{_num(r.ci_low)}, {_num(r.ci_high)}]" if r.ci_low is not None else ""
        means = "".join(f"<td class=\"n\">{_num(r.rubric_means.get(name), 2)}</td>" for name in rubrics)
        rows.append(f"<tr><td class=\"n\">{r.rank}</td><td class=\"id\">{escape(r.source)}{few}</td>"
                    f"<td class=\"n sc {_score_class(r.score)}\">{_num(r.score)}</td><td class=\"n\">{ci}</td>"
                    f"<td class=\"n\">{r.scored}</td><td>{escape(top_contributions(r.contributions))}</td>"
                    f"<td>{flags}</td>{means}</tr>")
    body = ("<p>Sources are ranked by the <b>lower bound</b> of a bootstrap confidence interval of their score "
            "(the 10% trimmed mean of their document scores), so a source with a few lucky documents does not "
            "outrank one with many good ones. Sources with fewer documents than the minimum are listed after the "
            "others. <i>Largest contributions</i>: which measurements raise (+) or lower (−) its documents' scores "
            "on average. <i>Flags</i>: the share of documents raising each flag, first those that capped scores "
            "(with the share they capped), then those raised by at least 5% of the documents. Then each rubric's "
            "mean score.</p>"
            + _chart(chart) + "<table class=\"rank\"><thead><tr><th class=\"n\">rank</th><th>source</th>"
            "<th class=\"n\">score</th><th class=\"n\">CI</th><th class=\"n\">docs</th><th>largest contributions</th>"
            f"<th>flags</th>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
    return _section("ranking", "Source ranking", body)


def _lean_section(audit: AuditReport, lean_chart: str | None, frame_chart: str | None,
                  documents_chart: str | None) -> str:
    body = ["<p>Tone toward each actor (people, organisations, countries) per source, from the sentences that "
            "mention them; intervals are bootstrap confidence intervals over documents. Frames and loaded "
            "language come from the framing rubric. Comparisons are with the other sources in this report.</p>"]
    if audit.missing_rubrics:
        body.append(f"<p class=\"muted\">Not measured (rubric not in the profile): "
                    f"{escape(', '.join(audit.missing_rubrics))}.</p>")
    body.append(_chart(lean_chart))
    if documents_chart:
        body.append("<h3>Tone toward actors per document</h3><p>Each colour is one document: a document far to "
                    "one side for one actor and to the other side for another is one-sided.</p>"
                    + _chart(documents_chart))
    if frame_chart:
        body.append("<h3>Frames per source</h3>" + _chart(frame_chart))
    for s in audit.sources:
        body.append(f"<h3>{escape(s.source)}</h3>")
        facts = [f"{s.documents} documents"]
        if s.dominant_frame:
            facts.append(f"dominant frame <b>{escape(s.dominant_frame)}</b>")
        if s.loaded_density is not None:
            facts.append(f"loaded-language density {s.loaded_density:.2f}"
                         + (f" ({s.loaded_density_vs_others:+.2f} vs others)" if s.loaded_density_vs_others is not None
                            else ""))
        if s.mean_compound is not None:
            facts.append(f"mean sentence tone {s.mean_compound:+.2f}")
        if s.favours:
            facts.append("treats more favourably than the others: " + escape(", ".join(s.favours)))
        if s.disfavours:
            facts.append("less favourably: " + escape(", ".join(s.disfavours)))
        if s.overused_frames:
            facts.append("over-uses frames: " + escape(", ".join(s.overused_frames)))
        body.append("<p>" + "; ".join(facts) + ".</p>")
        if s.actors:
            body.append(_actor_tables(s.actors, s.source))
    return _section("lean", "Editorial lean", "\n".join(body))


# Actors per source shown in the open table, and folded below it; the actors are ordered by
# mentions, so what is left out is the tail of rarely named ones (`sourcegauge audit --format json`
# lists them all). A large corpus names thousands of actors.
ACTORS_SHOWN = 30
ACTORS_FOLDED = 300


def _actor_tables(actors: Sequence[Any], source: str) -> str:
    def table(rows: Sequence[Any]) -> str:
        cells = "".join(
            f"<tr><td class=\"id\">{escape(a.actor)}</td><td>{escape(a.type)}</td><td class=\"n\">{a.documents}</td>"
            f"<td class=\"n\">{a.mentions}</td><td class=\"n\">{a.tone:+.2f}</td>"
            f"<td class=\"n\">[{a.ci_low:+.2f}, {a.ci_high:+.2f}]</td><td class=\"n\">{a.voice_share:.0%}</td>"
            f"<td>{escape(a.direction)}</td><td class=\"n\">"
            f"{'' if a.tone_vs_others is None else f'{a.tone_vs_others:+.2f}'}</td>"
            f"<td class=\"n\">{p_text(a.p_vs_others)}</td></tr>" for a in rows)
        return ("<table class=\"actors\"><thead><tr><th>actor</th><th>type</th><th class=\"n\">docs</th>"
                "<th class=\"n\">mentions</th><th class=\"n\">tone</th><th class=\"n\">CI</th>"
                "<th class=\"n\">voice</th><th>direction</th><th class=\"n\">vs others</th>"
                "<th class=\"n\" title=\"two-sided bootstrap p-value of the difference\">p</th></tr></thead>"
                f"<tbody>{cells}</tbody></table>")

    out = table(actors[:ACTORS_SHOWN])
    folded = actors[ACTORS_SHOWN:ACTORS_SHOWN + ACTORS_FOLDED]
    if folded:
        out += (f"<details><summary>{len(folded)} more actors of {escape(source)}, by mentions</summary>"
                + table(folded) + "</details>")
    rest = len(actors) - ACTORS_SHOWN - len(folded)
    if rest > 0:
        out += (f"<p class=\"muted\">… and {rest:,} actors named less often; "
                "<code>sourcegauge audit --format json</code> lists every one.</p>")
    return out


def _documents_section(overview: Sequence[Mapping[str, Any]], total: int, rubrics: Sequence[str], note: str) -> str:
    # Thousands of rows: cells carry no class (alignment and colour come from nth-child rules and
    # the row's class) and end tags that HTML makes optional are left out.
    sources = {row["source"] for row in overview}
    show_source = len(sources) > 1
    head = ("<thead><tr><th>document</th><th>score</th><th>why</th><th>flags</th>"
            + ("<th>source</th>" if show_source else "")
            + "".join(f"<th>{escape(r)}</th>" for r in rubrics) + "</tr></thead>")
    rows = []
    for row in overview:
        link = (f"<a href=\"#{row['anchor']}\">{escape(row['id'])}</a>" if row.get("anchor") else escape(row["id"]))
        cells = "".join(f"<td>{_num(row['rubrics'].get(r), 2)}" for r in rubrics)
        flags = " ".join(escape(f) for f in row["flags"])
        why = f"<span class=\"bad\">{escape(row['error'])}</span>" if row.get("error") else escape(row.get("why", ""))
        source = f"<td>{escape(row['source'])}" if show_source else ""
        rows.append(f"<tr class=r{_score_class(row['score'])[0]}><td>{link}<td>{_num(row['score'])}<td>{why}<td>{flags}"
                    f"{source}{cells}\n")
    pages = []
    for start in range(0, len(rows), TABLE_PAGE):
        chunk = overview[start:start + TABLE_PAGE]
        scores = [r["score"] for r in chunk if r.get("score") is not None]
        span = f", scores {min(scores):.3f}–{max(scores):.3f}" if scores else ""
        pages.append(f"<details class=\"page\"{' open' if start == 0 else ''}><summary>Documents {start + 1:,}–"
                     f"{start + len(chunk):,} of {len(overview):,}{span}</summary><table class=\"docs"
                     f"{' src' if show_source else ''}\">{head}<tbody>\n"
                     + "".join(rows[start:start + TABLE_PAGE]) + "</tbody></table></details>\n")
    more = (f"<p class=\"muted\">The table lists the {len(overview):,} lowest-scoring of {total:,} documents; "
            "documents.csv has all of them.</p>" if len(overview) < total else "")
    single = "" if show_source else f" All are from {escape(next(iter(sources)))}." if sources else ""
    body = ("<p>Every document, the lowest score first (unreadable and unscored ones before all others), in pages "
            f"of {TABLE_PAGE}. <i>Why</i>: the flag that capped the score, or the rubric that scored lowest."
            f"{single} {escape(note)} documents.csv has the same rows for a spreadsheet.</p>{more}" + "".join(pages))
    return _section("documents", "Documents", body)


def _texts_section(sections: Sequence[str]) -> str:
    if not sections:
        return _section("texts", "Texts and evidence", "<p class=\"muted\">(no document sections)</p>")
    toggles = "".join(f"<label><input type=\"checkbox\" id=\"t-{layer}\"> {escape(text)}</label>"
                      for layer, text in LAYERS)
    body = ("<p>Each document's score story, its flags and its text. The text marks the evidence that changed a "
            "score: boilerplate lines, spans behind a flag that caps the score, what the sourcing score counts, and "
            "the hedges, boosters, loaded and most charged words of a text whose score they lowered. Tick a box to "
            "also mark the rest of that kind (every charged word, frame cue, actor mention, …).</p>"
            + _legend() + f"<div class=\"toggles\">Also mark: {toggles}</div>" + "".join(sections))
    return _section("texts", "Texts and evidence", body)


def _legend() -> str:
    items = []
    for css, _, text in legend_entries():
        badge = '<span class="badge">category</span>' if css == "bp" else ""
        items.append(f"<li><span class=\"sample {css}\">{badge}sample</span>{escape(text)}</li>")
    return f"<div class=\"legend\"><h3>How the text is marked</h3><ul>{''.join(items)}</ul></div>"


def doc_anchor(index: int) -> str:
    return f"d-{index}"


def why_phrase(record: Mapping[str, Any]) -> str:
    """One phrase for the documents table: the flag that capped the score, or the weakest rubric."""
    capped = record.get("capped_by")
    if capped:
        return f"capped by {capped.get('flag')} at {capped.get('cap'):g} (base {_num(record.get('base_score'))})"
    scores = {k: v["score"] for k, v in (record.get("rubrics") or {}).items()}
    if not scores:
        return ""
    name = min(scores, key=lambda k: (scores[k], k))
    return f"lowest: {name} {scores[name]:.2f}"


def _story(result: DocumentResult, caps: Mapping[str, float]) -> str:
    breakdown = result.breakdown
    if result.score is None:
        return "<p>No score: no rubric with a weight produced a result.</p>"
    base = breakdown.base if breakdown is not None else result.score
    out = [f"<p>Document score <span class=\"sc {_score_class(result.score)}\">{_num(result.score)}</span>"]
    if breakdown is not None and breakdown.capped_by:
        out.append(f": capped at {breakdown.cap:g} by the <span class=\"flagname\">{escape(breakdown.capped_by)}"
                   f"</span> flag (below). Without the cap it would be {_num(base)}, from the parts below.</p>")
    else:
        uncapped = [f for f in result.flags if f in caps]
        note = (f" (flags with a cap: {escape(', '.join(uncapped))}; their caps are above this score)"
                if uncapped else "")
        out.append(f" = its base score, the sum of the parts below{note}.</p>")
    contributions = dict(breakdown.contributions) if breakdown is not None else {}
    if contributions:
        ordered = sorted(contributions.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
        shown, rest = ordered[:MAX_PARTS], ordered[MAX_PARTS:]
        largest = max(abs(v) for _, v in shown) or 1.0
        rows = []
        for name, value in shown:
            rubric = result.results.get(name)
            label = escape(name) + (f" <span class=\"muted\">(score {rubric.score:.2f})</span>" if rubric else "")
            bar = f"<span class=\"{'pos' if value >= 0 else 'neg'}\" style=\"width:{abs(value) / largest:.0%}\"></span>"
            rows.append(f"<tr><td>{label}</td><td class=\"n\">{value:+.3f}</td><td class=\"bar\">{bar}</td></tr>")
        if rest:
            rows.append(f"<tr><td class=\"muted\">{_plural(len(rest), 'smaller part')}</td>"
                        f"<td class=\"n\">{sum(v for _, v in rest):+.3f}</td><td></td></tr>")
        out.append("<table class=\"parts\"><thead><tr><th>part of the base score</th><th class=\"n\">adds</th>"
                   f"<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return "<div class=\"story\">" + "".join(out) + "</div>"


def place(start: int, lines: list[int]) -> str:
    """Where an offset is, for a reader: "line 4 of 12" ("" for a one-line text)."""
    line = bisect.bisect_right(lines, start)
    total = len(lines)
    if total == 1:
        return ""
    return f"line {line} of {total}" + (" (the last)" if line == total else "")


def _document_page(anchor: str, result: DocumentResult, rubrics: Sequence[str], caps: Mapping[str, float],
                   open_page: bool) -> str:
    doc = result.doc
    text = doc.text
    lines = line_starts(text)
    flags_html = []
    capped_by = result.breakdown.capped_by if result.breakdown is not None else None
    for rubric, name, detail, spans in flag_rows(result.results, text):
        places: dict[str, None] = {}
        for start, _end, snippet in spans:
            where_ = place(start, lines)
            places.setdefault((f"{where_}: " if where_ else "") + f"“{escape(_clip(snippet))}”", None)
        where = list(places)[:3]
        outlined = ("outlined in the text" if name in caps else
                    "outlined in the text while “spans of flags without a cap” is ticked")
        more = f"; and {len(places) - 3} more places, {outlined}" if len(places) > 3 else ""
        cap = ""
        if name in caps:
            cap = (f" <b>Caps the score at {caps[name]:g}</b>{' (and did)' if name == capped_by else ''}."
                   if caps[name] < 1 else "")
        flags_html.append(f"<li><span class=\"flagname\">{escape(name)}</span> <span class=\"muted\">({escape(rubric)})"
                          f"</span> {escape(detail)}.{cap}{' At ' + '; '.join(where) + more if where else ''}</li>")
    notes = []
    for rubric, label, count, examples in evidence_counts(result.results, text):
        note = _evidence_note(rubric, label)
        if note is None:
            continue
        shown = ", ".join(f"“{escape(e)}”" for e in examples)
        notes.append(f"<li><b>{count}×</b> {escape(note)} <span class=\"muted\">({escape(rubric)}: "
                     f"{escape(label)})</span> e.g. {shown}</li>")
    problems = ""
    if flags_html:
        problems += f"<h4>Flags</h4><ul class=\"problems\">{''.join(flags_html)}</ul>"
    if notes:
        problems += f"<h4>Worth a look</h4><ul class=\"problems\">{''.join(notes)}</ul>"
    score_rows = "".join(
        f"<tr><td>{escape(name)}</td><td class=\"n sc {_score_class(r.score)}\">{r.score:.3f}</td></tr>"
        for name, r in ((n, result.results[n]) for n in rubrics if n in result.results))
    errors = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in sorted(result.rubric_errors.items()))
    heading = escape(doc.title or doc.id)
    meta = [f"<code>{escape(doc.id)}</code>", f"source <b>{escape(doc.source)}</b>", f"language {escape(result.lang)}",
            f"{len(text):,} characters"]
    if doc.url:
        meta.append(f"URL <code>{escape(doc.url)}</code>")
    why = (f"capped by {escape(capped_by)}" if capped_by else
           ", ".join(escape(f) for f in result.flags[:3]))
    why_html = f" <span class=\"muted\">{why}</span>" if why else ""
    return (
        f"<details class=\"doc\" id=\"{escape(anchor)}\"{' open' if open_page else ''}><summary>"
        f"<span class=\"sc {_score_class(result.score)}\">{_num(result.score)}</span> <b>{heading}</b>"
        f"{why_html}</summary>\n"
        f"<p class=\"small muted\">{' · '.join(meta)}</p>\n"
        f"{_story(result, caps)}{problems}\n"
        f"<details><summary>Rubric scores</summary><table class=\"features\"><tbody>{score_rows}"
        f"</tbody></table>{'<ul>' + errors + '</ul>' if errors else ''}<p class=\"small muted\">Every rubric's "
        "features and evidence are in documents.jsonl.</p></details>\n"
        f"{_actor_table(result)}<div class=\"doctext\">{highlight(text, marks_for(result.results, caps))}</div>\n"
        "<p class=\"small\"><a href=\"#documents\">back to the document list</a></p>\n</details>\n"
    )


def _evidence_note(rubric: str, label: str) -> str | None:
    if rubric == "boilerplate" and label != "content":
        return f"boilerplate lines ({label.replace('_', ' ')}), struck through in the text"
    return PROBLEM_NOTES.get((rubric, label))


def _actor_table(result: DocumentResult) -> str:
    lean = result.results.get("lean")
    actors = lean_actors(lean.details) if lean is not None else []
    if not actors:
        return ""
    actors.sort(key=lambda a: (-int(a.get("mentions", 0) or 0), str(a.get("actor", ""))))
    rows = "".join(
        f"<tr><td>{escape(str(a.get('actor', '')))}</td><td>{escape(str(a.get('type', '')))}</td>"
        f"<td class=\"n\">{escape(str(a.get('mentions', '')))}</td>"
        f"<td class=\"n\">{_signed(a.get('tone'))}</td><td class=\"n\">{escape(str(a.get('voice', '')))}</td></tr>"
        for a in actors[:12])
    return ("<details><summary>Actors and the tone toward them</summary><table><thead><tr><th>actor</th>"
            "<th>type</th><th class=\"n\">mentions</th><th class=\"n\">tone</th><th class=\"n\">voice</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></details>\n")


def _signed(value: Any) -> str:
    try:
        return f"{float(value):+.2f}"
    except (TypeError, ValueError):
        return ""


def _clip(snippet: str, limit: int = 80) -> str:
    snippet = " ".join(snippet.split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


__all__ = ["FLAG_MARK", "PROBLEM_NOTES", "doc_anchor", "flags_that_matter", "place", "render_html", "why_phrase"]
