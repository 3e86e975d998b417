"""I/O edge: corpus sources -> workers -> segments -> a generation swapped in atomically; the
schema and analyzers defined once."""
