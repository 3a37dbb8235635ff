"""Every example in the README and in docs/ runs as written.

In each file, ```python blocks run in order in one namespace, from the repository root, like a
reader following the page top to bottom (later examples may use names defined earlier); their
own `assert` lines are the checks. ```bash blocks run in a scratch folder that has `seeds/` and
`.venv` (the project's virtual environment), with PATH as it is: a block calls
`.venv/bin/sourcegauge` and `.venv/bin/python`, unless its page says how to activate the
environment (`source .venv/bin/activate`), in which case it runs activated, with plain
`sourcegauge` and `python` first on PATH. ```console and ```toml blocks are illustrations and
are not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
ACTIVATE = "source .venv/bin/activate"
_BARE_COMMAND = re.compile(r"(?:^|[|;&(]\s*|\$\(\s*)(sourcegauge|python3?)\b", re.M)


def blocks(page: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


PYTHON_PAGES = [p for p in PAGES if blocks(p, "python")]
BASH_BLOCKS = [(p, i, code) for p in PAGES for i, code in enumerate(blocks(p, "bash"))]


def test_the_documentation_has_examples() -> None:
    assert sum(len(blocks(p, "python")) for p in PAGES) >= 8 and BASH_BLOCKS
    assert blocks(REPO / "README.md", "python") and blocks(REPO / "README.md", "bash")


def test_readme_is_short() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_bash_examples_name_the_venv_or_say_how_to_activate_it() -> None:
    for page, index, code in BASH_BLOCKS:
        if ACTIVATE in page.read_text(encoding="utf-8"):
            continue
        bare = _BARE_COMMAND.findall(code)
        assert not bare, f"{page.name} bash block {index + 1} calls {bare[0]} without .venv/bin/ (or say {ACTIVATE})"


def test_every_link_to_docs_resolves() -> None:
    for page in PAGES:
        for target in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"


@pytest.mark.slow
@pytest.mark.parametrize("page", PYTHON_PAGES, ids=lambda p: p.name)
def test_python_examples_run_in_order(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {"__name__": "doc_examples"}
    for index, code in enumerate(blocks(page, "python")):
        exec(compile(code, f"{page.name} python block {index + 1}", "exec"), namespace)


@pytest.mark.slow
@pytest.mark.parametrize(("page", "index", "code"), BASH_BLOCKS, ids=lambda v: getattr(v, "name", str(v))[:20])
def test_bash_examples_run(page: Path, index: int, code: str, tmp_path: Path) -> None:
    (tmp_path / "seeds").symlink_to(SEEDS)
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    env = dict(os.environ)
    if ACTIVATE in page.read_text(encoding="utf-8"):
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{page.name} bash block {index + 1} failed:\n{proc.stdout}\n{proc.stderr}"
