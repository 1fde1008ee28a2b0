"""Demo data for `make run` and the benchmarks; never imported by the portal itself."""
