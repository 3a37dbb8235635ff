"""Evaluate the boilerplate rubric on ../shared/eval/boilerplate/dev.jsonl and zh-dev.jsonl.

For every page, the labelled lines are joined with newlines (the plain text a scraper gives)
and each line is classified by three systems:

- ours: `BoilerplateRubric` (every line not labelled `content` counts as boilerplate);
- C4 line rules: the line filters of the C4 pipeline as datatrove's `C4QualityFilter` applies
  them (Raffel et al. 2020, sec. 2.2), re-implemented below because datatrove is not a
  dependency: a line is dropped when it does not end in terminal punctuation, has fewer than
  3 words, contains "javascript", a cookie/privacy-policy phrase or a word longer than
  1000 characters;
- jusText 3 (Pomikálek 2011) on the lines wrapped one per `<p>`, with the stop list of the
  page's language (pages in languages jusText has no stop list for get an empty one).

Prints precision, recall and F1 of the boilerplate class, by lines and by characters,
overall and per dataset of dev.jsonl, then the same for zh-dev.jsonl (34 Chinese pages; not
trained on: see scripts/train_boilerplate.py). Datasets a shipped model was trained on are
marked, and the dev figure over the datasets held out from training is printed apart.

    .venv/bin/python scripts/eval_boilerplate.py
"""

from __future__ import annotations

import html
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rubrics.boilerplate.model import TRAINED_ON  # noqa: E402
from rubrics.boilerplate.rubric import BoilerplateRubric  # noqa: E402
from scoring.core.document import Document  # noqa: E402
from scoring.text.segment import Segmented  # noqa: E402

SHARED = ROOT.parent / "shared"
DATA = SHARED / "eval" / "boilerplate" / "dev.jsonl"
ZH_DATA = SHARED / "eval" / "boilerplate" / "zh-dev.jsonl"
# Group of the zh-dev pages in the tables (kept out of the dev groups "all" and "non-English pages").
ZH_GROUP = "zh-dev (all)"
HELD_OUT_GROUP = "held out from training"

C4_END_PUNCTUATION = (".", "?", "!", '"', "'")
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
JUSTEXT_LANG = {"en": "English", "pt": "Portuguese", "de": "German", "ru": "Russian", "it": "Italian",
                "id": "Indonesian", "es": "Spanish", "fr": "French"}

Page = dict[str, object]
Classifier = Callable[[Page], list[bool]]


def read_pages(path: Path) -> list[Page]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_pages() -> tuple[list[Page], list[Page]]:
    """dev.jsonl pages and zh-dev.jsonl pages (empty when that file is absent)."""
    if not DATA.exists():
        sys.exit(f"{DATA} not found: this evaluation reads ../shared/eval/boilerplate/dev.jsonl next to the repo")
    return read_pages(DATA), read_pages(ZH_DATA) if ZH_DATA.exists() else []


def page_lines(page: Page) -> list[str]:
    return [text for text, _ in page["lines"]]  # type: ignore[union-attr]


def ours(page: Page) -> list[bool]:
    lines = page_lines(page)
    text = "\n".join(lines)
    result = BoilerplateRubric().score(Segmented(Document(id=str(page["id"]), text=text)))
    labelled = result.details["lines"]
    # Map each gold line to the rubric line that covers its first character.
    out: list[bool] = []
    pos = 0
    k = 0
    for line in lines:
        while k < len(labelled) and labelled[k][1] <= pos:
            k += 1
        out.append(k < len(labelled) and labelled[k][0] <= pos + len(line) and labelled[k][2] != "content")
        pos += len(line) + 1
    return out


def c4_rules(page: Page) -> list[bool]:
    out = []
    for line in page_lines(page):
        low = line.lower()
        words = line.split()
        keep = (
            line.rstrip().endswith(C4_END_PUNCTUATION)
            and len(words) >= 3
            and max((len(w) for w in words), default=0) <= 1000
            and "javascript" not in low
            and not any(p in low for p in C4_POLICY)
        )
        out.append(not keep)
    return out


