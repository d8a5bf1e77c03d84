"""Stage: extract — reading pages without a usable text layer with tesseract (Dutch).

The page is rendered with pdfium at 300 dpi (tesseract's accuracy drops clearly below ~250 dpi
for 10-pt text) and piped to the `tesseract` command as PNG. OMP_THREAD_LIMIT=1: tesseract's
own OpenMP threading is ≈ 4× slower on this 2-core machine, and documents already run in
parallel processes. The binary and its Dutch data come from Debian's `tesseract-ocr` and
`tesseract-ocr-nld` packages (`make system-deps`); when they are missing, extraction says
NEEDS_OCR and how to install them instead of failing.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

INSTALL_HINT = (
    "installeer tesseract met Nederlandse taaldata: `make system-deps` "
    "(of `sudo apt-get install tesseract-ocr tesseract-ocr-nld`)"
)


@dataclass(frozen=True)
class OcrEngine:
    binary: str
    version: str
    language: str

    @property
    def label(self) -> str:
        return f"tesseract {self.version} ({self.language})"


class OcrUnavailable(Exception):
    """tesseract or its language data is missing; the message says how to install it."""


@lru_cache(maxsize=8)
def find_tesseract(command: str = "tesseract", language: str = "nld") -> OcrEngine:
    """The tesseract to use, checked once per process. Raises OcrUnavailable with a hint."""
    binary = shutil.which(command)
    if binary is None:
        raise OcrUnavailable(f"tesseract is niet geïnstalleerd ({command!r} niet gevonden): {INSTALL_HINT}")
    try:
        version_out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
        langs_out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailable(f"tesseract start niet ({binary}: {exc}): {INSTALL_HINT}") from exc
    first = (version_out.stdout or version_out.stderr).strip().splitlines()
    version = first[0].split()[-1] if first else "unknown"
    languages = {line.strip() for line in (langs_out.stdout + langs_out.stderr).splitlines()[1:]}
    if language not in languages:
        raise OcrUnavailable(
            f"tesseract heeft geen taaldata {language!r} (wel: {', '.join(sorted(languages)) or 'geen'}): "
            f"{INSTALL_HINT}"
        )
    return OcrEngine(binary=binary, version=version, language=language)


def ocr_fingerprint(command: str = "tesseract", language: str = "nld") -> str:
    """What OCR this machine can do, for cache keys: a result made without OCR must be redone
    once tesseract is installed."""
    try:
        return find_tesseract(command, language).label
    except OcrUnavailable:
        return "none"


def render_page_png(pdf_page, dpi: int) -> bytes:
    """Render one pypdfium2 page as a grey-scale PNG (fast compression: it is piped, not kept)."""
    bitmap = pdf_page.render(scale=dpi / 72, grayscale=True)
    try:
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()
    finally:
        bitmap.close()


def ocr_png(engine: OcrEngine, png: bytes, dpi: int, timeout: float) -> str:
    """Text of one page image. Raises RuntimeError (with tesseract's message) on failure."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            [engine.binary, "stdin", "stdout", "-l", engine.language, "--dpi", str(dpi)],
            input=png,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"tesseract deed er langer dan {timeout:.0f} s over") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"tesseract mislukt (afsluitcode {done.returncode}): {message[-1] if message else ''}")
    return done.stdout.decode("utf-8", "replace").replace("\f", "")
