"""Spam rubric: names what makes a document look like spam or scraping damage.

Each flag has a strength in [0, 1] (a feature of the same name) and evidence spans; the
spam likelihood combines them as independent signals, 1 - prod(1 - weight * strength), and
the score is 1 - spam likelihood. Every strength is computed so that appending unrelated
headline lines (a link farm) to a document can only raise it: counts saturate rather than
being divided by document length, and the content-based checks (`too_short`,
`keyword_stuffing`, readability) look only at lines the boilerplate classifier calls content.
"""

from __future__ import annotations

import re

from rubrics.boilerplate import CONTENT, LineLabels, shared_labels, title_line
from rubrics.common.syllables import flesch_reading_ease
from rubrics.spam.artifacts import (
    MARKUP_RESIDUE,
    MOJIBAKE,
    PINYIN_ANNOTATION,
    glued_spans,
    pattern_spans,
    repeated_line_groups,
    top_term_share,
)
from rubrics.spam.clickbait import clickbait_probability
from scoring.core.params import InstanceOf, Interval
from scoring.rubric import Evidence, Flag, Rubric, RubricResult, Segmented
from scoring.text.script import CJK_CLASS

# Weight of each flag in the spam likelihood: how strongly it alone says "spam".
FLAG_WEIGHTS: dict[str, float] = {
    "link_farm": 0.7,
    "clickbait_title": 0.4,
    "ad_markers": 0.3,
    "repeated_lines": 0.3,
    "glued_sentences": 0.3,
    "conversion_artifacts": 0.4,
    "mojibake": 0.4,
    "keyword_stuffing": 0.6,
    "too_short": 0.4,
}
# Readability is estimated on the first ~500 characters of English content prose: syllable
# counting costs ~4 µs per character, and an 80-word sample already places a text on the
# Flesch scale.
READABILITY_CHARS = 500
STUFFING_TERM = re.compile(rf"(?P<latin>[A-Za-z]{{4,}})|(?P<cjk>[{CJK_CLASS}]{{2,}})")
ASCII_TERM = re.compile(r"[a-z]{4,}")


