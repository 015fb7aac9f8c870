"""Batch runs on the real small model: cache hits do no model work, glossary edits redo exactly the articles
they touch, a SIGKILLed run resumes to the same outputs as an uninterrupted one, a corrupt file fails alone.

Tiny articles and ``--sentences 1`` keep this to a few model calls per article; the engine is loaded once.
Each run gets its own translation memory (``$ZHBRIEF_CACHE_DIR``, with the packaged models linked in), so
what a run does not redo is down to the batch cache alone, and independent runs compute the same things.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.batch import BatchOptions, read_manifest, run_batch
from toolkit.glossary import load_glossaries

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = {
    "alibaba.txt": "阿里云宣布降价。\n\n阿里云表示，大模型的价格下降了50%。\n",
    "byd.txt": "比亚迪发布新车。\n\n比亚迪表示，新车售价为15万元。\n",
}
GLOSSARY = (
    "zh\ten\talt\tforbid\tstatus\tdomain\tnote\n"
    "阿里云\tAlibaba Cloud\t\t\tapproved\tcompany\t\n"
    "比亚迪\tBYD\t\t\tapproved\tcompany\t\n"
    "特斯拉\tTesla\t\t\tapproved\tcompany\t\n"
)
OPTS = dict(formats=("md", "json"), sentences=1, jobs=1)


def _cache_dir(path: Path) -> Path:
    """A fresh zhbrief cache dir (own translation memory) that still finds the assembled models."""
    from toolkit.engines.registry import models_dir

    real = models_dir()
    path.mkdir(parents=True, exist_ok=True)
    (path / "models").symlink_to(real, target_is_directory=True)
    return path


@pytest.fixture(scope="module")
def engine():
    from toolkit.engines import load_engine

    eng = load_engine("small")
    yield eng
    eng.close()


class Counting:
    """Counts the engine's generate calls while passing each one to the real model."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.calls = 0

    def __enter__(self) -> Counting:
        real = self.engine.generate

        def counted(*a, **kw):
            self.calls += 1
            return real(*a, **kw)

        self.engine.generate = counted
        return self

    def __exit__(self, *exc) -> None:
        del self.engine.generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    src = d / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "corrupt.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "g.tsv").write_text(GLOSSARY, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def first_run(corpus, engine, tmp_path_factory):
    """One uninterrupted run (the reference the other tests compare against)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ZHBRIEF_CACHE_DIR", str(_cache_dir(tmp_path_factory.mktemp("cache1"))))
    g = load_glossaries([str(corpus / "g.tsv")], use_default=False)
    out = corpus / "out1"
    with Counting(engine) as c:
        res = run_batch([corpus / "in"], out, BatchOptions(**OPTS), glossary=g, engine=engine)
    mp.undo()
    return res, out, c.calls


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".json") and ".zhbrief-cache" not in p.parts
    }


# Only the wall-clock figures of a brief differ between two runs that compute it: mask exactly those.
_MD_TIME = re.compile(r"· \d{4}-\d{2}-\d{2} · \d+\.\d s")


def _comparable(name: str, data: bytes) -> object:
    if name.endswith(".json"):
        d = json.loads(data)
        for k in ("seconds", "date", "timing"):
            d.pop(k, None)
        return d
    return _MD_TIME.sub("· DATE · N s", data.decode("utf-8"))


def test_first_run_briefs_all_and_the_corrupt_file_fails_alone(first_run) -> None:
    res, out, calls = first_run
    status = {Path(o.input).name: o.status for o in res.outcomes}
    assert status == {"alibaba.txt": "done", "byd.txt": "done", "corrupt.txt": "failed"}
    bad = next(o for o in res.outcomes if o.status == "failed")
    assert "corrupt.txt" in bad.error and "binary" in bad.error
    assert calls > 0 and res.model_calls == calls
    assert sorted(_outputs(out)) == ["alibaba.json", "alibaba.md", "byd.json", "byd.md"]
    b = json.loads((out / "alibaba.json").read_text("utf-8"))
    assert b["settings"]["sentences"] == 1 and b["terms"][0]["en"] == "Alibaba Cloud"
    lines = read_manifest(out / "manifest.jsonl")
    assert [r["status"] for r in lines].count("done") == 2 and len(lines) == 3


def test_second_run_does_no_model_work_and_changes_no_byte(first_run, corpus, engine) -> None:
    _, out, _ = first_run
    before = _outputs(out)
    g = load_glossaries([str(corpus / "g.tsv")], use_default=False)
    with Counting(engine) as c:
        res = run_batch([corpus / "in"], out, BatchOptions(**OPTS), glossary=g, engine=engine)
    # Counted, not timed (bench_batch times the warm rerun): no model call at all.
    assert c.calls == 0 and res.model_calls == 0
    assert [o.status for o in res.outcomes] == ["skipped", "skipped", "failed"]
    assert _outputs(out) == before
    # a new format is rendered from the cache, still without the model
    with Counting(engine) as c:
        res = run_batch(
            [corpus / "in"], out, BatchOptions(**{**OPTS, "formats": ("html",)}), glossary=g, engine=engine
        )
    assert c.calls == 0 and (out / "byd.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    # and from the command line, which does not even load a model for it
    proc = subprocess.run(
        [
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
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr  # the corrupt file still fails
    assert "0 done, 2 cached, 1 failed" in proc.stderr
    assert _outputs(out) == before


def test_glossary_edits_redo_exactly_the_articles_that_contain_the_entry(first_run, corpus, engine, tmp_path):
    _, out1, _ = first_run
    out = tmp_path / "out"
    shutil.copytree(out1, out)
    gpath = tmp_path / "g.tsv"

    def run(glossary_text: str):
        gpath.write_text(glossary_text, encoding="utf-8")
        g = load_glossaries([str(gpath)], use_default=False)
        with Counting(engine) as c:
            res = run_batch([corpus / "in"], out, BatchOptions(**OPTS), glossary=g, engine=engine)
        return {Path(o.input).name: o.status for o in res.outcomes if o.status != "failed"}, c.calls

    # an entry no article contains: nothing redone
    status, calls = run(GLOSSARY.replace("Tesla\t\t", "Tesla\tTesla Inc.\t"))
    assert status == {"alibaba.txt": "skipped", "byd.txt": "skipped"} and calls == 0
    # an entry one article contains: that article alone
    status, calls = run(GLOSSARY.replace("Alibaba Cloud", "Aliyun"))
    assert status == {"alibaba.txt": "done", "byd.txt": "skipped"} and calls > 0
    assert json.loads((out / "alibaba.json").read_text("utf-8"))["terms"][0]["en"] == "Aliyun"
    assert (out / "byd.md").read_bytes() == (out1 / "byd.md").read_bytes()
    # --force redoes what it is given, cached or not (one article here, to keep the test short)
    with Counting(engine) as c:
        res = run_batch(
            [corpus / "in" / "byd.txt"],
            out,
            BatchOptions(**OPTS, force=True),
            glossary=load_glossaries([str(gpath)], use_default=False),
            engine=engine,
        )
    assert [o.status for o in res.outcomes] == ["done"] and c.calls > 0


def test_sigkill_mid_run_then_rerun_gives_the_uninterrupted_outputs(first_run, corpus, engine, tmp_path):
    _, out1, _ = first_run
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
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 400
    try:
        # kill -9 as soon as the first article is recorded: the second is then in the middle of model work
        while time.monotonic() < deadline and proc.poll() is None:
            if manifest.exists() and b'"status": "done"' in manifest.read_bytes():
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the batch finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    # its prefetch workers die with it (they would otherwise linger, holding memory)
    import psutil

    def leftovers() -> list:
        return [p for p in psutil.process_iter(["cmdline"]) if str(out) in " ".join(p.info["cmdline"] or [])]

    deadline = time.monotonic() + 10
    while leftovers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not leftovers()
    killed = read_manifest(manifest)
    assert sum(r["status"] == "done" for r in killed) == 1
    # no line lies: every output a "done" line names exists, whole, with the recorded hash
    import hashlib

    for r in killed:
        for o in r["outputs"]:
            assert hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]

    # the same command again (in this process, to reuse the loaded model) finishes the rest
    mp = pytest.MonkeyPatch()
    mp.setenv("ZHBRIEF_CACHE_DIR", str(cache))
    g = load_glossaries([str(corpus / "g.tsv")], use_default=False)
    try:
        res = run_batch([corpus / "in"], out, BatchOptions(**OPTS), glossary=g, engine=engine)
    finally:
        mp.undo()
    recorded = {Path(r["input"]).name for r in killed if r["status"] == "done"}
    for o in res.outcomes:
        name = Path(o.input).name
        if name in recorded:
            assert o.status == "skipped", name
    assert res.count("done") == 1 and res.count("skipped") == 1
    assert not list(out.rglob(".*.tmp")), "a temp file was left behind"

    got, want = _outputs(out), _outputs(out1)
    assert sorted(got) == sorted(want)
    for name in want:
        assert _comparable(name, got[name]) == _comparable(name, want[name]), name
