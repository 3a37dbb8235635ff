"""A long fuzz run of the loaders, the gate's record parser and the output writers (not run in CI).

Generates about 10⁵ inputs — JSONL lines, CSV rows and whole .txt/.md/.html/extensionless/.gz
files — by mutating well-formed seeds with the shapes hostile input takes (byte flips and cuts,
huge integers, deep nesting, lone surrogates, alias bombs, tag soup, BOMs, NUL bytes, foreign
encodings), then checks on every one:

- nothing escapes: no exception leaves `iter_documents` or the gate's parser;
- conservation: every non-blank JSONL line and every CSV record is exactly one Document or one
  LoadError, every file of a folder walk is a result, an error or a skip, never both or neither;
- every error has a known reason slug and names its file (and line, for records);
- every Document's text, id and path are writable as UTF-8, and a sample of them, scored with
  the default profile, renders to strict JSON that reads back.

Prints the figures (counts per outcome and reason, violations, CPU time, peak memory).

    .venv/bin/python scripts/fuzz_inputs.py                 # ~10⁵ inputs, a few minutes
    .venv/bin/python scripts/fuzz_inputs.py --inputs 5000   # a quick run
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring.cli.gate import _Line, _parse  # noqa: E402
from scoring.core.document import Document, LoadError  # noqa: E402
from scoring.engine.pipeline import Scorer  # noqa: E402
from scoring.engine.render import error_line, json_line, render_csv, render_jsonl  # noqa: E402
from scoring.gate.gate import Verdict  # noqa: E402
from scoring.inputs.load import LOAD_PROBLEMS, SKIP_REASONS, Skip, iter_documents  # noqa: E402
from scoring.inputs.records import RecordFields  # noqa: E402

RECORD_SLUGS = {"malformed_json", "not_an_object", "missing_text", "text_not_string", "empty_text",
                "number_too_long", "nested_too_deeply"}
GATE_SLUGS = RECORD_SLUGS | {"undecodable", "blank_line", "line_too_large"}
SENTENCES = [
    "The council approved the budget on Monday, officials said.",
    '"We have waited three years for this," said Maria Lopez, who chairs the committee.',
    "According to a report published last week, about 40 of the 300 bridges need urgent work.",
    "Click here to subscribe! Buy now at http://a.example http://b.example",
    "美国政府持续采取贸易保护主义措施，对多个国家的产品实施限制。",
    "Café prices rose by £2, the owner said — “a shock”.",
    "=HYPERLINK(\"http://evil.example\",\"click\") @SUM(A1) +1 -2",
]
HOSTILE_VALUES = [
    "7" * 5000, "[" * 3000 + "]" * 3000, '"a \\ud800 b"', '"\\udfff"', "NaN", "Infinity", "-1e999", "1e308",
    '"' + "x" * 4000 + '"', "{}", "[]", "null", "true", '"\\u0000"',
]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6)))


def _mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        if not out:
            out += rng.randbytes(rng.randint(1, 20))
        elif op < 0.3:
            out[rng.randrange(len(out))] = rng.randrange(256)
        elif op < 0.5:
            cut = rng.randrange(len(out))
            del out[cut:cut + rng.randint(1, 30)]
        elif op < 0.7:
            at = rng.randrange(len(out) + 1)
            out[at:at] = rng.choice([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\"", b"\\", b"\xc3", b"<div>",
                                     b"\xe9", b"\\ud800", b"{", b"[", b"\x1b[31m", b"\u2028".decode("unicode_escape")
                                     .encode()])
        else:
            at = rng.randrange(len(out) + 1)
            out[at:at] = out[:rng.randint(0, 50)]
    return bytes(out).replace(b"\n", b" ")


def jsonl_line(rng: random.Random) -> bytes:
    roll = rng.random()
    record: dict[str, Any] = {"id": f"r{rng.randrange(10**6)}", "text": _text(rng),
                              "title": rng.choice(SENTENCES), "url": "https://www.example.org/a"}
    if roll < 0.45:
        return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
    if roll < 0.7:
        body = json.dumps(record)[:-1]
        return (body + f', "x": {rng.choice(HOSTILE_VALUES)}' + "}").encode()
    if roll < 0.9:
        return _mutate(json.dumps(record, ensure_ascii=False).encode(), rng)
    return rng.choice([b"", b"   ", rng.randbytes(rng.randint(1, 40)).replace(b"\n", b""), b"[1,2]", b"\"str\""])


def csv_file(rng: random.Random, rows: int) -> tuple[bytes, int]:
    lines = ["id,text,title"]
    for i in range(rows):
        text = _text(rng).replace('"', '""')
        if rng.random() < 0.15:
            text += "\n" + _text(rng)  # a quoted field over two lines
        if rng.random() < 0.03:
            text = "y" * 200_000  # over the csv module's own field limit
        lines.append(f'c{i},"{text}",{rng.choice(["plain", "=cmd()", "@x", "-3"])}')
    data = ("\n".join(lines) + "\n").encode()
    if rng.random() < 0.3:
        data = _mutate(data, rng) + b"\n"
    return data, rows


def whole_file(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice([".txt", ".md", ".html", "", ".txt.gz", ".html", ".md"])
    text = "\n".join(_text(rng) for _ in range(rng.randint(1, 8)))
    if kind == ".md":
        fronts = ["---\ntitle: Fine\nsource: Wire\n---\n", "+++\ntitle = \"Fine\"\n+++\n",
                  "---\nx: " + "[" * 2000 + "]" * 2000 + "\n---\n",
                  "---\na0: &a0 [1,2,3,4,5,6,7,8]\na1: &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0]\n---\n",
                  "---\nnever closed\n", "---\n- a list\n---\n", ""]
        data = (rng.choice(fronts) + text).encode()
    elif kind == ".html":
        depth = rng.choice([1, 1, 1, 1, 1, 1, 50, 300, 3000])
        soup = "".join(f"<div><font>{s}" for s in text.split("\n")) if rng.random() < 0.3 else ""
        data = ("<html><head><title>T</title></head><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth
                + soup + "</body></html>").encode()
    else:
        encoding = rng.choice(["utf-8", "utf-8", "utf-16", "gb18030", "cp1252", "utf-8-sig"])
        data = text.encode(encoding, "replace")
    if rng.random() < 0.3:
        data = _mutate(data, rng)
    if rng.random() < 0.05:
        data = rng.choice([b"", b"\x89PNG\r\n\x1a\n" + rng.randbytes(100), rng.randbytes(500), b"   \n"])
    if kind.endswith(".gz"):
        data = gzip.compress(data) if rng.random() < 0.8 else gzip.compress(data)[: rng.randint(0, 40)]
    return kind, data


class Tally:
    def __init__(self) -> None:
        self.inputs: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.violations: list[str] = []

    def violation(self, message: str) -> None:
        if len(self.violations) < 50:
            print("VIOLATION:", message[:500], file=sys.stderr)
        self.violations.append(message)


def check_item(item: Any, tally: Tally) -> None:
    if isinstance(item, Document):
        tally.outcomes["document"] += 1
        try:
            (item.text + item.id + (item.path or "") + item.source + (item.title or "")).encode("utf-8")
        except UnicodeEncodeError as exc:
            tally.violation(f"document not writable as UTF-8: {item.id!r}: {exc}")
    elif isinstance(item, LoadError):
        tally.outcomes[f"error:{item.slug}"] += 1
        if item.slug not in LOAD_PROBLEMS and item.slug not in RECORD_SLUGS:
            tally.violation(f"unknown slug {item.slug!r}: {item}")
        if item.slug == "internal_error":
            tally.violation(f"internal error: {item}")
        json.loads(error_line(item, "jsonl", 0))
    else:
        tally.violation(f"neither a Document nor a LoadError: {item!r}")


def run(total: int, seed: int, sample_every: int) -> int:
    rng = random.Random(seed)
    tally = Tally()
    workdir = Path(tempfile.mkdtemp(prefix="sg-fuzz-"))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    scorer = Scorer("default")
    fields = RecordFields()
    scored = 0
    try:
        produced = 0
        batch = 0
        while produced < total:
            batch += 1
            folder = workdir / f"b{batch}"
            folder.mkdir()
            # One JSONL file of ~40 lines, one CSV of ~20 rows, ~10 whole files per batch.
            lines = [jsonl_line(rng) for _ in range(rng.randint(20, 60))]
            head = b"\xef\xbb\xbf" if rng.random() < 0.1 else b""
            jsonl_path = folder / ("lines.jsonl.gz" if rng.random() < 0.2 else "lines.jsonl")
            payload = head + b"\n".join(lines) + b"\n"
            jsonl_path.write_bytes(gzip.compress(payload) if jsonl_path.suffix == ".gz" else payload)
            csv_data, csv_rows = csv_file(rng, rng.randint(5, 30))
            (folder / "rows.csv").write_bytes(csv_data)
            names = []
            for i in range(rng.randint(5, 15)):
                kind, data = whole_file(rng)
                name = f"f{i}{kind}"
                (folder / name).write_bytes(data)
                names.append(name)
            tally.inputs["jsonl_lines"] += len(lines)
            tally.inputs["csv_rows"] += csv_rows
            tally.inputs["files"] += len(names)
            produced += len(lines) + csv_rows + len(names)
            # The gate's parser sees the same JSONL lines, one at a time.
            for number, raw in enumerate(lines, start=1):
                try:
                    parsed = _parse(_Line("fuzz", number, raw), argparse.Namespace(max_line_bytes=1 << 20), fields)
                except Exception as exc:  # noqa: BLE001
                    tally.violation(f"gate parser raised {type(exc).__name__}: {exc} on {raw[:200]!r}")
                    continue
                if isinstance(parsed, Verdict):
                    if parsed.reasons[0] not in GATE_SLUGS:
                        tally.violation(f"gate slug {parsed.reasons}")
                    tally.outcomes[f"gate:{parsed.reasons[0]}"] += 1
                else:
                    tally.outcomes["gate:document"] += 1
            skipped: list[Skip] = []
            try:
                items = list(iter_documents([folder], skipped=skipped))
            except Exception as exc:  # noqa: BLE001
                tally.violation(f"iter_documents raised {type(exc).__name__}: {exc} in {folder}")
                continue
            for item in items:
                check_item(item, tally)
            for skip in skipped:
                tally.outcomes[f"skip:{skip.reason}"] += 1
                if skip.reason not in SKIP_REASONS:
                    tally.violation(f"unknown skip reason {skip}")
            # Conservation: whole files once each; JSONL lines once each (unless the file was refused whole).
            by_file = Counter(Path(i.path.rsplit(":", 1)[0] if ":" in Path(i.path).name else i.path).name
                              for i in items)
            for name in names:
                seen = by_file[name] + sum(1 for s in skipped if Path(s.path).name == name)
                if seen != 1:
                    tally.violation(f"{folder / name}: {seen} outcomes")
            jsonl_items = [i for i in items if Path(i.path).name.startswith(jsonl_path.name)]
            whole_file_error = [i for i in jsonl_items if isinstance(i, LoadError) and ":" not in Path(i.path).name]
            if not whole_file_error:
                expected = sorted(n for n, ln in enumerate(lines, start=1) if ln.strip(b" \t\r\xef\xbb\xbf"))
                got = sorted(int(i.path.rsplit(":", 1)[1]) if isinstance(i, LoadError) else -1 for i in jsonl_items)
                errors = [n for n in got if n >= 0]
                if len(jsonl_items) != len(expected) or len(set(errors)) != len(errors):
                    tally.violation(f"{jsonl_path}: {len(jsonl_items)} outcomes for {len(expected)} lines")
            for item in items:
                if isinstance(item, Document) and scored * sample_every <= tally.outcomes["document"]:
                    scored += 1
                    result = scorer.score(item)
                    for line in (render_jsonl(result).line, render_csv(result, scorer.profile.rubrics).line):
                        line.encode("utf-8")
                    record = json.loads(render_jsonl(result).line)
                    json.loads(json_line(record), parse_constant=lambda c: tally.violation(f"non-finite {c}"))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total_inputs = sum(tally.inputs.values())
    print(f"# fuzz_inputs: seed {seed}, {total_inputs:,} inputs "
          f"({', '.join(f'{k} {v:,}' for k, v in tally.inputs.items())})")
    print(f"violations: {len(tally.violations)}; documents scored and rendered: {scored:,}")
    print(f"CPU {cpu:.1f} s, wall {wall:.1f} s, peak RSS {peak:.0f} MB")
    print("| outcome | count |\n|---|---:|")
    for key, count in sorted(tally.outcomes.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        print(f"| {key} | {count:,} |")
    return 1 if tally.violations else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="how many inputs to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--score-every", type=int, default=50,
                        help="score and render one document in this many (default 50)")
    args = parser.parse_args()
    return run(args.inputs, args.seed, args.score_every)


if __name__ == "__main__":
    sys.exit(main())
