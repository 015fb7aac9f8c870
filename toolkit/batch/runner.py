"""The batch loop: discover → prepare ahead (worker processes) → cache hit or model work → outputs → manifest.

One article at a time reaches the model, in this process: llama.cpp already uses every core, so a second
model process would only fight it. What runs ahead in ``jobs`` worker processes is everything before the
model (reading, decoding, normalizing, splitting, term matching, quantity extraction, hashing), so the
model never waits for the disk or for OpenCC.

The engine is loaded only when the first article needs model work, so a rerun over a finished folder
never loads a model at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit import __version__, engines
from toolkit.article import Article
from toolkit.batch.executors import check_executor_options, make_executor
from toolkit.batch.keys import cache_key, prompt_versions, run_fingerprint
from toolkit.batch.model import BatchResult, Miss, Outcome, Progress
from toolkit.batch.prepare import DEFAULT_MAX_CHARS, Prepared, init_worker, prepare
from toolkit.batch.store import (
    CACHE_DIRNAME,
    MANIFEST_NAME,
    ResultCache,
    append_line,
    ensure_line_start,
    run_lock,
)
from toolkit.batch.tasks import TASKS, InvalidResult, Task, get_task
from toolkit.engines.registry import MODELS
from toolkit.errors import InputError, UsageError, ZhbriefError
from toolkit.ingest.discover import Item, discover
from toolkit.outputs import (
    SUFFIX_OF_FORMAT,
    check_inside,
    check_not_linked,
    check_plan,
    check_writable,
    write_output,
)

MAX_ERROR_CHARS = 600  # keeps a manifest line well under one page, so its single write stays one write


@dataclass
class BatchOptions:
    task: str = "brief"
    formats: tuple[str, ...] = ("md",)
    globs: tuple[str, ...] = ()
    sentences: int = 3
    method: str = "select"
    jobs: int = 1
    """Worker processes that read and prepare upcoming articles; 0 reads in this process."""
    force: bool = False
    fail_fast: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    executor: str = "local"
    """Where the model work runs: ``local`` (this process) or ``ray`` (actors on a Ray cluster)."""
    ray_address: str | None = None
    """``ray`` only: None starts a local Ray runtime; ``auto`` or ``ray://host:port`` joins a cluster."""
    workers: int | None = None
    """``ray`` only: model actors (default one per node, each reserving that node's CPUs)."""
    extract: bool = True
    """HTML pages: their main text (trafilatura), or the whole page (``--no-extract``)."""

    def runner_task(self) -> Task:
        return get_task(self.task)

    def settings(self) -> dict[str, Any]:
        """The settings that change a result (part of the cache key); formats are not among them."""
        return self.runner_task().settings(self.sentences, self.method)

    def validate(self) -> None:
        if self.task not in TASKS:
            raise UsageError(f"unknown task {self.task!r}; choose one of {', '.join(TASKS)}")
        allowed = TASKS[self.task].formats
        bad = [f for f in self.formats if f not in allowed]
        if bad:
            raise UsageError(f"--task {self.task} writes {', '.join(allowed)}, not {', '.join(bad)}")
        if not self.formats:
            raise UsageError("give at least one --format")
        if self.jobs < 0:
            raise UsageError("--jobs must be 0 or more")
        check_executor_options(self.executor, self.ray_address, self.workers)


def model_fingerprint(model: str | None, engine: Any) -> tuple[str | None, str | None]:
    """(model id, sha256) without loading the model when it is a packaged alias (so a warm rerun stays
    instant); None, None when only loading it can tell."""
    if engine is not None:
        return str(getattr(engine, "model_id", "")), getattr(engine, "sha256", None)
    alias = model or os.environ.get("ZHBRIEF_MODEL") or "default"
    spec = MODELS.get(alias)
    return (alias, spec.sha256) if spec is not None else (None, None)


