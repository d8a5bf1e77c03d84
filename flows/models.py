"""Stage: flows — the run summary the flow returns and writes to `run.json`.

The models live in `batch.models` (the run is assembled without Prefect, `batch.assemble`);
they are re-exported here for code that imported them from the flow.
"""

from __future__ import annotations

from omslag.batch.models import FailedDocument, RunSummary

__all__ = ["FailedDocument", "RunSummary"]
