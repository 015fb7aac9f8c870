"""Engines: the CJK token rule (no model), then both engines on the real packaged `small` model.

The llama.cpp tests share one engine per module; the transformers tests load the same GGUF once
(dequantized, slow on a CPU) and generate only a few tokens.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from toolkit.cjk import cjk_spans, contains_cjk
from toolkit.engines import load_engine, registry, resolve_model
from toolkit.engines.cjk import (
    byte_decoder,
    byte_level_bytes,
    bytes_may_make_cjk,
    cjk_mask,
)
from toolkit.errors import ZhbriefError

# Asked in Chinese to summarize in Chinese, the small model answers in Chinese (checked below, so the
# filter test cannot pass vacuously).
ZH_PROMPT = [
    {"role": "user", "content": "请用中文总结：昆仑万维的天工音乐在海外市场表现突出，用户增长迅速。"}
]
EN_PROMPT = [
    {"role": "system", "content": "You are a precise translator."},
    {"role": "user", "content": "Translate into English: 昆仑万维发布了天工音乐大模型。"},
]


# --- the CJK rule, no model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("piece", "forbidden"),
    [
        ("的".encode(), True),
        ("赛道".encode(), True),
        (" Tian工".encode(), True),
        ("，".encode(), True),  # fullwidth comma
        ("。".encode(), True),  # ideographic full stop
        ("の".encode(), True),
        ("한".encode(), True),
        ("𠀀".encode(), True),  # CJK extension B
        (b"\xe5", True),  # the lead byte of most Han characters, alone
        (b" \xe4\xb8", True),  # two of three bytes
        (b"\xef", True),  # could start fullwidth punctuation
        (b" the", False),
        (b"\xe2", False),  # starts curly quotes and dashes
        ("’".encode(), False),
        ("—".encode(), False),
        ("é".encode(), False),
        ("😀".encode(), False),
        (b"\x80", False),  # a bare continuation byte cannot start a character
        (b"", False),
    ],
)
def test_bytes_may_make_cjk(piece, forbidden):
    assert bytes_may_make_cjk(piece) is forbidden


def test_every_han_character_is_caught_by_its_lead_byte():
    for cp in range(0x4E00, 0xA000, 97):
        assert bytes_may_make_cjk(chr(cp).encode()[:1])


def test_cjk_mask_pads_to_logits_width():
    mask = cjk_mask([b"a", "中".encode(), b"b"], size=5)
    assert mask.tolist() == [False, True, False, False, False]


def test_contains_cjk_and_spans():
    assert not contains_cjk("Kunlun Tech’s “Tiangong” — 12 million")
    assert contains_cjk("Tian工 music")
    assert cjk_spans("the 赛道 of Tian工, ok") == ["赛道", "工"]
    assert cjk_spans("full，width") == ["，"]


def test_byte_decoder_is_a_bijection_onto_bytes():
    dec = byte_decoder()
    assert len(dec) == 256 and sorted(dec.values()) == list(range(256))
    assert dec["Ġ"] == 0x20 and dec["a"] == ord("a")
    assert byte_level_bytes("Ġthe") == b" the"
    assert byte_level_bytes("ç¼ĸ") == "编".encode()
    assert byte_level_bytes("<|im_end|>") == b"<|im_end|>"


def test_resolve_model_order(monkeypatch):
    monkeypatch.delenv("ZHBRIEF_MODEL", raising=False)
    assert resolve_model(None) == "default"
    monkeypatch.setenv("ZHBRIEF_MODEL", "small")
    assert resolve_model(None) == "small"
    assert resolve_model("x.gguf") == "x.gguf"


def test_unknown_model_and_engine(tmp_path):
    with pytest.raises(ZhbriefError, match="no model 'nothing-here'"):
        load_engine("nothing-here")
    with pytest.raises(ZhbriefError, match="unknown engine 'vllm'"):
        load_engine("small", engine="vllm")
    not_gguf = tmp_path / "notes.gguf"
    not_gguf.write_text("hello")
    with pytest.raises(ZhbriefError, match="is not a GGUF model file"):
        load_engine(str(not_gguf))


def test_nudge_boosts_the_start_or_the_continuation_of_a_missing_phrase():
    from toolkit.engines.base import Nudge, NudgeState

    vocab = {"migrant": 1, "worker": 2, "he": 3, "is": 4, "a": 5, "Migrant": 6}
    words = {v: k for k, v in vocab.items()}

    def tokenize(text: str) -> list[int]:
        return [vocab[w] for w in text.split() if w in vocab]

    def detokenize(ids: list[int]) -> str:
        return " ".join(words[i] for i in ids)

    st = NudgeState([Nudge("migrant worker", after=2)], tokenize, detokenize)
    assert st.boosts([3]) == []  # before ``after`` tokens: nothing
    assert st.boosts([1]) == [2]  # ...but a copy the model began is continued at any point
    assert st.boosts([3, 4, 5]) == [1, 6]  # the phrase's first token, either case
    assert st.boosts([3, 4, 5, 1]) == [2]  # "migrant" written: continue it
    assert st.boosts([3, 4, 5, 1, 2]) == []  # the phrase is there: done
    # Two nudges for one phrase: the second waits for its own place and for a second copy.
    st = NudgeState(
        [Nudge("migrant worker", after=6), Nudge("migrant worker", after=0)], tokenize, detokenize
    )
    assert st.boosts([3]) == [1, 6]
    assert st.boosts([3, 1, 2]) == []  # one copy written; the second nudge starts at token 6
    assert st.boosts([3, 1, 2, 3, 4, 5]) == [1, 6]
    assert st.boosts([3, 1, 2, 3, 4, 5, 1, 2]) == []


# --- llama.cpp on the real small model ----------------------------------------------------------------


@pytest.fixture(scope="module")
def llama():
    engine = load_engine("small", engine="llama.cpp")
    yield engine
    engine.close()


@pytest.mark.model
def test_llama_identity(llama):
    assert llama.engine_name == "llama.cpp"
    assert llama.model_id == "small"
    assert llama.sha256 == "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
    assert llama.context_length == 4096
    assert llama.signature().startswith("model:small|sha:1d9614638d18|engine:llama.cpp")


@pytest.mark.model
def test_llama_same_prompt_same_output(llama):
    a = llama.generate(EN_PROMPT, max_tokens=24)
    llama.generate(ZH_PROMPT, max_tokens=8)  # something else in between: the KV cache must not leak
    b = llama.generate(EN_PROMPT, max_tokens=24)
    assert a.text == b.text and a.text.strip()
    assert a.completion_tokens == b.completion_tokens > 0


@pytest.mark.model
def test_llama_english_only_removes_chinese(llama):
    plain = llama.generate(ZH_PROMPT, max_tokens=40)
    assert contains_cjk(plain.text), plain.text  # the model really answers in Chinese unfiltered
    filtered = llama.generate(ZH_PROMPT, max_tokens=40, english_only=True)
    assert filtered.text.strip()
    assert not contains_cjk(filtered.text), filtered.text
    assert sum(c.isascii() and c.isalpha() for c in filtered.text) > 10


@pytest.mark.model
def test_llama_allow_lets_only_the_allowed_term_through(llama):
    out = llama.generate(ZH_PROMPT, max_tokens=40, english_only=True, allow=["天工"])
    assert "天工" in out.text, out.text
    assert set("".join(cjk_spans(out.text))) <= set("天工")


@pytest.mark.model
def test_llama_nudge_brings_a_missing_term_in_only_from_its_place(llama):
    from toolkit.engines import Nudge

    msgs = [{"role": "user", "content": "Translate into English: 他是一名农民工。"}]
    plain = llama.generate(msgs, max_tokens=30, english_only=True).text
    assert "migrant worker" not in plain, plain  # the small model writes "He is a worker."
    nudged = llama.generate(msgs, max_tokens=30, english_only=True, nudge=[Nudge("migrant worker")]).text
    assert "migrant worker" in nudged, nudged
    late = llama.generate(msgs, max_tokens=30, english_only=True, nudge=[Nudge("migrant worker", 50)]).text
    assert late == plain


@pytest.mark.model
def test_llama_token_counts_match_the_engine(llama):
    gen = llama.generate(EN_PROMPT, max_tokens=8)
    assert gen.prompt_tokens == llama.count_prompt_tokens(EN_PROMPT)
    assert llama.count_tokens("") == 0
    assert llama.count_tokens("hello world") == 2
    # Chinese costs more tokens per character than English costs per word: the budget must know it
    assert llama.count_tokens("昆仑万维发布了天工音乐大模型") > 4


@pytest.mark.model
def test_llama_max_tokens_and_stop(llama):
    cut = llama.generate(EN_PROMPT, max_tokens=3)
    assert cut.finish_reason == "length" and cut.completion_tokens == 3
    full = llama.generate(EN_PROMPT, max_tokens=40)
    assert full.finish_reason == "stop"
    word = full.text.split()[2]
    stopped = llama.generate(EN_PROMPT, max_tokens=40, stop=[word])
    assert word not in stopped.text and full.text.startswith(stopped.text.rstrip())


@pytest.mark.model
def test_llama_reuses_a_common_prompt_prefix(llama):
    """The translation stage sends the same long instructions before every sentence: paid once."""
    rules = " ".join(
        f"Rule {i}: translate the term number {i} exactly as the glossary says." for i in range(25)
    )
    llama.generate([{"role": "user", "content": "Hello."}], max_tokens=1)  # something else in the cache
    evaluated = []
    for sentence in ("营收增长了百分之十。", "用户数量翻了一番。", "公司发布了新产品。"):
        msgs = [{"role": "system", "content": rules}, {"role": "user", "content": sentence}]
        gen = llama.generate(msgs, max_tokens=1)
        evaluated.append(gen.prompt_evaluated)
    total = llama.count_prompt_tokens(msgs)
    assert total > 350
    # Counted, not timed: the first call evaluates the whole prompt; the next ones only the tokens after the
    # shared prefix (the sentence and the chat template's closing tokens).
    assert evaluated[0] >= total - 20, (evaluated, total)
    assert max(evaluated[1:]) < 40, (evaluated, total)


@pytest.mark.model
def test_llama_loads_and_generates_silently(capfd):
    """llama.cpp logs model loading and timings on fd 2 unless told not to; the CLI's stderr is for errors."""
    with load_engine("small") as engine:
        engine.generate(EN_PROMPT, max_tokens=2, english_only=True)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.model
