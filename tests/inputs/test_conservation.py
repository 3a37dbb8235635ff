"""Conservation of the loaders on generated inputs: every input is a result or an error (or, in a
folder walk, a skip), never both and never neither, whatever the bytes."""

from __future__ import annotations

import gzip
import json
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.core.document import Document, LoadError
from scoring.inputs.load import Skip, iter_documents

# Lines of a JSONL file: each holds at least one visible ASCII character, so the lines the
# loader may pass over as blank are exactly the white-space ones generated as such.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                      max_leaves=8)
_RECORD_LINE = st.builds(lambda text, extra: json.dumps({"text": text, "x": extra}),
                         _TEXT.filter(lambda t: "\n" not in t), _VALUE)
_HOSTILE_LINE = st.sampled_from([
    '{"n": ' + "7" * 5000 + ', "text": "x"}',
    '{"text": "a \\ud800 b"}',
    '{"text": "deep", "n": ' + "[" * 2000 + "]" * 2000 + "}",
    '{"text": ""}', '{"text": 5}', '{"body": "no text"}', "[1, 2]", "null", "{broken",
    '{"text": "' + "y" * 3000 + '"}',
])
_JSONL_LINE = st.one_of(
    _RECORD_LINE.map(str.encode),
    _HOSTILE_LINE.map(str.encode),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"") + b"#"),
    st.sampled_from([b"", b"   ", b"\t"]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_JSONL_LINE, max_size=25), gzipped=st.booleans(), bom=st.booleans())
def test_every_jsonl_line_is_one_document_or_one_error(lines: list[bytes], gzipped: bool, bom: bool) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.jsonl.gz" if gzipped else "in.jsonl")
        path.write_bytes(gzip.compress(data) if gzipped else data)
        items = list(iter_documents([path]))
    if not data.strip(b"\xef\xbb\xbf \t\n"):
        assert len(items) <= 1 and all(isinstance(i, LoadError) for i in items)  # an empty file: one error or none
        return
    if len(items) == 1 and isinstance(items[0], LoadError) and ":" not in items[0].path.rsplit("/", 1)[-1]:
        return  # the whole file refused (binary or undecodable from its first bytes): one error for one file
    expected = {n for n, line in enumerate(lines, start=1) if line.strip(b" \t")}
    numbers = Counter(int((i.id or "").rsplit(":", 1)[1]) for i in items)
    assert set(numbers) == expected and all(c == 1 for c in numbers.values()), (items, lines)
    for item in items:
        assert isinstance(item, (Document, LoadError))
        if isinstance(item, Document):
            (item.text + item.id).encode("utf-8")  # writable
        else:
            assert item.slug and item.reason


_FILE_CONTENT = st.one_of(
    st.binary(max_size=300),
    _TEXT.map(str.encode),
    st.sampled_from([
        b"The council approved the budget on Monday, after a long debate about the cost of the bridges.",
        b"---\ntitle: x\n---\nBody text of the article, long enough to read as an article, with words.",
        b"---\na: &a [1]\nb: *a\n---\nbody",
        b"<html><body>" + b"<div>" * 3000 + b"deep" + b"</div>" * 3000 + b"</body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "".join(f"{i:064x}  file{i}.txt\n" for i in range(5)).encode(),
        b"",
    ]),
)
_NAME = st.sampled_from(["a.txt", "b.md", "c.html", "d", "e.py", "f.txt.gz", "README", "SHA256SUMS", "g.htm"])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.dictionaries(_NAME, _FILE_CONTENT, min_size=1, max_size=6))
def test_every_file_of_a_folder_is_one_document_one_error_or_one_skip(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
        skipped: list[Skip] = []
        items = list(iter_documents([folder], skipped=skipped))
    outcomes = Counter([Path(i.path).name for i in items] + [Path(s.path).name for s in skipped])
    assert outcomes == Counter(files.keys()), (items, skipped)
