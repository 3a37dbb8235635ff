"""The loader: every input format, source rules, and bad files reported without stopping the run."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from scoring.core.document import Document, LoadError
from scoring.inputs.load import LoadOptions, Skip, iter_documents, load_documents

ARTICLE = "The minister said on Tuesday that the plan would go ahead.\nCritics disagreed, according to Reuters."
HTML_PAGE = """<!doctype html><html><head><title>Chip curbs bite | Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://www.example-news.com/tech/chips">
<meta name="author" content="Jane Doe"><script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>Chip curbs bite</h1><p>The <b>ban</b> took effect on Monday, officials said.</p>
<p>Analysts expect further measures later this year, according to a report by the agency.</p>
<p>Huawei said its own chips would fill the gap within two years, a spokesperson told reporters.</p></article>
<footer>© 2025 Example News. All rights reserved.</footer></body></html>"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def only_doc(items: list) -> Document:
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 1, items
    return docs[0]


def test_plain_text_source_is_the_folder_name(tmp_path: Path) -> None:
    write(tmp_path / "guardian" / "a.txt", ARTICLE)
    doc = only_doc(list(iter_documents([tmp_path / "guardian"])))
    assert doc.text == ARTICLE
    assert doc.source == "guardian"
    assert doc.id == "guardian/a.txt"
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize("fence", ["yaml", "toml"])
def test_markdown_front_matter(tmp_path: Path, fence: str) -> None:
    if fence == "yaml":
        head = "---\ntitle: Chip curbs\nsource: Example Wire\nurl: https://example.org/x\ntags: [a, b]\n---\n"
    else:
        head = '+++\ntitle = "Chip curbs"\nsource = "Example Wire"\nurl = "https://example.org/x"\ntags = ["a", "b"]\n+++\n'
    write(tmp_path / "f" / "a.md", head + ARTICLE)
    doc = only_doc(list(iter_documents([tmp_path])))
    assert doc.text == ARTICLE
    assert (doc.title, doc.source, doc.url) == ("Chip curbs", "Example Wire", "https://example.org/x")
    assert doc.metadata["front_matter"]["tags"] == ["a", "b"]


def test_markdown_front_matter_never_closed_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: x\n" + ARTICLE)
    (item,) = list(iter_documents([tmp_path / "a.md"]))
    assert isinstance(item, LoadError) and "never closed" in item.reason


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_keeps_visible_lines_and_extracts_metadata(tmp_path: Path, suffix: str) -> None:
    write(tmp_path / "pages" / f"p{suffix}", HTML_PAGE)
    doc = only_doc(list(iter_documents([tmp_path])))
    lines = doc.text.split("\n")
    assert lines[0] == "HomeWorld"  # inline links run together, as a scraper would see them
    assert "The ban took effect on Monday, officials said." in lines
    assert lines[-1].startswith("©")
    assert "not text" not in doc.text  # script content is not visible text
    assert doc.source == "Example News"
    assert doc.url == "https://www.example-news.com/tech/chips"
    assert "Huawei said" in doc.metadata["html"]["main_text"]
    assert doc.metadata["html"].get("author") == "Jane Doe"


def test_html_without_site_name_uses_canonical_host(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta property="og:site_name" content="Example News">', "")
    write(tmp_path / "p.html", page)
    doc = only_doc(list(iter_documents([tmp_path / "p.html"])))
    assert doc.source in ("example-news.com", "www.example-news.com")


def test_jsonl_records_with_configurable_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc_id": "r1", "body": ARTICLE, "outlet": "Wire A", "url": "https://a.example/1"}),
        "{not json",
        json.dumps({"doc_id": "r3", "body": "", "outlet": "Wire A"}),
        json.dumps({"doc_id": "r4", "outlet": "Wire A"}),
        json.dumps(["a", "list"]),
        json.dumps({"doc_id": "r6", "body": "美国政府持续采取措施。", "url": "https://www.b.example/x"}),
    ]
    write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    opts = LoadOptions(text_field="body", id_field="doc_id", source_field="outlet")
    items = list(iter_documents([tmp_path / "batch.jsonl"], opts))
    assert len(items) == 6
    assert [type(i).__name__ for i in items] == ["Document", "LoadError", "LoadError", "LoadError", "LoadError",
                                                "Document"]
    assert items[0].id == "r1" and items[0].source == "Wire A"
    assert "invalid JSON" in items[1].reason and items[1].path.endswith("batch.jsonl:2")
    assert "empty" in items[2].reason and items[2].id == "r3"
    assert "missing" in items[3].reason
    assert "not an object" in items[4].reason
    assert items[5].source == "b.example"  # URL host when the record names no source


