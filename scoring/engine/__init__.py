"""The engine: rubric registry, profiles, scoring (one process or a worker pool), aggregation, output lines."""
