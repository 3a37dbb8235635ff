"""The ingestion gate and its adapters: pandas (`score_frame`), Dask and datatrove.

`Gate` and `Verdict` are importable from here; the adapters from their modules
(`scoring.gate.pandas`, `scoring.gate.dask`, `scoring.gate.datatrove`), so pandas, Dask and
datatrove load only when used.
"""

from scoring.gate.gate import Gate, GateConfigError, Verdict

__all__ = ["Gate", "GateConfigError", "Verdict"]
