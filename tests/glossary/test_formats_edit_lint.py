"""Glossary file formats: TSV editing fidelity, round trips, hostile files."""

from __future__ import annotations

import threading

import pytest

from toolkit.errors import ZhbriefError
from toolkit.glossary import (
    Entry,
    TsvDocument,
    add_entry,
    get_format,
    load_glossaries,
    remove_entry,
    set_entry,
)
from toolkit.glossary.lint import lint_file

ENTRIES = [
    Entry(
        "中厂", "mid-size vendor", ["mid-size vendors"], ["middle factory"], "approved", "industry", "a note"
    ),
    Entry("Mureka V8", "Mureka V8", [], [], "dnt", "product", ""),
    Entry("内卷", "inner roll", [], [], "forbidden", "", "literal, wrong"),
    Entry(
        "百模大战",
        "hundred-model war",
        ["hundred-model wars", "war of a hundred models"],
        [],
        "approved",
        "",
        "",
    ),
    Entry(
        "赛道", "segment", ["sector"], ["racetrack", "race track"], "candidate", "industry", "needs review"
    ),
]


@pytest.mark.parametrize("fmt", ["tsv", "tbx", "omegat"])
def test_lossless_round_trip(fmt, tmp_path):
    f = get_format(fmt)
    path = tmp_path / f"g.{f.suffixes[0].lstrip('.')}"
    f.write(ENTRIES, path)
    assert f.read(path) == ENTRIES
    assert get_format(None, path).name == fmt


def test_csv_two_columns_with_and_without_header(tmp_path):
    f = get_format("csv")
    pinned = [e for e in ENTRIES if e.pinned]
    bare = f.dumps(ENTRIES)
    assert bare.splitlines()[0] == "中厂,mid-size vendor" and len(bare.splitlines()) == len(pinned)
    with_header = f.dumps(ENTRIES, header=True)
    assert with_header.splitlines()[0] == "zh,en"
    for text in (bare, with_header):
        back = f.loads(text)
        assert [(e.zh, e.en) for e in back] == [(e.zh, e.en) for e in pinned]
        assert all(e.status == "approved" for e in back)
    full = f.dumps(ENTRIES, full=True)
    assert f.loads(full) == ENTRIES
    # Commas and quotes inside fields survive csv quoting.
    tricky = [Entry('a,b "c"', "x, y")]
    assert f.loads(f.dumps(tricky)) == tricky


def test_tbx_is_tbx_basic_with_administrative_status():
    xml = get_format("tbx").dumps(ENTRIES)
    assert 'type="TBX-Basic"' in xml
    assert "deprecatedTerm-admn-sts</termNote>" in xml and "preferredTerm-admn-sts" in xml
    assert xml.count("<termEntry") == len(ENTRIES)


def test_tbx_v3_and_ntig_import():
    v3 = """<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca">
    <text><body><conceptEntry id="1"><langSec xml:lang="zh-CN"><termSec><term>中厂</term></termSec></langSec>
    <langSec xml:lang="en-US"><termSec><term>mid-size vendor</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>middle factory</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
    </termSec></langSec></conceptEntry></body></text></tbx>"""
    [e] = get_format("tbx").loads(v3)
    assert (e.zh, e.en, e.forbid, e.status) == ("中厂", "mid-size vendor", ["middle factory"], "approved")
    with pytest.raises(ZhbriefError, match="well-formed"):
        get_format("tbx").loads("<martif><unclosed>")


def test_omegat_plain_synonym_lines_become_alternatives():
    text = "# comment\n中厂\tmid-size vendor\tnote here\n中厂\tmid-size vendors\n大厂\tbig tech\n"
    es = get_format("omegat").loads(text)
    assert [(e.zh, e.en, e.alt, e.note) for e in es] == [
        ("中厂", "mid-size vendor", ["mid-size vendors"], "note here"),
        ("大厂", "big tech", [], ""),
    ]


# --- hostile files -------------------------------------------------------------------------------------


def test_bom_and_crlf(tmp_path):
    p = tmp_path / "g.tsv"
    p.write_bytes("\ufeffzh\ten\r\n# c\r\n中厂\tmid-size vendor\r\n".encode())
    [e] = load_glossaries([p], use_default=False).entries
    assert (e.zh, e.en) == ("中厂", "mid-size vendor")
    add_entry(p, Entry("大厂", "big tech firm"))
    data = p.read_bytes()
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and data.count(b"\r\n") == 4
        and b"\n" not in data.replace(b"\r\n", b"")
    )


def test_missing_columns_and_headerless(write_glossary):
    p = write_glossary(
        ("中厂", "mid-size vendor"), ("大厂", "big tech", "candidate"), header=("zh", "en", "status")
    )
    es = load_glossaries([p], use_default=False).entries
    assert [(e.zh, e.status) for e in es] == [("中厂", "approved"), ("大厂", "candidate")]
    p = write_glossary(text="中厂\tmid-size vendor\n")
    assert load_glossaries([p], use_default=False).entries[0].en == "mid-size vendor"
    p = write_glossary(("中厂",))
    assert any(i.severity == "error" for i in lint_file(p))
    with pytest.raises(ZhbriefError, match=r"g.tsv:2"):
        load_glossaries([p], use_default=False)


