"""Stage: batch — per-document work at scale, without Prefect.

Each document is extracted and analysed in a child process with a memory cap and a
no-progress timeout (`isolation`, `worker`); results are cached per document, keyed by the
file's sha256, the rubric and the code that made them (`cache`); `runner` plans a corpus
(which documents are done, which need only the rules stage, which need everything) and can run
it on a local pool without Prefect (benchmarks, tests). `flows/` wires the same pieces into a
Prefect flow. Imports extract, rules and sheets; never Prefect.
"""