def test_csv_records(tmp_path: Path) -> None:
    write(tmp_path / "rows.csv", 'id,text,source\nc1,"A quoted, multi-line\nbody.",Wire B\nc2,Second body.,\n')
    docs, errors = load_documents([tmp_path / "rows.csv"])
    assert not errors
    assert [d.id for d in docs] == ["c1", "c2"]
    assert docs[0].text == "A quoted, multi-line\nbody." and docs[0].source == "Wire B"
    assert docs[1].source == tmp_path.name  # no source field value: folder name


def test_csv_without_text_column_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "rows.csv", "id,body\n1,x\n")
    (item,) = list(iter_documents([tmp_path / "rows.csv"]))
    assert isinstance(item, LoadError) and "'text' column" in item.reason


@pytest.mark.parametrize("inner", ["a.txt", "a.md", "a.html", "a.jsonl", "a.csv"])
def test_gzipped_inputs(tmp_path: Path, inner: str) -> None:
    payload = {
        "a.txt": ARTICLE,
        "a.md": "---\ntitle: T\n---\n" + ARTICLE,
        "a.html": HTML_PAGE,
        "a.jsonl": json.dumps({"id": "g1", "text": ARTICLE}) + "\n",
        "a.csv": "id,text\ng1," + json.dumps(ARTICLE) + "\n",
    }[inner]
    write(tmp_path / (inner + ".gz"), gzip.compress(payload.encode("utf-8")))
    doc = only_doc(list(iter_documents([tmp_path / (inner + ".gz")])))
    assert "minister said" in doc.text or "ban took effect" in doc.text


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    write(tmp_path / "bomb.txt.gz", gzip.compress(b"a" * 5_000_000))
    (item,) = list(iter_documents([tmp_path / "bomb.txt.gz"], LoadOptions(max_bytes=100_000)))
    assert isinstance(item, LoadError) and "decompresses to more than" in item.reason


def test_size_limit(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "word " * 50_000)
    (item,) = list(iter_documents([tmp_path / "big.txt"], LoadOptions(max_bytes=10_000)))
    assert isinstance(item, LoadError) and "above the size limit" in item.reason


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("gb.txt", "美国政府持续采取贸易保护主义措施,不断加征关税,对包括中国在内的多个国家的产品实施限制。".encode("gb18030"), "gb18030"),
        ("big5.txt", "美國政府持續採取貿易保護主義措施,不斷加徵關稅,對包括中國在內的多個國家的產品實施限制。".encode("big5"), "big5"),
        ("latin.txt", "Caf\u00e9 prices rose by \u00a32, the owner said.".encode("latin-1"), "cp1252"),
        ("u16.txt", ARTICLE.encode("utf-16"), "utf-16"),
        ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig"),
    ],
)
def test_encodings_are_detected_and_recorded(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    write(tmp_path / name, data)
    doc = only_doc(list(iter_documents([tmp_path / name])))
    assert doc.encoding == encoding
    assert "\ufffd" not in doc.text


def test_sidecar_meta_csv_paths_relative_to_the_sidecar(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "meta.csv", "path,url,source,title\nnews/a.txt,https://www.site-a.com/1,Site A,Headline A\n"
                             "news/b.txt,https://news.site-b.org/2,,\n")
    write(root / "news" / "a.txt", ARTICLE)
    write(root / "news" / "b.txt", ARTICLE)
    write(root / "news" / "c.txt", ARTICLE)
    docs, errors = load_documents([root])
    assert not errors
    by_id = {d.id: d for d in docs}
    assert by_id["corpus/news/a.txt"].source == "Site A"
    assert by_id["corpus/news/a.txt"].title == "Headline A"
    assert by_id["corpus/news/b.txt"].source == "news.site-b.org"  # sidecar URL host
    assert by_id["corpus/news/c.txt"].source == "news"  # not in the sidecar: folder name
    assert "corpus/meta.csv" not in by_id  # sidecars are not documents


def test_sources_csv_is_also_a_sidecar(tmp_path: Path) -> None:
    write(tmp_path / "sources.csv", "path,source\nx.txt,Wire X\n")
    write(tmp_path / "x.txt", ARTICLE)
    doc = only_doc(list(iter_documents([tmp_path])))
    assert doc.source == "Wire X"


def test_bad_files_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    write(tmp_path / "good1.txt", ARTICLE)
    write(tmp_path / "image", b"\x89PNG\r\n\x1a\n" + os.urandom(500))  # no extension, not text: skipped
    write(tmp_path / "photo.png", b"\x89PNG\r\n\x1a\n" + os.urandom(500))  # not an article format: skipped
    write(tmp_path / "noise.txt", bytes(range(128, 256)) * 20 + b"\x81\x8d\x8f\x90\x9d" * 50)
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "blank.txt", "   \n\n  ")
    write(tmp_path / "zz_good2.txt", ARTICLE.upper())
    skipped: list[Skip] = []
    docs = [d for d in iter_documents([tmp_path], skipped=skipped) if isinstance(d, Document)]
    errors = [e for e in iter_documents([tmp_path]) if isinstance(e, LoadError)]
    assert sorted(d.id.split("/")[-1] for d in docs) == ["good1.txt", "zz_good2.txt"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("image", "not_article_text"),
                                                              ("photo.png", "not_an_article_format")]
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert "photo.png" not in reasons and "image" not in reasons
    (named,) = list(iter_documents([tmp_path / "image"]))  # named explicitly: read, found binary
    assert isinstance(named, LoadError) and "PNG" in named.reason and named.slug == "binary_file"
    assert "undecodable" in reasons["noise.txt"] or "binary" in reasons["noise.txt"]
    assert reasons["empty.txt"] == "empty file"
    assert "white space" in reasons["blank.txt"]


