"""The README's gate and integration examples, verbatim, executed (README section "Gating ingestion").

Each string below is pasted into the README unchanged; when the README carries them, the
README-executing test runs them too. They use the built-in default profile and the real rubrics.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

# The same short, invented news article opens each Python example, so each one runs on its own.
ARTICLE_CODE = '''\
article = "\\n".join([
    "The city council approved a new budget for road and bridge repairs on Monday, after a long debate.",
    '"We have waited three years for this money," said Maria Lopez, who chairs the transport committee.',
    "According to a council report published last week, about 40 of the city's 300 bridges need urgent work.",
    "Opposition members said the plan may not be enough and asked for an independent review of the costs.",
    "The budget sets aside 12 million pounds for the first phase, which covers the river crossings in the north.",
    "Engineers told the committee that the oldest bridges were built in the 1890s and last strengthened in 1975.",
    "Residents' groups welcomed the decision but said they would watch closely how the work is scheduled.",
    "The first repairs are expected to start in the spring, the council said in a statement.",
])
'''

ARTICLE = 'The city council approved a new budget for road and bridge repairs on Monday, after a long debate.\\n\\"We have waited three years for this money,\\" said Maria Lopez, who chairs the transport committee.\\nAccording to a council report published last week, about 40 of the city\'s 300 bridges need urgent work.\\nOpposition members said the plan may not be enough and asked for an independent review of the costs.\\nThe budget sets aside 12 million pounds for the first phase, which covers the river crossings in the north.\\nEngineers told the committee that the oldest bridges were built in the 1890s and last strengthened in 1975.\\nResidents\' groups welcomed the decision but said they would watch closely how the work is scheduled.\\nThe first repairs are expected to start in the spring, the council said in a statement.'  # the article as a JSON string body

PYTHON_GATE = ARTICLE_CODE + '''\
from scoring import Document, Gate

gate = Gate("default")  # or the path to your own profile .toml
verdict = gate.decide(Document(id="a1", text=article, source="example.org"))
print(verdict.keep, verdict.reasons, verdict.score)

docs = [Document(id="a1", text=article), Document(id="a2", text=""),
        Document(id="a3", text="Click here! Buy now! http://a.example http://b.example http://c.example")]
kept = [v.id for v in gate.stream(docs) if v.keep]  # lazy, in input order; gate.stream(docs, jobs=4) too
print(kept)            # ['a1']
print(gate.reasons)    # rejections per reason slug: Counter({'empty_text': 1, 'spam_link_farm': 1, ...})
'''

JSONL_CLI = f'''\
cat > articles.jsonl <<'EOF'
{{"id": "a1", "source": "example.org", "text": "{ARTICLE}"}}
{{"id": "a2", "text": ""}}
this line is not JSON
EOF
sourcegauge gate --profile default --rejects rejects.jsonl < articles.jsonl > kept.jsonl
sourcegauge gate --profile default --annotate --fail-on-reject articles.jsonl > annotated.jsonl || echo "exit $? (some records rejected)"
'''

PANDAS = ARTICLE_CODE + '''\
import pandas as pd
from scoring import score_frame

df = pd.DataFrame(
    {"text": [article, ""],
     "source": ["example.org", "example.net"]},
    index=pd.Index(["x17", "x42"], name="article"),
)
scores = score_frame(df, text="text", source="source", profile="default")  # same index as df
print(df.join(scores)[["source", "sg_score", "sg_keep", "sg_reasons"]])
'''

DASK = ARTICLE_CODE + '''\
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster
from scoring.dask import score_dataframe

df = pd.DataFrame({"text": [article, "", article, "Buy now! http://a.example http://b.example"] * 2,
                   "source": ["example.org"] * 8})
# In a script, run this under `if __name__ == "__main__":` (worker processes are spawned).
with LocalCluster(n_workers=2, processes=True, threads_per_worker=1) as cluster, Client(cluster):
    ddf = dd.from_pandas(df, npartitions=4)
    scores = score_dataframe(ddf, text="text", source="source", profile="default")  # lazy
    print(scores.compute()[["sg_score", "sg_keep", "sg_reasons"]])
'''

DATATROVE = ARTICLE_CODE + '''\
import tempfile
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from scoring.datatrove import SourcegaugeFilter

docs = [Document(text=article, id="a1", metadata={"source": "example.org"}), Document(text="", id="a2")]

def show(data, rank=0, world_size=1):
    for doc in data:
        print(doc.id, doc.metadata["sourcegauge"]["score"])
        yield doc

LocalPipelineExecutor(pipeline=[docs, SourcegaugeFilter(profile="default"), show],
                      tasks=1, workers=1, logging_dir=tempfile.mkdtemp()).run()
'''

PYTHON_EXAMPLES = {"python_gate": PYTHON_GATE, "pandas": PANDAS, "dask": DASK, "datatrove": DATATROVE}


def _require_builtin_rubrics() -> None:
    from scoring.profile import load_profile
    from scoring.registry import rubric_class

    for name in load_profile("default").rubrics:
        try:
            rubric_class(name)
        except ImportError as exc:
            pytest.skip(f"built-in rubric {name!r} not importable yet: {exc}")


def _run_python(code: str, tmp_path: Path) -> str:
    """Execute an example in this process (rubrics load once per test session), return its stdout."""
    buffer = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "README example", "exec"), {"__name__": "readme_example"})  # noqa: S102
    finally:
        os.chdir(cwd)
    return buffer.getvalue()


def test_python_gate_example(tmp_path: Path) -> None:
    _require_builtin_rubrics()
    out = _run_python(PYTHON_GATE, tmp_path).splitlines()
    assert out[0].startswith("True ()")
    assert out[1] == "['a1']"
    assert "empty_text" in out[2]


@pytest.mark.slow  # two CLI runs, each loading the built-in rubrics
def test_jsonl_cli_example(tmp_path: Path) -> None:
    _require_builtin_rubrics()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-euc", JSONL_CLI], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    kept = (tmp_path / "kept.jsonl").read_text(encoding="utf-8").splitlines()
    rejects = (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(kept) == 1 and '"a1"' in kept[0] and len(rejects) == 2
    assert "exit 1 (some records rejected)" in proc.stdout
    assert '"sourcegauge": {"keep": true' in (tmp_path / "annotated.jsonl").read_text(encoding="utf-8")
    assert "1  malformed_json" in proc.stderr and "1  empty_text" in proc.stderr


def test_pandas_example(tmp_path: Path) -> None:
    _require_builtin_rubrics()
    out = _run_python(PANDAS, tmp_path)
    assert "x17" in out and "x42" in out and "empty_text" in out


@pytest.mark.slow  # starts a 2-process LocalCluster; each worker loads the built-in rubrics once
def test_dask_example(tmp_path: Path) -> None:
    _require_builtin_rubrics()
    out = _run_python(DASK, tmp_path)
    assert "sg_score" in out and "True" in out and "empty_text" in out


def test_datatrove_example(tmp_path: Path) -> None:
    pytest.importorskip("datatrove", reason="datatrove not installed (optional extra: sourcegauge[datatrove])")
    _require_builtin_rubrics()
    out = _run_python(DATATROVE, tmp_path).splitlines()
    assert [line.split()[0] for line in out] == ["a1"]  # a2 (empty) was dropped


def test_readme_section_in_report_matches() -> None:
    """Every example is valid Python / non-empty shell, so a paste into the README stays runnable."""
    for name, code in PYTHON_EXAMPLES.items():
        compile(code, name, "exec")
    assert JSONL_CLI.count("sourcegauge gate") == 2
