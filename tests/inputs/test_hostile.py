"""Hostile and broken inputs at the loader: each becomes that input's error (with a reason slug and
the file and line) or is read correctly, and the inputs after it are still read."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from scoring.core.document import Document, LoadError
from scoring.inputs import load as load_module
from scoring.inputs.load import LOAD_PROBLEMS, SKIP_REASONS, LoadOptions, Skip, iter_documents
from scoring.inputs.records import MAX_NESTING_DEPTH
from tests.conftest import break_record_parser

GOOD = "The minister said on Tuesday that the plan would go ahead, according to officials."


def _rec(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _items(*paths: Path, options: LoadOptions | None = None, skipped: list[Skip] | None = None) -> list:
    return list(iter_documents(list(paths), options, skipped))


def _by_outcome(items: list) -> tuple[list[Document], list[LoadError]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, LoadError)]


def _between_good_lines(tmp_path: Path, bad_line: str, name: str = "in.jsonl") -> tuple[list[Document], LoadError]:
    path = tmp_path / name
    path.write_text("\n".join([_rec(id="before", text=GOOD), bad_line, _rec(id="after", text=GOOD)]) + "\n",
                    encoding="utf-8")
    docs, errors = _by_outcome(_items(path))
    assert [d.id for d in docs] == ["before", "after"], errors
    (error,) = errors
    assert error.path == f"{path}:2"  # the file and the line
    assert error.slug in LOAD_PROBLEMS or error.slug in ("malformed_json", "number_too_long", "not_an_object")
    return docs, error


def test_an_integer_of_5000_digits_is_that_records_error(tmp_path: Path) -> None:
    _, error = _between_good_lines(tmp_path, '{"n": ' + "7" * 5000 + ', "text": "x"}')
    assert error.slug == "number_too_long" and "4,300 digits" in error.reason


def test_a_lone_surrogate_escape_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id":"s","text":"a \\ud800 b","title":"half \\udc00 emoji"}\n'
                    '{"id":"pair","text":"a \\ud83d\\ude00 b"}\n' + _rec(id="g", text=GOOD) + "\n", encoding="utf-8")
    docs, errors = _by_outcome(_items(path))
    assert not errors
    assert [d.text for d in docs[:2]] == ["a \ufffd b", "a \U0001F600 b"]  # a real pair stays one character
    assert docs[0].title == "half \ufffd emoji"
    for doc in docs:
        json.dumps([doc.id, doc.text, doc.title], ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    os.mkdir(os.path.join(os.fsencode(folder), b"dir\xfe"))
    with open(os.path.join(os.fsencode(folder), b"dir\xfe", b"inner.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    docs, errors = _by_outcome(_items(folder))
    assert not errors
    assert sorted(d.id for d in docs) == ["corpus/bad\\xff.txt", "corpus/dir\\xfe/inner.txt", "corpus/good.txt"]
    for doc in docs:
        (doc.id + (doc.path or "") + doc.source).encode("utf-8")
    assert {d.source for d in docs} == {"corpus", "dir\\xfe"}


@pytest.mark.parametrize("depth", [100_000, MAX_NESTING_DEPTH + 1])
def test_deeply_nested_json_is_that_records_error(tmp_path: Path, depth: int) -> None:
    _, error = _between_good_lines(tmp_path, '{"id": "d", "text": "x", "n": ' + "[" * depth + "]" * depth + "}")
    assert error.slug == "nested_too_deeply"


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_NESTING_DEPTH - 1  # the record itself is one level
    path = tmp_path / "ok.jsonl"
    path.write_text('{"id": "d", "text": "x", "n": ' + "[" * depth + "]" * depth + "}\n", encoding="utf-8")
    (doc,) = _items(path)
    assert isinstance(doc, Document)


@pytest.mark.parametrize("front", [
    "---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
    "+++\nx = " + "[" * 50_000 + "]" * 50_000 + "\n+++\n",
    "---\nx: " + "[" * (MAX_NESTING_DEPTH + 5) + "]" * (MAX_NESTING_DEPTH + 5) + "\n---\n",
])
def test_deeply_nested_front_matter_is_that_files_error(tmp_path: Path, front: str) -> None:
    (tmp_path / "a_deep.md").write_text(front + GOOD, encoding="utf-8")
    (tmp_path / "b_good.md").write_text("---\ntitle: fine\n---\n" + GOOD, encoding="utf-8")
    docs, errors = _by_outcome(_items(tmp_path))
    assert [d.title for d in docs] == ["fine"]
    (error,) = errors
    assert error.slug == "nested_too_deeply" and error.path.endswith("a_deep.md")


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    anchors = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    anchors += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 8) + "]" for i in range(1, 9)]
    front = "---\n" + "\n".join(anchors) + "\n---\n"
    (tmp_path / "bomb.md").write_text(front + GOOD, encoding="utf-8")
    (error,) = _items(tmp_path / "bomb.md")
    assert isinstance(error, LoadError) and error.slug == "yaml_alias" and "*a0" in error.reason


def test_yaml_anchors_without_aliases_are_fine(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: &t Plain\n---\n" + GOOD, encoding="utf-8")
    (doc,) = _items(tmp_path / "a.md")
    assert isinstance(doc, Document) and doc.title == "Plain"


def test_symlinks_out_of_the_folder_are_skipped_unless_allowed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET " + GOOD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(outside, corpus / "etc")
    os.symlink(outside / "secret.txt", corpus / "leak.txt")
    os.symlink(corpus / "sub" / "a.txt", corpus / "alias.txt")  # inside the folder: read
    skipped: list[Skip] = []
    docs, errors = _by_outcome(_items(corpus, skipped=skipped))
    assert not errors
    assert sorted(d.id for d in docs) == ["corpus/alias.txt", "corpus/sub/a.txt"]
    assert all("SECRET" not in d.text for d in docs)
    assert sorted((Path(s.path).name, s.reason) for s in skipped) == [("etc", "symlink_outside"),
                                                                      ("leak.txt", "symlink_outside")]
    allowed = [d.id for d in iter_documents([corpus], LoadOptions(follow_outside_symlinks=True))]
    assert "corpus/etc/secret.txt" in allowed and "corpus/leak.txt" in allowed
    (named,) = _items(corpus / "leak.txt")  # named explicitly: read as given
    assert isinstance(named, Document) and "SECRET" in named.text


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_keeps_its_text(tmp_path: Path, depth: int) -> None:
    page = "<html><body><p>First paragraph.</p>" + "<div>" * depth + "<p>Deep text here.</p>" + "</div>" * depth
    page += "<p>Last paragraph.</p></body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    (doc,) = _items(tmp_path / "deep.html")
    assert isinstance(doc, Document)
    assert doc.text.split("\n") == ["First paragraph.", "Deep text here.", "Last paragraph."]


def test_tag_soup_of_unclosed_tags_keeps_all_its_text(tmp_path: Path) -> None:
    page = "<html><body>" + "".join(f"<div><font>Paragraph number {i} of the story." for i in range(200))
    (tmp_path / "soup.html").write_text(page + "</body></html>", encoding="utf-8")
    (doc,) = _items(tmp_path / "soup.html")
    assert isinstance(doc, Document)
    assert [f"Paragraph number {i} of the story." in doc.text for i in range(200)] == [True] * 200


def test_a_csv_field_longer_than_131072_characters_is_read_and_later_rows_too(tmp_path: Path) -> None:
    long_text = "word " * 40_000  # 200,000 characters
    path = tmp_path / "t.csv"
    path.write_text(f'id,text\nfirst,"{GOOD}"\nlong,"{long_text}"\nlast,"{GOOD}"\n', encoding="utf-8")
    docs, errors = _by_outcome(_items(path))
    assert not errors
    assert [d.id for d in docs] == ["first", "long", "last"]
    assert docs[1].text == long_text


def test_a_csv_record_above_the_limit_is_its_error_and_the_next_records_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,text\n1,"short one"\n2,"' + "many\nlines\n" * 200 + '"\n3,"after ""quoted"" text"\n'
                    "4," + "x" * 5000 + "\n5,tail\n", encoding="utf-8")
    docs, errors = _by_outcome(_items(path, options=LoadOptions(max_bytes=1000)))
    assert [d.id for d in docs] == ["1", "3", "5"]
    assert docs[1].text == 'after "quoted" text'
    assert [(e.path.rsplit(":", 1)[1], e.slug) for e in errors] == [("3", "record_too_large"),
                                                                    ("405", "record_too_large")]


def test_jsonl_larger_than_the_limit_is_streamed_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [_rec(id=f"r{i}", text=f"Record {i}. " + GOOD) for i in range(300)]
    lines.insert(150, _rec(id="huge", text="x" * 5000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 20 * 1000
    docs, errors = _by_outcome(_items(path, options=LoadOptions(max_bytes=1000)))
    assert len(docs) == 300 and [d.id for d in docs[:2]] == ["r0", "r1"]
    (error,) = errors
    assert error.slug == "record_too_large" and error.path.endswith(":151")


def test_a_bom_on_the_first_jsonl_line_is_not_part_of_the_record(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (_rec(id="first", text=GOOD) + "\n" + _rec(id="second", text=GOOD)).encode())
    docs, errors = _by_outcome(_items(path))
    assert not errors and [d.id for d in docs] == ["first", "second"] and docs[0].encoding == "utf-8-sig"


def test_utf16_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    path.write_bytes(("\n".join(_rec(id=f"r{i}", text="Café " + GOOD) for i in range(3)) + "\n").encode("utf-16"))
    docs, errors = _by_outcome(_items(path))
    assert not errors and [d.text for d in docs] == ["Café " + GOOD] * 3


def test_a_line_that_is_not_utf8_is_that_lines_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = [(_rec(id=f"r{i}", text="Überall " + GOOD) + "\n").encode() for i in range(5)]
    path.write_bytes(b"".join(good[:2]) + b'{"id": "latin1", "text": "caf\xe9"}\n' + b"".join(good[2:]))
    docs, errors = _by_outcome(_items(path))
    assert [d.id for d in docs] == ["r0", "r1", "r2", "r3", "r4"] and docs[0].text.startswith("Überall")
    (error,) = errors
    assert error.slug == "undecodable" and error.path.endswith(":3")


def test_a_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress(("\n".join(_rec(id=f"r{i}", text=f"{i} " + GOOD * 20) for i in range(2000)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = _by_outcome(_items(path))
    assert 100 < len(docs) < 2000 and docs[0].id == "r0"
    assert [e.slug for e in errors] == ["bad_gzip"]


def test_an_unexpected_failure_stays_with_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scoring.inputs import webpage

    def explode(markup: str) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(webpage, "parse_html", explode)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    docs, errors = _by_outcome(_items(tmp_path))
    assert [d.id.rsplit("/", 1)[1] for d in docs] == ["b.txt"]
    (error,) = errors
    assert error.slug == "internal_error" and "parser bug" in error.reason and error.path.endswith("a.html")


def test_an_unexpected_failure_stays_with_its_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    break_record_parser(monkeypatch, load_module)
    _, error = _between_good_lines(tmp_path, _rec(id="bad", text=GOOD))
    assert error.slug == "internal_error"


def test_a_huge_sidecar_field_does_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "meta.csv").write_text(f'path,source,title\na.txt,Wire,"{"t" * 200_000}"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (doc,) = _items(tmp_path)
    assert isinstance(doc, Document) and doc.source == "Wire" and len(doc.title or "") == 200_000


def test_every_slug_and_skip_reason_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "command-line.md").read_text(encoding="utf-8")
    for slug in [*LOAD_PROBLEMS, *SKIP_REASONS, "malformed_json", "number_too_long", "not_an_object",
                 "missing_text", "text_not_string", "empty_text", "scoring_failed"]:
        assert f"`{slug}`" in docs, slug


def test_a_url_that_does_not_parse_falls_back_to_the_folder_source(tmp_path: Path) -> None:
    # urlparse raises on an unbalanced "[" (a broken IPv6 address): found by scripts/fuzz_inputs.py.
    folder = tmp_path / "wire"
    folder.mkdir()
    _jsonl_path = folder / "in.jsonl"
    _jsonl_path.write_text(_rec(id="u", url="https://[www.example.org/a", text=GOOD) + "\n", encoding="utf-8")
    (folder / "p.html").write_text('<html><head><link rel="canonical" href="https://[x.example/"></head>'
                                   f"<body><p>{GOOD}</p></body></html>", encoding="utf-8")
    docs, errors = _by_outcome(_items(folder))
    assert not errors and {d.source for d in docs} == {"wire"}


def test_a_control_character_beside_a_hidden_element_keeps_the_page(tmp_path: Path) -> None:
    # lxml refused to join text around a removed <script> when it held an ESC byte: found by the fuzz run.
    page = f"<html><body><p>Before\x1b <script>var x;</script>after\x1b text. {GOOD}</p><p>Next.</p></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (doc,) = _items(tmp_path / "p.html")
    assert isinstance(doc, Document)
    assert doc.text.split("\n") == [f"Before\x1b after\x1b text. {GOOD}", "Next."]
