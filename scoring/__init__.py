"""sourcegauge's engine: load → normalise/segment → rubrics → aggregate → gate/rank/report.

Public API (see README and docs/):
    from scoring import Document, score_document, score_corpus, Scorer, load_profile
    from scoring import Rubric, RubricResult, Evidence, Flag, Segmented
    from scoring import Gate, Verdict, score_frame

Every name is imported on first use (PEP 562), so `import scoring` — which every submodule
import, the command line's among them, runs first — costs nothing until something is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Document": "scoring.core.document", "LoadError": "scoring.core.document",
    "Evidence": "scoring.core.evidence", "Flag": "scoring.core.evidence",
    "RubricResult": "scoring.core.result",
    "DocumentResult": "scoring.engine.pipeline", "Scorer": "scoring.engine.pipeline",
    "ScoringPool": "scoring.engine.pipeline", "score_corpus": "scoring.engine.pipeline",
    "score_document": "scoring.engine.pipeline",
    "Profile": "scoring.engine.profile", "ProfileError": "scoring.engine.profile",
    "load_profile": "scoring.engine.profile",
    "available_rubrics": "scoring.engine.registry", "load_rubric": "scoring.engine.registry",
    "Gate": "scoring.gate.gate", "Verdict": "scoring.gate.gate",
    "LoadOptions": "scoring.inputs.load", "iter_documents": "scoring.inputs.load",
    "load_documents": "scoring.inputs.load",
    "Rubric": "scoring.rubric",
    "Segmented": "scoring.text.segment", "segment": "scoring.text.segment",
    "score_frame": "scoring.gate.pandas",  # needs pandas
}

if TYPE_CHECKING:
    from scoring.core.document import Document, LoadError
    from scoring.core.evidence import Evidence, Flag
    from scoring.core.result import RubricResult
    from scoring.engine.pipeline import DocumentResult, Scorer, ScoringPool, score_corpus, score_document
    from scoring.engine.profile import Profile, ProfileError, load_profile
    from scoring.engine.registry import available_rubrics, load_rubric
    from scoring.gate.gate import Gate, Verdict
    from scoring.gate.pandas import score_frame
    from scoring.inputs.load import LoadOptions, iter_documents, load_documents
    from scoring.rubric import Rubric
    from scoring.text.segment import Segmented, segment


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # next time without this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Document", "DocumentResult", "Evidence", "Flag", "Gate", "LoadError", "LoadOptions", "Profile",
    "ProfileError", "Rubric", "RubricResult", "Scorer", "ScoringPool", "Segmented", "Verdict",
    "available_rubrics", "iter_documents", "load_documents", "load_profile", "load_rubric", "score_corpus",
    "score_document", "score_frame", "segment", "__version__",
]
