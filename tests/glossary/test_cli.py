"""Every `zhbrief glossary` command through click's CliRunner, plus `segment --glossary`."""

from __future__ import annotations

import json

import pytest

from toolkit.glossary import Entry, Glossary, get_format, load_glossaries
from toolkit.mining import mine

from .conftest import SEED, SHIPPED


def test_list_and_show_name_the_files_and_hash(run):
    r = run("glossary", "list")
    first = r.stdout.splitlines()[0]
    assert first.startswith("# glossary: ") and "ai-industry.tsv" in first and "sha256" in first
    assert "中厂\tmid-size vendor\tapproved" in r.stdout
    d = json.loads(run("glossary", "list", "--json", "--status", "dnt").stdout)
    assert d["glossary"]["files"][0]["sha256"] and {e["status"] for e in d["entries"]} == {"dnt"}
    r = run("glossary", "show", "中廠")
    assert "mid-size vendor" in r.stdout and "middle factory" in r.stdout
    r = run("glossary", "show", "不存在的词", code=2)
    assert "zhbrief: error:" in r.stderr and "Traceback" not in r.output


def test_add_set_remove(run, tmp_path, write_glossary):
    g = tmp_path / "mine.tsv"
    run("glossary", "add", "中厂", "mid-size vendor", "--alt", "mid-size vendors", "--forbid", "middle factory",
        "--glossary", str(g))  # fmt: skip
    r = run("glossary", "add", "中廠", "x", "--glossary", str(g), code=1)
    assert "already in" in r.stderr
    run("glossary", "set", "中厂", "--add-alt", "mid-sized vendor", "--note", "n", "--glossary", str(g))
    e = load_glossaries([g], use_default=False).require("中厂")
    assert (
        e.alt == ["mid-size vendors", "mid-sized vendor"] and e.note == "n" and e.forbid == ["middle factory"]
    )
    run("glossary", "remove", "中厂", "--glossary", str(g))
    assert len(load_glossaries([g], use_default=False)) == 0
    # Without --glossary an edit goes to the only ./glossary/*.tsv, and never to the shipped file.
    r = run("glossary", "add", "新词", "new word", code=2)
    assert "--glossary FILE" in r.stderr
    write_glossary(name="glossary/local.tsv")
    run("glossary", "add", "新词", "new word")
    assert "新词\tnew word" in (tmp_path / "glossary" / "local.tsv").read_text("utf-8")
    assert "新词" in run("glossary", "list").stdout


def test_lint_exit_codes(run, write_glossary):
    r = run("glossary", "lint")
    assert "0 error(s)" in r.stderr
    bad = write_glossary(("中厂", "a"), ("中厂", "b"), name="bad.tsv")
    r = run("glossary", "lint", "--glossary", str(bad), code=1)
    assert "conflict" in r.stdout
    assert r.stderr.splitlines()[-1].startswith("zhbrief: error: glossary lint: 1 error(s)")
    warn = write_glossary(("Mureka V8", "Mureka V8"), name="warn.tsv")
    run("glossary", "lint", "--glossary", str(warn))
    # --strict turns warnings into the one quality exit code every --strict shares (QualityFailed, 3).
    r = run("glossary", "lint", "--glossary", str(warn), "--strict", code=3)
    assert r.stderr.splitlines()[-1] == "zhbrief: error: glossary lint --strict: 1 warning(s)"
    assert "Exit codes: 0 clean" in run("glossary", "lint", "--help").stdout


@pytest.mark.parametrize("suffix", ["tbx", "csv", "utf8", "tsv"])
def test_export_import_round_trip(run, tmp_path, suffix):
    out = tmp_path / f"g.{suffix}"
    r = run("glossary", "export", "--glossary", str(SHIPPED), "-o", str(out))
    assert "ai-industry.tsv" in r.stderr
    run("glossary", "export", "--glossary", str(SHIPPED), "-o", str(out), code=1)  # refuses to overwrite
    back = tmp_path / "back.tsv"
    run("glossary", "import", str(out), "-o", str(back))
    orig = load_glossaries([SHIPPED], use_default=False).entries
    got = load_glossaries([back], use_default=False).entries
    if suffix == "csv":
        assert [(e.zh, e.en) for e in got] == [(e.zh, e.en) for e in orig if e.pinned]
    else:
        assert got == orig


def test_export_format_option_and_stdout(run):
    r = run("glossary", "export", "--glossary", str(SHIPPED), "--format", "csv", "--header", "-o", "-")
    assert r.stdout.splitlines()[0] == "zh,en"
    r = run("glossary", "export", "--glossary", str(SHIPPED), "-o", "x.unknown", code=2)
    assert "--format" in r.stderr


