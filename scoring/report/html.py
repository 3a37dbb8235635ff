"""The self-contained HTML report: inline CSS and SVG, no script, no external resource.

Every string that comes from a document (text, id, source, title, actor names, flag
details, evidence snippets) goes through `html.escape` here or in `highlight`; nothing is
ever inserted raw, so a document containing markup or <script> displays as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from scoring.core.shapes import lean_actors
from scoring.corpus.audit import AuditReport
from scoring.corpus.rank import SourceRanking
from scoring.engine.pipeline import DocumentResult
from scoring.report.highlight import evidence_counts, flag_rows, highlight, legend_entries, marks_for

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:0;
 color:#1d1d1d;background:#fafafa;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:1em 1.5em 4em}
h1{font-size:1.6em;margin:.6em 0 .2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
h3{margin:1.4em 0 .4em}
nav.toc a{margin-right:1em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em;background:#fff}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}.small{font-size:.85em}
.chart{background:#fff;border:1px solid #e3e3e3;padding:.5em;overflow-x:auto}
.chart svg{max-width:100%;height:auto}
.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8em 1.2em;margin:1.5em 0}
.doctext{white-space:pre-wrap;word-wrap:break-word;font-family:Georgia,"Noto Serif","Noto Serif CJK SC",serif;
 border-top:1px solid #eee;padding-top:.6em;line-height:1.7}
.score{font-weight:700}.bad{color:#b71c1c}.ok{color:#8d6e00}.good{color:#1b5e20}
.flagname{font-family:monospace;background:#ffebee;color:#b71c1c;padding:0 .3em;border-radius:3px}
.problems li{margin:.2em 0}
.legend span.sample{padding:0 .3em;margin-right:.3em}
.legend li{list-style:none;display:inline-block;margin:0 1.2em .3em 0}
.legend ul{padding:0}
.bp{text-decoration-line:line-through;text-decoration-color:#616161;color:#757575;background:#f1f1f1}
.badge{font:600 .68em system-ui,sans-serif;background:#616161;color:#fff;border-radius:3px;padding:0 .3em;
 margin-right:.3em;text-decoration:none;display:inline-block;vertical-align:middle}
.attr{border-bottom:2px solid #1565c0}
.attr-anon{border-bottom:2px dashed #1565c0}
.stance{border-bottom:2px dotted #1565c0}
.quote{background:#e3f2fd}
.cite{outline:1px solid #c62828;background:#ffebee;color:#b71c1c}
.link{color:#0d47a1;border-bottom:1px dotted #0d47a1}
.docref{border-bottom:1px dotted #1565c0}
.data{border-bottom:1px dotted #00695c}
.hedge{background:#fff59d}
.booster{background:#ffcc80}
.pos{color:#1b5e20;font-weight:600}
.neg{color:#b71c1c;font-weight:600}
.loaded{text-decoration-line:underline;text-decoration-style:wavy;text-decoration-color:#7b1fa2}
.bp.loaded{text-decoration-line:line-through underline}
.frame{border-bottom:1px dotted #7b1fa2}
.actor{font-weight:700}
.spam{outline:2px solid #d50000;outline-offset:1px}
[class^="ev-"],[class*=" ev-"]{border-bottom:1px dotted #555}
details summary{cursor:pointer;color:#1565c0}
"""

PROBLEM_NOTES = {
    ("sourcing", "citation_marker"): "bracketed reference markers such as [1][6]: the text points at references "
                                     "it does not contain (typical of machine summaries of another article)",
    ("sourcing", "attribution_anonymous"): "claims attributed to unnamed sources",
    ("hedging", "booster"): "certainty boosters (\"clearly\", \"undoubtedly\")",
    ("framing", "loaded"): "loaded words",
}


