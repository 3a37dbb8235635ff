"""`sourcegauge rubrics`: list the registered rubrics (built-in and third-party)."""

from __future__ import annotations

import argparse

HELP = "list the rubrics registered in the sourcegauge.rubrics entry-point group"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from scoring.engine.registry import _entry_points, rubric_class

    for name, ep in sorted(_entry_points().items()):
        try:
            cls = rubric_class(name)
        except Exception as exc:  # a broken plugin is listed, not fatal
            print(f"{name:<14} BROKEN ({ep.value}): {exc}")
            continue
        if args.quiet:
            print(name)
        elif args.verbose:
            params = ", ".join(sorted(getattr(cls, "parameter_constraints", {}) or {}))
            print(f"{name:<14} v{cls.version:<6} {ep.value:<40} {cls.description}\n"
                  f"{'':<14} parameters: {params or '(none)'}")
        else:
            print(f"{name:<14} v{cls.version:<6} {ep.value:<40} {cls.description}")
    return 0
