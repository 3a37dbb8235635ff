"""Old import path of the datatrove filter (see scoring.gate.datatrove).

Lazy like the module it points to: importing it does not import datatrove.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "SourcegaugeFilter":
        from scoring.gate.datatrove import SourcegaugeFilter

        return SourcegaugeFilter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
