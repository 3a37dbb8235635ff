"""Dask: score a Dask DataFrame partition by partition, on one machine or a cluster.

    import dask.dataframe as dd
    from distributed import Client
    from scoring.gate.dask import score_dataframe

    client = Client("tcp://scheduler:8786")        # or Client(LocalCluster(...)), or no client at all
    ddf = dd.read_parquet("s3://bucket/articles/")
    scores = score_dataframe(ddf, text="text", source="source", profile="default")
    scores.to_parquet("s3://bucket/scores/")

`score_dataframe` is `ddf.map_partitions(score_frame, ...)` with an explicit `meta`, so
nothing is computed to guess the output schema. The profile is loaded once on the client
and shipped (it is a small frozen dataclass); on each worker process the rubrics are built
once per profile (scoring.gate.gate.process_gate), so lexicons load once per worker, not per
partition or row. On a real cluster sourcegauge must be installed on every worker (same
version as the client: `pip install sourcegauge[dask]` in the worker image).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from scoring.engine.profile import Profile, as_profile
from scoring.gate.pandas import result_columns, score_frame


def score_dataframe(ddf: Any, text: str = "text", source: str | None = "source", id: str | None = None,
                    profile: Profile | str | Path = "default", rubrics: Iterable[str] | None = None,
                    title: str | None = "title", join: bool = False) -> Any:
    """A lazy Dask DataFrame of score_frame's columns (see scoring.gate.pandas), same partitions and index.

    With `join=True` the input columns come first. Call `.compute()` (or write it out) to run.
    """
    if text not in ddf.columns:
        raise KeyError(f"score_dataframe: no text column {text!r}; columns: {', '.join(map(str, ddf.columns))}")
    prof = as_profile(profile, rubrics)
    meta = _meta(ddf._meta, prof, join)
    return ddf.map_partitions(score_frame, text=text, source=source, id=id, profile=prof, title=title,
                              join=join, meta=meta)


def _meta(empty: pd.DataFrame, profile: Profile, join: bool) -> pd.DataFrame:
    scores = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in result_columns(profile).items()},
                          index=empty.index)
    return empty.join(scores) if join else scores