def render_html(*, title: str, profile: Mapping[str, str], rubric_versions: Mapping[str, str],
                ranking: Sequence[SourceRanking], audit: AuditReport, charts: Mapping[str, str | None],
                overview: Sequence[Mapping[str, Any]], overview_total: int, pages: Sequence[tuple[str, DocumentResult]],
                pages_note: str, rubrics: Sequence[str], unreadable: Sequence[tuple[str, str]]) -> str:
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        f"<h1>{escape(title)}</h1>\n",
        _intro(profile, rubric_versions, overview_total, len(ranking), unreadable),
        "<nav class=\"toc\"><a href=\"#ranking\">Source ranking</a><a href=\"#distributions\">Score distributions"
        "</a><a href=\"#lean\">Editorial lean</a><a href=\"#documents\">Documents</a></nav>\n",
        _ranking_section(ranking, charts.get("ranking")),
        _section("distributions", "Score distributions",
                 "<p>How the document score and each rubric's score (1 = best) are distributed over all "
                 "documents.</p>" + _chart(charts.get("distributions"))),
        _lean_section(audit, charts.get("lean"), charts.get("frames"), charts.get("lean_documents")),
        _documents_section(overview, overview_total, rubrics, pages_note),
        "".join(_document_page(anchor, result, rubrics) for anchor, result in pages),
        "</main>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _intro(profile: Mapping[str, str], versions: Mapping[str, str], documents: int, sources: int,
           unreadable: Sequence[tuple[str, str]]) -> str:
    rubric_list = ", ".join(f"{escape(k)} {escape(v)}" for k, v in sorted(versions.items()))
    text = (f"<p>{documents} documents from {sources} sources, scored with profile "
            f"<code>{escape(profile.get('name', '?'))}</code> (hash <code>{escape(profile.get('hash', '?'))}</code>); "
            f"rubrics: {rubric_list}. Scores are in [0, 1], 1 = best. Each document below has its text with the "
            "evidence behind every score marked up; hover a mark for the rubric and label.</p>\n")
    if unreadable:
        items = "".join(f"<li><code>{escape(p)}</code>: {escape(r)}</li>" for p, r in unreadable[:50])
        text += f"<details><summary>{len(unreadable)} inputs could not be read</summary><ul>{items}</ul></details>\n"
    return text


def _section(anchor: str, heading: str, body: str) -> str:
    return f"<section id=\"{anchor}\">\n<h2>{escape(heading)}</h2>\n{body}\n</section>\n"


def _chart(svg: str | None) -> str:
    return f"<div class=\"chart\">{svg}</div>" if svg else "<p class=\"muted\">(nothing to chart)</p>"


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _score_class(score: float | None) -> str:
    if score is None:
        return "muted"
    return "good" if score >= 0.8 else "ok" if score >= 0.6 else "bad"


