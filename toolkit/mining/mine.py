"""Candidate terms a glossary lacks: jieba keyword extraction plus n-gram discovery, and the names the
pipeline finds that nothing established names.

jieba's TF-IDF (run on the glossary's own tokenizer, so known terms stay whole) finds the words jieba
produces. But a new term is exactly what jieba's dictionary does not know, and it often splits it (百模大战 →
百模 / 大战), so n-gram discovery finds character strings that hold together (high cohesion: the whole is far
more frequent than its parts predict) and stand free (high boundary entropy: varied characters on both
sides). Known terms are cut out of the text first, so their fragments never come back as candidates.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from toolkit.annotate import Annotator, name_uses
from toolkit.cjk import HAN_CLASS
from toolkit.dictionary import base_tokenizer
from toolkit.errors import ZhbriefError
from toolkit.glossary.candidate import Candidate
from toolkit.glossary.model import Glossary
from toolkit.ingest import parse_text

_CJK_RUN = re.compile(f"[{HAN_CLASS}]+")
# Characters that rarely start or end a term (particles, pronouns, conjunctions, measure words).
_EDGE_STOP = set(
    "达则的了是在和与及或等也都而就被把对从为之其这那个并但却所以于将已让给向着过又很更最再还不没有我们你他她它此该各每某些"
)
# Characters that rarely sit inside a term: a string holding one is a phrase (国家和地区, 机遇与陷阱).
_INNER_STOP = set("的和与及或并至则达被把将在是了也都而着过")
_BOUNDARY = "\x00"
MAX_N = 6


def _entropy_of(counter: Counter[str]) -> float:
    total = sum(counter.values())
    if not total:
        return 0.0
    h = 0.0
    for ch, c in counter.items():
        if ch == _BOUNDARY:
            h += c / total * math.log(total)
        else:
            p = c / total
            h -= p * math.log(p)
    return h


def mask_known(text: str, glossary: Glossary) -> str:
    """``text`` with every glossary term replaced by a separator, so neither it nor its parts are mined."""
    if not len(glossary):
        return text
    out = []
    pos = 0
    for m in glossary.match(text):
        out.append(text[pos : m.start])
        out.append("\n")
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def _outer_context(ch: str) -> str:
    if ch.isdigit():
        return "0"
    if ch.isascii() and ch.isalpha():
        return "a"
    return _BOUNDARY


def ngram_candidates(
    texts: Sequence[str], min_freq: int = 2, min_cohesion: float = 2.0, min_entropy: float = 0.6
) -> dict[str, float]:
    """CJK strings of 2..6 characters that hold together and stand free, with a score."""
    counts: Counter[str] = Counter()
    left: dict[str, Counter[str]] = defaultdict(Counter)
    right: dict[str, Counter[str]] = defaultdict(Counter)
    total_chars = 0
    for text in texts:
        for match in _CJK_RUN.finditer(text):
            run = match.group()
            n = len(run)
            total_chars += n
            # Outside the run: punctuation is a free boundary, but a digit or Latin letter is a context
            # like any other (年上半年 always follows a year: it is not free on its left).
            before = _outer_context(text[match.start() - 1] if match.start() else "")
            after = _outer_context(text[match.end()] if match.end() < len(text) else "")
            for i in range(n):
                for k in range(1, min(MAX_N, n - i) + 1):
                    g = run[i : i + k]
                    counts[g] += 1
                    if k >= 2:
                        left[g][run[i - 1] if i > 0 else before] += 1
                        right[g][run[i + k] if i + k < n else after] += 1
    if not total_chars:
        return {}
    out: dict[str, float] = {}
    for g, c in counts.items():
        if len(g) < 2 or c < min_freq or g[0] in _EDGE_STOP or g[-1] in _EDGE_STOP:
            continue
        if any(ch in _INNER_STOP for ch in g[1:-1]):
            continue
        # Cohesion: the weakest split's pointwise mutual information.
        pg = c / total_chars
        coh = min(
            math.log(pg / ((counts[g[:i]] / total_chars) * (counts[g[i:]] / total_chars)))
            for i in range(1, len(g))
        )
        if coh < min_cohesion:
            continue
        ent = min(_entropy_of(left[g]), _entropy_of(right[g]))
        if ent < min_entropy:
            continue
        out[g] = c * ent * math.log(1 + coh) * (1 + 0.25 * (len(g) - 2))
    # A string always seen inside a longer candidate is that candidate's fragment.
    for g in list(out):
        for longer in (h for h in out if len(h) > len(g) and g in h):
            if counts[longer] >= 0.8 * counts[g]:
                out.pop(g, None)
                break
    return out


def _token_bounds(seg: object, text: str) -> set[int]:
    out = {0, len(text)}
    for t in seg.tokens(text):  # type: ignore[attr-defined]
        out.add(t.start)
        out.add(t.end)
    return out


def _boundary_agreement(term: str, texts: Sequence[tuple[str, str]], bounds: Sequence[set[int]]) -> float:
    """Share of ``term``'s occurrences that start and end on jieba token boundaries."""
    total = agree = 0
    for (_, text), b in zip(texts, bounds, strict=True):
        i = text.find(term)
        while i >= 0:
            total += 1
            agree += i in b and i + len(term) in b
            i = text.find(term, i + 1)
    return agree / total if total else 0.0