def test_llama_prompt_too_long_is_a_clear_error():
    with (
        load_engine("small", n_ctx=256) as small_ctx,
        pytest.raises(ZhbriefError, match=r"does not fit the model's context of 256 tokens"),
    ):
        small_ctx.generate([{"role": "user", "content": "word " * 400}], max_tokens=4)


@pytest.fixture(scope="module")
def small_copy(tmp_path_factory, llama):
    path = tmp_path_factory.mktemp("models") / "copy.gguf"
    shutil.copyfile(llama.path, path)
    return path


@pytest.mark.model
def test_truncated_model_file_is_a_clear_error(small_copy, tmp_path):
    bad = tmp_path / "truncated.gguf"
    with open(small_copy, "rb") as src, open(bad, "wb") as dst:
        dst.write(src.read(200_000_000))
    with pytest.raises(
        ZhbriefError, match=r"llama\.cpp cannot load .*truncated\.gguf: the file is truncated, damaged"
    ):
        load_engine(str(bad))


@pytest.mark.model
def test_flipped_bytes_in_a_copy_are_detected(small_copy, tmp_path):
    bad = tmp_path / "flipped.gguf"
    shutil.copyfile(small_copy, bad)
    with open(bad, "r+b") as f:
        f.seek(300_000_000)
        byte = f.read(1)
        f.seek(300_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(
        ZhbriefError, match=r"has the size of the packaged 'small' model but a different sha256"
    ):
        load_engine(str(bad))


@pytest.mark.model
def test_damaged_header_is_a_clear_error(small_copy, tmp_path):
    bad = tmp_path / "header.gguf"
    data = bytearray(small_copy.read_bytes()[:50_000_000])
    data[8:16] = b"\xff" * 8  # tensor count: garbage
    bad.write_bytes(bytes(data))
    with pytest.raises(ZhbriefError, match=r"llama\.cpp cannot load"):
        load_engine(str(bad))


@pytest.mark.model
def test_a_good_copy_loads_by_path(small_copy):
    with load_engine(str(small_copy)) as engine:
        assert engine.sha256 == "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
        assert engine.generate(EN_PROMPT, max_tokens=4).completion_tokens == 4


# --- transformers on the same GGUF (dequantized) ------------------------------------------------------


@pytest.fixture(scope="module")
def hf():
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    engine = load_engine("small", engine="transformers")
    yield engine
    engine.close()


@pytest.mark.model
def test_hf_same_prompt_same_output(hf):
    assert hf.engine_name == "transformers" and hf.chat
    a = hf.generate(EN_PROMPT, max_tokens=8)
    b = hf.generate(EN_PROMPT, max_tokens=8)
    assert a.text == b.text and a.text.strip()
    assert a.prompt_tokens == hf.count_prompt_tokens(EN_PROMPT)
    assert a.completion_tokens == 8 and a.finish_reason == "length"


@pytest.mark.model
def test_hf_scores_like_llama_on_the_same_model(hf, llama):
    msgs = [
        {"role": "system", "content": "You translate English into Chinese."},
        {"role": "user", "content": "The cat sat on the mat."},
    ]
    a, b = hf.score(msgs, "猫坐在垫子上。"), llama.score(msgs, "猫坐在垫子上。")
    # The same tokens (one tokenizer), and log-probabilities close (bf16 dequantized vs Q4_K_M).
    assert a.tokens == b.tokens and a.offsets == b.offsets
    assert abs(a.total - b.total) < 0.25 * abs(b.total) + 0.5
    assert hf.score(msgs, "狗坐在垫子上。").logprobs[0] < a.logprobs[0] - 2


@pytest.mark.model
def test_hf_english_only_removes_chinese(hf):
    plain = hf.generate(ZH_PROMPT, max_tokens=6)
    assert contains_cjk(plain.text), plain.text
    filtered = hf.generate(ZH_PROMPT, max_tokens=6, english_only=True)
    assert filtered.text.strip() and not contains_cjk(filtered.text), filtered.text


@pytest.mark.model
def test_hf_nudge_brings_a_missing_term_in(hf):
    from toolkit.engines import Nudge

    msgs = [{"role": "user", "content": "Translate into English: 他是一名农民工。"}]
    nudged = hf.generate(msgs, max_tokens=8, english_only=True, nudge=[Nudge("migrant worker")]).text
    assert "migrant worker" in nudged, nudged


@pytest.mark.model
def test_both_engines_count_tokens_alike(hf, llama):
    """Same vocabulary read by two tokenizers: the context budget does not depend on the engine."""
    for text in [
        "hello world",
        "昆仑万维发布了天工音乐大模型，营收1200万美元。",
        "Kunlun Tech’s “Tiangong” SkyMusic",
    ]:
        assert hf.count_tokens(text) == llama.count_tokens(text), text
    assert hf.count_prompt_tokens(EN_PROMPT) == llama.count_prompt_tokens(EN_PROMPT)
    # and both forbid the same tokens
    assert (hf.cjk_mask()[: llama.cjk_mask().size] == llama.cjk_mask()).all()


@pytest.fixture(scope="module")
def hf_dir(hf, tmp_path_factory):
    """A Hugging Face model directory on disk: the small model's tokenizer and chat template with a tiny,
    randomly initialised Qwen2 body. It exercises the directory path (offline load, fingerprint, chat
    template, generation) in seconds; output quality is not the point here, the GGUF tests cover that."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    d = tmp_path_factory.mktemp("hfdir")
    hf.tokenizer.save_pretrained(d)
    torch.manual_seed(0)
    config = Qwen2Config(
        vocab_size=len(hf.tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=2048,
        eos_token_id=hf.tokenizer.convert_tokens_to_ids("<|im_end|>"),
    )
    Qwen2ForCausalLM(config).save_pretrained(d)
    return d


@pytest.mark.model
def test_hf_directory_loads_offline_and_is_fingerprinted(hf_dir):
    with load_engine(str(hf_dir)) as engine:
        assert engine.engine_name == "transformers" and engine.chat
        assert engine.context_length == 2048
        a = engine.generate(EN_PROMPT, max_tokens=5)
        b = engine.generate(EN_PROMPT, max_tokens=5)
        assert (a.text, a.completion_tokens, a.finish_reason) == (
            b.text,
            b.completion_tokens,
            b.finish_reason,
        )
        assert a.completion_tokens == 5
        assert a.prompt_tokens == engine.count_prompt_tokens(EN_PROMPT)
        filtered = engine.generate(ZH_PROMPT, max_tokens=5, english_only=True)
        assert not contains_cjk(filtered.text)
        first = engine.sha256
    assert first and len(first) == 64
    cfg = json.loads((hf_dir / "config.json").read_text())
    cfg["max_position_embeddings"] = 1024
    (hf_dir / "config.json").write_text(json.dumps(cfg))
    with load_engine(str(hf_dir)) as changed:
        assert changed.sha256 != first and changed.context_length == 1024


@pytest.fixture(scope="module")
def marian_dir(tmp_path_factory):
    """A MarianMT (seq2seq) directory: real sentencepiece models trained on the seed article and a few
    English lines, a tiny randomly initialised body. It exercises the translator path of the engine."""
    pytest.importorskip("transformers")
    spm = pytest.importorskip("sentencepiece")
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    d = tmp_path_factory.mktemp("marian")
    zh = [
        ln
        for ln in Path("corpus/kunlun-tiangong-overseas-music-ai.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if ln.strip()
    ]
    en = [
        f"Kunlun Tech reported revenue of {i} million yuan, up {i % 17} percent, as SkyMusic grew overseas."
        for i in range(200)
    ]
    vocab = {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for name, lines in (("source", zh), ("target", en)):
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_prefix=str(d / name), vocab_size=1600, hard_vocab_limit=False,
            byte_fallback=True, bos_id=-1, eos_id=1, unk_id=2, pad_id=-1, minloglevel=2,
        )  # fmt: skip
        (d / f"{name}.model").rename(d / f"{name}.spm")
        sp = spm.SentencePieceProcessor(model_file=str(d / f"{name}.spm"))
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    (d / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    tok = MarianTokenizer(
        source_spm=str(d / "source.spm"), target_spm=str(d / "target.spm"), vocab=str(d / "vocab.json")
    )
    tok.save_pretrained(d)
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=128,
        pad_token_id=2, eos_token_id=0, decoder_start_token_id=2,
    )  # fmt: skip
    MarianMTModel(config).save_pretrained(d)
    return d


@pytest.mark.model
def test_hf_seq2seq_translator_takes_the_last_user_message(marian_dir):
    with load_engine(str(marian_dir)) as engine:
        assert engine.engine_name == "transformers" and not engine.chat
        sentence = "昆仑万维发布了天工音乐大模型。"
        msgs = [
            {"role": "system", "content": "ignored by a translator"},
            {"role": "user", "content": sentence},
        ]
        a = engine.generate(msgs, max_tokens=6)
        b = engine.generate([{"role": "user", "content": sentence}], max_tokens=6)
        assert a.text == b.text and a.prompt_tokens == b.prompt_tokens
        assert (
            a.prompt_tokens == engine.count_prompt_tokens(msgs) == engine.count_tokens(sentence) + 1
        )  # + </s>
        assert 0 < a.completion_tokens <= 6
        assert not contains_cjk(engine.generate(msgs, max_tokens=6, english_only=True).text)


# --- a hub id never reaches for the network (issue 16) -----------------------------------------------------

HUB_ID = "Qwen/Qwen2.5-0.5B-Instruct"


@pytest.mark.parametrize("cache", ["empty", "partial"])
def test_a_hub_id_not_in_the_local_cache_fails_at_once_and_connects_nowhere(tmp_path, cache):
    """The endpoint and every proxy point at a local socket that accepts nothing: any attempt to reach
    the hub would land there (and hang), so an empty accept queue proves no connection was made."""
    import os
    import socket
    import subprocess
    import sys

    if cache == "partial":
        # A snapshot folder without the model's files (an interrupted download) reaches transformers.
        pytest.importorskip("transformers")
        (tmp_path / "hf" / "hub" / "models--Qwen--Qwen2.5-0.5B-Instruct" / "snapshots" / "0").mkdir(
            parents=True
        )
    root = Path(__file__).resolve().parents[2]
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(16)
        srv.setblocking(False)
        url = f"http://127.0.0.1:{srv.getsockname()[1]}"
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_", "TRANSFORMERS_"))
        }
        env.update(
            PYTHONPATH=str(root),
            HF_HOME=str(tmp_path / "hf"),
            HF_ENDPOINT=url,
            HTTP_PROXY=url,
            HTTPS_PROXY=url,
            ALL_PROXY=url,
            http_proxy=url,
            https_proxy=url,
            NO_PROXY="",
        )
        seed = root / "corpus" / "kunlun-tiangong-overseas-music-ai.txt"
        p = subprocess.run(
            [sys.executable, "-m", "toolkit", "translate", str(seed), "--model", HUB_ID, "--no-glossary"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,  # bounds the old behaviour (minutes of retries); not a measurement
        )
        lines = p.stderr.strip().splitlines()
        assert p.returncode == 1 and len(lines) == 1, p.stderr
        assert lines[0].startswith(f"zhbrief: error: {HUB_ID}: not in the local Hugging Face cache")
        assert "local model directory" in lines[0]
        with pytest.raises(BlockingIOError):
            srv.accept()  # nothing ever connected


def test_hub_ids_load_offline_only():
    from toolkit.engines import hf

    assert hf.is_cached("no-such-org/no-such-model") is False
    with pytest.raises(ZhbriefError, match="not in the local Hugging Face cache"):
        load_engine("no-such-org/no-such-model")


@pytest.mark.model
def test_a_packaged_model_says_how_far_its_hash_was_checked(llama, small_copy):
    assert llama.verified == registry.verification("small").label()
    assert llama.describe()["verified"] == llama.verified
    with load_engine(str(small_copy)) as copy:  # a copy of a packaged model is hashed on load
        assert copy.sha256 == llama.sha256 and copy.verified == "sha256 hashed on load"


@pytest.mark.model
def test_llama_score_prefers_the_right_continuation_and_keeps_generates_prefix(llama):
    msgs = [
        {"role": "system", "content": "You translate English into Chinese."},
        {"role": "user", "content": "The cat sat on the mat."},
    ]
    before = llama.generate(EN_PROMPT, max_tokens=16)
    right = llama.score(msgs, "猫坐在垫子上。")
    wrong = llama.score(msgs, "狗坐在垫子上。")
    # One log-probability per token, offsets into the continuation, and 猫 (cat) far likelier than 狗.
    assert len(right.logprobs) == len(right.tokens) == len(right.offsets) > 2
    assert right.offsets[0] == 0 and "".join(right.tokens) == "猫坐在垫子上。"
    assert all(lp <= 0 for lp in right.logprobs)
    assert right.logprobs[0] > wrong.logprobs[0] + 2
    # The second score reused the first one's prompt: only the continuation's tokens were evaluated.
    assert wrong.prompt_evaluated <= len(wrong.tokens) + 1
    # Scoring runs in its own KV sequence: generate's cached prefix is still there, and its output unchanged.
    again = llama.generate(EN_PROMPT, max_tokens=16)
    assert again.text == before.text
    assert again.prompt_evaluated is not None and again.prompt_evaluated <= 1


def test_engines_without_score_say_so():
    from toolkit.checks.faithfulness import can_score
    from toolkit.engines.base import Engine
    from toolkit.engines.llama import LlamaEngine

    assert not can_score(object())
    assert can_score(LlamaEngine.__new__(LlamaEngine))
    with pytest.raises(NotImplementedError):
        Engine.score(LlamaEngine.__new__(LlamaEngine), [], "x")
