"""docs/ranking-and-audit.md shows a ranking table: it is exactly the output of the command shown above it.

When this fails after a change to a rubric, a profile or the ranking, regenerate the table:
`.venv/bin/python scripts/ranking_table.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import load_script


def test_the_page_shows_a_command_and_its_output() -> None:
    script = load_script("ranking_table")
    command, table = script.shown(script.PAGE.read_text(encoding="utf-8"))
    assert command.startswith(".venv/bin/sourcegauge rank ") and "--format markdown" in command
    assert table.startswith("| rank | source |") and "\nprofile `" in table


@pytest.mark.slow
def test_the_table_is_the_commands_output(shared_corpora: Path) -> None:
    script = load_script("ranking_table")
    command, table = script.shown(script.PAGE.read_text(encoding="utf-8"))
    assert script.run(command) == table, "run .venv/bin/python scripts/ranking_table.py to regenerate the table"
