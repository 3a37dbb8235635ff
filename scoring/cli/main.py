"""`sourcegauge` command line: one sub-command per module `scoring/cli/<name>.py`.

Each command module defines HELP (one line), `add_arguments(parser)` and `run(args) -> int`,
and imports nothing heavy at module level: `sourcegauge --help` reads every HELP, but only
the command being run gets its arguments added (which may import what their defaults come
from) and runs. Every command also takes --quiet / --verbose (scoring.cli.common).
Exit codes: 0 success, 1 some inputs could not be processed (or a command-specific
failure such as `gate --fail-on-reject`), 2 usage errors, 3 an output could not be written
(scoring.cli.output.WRITE_FAILED).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from scoring.cli.common import UsageError, add_verbosity_arguments
from scoring.cli.output import WRITE_FAILED, OutputError

COMMANDS = ("score", "rank", "audit", "report", "gate", "bench", "rubrics")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command`, only that sub-command gets its full arguments (all of them without)."""
    from scoring import __version__

    parser = argparse.ArgumentParser(
        prog="sourcegauge",
        description="Score news and web articles for source quality and bias, with evidence.",
    )
    parser.add_argument("--version", action="version", version=f"sourcegauge {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"scoring.cli.{name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        if command is None or command == name:
            module.add_arguments(cmd)
            add_verbosity_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named in `argv` (the first argument that is not an option), if any."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(args_list) or "")  # "": no command named, e.g. `sourcegauge --help`
    args = parser.parse_args(args_list)
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
