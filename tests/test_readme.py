"""Every Python example in the README runs as written (from the repository root)."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import REPO

BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_python_example_runs(index: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = BLOCKS[index]
    namespace: dict[str, object] = {"__name__": f"readme_example_{index}"}
    exec(compile(code, f"README.md python block {index}", "exec"), namespace)  # noqa: S102
    assert os.getcwd() == str(REPO)
