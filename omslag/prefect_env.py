"""Stage: entry point — quiet, local-only Prefect defaults, set before Prefect is imported.

Without PREFECT_API_URL, Prefect 3 starts a temporary local server inside the process (its
embedded mode): nothing to start by hand. Analytics off: besides phoning home (there is no
network here), its telemetry write races the server's SQLite start-up and prints
"database is locked" tracebacks. A user's own Prefect settings always win (setdefault).
"""

from __future__ import annotations

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
    # the temporary server needs 8–20 s to start on a 2-core machine; Prefect's default is 20 s
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def apply(verbose: bool = False) -> None:
    """Set the defaults (a user's own settings win). Prefect's own log lines (task started,
    flow run URLs) are for developers: shown from warning level on, all with `verbose`."""
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")
