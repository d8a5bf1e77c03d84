"""Stage: batch — per-document results kept between runs, keyed by what made them.

Two layers, so that a rubric change re-runs only the rules stage:

* extraction (`extraction/<key>.json.gz`): the full `Document` with page texts. Key: the file's
  sha256 + extraction options + the extract package's source + pdf library versions + what
  OCR this machine can do (a document read without tesseract is redone once it is installed) +
  which Dutch word list is installed (it repairs line-end hyphens).
* results (`results/<key>.json`): the rules stage's `DocumentResult`. Key: the extraction key +
  the rubric file's bytes + the rules package's source + NLP library versions + the word list
  (it checks the tagger's verbs) + the document's plan id, file name and manifest metadata (they
  end up in every evidence row).

"Code version" is a hash of the package's own source files, not a version number someone has
to remember to bump. Entries are written atomically (temporary file + rename), one file per
document, so a batch killed half-way leaves only whole entries and resumes where it stopped.
An unreadable entry is treated as missing. RESOURCE_LIMIT outcomes are kept with the limits
they hit, and tried again only under more generous limits.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from omslag.batch.models import Limits
from omslag.extract.models import Document, DocumentMeta, ExtractionStatus, ExtractOptions
from omslag.extract.ocr import ocr_fingerprint
from omslag.extract.wordlist import word_list_stamp
from omslag.rules.models import DocumentResult
from omslag.rules.ud_model import ud_model_dir
from omslag.sheets.csvio import write_bytes_atomic

CACHE_FORMAT = "1"
DEFAULT_CACHE_DIR_NAME = ".omslag-cache"


@lru_cache(maxsize=8)
def source_fingerprint(package: str) -> str:
    """Hash of every .py file of one of our packages (names and bytes, in a stable order)."""
    root = Path(__file__).resolve().parents[1] / package
    digest = hashlib.sha256()
    for path in sorted(root.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=32)
def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "none"


def _hash(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=16)
def _file_hash(path: str, mtime_ns: int, size: int) -> str:
    """sha256 of a file's bytes, once per file version (mtime, size) per process."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def extraction_key(sha256: str, options: ExtractOptions) -> str:
    return _hash(
        {
            "format": CACHE_FORMAT,
            "file": sha256,
            "options": options.model_dump(mode="json"),
            "code": source_fingerprint("extract"),
            "libraries": {name: _version(name) for name in ("pypdfium2", "pdfplumber", "pdfminer.six", "simplemma")},
            "ocr": ocr_fingerprint(options.tesseract, options.ocr_language) if options.ocr else "off",
            "word_list": word_list_stamp(),
        }
    )


def _ud_model_stamp() -> str:
    """omslag's trained Dutch pipeline (rules/nl_omslag_ud, or the folder OMSLAG_UD_MODEL names,
    as rules.nlp loads it): a retrained or another model re-runs the rules."""
    meta = ud_model_dir() / "meta.json"
    return _file_hash(str(meta), *_stamp(meta)) if meta.exists() else ""


def rules_key(extraction: str, rubric_path: Path, plan_id: str, file: str, meta: DocumentMeta) -> str:
    return _hash(
        {
            "format": CACHE_FORMAT,
            "extraction": extraction,
            "rubric": _file_hash(str(Path(rubric_path).resolve()), *_stamp(Path(rubric_path))),
            "code": source_fingerprint("rules"),
            "libraries": {name: _version(name) for name in ("spacy", "simplemma", "nl_core_news_sm")},
            "model": _ud_model_stamp(),
            "word_list": word_list_stamp(),
            "document": {"plan_id": plan_id, "file": file, "meta": meta.model_dump(mode="json")},
        }
    )


class CachedExtraction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: Document
    limits: Limits


class CachedResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    result: DocumentResult
    nlp_pipeline: str = ""


class ResultCache:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        return self.root / kind / key[:2] / f"{key}{suffix}"

    # -- extraction ------------------------------------------------------------------------
    def get_extraction(self, key: str, limits: Limits) -> Document | None:
        path = self._path("extraction", key, ".json.gz")
        try:
            entry = CachedExtraction.model_validate_json(gzip.decompress(path.read_bytes()))
        except FileNotFoundError:
            return None
        except (OSError, EOFError, ValueError, ValidationError):
            return None  # unreadable (or from an older format): extract again
        if entry.document.status is ExtractionStatus.RESOURCE_LIMIT and not entry.limits.covers(limits):
            return None  # stopped under tighter limits than we have now: try again
        return entry.document

    def put_extraction(self, key: str, document: Document, limits: Limits) -> None:
        if document.status is ExtractionStatus.ERROR:
            return  # a bug or a passing problem: never remembered
        data = CachedExtraction(document=document, limits=limits).model_dump_json().encode("utf-8")
        write_bytes_atomic(self._path("extraction", key, ".json.gz"), gzip.compress(data, compresslevel=3))

    # -- rules-stage results -----------------------------------------------------------------
    def get_result(self, key: str) -> CachedResult | None:
        path = self._path("results", key, ".json")
        try:
            return CachedResult.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, ValidationError):
            return None

    def put_result(self, key: str, result: DocumentResult, nlp_pipeline: str) -> None:
        if result.document.status in (ExtractionStatus.ERROR, ExtractionStatus.RESOURCE_LIMIT):
            return  # RESOURCE_LIMIT is decided by the extraction entry and its limits
        data = CachedResult(result=result, nlp_pipeline=nlp_pipeline).model_dump_json().encode("utf-8")
        write_bytes_atomic(self._path("results", key, ".json"), data)