def _ranking_section(ranking: Sequence[SourceRanking], chart: str | None) -> str:
    rows = []
    for r in ranking:
        flags = ", ".join(f"{escape(k)} {v:.0%}" for k, v in sorted(r.flag_rates.items(), key=lambda kv: (-kv[1], kv[0]))[:4])
        few = " <span class=\"muted\">(below the minimum document count)</span>" if r.below_min_documents else ""
        rows.append(f"<tr><td class=\"num\">{r.rank}</td><td>{escape(r.source)}{few}</td>"
                    f"<td class=\"num\">{r.scored}</td><td class=\"num\">{_num(r.mean)}</td>"
                    f"<td class=\"num\">{_num(r.median)}</td><td class=\"num\">{_num(r.ci_low)}</td>"
                    f"<td class=\"num\">{_num(r.ci_high)}</td><td>{flags}</td></tr>")
    body = ("<p>Sources are ranked by the <b>lower bound</b> of a bootstrap confidence interval of their mean "
            "document score, so a source with a few lucky documents does not outrank one with many good ones. "
            "Grey: fewer documents than the minimum; listed, ranked after the others.</p>"
            + _chart(chart) + "<table><thead><tr><th class=\"num\">rank</th><th>source</th><th class=\"num\">docs</th>"
            "<th class=\"num\">mean</th><th class=\"num\">median</th><th class=\"num\">CI low</th>"
            "<th class=\"num\">CI high</th><th>flag rates</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
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
            rows = "".join(
                f"<tr><td>{escape(a.actor)}</td><td>{escape(a.type)}</td><td class=\"num\">{a.documents}</td>"
                f"<td class=\"num\">{a.mentions}</td><td class=\"num\">{a.tone:+.2f}</td>"
                f"<td class=\"num\">[{a.ci_low:+.2f}, {a.ci_high:+.2f}]</td><td class=\"num\">{a.voice_share:.0%}</td>"
                f"<td>{escape(a.direction)}</td><td class=\"num\">"
                f"{'' if a.tone_vs_others is None else f'{a.tone_vs_others:+.2f}'}</td></tr>" for a in s.actors)
            body.append("<table><thead><tr><th>actor</th><th>type</th><th class=\"num\">docs</th>"
                        "<th class=\"num\">mentions</th><th class=\"num\">tone</th><th class=\"num\">CI</th>"
                        "<th class=\"num\">voice</th><th>direction</th><th class=\"num\">vs others</th></tr></thead>"
                        f"<tbody>{rows}</tbody></table>")
    return _section("lean", "Editorial lean", "\n".join(body))


def _documents_section(overview: Sequence[Mapping[str, Any]], total: int, rubrics: Sequence[str], note: str) -> str:
    head = "".join(f"<th class=\"num\">{escape(r)}</th>" for r in rubrics)
    rows = []
    for row in overview:
        link = (f"<a href=\"#{row['anchor']}\">{escape(row['id'])}</a>" if row.get("anchor") else escape(row["id"]))
        cells = "".join(f"<td class=\"num\">{_num(row['rubrics'].get(r), 2)}</td>" for r in rubrics)
        flags = " ".join(f"<span class=\"flagname\">{escape(f)}</span>" for f in row["flags"])
        error = f"<span class=\"bad\">{escape(row['error'])}</span>" if row.get("error") else ""
        rows.append(f"<tr><td>{link}</td><td>{escape(row['source'])}</td><td class=\"num score "
                    f"{_score_class(row['score'])}\">{_num(row['score'])}</td>{cells}<td>{flags}{error}</td></tr>")
    more = f"<p class=\"muted\">Showing {len(overview)} of {total} documents; all are in documents.csv.</p>" \
        if len(overview) < total else ""
    body = (f"<p>{escape(note)}</p>{more}<table><thead><tr><th>document</th><th>source</th>"
            f"<th class=\"num\">score</th>{head}<th>flags</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + _legend())
    return _section("documents", "Documents", body)


def _legend() -> str:
    badge = '<span class="badge">category</span>'
    items = "".join(f"<li><span class=\"sample {escape(css)}\">{badge if css == 'bp' else ''}"
                    f"sample</span>{escape(text)}</li>" for css, text in legend_entries())
    return f"<div class=\"legend\"><h3>How the text is marked</h3><ul>{items}</ul></div>"


def doc_anchor(index: int) -> str:
    return f"doc-{index}"


def _document_page(anchor: str, result: DocumentResult, rubrics: Sequence[str]) -> str:
    doc = result.doc
    text = doc.text
    flags_html = []
    for rubric, name, detail, spans in flag_rows(result.results, text):
        span_list = ", ".join(f"<code>{start}–{end}</code> “{escape(_clip(snippet))}”" for start, end, snippet in spans[:8])
        more = f" and {len(spans) - 8} more" if len(spans) > 8 else ""
        flags_html.append(f"<li><span class=\"flagname\">{escape(name)}</span> <span class=\"muted\">({escape(rubric)})"
                          f"</span> {escape(detail)}{': ' + span_list + more if spans else ''}</li>")
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
    if not problems:
        problems = "<p class=\"muted\">No flags and no boilerplate, citation-marker or anonymous-source evidence.</p>"
    score_rows = "".join(
        f"<tr><td>{escape(name)}</td><td class=\"num score {_score_class(r.score)}\">{r.score:.3f}</td>"
        f"<td class=\"small\">{escape(_features(r.features))}</td></tr>"
        for name, r in ((n, result.results[n]) for n in rubrics if n in result.results))
    errors = "".join(f"<li>{escape(k)}: {escape(v)}</li>" for k, v in sorted(result.rubric_errors.items()))
    actors = _actor_table(result)
    heading = escape(doc.title or doc.id)
    meta = [f"source <b>{escape(doc.source)}</b>", f"language {escape(result.lang)}", f"{len(text)} characters"]
    if doc.url:
        meta.append(f"URL <code>{escape(doc.url)}</code>")
    return (
        f"<article class=\"doc\" id=\"{escape(anchor)}\">\n<h3>{heading}</h3>\n"
        f"<p class=\"small muted\"><code>{escape(doc.id)}</code> · {' · '.join(meta)}</p>\n"
        f"<p>Document score <span class=\"score {_score_class(result.score)}\">{_num(result.score)}</span></p>\n"
        f"{problems}\n"
        f"<details><summary>Rubric scores and features</summary><table><tbody>{score_rows}</tbody></table>"
        f"{'<ul>' + errors + '</ul>' if errors else ''}</details>\n{actors}"
        f"<div class=\"doctext\">{highlight(text, marks_for(result.results))}</div>\n"
        "<p class=\"small\"><a href=\"#documents\">back to the document list</a></p>\n</article>\n"
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
        f"<td class=\"num\">{escape(str(a.get('mentions', '')))}</td>"
        f"<td class=\"num\">{_signed(a.get('tone'))}</td><td class=\"num\">{escape(str(a.get('voice', '')))}</td></tr>"
        for a in actors[:12])
    return ("<details open><summary>Actors and the tone toward them</summary><table><thead><tr><th>actor</th>"
            "<th>type</th><th class=\"num\">mentions</th><th class=\"num\">tone</th><th class=\"num\">voice</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></details>\n")


def _signed(value: Any) -> str:
    try:
        return f"{float(value):+.2f}"
    except (TypeError, ValueError):
        return ""


def _features(features: Mapping[str, float]) -> str:
    return ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}" for k, v in features.items())


def _clip(snippet: str, limit: int = 80) -> str:
    snippet = " ".join(snippet.split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"
