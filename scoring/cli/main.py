"""`sourcegauge` command line: one sub-command per module `scoring/cli/<name>.py`.

Each command module defines HELP (one line), `add_arguments(parser)` and `run(args) -> int`.
Exit codes: 0 success, 1 some inputs could not be processed (or a command-specific
failure such as `gate --fail-on-reject`), 2 usage errors, 3 an output could not be written
(scoring.cli.output.WRITE_FAILED).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

from scoring.cli.common import UsageError
from scoring.cli.output import WRITE_FAILED, OutputError

COMMANDS = ("score", "rank", "audit", "report", "gate", "bench", "rubrics")


def build_parser() -> argparse.ArgumentParser:
    from scoring import __version__

    parser = argparse.ArgumentParser(
        prog="sourcegauge",
        description="Score news and web articles for source quality and bias, with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"sourcegauge {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module_name = f"scoring.cli.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args))
    except UsageError as exc:
        print(f"sourcegauge {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except OutputError as exc:
        print(f"sourcegauge {args.command}: error: {exc}", file=sys.stderr)
        _discard_stdout()
        return WRITE_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `sourcegauge score dir | head`: the reader went away; not an error of ours.
        sys.stderr.close()
        return 0


def _discard_stdout() -> None:
    # When standard output is what failed (a full disk), whatever is still buffered would fail
    # again, with a traceback, as the interpreter exits.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
