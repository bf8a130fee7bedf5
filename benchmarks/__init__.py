"""Benchmarks: a corpus generator and side-by-side runs against peer generators."""
