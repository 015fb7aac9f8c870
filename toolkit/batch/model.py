"""The batch's data, shared by the driver (``runner``) and the executors: what happened to each article
(``Outcome``), a cache miss waiting for the model (``Miss``), a run's result (``BatchResult``), and the
``Driver`` and ``Progress`` protocols an executor calls. The runner imports the executors and both import
this module, never each other."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from toolkit.article import Article
from toolkit.batch.prepare import Prepared
from toolkit.batch.store import MANIFEST_NAME
from toolkit.ingest.discover import Item


@dataclass
class Outcome:
    """What happened to one article in this run (one manifest line)."""

    input: str
    rel: str
    status: str
    """``done`` (computed now), ``skipped`` (result from the cache, no model work), ``failed``."""
    content: str = ""
    key: str = ""
    outputs: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    figures: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    result_seconds: float | None = None
    """How long the result took to compute when it was computed (this run or an earlier one)."""
    terms: list[tuple[str, str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    quantities: int = 0
    note: str | None = None
    """Something the run did that the user should know, e.g. an invalid cache entry it redid."""
    article: Article | None = field(default=None, repr=False)

    def record(self, run_id: str, task: str) -> dict[str, Any]:
        return {
            "run": run_id,
            "time": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "input": self.input,
            "task": task,
            "status": self.status,
            "content": self.content,
            "key": self.key,
            "outputs": self.outputs,
            "seconds": round(self.seconds, 3),
            "result_seconds": self.result_seconds,
            "quality": self.figures,
            "error": self.error,
            "note": self.note,
        }


@dataclass
class Miss:
    """An article the cache could not answer: its outcome so far, waiting for model work."""

    item: Item
    outcome: Outcome
    article: Article
    t0: float
    prep_seconds: float


@dataclass
class BatchResult:
    out_dir: Path
    run_id: str
    task: str
    outcomes: list[Outcome]
    total: int
    seconds: float
    model_calls: int = 0
    model_loaded: bool = False
    stopped_early: bool = False
    fingerprint: dict[str, Any] = field(default_factory=dict)
    executor: str = "local"
    workers_started: int = 0
    """Ray: model actors started this run (0 when every article came from the cache)."""
    worker_restarts: int = 0
    """Ray: actors restarted after dying mid-run (their article was retried)."""

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def manifest(self) -> Path:
        return self.out_dir / MANIFEST_NAME

    @property
    def quality_failed(self) -> list[Outcome]:
        """Articles written whose checks did not all pass (what ``--strict`` turns into exit 3)."""
        return [o for o in self.outcomes if o.status != "failed" and not o.figures.get("passed", True)]

    def summary(self) -> str:
        s = (
            f"{len(self.outcomes)}/{self.total} articles: {self.count('done')} done, "
            f"{self.count('skipped')} cached, {self.count('failed')} failed in {self.seconds:.1f} s"
        )
        redone = sum(1 for o in self.outcomes if o.note)
        if redone:
            s += f"; {redone} invalid cache entr{'y' if redone == 1 else 'ies'} redone"
        if self.executor != "local":
            s += f"; {self.executor}: {self.workers_started} worker{'' if self.workers_started == 1 else 's'}"
            if self.worker_restarts:
                s += f", {self.worker_restarts} restarted"
        return s + (" (stopped at the first failure)" if self.stopped_early else "")


class Progress(Protocol):
    """What the runner reports as it goes; the CLI shows a bar on a terminal, log lines elsewhere."""

    def start(self, total: int) -> None: ...

    def begin(self, index: int, item: Item) -> None: ...

    def step(self, label: str, done: int, total: int) -> None: ...

    def end(self, index: int, outcome: Outcome) -> None: ...

    def close(self) -> None: ...


class TaskOptions(Protocol):
    """The options a model worker needs to compute an article as the driver would."""

    task: str
    sentences: int
    method: str


class Driver(Protocol):
    """The runner as an executor sees it: it looks articles up, completes them, and counts model work."""

    model: str | None
    glossary: Any
    opt: TaskOptions
    progress: Progress | None
    model_loaded: bool
    model_calls: int

    def lookup(self, item: Item, prep: Prepared, run: dict[str, Any]) -> Outcome | Miss:
        """A finished ``Outcome`` (unreadable, refused, or a cache hit written), or a ``Miss``."""
        ...

    def complete(
        self, miss: Miss, result: dict[str, Any] | None, seconds: float = 0.0, error: str | None = None
    ) -> Outcome:
        """A miss's computed result (or its error) into the cache, the outputs and its ``Outcome``."""
        ...

    def process(self, item: Item, prep: Prepared, run: dict[str, Any]) -> Outcome:
        """One article start to finish in this process."""
        ...
