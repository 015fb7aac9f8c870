"""``zhbrief batch --executor ray`` on a local Ray runtime and the real small model: the same results as the
local executor, an actor killed mid-run restarted with its article retried, a corrupt file failing alone, a
SIGKILLed run resumed to the uninterrupted outputs, and a rerun that starts no Ray and loads no model.

Two tiny articles and ``--sentences 1`` keep each run to a few model calls; every run starts its own Ray
runtime (seconds) and gets its own translation memory, as in ``test_batch_model``.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.batch.test_batch_model import ARTICLES, GLOSSARY, _cache_dir, _comparable, _outputs
from toolkit.batch import BatchOptions, read_manifest, run_batch
from toolkit.batch.executors.ray import ModelWorker
from toolkit.glossary import load_glossaries

ROOT = Path(__file__).resolve().parents[2]
OPTS = dict(formats=("md", "json"), sentences=1, jobs=1)


def _ray():
    return pytest.importorskip("ray")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("ray")
    src = d / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "corrupt.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    return d


def _glossary(corpus: Path):
    return load_glossaries([str(corpus / "g.tsv")], use_default=False)


def _run(corpus: Path, out: Path, cache: Path, **kw):
    """One batch over the corpus with its own translation memory (a Ray runtime started here inherits it)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ZHBRIEF_CACHE_DIR", str(cache))
    try:
        progress = kw.pop("progress", None)
        opts = BatchOptions(**{**OPTS, **kw})
        return run_batch(
            [corpus / "in"], out, opts, glossary=_glossary(corpus), model="small", progress=progress
        )
    finally:
        mp.undo()


def _children() -> list:
    import psutil

    return [p for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE]


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory):
    """The reference: the local executor, uninterrupted."""
    out = corpus / "local"
    res = _run(corpus, out, _cache_dir(tmp_path_factory.mktemp("cache-local")))
    return res, out


def _same_outputs(got: Path, want: Path) -> None:
    g, w = _outputs(got), _outputs(want)
    assert sorted(g) == sorted(w)
    for name in w:
        assert _comparable(name, g[name]) == _comparable(name, w[name]), name


class KillOnSecondArticle:
    """A progress display that kills the model actor (Ray restarts it) right after the second article is
    handed to it: that article is in flight, so Ray must retry it on the restarted actor."""

    def __init__(self) -> None:
        self.dispatched = 0
        self.killed: list[str] = []

    def start(self, total: int) -> None: ...

    def begin(self, index: int, item) -> None:
        import ray

        from toolkit.batch.executors.ray import ACTOR_PREFIX

        if Path(item.path).name == "corrupt.txt":
            return
        self.dispatched += 1
        if self.dispatched == 2:
            names = [a["name"] for a in ray.util.list_named_actors(all_namespaces=True)]
            for name in names:
                if name.startswith(ACTOR_PREFIX):
                    ray.kill(ray.get_actor(name), no_restart=False)
                    self.killed.append(name)

    def step(self, label: str, done: int, total: int) -> None: ...

    def end(self, index: int, outcome) -> None: ...

    def close(self) -> None: ...


@pytest.mark.model
def test_a_ray_run_gives_the_local_results_even_when_its_actor_is_killed_mid_run(
    corpus, local_run, tmp_path_factory
):
    _ray()
    local, local_out = local_run
    before = _children()
    kill = KillOnSecondArticle()
    out = corpus / "ray"
    res = _run(corpus, out, _cache_dir(tmp_path_factory.mktemp("cache-ray")), executor="ray", progress=kill)
    assert kill.killed, "no model actor was found to kill"
    # every article completed; the killed actor came back once (a new process) and its article was retried
    assert {Path(o.input).name: o.status for o in res.outcomes} == {
        "alibaba.txt": "done",
        "byd.txt": "done",
        "corrupt.txt": "failed",
    }
    assert res.workers_started == 1 and res.worker_restarts == 1
    # the corrupt file fails alone, with the local run's reason
    bad = next(o for o in res.outcomes if o.status == "failed")
    assert bad.error == next(o for o in local.outcomes if o.status == "failed").error
    # the same results as the local executor: every output, and the model calls they took
    _same_outputs(out, local_out)
    assert res.model_calls == local.model_calls > 0
    lines = read_manifest(out / "manifest.jsonl")
    assert sorted(r["status"] for r in lines) == ["done", "done", "failed"]
    # the runtime this run started is gone with it
    import ray

    assert not ray.is_initialized()
    deadline = time.monotonic() + 15
    while [p for p in _children() if p not in before] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p.name() for p in _children() if p not in before]


@pytest.mark.model
def test_a_rerun_is_all_cache_hits_and_starts_no_ray_and_loads_no_model(
    corpus, local_run, monkeypatch, tmp_path
):
    _ray()
    from toolkit.batch.executors.ray import RayExecutor

    _, local_out = local_run
    before = _outputs(local_out)

    def refuse(*a, **kw):
        raise AssertionError("a rerun over a finished folder started Ray or loaded a model")

    monkeypatch.setattr(RayExecutor, "_connect", refuse)
    monkeypatch.setattr("toolkit.engines.load_engine", refuse)
    # A local run's folder rerun with Ray: one cache serves both executors.
    res = _run(corpus, local_out, _cache_dir(tmp_path / "cache"), executor="ray")
    assert [o.status for o in res.outcomes] == ["skipped", "skipped", "failed"]
    assert res.workers_started == 0 and res.model_calls == 0 and not res.model_loaded
    assert _outputs(local_out) == before


