"""The docs stay true to the command line (after sqlite-utils' test_docs.py).

Conventions these tests hold README.md and docs/ to:

- every command and subcommand has help text, and so has every option;
- every command has a section in docs/: a Markdown heading whose code span is the command's full path,
  exactly (``## `zhbrief glossary export` ``); the root command's is ``## `zhbrief` `` in docs/index.md;
- every option's long name (``--report``; the short name where there is no long one) appears in that
  command's section: from its heading to the next heading of the same or a higher level;
- every bench script docs/ or the README quotes (``bench/NAME.py``) exists, and every ``--option`` of a
  quoted bench command (``python bench/NAME.py --opt …``) is one the script defines;
- every test the docs name (``test_outputs.py::test_two_inputs_with_one_name_are_refused``) exists;
- every relative link in README.md, CHANGELOG.md and docs/ points at a file that exists, and at a
  heading of it where it names one (``check.md#the-place-tables``);
- every page of docs/ is linked from docs/index.md; every top-level command is in the README's table;
  the README stays a front door (at most 200 lines).
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from toolkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"

# Pages other branches are writing while this one is reviewed: links to them are allowed although the files
# do not exist here yet. Temporary: empty this set once they are merged (the test below fails for any entry
# whose file exists, so a stale entry cannot linger).
PENDING_PAGES = {}


def _walk(cmd: click.Command, path: tuple[str, ...]):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            yield from _walk(cmd.commands[name], (*path, name))


COMMANDS = [(" ".join(path), cmd) for path, cmd in _walk(cli, ("zhbrief",))]
COMMAND_IDS = [name for name, _ in COMMANDS]


def _options(cmd: click.Command) -> list[click.Option]:
    return [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden]


def _option_name(opt: click.Option) -> str:
    longs = [o for o in opt.opts if o.startswith("--")]
    return longs[0] if longs else opt.opts[0]


def _pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def _sections() -> dict[str, tuple[Path, str]]:
    """Command path → (page, text of its section), from headings like ``### `zhbrief glossary add` ``."""
    found: dict[str, tuple[Path, str]] = {}
    for page in _pages():
        lines = page.read_text("utf-8").splitlines()
        heads, fenced = [], False
        for i, ln in enumerate(lines):
            if ln.startswith("```"):
                fenced = not fenced  # a shell comment in a code block is not a heading
            elif not fenced and (m := _HEADING.match(ln)):
                heads.append((i, len(m.group(1)), m.group(2)))
        for n, (i, level, title) in enumerate(heads):
            code = re.fullmatch(r"`(zhbrief(?: [\w-]+)*)`", title.strip())
            if not code:
                continue
            end = next((j for j, lv, _ in heads[n + 1 :] if lv <= level), len(lines))
            name = code.group(1)
            assert name not in found, f"{name} has two sections: {found[name][0]}, {page}"
            found[name] = (page, "\n".join(lines[i:end]))
    return found


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
SECTIONS = _sections()


# --- help texts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=COMMAND_IDS)
def test_every_command_has_help_text(name: str, cmd: click.Command):
    assert (cmd.help or "").strip(), f"{name} has no help text (its docstring)"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=COMMAND_IDS)
def test_every_option_has_help_text(name: str, cmd: click.Command):
    missing = [_option_name(o) for o in _options(cmd) if not (o.help or "").strip()]
    assert not missing, f"{name}: options without help=: {', '.join(missing)}"


# --- commands and options in docs/ -----------------------------------------------------------------------


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=COMMAND_IDS)
def test_every_command_has_a_section_in_docs(name: str, cmd: click.Command):
    assert name in SECTIONS, f"no heading `{name}` (in backticks, exactly) in any docs/*.md"


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=COMMAND_IDS)
def test_every_option_is_documented_in_its_commands_section(name: str, cmd: click.Command):
    if name not in SECTIONS:
        pytest.skip("no section (reported by test_every_command_has_a_section_in_docs)")
    page, text = SECTIONS[name]
    missing = [
        _option_name(o)
        for o in _options(cmd)
        if not re.search(rf"(?<![\w-]){re.escape(_option_name(o))}(?![\w-])", text)
    ]
    where = f"{page.relative_to(ROOT)}, section `{name}`"
    assert not missing, f"{where}: options not mentioned: {', '.join(missing)}"


