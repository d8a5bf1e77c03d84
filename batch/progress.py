"""Stage: batch — progress of a running batch, for whoever shows it (the command line).

The batch reports two kinds of events: a page of a document read (from the document's child
process, `batch.isolation`) and a document finished (`batch.assemble.collect`). A listener is a
plain object in this process; the command line registers one that draws its progress bar.
Without a listener the events cost nothing. On a Dask cluster the page events happen on the
workers and are not seen here; the document events still are.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from omslag.rules.models import DocumentResult


class Listener(Protocol):
    def page(self, file: str, stage: str, page: int, pages: int) -> None: ...

    def document(self, result: DocumentResult, done: int, total: int, from_cache: str) -> None: ...


_listeners: list[Listener] = []
_lock = threading.Lock()


def add_listener(listener: Listener) -> None:
    with _lock:
        _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    with _lock:
        if listener in _listeners:
            _listeners.remove(listener)


def page_read(file: str, stage: str, page: int, pages: int) -> None:
    for listener in list(_listeners):
        listener.page(file, stage, page, pages)


def document_done(result: DocumentResult, done: int, total: int, from_cache: str = "") -> None:
    for listener in list(_listeners):
        listener.document(result, done, total, from_cache)
