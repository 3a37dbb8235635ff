"""`sourcegauge audit PATH...`: the editorial-lean audit per source (actors, tone, frames, loaded language)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from scoring.cli.common import (
    UsageError,
    add_input_arguments,
    add_scoring_arguments,
    count_documents,
    load_options,
    progress,
    resolve_profile,
    show_progress,
)
from scoring.cli.output import check_outputs, open_output, report_problems

# Actors shown per source in the markdown table before the rest is folded into one line.
REPORT_ACTORS = 15
HELP = "editorial-lean audit: per source, tone toward actors (with CI), voice, frames, loaded language"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from scoring.corpus.audit import DEFAULT_AUDIT_BOOTSTRAP, DEFAULT_MIN_MENTIONS
    from scoring.corpus.rank import DEFAULT_SEED

    add_input_arguments(parser)
    add_scoring_arguments(parser)
    parser.set_defaults(profile="editorial-audit")
    group = parser.add_argument_group("audit")
    group.add_argument("--min-mentions", type=int, default=DEFAULT_MIN_MENTIONS,
                       help=f"actors mentioned fewer times in a source are left out (default {DEFAULT_MIN_MENTIONS})")
    group.add_argument("--top-actors", type=int, default=REPORT_ACTORS,
                       help="actors per source shown in the markdown table; the rest is folded into one line "
                            f"(default {REPORT_ACTORS}; the JSON lists every actor)")
    group.add_argument("--bootstrap", type=int, default=DEFAULT_AUDIT_BOOTSTRAP,
                       help=f"bootstrap replicates for tone intervals (default {DEFAULT_AUDIT_BOOTSTRAP})")
    group.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"bootstrap seed (default {DEFAULT_SEED})")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=("markdown", "csv", "json"), default="markdown",
                     help="markdown tables (default); csv: one row per (source, actor) with the source's "
                          "figures and frame shares as columns; json: one object {profile, rubrics, sources: [...]}")
    out.add_argument("-o", "--output", default="-", help="output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    from scoring.core.document import LoadError
    from scoring.corpus.audit import audit_record, audit_sources
    from scoring.engine.pipeline import score_corpus
    from scoring.report.tables import audit_csv, audit_markdown

    if args.bootstrap < 1 or args.top_actors < 1 or args.min_mentions < 1:
        raise UsageError("--bootstrap, --top-actors and --min-mentions must be at least 1")
    profile = resolve_profile(args)
    options = replace(load_options(args), exclude=check_outputs([args.output], args.paths))
    failures: list[LoadError] = []
    skipped: list[Any] = []
    total = count_documents(args.paths) if show_progress(args) else None

    def scored() -> Iterator[Any]:
        with progress(show_progress(args), "scoring", total) as bar:
            # The audit reads features and the actor table: take only those from the workers.
            for item in bar.track(score_corpus(args.paths, profile, jobs=args.jobs, load_options=options,
                                               skipped=skipped, map_result=audit_record)):
                if isinstance(item, LoadError):
                    failures.append(item)
                yield item

    report = audit_sources(scored(), n_bootstrap=args.bootstrap, seed=args.seed, min_mentions=args.min_mentions)
    with open_output(args.output) as fh:
        if args.format == "json":
            fh.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            audit_csv(report, fh, max_actors=args.top_actors)
        else:
            fh.write(audit_markdown(report, max_actors=args.top_actors))
    report_problems(args, failures, skipped)
    return 1 if failures else 0
