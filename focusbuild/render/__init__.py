"""Outputs: each takes the finished Site and writes one product."""
