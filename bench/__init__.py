"""Benchmark of the archive build: `python -m bench` or `make bench`.

- `synth`: a seeded synthetic archive of N articles from the repository's texts;
- `measure`: time and peak memory of one child process, sizes on disk;
- `run`: one size end to end (cold, warm, mkdocs, one edit) into a `Result`;
- `report`: the rows of docs/PERFORMANCE.md (a column per size).

A new measurement is one row of the table; `Result.site` is the built site, e.g.::

    from bench.report import COLUMNS, Column, size
    COLUMNS.append(Column("search download", lambda r: size(measure_bytes(r.site))))

Benchmarks are never run by `make test` (timings on a shared machine are not
assertions); `tests/test_bench_synth.py` only checks the synthetic archive.
"""
