"""GGUF models on llama.cpp (llama-cpp-python): the default engine, fast on a CPU.

One ``Llama`` object per engine, reused across calls: llama-cpp-python keeps the KV cache of the last prompt
and evaluates only the tokens after the longest common prefix, so a stage that sends the same system
prompt and instructions before every sentence pays for them once.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from toolkit.engines.base import NUDGE_BIAS, Engine, Generation, Message, Nudge, NudgeState
from toolkit.engines.cjk import byte_level_bytes
from toolkit.engines.registry import sha256_file
from toolkit.errors import ZhbriefError

DEFAULT_N_CTX = 4096

# OpenMP's wait policy is left at libgomp's default (spin briefly between tokens, then sleep). Measured with
# bench/bench_engines.py on 2 idle cores, 1.5B model, 20 sentences: 7.6 generated tokens/s with the default,
# 5.8 with PASSIVE (sleep at once). PASSIVE only pays off when another process competes for the same cores;
# export OMP_WAIT_POLICY=PASSIVE there. libgomp reads it once, when llama.cpp loads.
_PATCH_LOCK = threading.Lock()


def machine_threads() -> int:
    """Cores this process may run on (respects taskset/cgroups, unlike os.cpu_count).

    ``$ZHBRIEF_THREADS`` overrides it: llama.cpp's threads spin while they wait for each other, so two
    processes that each take every core run many times slower than one; share the cores out instead.
    """
    env = os.environ.get("ZHBRIEF_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_gguf_header(path: Path) -> None:
    """Fail early, with a message a user can act on, for a file that is not a GGUF model at all."""
    if not path.is_file():
        raise ZhbriefError(
            f"model file {path} does not exist; give a GGUF file, an alias (default, small) or an HF dir"
        )
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic != b"GGUF":
        raise ZhbriefError(
            f"{path} is not a GGUF model file (it starts with {magic!r}, not b'GGUF'); "
            "give a .gguf file, a model alias (default, small) or a Hugging Face directory"
        )


def _amx_compiled_in() -> bool:
    import llama_cpp

    return b"AMX_INT8 = 1" in llama_cpp.llama_print_system_info()


class _ForbidTokens:
    """llama-cpp-python logits processor: -inf on every masked token id."""

    def __init__(self, mask: np.ndarray):
        self.mask = mask

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        scores[self.mask[: len(scores)]] = -np.inf
        return scores


class _NudgeTokens:
    """llama-cpp-python logits processor for ``Nudge``s: the ids come from the tokens generated so far."""

    def __init__(self, state: NudgeState):
        self.state = state
        self.start: int | None = None

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if self.start is None:
            self.start = len(input_ids)  # the prompt: everything before the first generated token
        ids = self.state.boosts(input_ids[self.start :].tolist())
        if ids:
            scores[ids] += NUDGE_BIAS
        return scores


class LlamaEngine(Engine):
    engine_name = "llama.cpp"

    def __init__(
        self,
        path: str | Path,
        *,
        model_id: str | None = None,
        sha256: str | None = None,
        n_ctx: int | None = None,
        n_threads: int | None = None,
    ):
        path = Path(path)
        check_gguf_header(path)
        import llama_cpp
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        threads = n_threads or machine_threads()
        kwargs = dict(
            model_path=str(path),
            n_ctx=n_ctx or DEFAULT_N_CTX,
            n_threads=threads,
            n_threads_batch=threads,
            seed=0,
            verbose=False,  # llama.cpp's load and timing chatter would drown the CLI's output
        )
        try:
            self._llm = self._load(Llama, llama_cpp, kwargs)
        except (ValueError, RuntimeError, OSError) as e:
            raise ZhbriefError(
                f"llama.cpp cannot load {path}: the file is truncated, damaged or not a supported GGUF model "
                f"({e}); for a packaged model run `zhbrief models verify`"
            ) from None
        super().__init__(model_id or str(path), path, self._llm.n_ctx(), sha256)
        self.threads = threads
        # The same formatter llama-cpp-python builds from the GGUF's chat template, so count_prompt_tokens
        # sees exactly the prompt generate() feeds.
        meta = self._llm.metadata
        template = meta.get("tokenizer.chat_template")
        if not template:
            raise ZhbriefError(f"{path} has no chat template in its GGUF metadata; use an instruct model")
        model = self._llm._model
        eos, bos = self._llm.token_eos(), self._llm.token_bos()
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=model.token_get_text(eos) if eos != -1 else "",
            bos_token=model.token_get_text(bos) if bos != -1 else "",
            stop_token_ids=[eos],
        )
        self._pieces: list[bytes] | None = None

    @staticmethod
    def _load(Llama, llama_cpp, kwargs):
        if not _amx_compiled_in():
            return Llama(**kwargs)
        # llama.cpp builds for AMX CPUs (GGML_NATIVE on Sapphire Rapids and later) segfault in the AMX
        # matmul on Q4_K weights; keeping weights out of the "extra" buffer types routes around that code
        # (at the cost of weight repacking). Llama() builds its model params internally, so the default is
        # patched for the duration of the load.
        orig = llama_cpp.llama_cpp.llama_model_default_params

        def params():
            p = orig()
            p.use_extra_bufts = False
            return p

        with _PATCH_LOCK:
            llama_cpp.llama_cpp.llama_model_default_params = params
            try:
                return Llama(**kwargs)
            finally:
                llama_cpp.llama_cpp.llama_model_default_params = orig

    @property
    def sha256(self) -> str | None:
        if self._sha256 is None and self.path is not None:
            self._sha256 = sha256_file(self.path)
        return self._sha256

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
        import llama_cpp
        from llama_cpp import LogitsProcessorList

        procs: list = [_ForbidTokens(self.cjk_mask(allow))] if english_only else []
        if nudge:
            procs.append(_NudgeTokens(NudgeState(nudge, self._tokens, self._text)))
        processors = LogitsProcessorList(procs) if procs else None
        # llama.cpp's own counter says how many prompt tokens were evaluated at all: the rest came from the
        # prefix it kept from the previous call.
        llama_cpp.llama_perf_context_reset(self._llm.ctx)
        t0 = time.perf_counter()
        try:
            out = self._llm.create_chat_completion(
                messages=list(messages),
                max_tokens=max_tokens,
                temperature=temperature,
                repeat_penalty=1.0,
                stop=list(stop) if stop else None,
                logits_processor=processors,
                seed=0,
            )
        except ValueError as e:
            if "exceed context window" in str(e):
                raise ZhbriefError(
                    f"the prompt ({self.count_prompt_tokens(messages)} tokens) does not fit the model's "
                    f"context of {self.context_length} tokens; split the input or load with a larger n_ctx"
                ) from None
            raise
        seconds = time.perf_counter() - t0
        evaluated = llama_cpp.llama_perf_context(self._llm.ctx).n_p_eval
        choice = out["choices"][0]
        usage = out["usage"]
        return Generation(
            text=choice["message"]["content"] or "",
            prompt_tokens=usage["prompt_tokens"],
            completion_tokens=usage["completion_tokens"],
            seconds=seconds,
            finish_reason=choice["finish_reason"] or "stop",
            prompt_evaluated=evaluated,
        )

    def count_tokens(self, text: str) -> int:
        return len(self._tokens(text))

    def _tokens(self, text: str) -> list[int]:
        return self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def _text(self, ids: Sequence[int]) -> str:
        return self._llm.detokenize(list(ids)).decode("utf-8", "ignore")

    def count_prompt_tokens(self, messages: Sequence[Message]) -> int:
        result = self._formatter(messages=list(messages))
        tokens = self._llm.tokenize(
            result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
        )
        return len(tokens)

    def _vocab_pieces(self) -> list[bytes]:
        if self._pieces is None:
            pieces = []
            for i in range(self._llm.n_vocab()):
                piece = self._llm.detokenize([i], special=True)
                if not piece:
                    # a few text tokens are typed "unused" in the GGUF (139995 is Japanese) and detokenize to
                    # nothing, yet the model can still emit them: read their stored text instead
                    piece = byte_level_bytes(self._llm._model.token_get_text(i))
                pieces.append(piece)
            self._pieces = pieces
        return self._pieces

    def _allow_ids(self, text: str) -> set[int]:
        ids: set[int] = set()
        for variant in (text, " " + text):
            ids.update(self._tokens(variant))
        return ids

    def close(self) -> None:
        llm = getattr(self, "_llm", None)
        if llm is not None:
            llm.close()
            self._llm = None
