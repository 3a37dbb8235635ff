"""Boilerplate rubric: which lines of a scraped article are not the article.

Every line is labelled `content` or one boilerplate category (see `CATEGORIES`); the
score is the share of the document's characters that are content (1.0 = no boilerplate).
"""

from __future__ import annotations

from rubrics.boilerplate.classify import CONTENT, shared_labels
from rubrics.boilerplate.lines import CATEGORIES
from scoring.core.params import Interval
from scoring.rubric import Rubric, RubricResult
from scoring.text.segment import Segmented


class BoilerplateRubric(Rubric):
    name = "boilerplate"
    version = "1.2"
    description = (
        "Share of the text that is the article: every line labelled content or a boilerplate "
        "category (ads, navigation, share widgets, comments, reprint notices, bylines, related "
        "links, link farms, footers)."
    )

    parameter_constraints = {"max_evidence": Interval(int, 0)}

    def __init__(self, max_evidence: int = 200) -> None:
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        labelled = shared_labels(seg)
        total_chars = 0
        boiler_chars = 0
        counts = dict.fromkeys(CATEGORIES, 0)
        evidence = []
        lines = []
        for line, label in zip(seg.lines, labelled.labels, strict=True):
            size = line.end - line.start
            total_chars += size
            start, end = seg.span(line.start, line.end)
            lines.append((start, end, label))
            if label == CONTENT:
                continue
            boiler_chars += size
            counts[label] += 1
            if len(evidence) < self.max_evidence:
                evidence.append(seg.evidence(line.start, line.end, label))
        n_lines = len(seg.lines)
        n_boiler = sum(counts.values())
        ratio_chars = boiler_chars / total_chars if total_chars else 0.0
        features: dict[str, float] = {
            "boilerplate_ratio_chars": ratio_chars,
            "boilerplate_ratio_lines": n_boiler / n_lines if n_lines else 0.0,
            "lines_total": n_lines,
            "lines_content": n_lines - n_boiler,
            **{f"lines_{cat}": count for cat, count in counts.items()},
        }
        return self.result(1.0 - ratio_chars, features=features, evidence=evidence, details={"lines": tuple(lines)})
