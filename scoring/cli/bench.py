"""`sourcegauge bench PATH...`: throughput, latency, memory and start-up, as a markdown table.

See scoring/bench.py for what each figure means. Benchmarks print figures; nothing here
asserts on speed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from typing import TYPE_CHECKING, Any

from scoring.cli.common import (
    UsageError,
    _comma_list,
    _positive_int,
    add_input_arguments,
    jobs_count,
    load_options,
    resolve_profile,
)
from scoring.cli.output import report_problems

if TYPE_CHECKING:
    from scoring.bench.measure import Measurement, Scaling

HELP = "benchmark scoring: documents/s, MB/s, latency, peak memory and start-up, optionally against datatrove"

WARMUP_DOCS = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    group = parser.add_argument_group("benchmark")
    group.add_argument("--profile", default="default",
                       help="built-in profile name or a .toml file (default: default)")
    group.add_argument("--rubrics", type=_comma_list, default=None,
                       help="comma-separated rubric names (default: the profile's)")
    group.add_argument("--jobs", "-j", type=jobs_count, default=1,
                       help="also time the profile with this many worker processes")
    group.add_argument("--compare", choices=("datatrove",), default=None,
                       help="also time datatrove's four heuristic filters chained on the same documents")
    group.add_argument("--repeat", type=_positive_int, default=1,
                       help="timed passes per measurement; the fastest is reported, except in the side-by-side "
                            "--jobs comparison, which goes through the corpus N times and pools every slice "
                            "(default 1)")
    group.add_argument("--limit", type=_positive_int, default=None, help="use only the first N documents")
    group.add_argument("--cycle", type=_positive_int, default=None, metavar="N",
                       help="memory mode: stream N documents (cycling the corpus) through score_corpus and "
                            "print peak RSS after 2,000 and after N; nothing else is timed")
    group.add_argument("--stream-jsonl", type=_size, default=None, metavar="SIZE",
                       help="memory mode: write a JSONL file of SIZE (e.g. 2GB; in TMPDIR) from the corpus and "
                            "stream it through the loader, printing peak RSS at 1%%, 10%%, 50%% and 100%% of it")
    group.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    group.add_argument("--json", default=None, metavar="FILE", help="also write every figure as JSON")


def run(args: argparse.Namespace) -> int:
    from scoring.bench.measure import (
        best_of,
        load_corpus,
        machine_info,
        measure_startup,
        time_parallel,
        time_profile,
        time_scaling,
        warmup_texts,
    )
    from scoring.engine.pipeline import Scorer

    profile = resolve_profile(args)
    skipped: list = []
    docs, errors = load_corpus(args.paths, load_options(args), args.limit, skipped=skipped)
    report_problems(args, errors, skipped)
    if not docs:
        raise UsageError(f"no readable documents under {', '.join(args.paths)}")
    size_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    info = machine_info()
    report: dict[str, Any] = {"machine": info, "documents": len(docs), "unreadable": len(errors),
                              "megabytes": round(size_mb, 3), "profile": profile.name,
                              "rubrics": list(profile.rubrics), "command": "sourcegauge bench " + " ".join(
                                  sys.argv[2:] if sys.argv[1:2] == ["bench"] else sys.argv[1:])}
    print(f"# sourcegauge bench: {len(docs):,} documents, {size_mb:.2f} MB, profile `{profile.name}` "
          f"({', '.join(profile.rubrics)})\n")
    print(f"Machine: {info['cpu']}, {info['cores']} cores, Python {info['python']} ({info['platform']})\n")

    if args.cycle:
        return _run_cycle(args, docs, profile, report)
    if args.stream_jsonl:
        return _run_stream(args, docs, report)

    scorer = Scorer(profile)
    for doc in docs[:WARMUP_DOCS]:  # lexicons load on first use: keep that out of the timings
        scorer.score(doc)

    rows: list[Measurement] = time_breakdown_best(docs, scorer, args.repeat)
    datatrove_row = None
    datatrove_rows: list[Measurement] = []
    if args.compare == "datatrove":
        from scoring.bench.datatrove_chain import (
            DatatroveUnavailable,
            build_filters,
            time_side_by_side,
            warm_up,
        )

        try:
            filters = build_filters()
        except DatatroveUnavailable as exc:
            raise UsageError(str(exc)) from None
        warm_up(docs, filters)
        best: tuple[Measurement, Measurement, list[Measurement], Measurement] | None = None
        for _ in range(args.repeat):
            attempt = time_side_by_side(docs, scorer, filters)
            if best is None or attempt[0].seconds + attempt[1].seconds < best[0].seconds + best[1].seconds:
                best = attempt
        assert best is not None
        profile_row, datatrove_row, datatrove_rows, datatrove_fast = best
        datatrove_rows = [*datatrove_rows, datatrove_row, datatrove_fast]
        profile_row.note = "alternating with datatrove every 25 documents"
    else:
        profile_row = best_of(args.repeat, lambda: time_profile(docs, scorer, "profile (1 job)"))
    rows.append(profile_row)
    parallel_row = None
    scaling: list[Scaling] = []
    if args.jobs > 1:
        parallel_row = best_of(args.repeat, lambda: time_parallel(docs, profile, args.jobs))
        rows.append(parallel_row)
        scaling = time_scaling(docs, scorer, profile, args.jobs, passes=args.repeat)
        by_output = {s.output: s for s in scaling}
        rows += [by_output["results"].one_job, by_output["results"].n_jobs, by_output["independent"].n_jobs,
                 by_output["jsonl"].one_job, by_output["jsonl"].n_jobs]
        report["scaling"] = [s.to_dict() for s in scaling]
    rows += datatrove_rows

    print(_table(rows))
    report["rows"] = [r.to_dict() for r in rows]
    print()
    summary = _summary(profile_row, parallel_row, scaling, datatrove_rows[-2:], args.jobs)
    for line in summary:
        print(f"- {line}")
    report["summary"] = summary
    if not args.no_startup:
        texts, langs = warmup_texts(docs)
        startup = measure_startup(args.profile, args.rubrics, texts, langs)
        from scoring.bench.measure import WARMUP_SAMPLES

        all_langs = sorted(set(langs) | set(WARMUP_SAMPLES))
        startup_all = measure_startup(args.profile, args.rubrics,
                                      texts + [WARMUP_SAMPLES[k] for k in WARMUP_SAMPLES if k not in langs],
                                      all_langs)
        print()
        print(_startup_text(startup, startup_all))
        report["startup"] = startup.to_dict()
        report["startup_all_languages"] = startup_all.to_dict()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2)
    return 0


def time_breakdown_best(docs: list, scorer: Any, repeat: int) -> list[Measurement]:
    from scoring.bench.measure import time_breakdown

    best: list[Measurement] | None = None
    for _ in range(repeat):
        rows = time_breakdown(docs, scorer.rubrics)
        best = rows if best is None else [min(a, b, key=lambda m: m.seconds)
                                          for a, b in zip(best, rows, strict=True)]
    assert best is not None
    return best


def _run_cycle(args: argparse.Namespace, docs: list, profile: Any, report: dict[str, Any]) -> int:
    from scoring.bench.measure import cycle_memory

    marks = [m for m in (2_000, 10_000, 50_000) if m < args.cycle]
    points = cycle_memory(docs, args.cycle, profile, jobs=args.jobs, checkpoints=marks)
    print(f"Memory: {args.cycle:,} documents streamed through score_corpus (jobs={args.jobs}), "
          f"cycling the {len(docs):,} loaded documents\n")
    print("| documents scored | peak RSS (MB) | current RSS (MB) | elapsed (s) |")
    print("|---:|---:|---:|---:|")
    for p in points:
        print(f"| {p.docs:,} | {p.peak_rss_mb:.1f} | {p.current_rss_mb:.1f} | {p.seconds:.1f} |")
    if len(points) > 1:
        ratio = points[-1].peak_rss_mb / points[0].peak_rss_mb
        print(f"\n- peak RSS after {points[-1].docs:,} / after {points[0].docs:,}: {ratio:.3f}×")
        report["rss_ratio"] = ratio
    report["memory"] = [p.__dict__ for p in points]
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2)
    return 0


def _run_stream(args: argparse.Namespace, docs: list, report: dict[str, Any]) -> int:
    from scoring.bench.measure import stream_jsonl_memory

    points = stream_jsonl_memory(docs, args.stream_jsonl)
    total = points[-1]
    print(f"Streaming: a {total.megabytes / 1e3:,.2f} GB JSONL file ({total.records:,} records, the loaded documents "
          "cycled) read by iter_documents record by record\n")
    print("| records read | MB read | peak RSS (MB) | current RSS (MB) | elapsed (s) | CPU (s) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for p in points:
        print(f"| {p.records:,} | {p.megabytes:,.1f} | {p.peak_rss_mb:.1f} | {p.current_rss_mb:.1f} | {p.seconds:.1f} "
              f"| {p.cpu_seconds:.1f} |")
    ratio = total.peak_rss_mb / points[0].peak_rss_mb
    print(f"\n- peak RSS after all {total.megabytes:,.0f} MB / after the first {points[0].megabytes:,.1f} MB: "
          f"{ratio:.3f}×; {total.megabytes / max(total.cpu_seconds, 1e-9):,.0f} MB per CPU-second")
    report["stream"] = [p.__dict__ for p in points]
    report["stream_rss_ratio"] = ratio
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2)
    return 0


def _size(value: str) -> int:
    """'2GB', '500MB', '64k', '1000' -> bytes (decimal units)."""
    text = value.strip().upper().removesuffix("B")
    units = {"K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
    factor = units.get(text[-1:], 1)
    try:
        number = float(text[:-1] if text[-1:] in units else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size such as 2GB or 500MB, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return int(number * factor)


def _table(rows: list[Measurement]) -> str:
    lines = ["| step | docs | docs/s per core | MB/s per core | docs per CPU-s | p50 ms | p99 ms | peak RSS MB "
             "| note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        per_cpu = "–" if r.docs_per_cpu_s is None else f"{r.docs_per_cpu_s:,.1f}"
        lines.append(
            f"| {r.name} | {r.docs:,} | {r.docs_per_s_per_core:,.1f} | {r.mb_per_s_per_core:.3f} | {per_cpu} | "
            f"{_ms(r.percentile_ms(0.5))} | {_ms(r.percentile_ms(0.99))} | "
            f"{'' if r.peak_rss_mb is None else f'{r.peak_rss_mb:.0f}'} | {r.note} |"
        )
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _summary(profile_row: Measurement, parallel_row: Measurement | None, scaling: list[Scaling],
             datatrove_rows: list[Measurement], jobs: int) -> list[str]:
    from scoring.bench.measure import SCALING_OUTPUTS

    out = [f"full profile, 1 job: {profile_row.docs_per_s:,.1f} documents/s "
           f"({profile_row.mb_per_s_per_core:.3f} MB/s; {profile_row.docs_per_cpu_s or 0:,.1f} per CPU-second)"]
    if parallel_row is not None:
        out.append(f"{jobs} jobs: {parallel_row.docs_per_s:,.1f} documents/s in total = "
                   f"{parallel_row.docs_per_s / profile_row.docs_per_s:.2f}× one job, including starting the "
                   "pool and loading every worker's lexicons")
        if parallel_row.steady_docs_per_s:
            out.append(f"{jobs} jobs, steady state (after each worker's first batch): "
                       f"{parallel_row.steady_docs_per_s:,.1f} documents/s = "
                       f"{parallel_row.steady_docs_per_s / profile_row.docs_per_s:.2f}× one job")
    ceiling = next((m for m in scaling if m.output == "independent"), None)
    for measured in scaling:
        spread = sorted(measured.slice_ratios)
        what = ("independent workers (one task each, nothing sent back: the machine's ceiling)"
                if measured.output == "independent" else f"delivering {SCALING_OUTPUTS[measured.output]}")
        line = (f"{jobs} jobs vs 1 job, {what}: {measured.n_jobs.docs_per_s:,.1f} vs "
                f"{measured.one_job.docs_per_s:,.1f} documents/s = **{measured.ratio:.2f}×** "
                f"(median of {len(spread)} slices {statistics.median(spread):.2f}×, range "
                f"{spread[0]:.2f}–{spread[-1]:.2f}×)")
        if ceiling is not None and measured.slice_shares_of_ceiling:
            line += (f"; {measured.ratio / ceiling.ratio:.0%} of the ceiling (median of slices, each timed "
                     f"back to back with it: {statistics.median(measured.slice_shares_of_ceiling):.0%})")
        out.append(line)
    for row in datatrove_rows:
        line = (f"{row.name}: {row.docs_per_s:,.1f} documents/s; ratio sourcegauge / datatrove "
                f"(1 job each, same run) = {profile_row.docs_per_s / row.docs_per_s:.2f}× by wall time")
        if profile_row.docs_per_cpu_s and row.docs_per_cpu_s:
            line += f", {profile_row.docs_per_cpu_s / row.docs_per_cpu_s:.2f}× by CPU time"
        out.append(line)
    return out


def _startup_text(corpus: Any, every: Any) -> str:
    lines = [
        "Start-up (fresh process: import + Scorer + every lexicon/model loaded by scoring one warm-up "
        "document per language):",
        "",
        "| languages warmed | start-up s | import s | Scorer s | segment s | rubric loads s | "
        "whole process s | RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in (corpus, every):
        lines.append(f"| {', '.join(s.languages)} | {s.startup_s:.3f} | {s.import_s:.3f} | {s.scorer_s:.3f} | "
                     f"{s.segment_s:.3f} | {s.rubrics_s:.3f} | {s.process_s:.3f} | {s.rss_mb:.0f} |")
    lines += ["", "Per rubric (corpus languages): first-use load time and resident memory added:", "",
              "| rubric | load s | +RSS MB |", "|---|---:|---:|"]
    for name, figures in corpus.per_rubric.items():
        lines.append(f"| {name} | {figures['load_s']:.3f} | {figures['rss_mb']:.1f} |")
    return "\n".join(lines)
