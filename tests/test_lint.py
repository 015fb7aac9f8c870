"""The code base stays ruff clean: lint and format are part of the test command, so CI enforces them."""

from __future__ import annotations

import shutil
import subprocess
import sys

from .conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "ruff", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def test_ruff_check():
    r = _ruff("check", "toolkit", "tests", "bench")
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format():
    r = _ruff("format", "--check", "toolkit", "tests", "bench")
    assert r.returncode == 0, r.stdout + r.stderr
