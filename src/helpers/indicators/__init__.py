"""Relation indicators per directed dyad and year, and the expected-message model.

Layers, lowest first: `schema` (the events table and its vocabularies), `backends` (moving frames between pandas,
Polars, DuckDB and PySpark), `synthetic` (a seeded generator of synthetic events, for tests and benchmarks only),
`verbs` (one narwhals function per indicator), `table` (the verbs chained, the codebook), `events` (the real
events from load_messages) and `expected` (which messages a sender can be expected to send, and surprises).
"""
