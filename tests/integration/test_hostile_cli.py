"""The command line against hostile records, files and faults: one test per way a run used to end,
lose data or read what it should not (the run goes on; the bad input gets a reason)."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scoring.cli.main import main
from scoring.cli.output import WRITE_FAILED
from scoring.core.safe_csv import csv_cell
from tests.conftest import PLUGIN_DIR, REPO, break_record_parser

SLOW_PLUGIN = REPO / "tests" / "fixtures" / "slow_plugin"
SLOW_PROFILE = str(SLOW_PLUGIN / "slow.toml")
GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"
GATE_PROFILE = str(GATE_PLUGIN / "gate_test.toml")
FAST = ["--rubrics", "exclamation", "--no-progress", "-q"]
QUICK = ["--rubrics", "exclamation", "--no-progress"]  # where the notes on stderr are checked (-q drops them)
GOOD = "The minister said on Tuesday that the plan would go ahead, according to officials."


@pytest.fixture
def env(cli_env: dict[str, str]) -> dict[str, str]:
    paths = [str(PLUGIN_DIR), str(GATE_PLUGIN), str(SLOW_PLUGIN), str(REPO), cli_env.get("PYTHONPATH", "")]
    return dict(cli_env, PYTHONPATH=os.pathsep.join(paths))


Cli = Callable[[list[str]], "subprocess.CompletedProcess[bytes]"]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> Cli:
    """The command line run in this process (no interpreter start-up): (returncode, stdout, stderr)."""
    for folder in (PLUGIN_DIR, GATE_PLUGIN, SLOW_PLUGIN):
        monkeypatch.syspath_prepend(str(folder))

    def run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
        capsysbinary.readouterr()
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        captured = capsysbinary.readouterr()
        return subprocess.CompletedProcess(args, code, captured.out, captured.err)

    return run


def sg(args: list[str], env: dict[str, str], stdin: bytes | None = None, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "scoring", *args], env=env, capture_output=True, input=stdin,
                          timeout=300, **kwargs)  # type: ignore[call-overload]


def _rec(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


BIG_INT = '{"n": ' + "7" * 5000 + ', "text": "x"}'


def test_a_5000_digit_integer_through_score_and_gate(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", text=GOOD), BIG_INT, _rec(id="c", text=GOOD + " Wow!"))
    scored = cli(["score", str(source), *FAST])
    assert scored.returncode == 1, scored.stderr
    first, error, last = _records(scored.stdout)
    assert (first["id"], last["id"]) == ("a", "c")
    assert error["reason"] == "number_too_long" and error["path"] == f"{source}:2"
    assert f"{source}:2" in scored.stderr.decode() and "number_too_long" in scored.stderr.decode()
    rejects = tmp_path / "rejects.jsonl"
    gated = cli(["gate", str(source), "--profile", GATE_PROFILE, "--rejects", str(rejects), "-q"])
    assert gated.returncode == 0, gated.stderr
    assert [json.loads(x)["id"] for x in gated.stdout.splitlines()] == ["a", "c"]
    (reject,) = _records(rejects.read_bytes())
    assert reject["line"] == 2 and reject["reasons"] == ["number_too_long"]


def test_a_lone_surrogate_through_score_and_report(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "s.jsonl"
    source.write_text('{"id":"s","text":"a \\ud800 b!","title":"\\udc00"}\n' + _rec(id="g", text=GOOD) + "\n",
                      encoding="utf-8")
    scored = cli(["score", str(source), *FAST])
    assert scored.returncode == 0, scored.stderr
    records = _records(scored.stdout)
    assert [r["id"] for r in records] == ["s", "g"] and records[0]["title"] == "\ufffd"
    report = cli(["report", str(source), "-o", str(tmp_path / "rep"), "--rubrics", "exclamation", "--no-progress"])
    assert report.returncode == 0, report.stderr
    assert len((tmp_path / "rep" / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_a_file_name_that_is_not_utf8(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(GOOD.encode())
    out = tmp_path / "out.jsonl"
    proc = cli(["score", str(folder), "-o", str(out), *FAST])
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["id"] for r in _records(out.read_bytes())) == ["dir/a.txt", "dir/bad\\xff.txt"]


def test_deep_nesting_in_records_front_matter_and_profiles(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _jsonl(folder / "deep.jsonl", _rec(id="a", text=GOOD), '{"id": "d", "text": "x", "n": ' + "[" * 100_000
           + "]" * 100_000 + "}", _rec(id="c", text=GOOD))
    (folder / "yaml.md").write_text("---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n" + GOOD, encoding="utf-8")
    (folder / "toml.md").write_text("+++\nx = " + "[" * 50_000 + "]" * 50_000 + "\n+++\n" + GOOD, encoding="utf-8")
    proc = cli(["score", str(folder), *FAST])
    assert proc.returncode == 1
    by_id = {r["id"]: r for r in _records(proc.stdout)}
    assert {r.get("reason") for r in by_id.values()} == {None, "nested_too_deeply"}
    assert "error" not in by_id["a"] and "error" not in by_id["c"]
    assert [by_id[k]["reason"] for k in ("in/deep.jsonl:2", "in/toml.md", "in/yaml.md")] == ["nested_too_deeply"] * 3
    profile = tmp_path / "deep.toml"
    profile.write_text("[rubrics]\nexclamation = 1\nx = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    bad = cli(["score", str(folder / "deep.jsonl"), "--profile", str(profile), "--no-progress"])
    assert bad.returncode == 2 and b"nested too deeply" in bad.stderr and b"Traceback" not in bad.stderr


def test_a_yaml_alias_bomb_is_refused_at_once(env: dict[str, str], tmp_path: Path) -> None:
    anchors = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    anchors += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 8) + "]" for i in range(1, 9)]
    bomb = tmp_path / "bomb.md"
    bomb.write_text("---\n" + "\n".join(anchors) + "\n---\n" + GOOD, encoding="utf-8")
    started = time.monotonic()
    # Under a 1 GB address-space limit: expanding the aliases would need several.
    proc = sg(["score", str(bomb), *FAST], env, preexec_fn=lambda: _limit_memory(1 << 30))
    assert time.monotonic() - started < 60
    assert proc.returncode == 1, proc.stderr
    (record,) = _records(proc.stdout)
    assert record["reason"] == "yaml_alias"


def _limit_memory(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("value", ["nan", "inf", "1e308"])
def test_non_finite_or_huge_profile_weights_are_usage_errors(cli: Cli, tmp_path: Path, value: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(f"[rubrics]\nexclamation = {value}\n", encoding="utf-8")
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", text=GOOD))
    for command in (["score", str(source)], ["gate", str(source)]):
        proc = cli([*command, "--profile", str(profile), "--no-progress"])
        assert proc.returncode == 2 and b"rubrics.exclamation" in proc.stderr, proc.stderr


def test_symlinks_out_of_the_folder_are_not_followed(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("/etc", folder / "etc")
    proc = cli(["score", str(folder), *QUICK])  # not -q: the note on what was passed over is wanted
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in _records(proc.stdout)] == ["dir/a.txt"]
    assert b"symlink_outside" in proc.stderr


def test_formula_cells_are_neutralised_in_every_csv(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl",
                    _rec(id="@SUM(1+1)", title='=HYPERLINK("http://evil.example","x")', source="=cmd|' /C calc'!A0",
                         url="+1-2", text=GOOD),
                    _rec(id="-5", title="\tTabbed", source="-cmd", text=GOOD),
                    _rec(id="\tTab", text=GOOD))
    scored = cli(["score", str(source), "--format", "csv", *FAST])
    assert scored.returncode == 0, scored.stderr
    rows = list(csv.DictReader(io.StringIO(scored.stdout.decode("utf-8"))))
    assert rows[0]["id"] == "'@SUM(1+1)" and rows[0]["title"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert rows[0]["source"].startswith("'=") and rows[0]["url"] == "'+1-2"
    assert rows[1]["id"] == "-5"  # a number is not a formula
    assert rows[1]["title"] == "Tabbed"  # titles are stripped of surrounding white space
    assert rows[2]["id"] == "'\tTab"
    ranked = cli(["rank", str(source), "--format", "csv", *QUICK])
    assert ranked.returncode == 0, ranked.stderr
    sources = [row["source"] for row in csv.DictReader(io.StringIO(ranked.stdout.decode("utf-8")))]
    assert {"'-cmd", "'=cmd|' /C calc'!A0"} <= set(sources)
    audited = cli(["audit", str(source), "--format", "csv", "--bootstrap", "20", *QUICK])
    assert audited.returncode == 0, audited.stderr
    sources = [row["source"] for row in csv.DictReader(io.StringIO(audited.stdout.decode("utf-8")))]
    assert {"'-cmd", "'=cmd|' /C calc'!A0"} <= set(sources)
    report = tmp_path / "rep"
    assert cli(["report", str(source), "-o", str(report), "--rubrics", "exclamation", "--no-progress"]).returncode == 0
    for name in ("documents.csv", "sources.csv"):
        for row in csv.reader(io.StringIO((report / name).read_text(encoding="utf-8"))):
            assert all(cell == csv_cell(cell) or cell.startswith("'") for cell in row)
            assert not any(cell.startswith(("=", "@", "\t")) for cell in row), (name, row)


def test_csv_cells_keep_negative_numbers_and_plain_text() -> None:
    assert [csv_cell(v) for v in ["-0.25", "+3", "1e-5", "plain", "=1+1", "@x", "-x", "\rr", 0.5, None]] == [
        "-0.25", "+3", "1e-5", "plain", "'=1+1", "'@x", "'-x", "'\rr", 0.5, None]


def test_url_and_title_are_in_scores_csv(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", title="A headline,\nover two lines", url="https://x.example/a",
                                                 text=GOOD))
    proc = cli(["score", str(source), "--format", "csv", *FAST])
    header, row = proc.stdout.decode("utf-8").splitlines()
    assert header.split(",")[:8] == ["id", "path", "source", "url", "title", "lang", "encoding", "score"]
    (parsed,) = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8")))
    assert parsed["url"] == "https://x.example/a" and parsed["title"] == "A headline, over two lines"


def test_a_long_csv_field_and_the_rows_after_it_are_scored(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(f'id,text\nfirst,"{GOOD}"\nlong,"{"word! " * 30_000}"\nlast,"{GOOD}"\n', encoding="utf-8")
    proc = cli(["score", str(source), *FAST])
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in _records(proc.stdout)] == ["first", "long", "last"]


def test_a_jsonl_file_above_max_bytes_is_streamed(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i}", text=f"{i} {GOOD}") for i in range(200)])
    assert source.stat().st_size > 10_000
    proc = cli(["score", str(source), "--max-bytes", "1000", *FAST])
    assert proc.returncode == 0, proc.stderr
    assert len(_records(proc.stdout)) == 200


@pytest.mark.parametrize("target", ["missing/out.jsonl", "a_directory", "/dev/full"])
def test_write_failures_are_one_line_and_their_own_exit_code(cli: Cli, tmp_path: Path, target: str) -> None:
    (tmp_path / "a_directory").mkdir()
    source = _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i}", text=GOOD) for i in range(5)])
    out = target if target.startswith("/") else str(tmp_path / target)
    proc = cli(["score", str(source), "-o", out, *FAST])
    assert proc.returncode == WRITE_FAILED
    err = proc.stderr.decode()
    assert "Traceback" not in err and err.count("\n") <= 2 and "cannot write" in err, err
    assert not Path(out + ".partial").exists() or target == "/dev/full"


def test_a_full_standard_output_is_a_write_failure(env: dict[str, str], tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i}", text=GOOD * 50) for i in range(50)])
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "scoring", "score", str(source), *FAST], env=env, stdout=full,
                              stderr=subprocess.PIPE, timeout=300)
    assert proc.returncode == WRITE_FAILED and b"Traceback" not in proc.stderr, proc.stderr


def test_a_failed_rank_leaves_no_partial_file(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", text=GOOD))
    proc = cli(["rank", str(source), "-o", str(tmp_path / "nowhere" / "r.csv"), *QUICK])
    assert proc.returncode == WRITE_FAILED and b"does not exist" in proc.stderr
    assert not (tmp_path / "nowhere").exists()
    assert cli(["report", str(source), "-o", str(source), *QUICK]).returncode == WRITE_FAILED


def test_an_output_that_is_an_input_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", text=GOOD), _rec(id="b", text=GOOD))
    before = source.read_bytes()
    gated = sg(["gate", str(source), "--profile", GATE_PROFILE, "--rejects", str(source)], env)
    assert gated.returncode == 2 and b"also an input" in gated.stderr
    scored = sg(["score", str(source), "-o", str(source), *FAST], env)
    assert scored.returncode == 2 and b"also an input" in scored.stderr
    assert source.read_bytes() == before
    with open(source, "ab") as same:  # stdout redirected onto the input (appending, so it survives)
        piped = subprocess.run([sys.executable, "-m", "scoring", "gate", str(source), "--profile", GATE_PROFILE],
                               env=env, stdout=same, stderr=subprocess.PIPE, timeout=300)
    assert piped.returncode == 2 and b"also an input" in piped.stderr
    assert source.read_bytes() == before


def test_an_output_inside_the_input_folder_is_not_read_back(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    out = folder / "scores.jsonl"
    for _ in range(2):
        proc = cli(["score", str(folder), "-o", str(out), *QUICK])
        assert proc.returncode == 0, proc.stderr
        assert [r["id"] for r in _records(out.read_bytes())] == ["corpus/a.txt"]
    assert b"output_file" in proc.stderr


def _wait_for(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def _slow_inputs(tmp_path: Path, n: int) -> Path:
    return _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i:03d}", text=f"{i} " + ("keep " if i % 3 else "drop ") * 40)
                                            for i in range(n)])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_score_resumes_after_a_kill(env: dict[str, str], tmp_path: Path, fmt: str) -> None:
    source = _slow_inputs(tmp_path, 100)
    args = ["score", str(source), "--profile", SLOW_PROFILE, "--format", fmt, "--no-progress", "-q"]
    expected = tmp_path / "expected.out"
    assert sg([*args, "-o", str(expected)], env).returncode == 0
    out = tmp_path / "scores.out"
    partial = Path(str(out) + ".partial")
    proc = subprocess.Popen([sys.executable, "-m", "scoring", *args, "-o", str(out)], env=env,
                            stderr=subprocess.DEVNULL)
    _wait_for(lambda: partial.exists() and partial.stat().st_size > 0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open(partial, "ab") as fh:
        fh.write(b'{"id": "r0xx", "torn')  # a record cut by the kill
    assert not out.exists() and expected.read_bytes().startswith(partial.read_bytes()[:100])
    resumed = sg([*args[:-1], "-o", str(out), "--resume"], env)  # without -q: its note is wanted
    assert resumed.returncode == 0, resumed.stderr
    assert b"resumed" in resumed.stderr
    assert out.read_bytes() == expected.read_bytes() and not partial.exists()
    again = sg([*args, "-o", str(out), "--resume"], env)  # complete: nothing left to add
    assert again.returncode == 0 and out.read_bytes() == expected.read_bytes()


def test_resume_refuses_other_inputs_and_stdout(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i}", text=GOOD) for i in range(5)])
    out = tmp_path / "out.jsonl"
    assert cli(["score", str(source), "-o", str(out), *FAST]).returncode == 0
    other = _jsonl(tmp_path / "other.jsonl", *[_rec(id=f"x{i}", text=GOOD) for i in range(5)])
    proc = cli(["score", str(other), "-o", str(out), "--resume", *FAST])
    assert proc.returncode == 2 and b"inputs changed" in proc.stderr
    assert cli(["score", str(source), "--resume", *FAST]).returncode == 2
    with_profile = cli(["score", str(source), "-o", str(out), "--resume", "--profile", SLOW_PROFILE, "-q",
                       "--no-progress"])
    assert with_profile.returncode == 2 and b"profile" in with_profile.stderr


def test_gate_outputs_stay_in_step_after_a_kill(env: dict[str, str], tmp_path: Path) -> None:
    source = _slow_inputs(tmp_path, 150)
    kept_path, rejects = tmp_path / "kept.jsonl", tmp_path / "rejects.jsonl"
    partial = Path(str(rejects) + ".partial")
    with open(kept_path, "wb") as kept:
        proc = subprocess.Popen([sys.executable, "-m", "scoring", "gate", str(source), "--profile", SLOW_PROFILE,
                                 "--rejects", str(rejects), "--no-progress", "-q"], env=env, stdout=kept,
                                stderr=subprocess.DEVNULL)
        _wait_for(lambda: partial.exists() and partial.stat().st_size > 0 and kept_path.stat().st_size > 0)
        time.sleep(0.3)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    numbers = {int(json.loads(line)["id"][1:]) + 1: "kept" for line in kept_path.read_bytes().splitlines()}
    rejected = [json.loads(line)["line"] for line in partial.read_bytes().splitlines()]
    assert not set(rejected) & set(numbers)
    numbers.update({n: "rejected" for n in rejected})
    last = max(numbers)
    assert last < 150  # killed part-way
    assert sorted(numbers) == list(range(1, last + 1))  # every line up to the last written, exactly once
    assert all(numbers[n] == ("kept" if (n - 1) % 3 else "rejected") for n in numbers)


def test_the_gate_goes_on_after_a_line_that_breaks_its_parser(cli: Cli, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from scoring.cli import gate as gate_cli

    break_record_parser(monkeypatch, gate_cli)
    source = _jsonl(tmp_path / "in.jsonl", _rec(id="a", text="Fine text."), _rec(id="bad", text="x"),
                    _rec(id="u", url="https://[www.example.org/a", text="Also fine."))
    rejects = tmp_path / "r.jsonl"
    proc = cli(["gate", str(source), "--profile", GATE_PROFILE, "--rejects", str(rejects), "-q"])
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["a", "u"]
    (reject,) = _records(rejects.read_bytes())
    assert reject["line"] == 2 and reject["reasons"] == ["internal_error"] and "boom" in reject["detail"]


def test_a_bom_on_the_gates_first_line_keeps_that_record(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "bom.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + (_rec(id="first", text="Fine text.") + "\n"
                                          + _rec(id="second", text="Also fine.") + "\n").encode())
    proc = cli(["gate", str(source), "--profile", GATE_PROFILE, "-q"])
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["first", "second"]
    assert not proc.stdout.startswith(b"\xef\xbb\xbf")


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs /proc to find worker processes")
@pytest.mark.parametrize("command", ["score", "gate"])
def test_workers_exit_when_their_parent_is_killed(env: dict[str, str], tmp_path: Path, command: str) -> None:
    source = _slow_inputs(tmp_path, 400)
    proc = subprocess.Popen([sys.executable, "-m", "scoring", command, str(source), "--profile", SLOW_PROFILE,
                             "--jobs", "2", "--no-progress", "-q"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: len(_children(proc.pid)) >= 1)
        workers = _children(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=10)


def test_jobs_beyond_the_cpus_are_lowered(cli: Cli, tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", *[_rec(id=f"r{i}", text=GOOD) for i in range(3)])
    proc = cli(["score", str(source), "--jobs", "100000", *FAST])
    assert proc.returncode == 0, proc.stderr
    assert b"--jobs 100000 is more than" in proc.stderr and len(_records(proc.stdout)) == 3


def test_what_was_skipped_is_said_the_same_way_by_every_command(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "corpora"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD + " Wow!", encoding="utf-8")
    (folder / "SHA256SUMS").write_text(f"{'0' * 64}  a.txt\n", encoding="utf-8")
    (folder / "README.md").write_text("# About\n" + GOOD, encoding="utf-8")
    (folder / "build.py").write_text("print(1)\n", encoding="utf-8")
    notes = set()
    for command in (["score"], ["rank"], ["audit"], ["report", "-o", str(tmp_path / "rep")], ["bench", "--no-startup"]):
        proc = cli([*command, str(folder), "--rubrics", "exclamation", *(["--no-progress"] if command[0] != "bench"
                                                                            else [])])
        assert proc.returncode == 0, (command, proc.stderr)
        (note,) = [ln for ln in proc.stderr.decode().splitlines() if "that are not articles" in ln]
        notes.add(note.split(":", 1)[1])
    assert notes == {" skipped 3 file(s) that are not articles: 1 project_file, 1 checksum_list, "
                     "1 not_an_article_format (.py ×1); e.g. " + str(folder / "README.md")
                     + "; name a file explicitly to read it anyway (--verbose lists them all)"}