def test_check_command(run, tmp_path):
    src = tmp_path / "s.txt"
    tr = tmp_path / "t.txt"
    src.write_text("中厂在百模大战中掉队。\n昆仑万维转向海外。\n", "utf-8")
    tr.write_text(
        "The middle factory fell behind in the hundred-model war.\nKunlun Tech went overseas.\n", "utf-8"
    )
    r = run("glossary", "check", "--source", str(src), "--translation", str(tr))
    assert (
        "adherence 2/3" in r.stdout and "MISS 中厂" in r.stdout and "FORBIDDEN 'middle factory'" in r.stdout
    )
    r = run("glossary", "check", "--source", str(src), "--translation", str(tr), "--strict", code=3)
    assert r.stderr.splitlines()[-1] == (
        "zhbrief: error: glossary check --strict: 1 miss(es), 1 forbidden form(s)"
    )
    d = json.loads(
        run("glossary", "check", "--source", str(src), "--translation", str(tr), "--lines", "--json").stdout
    )
    assert d["occurrences"] == 3 and d["hits"] == 2 and d["lines"][0]["misses"] == ["中厂"]
    assert d["glossary"]["sha256"]
    tr.write_text(
        "Mid-size vendors fell behind in the hundred-model war.\nKunlun Tech went overseas.\n", "utf-8"
    )
    run("glossary", "check", "--source", str(src), "--translation", str(tr), "--strict", "--lines")
    tr.write_text("one line\n", "utf-8")
    r = run("glossary", "check", "--source", str(src), "--translation", str(tr), "--lines", code=2)
    assert "line-aligned" in r.stderr


def test_check_summary_counts_each_term_once(run, tmp_path):
    src = tmp_path / "s.txt"
    tr = tmp_path / "t.txt"
    src.write_text("中厂和中厂都在百模大战中掉队。", "utf-8")
    tr.write_text("Mid-size vendors fell behind in the hundred-model war.", "utf-8")
    d = json.loads(run("glossary", "check", "--source", str(src), "--translation", str(tr), "--json").stdout)
    assert (d["occurrences"], d["hits"]) == (3, 2)
    args = ("glossary", "check", "--source", str(src), "--translation", str(tr), "--summary", "--json")
    d = json.loads(run(*args).stdout)
    assert (d["occurrences"], d["hits"]) == (2, 2)


def test_mine_and_coverage(run, tmp_path):
    g = tmp_path / "g.tsv"
    entries = [
        e for e in load_glossaries([SHIPPED], use_default=False).entries if e.zh not in ("中厂", "百模大战")
    ]
    get_format("tsv").write(entries, g)
    out = tmp_path / "review.tsv"
    r = run("glossary", "mine", str(SEED), "--glossary", str(g), "-o", str(out), "--top", "30")
    terms = [line.split("\t")[0] for line in r.stdout.splitlines()[1:]]
    assert "中厂" in terms and "百模大战" in terms
    review = load_glossaries([out], use_default=False)
    assert {e.status for e in review.entries} == {"candidate"} and review.get("百模大战") is not None
    assert "freq" in review.require("中厂").note
    d = json.loads(run("glossary", "coverage", str(SEED.parent), "--json").stdout)
    by = {t["zh"]: t for t in d["terms"]}
    # Title, headings and body all count: the seed has 中厂 41 times (one in a heading).
    seed_count = SEED.read_text("utf-8").count("中厂")
    assert by["中厂"]["count"] >= seed_count == 41 and str(SEED) in by["中厂"]["articles"]
    assert d["articles"] >= 2 and d["candidates"]


def test_mine_library_finds_split_terms(seed_article):
    g = load_glossaries([SHIPPED], use_default=False)
    text = "\n".join(p.text for s in seed_article.sections for p in s.paragraphs)
    pinned = {c.term for c in mine([("seed", text)], g, top=50)}
    assert not pinned & {"中厂", "百模大战", "昆仑万维"}  # known terms are not candidates
    g2 = Glossary([e for e in g.entries if e.zh not in ("中厂", "百模大战")])
    cands = mine([("seed", text)], g2, top=20)
    assert {"中厂", "百模大战"} <= {c.term for c in cands}
    c = next(c for c in cands if c.term == "百模大战")
    assert c.freq == 3 and c.articles == 1 and len(c.contexts) == 2 and "ngram" in c.sources


def test_segment_marks_glossary_terms(run, write_glossary):
    g = write_glossary(("百模大战", "hundred-model war"), ("Mureka V8", "Mureka V8"))
    r = run("segment", str(SEED), "--glossary", str(g))
    assert r.stdout.splitlines()[0].startswith("# glossary: ") and str(g) in r.stdout.splitlines()[0]
    assert "[百模大战]" in r.stdout and "[Mureka V8]" in r.stdout and "[中厂]" not in r.stdout
    d = json.loads(run("segment", str(SEED), "--json", "--glossary", str(g)).stdout)
    assert any(t["zh"] == "百模大战" for s in d for t in s["terms"])
    r = run("segment", str(SEED), "--no-glossary")
    assert "[" not in "".join(r.stdout.splitlines()[1:]) and "百模 / 大战" in r.stdout


def test_entry_add_via_library_matches_cli_refusal(tmp_path):
    from toolkit.errors import ZhbriefError
    from toolkit.glossary import add_entry

    p = tmp_path / "g.tsv"
    add_entry(p, Entry("中厂", "mid-size vendor"))
    with pytest.raises(ZhbriefError):
        add_entry(p, Entry("中厂", "mid-size vendor"))


def test_commands_print_the_notices_the_library_returns(run, write_glossary):
    a = write_glossary(("中厂", "mid-size vendor"), name="a.tsv")
    b = write_glossary(("中廠", "midsize vendor"), name="b.tsv")
    r = run("glossary", "list", "--glossary", str(a), "--glossary", str(b))
    assert r.stderr.splitlines() == [
        f"zhbrief: glossary: 中廠: 'midsize vendor' from {b} overrides 'mid-size vendor' from {a}"
    ]
