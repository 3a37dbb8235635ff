"""`sourcegauge gate`: conservation (every line out exactly once), reasons, annotation, exit codes."""

from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.cli.main import main
from scoring.gate.gate import Gate
from tests.conftest import REPO, SOURCEGAUGE
from tests.gate.test_gate import INPUT_REASONS

GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"
PROFILE = str(GATE_PLUGIN / "gate_test.toml")


@pytest.fixture
def env(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.syspath_prepend(str(GATE_PLUGIN))  # for in-process checks
    cli_env["PYTHONPATH"] = os.pathsep.join([str(GATE_PLUGIN), str(REPO), cli_env.get("PYTHONPATH", "")])
    return cli_env


def _rec(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


def mixed_lines() -> list[tuple[bytes, str | None]]:
    """(line as bytes, expected reason or None when kept), covering every way a line can fail."""
    return [
        (_rec(id="good-1", text="A council report was published on Monday.\nIt covers roads."), None),
        (b'{"id": "bad-json", "text": "unterminated}\n', "malformed_json"),
        (_rec(id="empty", text="   "), "empty_text"),
        (_rec(id="huge", text="word " * 2000), "text_too_large"),
        (b'{"id": "latin1", "text": "caf\xe9 cr\xe8me"}\n', "undecodable"),
        (_rec(id="good-2", text="Second fine record, with \u4e2d\u6587 text.", source="example.org"), None),
        (b"[1, 2, 3]\n", "not_an_object"),
        (_rec(id="no-text", body="wrong field"), "missing_text"),
        (_rec(id="num-text", text=42), "text_not_string"),
        (b"\n", "blank_line"),
        (_rec(id="farm", text="LINKFARM LINKFARM"), "spam_link_farm"),
        (b'{"id": "crlf",   "text": "Windows line endings are fine."}\r\n', None),
        (_rec(id="nav", text="nav: Home\nnav: Sport\nnav: Weather\nBody."), "boilerplate_ratio_above_0.5"),
        (b'{"text": "No id: named by file and line.", "n": 1.50}', None),  # last line, no newline
    ]


def _run(args: list[str], env: dict[str, str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*SOURCEGAUGE, "gate", "--profile", PROFILE, *args], input=stdin, env=env,
                          capture_output=True, cwd=REPO, timeout=120)


def _read_rejects(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _original(reject: dict) -> bytes:
    if "original_base64" in reject:
        return base64.b64decode(reject["original_base64"])
    return reject["original"].encode("utf-8")


def test_conservation_on_a_mixed_jsonl_from_stdin(env: dict[str, str], tmp_path: Path) -> None:
    lines = mixed_lines()
    rejects = tmp_path / "rejects.jsonl"
    proc = _run(["--rejects", str(rejects)], env, b"".join(raw for raw, _ in lines))
    assert proc.returncode == 0, proc.stderr.decode()
    kept = proc.stdout.splitlines(keepends=True)
    rejected = _read_rejects(rejects)
    assert len(kept) + len(rejected) == len(lines)

    expected_kept = [raw if raw.endswith(b"\n") else raw + b"\n" for raw, why in lines if why is None]
    assert kept == expected_kept  # byte for byte, in input order
    assert [r["line"] for r in rejected] == [i for i, (_, why) in enumerate(lines, 1) if why is not None]
    for reject in rejected:
        raw, why = lines[reject["line"] - 1]
        assert reject["reasons"][0] == why
        assert _original(reject) == raw.rstrip(b"\r\n")
        assert reject["file"] == "<stdin>"
    ids = [r["id"] for r in rejected]
    assert ids == [None, "empty", "huge", None, None, "no-text", "num-text", None, "farm", "nav"]
    assert rejected[-1]["scores"]["fakeboiler"] < 0.5 and rejected[-1]["score"] is not None

    summary = proc.stderr.decode()
    assert f"{len(lines)} lines, 4 kept, 10 rejected" in summary
    for why in {w for _, w in lines if w}:
        assert f"1  {why}" in summary


def test_workers_give_the_same_bytes(env: dict[str, str], tmp_path: Path) -> None:
    lines = b"".join(raw.rstrip(b"\n") + b"\n" for raw, _ in mixed_lines() * 6)
    one, many = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    first = _run(["--rejects", str(one)], env, lines)
    second = _run(["--rejects", str(many), "--jobs", "2"], env, lines)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and len(first.stdout.splitlines()) == 24
    assert one.read_bytes() == many.read_bytes()


def test_annotate_appends_one_field_and_keeps_the_rest(env: dict[str, str], tmp_path: Path) -> None:
    records = [b'{"id": "k1",  "text": "Fine text.", "x": 1.50, "u": "\\u00e9"}\n',
               b'{"id": "k2", "text": "Also fine.", "sourcegauge": "old"}\n']
    proc = _run(["--annotate"], env, b"".join(records))
    assert proc.returncode == 0, proc.stderr.decode()
    first, second = proc.stdout.splitlines(keepends=True)
    assert first.startswith(records[0].rstrip(b"}\n"))  # original bytes untouched, field appended
    parsed = json.loads(first)
    assert parsed.pop("sourcegauge") == {"keep": True, "reasons": [], "score": 1.0,
                                         "scores": {"fakeboiler": 1.0, "fakespam": 1.0}, "flags": []}
    assert parsed == json.loads(records[0])
    assert json.loads(second)["sourcegauge"]["keep"] is True  # an existing field is replaced, not duplicated
    assert second.count(b'"sourcegauge"') == 1


def test_files_gzip_line_limit_and_fail_on_reject(env: dict[str, str], tmp_path: Path) -> None:
    plain = tmp_path / "a.jsonl"
    long_line = b'{"id": "long", "text": "' + b"y" * 5000 + b'"}\n'
    plain.write_bytes(_rec(id="a1", text="Fine.") + long_line)
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(_rec(id="b1", text="Also fine.") + b"oops\n"))
    rejects = tmp_path / "r.jsonl"
    proc = _run([str(plain), str(packed), "--rejects", str(rejects), "--max-line-bytes", "1000",
                 "--fail-on-reject"], env)
    assert proc.returncode == 1
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["a1", "b1"]
    first, second = _read_rejects(rejects)
    assert (first["file"], first["line"], first["reasons"]) == (str(plain), 2, ["line_too_large"])
    assert first["original_bytes"] == len(long_line) and base64.b64decode(first["original_prefix_base64"])[:8] == b'{"id": "'
    assert (second["file"], second["line"], second["reasons"]) == (str(packed), 2, ["malformed_json"])
    ok = _run([str(plain), "--max-line-bytes", "100000", "--max-chars", "10000", "--fail-on-reject"], env)
    assert ok.returncode == 0 and len(ok.stdout.splitlines()) == 2


@pytest.mark.parametrize("args", [
    ["--profile", "no-such-profile"],
    ["missing-file.jsonl"],
    ["--max-line-bytes", "0"],
    ["--max-chars", "0"],
    ["--jobs", "0"],
])
def test_usage_errors_exit_2(env: dict[str, str], args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["gate", "--profile", PROFILE, *args])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    assert code == 2
    assert "error" in capsys.readouterr().err


def test_invalid_gate_table_is_a_usage_error(env: dict[str, str], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[rubrics]\nfakespam = 1\n[gate]\nmin_score = 7\n', encoding="utf-8")
    assert main(["gate", "--profile", str(bad), str(bad)]) == 2
    assert "min_score" in capsys.readouterr().err


line_strategy = st.one_of(
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")),
    st.builds(lambda t, i: json.dumps({"id": i, "text": t}).encode(), st.text(max_size=60),
              st.integers(0, 10**6)),
    st.builds(lambda v: json.dumps({"text": v}).encode(), st.one_of(st.none(), st.integers(), st.lists(st.integers()))),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(line_strategy, max_size=25))
def test_every_line_comes_out_exactly_once(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory,
                                           capsysbinary: pytest.CaptureFixture[bytes], lines: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("prop")
    source, rejects = folder / "in.jsonl", folder / "rejects.jsonl"
    source.write_bytes(b"".join(line + b"\n" for line in lines))
    capsysbinary.readouterr()
    code = main(["gate", "--profile", PROFILE, str(source), "--rejects", str(rejects), "--quiet"])
    kept = capsysbinary.readouterr().out.splitlines()
    rejected = _read_rejects(rejects)
    assert code == 0
    assert len(kept) + len(rejected) == len(lines)
    documented = set(Gate(PROFILE).rules.reasons()) | INPUT_REASONS
    assert all(set(r["reasons"]) <= documented and r["reasons"] for r in rejected)
    rejected_lines = {r["line"] for r in rejected}
    assert len(rejected_lines) == len(rejected)
    assert kept == [line for i, line in enumerate(lines, 1) if i not in rejected_lines]
