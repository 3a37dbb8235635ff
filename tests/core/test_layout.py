"""The architecture stays readable: no import circles, a short top level, one of each mechanism."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("scoring", "rubrics")


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """module -> the project modules it imports, counting imports inside functions."""
    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                           for a in node.names]
            for target in targets:
                found = resolve(target)
                if found and found != name:
                    graph[name].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles_between_modules() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_engine_never_imports_a_rubric() -> None:
    # Built-in rubrics reach the engine through entry points, exactly like plug-ins.
    offenders = {m: sorted(t for t in targets if t.startswith("rubrics"))
                 for m, targets in import_graph().items() if m.startswith("scoring")}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_only_the_command_line_imports_the_command_line() -> None:
    # Data flows one way: the library (engine, report, gate) is what the commands call, never the reverse.
    entry = {"scoring.__main__"}
    offenders = {m: sorted(t for t in targets if t.startswith("scoring.cli"))
                 for m, targets in import_graph().items() if not m.startswith("scoring.cli") and m not in entry}
    assert {m: t for m, t in offenders.items() if t} == {}


def test_scoring_top_level_is_short() -> None:
    modules = sorted(p.name for p in (REPO / "scoring").glob("*.py"))
    assert len(modules) <= 12, modules


def test_one_definition_of_a_chinese_character() -> None:
    # The CJK ranges are spelled out once (scoring/text/script.py); everything else imports them.
    pattern = re.compile(r"\\u4e00|\\u3400|0x4E00|0x3400", re.IGNORECASE)
    spelled = [str(p.relative_to(REPO)) for package in PACKAGES for p in (REPO / package).rglob("*.py")
               if pattern.search(p.read_text(encoding="utf-8"))]
    assert spelled == ["scoring/text/script.py"]


def test_one_cue_matcher() -> None:
    users = [str(p.relative_to(REPO)) for package in PACKAGES for p in (REPO / package).rglob("*.py")
             if "ahocorasick" in p.read_text(encoding="utf-8")]
    assert users == ["rubrics/common/cues.py"]
