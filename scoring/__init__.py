"""sourcegauge's engine: load → normalise/segment → rubrics → aggregate → gate/rank/report.

Public API (see README):
    from scoring import Document, score_document, score_corpus, Scorer, load_profile
    from scoring import Rubric, RubricResult, Evidence, Flag, Segmented
"""

from scoring.document import Document, LoadError
from scoring.gate import Gate, Verdict
from scoring.load import LoadOptions, iter_documents, load_documents
from scoring.pipeline import DocumentResult, Scorer, score_corpus, score_document
from scoring.profile import Profile, ProfileError, load_profile
from scoring.registry import available_rubrics, load_rubric
from scoring.rubric import Evidence, Flag, Rubric, RubricResult
from scoring.segment import Segmented, segment

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # score_frame needs pandas: imported on first use, so `import scoring` stays light.
    if name == "score_frame":
        from scoring.frame import score_frame

        return score_frame
    raise AttributeError(f"module 'scoring' has no attribute {name!r}")


__all__ = [
    "Document", "DocumentResult", "Gate", "Verdict", "score_frame", "Evidence", "Flag", "LoadError", "LoadOptions", "Profile", "ProfileError",
    "Rubric", "RubricResult", "Scorer", "Segmented", "available_rubrics", "iter_documents", "load_documents",
    "load_profile", "load_rubric", "score_corpus", "score_document", "segment", "__version__",
]
