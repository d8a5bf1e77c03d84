"""Stage: rules — Dutch calendar words, shared by date finding, the context flags and the report
(a leaf module: it imports nothing, so the report can use it without loading spaCy)."""

# Dutch month names in calendar order: "per 1 januari 2025", "december 2022"
DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
