"""Throughput measurement (`sourcegauge bench`) and the datatrove filter chain it compares against."""
