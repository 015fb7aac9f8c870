"""Local models behind one small interface (``Engine.generate`` / ``Engine.count_tokens``).

``load_engine(model)`` takes what a user types after ``--model``:

- an alias, ``default`` (Qwen2.5-Coder-1.5B-Instruct Q4_K_M) or ``small`` (its 0.5B sibling): assembled
  from the part packages into the user cache on first use, then run on llama.cpp;
- a path to a ``.gguf`` file: llama.cpp;
- a Hugging Face model directory or hub id (causal instruct or seq2seq such as MarianMT): transformers;
  a hub id from the local Hugging Face cache only, never downloaded.

``None`` means ``$ZHBRIEF_MODEL``, else ``default``. ``engine="transformers"`` runs a GGUF (alias or path)
on transformers instead, dequantized; that is how the benchmark compares the two engines.
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.engines.base import Engine, Generation, Message, Nudge
from toolkit.engines.registry import (
    MODELS,
    ModelSpec,
    ensure_model,
    known_model_for_file,
    sha256_file,
    verification,
)
from toolkit.errors import ZhbriefError

ENGINES = ("llama.cpp", "transformers")

__all__ = [
    "ENGINES",
    "MODELS",
    "Engine",
    "Generation",
    "Message",
    "ModelSpec",
    "Nudge",
    "ensure_model",
    "load_engine",
    "resolve_model",
]


def resolve_model(model: str | None = None) -> str:
    """The model a command will use: the argument, else ``$ZHBRIEF_MODEL``, else ``default``."""
    return model or os.environ.get("ZHBRIEF_MODEL") or "default"


def _verify_known_copy(path: Path) -> str | None:
    """A file with the exact size of a packaged model is taken to be a copy of it, so its hash must match.

    This catches a damaged copy (flipped bytes) that llama.cpp would load without complaint. Returns the
    sha256 when it was computed.
    """
    spec = known_model_for_file(path)
    if spec is None:
        return None
    sha = sha256_file(path)
    if sha != spec.sha256:
        raise ZhbriefError(
            f"{path} has the size of the packaged {spec.alias!r} model but a different sha256 "
            f"({sha[:12]}…, expected {spec.sha256[:12]}…): the copy is damaged; "
            f"use --model {spec.alias} or copy the file again"
        )
    return sha


def load_engine(model: str | None = None, n_ctx: int | None = None, engine: str | None = None) -> Engine:
    """Load ``model`` (alias, GGUF path, HF directory or id) on the engine that suits it."""
    name = resolve_model(model)
    if engine is not None and engine not in ENGINES:
        raise ZhbriefError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if name in MODELS:
        spec = MODELS[name]
        path = ensure_model(name)
        loaded = _load_gguf(path, engine, model_id=name, sha256=spec.sha256, n_ctx=n_ctx)
        # The published hash names the model; say how far this copy was checked against it, and when
        # (a run compares size and mtime with the stamp of the last full hash, it does not rehash 1 GB).
        loaded.verified = verification(name).label()
        return loaded
    p = Path(name).expanduser()
    if p.is_file():
        sha = _verify_known_copy(p)
        loaded = _load_gguf(p, engine, model_id=str(p), sha256=sha, n_ctx=n_ctx)
        loaded.verified = "sha256 hashed on load" if sha else None
        return loaded
    if p.is_dir() or (not p.exists() and name.count("/") == 1 and not name.startswith((".", "/", "~"))):
        if engine == "llama.cpp":
            raise ZhbriefError(f"{name} is a Hugging Face model; llama.cpp runs GGUF files only")
        # lazy: torch and transformers load only for a Hugging Face model
        from toolkit.engines.hf import TransformersEngine, check_hub_id

        if not p.is_dir():
            check_hub_id(name)  # one line now, before torch loads, instead of minutes of network retries
        return TransformersEngine(name if not p.is_dir() else p, n_ctx=n_ctx)
    raise ZhbriefError(
        f"no model {name!r}: not an alias ({', '.join(MODELS)}), a GGUF file, or a Hugging Face directory or id"
    )


def _load_gguf(
    path: Path, engine: str | None, *, model_id: str, sha256: str | None, n_ctx: int | None
) -> Engine:
    if engine == "transformers":
        # lazy: torch and transformers load only when asked for
        from toolkit.engines.hf import TransformersEngine
        from toolkit.engines.llama import check_gguf_header

        check_gguf_header(path)
        return TransformersEngine(
            path.parent, gguf_file=path.name, model_id=model_id, sha256=sha256, n_ctx=n_ctx
        )
    from toolkit.engines.llama import LlamaEngine  # lazy: llama.cpp loads only for a GGUF model

    return LlamaEngine(path, model_id=model_id, sha256=sha256, n_ctx=n_ctx)
