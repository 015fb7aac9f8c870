"""The one interface every stage uses to talk to a model, whatever runs it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from toolkit.engines.cjk import cjk_mask

# Base masks by (engine, model sha256): a second engine on the same file skips the vocabulary scan.
_BASE_MASKS: dict[tuple[str, str], np.ndarray] = {}

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@dataclass(frozen=True)
class Generation:
    """What one ``generate`` call produced and what it cost."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    finish_reason: str  # "stop" (end of turn or a stop string) or "length" (max_tokens reached)
    prompt_evaluated: int | None = None
    """Prompt tokens the engine actually evaluated (the rest came from a reused prefix); None if unknown."""


NUDGE_BIAS = 4.0
"""Logit bonus for a nudged phrase's next token. At +3 on its first token only, the default model put the
phrase at the head of the sentence and bent the clause around it; +4 along the whole phrase, gated by
position (``Nudge.after``), placed it where the source has it on the dev lines tried."""


@dataclass(frozen=True)
class Nudge:
    """A phrase the answer should contain (a pinned term a first translation left out): soft lexically
    constrained decoding. Until the phrase has been written, the token that continues a partly written copy
    of it gets ``NUDGE_BIAS`` added to its logit, and from the ``after``-th generated token on, so does the
    token that starts it.
    The model still chooses; a nudge only tips a close call, where a greedy retry of the same request would
    write the same sentence again."""

    text: str
    after: int = 0


class NudgeState:
    """Which token ids to boost, step by step, for a list of nudges (shared by every engine's processor).

    Nudges for one phrase count: with two (得州 twice → "Texas" twice), the second is done only when the
    phrase has been written twice, and starts at its own ``after``."""

    def __init__(self, nudges: Sequence[Nudge], tokenize: Any, detokenize: Any):
        self.detokenize = detokenize
        self.items: list[tuple[str, list[list[int]], int, int]] = []
        seen: dict[str, int] = {}
        for n in sorted(nudges, key=lambda n: n.after):
            variants = {n.text, n.text[:1].upper() + n.text[1:]}
            seqs = [t for v in sorted(variants) for t in (tokenize(v), tokenize(" " + v)) if t]
            if seqs:
                phrase = n.text.lower()
                seen[phrase] = seen.get(phrase, 0) + 1
                self.items.append((phrase, seqs, n.after, seen[phrase]))

    def boosts(self, generated: Sequence[int]) -> list[int]:
        gen = list(generated)
        if not self.items:
            return []
        text = self.detokenize(gen).lower()
        out: set[int] = set()
        for phrase, seqs, after, nth in self.items:
            if text.count(phrase) >= nth:
                continue
            cont = set()
            for seq in seqs:
                for k in range(min(len(seq) - 1, len(gen)), 0, -1):
                    if gen[-k:] == seq[:k]:
                        cont.add(seq[k])
                        break
            # Continuing a phrase the model has begun pulls nothing out of place: no position gate.
            if cont:
                out |= cont
            elif len(gen) >= after:
                out |= {seq[0] for seq in seqs}
        return sorted(out)


@dataclass(frozen=True)
class Scored:
    """A continuation force-decoded after a prompt (``Engine.score``): no sampling, one forward pass."""

    tokens: list[str]
    """The continuation's tokens as text (a piece that splits a UTF-8 character decodes to "")."""
    logprobs: list[float]
    """Natural-log probability of each token given the prompt and the tokens before it."""
    offsets: list[int]
    """Character offset in the continuation where each token's text starts."""
    prompt_evaluated: int
    """Prompt tokens evaluated (the rest came from the prefix kept from the previous call)."""
    seconds: float

    @property
    def total(self) -> float:
        return float(sum(self.logprobs))


class Engine(ABC):
    """A loaded model. Greedy decoding by default, so the same input gives the same output.

    ``chat`` is False for seq2seq translation models (MarianMT): they take the source text itself, so
    ``generate`` uses only the last user message and callers should send the bare sentence.
    """

    engine_name: str = "?"
    chat: bool = True
    verified: str | None = None
    """How far ``sha256`` was checked, for outputs to say so ("sha256 verified 2026-11-30", "sha256 hashed on
    load"); None when nothing was checked (a Hugging Face directory's fingerprint)."""

    def __init__(self, model_id: str, path: Path | None, context_length: int, sha256: str | None):
        self.model_id = model_id
        self.path = path
        self.context_length = context_length
        self._sha256 = sha256

    @property
    def sha256(self) -> str | None:
        """The model file's sha256 (a fingerprint of the files for Hugging Face directories)."""
        return self._sha256

    @abstractmethod
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
        """Continue the chat. ``english_only`` forbids every token that could write a CJK character,
        except the tokens of the strings in ``allow`` (do-not-translate glossary terms). ``nudge``: phrases
        the answer should contain (see ``Nudge``)."""

    def score(self, messages: Sequence[Message], continuation: str) -> Scored:
        """Force-decode ``continuation`` as the assistant's answer to ``messages``: the log-probability of
        each of its tokens. For faithfulness signals (``checks.faithfulness``); an engine that cannot score
        raises ``NotImplementedError``."""
        raise NotImplementedError(f"{self.engine_name} engines do not score text")

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes in this model's vocabulary (no special tokens)."""

    @abstractmethod
    def count_prompt_tokens(self, messages: Sequence[Message]) -> int:
        """Tokens the chat-formatted prompt takes, as ``generate`` would feed it: for context budgets."""

    @abstractmethod
    def _vocab_pieces(self) -> list[bytes]:
        """The bytes each token id decodes to, in id order."""

    @abstractmethod
    def _allow_ids(self, text: str) -> set[int]:
        """Token ids ``text`` tokenizes to (alone and after a space)."""

    def _logits_width(self) -> int:
        return len(self._vocab_pieces())

    def cjk_mask(self, allow: Sequence[str] = ()) -> np.ndarray:
        """True for token ids forbidden under ``english_only``.

        The scan over the vocabulary runs once per vocabulary (shared by engines on the same model file);
        each distinct ``allow`` set costs one copy, kept for the next call.
        """
        key = tuple(sorted(set(allow)))
        cache = self.__dict__.setdefault("_mask_cache", {})
        if key not in cache:
            base = _BASE_MASKS.get((self.engine_name, self.sha256)) if self.sha256 else None
            if base is None:
                base = cjk_mask(self._vocab_pieces(), self._logits_width())
                base.setflags(write=False)
                if self.sha256:
                    _BASE_MASKS[(self.engine_name, self.sha256)] = base
            mask = base
            if key:
                mask = base.copy()
                for text in key:
                    mask[[i for i in self._allow_ids(text) if i < len(mask)]] = False
                mask.setflags(write=False)
            cache[key] = mask
        return cache[key]

    def describe(self) -> dict[str, Any]:
        """The settings that explain an output: part of every zhbrief signature."""
        return {
            "engine": self.engine_name,
            "model": self.model_id,
            "path": str(self.path) if self.path else None,
            "sha256": self.sha256,
            "verified": self.verified,
            "context_length": self.context_length,
        }

    def signature(self) -> str:
        sha = (self.sha256 or "unknown")[:12]
        return f"model:{self.model_id}|sha:{sha}|engine:{self.engine_name}|ctx:{self.context_length}"

    def close(self) -> None:  # noqa: B027 - engines without native resources need nothing here
        """Free native memory now rather than at garbage collection."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