def termhood(term: str, idf: dict[str, float], median_idf: float, base: object) -> float:
    """How term-like a string is, about 0..1.2: a general word (low IDF) is not terminology.

    A string jieba's IDF table lacks is new if the dictionary can only spell it with single characters
    (中厂 → 中/厂, 百模大战 → 百/模/大战) and a phrase if it splits into known words (海外市场 → 海外/市场),
    in which case it is as general as its parts.
    """
    known = idf.get(term)
    if known is not None:
        return known / median_idf
    if term.isascii():
        return 1.0
    parts = list(base.cut(term, HMM=False))  # type: ignore[attr-defined]
    if any(len(p) == 1 for p in parts) or len(parts) == 1:
        return 1.0
    return sum(idf.get(p, median_idf) for p in parts) / len(parts) / median_idf


def _contexts(term: str, named_texts: Sequence[tuple[str, str]], n: int = 2, width: int = 12) -> list[str]:
    out: list[str] = []
    for _, text in named_texts:
        i = text.find(term)
        while i >= 0 and len(out) < n:
            s = max(0, i - width)
            ctx = ("…" if s else "") + text[s : i + len(term) + width].replace("\n", " ") + "…"
            if ctx not in out:
                out.append(ctx)
            i = text.find(term, i + len(term) + width)
        if len(out) >= n:
            break
    return out


def _keep_word(w: str) -> bool:
    w = w.strip()
    if len(w) < 2 or w.isdigit() or re.fullmatch(r"[\d.,%+\-]+[\w]?", w):
        return False
    if w.isascii():
        return len(w) >= 3 and any(c.isalpha() for c in w)
    return bool(_CJK_RUN.fullmatch(w)) and w[0] not in _EDGE_STOP and w[-1] not in _EDGE_STOP


