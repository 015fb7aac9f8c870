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

from toolkit.engines.base import NUDGE_BIAS, Engine, Generation, Message, Nudge, NudgeState, Scored
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
        self._scored: list[int] = []  # the tokens ``score`` left in KV sequence 1

    @staticmethod
    def _load(Llama, llama_cpp, kwargs):
        # Llama() builds its model and context params internally, so the defaults are patched for the
        # duration of the load (under a lock: another thread's load must not see them).
        # Context: two sequences in one unified KV cache of n_ctx cells. Sequence 0 is Llama's own
        # (generate, with its kept prompt prefix); ``score`` runs in sequence 1, so scoring a sentence
        # between two translations does not evict the translation prompt's cached prefix.
        orig_ctx = llama_cpp.llama_cpp.llama_context_default_params
        orig_model = llama_cpp.llama_cpp.llama_model_default_params

        def ctx_params():
            p = orig_ctx()
            p.n_seq_max = 2
            p.kv_unified = True
            return p

        def model_params():
            p = orig_model()
            # llama.cpp builds for AMX CPUs (GGML_NATIVE on Sapphire Rapids and later) segfault in the
            # AMX matmul on Q4_K weights; keeping weights out of the "extra" buffer types routes around
            # that code (at the cost of weight repacking).
            p.use_extra_bufts = False
            return p

        with _PATCH_LOCK:
            llama_cpp.llama_cpp.llama_context_default_params = ctx_params
            if _amx_compiled_in():
                llama_cpp.llama_cpp.llama_model_default_params = model_params
            try:
                return Llama(**kwargs)
            finally:
                llama_cpp.llama_cpp.llama_context_default_params = orig_ctx
                llama_cpp.llama_cpp.llama_model_default_params = orig_model

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

    def score(self, messages: Sequence[Message], continuation: str) -> Scored:
        """One forward pass over the chat prompt and ``continuation``, logits read only at the
        continuation's positions (llama.cpp computes the output layer for flagged positions alone, and
        ``logits_all=True`` would hold n_ctx × 152k floats, 2.5 GB). Runs in KV sequence 1 (see ``_load``):
        ``generate``'s cached prefix in sequence 0 stays; the prefix the previous ``score`` left in
        sequence 1 is kept and only the rest evaluated."""
        llm = self._llm
        t0 = time.perf_counter()
        result = self._formatter(messages=list(messages))
        prompt = llm.tokenize(result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True)
        cont = self._tokens(continuation)
        seq = prompt + cont
        if len(seq) + llm.n_tokens > self.context_length:
            llm.reset()  # the two sequences share the cache: give up generate's kept prefix first
            llm._ctx.kv_cache_seq_rm(0, 0, -1)
        if len(seq) > self.context_length:
            raise ZhbriefError(
                f"the text to score ({len(seq)} tokens) does not fit the model's context of "
                f"{self.context_length} tokens"
            )
        if not cont:
            return Scored([], [], [], 0, time.perf_counter() - t0)
        # Keep the cached prefix, but re-evaluate at least the prompt's last token: its logits predict the
        # continuation's first.
        keep = 0
        for a, b in zip(self._scored, seq[: len(prompt) - 1], strict=False):
            if a != b:
                break
            keep += 1
        import llama_cpp

        # sequence 1 explicitly: LlamaContext.kv_cache_seq_rm maps every negative id to sequence 0
        llama_cpp.llama_memory_seq_rm(llm._ctx.memory, 1, keep, -1)
        first_out = len(prompt) - 1  # the position whose logits predict cont[0]
        n_vocab = llm.n_vocab()
        logprobs: list[float] = []
        batch = llm._batch
        self._scored = seq[:keep]
        for start in range(keep, len(seq), llm.n_batch):
            chunk = seq[start : start + llm.n_batch]
            b = batch.batch
            b.n_tokens = len(chunk)
            outs: list[int] = []
            for i, tok in enumerate(chunk):
                pos = start + i
                b.token[i] = tok
                b.pos[i] = pos
                b.seq_id[i][0] = 1
                b.n_seq_id[i] = 1
                want = first_out <= pos < len(seq) - 1
                b.logits[i] = want
                if want:
                    outs.append(i)
            if not outs:
                b.logits[len(chunk) - 1] = True  # llama.cpp wants at least one output per batch
            llm._ctx.decode(batch)
            self._scored = seq[: start + len(chunk)]
            for i in outs:
                row = np.ctypeslib.as_array(llm._ctx.get_logits_ith(i), shape=(n_vocab,)).astype(np.float64)
                top = row.max()
                lse = top + np.log(np.exp(row - top).sum())
                logprobs.append(float(row[seq[start + i + 1]] - lse))
        pieces = [llm.detokenize([t]) for t in cont]
        texts, offsets, buf = [], [], b""
        for piece in pieces:
            offsets.append(len(buf.decode("utf-8", "ignore")))
            buf += piece
            texts.append(piece.decode("utf-8", "ignore"))
        return Scored(texts, logprobs, offsets, len(seq) - keep, time.perf_counter() - t0)

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
