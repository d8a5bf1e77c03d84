"""Stage: rules — Dutch calendar words, shared by date finding, the context flags and the report
(a leaf module: it imports nothing, so the report can use it without loading spaCy)."""

# Dutch month names in calendar order: "per 1 januari 2025", "december 2022"
DUTCH_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


# Two years that name a period, not a moment: "2025-2029", "2025 – 2029", "2024 t/m 2027",
# "2024 tot en met 2027", "2024 tot 2027". Groups 1 and 2 are the first and the last year. Plan
# metadata reads a plan's period with YEAR_RANGE; the context flags use YEAR_PAIR to tell a period
# ("Actieplan 2024 t/m 2027") from a date to meet ("uiterlijk 2027"). YEAR_PAIR also takes a
# slash: a school year or a season ("schooljaar 2022/2023") is a period, but not a plan's.
_PERIOD_JOINERS = ("-", "–", "—", "tot en met", "t/m", "tot")


def _year_pair(joiners: tuple[str, ...]) -> str:
    return rf"(?<![\d-])((?:19|20)\d\d)\s*(?:{'|'.join(joiners)})\s*((?:19|20)\d\d)(?![\d-])"


YEAR_RANGE = _year_pair(_PERIOD_JOINERS)
YEAR_PAIR = _year_pair((*_PERIOD_JOINERS, "/"))
