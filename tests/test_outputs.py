"""Where outputs go (toolkit.outputs) and the refusals that keep a user's files safe, through the CLI as a
user meets them. All model-free: each refusal happens before a model loads. The commands get
``--model /nonexistent.gguf``, so a check made after loading the model would show "no model" instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import ZhbriefError
from toolkit.outputs import FORMAT_OF_SUFFIX, format_for, plan_targets, write_output

ROOT = Path(__file__).resolve().parent.parent
ART = "阿里云宣布降价。\n\n阿里云表示，大模型的价格下降了50%。公司营收达到1200万美元。\n"
NO_MODEL = ["--model", "/nonexistent.gguf", "--no-glossary"]


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,  # bounds a regression that loads a model; nothing is timed
    )


def _refused(p: subprocess.CompletedProcess[str], words: str) -> str:
    assert p.returncode != 0 and p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zhbrief: error:"), p.stderr
    assert words in lines[0] and "no model" not in lines[0], p.stderr
    return lines[0]


def test_an_output_that_is_an_input_is_refused_and_the_source_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ART, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    os.link(tmp_path / "a.txt", tmp_path / "hard.txt")
    cases = [
        ("translate", "a.txt", "-o", "a.txt"),
        ("translate", "a.txt", "-o", str(tmp_path / "a.txt")),  # the same file by another spelling
        ("brief", "a.md", "-o", "link.md"),  # a symlink to the input
        ("translate", "a.txt", "-o", "hard.txt", "-f", "txt"),  # a hard link to it
        ("brief", "a.md", "c.txt", "-o", str(tmp_path)),  # a folder where a.md's brief is a.md itself
    ]
    for args in cases:
        p = _cli(*args, *NO_MODEL, cwd=tmp_path)
        line = _refused(p, "is the input")
        assert p.returncode == 2, args
        assert "replace the source" in line
    assert (tmp_path / "a.txt").read_text("utf-8") == ART and (tmp_path / "a.md").read_text("utf-8") == ART
    assert (tmp_path / "link.md").is_symlink()


def test_two_inputs_with_one_name_are_refused(tmp_path: Path) -> None:
    for d in ("p", "q"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(ART, encoding="utf-8")
    line = _refused(_cli("brief", "p/a.txt", "q/a.txt", "-o", "out/", *NO_MODEL, cwd=tmp_path), "both write")
    assert "p/a.txt" in line and "q/a.txt" in line and "out/a.md" in line
    assert not (tmp_path / "out").exists()


def test_an_unwritable_output_is_one_line_before_the_model_loads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ART, encoding="utf-8")
    # /proc takes no new files, even from root (permission bits would not stop root).
    for args in (
        ("brief", "a.txt", "-o", "/proc/zhbrief-brief.md"),
        ("translate", "a.txt", "-o", "/proc/zhbrief-translation.md"),
        ("brief", "a.txt", "b.txt", "-o", "/proc/zhbrief-briefs/"),
        ("brief", "a.txt", "-o", "a.txt/brief.md"),  # a file where a folder should be
    ):
        _refused(_cli(*args, *NO_MODEL, cwd=tmp_path), "cannot write")
    (tmp_path / "folder").mkdir()
    _refused(_cli("brief", "a.txt", "-o", "folder/sub/", *NO_MODEL, cwd=tmp_path / "folder"), "no such file")


@pytest.mark.parametrize("command", ["brief", "translate"])
@pytest.mark.parametrize("name", ["out.xyz", "out.docx", "brief.pdf"])
def test_an_unknown_output_suffix_is_refused_with_the_formats(
    tmp_path: Path, command: str, name: str
) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    p = _cli(command, "a.txt", "-o", name, *NO_MODEL, cwd=tmp_path)
    line = _refused(p, "unknown output format")
    assert p.returncode == 2  # a bad option, like click's own (documented in every --help)
    assert ".md" in line and ".html" in line and ".json" in line and "--format" in line
    assert not (tmp_path / name).exists()


def test_format_table() -> None:
    allowed = ("md", "html", "json")
    assert format_for("x.HTML", None, allowed, "md") == "html"
    assert format_for("x.markdown", None, allowed, "md") == "md"
    assert format_for(None, None, allowed, "md") == "md"
    assert format_for("-", None, allowed, "md") == "md"
    assert format_for("x.docx", "json", allowed, "md") == "json"  # --format says it: no guessing
    with pytest.raises(ZhbriefError, match=r"'\.txt'.*\.md, \.markdown, \.html, \.htm, \.json"):
        format_for("x.txt", None, allowed, "md")  # a known suffix this command does not write
    assert set(FORMAT_OF_SUFFIX.values()) == {"md", "html", "json", "txt"}
    assert plan_targets(["a/x.txt", "b/y.md"], "out", "json") == [Path("out/x.json"), Path("out/y.json")]
    assert plan_targets(["-"], None, "md") == [None]


def test_an_output_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "elsewhere.md"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "brief.md"
    link.symlink_to(victim)
    write_output(link, "# Brief\n")
    assert victim.read_text("utf-8") == "keep me"
    assert not link.is_symlink() and link.read_text("utf-8") == "# Brief\n"


def test_a_path_click_rejects_is_one_line_not_a_usage_block(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    (tmp_path / "adir").mkdir()
    for args in (
        ("segment", "a.txt", "--glossary", "adir"),  # click.Path(dir_okay=False)
        ("translate", "a.txt", "-o", "adir", *NO_MODEL),
    ):
        p = _cli(*args, cwd=tmp_path)
        assert p.returncode == 2 and "Usage:" not in p.stderr and "Try " not in p.stderr
        _refused(p, "adir")


def test_strict_and_exit_codes_are_documented_alike() -> None:
    for command in ("brief", "translate", "batch"):
        text = CliRunner().invoke(cli, [command, "-h"]).output
        assert "--strict" in text and "Exit 3" in text, command
        assert "3  --strict" in text, command
    assert "-f, --format" in CliRunner().invoke(cli, ["translate", "-h"]).output
