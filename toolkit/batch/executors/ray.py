"""The Ray executor: cache misses go to model actors on a Ray cluster; everything else stays on the driver.

- **Actors, not tasks.** Each ``ModelWorker`` loads the model once and briefs (or translates) many articles.
  llama.cpp uses every core it is given, so by default there is one actor per node, reserving all of that
  node's CPUs (and running that many llama.cpp threads); ``workers`` asks for that many actors instead,
  each reserving an equal share of the cluster's CPUs.
- **The driver is the single writer.** It reads and keys the articles (they live on the driver's disk, and
  preparing one takes milliseconds against the model's seconds), checks the cache, and sends an actor only
  the prepared ``Article`` of a miss. The actor sends back the result as JSON-typed data; the driver renders
  it, stores it and appends the manifest line, exactly as a local run does. So a Ray run and a local run share
  one output folder and cache, and a killed Ray run resumes like a local one.
- **Ray is started only for a miss.** A rerun over a finished folder never starts a runtime or an actor.
- **Faults.** An actor that dies (node lost, OOM, ``ray.kill``) is restarted by Ray and its article retried,
  ``MAX_TASK_RETRIES`` times; then the article is recorded as failed with the reason, the slot gets a fresh
  actor (at most ``MAX_REPLACEMENTS`` times per slot) and the other articles go on. An article whose pipeline
  raises fails alone, with the same message as locally. Ctrl+C kills the actors and stops a runtime this run
  started; nothing an actor does is ever written half-way, because actors write nothing.
- **Same code everywhere.** An actor reports the model hash, zhbrief version and prompt versions it runs;
  a worker that differs from the driver stops the run (its results would be stored under the wrong keys).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import toolkit
from toolkit import __version__
from toolkit.article import Article
from toolkit.batch.executors.base import Executor, Record
from toolkit.batch.keys import prompt_versions
from toolkit.batch.model import Driver, Miss, Outcome
from toolkit.batch.prepare import Prepared
from toolkit.batch.tasks import get_task
from toolkit.engines import load_engine
from toolkit.engines.llama import machine_threads
from toolkit.errors import ZhbriefError
from toolkit.ingest.discover import Item
from toolkit.paths import cache_dir

MAX_TASK_RETRIES = 2
"""An article is tried at most 1 + this many times on actors that die under it, then recorded as failed."""
MAX_RESTARTS = 4
"""Restarts Ray gives one actor (each reloads the model) before the slot is given a fresh actor."""
MAX_REPLACEMENTS = 2
"""Fresh actors per slot after its actor is lost for good; past that the slot is closed."""
START_TIMEOUT_S = 600.0
"""How long the workers may take to be placed and load the model before the run gives up on the cluster."""
ACTOR_PREFIX = "zhbrief-batch-"
LOCAL_OBJECT_STORE_BYTES = 128 * 1024**2
"""A local runtime's object store: articles and results are kilobytes, so Ray's default (30% of memory)
would only reserve memory the model needs."""


LOOPBACK = "127.0.0.1"
RAY_SOCKET_ROOM = 50
"""Ray's sockets live at ``TEMP/session_<date>_<pid>/sockets/plasma_store``, and a Unix socket path has
107 bytes at most: a temp folder longer than this leaves Ray no room."""


def ray_temp_dir() -> Path:
    """Where a local runtime keeps its sockets and logs: ``<zhbrief cache>/ray``, private to this user.

    When that path is too long for Ray's socket paths (a deep $ZHBRIEF_CACHE_DIR), a folder of this user's
    own under the system temp folder (mode 0700, never one other users share) stands in.
    """
    d = cache_dir() / "ray"
    if len(str(d)) > RAY_SOCKET_ROOM:
        d = Path(tempfile.gettempdir()) / f"zhbrief-ray-{os.getuid()}"
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    return d


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Ray's connection code writes its own warnings and source lines straight to file descriptor 2
    (gRPC, the C++ core), which logging settings do not reach. While it starts or connects, fd 2 goes to
    /dev/null (the runtime's own processes log to their files under the temp folder); the error that
    follows, if any, is our one line."""
    sys.stderr.flush()
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def _one_line(e: BaseException, limit: int = 300) -> str:
    """The last informative line of a Ray error (they carry whole remote tracebacks)."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "ZhbriefError:" in ln:
            return ln.split("ZhbriefError:", 1)[1].strip()[:limit]
    return (lines[-1] if lines else type(e).__name__)[:limit]


class ModelWorker:
    """The actor's body (a plain class, so this module imports without Ray): the model loaded once, then one
    article per ``compute`` call. It writes nothing; what it returns is JSON-typed data."""

    def __init__(
        self, model: str | None, task: str, sentences: int, method: str, glossary: Any, threads: int
    ) -> None:
        # llama.cpp's threads spin while they wait for each other: exactly as many as the CPUs reserved.
        if threads > 0 and not os.environ.get("ZHBRIEF_THREADS"):
            os.environ["ZHBRIEF_THREADS"] = str(threads)
        self.task = get_task(task)
        self.sentences, self.method, self.glossary = sentences, method, glossary
        self.engine = load_engine(model)

    def identity(self) -> dict[str, Any]:
        import socket

        return {
            "model": self.engine.sha256 or f"id:{self.engine.model_id}",
            "model_id": str(self.engine.model_id),
            "sha256": self.engine.sha256,
            "version": __version__,
            "prompts": prompt_versions(),
            "node": socket.gethostname(),
            "pid": os.getpid(),
        }

    def compute(self, article: Article) -> dict[str, Any]:
        t0 = time.perf_counter()
        reply: dict[str, Any] = {"pid": os.getpid()}
        try:
            result, calls = self.task.compute(
                article,
                self.engine,
                self.glossary,
                sentences=self.sentences,
                method=self.method,
                step=None,
            )
            # JSON types, as the cache will give them back, so a rerun renders the same bytes.
            reply["result"] = json.loads(json.dumps(result, ensure_ascii=False))
            reply["calls"] = calls
        except ZhbriefError as e:
            reply["error"], reply["kind"] = str(e), "zhbrief"
        except Exception as e:  # one article's bug is recorded against it, as locally
            reply["error"], reply["kind"] = f"{type(e).__name__}: {e}", "internal"
        reply["seconds"] = time.perf_counter() - t0
        return reply


class RayExecutor(Executor):
    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self.address = address
        self.workers = workers
        self.connected = False
        self.owns_connection = False
        self.actors: list[Any] = []
        self.plan: list[tuple[int, Any]] = []
        self.replacements: list[int] = []
        self.idle: deque[int] = deque()
        self.inflight: dict[Any, tuple[int, int, Miss]] = {}
        self.pids: list[set[int]] = []
        self.runner: Driver | None = None
        self.tag = uuid.uuid4().hex[:8]
        self.identity: dict[str, Any] | None = None
        self.identities: list[dict[str, Any]] = []
        self.checked = False
        self._pending_failures: list[tuple[int, Outcome]] = []

    # -- starting -------------------------------------------------------------------------------------------

    def _connect(self) -> None:
        import ray

        if self.connected:
            return
        self.connected = True
        if ray.is_initialized():  # the caller's own runtime: use it, leave it running
            return
        quiet: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
        try:
            with _stderr_silenced():
                self._init(ray, quiet)
        except (ConnectionError, RuntimeError, ValueError) as e:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray runtime"
            raise ZhbriefError(f"cannot start or join {where}: {_one_line(e)}") from None
        self.owns_connection = True

    def _init(self, ray: Any, quiet: dict[str, Any]) -> None:
        """Start a local runtime, or join the cluster at ``address``.

        A local runtime is this machine's alone: it listens on loopback only (by default Ray binds the
        container's address, so anyone on the network could submit work to it) and keeps its sockets, logs
        and spilled objects under zhbrief's cache, not in a ``/tmp/ray`` other users share.
        """
        if self.address is None:
            # The actors import this very checkout of zhbrief, whatever the driver's working directory.
            root = str(Path(toolkit.__file__).resolve().parent.parent)
            paths = [root, *(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
            ray.init(
                num_cpus=machine_threads(),
                include_dashboard=False,
                object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}},
                _node_ip_address=LOOPBACK,
                _temp_dir=str(ray_temp_dir()),
                **quiet,
            )
        else:
            ray.init(address=self.address, **quiet)

    def _plan(self) -> list[tuple[int, Any]]:
        """(CPUs to reserve, scheduling strategy) per actor."""
        import ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        nodes = [n for n in ray.nodes() if n.get("Alive") and n.get("Resources", {}).get("CPU", 0) >= 1]
        if not nodes:
            raise ZhbriefError("the Ray cluster has no live node with a CPU")
        cpus = [int(n["Resources"]["CPU"]) for n in nodes]
        if self.workers is None:
            return [
                (c, NodeAffinitySchedulingStrategy(n["NodeID"], soft=False))
                for c, n in zip(cpus, nodes, strict=True)
            ]
        if self.workers > sum(cpus):
            raise ZhbriefError(
                f"--workers {self.workers}: the Ray cluster has {sum(cpus)} CPUs, and each worker needs one"
            )
        share = max(1, min(max(cpus), sum(cpus) // self.workers))
        return [(share, "SPREAD")] * self.workers

    def _new_actor(self, slot: int) -> Any:
        import ray

        assert self.runner is not None
        r = self.runner
        cpus, strategy = self.plan[slot]
        # The glossary goes by value (tens of KB), not as an object-store reference: Ray could not restart an
        # actor whose constructor arguments had left the store (ray-project/ray#53727).
        return (
            ray.remote(ModelWorker)
            .options(
                num_cpus=cpus,
                max_restarts=MAX_RESTARTS,
                max_task_retries=MAX_TASK_RETRIES,
                scheduling_strategy=strategy,
                name=f"{ACTOR_PREFIX}{self.tag}-{slot}-{self.replacements[slot]}",
            )
            .remote(r.model, r.opt.task, r.opt.sentences, r.opt.method, r.glossary, cpus)
        )

    def _start(self, runner: Driver) -> None:
        """Connect, start the actors, wait until every one has loaded the model, and check they all run what
        the driver keys the cache by."""
        import ray

        if self.actors:
            return
        self.runner = runner
        self._connect()
        self.plan = self._plan()
        self.replacements = [0] * len(self.plan)
        self.pids = [set() for _ in self.plan]
        self.actors = [self._new_actor(slot) for slot in range(len(self.plan))]
        self.workers_started = len(self.actors)
        runner.model_loaded = True  # in the actors
        try:
            ids = ray.get([a.identity.remote() for a in self.actors], timeout=START_TIMEOUT_S)
        except ray.exceptions.GetTimeoutError:
            raise ZhbriefError(
                f"the Ray cluster did not start {len(self.actors)} model worker(s) "
                f"({', '.join(str(c) for c, _ in self.plan)} CPUs) within {START_TIMEOUT_S:.0f} s; "
                "check `ray status` for free CPUs"
            ) from None
        except ray.exceptions.RayError as e:
            raise ZhbriefError(f"a Ray worker could not load the model: {_one_line(e)}") from None
        for slot, ident in enumerate(ids):
            self.pids[slot].add(ident["pid"])
        self.identities = ids
        self.identity = ids[0]
        self.idle = deque(range(len(self.actors)))

    def identify(self, runner: Driver) -> tuple[str, str | None] | None:
        self._start(runner)
        assert self.identity is not None
        return self.identity["model_id"], self.identity["sha256"]

    def _check(self, run: dict[str, Any]) -> None:
        for ident in self.identities:
            theirs = {"model": ident["model"], "version": ident["version"], "prompts": ident["prompts"]}
            ours = {k: run[k] for k in theirs}
            if theirs != ours:
                diff = ", ".join(
                    f"{k} {theirs[k]!r} (driver: {ours[k]!r})" for k in theirs if theirs[k] != ours[k]
                )
                raise ZhbriefError(
                    f"the Ray worker on {ident['node']} runs other code or another model: {diff}; install the "
                    "same zhbrief on every node, then `zhbrief models install`"
                )

    # -- running --------------------------------------------------------------------------------------------

    def run(
        self,
        runner: Driver,
        work: Iterable[tuple[int, Item, Prepared]],
        run: dict[str, Any],
        record: Record,
    ) -> None:
        self.runner = runner
        queue: deque[tuple[int, Miss]] = deque()
        keep = True
        for i, item, prep in work:
            found = runner.lookup(item, prep, run)
            if isinstance(found, Outcome):
                if runner.progress is not None:
                    runner.progress.begin(i, item)
                keep = record(i, found)
            else:
                if not self.checked:
                    self._start(runner)  # the first miss: nothing before it needed Ray
                    self._check(run)
                    self.checked = True
                queue.append((i, found))
                self._dispatch(queue)
            if keep and self.inflight:
                keep = self._collect(record, queue, timeout=0)
            # Read ahead of the workers by a few articles only: a corpus of thousands is not held in memory.
            while keep and len(queue) > 2 * len(self.actors) + 2:
                keep = self._collect(record, queue, timeout=1.0)
            if not keep:
                break
        while keep and (queue or self.inflight):
            self._dispatch(queue)
            keep = self._collect(record, queue, timeout=1.0)
        # Stopped early (--fail-fast): what the workers already hold is finished and recorded, not thrown
        # away; nothing more is sent.
        while self.inflight:
            self._collect(record, deque(), timeout=1.0)

    def _dispatch(self, queue: deque[tuple[int, Miss]]) -> None:
        """One article in flight per actor: a dying actor then takes exactly one article's retries with it."""
        assert self.runner is not None
        while queue and self.idle:
            slot = self.idle.popleft()
            i, miss = queue.popleft()
            miss.t0 = time.perf_counter()
            if self.runner.progress is not None:
                self.runner.progress.begin(i, miss.item)
            self.inflight[self.actors[slot].compute.remote(miss.article)] = (slot, i, miss)
        if queue and not self.idle and not self.inflight:
            # Every slot closed (its actors kept dying): the rest cannot run here; record why, go on.
            while queue:
                i, miss = queue.popleft()
                error = f"{miss.item.path}: no Ray worker left to run it (every worker kept dying)"
                self._pending_failures.append((i, self.runner.complete(miss, None, error=error)))

    def _collect(self, record: Record, queue: deque[tuple[int, Miss]], timeout: float) -> bool:
        """Record every result that is ready (waiting up to ``timeout`` for the first); False to stop."""
        import ray

        assert self.runner is not None
        keep = True
        for i, outcome in self._drain_failures():
            keep = record(i, outcome) and keep
        while self.inflight:
            ready, _ = ray.wait(list(self.inflight), num_returns=1, timeout=timeout)
            if not ready:
                break
            timeout = 0
            ref = ready[0]
            slot, i, miss = self.inflight.pop(ref)
            path = miss.item.path
            try:
                reply = ray.get(ref)
            except ray.exceptions.RayActorError as e:
                reply = {
                    "error": f"the Ray worker running it was lost {MAX_TASK_RETRIES + 1} times "
                    f"({_one_line(e, 160)}); recorded as failed, the other articles go on",
                    "kind": "lost",
                }
                self._replace(slot)
            except ray.exceptions.RayError as e:
                reply = {"error": _one_line(e), "kind": "internal"}
            else:
                self.pids[slot].add(reply["pid"])
                self.worker_restarts = sum(len(p) - 1 for p in self.pids)
            if self.actors[slot] is not None:
                self.idle.append(slot)
            if "error" in reply:
                kind, msg = reply.get("kind"), reply["error"]
                error = f"{path}: internal error ({msg})" if kind == "internal" else f"{path}: {msg}"
                outcome = self.runner.complete(miss, None, error=error)
            else:
                self.runner.model_calls += int(reply.get("calls") or 0)
                outcome = self.runner.complete(miss, reply["result"], reply["seconds"])
            keep = record(i, outcome) and keep
        self._dispatch(queue)
        for i, outcome in self._drain_failures():
            keep = record(i, outcome) and keep
        return keep

    def _drain_failures(self) -> list[tuple[int, Outcome]]:
        out, self._pending_failures = self._pending_failures, []
        return out

    def _replace(self, slot: int) -> None:
        """The slot's actor is lost for good (or past its restarts): a fresh one, or the slot closes."""
        import ray

        with contextlib.suppress(Exception):  # already gone
            ray.kill(self.actors[slot], no_restart=True)
        if self.replacements[slot] >= MAX_REPLACEMENTS:
            self.actors[slot] = None
            return
        self.replacements[slot] += 1
        self.actors[slot] = self._new_actor(slot)
        self.workers_started += 1

    # -- stopping -------------------------------------------------------------------------------------------

    def close(self) -> None:
        if not self.connected:
            return
        import ray

        if self.owns_connection:
            # Leaving takes the actors with it (they belong to this driver's job), and a runtime this run
            # started stops with it; killing them one by one first would only make Ray retry their tasks.
            ray.shutdown()
        else:
            for a in self.actors:
                if a is not None:
                    with contextlib.suppress(Exception):  # already gone
                        ray.kill(a, no_restart=True)
        self.actors, self.inflight, self.idle = [], {}, deque()
        self.connected = False
