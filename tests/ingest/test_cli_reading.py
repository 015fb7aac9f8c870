"""`zhbrief inspect` and `zhbrief segment` through click, plus the real console script once."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.conftest import SEED
from toolkit.cli import cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_inspect_json_on_seed(runner):
    r = runner.invoke(cli, ["inspect", str(SEED), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert {"title", "encoding", "script", "removed", "sections"} <= d.keys()
    assert d["sections"][0]["heading"] is None
    assert [s["heading"] for s in d["sections"][1:]] == ["从通用到海外", "中厂AI生存困局", "海外赌局", "结语"]
    first = d["sections"][1]["paragraphs"][0]["sentences"][0]
    assert first["id"] == "§1¶1s1" and first["text"].startswith("昆仑天工的战略收缩")


def test_inspect_text_outline(runner):
    r = runner.invoke(cli, ["inspect", str(SEED)])
    assert r.exit_code == 0
    assert "utf-8, simplified script" in r.output
    assert "中厂AI生存困局" in r.output and "byline" in r.output


def test_inspect_stdin(runner):
    r = runner.invoke(cli, ["inspect", "-", "--json"], input="标题\n导语。\n海外赌局\n正文。\n".encode())
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["sections"][1]["heading"] == "海外赌局"


def test_segment(runner):
    r = runner.invoke(cli, ["segment", str(SEED), "--json"])
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert rows[0]["id"] == "§0¶1s1" and "昆仑" in "".join(rows[0]["tokens"])
    r = runner.invoke(cli, ["segment", str(SEED)])
    assert "§0¶1s1\t2026" in r.stdout


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "e.txt").write_bytes(b"") or d / "e.txt", "empty"),
        (lambda d: (d / "b.bin").write_bytes(b"\x00\x01\x02" * 100) and d / "b.bin", "binary"),
        (lambda d: (d / "en.txt").write_text("hello world\n") and d / "en.txt", "no Chinese"),
    ],
)
def test_bad_input_one_line_no_traceback(tmp_path, make, message):
    path = make(tmp_path)
    p = subprocess.run(
        [sys.executable, "-m", "toolkit", "inspect", str(path)], capture_output=True, text=True
    )
    assert p.returncode != 0
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zhbrief: error:") and message in lines[0]
    assert "Traceback" not in p.stderr


def test_help_explains():
    r = CliRunner().invoke(cli, ["inspect", "--help"])
    assert "§2¶3s1" in r.output and "standard input" in r.output


def test_jiebas_cache_lives_in_zhbriefs_cache_folder_not_the_shared_temp(tmp_path):
    """jieba's default, ``$TMPDIR/jieba.cache``, is shared by every user of the machine: as another user
    it failed with "Dump cache file failed." and a traceback, and anyone could plant the file."""
    import os

    from tests.conftest import ROOT

    (tmp_path / "tmp").mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ZHBRIEF_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    p = subprocess.run(
        [sys.executable, "-m", "toolkit", "segment", str(SEED), "--no-glossary"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert (tmp_path / "cache" / "jieba" / "jieba.cache").is_file()
    assert list((tmp_path / "tmp").iterdir()) == []
