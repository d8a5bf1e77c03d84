"""Stage: outputs — writers (and later readers) of the files analysts and raters open.

May import `extract.models` and `rules.models` / `rules.rubric`; never imports Prefect.
"""
