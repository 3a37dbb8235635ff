"""Tables: the ranking and the audit as markdown/CSV, documents.csv rows, and summary.md.

Numbers are formatted with fixed precision and rows come in a fixed order, so the same
results always give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, Any

from scoring.core.safe_csv import SafeCsvWriter
from scoring.corpus.audit import AuditReport
from scoring.corpus.rank import SourceRanking

RANK_COLUMNS = ("rank", "source", "documents", "scored", "unreadable", "score", "mean", "median", "std", "ci_low",
                "ci_high", "below_min_documents")


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


# An ampersand that would start a character reference ("&amp;", "&#39;"); any other renders as itself.
_ENTITY_START = re.compile(r"&(?=#?\w+;)")


def md_cell(value: Any) -> str:
    """Text from a document made safe for markdown: pipes, line breaks and HTML (a markdown
    renderer passes raw HTML through, so < > become entities, and an & only where it would start
    one: "R&B" stays readable in the file)."""
    text = _ENTITY_START.sub("&amp;", str(value)).replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def p_text(p_value: float | None) -> str:
    """A p-value as a reader weighs it: three decimals, one significant digit below 0.001 ("3e-07":
    no "<", which markdown and HTML would have to escape); empty when no test was made."""
    if p_value is None:
        return ""
    return f"{p_value:.0e}" if p_value < 0.001 else f"{p_value:.3f}"


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def top_flags(rates: dict[str, float], limit: int = 4) -> str:
    ordered = sorted(rates.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return ", ".join(f"{name} {rate:.0%}" for name, rate in ordered)


def top_contributions(contributions: dict[str, float], limit: int = 3) -> str:
    """The largest mean contributions to a source's document scores, signed (why it ranks there)."""
    return ", ".join(f"{name} {value:+.3f}" for name, value in list(contributions.items())[:limit])


def rubric_means(means: dict[str, float]) -> str:
    return " ".join(f"{name} {value:.2f}" for name, value in means.items())


def ranking_markdown(rows: Sequence[SourceRanking]) -> str:
    body = [(r.rank, r.source + (" (few documents)" if r.below_min_documents else ""), r.scored, fmt(r.score),
             f"[{fmt(r.ci_low)}, {fmt(r.ci_high)}]" if r.ci_low is not None else "", fmt(r.mean),
             top_contributions(r.contributions), rubric_means(r.rubric_means), top_flags(r.flag_rates))
            for r in rows]
    text = md_table(("rank", "source", "docs", "score", "CI", "mean", "largest contributions", "rubric means",
                     "flag rates"), body)
    return text + provenance_line(rows[0].profile, rows[0].rubric_versions) if rows else text


def provenance_line(profile: dict[str, str], versions: dict[str, str]) -> str:
    rubrics = ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))
    return f"\nprofile `{profile.get('name', '?')}` (hash `{profile.get('hash', '?')}`); rubrics: {rubrics}\n"


def ranking_csv(rows: Sequence[SourceRanking], fh: IO[str]) -> None:
    rubrics = sorted({k for r in rows for k in r.rubric_means})
    flags = sorted({k for r in rows for k in r.flag_rates})
    writer = SafeCsvWriter(fh, lineterminator="\n")  # cells neutralised against formulas
    parts = sorted({k for r in rows for k in r.contributions})
    writer.writerow([*RANK_COLUMNS, *[f"{k}_mean" for k in rubrics], *[f"flag_rate_{k}" for k in flags],
                     *[f"contribution_{k}" for k in parts], "profile", "profile_hash", "rubric_versions"])
    for r in rows:
        d = r.to_dict()
        writer.writerow([
            *[("true" if d[c] else "false") if isinstance(d[c], bool) else fmt(d[c], 6) for c in RANK_COLUMNS],
            *[fmt(r.rubric_means.get(k), 6) for k in rubrics], *[fmt(r.flag_rates.get(k, 0.0), 6) for k in flags],
            *[fmt(r.contributions.get(k), 6) for k in parts],
            r.profile.get("name", ""), r.profile.get("hash", ""),
            ";".join(f"{k}={v}" for k, v in sorted(r.rubric_versions.items())),
        ])


