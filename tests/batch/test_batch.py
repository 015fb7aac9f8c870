"""Batch machinery without a model: discovery, cache keys, manifest, cache, failure isolation, rendering a
stored result, the report, the CLI. The model-backed runs are in test_batch_model.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.batch import (
    BatchOptions,
    ResultCache,
    brief_from_dict,
    build_report,
    cache_key,
    content_hash,
    discover,
    occurring_terms,
    read_manifest,
    render_markdown,
    run_batch,
    run_fingerprint,
)
from toolkit.batch.runner import model_fingerprint, prompt_versions
from toolkit.batch.store import append_line, ensure_line_start, run_lock
from toolkit.brief.model import Brief, Figure, Quality, SectionBrief, SummarySentence, TermUse
from toolkit.cli import cli
from toolkit.errors import ZhbriefError
from toolkit.glossary import load_glossaries
from toolkit.ingest import parse_text

ART_A = "阿里云宣布降价。\n\n阿里云表示，大模型的价格下降了50%。公司营收达到1200万美元。\n"
ART_B = "比亚迪发布新车。\n\n比亚迪表示，新车售价为15万元。销量增长了两成。\n"
GLOSSARY = (
    "zh\ten\talt\tforbid\tstatus\tdomain\tnote\n"
    "阿里云\tAlibaba Cloud\t\t\tapproved\tcompany\t\n"
    "大模型\tlarge model\tLLM\t\tapproved\ttech\t\n"
    "比亚迪\tBYD\t\t\tapproved\tcompany\t\n"
)


def _glossary(tmp_path: Path, text: str = GLOSSARY, name: str = "g.tsv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_glossaries([str(p)], use_default=False)


def _run(**kw):
    base = dict(
        task="brief",
        settings={"sentences": 3},
        model_id="small",
        model_sha256="abc",
        version="0.1.0",
        prompts={"summary": "s1"},
    )
    base.update(kw)
    return run_fingerprint(**base)


# --- discovery ------------------------------------------------------------------------------------------


def test_discover_mirrors_names_skips_hidden_and_out_dir(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / ".hidden").mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    (src / "sub" / "b.md").write_text(ART_B, encoding="utf-8")
    (src / "notes.docx").write_bytes(b"x")
    (src / ".hidden" / "c.txt").write_text(ART_A, encoding="utf-8")
    out = src / "out"
    out.mkdir()
    (out / "a.md").write_text("# old brief", encoding="utf-8")
    items = discover([src], out_dir=out)
    assert [str(i.rel) for i in items] == ["a.txt", "sub/b.md"]
    assert items[1].output(out, ".json") == out / "sub" / "b.json"
    # --glob replaces the default patterns; a file named directly keeps its bare name
    assert [str(i.rel) for i in discover([src], ["*.txt"], out)] == ["a.txt"]
    assert [str(i.rel) for i in discover([src / "sub" / "b.md"])] == ["b.md"]


def test_discover_refuses_two_inputs_with_one_output_name(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text(ART_A, encoding="utf-8")
    (tmp_path / "y" / "a.md").write_text(ART_B, encoding="utf-8")
    with pytest.raises(ZhbriefError, match="would both write"):
        discover([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.md"])
    with pytest.raises(ZhbriefError, match="no such file"):
        discover([tmp_path / "nope"])


# --- keys -----------------------------------------------------------------------------------------------


def test_content_hash_ignores_path_line_endings_and_script() -> None:
    a = parse_text(ART_A, source="one.txt")
    b = parse_text(ART_A.replace("\n", "\r\n"), source="elsewhere/two.txt")
    trad = parse_text("阿里雲宣布降價。\n\n阿里雲表示，大模型的價格下降了50%。公司營收達到1200萬美元。\n")
    assert content_hash(a) == content_hash(b) == content_hash(trad)
    assert content_hash(a) != content_hash(parse_text(ART_A.replace("50%", "40%")))


def test_key_depends_only_on_entries_that_occur(tmp_path: Path) -> None:
    g = _glossary(tmp_path)
    art = parse_text(ART_A)
    terms = occurring_terms(art, g)
    assert sorted(t["zh"] for t in terms) == ["大模型", "阿里云"]
    key = cache_key(content_hash(art), terms, _run())

    def key_with(text: str) -> str:
        return cache_key(content_hash(art), occurring_terms(art, _glossary(tmp_path, text, "g2.tsv")), _run())

    # an entry the article does not contain: edited, added, removed — same key
    assert key_with(GLOSSARY.replace("BYD", "BYD Auto")) == key
    assert key_with(GLOSSARY + "特斯拉\tTesla\t\t\tapproved\tcompany\t\n") == key
    assert key_with(GLOSSARY.replace("比亚迪\tBYD\t\t\tapproved\tcompany\t\n", "")) == key
    # a note is for people, not for the model
    assert (
        key_with(
            GLOSSARY.replace(
                "阿里云\tAlibaba Cloud\t\t\tapproved\tcompany\t",
                "阿里云\tAlibaba Cloud\t\t\tapproved\tcompany\tsee site",
            )
        )
        == key
    )
    # an entry it contains: any field that changes output changes the key
    assert key_with(GLOSSARY.replace("Alibaba Cloud", "Aliyun")) != key
    assert key_with(GLOSSARY.replace("LLM", "LLM|foundation model")) != key
    assert (
        key_with(
            GLOSSARY.replace("大模型\tlarge model\tLLM\t\tapproved", "大模型\tlarge model\tLLM\t\tcandidate")
        )
        != key
    )


def test_key_depends_on_run_settings_model_version_prompts() -> None:
    art = parse_text(ART_B)
    k = cache_key(content_hash(art), [], _run())
    assert cache_key(content_hash(art), [], _run()) == k
    for change in (
        {"task": "translate"},
        {"settings": {"sentences": 1}},
        {"model_sha256": "def"},
        {"version": "0.2.0"},
        {"prompts": {"summary": "s2"}},
    ):
        assert cache_key(content_hash(art), [], _run(**change)) != k, change
    # with a known sha the model is its bytes: the alias and a path to the same file share results
    assert cache_key(content_hash(art), [], _run(model_id="/models/x.gguf")) == k


def test_model_fingerprint_of_an_alias_needs_no_model() -> None:
    from toolkit.engines.registry import MODELS

    assert model_fingerprint("small", None) == ("small", MODELS["small"].sha256)
    assert model_fingerprint("/some/file.gguf", None) == (None, None)
    assert set(prompt_versions()) == {"summary", "translation"}


# --- manifest, cache, lock ------------------------------------------------------------------------------


def test_manifest_appends_whole_lines_and_survives_a_torn_tail(tmp_path: Path) -> None:
    m = tmp_path / "manifest.jsonl"
    append_line(m, {"input": "a.txt", "status": "done", "note": "ü 中"})
    with open(m, "ab") as f:
        f.write(b'{"input": "b.txt", "sta')  # what a power cut mid-write could leave
    assert [r["input"] for r in read_manifest(m)] == ["a.txt"]
    ensure_line_start(m)
    append_line(m, {"input": "c.txt", "status": "failed"})
    assert [r["input"] for r in read_manifest(m)] == ["a.txt", "c.txt"]
    assert m.read_bytes().endswith(b"\n")


def test_result_cache_roundtrip_and_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    c = ResultCache(tmp_path / "cache")
    key = "ab" + "0" * 62
    assert c.get(key) is None
    assert c.lookup(key) == (None, None)  # no entry: a plain miss
    c.put(key, {"task": "brief", "result": {"x": 1}})
    assert c.get(key)["result"] == {"x": 1}
    assert [p.suffix for p in (tmp_path / "cache" / "ab").iterdir()] == [".json"]  # JSON only, no pickle
    (tmp_path / "cache" / "ab" / f"{key}.json").write_text('{"task": "brief", "res', encoding="utf-8")
    assert c.get(key) is None
    entry, why = c.lookup(key)
    assert entry is None and "not valid JSON" in why  # a miss that says why, so the run reports it
    (tmp_path / "cache" / "ab" / f".{key}.json.x1.tmp").write_text("half", encoding="utf-8")
    assert c.sweep_temp() == 1


def test_run_lock_refuses_a_second_run_on_the_same_folder(tmp_path: Path) -> None:
    with (
        run_lock(tmp_path / ".zhbrief-cache"),
        pytest.raises(ZhbriefError, match="another zhbrief batch"),
        run_lock(tmp_path / ".zhbrief-cache"),
    ):
        pass
    with run_lock(tmp_path / ".zhbrief-cache"):  # released
        pass


# --- a stored brief renders again -----------------------------------------------------------------------


def _brief(source: str = "a.txt") -> Brief:
    s1 = SummarySentence("Alibaba Cloud cut large model prices by 50%.", ["§0¶1s1"], "ok")
    return Brief(
        source=source,
        title_zh="阿里云宣布降价",
        title_en="Alibaba Cloud Cuts Prices",
        key_points=[s1],
        sections=[SectionBrief("§0", None, None, ["§0¶1s1"], [s1])],
        figures=[Figure("§0¶1s1", "50%", 50.0, None, "%", "50%")],
        terms=[TermUse("阿里云", "Alibaba Cloud", 2)],
        quality=Quality(1.0, 2, 2, [], [], 1, [], [], 0, 0, 0, True),
        model="small",
        model_sha256="1d96",
        glossary_files=[{"path": "g.tsv", "sha256": "ff"}],
        glossary_sha256="ff",
        settings={"sentences": 3, "method": "select", "prompt": "sum-3"},
        tokens={"prompt": 100, "completion": 20, "calls": 2},
        seconds=3.2,
        date="2026-01-01",
        version="0.1.0",
        chars=40,
        script="simplified",
        encoding="utf-8",
        timing={"model_seconds": 3.0},
    )


def test_brief_from_dict_is_the_inverse_of_to_dict() -> None:
    b = _brief()
    d = json.loads(json.dumps(b.to_dict()))
    assert brief_from_dict(d) == b
    assert brief_from_dict({**d, "a_key_added_later": 1}).to_dict() == b.to_dict()


def test_a_brief_read_back_from_the_cache_renders_the_same_bytes(tmp_path: Path) -> None:
    from toolkit.batch.tasks import BriefTask

    b = _brief()
    art = parse_text(ART_A, source="a.txt")
    b.source, b.chars = "a.txt", art.chars
    c = ResultCache(tmp_path)
    c.put("cd" + "1" * 62, {"task": "brief", "result": b.to_dict()})
    stored = c.get("cd" + "1" * 62)["result"]
    task = BriefTask()
    formats = ("md", "json", "html")
    assert task.load_and_render(stored, art, formats) == task.load_and_render(b.to_dict(), art, formats)


def _seed_cache(out: Path, art_path: Path, glossary, options: BatchOptions, model: str = "small") -> str:
    """Store a finished brief for ``art_path`` the way a run would (what a first run leaves behind)."""
    from toolkit.batch.runner import Runner

    art = parse_text(art_path.read_text("utf-8"), source=str(art_path))
    r = Runner(out, options, glossary, model, None, None)
    key = cache_key(content_hash(art), occurring_terms(art, glossary), r.fingerprint())
    r.cache.put(key, {"task": "brief", "seconds": 3.2, "result": _brief("somewhere/else.txt").to_dict()})
    return key


def test_cached_results_render_without_a_model_and_bad_files_fail_alone(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x02\x03" * 20)
    (src / "c.txt").write_text("", encoding="utf-8")
    (src / "d.txt").write_text("only English here, no Chinese at all.\n", encoding="utf-8")
    (src / "e.txt").write_text(ART_B * 40, encoding="utf-8")
    out = tmp_path / "out"
    g = _glossary(tmp_path)
    opts = BatchOptions(formats=("md", "json"), jobs=0, max_chars=1000)
    key = _seed_cache(out, src / "a.txt", g, opts)

    res = run_batch([src], out, opts, glossary=g, model="small")
    by = {Path(o.input).name: o for o in res.outcomes}
    assert by["a.txt"].status == "skipped" and by["a.txt"].key == key
    assert not res.model_loaded and res.model_calls == 0
    for name, why in (
        ("b.txt", "binary"),
        ("c.txt", "empty"),
        ("d.txt", "no Chinese"),
        ("e.txt", "too long"),
    ):
        assert by[name].status == "failed", name
        assert why in by[name].error and name in by[name].error
    # outputs rendered from the stored brief, with this article's own path
    md = (out / "a.md").read_text("utf-8")
    assert "Alibaba Cloud cut large model prices by 50%." in md and str(src / "a.txt") in md
    assert json.loads((out / "a.json").read_text("utf-8"))["source"] == str(src / "a.txt")
    assert not (out / "b.md").exists()
    lines = read_manifest(out / "manifest.jsonl")
    assert [(Path(r["input"]).name, r["status"]) for r in lines] == [
        ("a.txt", "skipped"),
        ("b.txt", "failed"),
        ("c.txt", "failed"),
        ("d.txt", "failed"),
        ("e.txt", "failed"),
    ]
    a = lines[0]
    assert a["key"] == key and a["quality"]["term_adherence"] == 1.0
    assert [o["path"] for o in a["outputs"]] == ["a.md", "a.json"]
    import hashlib

    assert a["outputs"][0]["sha256"] == hashlib.sha256((out / "a.md").read_bytes()).hexdigest()

    # a rerun leaves finished outputs untouched and appends a line per article
    mtime = (out / "a.md").stat().st_mtime_ns
    res2 = run_batch(
        [src],
        out,
        BatchOptions(formats=("md", "json", "html"), jobs=2, max_chars=1000),
        glossary=g,
        model="small",
    )
    assert (out / "a.md").stat().st_mtime_ns == mtime
    assert (out / "a.html").exists() and res2.count("skipped") == 1 and res2.count("failed") == 4
    assert len(read_manifest(out / "manifest.jsonl")) == 10

    rep = build_report(res2, g)
    assert rep["totals"]["cached"] == 1 and rep["totals"]["failed"] == 4
    assert rep["glossary"]["terms_hit"][0]["zh"] == "阿里云"
    text = render_markdown(rep)
    assert "## Glossary coverage" in text and "**failed**" in text and "too long" in text


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for n in "abc":
        (src / f"{n}.txt").write_text("", encoding="utf-8")
    res = run_batch(
        [src], tmp_path / "out", BatchOptions(fail_fast=True, jobs=1), glossary=None, model="small"
    )
    assert len(res.outcomes) == 1 and res.stopped_early and res.total == 3


def test_output_folder_may_not_overwrite_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ART_A, encoding="utf-8")
    with pytest.raises(ZhbriefError, match="is the input"):
        run_batch([tmp_path / "a.md"], tmp_path, BatchOptions(formats=("md",)), model="small")
    with pytest.raises(ZhbriefError, match="writes md, html, json, not txt"):
        run_batch([tmp_path / "a.md"], tmp_path / "o", BatchOptions(formats=("txt",)), model="small")


# --- CLI ------------------------------------------------------------------------------------------------


def test_cli_records_failures_writes_reports_and_exits_non_zero(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(
        cli,
        [
            "batch",
            str(src),
            "-o",
            str(out),
            "--model",
            "small",
            "--no-glossary",
            "--report",
            str(tmp_path / "r.md"),
            "--report",
            str(tmp_path / "r.json"),
        ],
    )
    assert r.exit_code == 1, r.output
    assert "1 article(s) failed" in r.output and "empty" in r.output
    assert "[1/1]" in r.output  # plain log lines when stderr is not a terminal
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["totals"]["failed"] == 1
    assert "# Batch report" in (tmp_path / "r.md").read_text("utf-8")
    r = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), "--report", str(tmp_path / "r.txt")])
    assert r.exit_code == 2 and "name it .md or .json" in r.output
    r = CliRunner().invoke(cli, ["batch", str(tmp_path / "nothing-here"), "-o", str(out)])
    assert r.exit_code != 0 and "Traceback" not in r.output


# --- safety (issue 16): the cache is data, outputs stay inside OUT_DIR, unreadable entries are recorded ---

import os  # noqa: E402
import pickle  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CLI_DEFAULTS = BatchOptions(sentences=2, method="select")
"""What ``zhbrief batch`` runs with no options, so a result seeded with it is a cache hit for the CLI."""


class _NumberedEcho:
    """Control-flow stand-in for an engine: answers every numbered source line with a numbered English
    line. It lets a translation batch run without a model; it tests storage, not translation."""

    chat = True
    model_id = "echo"
    sha256 = None
    context_length = 4096

    def generate(self, messages, **kw):  # type: ignore[no-untyped-def]
        from toolkit.engines.base import Generation

        n = len(re.findall(r"(?m)^\d+\. ", messages[-1]["content"])) or 1
        return Generation("\n".join(f"{i}. Sentence {i}." for i in range(1, n + 1)), 10, 5, 0.0, "stop")

    def count_tokens(self, text: str) -> int:
        return len(text)

    def count_prompt_tokens(self, messages) -> int:  # type: ignore[no-untyped-def]
        return sum(len(m["content"]) for m in messages)


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The timeout only bounds a regression that would load a model; nothing here is timed.
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )


class _Marker:
    """A pickle that creates ``path`` when it is loaded: what a hostile shared output folder could hold."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (str(self.path), "w"))


