"""Rewrite the ranking table in docs/ranking-and-audit.md with the output of the command shown above it.

    .venv/bin/python scripts/ranking_table.py           # rewrite the table (needs ../shared/corpora)
    .venv/bin/python scripts/ranking_table.py --check   # exit 1 when the page and the command disagree

The page shows a command in a ```console block followed by its output between two markers;
this script runs exactly that command (from the repository root, with this interpreter's
sourcegauge) and puts its standard output between the markers. Run it whenever a rubric, a
profile or the ranking changes; tests/corpus/test_ranking_table.py fails until you do.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "ranking-and-audit.md"
BEGIN = "<!-- ranking-table: the output of the command above; scripts/ranking_table.py rewrites it -->"
END = "<!-- /ranking-table -->"
_SHOWN = re.compile(r"```console\n(?:\$ )?(\.venv/bin/sourcegauge [^\n]+)\n```\n\n" + re.escape(BEGIN) + r"\n(.*?)"
                    + re.escape(END), re.S)


def shown(page: str) -> tuple[str, str]:
    """(the command, the output the page shows for it)."""
    match = _SHOWN.search(page)
    if match is None:
        raise SystemExit(f"{PAGE}: no ```console command followed by the {BEGIN!r} ... {END!r} block")
    return match.group(1), match.group(2)


def run(command: str) -> str:
    argv = shlex.split(command)
    sourcegauge = [sys.executable, "-m", "scoring"]  # .venv/bin/sourcegauge, as this interpreter's
    proc = subprocess.run([*sourcegauge, *argv[1:]], capture_output=True, text=True, cwd=REPO, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"`{command}` exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when they differ")
    args = parser.parse_args()
    if not (REPO.parent / "shared" / "corpora").is_dir():
        print("../shared/corpora not found: the ranking table needs the shared corpora", file=sys.stderr)
        return 2
    page = PAGE.read_text(encoding="utf-8")
    command, table = shown(page)
    output = run(command)
    if args.check:
        if output != table:
            print(f"{PAGE.name}: the table differs from the output of `{command}`; run scripts/ranking_table.py",
                  file=sys.stderr)
            return 1
        print("the table matches the command's output")
        return 0
    start = page.index(BEGIN) + len(BEGIN) + 1
    PAGE.write_text(page[:start] + output + page[page.index(END, start):], encoding="utf-8")
    print(f"rewrote the table in {PAGE.relative_to(REPO)} from `{command}`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
