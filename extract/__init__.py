"""Stage: extract — PDF files to `Document`s with cleaned, page-numbered text.

Imports nothing else of omslag and never imports Prefect.
"""
