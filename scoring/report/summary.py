"""summary.md: the report's findings as markdown, for a reader without a browser."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.core.shapes import lean_actors
from scoring.corpus.audit import AuditReport
from scoring.corpus.rank import SourceRanking
from scoring.engine.pipeline import DocumentResult
from scoring.report.highlight import evidence_counts, flag_rows, line_starts
from scoring.report.html import PROBLEM_NOTES, place, why_phrase
from scoring.report.tables import audit_markdown, md_cell, md_table, ranking_markdown


def summary_markdown(*, title: str, profile: Mapping[str, str], rubric_versions: Mapping[str, str],
                     ranking: Sequence[SourceRanking], audit: AuditReport, pages: Sequence[DocumentResult],
                     documents: int, unreadable: Sequence[tuple[str, str]]) -> str:
    rubrics = ", ".join(f"{k} {v}" for k, v in sorted(rubric_versions.items()))
    out = [f"# {md_cell(title)}\n",
           f"{documents} documents scored ({len(unreadable)} unreadable) with profile `{profile.get('name', '?')}` "
           f"(hash `{profile.get('hash', '?')}`); rubrics: {rubrics}. Scores are in [0, 1], 1 = best. "
           "Open index.html for charts and each document's text with its evidence marked up.\n",
           "## Source ranking\n",
           "Ranked by the lower bound of a bootstrap confidence interval of the source score (10% trimmed mean "
           "of the document scores).\n",
           ranking_markdown(ranking) if ranking else "(no sources)\n",
           "## Documents\n"]
    rows = []
    for result in pages:
        rows.append((result.doc.id, result.doc.source, "" if result.score is None else f"{result.score:.3f}",
                     _why(result), ", ".join(result.flags)))
    out.append("The lowest-scoring first. *Why*: the flag that capped the score, or the rubric that scored lowest.\n")
    out.append(md_table(("document", "source", "score", "why", "flags"), rows))
    for result in pages:
        out.append(f"### {md_cell(result.doc.id)}\n")
        findings = [f"- score {'–' if result.score is None else f'{result.score:.3f}'}: {md_cell(_why(result))}"]
        lines = line_starts(result.doc.text)
        for rubric, name, detail, spans in flag_rows(result.results, result.doc.text):
            example = ""
            if spans:
                start, _end, snippet = spans[0]
                where = place(start, lines)
                example = f" (e.g. {where + ': ' if where else ''}“{_clip(snippet)}”)"
            findings.append(f"- flag `{name}` ({rubric}): {md_cell(detail)}{example}")
        for rubric, label, count, examples in evidence_counts(result.results, result.doc.text, examples=3):
            if rubric == "boilerplate" and label != "content":
                note = f"boilerplate lines ({label.replace('_', ' ')})"
            elif (rubric, label) in PROBLEM_NOTES:
                note = PROBLEM_NOTES[(rubric, label)]
            else:
                continue
            findings.append(f"- {count}× {note}: " + ", ".join(f"“{_clip(e)}”" for e in examples))
        lean = result.results.get("lean")
        actors = sorted(lean_actors(lean.details), key=lambda a: (-int(a.get("mentions", 0) or 0),
                                                                         str(a.get("actor", "")))) if lean else []
        if actors:
            findings.append("- tone toward actors: " + ", ".join(
                f"{md_cell(a.get('actor'))} {float(a.get('tone', 0.0)):+.2f} ({a.get('mentions')}×)" for a in actors[:6]))
        out.append("\n".join(findings) + "\n" if findings else "No flags and no notable evidence.\n")
    out.append("## Editorial lean\n")
    out.append(audit_markdown(audit))
    if unreadable:
        out.append("## Unreadable inputs\n")
        out.append("\n".join(f"- {md_cell(path)}: {md_cell(reason)}" for path, reason in unreadable) + "\n")
    return "\n".join(out)


def _why(result: DocumentResult) -> str:
    breakdown = result.breakdown
    record = {"capped_by": {"flag": breakdown.capped_by, "cap": breakdown.cap} if breakdown and breakdown.capped_by
              else None, "base_score": breakdown.base if breakdown else result.score,
              "rubrics": {name: {"score": r.score} for name, r in result.results.items()}}
    return why_phrase(record)


def _clip(snippet: str, limit: int = 70) -> str:
    snippet = " ".join(snippet.split())
    return md_cell(snippet if len(snippet) <= limit else snippet[: limit - 1] + "…")
