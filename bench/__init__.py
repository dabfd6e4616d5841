"""Benchmarks: seeded synthetic directories and timing scripts (not part of the test command)."""
