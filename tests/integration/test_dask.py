"""Dask: score_dataframe on a LocalCluster with 2 worker processes equals the pandas path, and the
rubrics are built once per worker process, not per partition."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from scoring.engine.profile import load_profile
from scoring.gate.gate import GATE_CONSTRUCTIONS
from scoring.gate.pandas import score_frame
from tests.conftest import REPO, seed_text

dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] not installed (extra: sourcegauge[dask])")
distributed = pytest.importorskip("distributed", reason="dask distributed not installed (extra: sourcegauge[dask])")

from scoring.gate.dask import score_dataframe  # noqa: E402 - after the importorskip guards

GATE_PLUGIN = REPO / "tests" / "fixtures" / "gate_plugin"
PROFILE = str(GATE_PLUGIN / "gate_test.toml")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as mp:
        # Worker processes find the fake rubrics' dist-info through PYTHONPATH, as a cluster
        # finds an installed plugin.
        mp.syspath_prepend(str(GATE_PLUGIN))
        mp.setenv("PYTHONPATH", os.pathsep.join([str(GATE_PLUGIN), str(REPO), os.environ.get("PYTHONPATH", "")]))
        with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) \
                as cluster, distributed.Client(cluster) as dask_client:
            yield dask_client


def texts(n: int) -> list[Any]:
    pool = ["A report on the council budget.\nIt was approved.", "LINKFARM LINKFARM", "nav: a\nnav: b\nbody",
            "", None, "CLICKBAIT TINY", "Plain words about weather and rain."]
    return [pool[i % len(pool)] for i in range(n)]


def _workers_construction_counts(dask_client: Any, key: str) -> dict[str, int]:
    def count(key: str = key) -> int:
        from scoring.gate.gate import GATE_CONSTRUCTIONS

        return GATE_CONSTRUCTIONS[key]

    return dask_client.run(count)


def _fake_constructions(dask_client: Any) -> dict[str, dict[str, int]]:
    def count() -> dict[str, int]:
        import sg_gate_fakes

        return dict(sg_gate_fakes.CONSTRUCTIONS)

    return dask_client.run(count)


def test_cluster_result_equals_pandas_and_rubrics_build_once_per_worker(client: Any) -> None:
    df = pd.DataFrame({"text": texts(56), "source": [f"site{i % 3}" for i in range(56)]},
                      index=pd.Index([f"doc-{i:03d}" for i in reversed(range(56))], name="doc"))
    ddf = dd.from_pandas(df, npartitions=8, sort=False)
    profile = load_profile(PROFILE)
    before = GATE_CONSTRUCTIONS[profile.hash]
    lazy = score_dataframe(ddf, profile=PROFILE)
    assert GATE_CONSTRUCTIONS[profile.hash] == before  # building the graph scores nothing on the client
    assert list(lazy.columns) == list(score_frame(df.iloc[:0], profile=PROFILE).columns)
    result = lazy.compute()
    expected = score_frame(df, profile=PROFILE)
    pd.testing.assert_frame_equal(result, expected, check_index_type=False, check_dtype=False)
    assert list(result.index) == list(df.index)
    assert result["sg_reasons"].str.contains("spam_link_farm").sum() == 8

    # Run it again: the per-process cache must serve every later partition too.
    score_dataframe(ddf, profile=PROFILE).compute()
    per_worker = _workers_construction_counts(client, profile.hash)
    assert len(per_worker) == 2 and all(n <= 1 for n in per_worker.values()), per_worker
    assert sum(per_worker.values()) >= 1
    fakes = _fake_constructions(client)
    assert all(counts.get("fakespam", 0) <= 1 and counts.get("fakeboiler", 0) <= 1 for counts in fakes.values())


def test_join_meta_matches_computed(client: Any) -> None:
    df = pd.DataFrame({"text": texts(10), "n": range(10)})
    out = score_dataframe(dd.from_pandas(df, npartitions=3), profile=PROFILE, join=True)
    computed = out.compute()
    assert list(out.columns) == list(computed.columns) == ["text", "n", "sg_score", "sg_fakeboiler",
                                                          "sg_fakespam", "sg_flags", "sg_keep", "sg_reasons"]
    assert str(out.dtypes["sg_keep"]) == str(computed.dtypes["sg_keep"]) == "bool"
    assert computed["sg_score"].dtype == "float64"


@pytest.mark.slow  # each worker process loads every built-in rubric's lexicons once (~seconds)
def test_default_profile_on_the_seeds_equals_pandas(client: Any) -> None:
    from scoring.engine.registry import rubric_class

    for name in load_profile("default").rubrics:
        try:
            rubric_class(name)
        except ImportError as exc:
            pytest.skip(f"built-in rubric {name!r} not importable yet: {exc}")
    df = pd.DataFrame({"text": [seed_text(p) for p in ("000", "001", "002", "003", "004")] * 2},
                      index=range(100, 110))
    result = score_dataframe(dd.from_pandas(df, npartitions=4, sort=False)).compute()
    expected = score_frame(df)
    pd.testing.assert_frame_equal(result, expected, check_index_type=False, check_dtype=False)
    assert result["sg_score"].notna().all()


def test_missing_text_column() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no text column 'text'"):
        score_dataframe(ddf, profile=PROFILE)
