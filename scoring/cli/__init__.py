"""The `sourcegauge` command line: `main` dispatches to one module per command."""

from scoring.cli.main import main

__all__ = ["main"]
