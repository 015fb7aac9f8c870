"""Rows that would pin the wrong thing: refused or reported where the user meets them (issue 16, items 12-13).

- A tab inside a field shifts every later column: an error in lint (naming the row and the shifted
  columns), and a one-line refusal wherever the glossary is loaded (list, show, segment, brief, ...).
- An approved row with an empty en pins the term to nothing: refused on load, with the command that fixes
  it (edits read the file directly, so that command works).
- A row with an empty zh matches nothing: loaded without it, with a warning naming the row.
"""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT, SEED

SHIFTED = ("中厂", '"mid-size', 'vendor"', "", "", "approved", "company", "a note")


def _zhbrief(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_lint_names_the_row_and_the_shifted_columns(run, write_glossary):
    p = write_glossary(("大厂", "big tech firm", "", "", "approved", "industry", ""), SHIFTED)
    r = run("glossary", "lint", "--glossary", str(p), code=1)
    assert r.stdout.splitlines() == [
        f"{p}:3: error: columns: 中厂: 8 fields for 7 columns: a tab inside a field shifts en, alt, forbid, "
        "status, domain, note (status reads ''); fields cannot contain tabs: replace the tab with a space"
    ]


def test_a_tab_after_the_status_shifts_only_the_later_columns(run, write_glossary):
    p = write_glossary(("中厂", "mid-size vendor", "", "", "approved", "indus", "try", "a note"))
    r = run("glossary", "lint", "--glossary", str(p), code=1)
    assert "a tab inside a field shifts domain, note;" in r.stdout


def test_a_shifted_row_refuses_every_load_with_one_line(run, write_glossary, tmp_path):
    p = write_glossary(SHIFTED)
    expected = (
        f"zhbrief: error: {p}:2: 中厂: 8 fields for 7 columns: a tab inside a field shifts en, alt, forbid, "
        "status, domain, note (status reads ''); fields cannot contain tabs: replace the tab with a space; "
        f"run `zhbrief glossary lint --glossary {p}`"
    )
    r = run("glossary", "show", "中厂", "--glossary", str(p), code=1)
    assert r.stderr.splitlines() == [expected] and not r.stdout
    # A pipeline run, as a user starts it: refused before any model work.
    for args in (("segment", str(SEED)), ("brief", str(SEED), "-o", str(tmp_path / "b.md"))):
        proc = _zhbrief(*args, "--glossary", str(p), cwd=tmp_path)
        assert (proc.returncode, proc.stderr.splitlines(), proc.stdout) == (1, [expected], "")
    assert not (tmp_path / "b.md").exists()


def test_an_approved_row_with_empty_en_is_refused_on_load_and_can_be_fixed(run, write_glossary, tmp_path):
    p = write_glossary(("中厂", "mid-size vendor"), ("赛道", ""))
    expected = (
        f"zhbrief: error: {p}:3: 赛道 is approved but its en is empty, so it pins nothing; give it one with "
        f"`zhbrief glossary set 赛道 --en … --glossary {p}` or make it a candidate"
    )
    for args in (("glossary", "list"), ("glossary", "check", "--source", str(p), "--translation", str(p))):
        r = run(*args, "--glossary", str(p), code=1)
        assert r.stderr.splitlines() == [expected]
    proc = _zhbrief("segment", str(SEED), "--glossary", str(p), cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()) == (1, [expected])
    # The fix the message names works: edits read the file itself, not the merged glossary.
    run("glossary", "set", "赛道", "--en", "segment", "--glossary", str(p))
    assert "赛道\tsegment\tapproved" in run("glossary", "list", "--glossary", str(p)).stdout


def test_empty_en_is_fine_where_it_pins_nothing(run, write_glossary):
    # Candidates (what `glossary mine -o` writes) and dnt terms (kept as written) need no English.
    p = write_glossary(("赛道", "", "", "", "candidate"), ("Mureka", "", "", "", "dnt"))
    r = run("glossary", "list", "--glossary", str(p))
    assert "赛道\t\tcandidate" in r.stdout and not r.stderr


def test_a_row_with_empty_zh_is_left_out_with_a_warning(run, write_glossary):
    p = write_glossary(("中厂", "mid-size vendor"), ("", "orphan"))
    r = run("glossary", "list", "--glossary", str(p))
    assert r.stderr.splitlines() == [
        f"zhbrief: glossary: {p}:3: the zh field is empty; row ignored (en 'orphan')"
    ]
    assert "orphan" not in r.stdout and "中厂\tmid-size vendor" in r.stdout