class SpamRubric(Rubric):
    name = "spam"
    version = "1.2"
    description = (
        "Spam and scraping damage, each named with evidence: link farms, clickbait titles, ad "
        "markers, repeated lines, glued sentences, conversion artifacts, mojibake, keyword "
        "stuffing, too little content."
    )
    parameter_constraints = {
        "clickbait_threshold": Interval(float, 0.0, 1.0),
        "min_content_words": Interval(int, 0),
        "stuffing_share": Interval(float, 0.0, 1.0),
        "readability": InstanceOf((bool,)),
        "max_evidence": Interval(int, 0),
    }

    def __init__(
        self,
        clickbait_threshold: float = 0.5,
        min_content_words: int = 80,
        stuffing_share: float = 0.15,
        readability: bool = True,
        max_evidence: int = 50,
    ) -> None:
        self.clickbait_threshold = clickbait_threshold
        self.min_content_words = min_content_words
        self.stuffing_share = stuffing_share
        self.readability = readability
        self.max_evidence = max_evidence

    def score(self, seg: Segmented) -> RubricResult:
        labelled = shared_labels(seg)
        strengths: dict[str, float] = {}
        spans: dict[str, list[Evidence]] = {}
        details: dict[str, str] = {}
        extra: dict[str, float] = {}

        self._link_farm(seg, labelled, strengths, spans, details)
        extra["clickbait_probability"] = self._clickbait(seg, labelled, strengths, spans, details)
        self._ad_markers(seg, labelled, strengths, spans, details)
        self._repeated(seg, strengths, spans, details)
        self._artifacts(seg, strengths, spans, details)
        content_words = self._content_checks(seg, labelled, strengths, spans, details)
        extra["content_words"] = content_words
        extra["readability_flesch"] = self._readability(seg, labelled) if self.readability else 0.0

        survive = 1.0
        for flag, weight in FLAG_WEIGHTS.items():
            survive *= 1.0 - weight * strengths.get(flag, 0.0)
        likelihood = 1.0 - survive
        flags = [
            Flag(name, tuple(spans.get(name, ())[: self.max_evidence]), details.get(name, ""))
            for name in FLAG_WEIGHTS
            if strengths.get(name, 0.0) > 0.0
        ]
        features = {"spam_likelihood": likelihood, **{f: strengths.get(f, 0.0) for f in FLAG_WEIGHTS}, **extra}
        return self.result(1.0 - likelihood, features=features, flags=flags)

    # --- flags -------------------------------------------------------------------------

    def _link_farm(self, seg: Segmented, labelled: LineLabels, strengths: dict[str, float],
                   spans: dict[str, list[Evidence]], details: dict[str, str]) -> None:
        farm = sorted(labelled.farm.lines)
        if not farm:
            return
        total = sum(line.end - line.start for line in seg.lines)
        farm_chars = 0
        evidence: list[Evidence] = []
        headlines = 0
        for i in farm:
            line = seg.lines[i]
            farm_chars += line.end - line.start
            weight = 1.0 - labelled.farm.similarity.get(i, 0.0)
            # One evidence span per headline of a line that strings several together.
            pieces = labelled.farm.pieces.get(i, [])
            for s, e in pieces or [(0, len(line.text))]:
                evidence.append(seg.evidence(line.start + s, line.start + e, "link_farm", weight))
            headlines += max(1, len(pieces))
        share = farm_chars / total if total else 0.0
        # (farm + a) / (total + a) only grows when farm lines are added.
        strengths["link_farm"] = min(1.0, 0.5 + share)
        spans["link_farm"] = evidence
        details["link_farm"] = (
            f"{headlines} off-topic headline(s) on {len(farm)} line(s), {share:.0%} of the text, "
            "share little vocabulary with the article body"
        )

    def _clickbait(self, seg: Segmented, labelled: LineLabels, strengths: dict[str, float],
                   spans: dict[str, list[Evidence]], details: dict[str, str]) -> float:
        title = (seg.doc.title or "").strip()
        candidates: list[tuple[str, Evidence | None]] = []
        if title:
            candidates.append((title, None))
        elif (first := title_line(seg, labelled)) is not None:
            candidates.append((first.text, seg.evidence(first.start, first.end, "clickbait_title")))
        best = 0.0
        for text, ev in candidates:
            prob = clickbait_probability(text)
            best = max(best, prob)
            if prob >= self.clickbait_threshold:
                strengths["clickbait_title"] = prob
                # A title from metadata is not in the text: point at the start of the document.
                spans["clickbait_title"] = [ev or seg.evidence(0, 0, "clickbait_title", prob)]
                details["clickbait_title"] = f"title {text[:80]!r} reads as clickbait (p={prob:.2f})"
        return best

    def _ad_markers(self, seg: Segmented, labelled: LineLabels, strengths: dict[str, float],
                    spans: dict[str, list[Evidence]], details: dict[str, str]) -> None:
        ads = [seg.lines[i] for i, label in enumerate(labelled.labels) if label == "ad_marker"]
        if ads:
            strengths["ad_markers"] = min(1.0, len(ads) / 3)
            spans["ad_markers"] = [seg.evidence(li.start, li.end, "ad_marker") for li in ads]
            details["ad_markers"] = f"{len(ads)} advertisement marker line(s) left in the text"

    def _repeated(self, seg: Segmented, strengths: dict[str, float], spans: dict[str, list[Evidence]],
                  details: dict[str, str]) -> None:
        groups = repeated_line_groups(seg.lines)
        extra_copies = sum(len(g) - 1 for g in groups)
        if extra_copies:
            strengths["repeated_lines"] = min(1.0, extra_copies / 3)
            spans["repeated_lines"] = [
                seg.evidence(li.start, li.end, "repeated_line") for g in groups for li in g[1:]
            ]
            details["repeated_lines"] = f"{extra_copies} repeated copy/copies of {len(groups)} line(s)"

    def _artifacts(self, seg: Segmented, strengths: dict[str, float], spans: dict[str, list[Evidence]],
                   details: dict[str, str]) -> None:
        text = seg.text
        # Pinyin annotations need Chinese characters and mojibake needs non-ASCII characters;
        # markup residue needs "&" or "<". Most English articles skip all three scans.
        ascii_only = text.isascii()
        pinyin = [] if ascii_only else pattern_spans(PINYIN_ANNOTATION, text)
        markup = pattern_spans(MARKUP_RESIDUE, text) if "&" in text or "<" in text else []
        found = {
            "glued_sentences": (glued_spans(text), 3, "sentence end(s) lost: words glued across a sentence break"),
            "conversion_artifacts": (
                pinyin + markup, 3,
                "converter residue (pinyin readings inside characters, HTML entities or tags)"),
            "mojibake": ([] if ascii_only else pattern_spans(MOJIBAKE, text), 5,
                         "mis-decoded characters (UTF-8 read as Latin-1, U+FFFD)"),
        }
        for flag, (found_spans, saturate, what) in found.items():
            if found_spans:
                found_spans.sort()
                strengths[flag] = min(1.0, len(found_spans) / saturate)
                spans[flag] = [seg.evidence(s, e, flag) for s, e in found_spans]
                details[flag] = f"{len(found_spans)} {what}"

    def _content_checks(self, seg: Segmented, labelled: LineLabels, strengths: dict[str, float],
                        spans: dict[str, list[Evidence]], details: dict[str, str]) -> float:
        content = [seg.lines[i] for i, label in enumerate(labelled.labels) if label == CONTENT]
        words = sum(labelled.shapes[i].words for i, label in enumerate(labelled.labels) if label == CONTENT)
        if words < self.min_content_words:
            strengths["too_short"] = 1.0 - words / self.min_content_words
            spans["too_short"] = [seg.evidence(li.start, li.end, "content") for li in content] or [
                seg.evidence(0, len(seg.text), "too_short")
            ]
            details["too_short"] = f"only {words:.0f} words of content (minimum {self.min_content_words})"
        # Stuffing is judged on all prose outside link farms: spam prose is often what the
        # boilerplate model rejects, and link-farm lines are excluded to keep appending them neutral.
        prose_lines = [seg.lines[i] for i, label in enumerate(labelled.labels)
                       if labelled.prose[i] and label != "link_farm"]
        # Terms: Latin words of 4+ letters and Chinese character bigrams, by regex, so that
        # this check never needs the (costly, HMM-based) jieba segmentation.
        terms: list[str] = []
        joined = "\n".join(line.text for line in prose_lines)
        if joined.isascii():
            # Fast path, same terms: ASCII letter runs are unchanged by lower-casing.
            terms = ASCII_TERM.findall(joined.lower())
        else:
            for latin, cjk in STUFFING_TERM.findall(joined):
                if latin:
                    terms.append(latin.lower())
                else:
                    terms.extend(cjk[k : k + 2] for k in range(len(cjk) - 1))
        term, count, share = top_term_share(terms)
        if len(terms) >= 40 and count >= 10 and share >= self.stuffing_share:
            strengths["keyword_stuffing"] = min(1.0, share / (2 * self.stuffing_share))
            spans["keyword_stuffing"] = [
                seg.evidence(line.start + m.start(), line.start + m.end(), "keyword")
                for line in prose_lines
                for m in re.finditer(re.escape(term), line.text, re.IGNORECASE)
            ]
            details["keyword_stuffing"] = f"{term!r} is {share:.0%} of the content words ({count} times)"
        return float(words)

    def _readability(self, seg: Segmented, labelled: LineLabels) -> float:
        # Flesch reading ease on English content prose, capped in length to bound the cost.
        parts: list[str] = []
        size = 0
        for i, label in enumerate(labelled.labels):
            line = seg.lines[i]
            if label == CONTENT and line.lang == "en" and labelled.prose[i]:
                parts.append(line.text)
                size += len(line.text)
                if size > READABILITY_CHARS:
                    break
        if not parts:
            return 0.0
        sample = " ".join(parts)
        if len(sample) > READABILITY_CHARS:
            cut = sample.rfind(". ", 0, READABILITY_CHARS)
            sample = sample[: cut + 1] if cut > 0 else sample[:READABILITY_CHARS]
        return flesch_reading_ease(sample)
