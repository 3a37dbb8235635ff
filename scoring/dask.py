"""Old import path of the Dask adapter (see scoring.gate.dask)."""

from scoring.gate.dask import score_dataframe

__all__ = ["score_dataframe"]