def test_tab_inside_a_field(write_glossary):
    # A tab may sit in any field, and which one cannot be known, so even one that may be in the last
    # column (the note) is an error now, not a guess (issue 16, item 12).
    p = write_glossary(("中厂", "mid-size vendor", "note with", "a tab"), header=("zh", "en", "note"))
    with pytest.raises(ZhbriefError, match="tab inside a field shifts en, note"):
        load_glossaries([p], use_default=False)
    assert [(i.code, i.severity) for i in lint_file(p)] == [("columns", "error")]
    p = write_glossary(("中厂", "mid-size", "vendor", "approved"), header=("zh", "en", "status"))
    with pytest.raises(ZhbriefError, match="tab"):
        load_glossaries([p], use_default=False)
    # Writers never emit a tab inside a field.
    doc = TsvDocument.new([Entry("中厂", "mid-size\tvendor")])
    assert doc.to_text().splitlines()[1].split("\t")[:2] == ["中厂", "mid-size vendor"]


def test_not_utf8_is_a_clear_error(write_glossary):
    p = write_glossary()
    p.write_bytes("zh\ten\n中厂\tx\n".encode("gb18030"))
    with pytest.raises(ZhbriefError, match="UTF-8"):
        load_glossaries([p], use_default=False)


def test_ten_thousand_entries(tmp_path):
    entries = [Entry(f"术语{i:05d}", f"term {i}") for i in range(10_000)]
    p = tmp_path / "big.tsv"
    get_format("tsv").write(entries, p)
    g = load_glossaries([p], use_default=False)
    assert len(g) == 10_000
    assert [m.entry.en for m in g.match("这里有术语09999和术语00001")] == ["term 9999", "term 1"]
    assert not [i for i in lint_file(p) if i.severity == "error"]
    tbx = tmp_path / "big.tbx"
    get_format("tbx").write(entries, tbx)
    assert get_format("tbx").read(tbx) == entries


# --- edits ---------------------------------------------------------------------------------------------


def test_edits_keep_comments_order_and_unknown_columns(write_glossary):
    original = "# top comment\nzh\ten\tstatus\tsource\n中厂\tmid-size vendor\tapproved\tart1\n\n# mid\n大厂\tbig tech\tapproved\tart2\n"
    p = write_glossary(text=original)
    set_entry(p, "大廠", en="big tech firm")
    add_entry(p, Entry("百模大战", "hundred-model war"))
    lines = p.read_text("utf-8").splitlines()
    assert lines[:5] == original.splitlines()[:5]
    assert lines[5] == "大厂\tbig tech firm\tapproved\tart2"
    assert lines[6] == "百模大战\thundred-model war\tapproved\t"
    remove_entry(p, "百模大战")
    assert p.read_text("utf-8") == original.replace("big tech\t", "big tech firm\t")


def test_edits_refuse_duplicates_conflicts_and_bad_entries(tmp_path):
    p = tmp_path / "g.tsv"
    add_entry(p, Entry("中厂", "mid-size vendor", forbid=["middle factory"]))
    before = p.read_bytes()
    with pytest.raises(ZhbriefError, match="already in"):
        add_entry(p, Entry("中廠", "midsize vendor"))
    with pytest.raises(ZhbriefError, match="forbidden rendering"):
        add_entry(p, Entry("中型厂商", "middle factory"))
    with pytest.raises(ZhbriefError, match="both accepted and forbidden"):
        add_entry(p, Entry("大厂", "big tech", forbid=["Big Tech"]))
    with pytest.raises(ZhbriefError, match="status"):
        add_entry(p, Entry("大厂", "big tech", status="maybe"))
    with pytest.raises(ZhbriefError, match="not in"):
        set_entry(p, "大厂", en="x")
    with pytest.raises(ZhbriefError, match="not in"):
        remove_entry(p, "大厂")
    assert p.read_bytes() == before
    assert not list(tmp_path.glob(".*tmp"))


def test_concurrent_edits_lose_nothing(tmp_path):
    p = tmp_path / "g.tsv"
    add_entry(p, Entry("起始", "start"))
    errors: list[Exception] = []

    def worker(k: int) -> None:
        try:
            for i in range(10):
                add_entry(p, Entry(f"词{k}_{i}", f"w{k} {i}"))
        except Exception as e:  # pragma: no cover - the assertion below reports it
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(load_glossaries([p], use_default=False)) == 41


def test_lint_finds_each_problem(write_glossary):
    p = write_glossary(
        ("中厂", "mid-size vendor", "", "", "approved"),
        ("中厂", "mid-size vendor", "", "", "approved"),  # duplicate
        ("大厂", "big tech", "", "", "approved"),
        ("大厂", "big tech firm", "", "", "approved"),  # conflict
        ("中廠", "midsize vendor", "", "", "approved"),  # trad/simp pair
        ("内卷", "involution", "", "involution", "approved"),  # en also forbidden
        ("赛道", "", "", "", "approved"),  # empty en
        ("算力 ", "compute", "", "", "approved"),  # stray whitespace
        ("Mureka V8", "Mureka V8", "", "", "dnt"),  # jieba cannot hold
        ("流量", "traffic", "", "", "maybe"),  # bad status
    )
    codes = {(i.line, i.code, i.severity) for i in lint_file(p)}
    assert {(3, "duplicate", "error"), (5, "conflict", "error"), (6, "script-pair", "error"),
            (7, "en-forbidden", "error"), (8, "empty", "error"), (9, "whitespace", "warning"),
            (10, "jieba", "warning"), (11, "status", "error")} <= codes  # fmt: skip


def test_edit_through_a_symlink_edits_the_target(tmp_path, write_glossary):
    target = write_glossary(("中厂", "mid-size vendor"), name="real.tsv")
    link = tmp_path / "link.tsv"
    link.symlink_to(target)
    add_entry(link, Entry("大厂", "big tech firm"))
    assert link.is_symlink() and "大厂" in target.read_text("utf-8")
