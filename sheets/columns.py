"""Stage: outputs — the column names of the rater sheets, in one place.

A leaf module (imports nothing of ours) so that both the writer (rater_sheet) and the reader
(reader) can use it without importing each other.
"""

SHEET_COLUMNS = [
    "plan_id",
    "soort",
    "indicator",
    "evidence_id",
    "pagina",
    "signaal",
    "fragment",
    "context",
    "kenmerken",
    "regel",
    "voorlopig_niveau",
    "onderbouwing",
    # filled in by the rater:
    "relevant",
    "niveau",
    "opmerking",
]
RATER_COLUMNS = ("relevant", "niveau", "opmerking")
