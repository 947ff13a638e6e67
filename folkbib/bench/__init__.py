"""Benchmarks (not tests): ``folkbib bench generate|import|lend|search|memory|queries``.

generator (+ pool, swedish, iso2709) writes the region-sized MARC file; importbench,
searchbench and memorybench measure; queries is the query set; report formats the
numbers and the machine. Results and method: docs/PERFORMANCE.md.
"""