def jus_text(page: Page) -> list[bool]:
    import justext

    lines = page_lines(page)
    lang = JUSTEXT_LANG.get(str(page.get("lang")))
    stoplist = justext.get_stoplist(lang) if lang else frozenset()
    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), stoplist, encoding="utf-8")
    if len(paragraphs) == len(lines):
        return [p.is_boilerplate for p in paragraphs]
    # jusText dropped or merged something: align by text, unmatched lines count as boilerplate.
    verdict = {p.text.strip(): p.is_boilerplate for p in paragraphs}
    return [verdict.get(" ".join(line.split()), True) for line in lines]


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def page_groups(page: Page, zh: bool = False) -> list[str]:
    if zh:
        return [ZH_GROUP]
    groups = ["all", str(page["dataset"])]
    if page.get("lang") != "en":
        groups.append("non-English pages")
    if page["dataset"] not in TRAINED_ON:
        groups.append(HELD_OUT_GROUP)
    return groups


def tally(pages: Iterable[Page], predictions: dict[str, list[bool]], zh: bool = False) -> dict[str, list[float]]:
    """Per group: [tp, fp, fn] by lines then by characters."""
    counts: dict[str, list[float]] = defaultdict(lambda: [0.0] * 6)
    for page in pages:
        pred = predictions[str(page["id"])]
        groups = page_groups(page, zh)
        for (text, gold), guess in zip(page["lines"], pred, strict=True):  # type: ignore[arg-type]
            size = len(text)
            for g in groups:
                c = counts[g]
                if guess and gold:
                    c[0] += 1
                    c[3] += size
                elif guess and not gold:
                    c[1] += 1
                    c[4] += size
                elif gold and not guess:
                    c[2] += 1
                    c[5] += size
    return counts


def figures(dev: list[Page], zh: list[Page], classify: Classifier = ours) -> dict[str, tuple[float, float, float]]:
    """Precision, recall, F1 by characters of one system, per group (dev datasets, "all",
    the held-out group, zh-dev). The evaluation gate test pins these."""
    counts = tally(dev, {str(p["id"]): classify(p) for p in dev})
    counts.update(tally(zh, {str(p["id"]): classify(p) for p in zh}, zh=True))
    return {g: prf(c[3], c[4], c[5]) for g, c in counts.items()}


def main() -> None:
    dev, zh = load_pages()
    systems: dict[str, Classifier] = {"ours": ours, "C4 line rules": c4_rules, "jusText": jus_text}
    results: dict[str, dict[str, list[float]]] = {}
    timing: dict[str, float] = {}
    for name, classify in systems.items():
        start = time.perf_counter()
        results[name] = tally(dev, {str(p["id"]): classify(p) for p in dev})
        results[name].update(tally(zh, {str(p["id"]): classify(p) for p in zh}, zh=True))
        timing[name] = time.perf_counter() - start
    n_docs: dict[str, int] = defaultdict(int)
    for p in dev:
        for g in page_groups(p):
            n_docs[g] += 1
    n_docs[ZH_GROUP] = len(zh)

    def table(title: str, groups: list[str]) -> None:
        print(title + "\n")
        print("| dataset | docs | system | P chars | R chars | **F1 chars** | P lines | R lines | F1 lines |")
        print("|---|---|---|---|---|---|---|---|---|")
        for g in groups:
            mark = " (trained on: fit, not generalisation)" if g in TRAINED_ON else ""
            for name in systems:
                c = results[name][g]
                pl, rl, fl = prf(c[0], c[1], c[2])
                pc, rc, fc = prf(c[3], c[4], c[5])
                print(f"| {g}{mark} | {n_docs[g]} | {name} | {pc:.3f} | {rc:.3f} | **{fc:.3f}** "
                      f"| {pl:.3f} | {rl:.3f} | {fl:.3f} |")

    table(f"Boilerplate class (label 1) on {DATA.relative_to(SHARED.parent)}: precision / recall / F1",
          ["all"] + sorted({str(p["dataset"]) for p in dev}) + ["non-English pages"])
    held = sorted({str(p["dataset"]) for p in dev if p["dataset"] not in TRAINED_ON})
    print()
    table(f"Held out from training ({', '.join(held)}):", [HELD_OUT_GROUP])
    if zh:
        print()
        table(f"Chinese pages, {ZH_DATA.relative_to(SHARED.parent)} (not trained on):", [ZH_GROUP])
    print("\nSeconds per system over all pages: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))


if __name__ == "__main__":
    main()
