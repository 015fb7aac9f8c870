"""What every executor provides: run the cache misses of a batch and hand each finished article back to the
driver's ``record`` (which writes its manifest line) as it arrives."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from toolkit.batch.model import Driver, Outcome
from toolkit.batch.prepare import Prepared
from toolkit.ingest.discover import Item

Record = Callable[[int, Outcome], bool]
"""``record(index, outcome)``: write the article's manifest line; False when the run must stop (--fail-fast)."""


class Executor(ABC):
    name: ClassVar[str]
    workers_started: int = 0
    worker_restarts: int = 0

    @abstractmethod
    def run(
        self,
        runner: Driver,
        work: Iterable[tuple[int, Item, Prepared]],
        run: dict[str, Any],
        record: Record,
    ) -> None:
        """Every article of ``work`` (input order) through ``runner``: cache hits and failures straight to
        ``record``, misses through the model. Writes happen in this process only, through ``runner``."""

    def identify(self, runner: Driver) -> tuple[str, str | None] | None:
        """(model id, sha256) as the workers load it, for a model only loading can name (a GGUF path); None:
        the runner loads it itself."""
        return None

    def close(self) -> None:
        """Stop whatever the executor started (also on an interrupt); nothing it stops writes anything."""
        return None
