"""Stage: flows — Prefect flows: wiring, retries, caching and writing outputs; no logic.

May import every other omslag package. Nothing else imports `flows` except the CLI.
"""