def _seed_translation(out: Path, art_path: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """Store a finished translation for ``art_path`` under the key a ``--model small --no-glossary`` run
    computes (the fingerprint of a packaged alias needs no model), made with the echo engine."""
    from toolkit.batch.runner import Runner
    from toolkit.translation import translate_article

    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(out.parent / "cache"))  # the echo's memory stays here
    art = parse_text(art_path.read_text("utf-8"), source=str(art_path))
    r = Runner(out, BatchOptions(task="translate"), None, "small", None, None)
    key = cache_key(content_hash(art), [], r.fingerprint())
    t = translate_article(art, _NumberedEcho(), None)
    r.cache.put(key, {"task": "translate", "seconds": 1.0, "result": json.loads(json.dumps(t.to_dict()))})
    return key


def test_a_pickle_planted_in_the_cache_never_runs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    out = tmp_path / "out"
    key = _seed_translation(out, src / "a.txt", monkeypatch)
    marker = tmp_path / "pwned"
    entry = out / ".zhbrief-cache" / "results" / key[:2]
    # Where older versions kept (and loaded) a translation's pickle, and a stray one beside it.
    for name in (f"{key}.pickle", "other.pickle"):
        (entry / name).write_bytes(pickle.dumps(_Marker(marker)))
    p = _cli("batch", str(src), "-o", str(out), "--task", "translate", "--model", "small", "--no-glossary")
    assert p.returncode == 0, p.stderr
    assert not marker.exists()
    assert "1 cached" in p.stderr  # rendered from the JSON entry, no model work
    assert "Sentence 1." in (out / "a.md").read_text("utf-8")


