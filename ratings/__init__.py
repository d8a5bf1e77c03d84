"""Stage: ratings — the rater round trip after a run: validated import of filled sheets into a
local SQLite store, agreement between raters, consensus, final scores and calibration of the
provisional scores against them.

May import `extract.models`, `rules` and `sheets` (which reads and writes the files); never
imports Prefect. The CLI (`omslag sheets|import|agreement|consensus|calibrate`) only wires.
"""
