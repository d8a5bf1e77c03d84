"""Stage: flows — keeping the Prefect database small (`omslag server --cleanup`).

A long-lived `omslag server` removes old flow runs itself (Prefect's db_vacuum service, see
`omslag.prefect_server.SERVER_RETENTION`). The temporary server a command starts when no
server runs has no such service, so its database (`$PREFECT_HOME/prefect.db`) grows with every
run; this deletes flow runs that ended more than `days` ago (their task runs and logs go with
them) through Prefect's API, so it works against any server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterEndTime

BATCH = 200


def delete_old_flow_runs(days: float) -> int:
    """Delete flow runs that ended before now − `days`; return how many were deleted."""
    cutoff = datetime.now(UTC) - timedelta(days=days)
    wanted = FlowRunFilter(end_time=FlowRunFilterEndTime(before_=cutoff))
    deleted = 0
    with get_client(sync_client=True) as client:
        while True:
            runs = client.read_flow_runs(flow_run_filter=wanted, limit=BATCH)
            if not runs:
                return deleted
            for run in runs:
                client.delete_flow_run(run.id)
                deleted += 1
