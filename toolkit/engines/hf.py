"""Hugging Face models on transformers: causal instruct models, seq2seq translators, GGUF via ``gguf_file``.

Needs the ``hf`` extra (torch, transformers, accelerate, gguf, sentencepiece). Runs on CUDA when there is
one, else on the CPU in float32 (bf16 matmuls are slow on most CPUs).

Nothing is fetched at run time (the README's promise): a hub id loads from the local Hugging Face cache
only — offline mode is set for transformers and huggingface_hub before they are imported, every load passes
``local_files_only`` — and an id that is not cached fails at once, in one line, before torch is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.engines.base import NUDGE_BIAS, Engine, Generation, Message, Nudge, NudgeState, Scored
from toolkit.engines.cjk import byte_level_bytes
from toolkit.engines.registry import sha256_file
from toolkit.errors import ZhbriefError

DEFAULT_N_CTX = 4096
_SMALL_FILE = 16 * 1024 * 1024


def _cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


_BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


def fingerprint_dir(path: Path) -> str:
    """A sha256 that changes when the model directory does: names, sizes, and the small files' contents.

    Hashing every weight file of a large model on each load would cost more than loading it.
    """
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        rel = f.relative_to(path).as_posix()
        if rel.startswith("."):
            continue
        size = f.stat().st_size
        h.update(f"{rel}\0{size}\0".encode())
        if size <= _SMALL_FILE:
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def go_offline() -> None:
    """Tell huggingface_hub and transformers never to reach the network. They read these variables when
    they are imported, so this runs before the first import (``local_files_only`` covers the rest)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"


def hub_cache_dir() -> Path:
    """Where huggingface_hub keeps downloaded models, by its own rules, without importing it."""
    env = os.environ
    for var in ("HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE"):
        if env.get(var):
            return Path(env[var]).expanduser()
    home = env.get("HF_HOME") or os.path.join(env.get("XDG_CACHE_HOME") or "~/.cache", "huggingface")
    return Path(home).expanduser() / "hub"


def is_cached(repo_id: str) -> bool:
    """Whether the hub cache holds a snapshot of ``repo_id`` (its files are checked when it loads)."""
    snapshots = hub_cache_dir() / ("models--" + repo_id.replace("/", "--")) / "snapshots"
    try:
        return any(p.is_dir() for p in snapshots.iterdir())
    except OSError:
        return False


def not_cached(repo_id: str) -> ZhbriefError:
    return ZhbriefError(
        f"{repo_id}: not in the local Hugging Face cache ({hub_cache_dir()}), and zhbrief never downloads at "
        f"run time; download it once (huggingface-cli download {repo_id}) or give a local model directory "
        "(--model /path/to/model-dir)"
    )


def check_hub_id(repo_id: str) -> None:
    """Fail at once, before torch or transformers load, when a hub id is not in the local cache."""
    if not is_cached(repo_id):
        raise not_cached(repo_id)


class _ForbidTokens:
    """transformers logits processor: -inf on every masked token id."""

    def __init__(self, mask: Any):
        self.mask = mask

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        width = scores.shape[-1]
        return scores.masked_fill(self.mask[:width].to(scores.device), float("-inf"))


class _NudgeTokens:
    """transformers logits processor for ``Nudge``s (batch of one)."""

    def __init__(self, state: NudgeState, n_prompt: int):
        self.state = state
        self.n_prompt = n_prompt

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        ids = self.state.boosts(input_ids[0, self.n_prompt :].tolist())
        if ids:
            scores[0, ids] += NUDGE_BIAS
        return scores


