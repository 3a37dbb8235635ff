"""Start-up: `sourcegauge --help` and `sourcegauge rubrics` load no numerics, charts or NLP
libraries, and take under 0.3 s of CPU (user + system, the best of three: CPU rather than wall
time, because the machine running the tests is often shared) once the bytecode is cached, as it is for
an installed package: the timed runs may write bytecode even where the environment says not to
(PYTHONDONTWRITEBYTECODE), or every run would time compiling the sources rather than starting up."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from tests.conftest import REPO

HEAVY = ("numpy", "pandas", "matplotlib", "sklearn", "scipy", "jieba", "trafilatura", "lxml", "textstat",
         "vaderSentiment", "ahocorasick", "charset_normalizer", "yaml", "rich", "py3langid")
MAX_CPU_SECONDS = 0.3
COMMANDS = (["--help"], ["rubrics"])

PROBE = """
import contextlib, io, json, sys
from scoring.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main({argv!r})
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_commands_that_only_list_load_nothing_heavy(argv: list[str]) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)], capture_output=True,
                         text=True, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == []


_CACHING_BYTECODE = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _cpu_seconds(argv: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "scoring", *argv], capture_output=True, cwd=REPO, timeout=120,
                   check=True, env=_CACHING_BYTECODE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_start_up_is_quick(argv: list[str]) -> None:
    _cpu_seconds(argv)  # compiled bytecode cached, files in the page cache
    best = min(_cpu_seconds(argv) for _ in range(3))
    print(f"sourcegauge {' '.join(argv)}: {best:.3f} s CPU")
    assert best < MAX_CPU_SECONDS
