"""Every bad-input class of the README's promise through every command that reads files: a non-zero exit,
exactly one line on stderr (``zhbrief: error: …`` naming what is wrong), nothing on stdout, no traceback —
and no model work (each command is given ``--model small``, so nothing heavy loads even if a refusal came
too late; the refusals happen while reading).

Classes that could read forever (``/dev/zero``, an endless FIFO, endless standard input) run in a
subprocess under a 3 GB address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.ingest import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"
JAPANESE = (
    "東京の天気は晴れです。今日はとても暑いので、水をたくさん飲んでください。\n"
    "私たちは新しいプロジェクトを始めました。みんなで頑張りましょう。\n"
)

# Each command that reads an article, as an argument list around the input path.
COMMANDS: dict[str, Callable[[str, Path], list[str]]] = {
    "inspect": lambda f, d: ["inspect", f],
    "segment": lambda f, d: ["segment", f],
    "numbers": lambda f, d: ["numbers", f],
    "translate": lambda f, d: ["translate", f, "--model", "small", "--no-glossary"],
    "brief": lambda f, d: ["brief", f, "--model", "small", "--no-glossary"],
    "batch": lambda f, d: ["batch", f, "-o", str(d / "out"), "--model", "small", "--no-glossary"],
    "glossary check": lambda f, d: ["glossary", "check", "--source", f, "--translation", str(d / "en.txt")],
    "check": lambda f, d: ["check", "--source", f, "--translation", str(d / "en.txt")],
    "glossary mine": lambda f, d: ["glossary", "mine", f],
    "glossary coverage": lambda f, d: ["glossary", "coverage", f],
}
CORPUS_COMMANDS = {"batch", "glossary mine", "glossary coverage"}
"""Commands that take folders: a directory is a corpus to them, not bad input."""


def _write(d: Path, name: str, data: bytes) -> str:
    (d / name).write_bytes(data)
    return str(d / name)


def _dangling(d: Path) -> str:
    (d / "dangling.txt").symlink_to(d / "gone.txt")
    return str(d / "dangling.txt")


def _loop(d: Path) -> str:
    (d / "loop.txt").symlink_to(d / "loop.txt")
    return str(d / "loop.txt")


# name → (make the input in a folder, words the one stderr line must contain)
CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "missing": (lambda d: str(d / "missing.txt"), "no such file"),
    "directory": (lambda d: (d / "adir").mkdir() or str(d / "adir"), "is a directory"),
    "empty": (lambda d: _write(d, "empty.txt", b""), "empty"),
    "blank": (lambda d: _write(d, "blank.txt", b"  \n\n\t\n"), "empty"),
    "binary": (lambda d: _write(d, "b.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50), "binary"),
    "not chinese": (lambda d: _write(d, "en.md", b"Just an English memo.\n"), "no Chinese"),
    "undecodable": (lambda d: _write(d, "u.txt", b"abc \xff\xff \x80 text\n" * 10), "cannot decode"),
    "japanese": (lambda d: _write(d, "ja.txt", JAPANESE.encode()), "Japanese"),
    "korean": (
        lambda d: _write(
            d, "ko.txt", "오늘 서울의 날씨는 맑습니다. 우리는 새 프로젝트를 시작했습니다.\n".encode()
        ),
        "Korean",
    ),
    "only a title": (
        lambda d: _write(d, "t.html", "<html><body><h1>标题</h1></body></html>".encode()),
        "no body",
    ),
    "dangling symlink": (_dangling, "dangling symlink"),
    "symlink loop": (_loop, "symlink loop"),
}


# glossary check reads its source as text, not as an article to structure: a page of headings is still
# Chinese text whose translation can be audited.
CHECK_READS_TEXT_NOT_ARTICLES = {"only a title"}


def _one_error_line(stderr: str, words: str) -> str:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr, stderr
    assert len(lines) == 1, stderr
    assert lines[0].startswith("zhbrief: error:"), stderr
    assert words in lines[0], stderr
    return lines[0]


def _batch_failed(stderr: str, words: str) -> None:
    """batch records a bad article as failed and goes on: its log line and summary precede the one error
    line, which comes last and names the reason."""
    assert "Traceback" not in stderr, stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("zhbrief: error: 1 article(s) failed") and words in last, stderr


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_line_and_no_traceback(tmp_path: Path, command: str, case: str) -> None:
    make, words = CASES[case]
    if case == "directory" and command in CORPUS_COMMANDS:
        pytest.skip("a folder is a corpus to this command")
    if command == "glossary check" and case in CHECK_READS_TEXT_NOT_ARTICLES:
        pytest.skip("glossary check audits text; a page of headings is text it can audit")
    (tmp_path / "en.txt").write_text("An English translation.\n", encoding="utf-8")
    src = make(tmp_path)
    r = CliRunner().invoke(cli, COMMANDS[command](src, tmp_path))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code != 0
    assert r.stdout == ""
    if command == "batch" and case != "missing":
        assert r.exit_code == 1
        _batch_failed(r.stderr, words)
    else:
        _one_error_line(r.stderr, words)


# --- endless and oversized sources, in a subprocess ------------------------------------------------------

ENDLESS_COMMANDS = [c for c in COMMANDS if c not in ("batch", "glossary mine", "glossary coverage")]
"""The commands that read one named file or standard input (batch and the corpus commands read folders;
their FIFO case is ``test_batch_records_a_fifo_…`` in batch/test_batch.py)."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def _run(args: list[str], cwd: Path, stdin=None) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # The timeout bounds a regression (the old code read /dev/zero until memory ran out); it is not a
    # measurement.
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        cwd=cwd,
        env=env,
        timeout=300,
        preexec_fn=_limit_memory,
    )


