"""Every example in the README runs as written.

```python blocks run in order in one namespace, from the repository root, like a reader
following the README top to bottom (later examples may use names defined earlier); their
own `assert` lines are the checks. ```bash blocks run in a scratch folder that has `seeds/`,
with the project's `sourcegauge` and `python` first on PATH. ```console and ```toml blocks
are illustrations and are not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

README = (REPO / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
BASH_BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.S)


def test_readme_has_examples() -> None:
    assert len(PYTHON_BLOCKS) >= 8 and len(BASH_BLOCKS) >= 1


@pytest.mark.slow
def test_readme_python_examples_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {"__name__": "readme_examples"}
    for index, code in enumerate(PYTHON_BLOCKS):
        exec(compile(code, f"README.md python block {index + 1}", "exec"), namespace)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(BASH_BLOCKS)))
def test_readme_bash_example_runs(index: int, tmp_path: Path) -> None:
    (tmp_path / "seeds").symlink_to(SEEDS)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", BASH_BLOCKS[index]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"README bash block {index + 1} failed:\n{proc.stdout}\n{proc.stderr}"
