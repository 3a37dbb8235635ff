"""Evaluate link-farm detection on link farms generated from the shared article corpora.

There is no labelled set of link farms, so one is made at run time (nothing is saved): the
headlines (first lines) of other, unrelated articles are pasted into an article, in the shapes
link farms take on scraped pages:

- 3 to 12 headlines;
- one per line, one per line behind a bullet ("- ", "• ", "· ", "* ", "» ", "▶ ", "1. "), or all
  on one line, joined by a separator (" | ", " · ", " / ", " - ", " • ", two spaces, one space)
  or by nothing at all (the text of adjacent links);
- above the article, between two of its paragraphs, or below it;
- English headlines into English articles (BBC; and CNN/Daily Mail articles, which are one
  line each), Chinese into Chinese (Sogou).

Host articles are the corpus files with some prose (at least two sentence ends and 400
characters of English or 150 of Chinese after the title); a one-line body is cut at a sentence
end near its middle so that "between two paragraphs" exists. The random choices are seeded.

Recall: share of generated documents in which the boilerplate classifier labels at least one
pasted headline `link_farm` (what raises the spam rubric's `link_farm` flag); coverage: share of
the pasted characters so labelled; "article lines flagged": documents where a line of the host
article is labelled `link_farm` too. False flags: share of the untouched corpus articles with any
`link_farm` line (BBC titles and on-topic subheadings must stay out).

    .venv/bin/python scripts/eval_link_farms.py [--cases N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rubrics.boilerplate.classify import classify  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.inputs.load import load_documents  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
# Articles of professional news outlets as newspaper3k extracted them (evaluation only: read, never kept).
RATED_OUTLETS = ROOT.parent / "shared" / "eval" / "sources" / "articles-dev.jsonl"
SEED = 16
CASES = 1000
BULLETS = ("- ", "• ", "· ", "* ", "» ", "▶ ", "1. ")
SEPARATORS = (" | ", " · ", " / ", " - ", " • ", "  ", " ")
LAYOUTS = ("one per line", "bulleted", "one line, separator", "one line, glued")
POSITIONS = ("top", "middle", "bottom")
MIN_HOST_CHARS = {"en": 400, "zh": 150}
_SENTENCE_END = re.compile(r"[.。!?！？]")
_CUT = re.compile(r"(?<=[.!?。！？])\s*")


def load_articles(corpus: str) -> list[list[str]]:
    """Each article of a corpus folder as its non-empty lines (title first where there is one)."""
    docs, _ = load_documents([CORPORA / corpus])
    out = []
    for doc in sorted(docs, key=lambda d: d.id):
        lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
        if lines:
            out.append(lines)
    return out


def with_paragraphs(lines: list[str]) -> list[str]:
    """A body of one line is cut at the sentence end nearest its middle."""
    if len(lines) >= 3:
        return lines
    body = lines[-1]
    cuts = [m.end() for m in _CUT.finditer(body) if 0 < m.end() < len(body)]
    if not cuts:
        return lines
    cut = min(cuts, key=lambda c: abs(c - len(body) / 2))
    return [*lines[:-1], body[:cut].strip(), body[cut:].strip()]


def is_host(lines: list[str], lang: str, titled: bool) -> bool:
    body = " ".join(lines[1:] if titled else lines)
    return len(body) >= MIN_HOST_CHARS[lang] and len(_SENTENCE_END.findall(body)) >= 2


def farm_lines(rng: random.Random, headlines: list[str], layout: str) -> list[str]:
    if layout == "one per line":
        return headlines
    if layout == "bulleted":
        bullet = rng.choice(BULLETS)
        return [(f"{i + 1}. " if bullet == "1. " else bullet) + h for i, h in enumerate(headlines)]
    if layout == "one line, separator":
        return [rng.choice(SEPARATORS).join(headlines)]
    return ["".join(headlines)]


@dataclass
class Tally:
    cases: int = 0
    caught: int = 0
    coverage: float = 0.0

    def add(self, caught: bool, coverage: float) -> None:
        self.cases += 1
        self.caught += caught
        self.coverage += coverage


@dataclass
class Generated:
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    article_lines_flagged: int = 0


def generate(hosts: list[list[str]], donors: list[list[str]], cases: int, seed: int = SEED) -> Generated:
    """Paste `cases` link farms of donor headlines into host articles (see module docstring)."""
    rng = random.Random(seed)
    out = Generated()
    titles = sorted({d[0] for d in donors})
    for _ in range(cases):
        host = with_paragraphs(rng.choice(hosts))
        k = rng.randint(3, 12)
        headlines = rng.sample([t for t in titles if t != host[0]], k)
        layout, position = rng.choice(LAYOUTS), rng.choice(POSITIONS)
        farm = farm_lines(rng, headlines, layout)
        at = 0 if position == "top" else len(host) if position == "bottom" else rng.randint(1, len(host) - 1)
        lines = host[:at] + farm + host[at:]
        labels = classify(Segmented(Document(id="generated", text="\n".join(lines))))
        pasted = range(at, at + len(farm))
        flagged = labels.farm.lines
        caught = any(i in flagged for i in pasted)
        coverage = sum(len(lines[i]) for i in pasted if i in flagged) / sum(len(lines[i]) for i in pasted)
        out.article_lines_flagged += any(i not in pasted for i in flagged)
        for group in ("all", layout, position, "3-5 headlines" if k <= 5 else "6-12 headlines"):
            out.groups[group].add(caught, coverage)
    return out


def false_flags(articles: list[list[str]]) -> tuple[int, int]:
    """(articles with a link-farm line, articles) over untouched corpus articles."""
    flagged = sum(1 for lines in articles
                  if classify(Segmented(Document(id="clean", text="\n".join(lines)))).farm.lines)
    return flagged, len(articles)


def rated_outlet_articles() -> list[list[str]]:
    """The rated outlets' articles (title, then body lines): real news pages with what an extractor
    keeps of them, the upper bound of what a spam flag may fire on there (some related-story blocks
    are real other stories' headlines, so not every line flagged is a false one)."""
    docs, _ = load_documents([RATED_OUTLETS])
    out = []
    for doc in sorted(docs, key=lambda d: d.id):
        lines = [t.strip() for t in (doc.title or "", *doc.text.splitlines()) if t.strip()]
        if lines:
            out.append(lines)
    return out


def corpora() -> dict[str, tuple[list[list[str]], list[list[str]], str]]:
    """name -> (host articles, headline donors, language)."""
    bbc, sogou, cnn = load_articles("bbc"), load_articles("sogou"), load_articles("cnn")
    return {
        "BBC (English)": ([a for a in bbc if is_host(a, "en", True)], bbc, "en"),
        "CNN/Daily Mail hosts, BBC headlines": ([a for a in cnn if is_host(a, "en", False)], bbc, "en"),
        "Sogou (Chinese)": ([a for a in sogou if is_host(a, "zh", True)], sogou, "zh"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=CASES, help="generated documents per corpus")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"{CORPORA} not found: this evaluation reads ../shared/corpora next to the repo")
    start = time.perf_counter()
    sets = corpora()
    print(f"Generated link farms ({args.cases} documents per corpus, seed {SEED}): recall of `link_farm`\n")
    print("| hosts | group | docs | recall | coverage |\n|---|---|---|---|---|")
    flagged_articles = {}
    for name, (hosts, donors, _) in sets.items():
        result = generate(hosts, donors, args.cases)
        order = ["all", *LAYOUTS, *POSITIONS, "3-5 headlines", "6-12 headlines"]
        for group in order:
            t = result.groups[group]
            print(f"| {name} | {group} | {t.cases} | **{t.caught / t.cases:.3f}** | {t.coverage / t.cases:.3f} |")
        flagged_articles[name] = result.article_lines_flagged
    print("\nDocuments where a line of the host article was labelled `link_farm` too: "
          + ", ".join(f"{name} {n}/{args.cases}" for name, n in flagged_articles.items()))
    print("\nFalse flags on the untouched corpora (articles with any `link_farm` line):\n")
    print("| corpus | articles | flagged | **share** |\n|---|---|---|---|")
    for corpus in ("bbc", "sogou", "cnn"):
        n_flagged, n = false_flags(load_articles(corpus))
        print(f"| {corpus} | {n} | {n_flagged} | **{n_flagged / n:.2%}** |")
    if RATED_OUTLETS.exists():
        n_flagged, n = false_flags(rated_outlet_articles())
        print(f"| eval/sources (42 rated outlets; embedded posts, captions, related-story blocks) | {n} | {n_flagged} "
              f"| **{n_flagged / n:.2%}** |")
    print(f"\nSeconds: {time.perf_counter() - start:.0f}")


if __name__ == "__main__":
    main()
