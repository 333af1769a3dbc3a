"""Benchmarks are programs, not tests: keep pytest out of this folder even when asked."""

collect_ignore_glob = ["*.py"]