@pytest.mark.model
def test_sigkill_of_a_ray_run_then_rerun_gives_the_uninterrupted_outputs(corpus, local_run, tmp_path):
    _ray()
    import psutil

    _, local_out = local_run
    out = tmp_path / "out"
    cache = _cache_dir(tmp_path / "cache")
    env = {**os.environ, "ZHBRIEF_CACHE_DIR": str(cache)}
    cmd = [
        sys.executable,
        "-m",
        "toolkit",
        "batch",
        str(corpus / "in"),
        "-o",
        str(out),
        "--model",
        "small",
        "--glossary",
        str(corpus / "g.tsv"),
        "-n",
        "1",
        "-f",
        "md",
        "-f",
        "json",
        "--executor",
        "ray",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 400
    tree: list = []
    try:
        # kill -9 as soon as the first article is recorded: the second is then on the actor
        while time.monotonic() < deadline and proc.poll() is None:
            if manifest.exists() and b'"status": "done"' in manifest.read_bytes():
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed"
        tree = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    killed_at = time.monotonic()

    def alive(names: tuple[str, ...] = ()) -> list[str]:
        left = []
        for p in tree:
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    left.append(p.name())
            except psutil.NoSuchProcess:
                pass
        return [n for n in left if not names or any(x in n for x in names)]

    # The model actor and Ray's core processes die with the driver (they hold the memory).
    heavy = ("ModelWorker", "raylet", "gcs_server", "IDLE")
    # A bound for a hung teardown, not a speed claim: generous so a loaded CI machine cannot fail it.
    while alive(heavy) and time.monotonic() < killed_at + 120:
        time.sleep(0.2)
    assert not alive(heavy)
    killed = read_manifest(manifest)
    assert sum(r["status"] == "done" for r in killed) == 1
    for r in killed:  # no line lies: every output a line names exists, whole, with the recorded hash
        for o in r["outputs"]:
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]

    res = _run(corpus, out, cache, executor="ray")
    recorded = {Path(r["input"]).name for r in killed if r["status"] == "done"}
    assert {Path(o.input).name for o in res.outcomes if o.status == "skipped"} == recorded
    assert res.count("done") == 1 and res.count("skipped") == 1
    assert not list(out.rglob(".*.tmp")), "a temp file was left behind"
    _same_outputs(out, local_out)
    # Ray's two agents outlive their raylet by about a minute (their last message to the dead GCS times
    # out after 60 s), then exit on their own: nothing of the killed run is left for good.
    while alive() and time.monotonic() < killed_at + 120:
        time.sleep(0.5)
    assert not alive()


class PoisonWorker(ModelWorker):
    """The real model worker, except that an article titled 毒 kills the process running it, every time (a
    stand-in for an article that crashes llama.cpp or runs a node out of memory). Ray imports this class by
    name in the actor, from this checkout."""

    def compute(self, article):
        if article.title.startswith("毒"):
            os._exit(1)
        return super().compute(article)


@pytest.mark.model
def test_an_article_that_keeps_killing_its_worker_fails_alone_after_the_retries(
    corpus, local_run, monkeypatch, tmp_path
):
    _ray()
    from toolkit.batch.executors import ray as ray_executor

    _, local_out = local_run
    src = tmp_path / "in"
    src.mkdir()
    (src / "0-poison.txt").write_text("毒文章。\n\n这篇文章让进程崩溃。\n", encoding="utf-8")
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(ray_executor, "ModelWorker", PoisonWorker)
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(_cache_dir(tmp_path / "cache")))
    out = tmp_path / "out"
    res = run_batch(
        [src], out, BatchOptions(**OPTS, executor="ray"), glossary=_glossary(corpus), model="small"
    )
    status = {Path(o.input).name: o.status for o in res.outcomes}
    assert status == {"0-poison.txt": "failed", "alibaba.txt": "done", "byd.txt": "done"}
    bad = res.outcomes[0]
    assert f"lost {ray_executor.MAX_TASK_RETRIES + 1} times" in bad.error and "0-poison.txt" in bad.error
    # the slot got a fresh actor after Ray's restarts were spent on the poison, and the others ran there
    assert res.workers_started == 2
    for name in ("alibaba", "byd"):
        for suffix in (".md", ".json"):
            # the same brief as the local run's, which read its article from another folder
            got = (out / f"{name}{suffix}").read_text("utf-8").replace(str(src), str(corpus / "in"))
            want = (local_out / f"{name}{suffix}").read_bytes()
            assert _comparable(suffix, got.encode("utf-8")) == _comparable(suffix, want)


def test_executor_options_are_checked_before_any_work(tmp_path, monkeypatch):
    from toolkit.cli import cli

    src = tmp_path / "a.txt"
    src.write_text(ARTICLES["byd.txt"], encoding="utf-8")
    out = tmp_path / "out"

    def run(*args: str):
        return CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), *args])

    for args, msg in [
        (("--ray-address", "auto"), "--ray-address applies to --executor ray only"),
        (("--workers", "2"), "--workers applies to --executor ray only"),
        (("--executor", "ray", "--workers", "0"), "--workers must be 1 or more"),
        (("--executor", "ray", "--ray-address", "nowhere"), "give auto, ray://HOST:PORT or HOST:PORT"),
    ]:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert msg in r.output and len(r.output.strip().splitlines()) == 1
    monkeypatch.setattr("toolkit.batch.executors.ray_available", lambda: False)
    r = run("--executor", "ray")
    assert r.exit_code == 2 and 'pip install "zhbrief[ray]"' in r.output
    assert not out.exists(), "a refused run wrote something"


def test_readme_and_ci_install_the_same_extras_ray_included():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    line = next(ln for ln in ci.splitlines() if "pip install" in ln)
    assert line in readme.splitlines()
    assert ".[hf,dev,ray]" in line