def audit_markdown(report: AuditReport, max_actors: int = 10) -> str:
    out: list[str] = []
    if report.missing_rubrics:
        out.append(f"Not measured (rubric not in the profile): {', '.join(report.missing_rubrics)}.\n")
    for s in report.sources:
        out.append(f"### {md_cell(s.source)}\n")
        facts = [f"{s.documents} documents ({s.lean_documents} with an actor table)"]
        if s.dominant_frame:
            facts.append(f"dominant frame: {s.dominant_frame}")
        if s.loaded_density is not None:
            diff = (f" ({s.loaded_density_vs_others:+.2f} vs the other sources)"
                    if s.loaded_density_vs_others is not None else "")
            facts.append(f"loaded-language density {s.loaded_density:.2f}{diff}")
        if s.mean_compound is not None:
            facts.append(f"mean sentence tone {s.mean_compound:+.2f}")
        out.append("; ".join(facts) + ".\n")
        if s.favours or s.disfavours:
            out.append(f"Compared with the other sources it treats more favourably: {md_cell(', '.join(s.favours) or '-')}; "
                       f"less favourably: {md_cell(', '.join(s.disfavours) or '-')}.\n")
            for actor in [*s.favours, *s.disfavours]:
                for example in s.evidence.get(actor, ()):
                    out.append(f"- {md_cell(actor)} ({example['tone']:+.2f}): {md_cell(example['sentence'][:300])}")
            if s.evidence:
                out.append("")
        if s.overused_frames or s.underused_frames:
            out.append(f"Frames it over-uses: {', '.join(s.overused_frames) or '-'}; "
                       f"under-uses: {', '.join(s.underused_frames) or '-'}.\n")
        if s.actors:
            rows = [(a.actor, a.type, a.documents, a.mentions, f"{a.tone:+.2f}",
                     f"[{a.ci_low:+.2f}, {a.ci_high:+.2f}]", f"{a.voice_share:.0%}", a.direction,
                     "" if a.tone_vs_others is None else f"{a.tone_vs_others:+.2f}", p_text(a.p_vs_others))
                    for a in s.actors[:max_actors]]
            out.append(md_table(("actor", "type", "docs", "mentions", "tone", "CI", "voice", "direction",
                                 "vs others", "p"), rows))
            if len(s.actors) > max_actors:
                tail = s.actors[max_actors:]
                out.append(f"{len(tail)} more actors ({sum(a.mentions for a in tail)} mentions): "
                           f"{md_cell(', '.join(a.actor for a in tail[:20]))}{' ...' if len(tail) > 20 else ''}.\n")
        if s.frames:
            rows = [(f, f"{v:.0%}", "" if s.frame_vs_others is None else f"{s.frame_vs_others[f]:+.0%}")
                    for f, v in s.frames.items()]
            out.append(md_table(("frame", "share", "vs others"), rows))
    out.append(provenance_line(report.profile, report.rubric_versions))
    return "\n".join(out)


def document_csv_header(rubrics: Sequence[str]) -> list[str]:
    return ["id", "path", "source", "lang", "encoding", "chars", "score", *[f"{r}_score" for r in rubrics],
            "flags", "error", "profile", "profile_hash", "rubric_versions"]


def document_csv_row(record: dict[str, Any], rubrics: Sequence[str], profile: dict[str, str]) -> list[str]:
    scores = record.get("rubrics", {})
    versions = ";".join(f"{k}={v['version']}" for k, v in sorted(scores.items()))
    return [record.get("id", ""), record.get("path") or "", record.get("source") or "", record.get("lang", ""),
            record.get("encoding") or "", fmt(record.get("chars")), fmt(record.get("score"), 6),
            *[fmt(scores[r]["score"], 6) if r in scores else "" for r in rubrics],
            ";".join(record.get("flags", [])), record.get("error", ""), profile.get("name", ""),
            profile.get("hash", ""), versions]


AUDIT_SOURCE_COLUMNS = ("source", "documents", "lean_documents", "dominant_frame", "loaded_density",
                        "loaded_density_vs_others", "mean_compound", "charged_share")
AUDIT_ACTOR_COLUMNS = ("actor", "actor_type", "actor_documents", "mentions", "tone", "tone_ci_low", "tone_ci_high",
                       "voice_share", "direction", "others_tone", "tone_vs_others", "p_vs_others")


def audit_csv(report: AuditReport, fh: IO[str], max_actors: int | None = None) -> None:
    """The audit as one tidy table: a row per (source, actor), the source's own figures repeated on
    each of its rows, then its frame shares as frame_<name> columns; a source without actors has
    one row with the actor columns empty."""
    frames = sorted({f for s in report.sources for f in s.frames})
    writer = SafeCsvWriter(fh, lineterminator="\n")  # cells neutralised against formulas
    writer.writerow([*AUDIT_SOURCE_COLUMNS, *AUDIT_ACTOR_COLUMNS, *[f"frame_{f}" for f in frames],
                     "profile", "profile_hash", "rubric_versions"])
    versions = ";".join(f"{k}={v}" for k, v in sorted(report.rubric_versions.items()))
    tail = [report.profile.get("name", ""), report.profile.get("hash", ""), versions]
    for s in report.sources:
        head = [s.source, s.documents, s.lean_documents, s.dominant_frame or "", fmt(s.loaded_density, 6),
                fmt(s.loaded_density_vs_others, 6), fmt(s.mean_compound, 6), fmt(s.charged_share, 6)]
        shares = [fmt(s.frames.get(f), 6) for f in frames]
        actors = s.actors if max_actors is None else s.actors[:max_actors]
        if not actors:
            writer.writerow([*head, *[""] * len(AUDIT_ACTOR_COLUMNS), *shares, *tail])
        for a in actors:
            writer.writerow([*head, a.actor, a.type, a.documents, a.mentions, fmt(a.tone, 6), fmt(a.ci_low, 6),
                             fmt(a.ci_high, 6), fmt(a.voice_share, 6), a.direction, fmt(a.others_tone, 6),
                             fmt(a.tone_vs_others, 6), fmt(a.p_vs_others, 6), *shares, *tail])
