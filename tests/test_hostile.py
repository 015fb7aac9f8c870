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
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click
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


# --- issue 26: the other doors (glossaries, translations, reports, exports, manifests, options) ------------
# Each case as the user meets it, through the command line; the numbers are the issue's. Commands that
# could load a model get --model /nonexistent.gguf: a refusal that came after the model would say so.

ARTICLE = "阿里云宣布降价。\n\n阿里云表示，大模型的价格下降了50%。公司营收达到1200万美元。\n"
NO_MODEL = ["--model", "/nonexistent.gguf", "--no-glossary"]
TSV = "zh\ten\tstatus\tdomain\tnote\n# kept comment\n大模型\tlarge model\tapproved\tai\tpinned\n"


def _zh(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The command through click, in this process (stdin empty)."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner(env=env).invoke(cli, cmd)
    finally:
        os.chdir(old)


def _refused(r, words: str, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    """Exit ``code`` with one ``zhbrief: error:`` line holding ``words``; no usage block, no traceback.
    ``r``: a CliRunner result or a finished subprocess."""
    got = r.returncode if isinstance(r, subprocess.CompletedProcess) else r.exit_code
    assert got == code, (got, r.stderr)
    assert "Usage:" not in r.stderr and "no model" not in r.stderr, r.stderr
    return _one_error_line(r.stderr, words)


def _corpus(d: Path) -> Path:
    kin = d / "kin"
    kin.mkdir()
    (kin / "k1.md").write_text(ARTICLE, encoding="utf-8")
    (kin / "k2.txt").write_text(ARTICLE.replace("阿里云", "腾讯云"), encoding="utf-8")
    return kin


# 1. A glossary read is bounded: /dev/zero ends at once under a memory cap, a 25 MB file is refused.


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "list", "--glossary", "/dev/zero"],
        ["glossary", "lint", "--glossary", "/dev/zero"],
        ["check", "--source", str(SEED), "--translation", str(SEED), "--glossary", "/dev/zero"],
    ],
    ids=["list", "lint", "check"],
)
def test_1_dev_zero_as_a_glossary_is_one_line_under_a_memory_cap(tmp_path: Path, args: list[str]) -> None:
    p = _run(args, tmp_path)
    assert "MemoryError" not in p.stderr
    _refused(p, "too large")