class TransformersEngine(Engine):
    engine_name = "transformers"

    def __init__(
        self,
        source: str | Path,
        *,
        gguf_file: str | None = None,
        model_id: str | None = None,
        sha256: str | None = None,
        n_ctx: int | None = None,
        device: str | None = None,
        dtype: str | None = None,
    ):
        source_str = str(source)
        local = Path(source_str).is_dir()
        if not local:
            check_hub_id(source_str)
        go_offline()
        try:
            import torch
            import transformers
        except ImportError:
            raise ZhbriefError(
                "Hugging Face models need the hf extra: pip install 'zhbrief[hf]' "
                "(with a CPU torch: pip install torch --index-url https://download.pytorch.org/whl/cpu)"
            ) from None
        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
        kw: dict[str, Any] = {}
        if gguf_file:
            kw["gguf_file"] = gguf_file
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.dtype_name = dtype  # "float32", "bfloat16", "float16"; None: bf16 where the hardware has it
        try:
            config, tokenizer, model = self._load(transformers, torch, source_str, kw, local)
        except ZhbriefError:
            raise
        except (OSError, ValueError, RuntimeError, KeyError, ImportError) as e:
            if not local and isinstance(e, OSError):
                # A snapshot folder without the files this model needs: as good as not cached.
                raise not_cached(source_str) from None
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            what = f"{source_str}/{gguf_file}" if gguf_file else source_str
            raise ZhbriefError(
                f"transformers cannot load {what}: {first[:200]} "
                "(give a local model directory or an id already in the Hugging Face cache)"
            ) from None
        self.config = config
        self.tokenizer = tokenizer
        self.model = model
        self.chat = not getattr(config, "is_encoder_decoder", False)
        if self.chat and not getattr(tokenizer, "chat_template", None):
            raise ZhbriefError(
                f"{source_str} has no chat template; use an instruct model or a seq2seq translator"
            )
        max_pos = getattr(config, "max_position_embeddings", None) or DEFAULT_N_CTX
        if sha256 is None and local:
            sha256 = fingerprint_dir(Path(source_str)) if not gguf_file else None
        super().__init__(
            model_id or source_str,
            Path(source_str) if local else None,
            n_ctx or min(max_pos, DEFAULT_N_CTX),
            sha256,
        )
        self._gguf_path = Path(source_str) / gguf_file if gguf_file else None
        self._pieces: list[bytes] | None = None

    def _load(self, transformers, torch, source: str, kw: dict[str, Any], local: bool):
        def attempt(local_only: bool):
            opts = dict(kw, local_files_only=local_only)
            config = transformers.AutoConfig.from_pretrained(source, **opts)
            tokenizer = transformers.AutoTokenizer.from_pretrained(source, **opts)
            seq2seq = getattr(config, "is_encoder_decoder", False)
            cls = transformers.AutoModelForSeq2SeqLM if seq2seq else transformers.AutoModelForCausalLM
            model = cls.from_pretrained(source, dtype=self._dtype(torch), **opts).to(self.device).eval()
            return config, tokenizer, model

        if kw.get("gguf_file"):
            # the GGUF dequantizer draws its own tqdm bar, deaf to disable_progress_bar(): silence it here
            import functools

            from transformers import modeling_gguf_pytorch_utils as gguf_utils

            bar = gguf_utils.tqdm
            gguf_utils.tqdm = functools.partial(bar, disable=True)
            try:
                return attempt(True)
            finally:
                gguf_utils.tqdm = bar
        # Local files only, a directory or a hub id alike: never the network (see the module docs).
        return attempt(True)

    def _dtype(self, torch):
        if self.dtype_name:
            return getattr(torch, self.dtype_name)
        if self.device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        # bf16 halves the memory of a dequantized GGUF (1.5B: ~9 GB in float32) but is emulated, and slow,
        # on CPUs without native bf16 instructions
        return torch.bfloat16 if _cpu_has_bf16() else torch.float32

    @property
    def sha256(self) -> str | None:
        if self._sha256 is None and self._gguf_path is not None:
            self._sha256 = sha256_file(self._gguf_path)
        return self._sha256

    def _encode(self, messages: Sequence[Message]):
        if self.chat:
            return self.tokenizer.apply_chat_template(
                list(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        # A translator takes the text itself: the last user message is the sentence to translate.
        text = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
        return self.tokenizer(text, return_tensors="pt")  # no silent truncation: too long is an error

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        stop: Sequence[str] | None = None,
        english_only: bool = False,
        allow: Sequence[str] = (),
        temperature: float = 0.0,
        nudge: Sequence[Nudge] = (),
    ) -> Generation:
        import torch
        from transformers import LogitsProcessorList

        t0 = time.perf_counter()
        enc = self._encode(messages).to(self.device)
        n_prompt = int(enc["input_ids"].shape[1])
        if n_prompt >= self.context_length:
            raise ZhbriefError(
                f"the prompt ({n_prompt} tokens) does not fit the model's context of {self.context_length} tokens"
            )
        gen: dict[str, Any] = {"max_new_tokens": max_tokens}
        if temperature > 0:
            torch.manual_seed(0)
            gen.update(do_sample=True, temperature=temperature, top_p=1.0, top_k=0)
        else:
            gen.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        if stop:
            gen.update(stop_strings=list(stop), tokenizer=self.tokenizer)
        procs: list = []
        if english_only:
            procs.append(_ForbidTokens(torch.from_numpy(self.cjk_mask(allow).copy())))
        if nudge and self.chat:
            state = NudgeState(
                nudge,
                lambda t: self.tokenizer.encode(t, add_special_tokens=False),
                lambda ids: self.tokenizer.decode(ids, skip_special_tokens=True),
            )
            procs.append(_NudgeTokens(state, n_prompt))
        if procs:
            gen["logits_processor"] = LogitsProcessorList(procs)
        pad = self.tokenizer.pad_token_id
        if pad is None:
            pad = self.tokenizer.eos_token_id
        with torch.inference_mode():
            out = self.model.generate(**enc, **gen, pad_token_id=pad)
        new = out[0, n_prompt:] if self.chat else out[0, 1:]  # seq2seq output starts with the decoder start
        ids = new.tolist()
        eos = set(self._eos_ids())
        while ids and pad is not None and ids[-1] == pad and pad not in eos:
            ids.pop()
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        finish = "stop"
        cut = min((i for s in (stop or ()) if (i := text.find(s)) >= 0), default=-1)
        if cut >= 0:
            text = text[:cut]
        elif len(ids) >= max_tokens and not (ids and ids[-1] in eos):
            finish = "length"
        completion = len(ids) - (1 if ids and ids[-1] in eos else 0)
        return Generation(
            text=text.strip() if not self.chat else text,
            prompt_tokens=n_prompt,
            completion_tokens=completion,
            seconds=time.perf_counter() - t0,
            finish_reason=finish,
        )

    def score(self, messages: Sequence[Message], continuation: str) -> Scored:
        """One forward pass of a chat model over the prompt and ``continuation``; the log-probability of
        each continuation token (a seq2seq translation model does not score: ``NotImplementedError``)."""
        if not self.chat:
            raise NotImplementedError("a seq2seq translation model does not score text")
        import torch

        t0 = time.perf_counter()
        prompt = self._encode(messages)["input_ids"][0].tolist()
        cont = self.tokenizer.encode(continuation, add_special_tokens=False)
        if not cont:
            return Scored([], [], [], 0, time.perf_counter() - t0)
        seq = prompt + cont
        if len(seq) > self.context_length:
            raise ZhbriefError(
                f"the text to score ({len(seq)} tokens) does not fit the model's context of "
                f"{self.context_length} tokens"
            )
        ids = torch.tensor([seq], device=self.device)
        with torch.inference_mode():
            logits = self.model(input_ids=ids).logits[0, len(prompt) - 1 : len(seq) - 1].float()
        lps = torch.log_softmax(logits, dim=-1).gather(1, torch.tensor([cont], device=self.device).T)
        texts, offsets, done = [], [], ""
        for i in range(len(cont)):
            offsets.append(len(done))
            upto = self.tokenizer.decode(cont[: i + 1])
            texts.append(upto[len(done) :])
            done = upto
        return Scored(
            texts, [float(x) for x in lps[:, 0].tolist()], offsets, len(seq), time.perf_counter() - t0
        )

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info.update(
            device=self.device, dtype=str(self.model.dtype).removeprefix("torch.") if self.model else None
        )
        return info

    def _eos_ids(self) -> list[int]:
        eos = self.model.generation_config.eos_token_id
        if eos is None:
            eos = self.tokenizer.eos_token_id
        if eos is None:
            return []
        return list(eos) if isinstance(eos, (list, tuple)) else [eos]

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def count_prompt_tokens(self, messages: Sequence[Message]) -> int:
        return int(self._encode(messages)["input_ids"].shape[1])

    def _is_byte_level(self) -> bool:
        backend = getattr(self.tokenizer, "backend_tokenizer", None)
        return backend is not None and "ByteLevel" in repr(backend.decoder)

    def _vocab_pieces(self) -> list[bytes]:
        if self._pieces is None:
            tokens = self.tokenizer.convert_ids_to_tokens(list(range(len(self.tokenizer))))
            pieces: list[bytes] = []
            if self._is_byte_level():
                pieces = [byte_level_bytes(t or "") for t in tokens]
            else:  # sentencepiece: text pieces, ▁ for a space, <0xNN> byte-fallback pieces
                for t in tokens:
                    t = t or ""
                    m = _BYTE_PIECE.fullmatch(t)
                    pieces.append(bytes([int(m.group(1), 16)]) if m else t.replace("▁", " ").encode("utf-8"))
            self._pieces = pieces
        return self._pieces

    def _logits_width(self) -> int:
        emb = self.model.get_output_embeddings()
        width = emb.weight.shape[0] if emb is not None else self.config.vocab_size
        return max(int(width), len(self._vocab_pieces()))

    def _allow_ids(self, text: str) -> set[int]:
        ids: set[int] = set()
        for variant in (text, " " + text):
            ids.update(self.tokenizer(variant, add_special_tokens=False)["input_ids"])
        return ids

    def close(self) -> None:
        self.model = None
        self.tokenizer = None
