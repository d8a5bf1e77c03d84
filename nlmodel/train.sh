#!/usr/bin/env bash
# Model build: converts the UD Dutch treebanks and trains omslag's Dutch pipeline on one core,
# then installs it as rules/nl_omslag_ud/ (with the UD attribution and CC BY-SA 4.0 licence).
# Usage: nlmodel/train.sh [UD_FOLDER]   (default ../shared/ud). Takes ≈ 20–30 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
UD="${1:-../shared/ud}"
PY="${PYTHON:-.venv/bin/python}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$PY" nlmodel/convert_ud.py --ud "$UD" --out nlmodel/corpus
nice -n 10 "$PY" -m spacy train nlmodel/config.cfg --output nlmodel/training \
  --paths.train nlmodel/corpus/train.spacy --paths.dev nlmodel/corpus/dev.spacy
"$PY" nlmodel/package.py nlmodel/training/model-best rules/nl_omslag_ud
"$PY" nlmodel/evaluate.py --ud "$UD"