@pytest.mark.parametrize("command", ENDLESS_COMMANDS)
def test_dev_zero_and_dev_urandom_end_at_once(tmp_path: Path, command: str) -> None:
    (tmp_path / "en.txt").write_text("An English translation.\n", encoding="utf-8")
    for device in ("/dev/zero", "/dev/urandom"):
        p = _run(COMMANDS[command](device, tmp_path), tmp_path)
        assert p.returncode == 2, p.stderr
        _one_error_line(p.stderr, "too large")


@pytest.mark.parametrize("command", [c for c in ENDLESS_COMMANDS if c != "glossary check"])
def test_endless_standard_input_ends_at_once(tmp_path: Path, command: str) -> None:
    with open("/dev/zero", "rb") as zero:
        p = _run(COMMANDS[command]("-", tmp_path), tmp_path, stdin=zero)
    assert p.returncode == 2, p.stderr
    line = _one_error_line(p.stderr, "too large")
    assert "standard input" in line


def test_oversized_article_on_standard_input_is_refused_like_a_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "阿里云表示，大模型的价格下降了50%。\n".encode()
    big.write_bytes(line * (MAX_BYTES // len(line) + 10))
    by_path = _run(["inspect", str(big)], tmp_path)
    with open(big, "rb") as f:
        by_stdin = _run(["inspect", "-"], tmp_path, stdin=f)
    assert by_path.returncode == by_stdin.returncode == 2
    _one_error_line(by_path.stderr, "too large")
    _one_error_line(by_stdin.stderr, "too large")


def _feed_forever(fifo: Path, stop: threading.Event) -> None:
    """Write zeros into ``fifo`` until the reader closes it (or the test ends)."""
    try:
        with open(fifo, "wb") as f:
            chunk = b"\0" * 65536
            while not stop.is_set():
                f.write(chunk)
    except (BrokenPipeError, OSError):
        pass


@pytest.mark.parametrize("command", ["inspect", "translate", "brief", "glossary check"])
def test_an_endless_fifo_is_read_bounded(tmp_path: Path, command: str) -> None:
    (tmp_path / "en.txt").write_text("An English translation.\n", encoding="utf-8")
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    stop = threading.Event()
    writer = threading.Thread(target=_feed_forever, args=(fifo, stop), daemon=True)
    writer.start()
    try:
        p = _run(COMMANDS[command](str(fifo), tmp_path), tmp_path)
    finally:
        stop.set()
        # Unblock a writer still waiting for a reader (if the command never opened the FIFO).
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
        writer.join(timeout=10)
    assert p.returncode == 2, p.stderr
    _one_error_line(p.stderr, "too large")


def test_a_japanese_quote_in_a_chinese_article_still_reads(tmp_path: Path) -> None:
    art = SEED.read_text("utf-8") + "\n他引用了一句日语：「みんなで頑張りましょう」。\n"
    (tmp_path / "a.txt").write_text(art, encoding="utf-8")
    r = CliRunner().invoke(cli, ["inspect", str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.output
