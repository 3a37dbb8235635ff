"""Finding rubrics: every rubric, built-in or third-party, comes through one entry-point group.

A package registers a rubric in its pyproject.toml::

    [project.entry-points."sourcegauge.rubrics"]
    my_rubric = "my_package.module:MyRubric"

The built-in rubrics are registered in sourcegauge's own pyproject.toml the same way.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a rubric is loaded: listing names stays light (`sourcegauge rubrics`)
    from scoring.rubric import Rubric

GROUP = "sourcegauge.rubrics"


class UnknownRubricError(KeyError):
    def __init__(self, name: str, available: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.available = available

    def __str__(self) -> str:
        return f"unknown rubric {self.name!r}; available: {', '.join(self.available) or '(none)'}"


def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for ep in entry_points(group=GROUP):
        # First registration wins, so a stale duplicate install cannot shadow a rubric
        # silently mid-run; order is importlib's (sys.path order).
        found.setdefault(ep.name, ep)
    return found


def available_rubrics() -> list[str]:
    """Names of every registered rubric, sorted."""
    return sorted(_entry_points())


def rubric_class(name: str) -> type[Rubric]:
    from scoring.rubric import Rubric

    eps = _entry_points()
    if name not in eps:
        raise UnknownRubricError(name, sorted(eps))
    cls = eps[name].load()
    if not (isinstance(cls, type) and issubclass(cls, Rubric)):
        raise TypeError(f"entry point {name!r} ({eps[name].value}) is not a scoring.Rubric subclass")
    if cls.name != name:
        raise TypeError(f"entry point {name!r} loads rubric class named {cls.name!r}; they must match")
    return cls


def load_rubric(name: str, **params: Any) -> Rubric:
    """Instantiate the rubric registered as `name` with keyword parameters."""
    return rubric_class(name)(**params)


def load_rubrics(names: list[str] | tuple[str, ...] | None = None,
                 params: dict[str, dict[str, Any]] | None = None) -> list[Rubric]:
    """Instantiate rubrics by name (all registered ones when `names` is None)."""
    params = params or {}
    chosen = list(names) if names else available_rubrics()
    return [load_rubric(n, **params.get(n, {})) for n in chosen]
