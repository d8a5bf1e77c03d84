"""Stage: rules — the rubric as data, Dutch NLP, matchers and provisional scoring.

May import `extract.models`; never imports Prefect.
"""
