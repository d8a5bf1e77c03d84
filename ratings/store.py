"""Stage: ratings — the local ratings store (SQLite, default `RUN_DIR/ratings.sqlite`).

Append-only by design: an import adds rows and never changes or deletes the rows of an earlier
import, so nothing a rater sent is ever lost. What counts *now* is derived when read:

* per rater × plan, the newest file wins (latest `saved_at` — when the rater last saved it —,
  then the latest import), older files stay as history;
* per plan × indicator, the newest consensus decision wins.

A file is identified by the SHA-256 of its bytes: importing the same file again does nothing.
Only two columns are ever updated: `plan_imports.stale` / `stale_reason` (a flag that the sheet
was made from evidence or a rubric that has changed since), which is metadata, not a rating.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from omslag.ratings.models import ConsensusFile, CurrentRating, RaterFile

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('rater', 'consensus')),
    sha256 TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL,
    source_name TEXT NOT NULL,
    rater TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS plan_imports (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    plan_id TEXT NOT NULL,
    rater TEXT NOT NULL,
    stamp TEXT,
    stale INTEGER NOT NULL DEFAULT 0,
    stale_reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, plan_id)
);
CREATE TABLE IF NOT EXISTS ratings (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    plan_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    level TEXT,
    comment TEXT NOT NULL DEFAULT '',
    source_cell TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, plan_id, indicator)
);
CREATE TABLE IF NOT EXISTS evidence_judgements (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    plan_id TEXT NOT NULL,
    evidence_id TEXT NOT NULL,
    relevant TEXT,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, evidence_id)
);
CREATE TABLE IF NOT EXISTS rater_evidence (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    plan_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    indicator TEXT,
    page INTEGER NOT NULL,
    quote TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    source_cell TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, plan_id, seq)
);
CREATE TABLE IF NOT EXISTS consensus (
    import_id INTEGER NOT NULL REFERENCES imports(id),
    plan_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    level TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    source_cell TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, plan_id, indicator)
);
-- the newest file per rater × plan
CREATE VIEW IF NOT EXISTS current_plan_imports AS
SELECT p.import_id, p.plan_id, p.rater, p.stamp, p.stale, p.stale_reason, i.saved_at, i.source_name
FROM plan_imports p JOIN imports i ON i.id = p.import_id
WHERE NOT EXISTS (
    SELECT 1 FROM plan_imports p2 JOIN imports i2 ON i2.id = p2.import_id
    WHERE p2.plan_id = p.plan_id AND p2.rater = p.rater
      AND (i2.saved_at > i.saved_at OR (i2.saved_at = i.saved_at AND i2.id > i.id))
);
"""


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime | None) -> str:
    moment = moment or utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class RatingsStore:
    """Open (and create) the store. Use as a context manager or call close()."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path))
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        with self.conn:
            self.conn.executescript(SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> RatingsStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _transaction(self):
        # one file = one transaction: a crash half-way leaves no half import behind
        with self.conn:
            yield self.conn

    # ---- writing -------------------------------------------------------------------------

    def find_import(self, sha256: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM imports WHERE sha256 = ?", (sha256,)).fetchone()

    def add_rater_file(
        self,
        rated: RaterFile,
        *,
        sha256: str,
        source_path: str,
        saved_at: datetime | None,
        imported_at: datetime | None = None,
    ) -> int:
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO imports(kind, sha256, source_path, source_name, rater, saved_at, imported_at) "
                "VALUES ('rater', ?, ?, ?, ?, ?, ?)",
                (sha256, source_path, Path(source_path).name, rated.rater, _iso(saved_at), _iso(imported_at)),
            )
            import_id = cursor.lastrowid
            for plan in rated.plans:
                conn.execute(
                    "INSERT INTO plan_imports(import_id, plan_id, rater, stamp) VALUES (?, ?, ?, ?)",
                    (import_id, plan.plan_id, rated.rater, plan.stamp),
                )
                for entry in plan.levels:
                    conn.execute(
                        "INSERT INTO ratings(import_id, plan_id, indicator, level, comment, source_cell) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (import_id, plan.plan_id, entry.indicator, entry.level, entry.comment, entry.where),
                    )
                for judgement in plan.judgements:
                    conn.execute(
                        "INSERT INTO evidence_judgements(import_id, plan_id, evidence_id, relevant, comment) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (import_id, plan.plan_id, judgement.evidence_id, judgement.relevant, judgement.comment),
                    )
                for seq, own in enumerate(plan.own_evidence, start=1):
                    conn.execute(
                        "INSERT INTO rater_evidence(import_id, plan_id, seq, indicator, page, quote, comment, source_cell) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (import_id, plan.plan_id, seq, own.indicator, own.page, own.quote, own.comment, own.where),
                    )
        return int(import_id)

    def add_consensus_file(
        self,
        decided: ConsensusFile,
        *,
        sha256: str,
        source_path: str,
        saved_at: datetime | None,
        imported_at: datetime | None = None,
    ) -> int:
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO imports(kind, sha256, source_path, source_name, rater, saved_at, imported_at) "
                "VALUES ('consensus', ?, ?, ?, ?, ?, ?)",
                (sha256, source_path, Path(source_path).name, decided.decided_by, _iso(saved_at), _iso(imported_at)),
            )
            import_id = cursor.lastrowid
            for decision in decided.decisions:
                conn.execute(
                    "INSERT INTO consensus(import_id, plan_id, indicator, level, note, source_cell) VALUES (?, ?, ?, ?, ?, ?)",
                    (import_id, decision.plan_id, decision.indicator, decision.level, decision.note, decision.where),
                )
        return int(import_id)

    def set_stale(self, marks: dict[tuple[int, str], str]) -> None:
        """Set the stale flag of (import_id, plan_id) → reason ('' = not stale)."""
        with self._transaction() as conn:
            for (import_id, plan_id), reason in marks.items():
                conn.execute(
                    "UPDATE plan_imports SET stale = ?, stale_reason = ? WHERE import_id = ? AND plan_id = ?",
                    (1 if reason else 0, reason, import_id, plan_id),
                )

    # ---- reading -------------------------------------------------------------------------

    def current_plan_imports(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM current_plan_imports ORDER BY plan_id, rater").fetchall()

    def is_current(self, import_id: int, plan_id: str, rater: str) -> bool:
        row = self.conn.execute(
            "SELECT import_id FROM current_plan_imports WHERE plan_id = ? AND rater = ?", (plan_id, rater)
        ).fetchone()
        return row is not None and row["import_id"] == import_id

    def levels_of(self, import_id: int, plan_id: str) -> dict[str, str | None]:
        rows = self.conn.execute(
            "SELECT indicator, level FROM ratings WHERE import_id = ? AND plan_id = ?", (import_id, plan_id)
        ).fetchall()
        return {row["indicator"]: row["level"] for row in rows}

    def current_ratings(self) -> list[CurrentRating]:
        """Every filled-in level of every rater's newest file per plan."""
        rows = self.conn.execute(
            "SELECT r.plan_id, r.indicator, c.rater, r.level, r.comment, r.import_id, c.stale "
            "FROM current_plan_imports c JOIN ratings r ON r.import_id = c.import_id AND r.plan_id = c.plan_id "
            "WHERE r.level IS NOT NULL AND r.level != '' ORDER BY r.plan_id, r.indicator, c.rater"
        ).fetchall()
        return [
            CurrentRating(
                plan_id=row["plan_id"],
                indicator=row["indicator"],
                rater=row["rater"],
                level=row["level"],
                comment=row["comment"],
                import_id=row["import_id"],
                stale=bool(row["stale"]),
            )
            for row in rows
        ]

    def current_consensus(self) -> dict[tuple[str, str], sqlite3.Row]:
        """plan × indicator → the newest consensus decision (by saved_at, then import)."""
        rows = self.conn.execute(
            "SELECT c.*, i.saved_at, i.source_name FROM consensus c JOIN imports i ON i.id = c.import_id "
            "ORDER BY i.saved_at, i.id"
        ).fetchall()
        latest: dict[tuple[str, str], sqlite3.Row] = {}
        for row in rows:
            latest[(row["plan_id"], row["indicator"])] = row
        return latest

    def current_judgements(self) -> list[sqlite3.Row]:
        """Every ja/nee a rater gave an evidence row, in her newest file per plan."""
        return self.conn.execute(
            "SELECT j.plan_id, j.evidence_id, j.relevant, j.comment, c.rater FROM current_plan_imports c "
            "JOIN evidence_judgements j ON j.import_id = c.import_id AND j.plan_id = c.plan_id "
            "WHERE j.relevant IN ('ja', 'nee') ORDER BY j.plan_id, c.rater, j.evidence_id"
        ).fetchall()

    def current_rater_evidence(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT e.*, c.rater, c.source_name, i.imported_at FROM current_plan_imports c "
            "JOIN rater_evidence e ON e.import_id = c.import_id AND e.plan_id = c.plan_id "
            "JOIN imports i ON i.id = c.import_id ORDER BY e.plan_id, c.rater, e.seq"
        ).fetchall()

    def stale_plan_imports(self) -> list[sqlite3.Row]:
        return self.conn.execute(
            "SELECT * FROM current_plan_imports WHERE stale = 1 ORDER BY plan_id, rater"
        ).fetchall()

    def history(self) -> list[sqlite3.Row]:
        """Every import, oldest first (for `omslag import --history` and tests)."""
        return self.conn.execute("SELECT * FROM imports ORDER BY id").fetchall()

    def snapshot(self) -> dict[str, list[tuple]]:
        """All rating content (not the stale flags), for checks that nothing was lost or altered."""
        tables = {
            "imports": "SELECT id, kind, sha256, source_path, rater, saved_at, imported_at FROM imports ORDER BY id",
            "ratings": "SELECT * FROM ratings ORDER BY import_id, plan_id, indicator",
            "evidence_judgements": "SELECT * FROM evidence_judgements ORDER BY import_id, evidence_id",
            "rater_evidence": "SELECT * FROM rater_evidence ORDER BY import_id, plan_id, seq",
            "consensus": "SELECT * FROM consensus ORDER BY import_id, plan_id, indicator",
        }
        return {name: [tuple(row) for row in self.conn.execute(sql).fetchall()] for name, sql in tables.items()}