def test_1_an_oversized_glossary_file_is_refused_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.tsv"
    row = "大模型\tlarge model\tapproved\n".encode()
    big.write_bytes(b"zh\ten\tstatus\n" + row * (25 * 1024 * 1024 // len(row)))
    _refused(_zh(["glossary", "list", "--glossary", str(big)]), "too large for a glossary")


# 2. and 3. batch --report: never over an input, never over an article's output, never through a link.


def test_2_a_report_named_like_an_input_is_refused_and_the_article_kept(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    r = _zh(["batch", str(kin), "-o", str(tmp_path / "kout"), "--report", str(kin / "k1.md"), *NO_MODEL])
    _refused(r, "is the input")
    assert (kin / "k1.md").read_text("utf-8") == ARTICLE


def test_3_a_report_named_like_an_articles_output_is_refused(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    kout = tmp_path / "kout"
    r = _zh(["batch", str(kin), "-o", str(kout), "--report", str(kout / "k1.md"), *NO_MODEL])
    _refused(r, "would both be written")
    twice = ["--report", str(tmp_path / "r.md"), "--report", str(tmp_path / "r.md")]
    _refused(_zh(["batch", str(kin), "-o", str(kout), *twice, *NO_MODEL]), "would both be written")


def test_3_a_report_that_is_a_link_out_of_the_folder_is_replaced_never_written_through(
    tmp_path: Path,
) -> None:
    kin = tmp_path / "kin"
    kin.mkdir()
    (kin / "empty.txt").write_text("", encoding="utf-8")  # fails without a model; the report is written
    kout = tmp_path / "kout"
    kout.mkdir()
    victim = tmp_path / "outside" / "v.md"
    victim.parent.mkdir()
    victim.write_text("the user's own file", encoding="utf-8")
    (kout / "r.md").symlink_to(Path("..") / "outside" / "v.md")
    # An alias names its model without loading it; the empty article fails before any model work.
    r = _zh(["batch", str(kin), "-o", str(kout), "--report", str(kout / "r.md"), "--model", "small"])
    assert r.exit_code == 1, r.stderr  # the article failed (exit 1); the report was still written
    assert victim.read_text("utf-8") == "the user's own file"
    assert not (kout / "r.md").is_symlink() and "# Batch report" in (kout / "r.md").read_text("utf-8")


# 4. glossary export / import / mine -o: never over their own input, --force or not.


def test_4_export_and_import_onto_their_own_input_are_refused_even_with_force(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text(TSV, encoding="utf-8")
    _refused(_zh(["glossary", "export", "--glossary", str(g), "-o", str(g), "--force"]), "is the input")
    _refused(_zh(["glossary", "import", str(g), "-o", str(g), "--force"]), "is the input")
    # CSV into a .tsv name would not load back as the glossary it claims to be
    r = _zh(["glossary", "export", "--glossary", str(g), "--format", "csv", "-o", str(g), "--force"])
    _refused(r, "name it .csv")
    assert g.read_text("utf-8") == TSV


def test_4_mine_o_naming_one_of_its_articles_is_refused_before_mining(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    (kin / "k3.tsv").write_text(ARTICLE, encoding="utf-8")
    for target, words in ((kin / "k1.md", "name it .tsv"), (kin / "k2.txt", "name it .tsv")):
        _refused(_zh(["glossary", "mine", str(kin), "--no-glossary", "-o", str(target), "--force"]), words)
    r = _zh(["glossary", "mine", str(kin / "k3.tsv"), "--no-glossary", "-o", str(kin / "k3.tsv"), "--force"])
    assert r.exit_code == 2, r.stderr
    assert (kin / "k1.md").read_text("utf-8") == ARTICLE and (kin / "k3.tsv").read_text("utf-8") == ARTICLE


# 6. A FIFO with no writer ends in one line (a short timeout here; the default is 10 s).


@pytest.mark.parametrize(
    "args",
    [
        ["inspect", "{fifo}"],
        ["glossary", "lint", "--glossary", "{fifo}"],
        ["glossary", "list", "--glossary", "{fifo}"],
    ],
    ids=["inspect", "lint", "list"],
)
def test_6_a_fifo_with_no_writer_does_not_hang(tmp_path: Path, args: list[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    monkeypatch.setenv("ZHBRIEF_READ_TIMEOUT", "1")
    p = _run([a.format(fifo=fifo) for a in args], tmp_path)  # the subprocess timeout is the hang guard
    _refused(p, "nothing came in 1 s")


# 7. A symlinked OUT/manifest.jsonl is refused before the model loads (or any article is read).


def test_7_a_symlinked_manifest_is_refused_before_model_work(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    kout = tmp_path / "kout"
    kout.mkdir()
    elsewhere = tmp_path / "elsewhere.jsonl"
    elsewhere.write_text("", encoding="utf-8")
    (kout / "manifest.jsonl").symlink_to(elsewhere)
    _refused(_zh(["batch", str(kin), "-o", str(kout), *NO_MODEL]), "is a symlink")
    assert elsewhere.read_text("utf-8") == ""
    (kout / "manifest.jsonl").unlink()
    (kout / ".zhbrief-cache").symlink_to(tmp_path, target_is_directory=True)
    _refused(_zh(["batch", str(kin), "-o", str(kout), *NO_MODEL]), "is a symlink")


# 8. and 10. Every bad option value, unknown option or command: one line, exit 2, no usage block.

BAD_OPTIONS = [
    ["brief", "{art}", "--sentences", "0"],
    ["brief", "{art}", "--sentences", "100000"],
    ["batch", "{art}", "-o", "{out}", "-j", "-1"],
    ["batch", "{art}", "-o", "{out}", "--max-chars", "0"],
    ["brief", "{art}", "--bogus"],
    ["translate", "{art}", "-f", "docx"],
    ["numbers", "{art}", "--style", "bogus"],
    ["models", "bogus"],
    ["glossary", "bogus"],
    ["glossary", "mine", "{art}", "--top", "-5"],
    ["glossary", "mine", "{art}", "--min-freq", "0"],
    ["glossary", "coverage", "{art}", "--top", "-1"],
    ["--bogus"],
    ["bogus"],
    ["brief"],
]


@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: " ".join(a).replace("{art}", "A"))
def test_8_a_bad_option_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    r = _zh([a.format(art=art, out=tmp_path / "out") for a in args])
    assert r.stdout == ""
    _refused(r, "--help")


def _leaves(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out += _leaves(cmd, (*path, name))
        else:
            out.append((*path, name))
    return out


@pytest.mark.parametrize("command", _leaves(cli), ids=" ".join)
def test_9_every_command_exits_2_on_a_bad_option_and_on_a_bad_input(tmp_path: Path, command) -> None:  # type: ignore[no-untyped-def]
    # In an empty folder: `glossary add X` with no --glossary must not find a ./glossary to edit.
    _refused(_zh([*command, "--no-such-option"], cwd=tmp_path), "No such option")
    r = _zh([*command, str(tmp_path / "missing.txt")], cwd=tmp_path)
    _refused(r, "")


# 9. The exit table holds: bad input or a refused command line is 2.


def test_9_two_inputs_for_one_output_name_exit_2_in_batch_as_in_brief(tmp_path: Path) -> None:
    for d in ("p", "q"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ins = [str(tmp_path / "p" / "a.txt"), str(tmp_path / "q" / "a.txt")]
    _refused(_zh(["batch", *ins, "-o", str(tmp_path / "out"), *NO_MODEL]), "would both write")
    _refused(_zh(["brief", *ins, "-o", str(tmp_path / "out"), *NO_MODEL]), "would both write")


def test_9_an_output_folder_that_is_an_input_exits_2_and_says_so(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    _refused(_zh(["batch", str(kin), "-o", str(kin), *NO_MODEL]), "is the output folder")
    _refused(_zh(["batch", str(kin), "-o", str(tmp_path), *NO_MODEL]), "is inside the output folder")


def test_9_unknown_suffixes_exit_2(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    g = tmp_path / "g.tsv"
    g.write_text(TSV, encoding="utf-8")
    _refused(_zh(["glossary", "export", "--glossary", str(g), "-o", str(tmp_path / "g.docx")]), "--format")
    r = _zh(["batch", str(kin), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.txt"), *NO_MODEL])
    _refused(r, "name it .md or .json")


def test_9_a_png_as_translation_exits_2_and_says_what_it_is(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    for cmd in ("check", "glossary check"):
        r = _zh([*cmd.split(), "--source", str(SEED), "--translation", str(png)])
        line = _refused(r, "not UTF-8 text")
        assert "glossary" not in line


def test_9_glossary_check_lines_with_different_counts_exits_2_like_check(tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("阿里云宣布降价。\n大模型的价格下降了。\n", encoding="utf-8")
    en = tmp_path / "e.txt"
    en.write_text("Alibaba Cloud cut prices.\n", encoding="utf-8")
    for cmd in ("check", "glossary check"):
        _refused(
            _zh([*cmd.split(), "--source", str(src), "--translation", str(en), "--lines"]), "line-aligned"
        )


# 11. A page's date only from its metadata or byline.

PAGE = """<html><head><title>某公司发布新品</title></head><body>
<h1>某公司发布新品</h1>{byline}
<p>该公司成立于1999年，总部位于北京。2008年5月12日，公司在成都设立了研发中心，员工超过三千人。</p>
<p>公司表示，新产品将于明年上市，售价为一万二千元，首批产能为五十万台。</p>
</body></html>"""


def test_11_a_year_in_the_body_is_not_the_pages_date(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(byline=""), encoding="utf-8")
    r = _zh(["inspect", str(page), "--json"])
    assert r.exit_code == 0, r.stderr
    assert '"date": null' in r.stdout or '"date"' not in r.stdout
    page.write_text(
        PAGE.format(byline="<div class='info'>发布时间：2024年3月5日 10:00 来源：本站</div>"), "utf-8"
    )
    r = _zh(["inspect", str(page), "--json"])
    assert '"date": "2024-03-05"' in r.stdout, r.stdout[:2000]


# Also seen: edits through a linked glossary say so; models verify fails while the model it would use is
# missing.


def test_an_edit_through_a_linked_glossary_says_it_edited_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.tsv"
    real.write_text(TSV, encoding="utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    r = _zh(["glossary", "add", "中厂", "mid-size vendor", "--glossary", str(link)])
    assert r.exit_code == 0, r.stderr
    assert "a link: edited its target" in r.stderr and str(real) in r.stderr
    assert link.is_symlink() and "中厂" in real.read_text("utf-8")


def test_models_verify_fails_when_the_default_model_is_missing(tmp_path: Path) -> None:
    env = {"ZHBRIEF_CACHE_DIR": str(tmp_path / "cache"), "ZHBRIEF_MODEL": ""}
    r = _zh(["models", "verify", "default"], env=env)
    _refused(r, "not assembled", code=1)


def test_a_page_nested_ten_thousand_divs_deep_is_read(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    text = "阿里云表示，大模型的价格下降了百分之五十，公司营收达到一千二百万美元。"
    page.write_text(f"<html><body>{'<div>' * 10_000}<p>{text}</p>{'</div>' * 10_000}</body></html>", "utf-8")
    r = _zh(["inspect", str(page), "--no-extract", "--json"])
    assert r.exit_code == 0, r.stderr
    assert text in r.stdout


# The local Ray runtime: loopback only, its folder under zhbrief's cache; a cluster that cannot be reached is
# our one line, without Ray's own warnings.


def test_a_local_ray_runtime_listens_on_loopback_and_keeps_its_files_in_the_cache(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from toolkit.batch.executors import ray as ray_executor

    short = Path(tempfile.mkdtemp(prefix="zr"))  # pytest's folders are too long for Ray's socket paths
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(short / "c"))
    seen: dict[str, object] = {}

    class FakeRay:
        def init(self, **kw: object) -> None:
            seen.update(kw)

    ray_executor.RayExecutor()._init(FakeRay(), {})
    assert seen["_node_ip_address"] == "127.0.0.1"
    assert seen["_temp_dir"] == str(short / "c" / "ray")
    assert (short / "c" / "ray").stat().st_mode & 0o777 == 0o700
    shutil.rmtree(short)
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(tmp_path / ("x" * 60)))  # too long for Ray's socket paths
    folder = ray_executor.ray_temp_dir()
    assert len(str(folder)) < 60 and folder.name == f"zhbrief-ray-{os.getuid()}"


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("ray") is None, reason="Ray is not installed (zhbrief[ray])"
)
def test_8_an_unreachable_ray_cluster_is_one_line_without_rays_own_warnings(tmp_path: Path) -> None:
    kin = _corpus(tmp_path)
    args = ["batch", str(kin), "-o", str(tmp_path / "kout"), "--executor", "ray", "--no-glossary"]
    p = _run([*args, "--ray-address", "ray://127.0.0.1:1", "--model", "small"], tmp_path)
    assert p.returncode == 1, p.stderr
    lines = [ln for ln in p.stderr.strip().splitlines() if not ln.startswith("[")]  # progress log lines
    assert len(lines) == 1 and lines[0].startswith("zhbrief: error: cannot start or join"), p.stderr