class Prefetcher:
    """Prepared articles in input order. With ``jobs`` > 0, worker processes read up to ``2 * jobs + 2``
    articles ahead of the one the model is on; with 0 (or one article), each is read when its turn comes.

    Workers are forked (where the platform can), and all of them at ``start()``: that is before the run
    loads a model (the CLI's engine loads on the first cache miss) and before the progress bar starts its
    thread, so they begin as clean copies that already hold the imports. Elsewhere the platform's default
    start method is used.
    """

    def __init__(
        self, items: Sequence[Item], jobs: int, glossary: Any, max_chars: int, extract: bool = True
    ) -> None:
        self.items = list(items)
        # Passed to each read, not set as the reading mode: the reads run in worker processes.
        self.extract = extract
        self.jobs = jobs if len(self.items) > 1 else 0
        self.glossary = glossary
        self.max_chars = max_chars
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[Future[Prepared]] = deque()
        self.next = 0

    def _submit(self) -> None:
        assert self.pool is not None
        if self.next < len(self.items):
            self.pending.append(
                self.pool.submit(prepare, self.items[self.next].path, self.max_chars, None, self.extract)
            )
            self.next += 1

    def start(self) -> Prefetcher:
        if self.jobs > 0:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
            self.pool = ProcessPoolExecutor(
                self.jobs, mp_context=ctx, initializer=init_worker, initargs=(self.glossary,)
            )
            for _ in range(2 * self.jobs + 2):
                self._submit()
        return self

    def __iter__(self) -> Iterator[Prepared]:
        if self.pool is None:
            for it in self.items:
                yield prepare(it.path, self.max_chars, self.glossary, self.extract)
            return
        while self.pending:
            fut = self.pending.popleft()
            self._submit()
            yield fut.result()

    def close(self) -> None:
        """Stop the workers now (also on --fail-fast or an interrupt), dropping what they had not begun."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sweep_stale(target: Path) -> None:
    """Temp files a killed run left next to ``target`` (we hold the run lock, so none is live)."""
    if target.parent.is_dir():
        for f in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                f.unlink()


def _write_output(target: Path, text: str, out_dir: Path) -> str:
    """Write ``text`` unless the file already holds exactly it (a rerun leaves finished files untouched).

    Only inside ``out_dir``: a symlink at the target is replaced by the file (never written through), and
    a target whose folder is a link out of ``out_dir`` fails the article.
    """
    data = text.encode("utf-8")
    check_inside(target, out_dir)
    _sweep_stale(target)
    if not target.is_symlink():
        try:
            if target.read_bytes() == data:
                return _sha256(data)
        except OSError:
            pass
    write_output(target, data)
    return _sha256(data)


class Runner:
    """One batch run's state: the output folder and its result cache, the options, and the engine (loaded
    on the first cache miss). ``fingerprint()`` is the run part of every cache key."""

    def __init__(
        self,
        out_dir: Path,
        options: BatchOptions,
        glossary: Any,
        model: str | None,
        engine: Any,
        progress: Progress | None,
    ) -> None:
        self.out_dir = out_dir
        self.opt = options
        self.glossary = glossary
        self.model = model
        self.engine = engine
        self.model_loaded = False
        self.model_calls = 0
        self.progress = progress
        self.task = options.runner_task()
        self.cache = ResultCache(out_dir / CACHE_DIRNAME / "results")
        self.identify: Callable[[], tuple[str, str | None] | None] = lambda: None
        """Names a model only loading can name, where the model loads (the Ray workers), if not here."""

    def get_engine(self) -> Any:
        if self.engine is None:
            self.engine = engines.load_engine(self.model)
            self.model_loaded = True
        return self.engine

    def fingerprint(self) -> dict[str, Any]:
        model_id, sha = model_fingerprint(self.model, self.engine)
        if model_id is None:  # a GGUF path or HF model: its identity needs the loaded engine
            named = self.identify()
            if named is not None:
                model_id, sha = named
            else:
                eng = self.get_engine()
                model_id, sha = str(eng.model_id), eng.sha256
        return run_fingerprint(
            task=self.opt.task,
            settings=self.opt.settings(),
            model_id=model_id,
            model_sha256=sha,
            version=__version__,
            prompts=prompt_versions(),
        )

    def compute(self, article: Article) -> dict[str, Any]:
        step = self.progress.step if self.progress is not None else None
        result, calls = self.task.compute(
            article,
            self.get_engine(),
            self.glossary,
            sentences=self.opt.sentences,
            method=self.opt.method,
            step=step,
        )
        self.model_calls += calls
        return result

    def render(self, item: Item, result: dict[str, Any], article: Article) -> list[tuple[Path, str]]:
        """Every requested format, rendered in memory first from the result rebuilt out of its JSON (as a
        later run will read it back): nothing is written unless all of them render."""
        texts = self.task.load_and_render(result, article, self.opt.formats)
        return [
            (item.output(self.out_dir, SUFFIX_OF_FORMAT[fmt]), text)
            for fmt, text in zip(self.opt.formats, texts, strict=True)
        ]

    def lookup(self, item: Item, prep: Prepared, run: dict[str, Any]) -> Outcome | Miss:
        """Everything before model work: a finished ``Outcome`` (unreadable, refused, or a cache hit with
        its outputs written), or a ``Miss`` that needs the model."""
        t0 = time.perf_counter()
        out = Outcome(
            str(item.path), str(item.rel), "failed", content=prep.content, quantities=prep.quantities
        )
        if prep.error is not None or prep.article is None:
            out.error = (prep.error or "could not read")[:MAX_ERROR_CHARS]
            out.seconds = prep.seconds
            return out
        article = out.article = prep.article
        try:
            # Before any model work: an output whose folder is a link out of OUT_DIR fails the article.
            for fmt in self.opt.formats:
                check_inside(item.output(self.out_dir, SUFFIX_OF_FORMAT[fmt]), self.out_dir)
        except ZhbriefError as e:
            out.error = f"{item.path}: {e}"[:MAX_ERROR_CHARS]
            out.seconds = time.perf_counter() - t0 + prep.seconds
            return out
        key = out.key = cache_key(prep.content, prep.terms, run)
        task = self.opt.task
        stored, problem = (None, None) if self.opt.force else self.cache.lookup(key, task)
        rendered: list[tuple[Path, str]] = []
        if stored is not None:
            try:
                rendered = self.render(item, stored["result"], article)
                out.status = "skipped"
            except Exception as e:
                # A stored result this code cannot rebuild or render (hand-edited, truncated, written by
                # other code): a miss, redone now and reported, never trusted.
                problem = str(e) if isinstance(e, InvalidResult) else f"{type(e).__name__}: {e}"
                stored = None
        if problem is not None:
            out.note = f"cache entry {key[:12]}… was invalid ({problem[:200]}); redone"
        if stored is None:
            return Miss(item, out, article, t0, prep.seconds)
        self._finish(item, out, stored, rendered)
        out.seconds = time.perf_counter() - t0 + prep.seconds
        return out

    def complete(
        self, miss: Miss, result: dict[str, Any] | None, seconds: float = 0.0, error: str | None = None
    ) -> Outcome:
        """A miss's computed ``result`` (JSON types; ``seconds`` to compute it) into the cache and the
        outputs; or its ``error`` (one line, already naming the file) recorded against it alone."""
        item, out = miss.item, miss.outcome
        if error is not None:
            out.status, out.error = "failed", error[:MAX_ERROR_CHARS]
        else:
            assert result is not None
            stored = {"task": self.opt.task, "seconds": round(seconds, 3), "result": result}

            # The cache entry goes in only once every format renders (a result that cannot render is an
            # article's failure, not something a rerun should trust).
            def render_and_store() -> list[tuple[Path, str]]:
                rendered = self.render(item, result, miss.article)
                self.cache.put(out.key, stored)
                return rendered

            rendered = self._guard(item, out, render_and_store)
            if rendered is not None:
                out.status = "done"
                self._finish(item, out, stored, rendered)
        out.seconds = time.perf_counter() - miss.t0 + miss.prep_seconds
        return out

    def _guard(self, item: Item, out: Outcome, fn: Callable[[], Any]) -> Any:
        """``fn()``, or None with the article marked failed: one article's bug never stops the others."""
        try:
            return fn()
        except ZhbriefError as e:
            out.status, out.error = "failed", f"{item.path}: {e}"[:MAX_ERROR_CHARS]
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception as e:
            out.status = "failed"
            out.error = f"{item.path}: internal error ({type(e).__name__}: {e})"[:MAX_ERROR_CHARS]
        return None

    def _finish(
        self, item: Item, out: Outcome, stored: dict[str, Any], rendered: list[tuple[Path, str]]
    ) -> None:
        def write() -> bool:
            for target, text in rendered:
                digest = _write_output(target, text, self.out_dir)
                out.outputs.append({"path": target.relative_to(self.out_dir).as_posix(), "sha256": digest})
            result = stored["result"]
            out.figures = self.task.figures(result)
            out.terms = self.task.terms(result)
            out.problems = self.task.problems(result)
            out.result_seconds = stored.get("seconds")
            return True

        self._guard(item, out, write)

    def process(self, item: Item, prep: Prepared, run: dict[str, Any]) -> Outcome:
        """One article start to finish in this process (the local executor)."""
        found = self.lookup(item, prep, run)
        if isinstance(found, Outcome):
            return found
        # Outside the per-article guard: a model that cannot load fails the run, not every article.
        self.get_engine()
        t1 = time.perf_counter()

        def compute() -> dict[str, Any]:
            # Render what a later run will read back (JSON types), so both give the same bytes.
            return json.loads(json.dumps(self.compute(found.article), ensure_ascii=False))

        result = self._guard(item, found.outcome, compute)
        if result is None:
            return self.complete(found, None, error=found.outcome.error)
        return self.complete(found, result, time.perf_counter() - t1)