def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    write(tmp_path / "a" / "doc.txt", ARTICLE)
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path / "missing", tmp_path / "a" / "dangling.txt")
    docs, errors = load_documents([tmp_path / "a"])
    assert [d.id for d in docs] == ["a/doc.txt"]
    reasons = sorted(e.reason for e in errors)
    assert any("symlink loop" in r for r in reasons)
    assert any("broken symlink" in r for r in reasons)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", ARTICLE)
    path.chmod(0)
    (item,) = list(iter_documents([path]))
    assert isinstance(item, LoadError) and "permission denied" in item.reason


def test_missing_path_is_reported(tmp_path: Path) -> None:
    (item,) = list(iter_documents([tmp_path / "nope"]))
    assert isinstance(item, LoadError) and "no such file" in item.reason


def test_order_is_stable_and_depth_first(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.txt", "a/z/3.txt", "c.txt"):
        write(tmp_path / "r" / name, ARTICLE)
    ids = [d.id for d in iter_documents([tmp_path / "r"])]
    assert ids == ["r/a/1.txt", "r/a/z/3.txt", "r/b/2.txt", "r/c.txt"]


def test_shared_corpora_sources_and_encodings(shared_corpora: Path) -> None:
    docs, errors = load_documents([shared_corpora / "sogou", shared_corpora / "cnn"])
    assert not errors
    encodings = {d.encoding for d in docs if "/tensite/" in d.id}
    assert encodings == {"gb18030"}
    sources = {d.source for d in docs}
    assert {"gongyi.sohu.com", "news.cn.yahoo.com", "cnn", "dailymail", "cnndm"} <= sources


def test_folder_walk_skips_other_formats_but_explicit_files_are_read(tmp_path: Path) -> None:
    write(tmp_path / "c" / "article.txt", ARTICLE)
    write(tmp_path / "c" / "build_corpus.py", "print('not an article')\n")
    write(tmp_path / "c" / "SHA256SUMS", "abc  article.txt\n")
    write(tmp_path / "c" / "README.md", "# About this corpus\n\n" + ARTICLE)
    write(tmp_path / "c" / "dump", ARTICLE)  # no extension, reads as an article: read
    write(tmp_path / "c" / "hashes", "".join(f"{i:064x}  bbc/{i:03d}.txt\n" for i in range(20)))
    skipped: list[Skip] = []
    ids = [d.id for d in iter_documents([tmp_path / "c"], skipped=skipped)]
    assert ids == ["c/article.txt", "c/dump"]
    assert sorted((Path(s.path).name, s.reason) for s in skipped) == [
        ("README.md", "project_file"), ("SHA256SUMS", "checksum_list"), ("build_corpus.py", "not_an_article_format"),
        ("hashes", "checksum_list")]
    assert [d.id for d in iter_documents([tmp_path / "c" / "build_corpus.py"])] == ["build_corpus.py"]