def test_every_top_level_command_is_in_the_readme():
    readme = README.read_text("utf-8")
    missing = [n for n in cli.commands if f"`zhbrief {n}" not in readme]
    assert not missing, f"README's commands table lacks: {', '.join(missing)}"


# --- bench commands --------------------------------------------------------------------------------------


def _doc_files() -> list[Path]:
    return [README, ROOT / "CHANGELOG.md", *_pages()]


_BENCH = re.compile(r"bench/([\w-]+\.py)")
_BENCH_COMMAND = re.compile(r"bench/([\w-]+\.py)([^`|\n]*)")  # to the end of the code span or table cell


def test_every_bench_script_quoted_exists():
    quoted = {(f.relative_to(ROOT), m) for f in _doc_files() for m in _BENCH.findall(f.read_text("utf-8"))}
    assert quoted, "no bench script quoted at all: has the convention changed?"
    missing = sorted(f"{f}: bench/{m}" for f, m in quoted if not (ROOT / "bench" / m).is_file())
    assert not missing, "quoted bench scripts that do not exist:\n" + "\n".join(missing)


def test_every_option_of_a_quoted_bench_command_exists():
    problems = []
    for f in _doc_files():
        for script, rest in _BENCH_COMMAND.findall(f.read_text("utf-8")):
            path = ROOT / "bench" / script
            if not path.is_file():
                continue  # reported by test_every_bench_script_quoted_exists
            source = path.read_text("utf-8")
            rest = rest.split(" #", 1)[0]  # a shell comment after the command
            for opt in re.findall(r"(?<![\w-])--[\w-]+", rest):
                if f'"{opt}"' not in source:
                    problems.append(f"{f.relative_to(ROOT)}: bench/{script} has no option {opt}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_test_quoted_exists():
    """A promise names the test that holds it; a renamed test must not leave the docs pointing at nothing."""
    tests = ROOT / "tests"
    known = {p.stem for p in tests.rglob("test_*.py")}
    for p in tests.rglob("test_*.py"):
        known |= set(re.findall(r"^\s*def (test_\w+)", p.read_text("utf-8"), re.M))
    quoted = {
        (f.relative_to(ROOT), t)
        for f in _doc_files()
        for t in re.findall(r"\btest_\w+", f.read_text("utf-8"))
    }
    missing = sorted(f"{f}: {t}" for f, t in quoted if t not in known)
    assert not missing, "quoted tests that do not exist:\n" + "\n".join(missing)


# --- links -----------------------------------------------------------------------------------------------

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to hyphens."""
    out, fenced = set(), False
    for ln in page.read_text("utf-8").splitlines():
        if ln.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := _HEADING.match(ln)):
            out.add(re.sub(r"[^\w\- ]", "", m.group(2).lower()).replace(" ", "-"))
    return out


def test_relative_links_point_at_files_that_exist():
    dead = []
    for f in _doc_files():
        for target in _LINK.findall(f.read_text("utf-8")):
            if re.match(r"[a-z]+:", target):
                continue  # a URL
            path, _, anchor = target.partition("#")
            resolved = (f.parent / path).resolve() if path else f
            rel = resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else str(resolved)
            if rel in PENDING_PAGES:
                continue
            if not resolved.exists():
                dead.append(f"{f.relative_to(ROOT)}: {target}")
            elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
                dead.append(f"{f.relative_to(ROOT)}: {target} (no such heading)")
    assert not dead, "dead links:\n" + "\n".join(dead)


def test_pending_pages_are_still_pending():
    arrived = sorted(p for p in PENDING_PAGES if (ROOT / p).exists())
    assert not arrived, f"{arrived} exist now: remove them from PENDING_PAGES in tests/test_docs.py"


def test_every_docs_page_is_linked_from_the_index():
    index = (DOCS / "index.md").read_text("utf-8")
    linked = {t.split("#", 1)[0] for t in _LINK.findall(index)}
    missing = [p.name for p in _pages() if p.name != "index.md" and p.name not in linked]
    assert not missing, f"docs/index.md does not link to: {', '.join(missing)}"


def test_the_readme_is_a_front_door():
    n = len(README.read_text("utf-8").splitlines())
    assert n <= 200, f"README.md has {n} lines; move detail into docs/ (at most 200)"
