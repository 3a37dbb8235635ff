"""`sourcegauge rubrics`: list the registered rubrics (built-in and third-party).

The list is read from each rubric class's declaration (its `version` and `description` string
literals, found with `ast` in the module the entry point names) without importing the rubric,
because importing all of them compiles every lexicon pattern and would make this the slowest
command to start. A class whose declaration cannot be read that way is imported, and so is
every class with --verbose, which also shows each rubric's parameters and reports a rubric that
fails to import.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
from pathlib import Path
from typing import Any

HELP = "list the rubrics registered in the sourcegauge.rubrics entry-point group"

_DECLARED = ("version", "description")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from scoring.engine.registry import _entry_points

    for name, ep in sorted(_entry_points().items()):
        if args.quiet:
            print(name)
            continue
        declared = None if args.verbose else declaration(ep.value)
        if declared is None:
            try:
                cls = _load(name)
            except Exception as exc:  # a broken plugin is listed, not fatal
                print(f"{name:<14} BROKEN ({ep.value}): {exc}")
                continue
            declared = {"version": cls.version, "description": cls.description}
        print(f"{name:<14} v{declared['version']:<6} {ep.value:<40} {declared['description']}")
        if args.verbose:
            params = ", ".join(sorted(getattr(cls, "parameter_constraints", {}) or {}))
            print(f"{'':<14} parameters: {params or '(none)'}")
    return 0


def _load(name: str) -> Any:
    from scoring.engine.registry import rubric_class

    return rubric_class(name)


def _module_file(module: str) -> tuple[Path, bool] | None:
    """(source file, is a package) of a dotted module, found without importing any package of it
    but the top one (importing `rubrics.boilerplate` to find `rubrics.boilerplate.rubric` would
    run the package's __init__, which imports the whole rubric)."""
    top, *rest = module.split(".")
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if not rest:
        return (Path(spec.origin), bool(spec.submodule_search_locations)) if spec.origin else None
    folders = [Path(p) for p in spec.submodule_search_locations or ()]
    for i, part in enumerate(rest):
        last = i == len(rest) - 1
        for folder in folders:
            if (folder / part / "__init__.py").is_file():
                if last:
                    return folder / part / "__init__.py", True
                folders = [folder / part]
                break
            if last and (folder / f"{part}.py").is_file():
                return folder / f"{part}.py", False
        else:
            return None
    return None


def declaration(value: str, depth: int = 3) -> dict[str, str] | None:
    """{version, description} of the class an entry point `module:Class` names, read from source;
    None when it is not there as plain string literals (then the caller imports the class)."""
    module, _, attr = value.partition(":")
    found_file = _module_file(module)
    if found_file is None:
        return None
    path, is_package = found_file
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    package = module if is_package else module.rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == attr:
            found: dict[str, str] = {}
            for item in node.body:
                target = item.targets[0] if isinstance(item, ast.Assign) and len(item.targets) == 1 else (
                    item.target if isinstance(item, ast.AnnAssign) else None)
                if isinstance(target, ast.Name) and target.id in _DECLARED and item.value is not None:
                    try:
                        value_ = ast.literal_eval(item.value)
                    except ValueError:
                        return None
                    if isinstance(value_, str):
                        found[target.id] = value_
            return found if len(found) == len(_DECLARED) else None
        if isinstance(node, ast.ImportFrom) and depth > 0 and any(
                alias.name == attr and alias.asname in (None, attr) for alias in node.names):
            source = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                if node.level else node.module
            return declaration(f"{source}:{attr}", depth - 1) if source else None
    return None