def refuse_output_among_inputs(inputs: Sequence[str | Path], out: Path) -> None:
    """An input folder that is the output folder, or inside it: every article there would be skipped as
    an output of an earlier run, and "no articles found" would hide why."""
    real_out = os.path.realpath(out)
    for raw in inputs:
        real = os.path.realpath(raw)
        if os.path.isdir(raw) and (real == real_out or real.startswith(real_out.rstrip(os.sep) + os.sep)):
            where = "is the output folder" if real == real_out else f"is inside the output folder {out}"
            raise UsageError(f"{raw} {where}; choose an output folder apart from the inputs")


def check_batch_writes(
    items: Sequence[Item],
    out: Path,
    formats: Sequence[str],
    reports: Sequence[str | Path],
    glossaries: Sequence[Path] = (),
) -> None:
    """Every file the run will write, checked against every input and each other before any model work:
    no output or report over an input, no report over an article's output or the manifest, no manifest
    or cache folder that is a link out of OUT_DIR."""
    planned = [
        (it.output(out, SUFFIX_OF_FORMAT[fmt]), f"the {fmt} of {it.rel}", "output folder")
        for it in items
        for fmt in formats
    ]
    planned.append((out / MANIFEST_NAME, "the manifest", "output folder"))
    planned += [(Path(r), f"--report {r}", "--report") for r in reports]
    check_plan(planned, [*(it.path for it in items), *glossaries])
    check_not_linked(out / MANIFEST_NAME, "the manifest")
    check_not_linked(out / CACHE_DIRNAME, "the result cache")
    for r in reports:
        check_writable(Path(r))


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    options: BatchOptions | None = None,
    *,
    glossary: Any = None,
    model: str | None = None,
    engine: Any = None,
    progress: Progress | None = None,
    reports: Sequence[str | Path] = (),
) -> BatchResult:
    """Run one task over every article in ``inputs`` into ``out_dir``; see the module docs for the
    guarantees. ``glossary`` is a loaded Glossary (None or an empty one: no glossary). ``engine`` is a
    loaded engine to use instead of loading ``model`` on first need. Failed articles are in the result
    (and the manifest); raising is kept for problems with the run itself (nothing found, a bad option,
    another run holding the folder). ``reports`` are the report files the caller will write after the run:
    they are checked with the outputs, before any model work."""
    opt = options or BatchOptions()
    opt.validate()
    t0 = time.perf_counter()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a folder; -o takes the output folder")
    refuse_output_among_inputs(inputs, out)
    items = discover(inputs, opt.globs, out)
    if not items:
        pats = ", ".join(opt.globs) if opt.globs else "*.txt, *.md, *.html"
        raise InputError(f"no articles found in {', '.join(map(str, inputs))} (looked for {pats})")
    # Every write checked (over an input, twice one name, a linked manifest), and an output folder that
    # cannot be written: each fails now, in one line, before any model work.
    glossaries = [Path(p) for p, _ in getattr(glossary, "files", ())]
    check_batch_writes(items, out, opt.formats, reports, glossaries)
    check_writable(out / MANIFEST_NAME)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZhbriefError(f"{out}: cannot create the output folder: {e.strerror or e}") from None
    if engine is not None and opt.executor != "local":
        raise ZhbriefError("a loaded engine can only run in this process; use the local executor with it")
    runner = Runner(out, opt, glossary, model, engine, progress)
    executor = make_executor(opt.executor, opt.ray_address, opt.workers)
    run_id = uuid.uuid4().hex[:12]
    recorded: list[tuple[int, Outcome]] = []
    manifest = out / MANIFEST_NAME

    def record(index: int, outcome: Outcome) -> bool:
        """The driver is the only writer: one manifest line per finished article, as it finishes."""
        append_line(manifest, outcome.record(run_id, opt.task))
        recorded.append((index, outcome))
        if progress is not None:
            progress.end(index, outcome)
        return not (outcome.status == "failed" and opt.fail_fast)

    with contextlib.ExitStack() as stack:
        # Workers start before the lock is taken, so none of them holds the lock's file: a kill -9 of this
        # process frees the folder at once (the kernel drops a flock when its last holder goes).
        prefetch = Prefetcher(items, opt.jobs, glossary, opt.max_chars, opt.extract).start()
        stack.callback(prefetch.close)
        stack.enter_context(run_lock(out / CACHE_DIRNAME))
        # Closed before the lock is released (a stack unwinds last in, first out).
        stack.callback(executor.close)
        runner.identify = lambda: executor.identify(runner)
        runner.cache.sweep_temp()
        ensure_line_start(manifest)
        run = runner.fingerprint()
        if progress is not None:
            progress.start(len(items))
            stack.callback(progress.close)
        work = ((i, item, prep) for i, (item, prep) in enumerate(zip(items, prefetch, strict=False)))
        executor.run(runner, work, run, record)
    # Input order, whatever order the articles finished in (the manifest keeps the finishing order).
    outcomes = [o for _, o in sorted(recorded, key=lambda r: r[0])]
    stopped = opt.fail_fast and any(o.status == "failed" for o in outcomes) and len(outcomes) < len(items)
    return BatchResult(
        out_dir=out,
        run_id=run_id,
        task=opt.task,
        outcomes=outcomes,
        total=len(items),
        seconds=time.perf_counter() - t0,
        model_calls=runner.model_calls,
        model_loaded=runner.model_loaded,
        stopped_early=stopped,
        fingerprint=run,
        executor=executor.name,
        workers_started=executor.workers_started,
        worker_restarts=executor.worker_restarts,
    )
