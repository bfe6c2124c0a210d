"""Benchmarks: each module defines collect() -> list of (figure, value, note) rows."""
