"""Benchmarks (`make bench`): read-API latency, SQL query counts and HTTP throughput on
PostgreSQL with a seeded catalogue. Never collected by pytest (see conftest.py)."""
