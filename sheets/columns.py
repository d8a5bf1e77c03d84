"""Stage: outputs — the column names of the rater sheets, in one place.

A leaf module (imports nothing of ours) so that both the writer (rater_sheet) and the reader
(reader) can use it without importing each other.

Order: what identifies a row (id, indicator, page — frozen in the workbook), what to read
(fragment, waarom), what to fill (niveau, relevant, opmerking: within the first screen), then
reference columns a rater may look at, then bookkeeping.
"""

SHEET_COLUMNS = [
    "evidence_id",
    "indicator",
    "pagina",
    "fragment",
    "waarom",
    # filled in by the rater:
    "niveau",
    "relevant",
    "opmerking",
    # reference:
    "signalen",
    "kenmerken",
    "context",
    "voorlopig_niveau",
    "onderbouwing",
    "regel",
    "rang",
    "deel",
    "soort",
    "plan_id",
]
RATER_COLUMNS = ("niveau", "relevant", "opmerking")
# Columns of sheets made before the one-row-per-sentence layout; still read back.
OLD_SHEET_COLUMNS = ("signaal",)
