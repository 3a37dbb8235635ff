"""Built-in rubrics: one package per multi-file rubric (hedging is one module), shared tools in
`rubrics/common/`, lexicons and JSON models in `rubrics/data/`. They register through the
`sourcegauge.rubrics` entry-point group exactly as a third-party rubric does."""
