"""Stage: ratings — flag imported sheets whose plan's evidence or rubric version has changed.

Every sheet carries the stamp of what it was made from (`rubric version/evidence hash`). After
a new `omslag run`, a plan's current stamp may differ: the ratings imported from the old sheet
are kept (and still count), but are flagged *stale* in the store so the CLI can say which plans
a rater should look at again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from omslag.ratings.run_folder import STORE_NAME, RunContext, load_run_context
from omslag.ratings.store import RatingsStore
from omslag.sheets.plan_sheet import RunFolderError

STALE_REASON = "blad gemaakt met ander bewijs of andere rubricversie"


def refresh_stale(store: RatingsStore, context: RunContext) -> list[str]:
    """Update the stale flags of every rater × plan import; return the current stale ones as
    'rater / plan (file)'."""
    rows = store.conn.execute(
        "SELECT p.import_id, p.plan_id, p.stamp, p.stale, p.stale_reason FROM plan_imports p"
    ).fetchall()
    marks: dict[tuple[int, str], str] = {}
    for row in rows:
        plan = context.plans.get(row["plan_id"])
        if plan is None:
            reason = "plan komt niet meer voor in deze run"
        elif row["stamp"] and row["stamp"] != plan.stamp:
            reason = STALE_REASON
        else:
            reason = ""
        if reason != row["stale_reason"] or bool(reason) != bool(row["stale"]):
            marks[(row["import_id"], row["plan_id"])] = reason
    if marks:
        store.set_stale(marks)
    return [f"{row['rater']} / {row['plan_id']} ({row['source_name']})" for row in store.stale_plan_imports()]


def refresh_stale_ratings(run_dir: Path | str) -> list[str]:
    """For `omslag run`: refresh the flags when the run folder already has a ratings store."""
    run_dir = Path(run_dir)
    if not (run_dir / STORE_NAME).exists():
        return []
    try:
        context = load_run_context(run_dir)
    except RunFolderError:
        return []
    try:
        with RatingsStore(run_dir / STORE_NAME) as store:
            return refresh_stale(store, context)
    except sqlite3.DatabaseError:
        # a damaged store must not fail a run; the ratings commands report it
        return []
