"""docs/ranking-and-audit.md shows a ranking table: it is exactly the output of the command shown above it.

When this fails after a change to a rubric, a profile or the ranking, regenerate the table:
`.venv/bin/python scripts/ranking_table.py`.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import REPO


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("ranking_table", REPO / "scripts" / "ranking_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_shows_a_command_and_its_output() -> None:
    script = _script()
    command, table = script.shown(script.PAGE.read_text(encoding="utf-8"))
    assert command.startswith(".venv/bin/sourcegauge rank ") and "--format markdown" in command
    assert table.startswith("| rank | source |") and "\nprofile `" in table


@pytest.mark.slow
def test_the_table_is_the_commands_output(shared_corpora: Path) -> None:
    script = _script()
    command, table = script.shown(script.PAGE.read_text(encoding="utf-8"))
    assert script.run(command) == table, "run .venv/bin/python scripts/ranking_table.py to regenerate the table"
