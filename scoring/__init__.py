"""sourcegauge's engine: load → normalise/segment → rubrics → aggregate → gate/rank/report.

Public API (see README and docs/):
    from scoring import Document, score_document, score_corpus, Scorer, load_profile
    from scoring import Rubric, RubricResult, Evidence, Flag, Segmented
    from scoring import Gate, Verdict, score_frame
"""

from scoring.core.document import Document, LoadError
from scoring.core.evidence import Evidence, Flag
from scoring.core.result import RubricResult
from scoring.engine.pipeline import DocumentResult, Scorer, ScoringPool, score_corpus, score_document
from scoring.engine.profile import Profile, ProfileError, load_profile
from scoring.engine.registry import available_rubrics, load_rubric
from scoring.gate.gate import Gate, Verdict
from scoring.inputs.load import LoadOptions, iter_documents, load_documents
from scoring.rubric import Rubric
from scoring.text.segment import Segmented, segment

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # score_frame needs pandas: imported on first use, so `import scoring` stays light.
    if name == "score_frame":
        from scoring.gate.pandas import score_frame

        return score_frame
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")


__all__ = [
    "Document", "DocumentResult", "Evidence", "Flag", "Gate", "LoadError", "LoadOptions", "Profile",
    "ProfileError", "Rubric", "RubricResult", "Scorer", "ScoringPool", "Segmented", "Verdict",
    "available_rubrics", "iter_documents", "load_documents", "load_profile", "load_rubric", "score_corpus",
    "score_document", "score_frame", "segment", "__version__",
]
