"""Benchmarks for Feltjournal (run as scripts; see bench/README.md)."""