def test_translation_from_dict_renders_what_the_translation_renders(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from toolkit.batch.tasks import TranslateTask
    from toolkit.translation import translate_article
    from toolkit.translation.render import render

    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    art = parse_text(ART_A, source="a.txt")
    t = translate_article(art, _NumberedEcho(), None)
    stored = json.loads(json.dumps(t.to_dict()))
    for fmt in ("md", "txt", "html"):
        assert TranslateTask().load_and_render(stored, art, (fmt,)) == [render(t, fmt)]
    rebuilt = TranslateTask().from_dict(stored)
    rebuilt.article = art
    assert rebuilt.to_dict()["segments"] == t.to_dict()["segments"]


@pytest.mark.parametrize(
    "bad",
    [
        b'{"task": "translate", "res',  # torn
        b"\x80\x81 not json",  # not even text
        None,  # valid JSON, but not a translation: filled in below with the right key
    ],
)
def test_an_invalid_cache_entry_is_a_miss_that_is_redone_and_reported(
    tmp_path: Path, monkeypatch, bad
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    out = tmp_path / "out"
    opts = BatchOptions(task="translate", jobs=0)
    first = run_batch([src], out, opts, engine=_NumberedEcho())
    key = first.outcomes[0].key
    entry = out / ".zhbrief-cache" / "results" / key[:2] / f"{key}.json"
    if bad is None:
        bad = json.dumps({"key": key, "task": "translate", "result": {"segments": "no"}}).encode()
    entry.write_bytes(bad)
    again = run_batch([src], out, opts, engine=_NumberedEcho())
    o = again.outcomes[0]
    assert o.status == "done" and o.note and "invalid" in o.note and "redone" in o.note
    assert "1 invalid cache entry redone" in again.summary()
    assert read_manifest(out / "manifest.jsonl")[-1]["note"] == o.note
    assert run_batch([src], out, opts, engine=_NumberedEcho()).outcomes[0].status == "skipped"  # repaired


def test_batch_never_writes_through_a_symlink_out_of_its_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(ART_B, encoding="utf-8")
    out = tmp_path / "out"
    _seed_cache(out, src / "a.txt", None, CLI_DEFAULTS)
    victim = tmp_path / "elsewhere" / "precious.md"
    victim.parent.mkdir()
    victim.write_text("the user's own file", encoding="utf-8")
    out.mkdir(exist_ok=True)
    (out / "a.md").symlink_to(victim)  # OUT/a.md replaced by a link to a file outside
    (out / "sub").symlink_to(victim.parent)  # and a subfolder linked outside
    p = _cli("batch", str(src), "-o", str(out), "--model", "small", "--no-glossary", "--fail-fast")
    assert victim.read_text("utf-8") == "the user's own file"
    assert [x.name for x in victim.parent.iterdir()] == ["precious.md"]
    assert not (out / "a.md").is_symlink() and "Alibaba Cloud" in (out / "a.md").read_text("utf-8")
    # b.txt would go through the linked folder: it fails with the reason, before any model work
    assert p.returncode == 1 and "outside the output folder" in p.stderr and "Traceback" not in p.stderr


def test_dangling_links_link_loops_and_fifos_in_a_folder_are_recorded_as_failed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    (src / "dangling.txt").symlink_to(src / "gone.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    os.mkfifo(src / "pipe.txt")  # never opened: a FIFO with no writer would block the run forever
    out = tmp_path / "out"
    _seed_cache(out, src / "a.txt", None, CLI_DEFAULTS)
    p = _cli("batch", str(src), "-o", str(out), "--model", "small", "--no-glossary")
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.strip().splitlines()[-1].startswith("zhbrief: error: 3 article(s) failed")
    why = {Path(r["input"]).name: (r["status"], r["error"]) for r in read_manifest(out / "manifest.jsonl")}
    assert why["a.txt"] == ("skipped", None)
    assert why["dangling.txt"][0] == "failed" and "dangling symlink" in why["dangling.txt"][1]
    assert why["loop.txt"][0] == "failed" and "symlink loop" in why["loop.txt"][1]
    assert why["pipe.txt"][0] == "failed" and "FIFO" in why["pipe.txt"][1]


def test_an_unwritable_output_folder_is_one_line_before_any_model_work(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ART_A, encoding="utf-8")
    for out in ("/proc/zhbrief-out", str(tmp_path / "a.txt" / "out")):
        p = _cli("batch", str(tmp_path / "a.txt"), "-o", out, "--model", "small", "--no-glossary")
        assert p.returncode == 1, p.stderr
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("zhbrief: error:") and "cannot" in lines[0], p.stderr


def test_batch_strict_exits_3_when_an_article_fails_a_check(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ART_A, encoding="utf-8")
    out = tmp_path / "out"
    from toolkit.batch.runner import Runner

    art = parse_text(ART_A, source=str(src / "a.txt"))
    r = Runner(out, CLI_DEFAULTS, None, "small", None, None)
    failing = _brief("a.txt").to_dict()
    failing["quality"]["passed"] = False
    r.cache.put(cache_key(content_hash(art), [], r.fingerprint()), {"task": "brief", "result": failing})
    args = ("batch", str(src), "-o", str(out), "--model", "small", "--no-glossary")
    assert _cli(*args).returncode == 0
    p = _cli(*args, "--strict")
    assert p.returncode == 3 and "--strict" in p.stderr.strip().splitlines()[-1]


def test_no_extract_reaches_the_reads_of_batch_worker_processes(tmp_path: Path) -> None:
    # --no-extract is a reading mode; batch reads in worker processes, so it is passed to each read there.
    from toolkit.batch.runner import Prefetcher
    from toolkit.ingest.discover import discover
    from toolkit.ingest.extract import EXTRACTED, WHOLE_PAGE

    page = Path(__file__).parent.parent / "ingest" / "data" / "pages" / "portal.html"
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_bytes(page.read_bytes())
    (src / "b.html").write_bytes(page.read_bytes())
    items = discover([src], out_dir=tmp_path / "out")
    chars = {}
    for extract in (True, False):
        got = list(Prefetcher(items, 1, None, 10**6, extract).start())
        assert all(p.error is None for p in got)
        chars[extract] = {p.article.chars for p in got}
        assert {p.article.page.extraction for p in got} == {EXTRACTED if extract else WHOLE_PAGE}
    assert max(chars[True]) < min(chars[False])  # the menus, related links and comments come back