def mine(
    named_texts: Sequence[tuple[str, str]],
    glossary: Glossary,
    top: int = 50,
    min_freq: int = 2,
    keywords_per_text: int = 40,
) -> list[Candidate]:
    """Candidate terms in ``named_texts`` ((name, text) pairs) that ``glossary`` does not have, best first."""
    import jieba.analyse

    masked = [(name, mask_known(text, glossary)) for name, text in named_texts]
    seg = glossary.segmenter()
    tfidf = jieba.analyse.TFIDF()
    tfidf.tokenizer = seg.tokenizer  # keyword extraction on our own tokenizer, not jieba's global one
    kw_scores: dict[str, float] = defaultdict(float)
    for _, text in masked:
        for w, weight in tfidf.extract_tags(text, topK=keywords_per_text, withWeight=True):
            if _keep_word(w) and glossary.get(w) is None:
                kw_scores[w] += weight
    ng_scores = ngram_candidates([t for _, t in masked], min_freq=min_freq)
    ng_scores = {g: s for g, s in ng_scores.items() if glossary.get(g) is None}

    base = base_tokenizer()
    bounds = [_token_bounds(seg, t) for _, t in masked]
    out: list[Candidate] = []
    for term in set(kw_scores) | set(ng_scores):
        freq = sum(t.count(term) for _, t in masked)
        if freq < min_freq:
            continue
        if term not in kw_scores and _boundary_agreement(term, masked, bounds) < 0.5:
            continue  # starts or ends inside jieba's words (场竞争 from 市场竞争): a straddle, not a term
        sources = {s for s, d in (("keyword", kw_scores), ("ngram", ng_scores)) if term in d}
        th = termhood(term, tfidf.idf_freq, tfidf.median_idf, base)
        score = (
            th * th * math.log(1 + freq) * (1 + 0.1 * (len(term) - 2)) * (1.2 if len(sources) == 2 else 1.0)
        )
        arts = sum(1 for _, t in masked if term in t)
        out.append(Candidate(term, freq, arts, score, sources, _contexts(term, named_texts)))
    # A candidate nearly always seen inside a longer one is that one's fragment (百模 in 百模大战); one
    # that holds a much more frequent candidate is a phrase built on it (中厂玩家 on 中厂).
    by_term = {c.term: c for c in out}
    out = [
        c
        for c in out
        if not any(len(o) > len(c.term) and c.term in o and by_term[o].freq >= 0.8 * c.freq for o in by_term)
        and not any(len(o) < len(c.term) and o in c.term and by_term[o].freq >= 2 * c.freq for o in by_term)
    ]
    out.sort(key=lambda c: (-c.score, -c.freq, c.term))
    out = out[:top] if top else out
    return _with_names(out, named_texts, glossary)


_NAME_DOMAINS = {"person": "person", "place": "place", "organization": "company"}


def name_candidates(named_texts: Sequence[tuple[str, str]], glossary: Glossary) -> list[Candidate]:
    """The names the pipeline finds that nothing established names: pinned in pinyin (a guess) or not
    pinned at all (a foreign person, an organization). CEDICT and place-table names are left out (their
    English is established), and so are the glossary's own."""
    annotator = Annotator(glossary)
    out: dict[str, Candidate] = {}
    for name, text in named_texts:
        try:
            article = parse_text(text, source=name)
        except ZhbriefError:
            continue  # not an article the pipeline would read (the term mining above still counts it)
        for use in name_uses(annotator.article(article).values()):
            domain = _NAME_DOMAINS.get(use.kind)
            if domain is None or use.source in ("glossary", "cedict", "gazetteer"):
                continue
            if use.note.startswith(("boundary doubtful", "no place suffix", "地区")):
                continue  # jieba's cut or tag is in doubt: not a name to put to a terminologist
            c = out.setdefault(
                use.zh,
                Candidate(use.zh, 0, 0, 0.0, {"name"}, domain=domain, en=use.en or "", evidence=use.note),
            )
            c.freq += text.count(use.zh)
            c.articles += 1
    for c in out.values():
        c.contexts = _contexts(c.term, named_texts)
    return sorted(out.values(), key=lambda c: (-c.freq, c.term))


def _with_names(
    cands: list[Candidate], named_texts: Sequence[tuple[str, str]], glossary: Glossary
) -> list[Candidate]:
    """The term candidates, each name among them marked as one, then the names not among them."""
    names = {c.term: c for c in name_candidates(named_texts, glossary)}
    for c in cands:
        n = names.pop(c.term, None)
        if n is not None:
            c.domain, c.en, c.evidence = n.domain, n.en, n.evidence
            c.sources.add("name")
    return cands + list(names.values())
