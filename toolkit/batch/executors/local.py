"""The local executor: today's loop, one article at a time in this process, the engine loaded on the first
cache miss."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from toolkit.batch.executors.base import Executor, Record
from toolkit.batch.model import Driver
from toolkit.batch.prepare import Prepared
from toolkit.ingest.discover import Item


class LocalExecutor(Executor):
    name = "local"

    def run(
        self,
        runner: Driver,
        work: Iterable[tuple[int, Item, Prepared]],
        run: dict[str, Any],
        record: Record,
    ) -> None:
        for i, item, prep in work:
            if runner.progress is not None:
                runner.progress.begin(i, item)
            if not record(i, runner.process(item, prep, run)):
                break
