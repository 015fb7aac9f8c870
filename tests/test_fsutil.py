"""Atomic writes: the old file survives a failed write, and no temp file is left behind."""

from __future__ import annotations

import os

import pytest

from toolkit.fsutil import atomic_write_text


def test_replaces_whole_file_and_keeps_mode(tmp_path):
    p = tmp_path / "out" / "brief.md"
    atomic_write_text(p, "first")
    os.chmod(p, 0o640)
    atomic_write_text(p, "second")
    assert p.read_text() == "second"
    assert p.stat().st_mode & 0o777 == 0o640
    assert [x.name for x in p.parent.iterdir()] == ["brief.md"]


def test_failed_write_leaves_old_content(tmp_path, monkeypatch):
    p = tmp_path / "brief.md"
    atomic_write_text(p, "precious")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(p, "half")
    assert p.read_text() == "precious"
    assert [x.name for x in tmp_path.iterdir()] == ["brief.md"]
