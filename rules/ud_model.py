"""Stage: rules — where omslag's trained Dutch pipeline lives: `rules/nl_omslag_ud/`, or the folder
that OMSLAG_UD_MODEL names. One answer for the loader (rules.nlp) and for the result cache's key
(batch.cache), which asks in the main process, so this module imports no spaCy."""

from __future__ import annotations

import os
from pathlib import Path

UD_MODEL_DIR = Path(__file__).resolve().parent / "nl_omslag_ud"
UD_MODEL_ENV = "OMSLAG_UD_MODEL"


def ud_model_dir() -> Path:
    """The trained pipeline's folder that the rules load."""
    return Path(os.environ.get(UD_MODEL_ENV) or UD_MODEL_DIR)
