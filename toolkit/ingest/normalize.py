"""Normalization: traditional → simplified and full-width → ASCII (``toolkit.script``, shared with the
glossary's keys), and the named, extensible boilerplate patterns whose every removal is reported."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.article import Removed
from toolkit.script import detect_script, fold_widths, to_simplified

__all__ = ["BOILERPLATE", "Boilerplate", "detect_script", "fold_widths", "strip_boilerplate", "to_simplified"]


@dataclass(frozen=True)
class Boilerplate:
    """One named pattern of platform boilerplate. ``scope`` is ``line`` (the whole stripped line must
    match), ``inline`` (matches are cut out of a line), or ``tail`` (the matching line and every line after
    it are a footer)."""

    name: str
    pattern: re.Pattern[str]
    scope: str = "line"
    description: str = ""


# Extend by appending to this list (or passing ``boilerplate=`` to parse_text). Order does not matter.
BOILERPLATE: list[Boilerplate] = [
    Boilerplate("image", re.compile(r"!\[[^\]]*\]\([^)]*\)"), "inline", "Markdown image placeholders ![]()"),
    Boilerplate(
        "byline",
        re.compile(
            r"(出品|撰文|作者|编辑|责编|责任编辑|来源|排版|校对|策划|图片|视觉|审核)\s*[IⅠ丨|｜:：]\s*\S.{0,30}"
        ),
        "line",
        "credit lines: 出品I…, 撰文I…, 编辑|…, 来源：…",
    ),
    Boilerplate("superscript", re.compile(r"\[superscript:\s*\d+\]"), "inline", "[superscript:N] markers"),
    Boilerplate(
        "disclaimer",
        re.compile(r"(特别声明|免责声明|声明)\s*[:：].*"),
        "line",
        "platform disclaimers (特别声明：以上内容…, 声明：…仅供参考)",
    ),
    Boilerplate(
        "dateline",
        re.compile(
            r"\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?\s*(\d{1,2}:\d{2}(:\d{2})?)?\s*"
            r"((来源|作者|编辑|责任编辑)\s*[:：]\s*\S{1,20}\s*){1,4}"
        ),
        "line",
        "a page's date-and-source line under its headline (2019-09-26 12:11 来源：… 作者：…)",
    ),
    Boilerplate(
        "helpline",
        # Taiwanese and Hong Kong sites close every story on suicide with the same notice (★中時電子報關心您：
        # 再給自己一次機會 / 自殺防治諮詢專線：0800-788995 / 生命線：1995 / 張老師專線：1980): the notice's own
        # shapes, a site "cares about you" or a hotline's name and number, never an article's sentence.
        re.compile(
            r"[★☆※]?\S{0,12}关心您\s*[:：].{0,30}"
            r"|[★☆※]?(?:自杀防治|自杀咨询|自杀防治咨询|安心|生命线|张老师|心理咨询|心理援助)?\S{0,6}(?:专线|热线|生命线)"
            r"\s*[:：]\s*[\d\-–— ]{3,16}(?:\s*[（(][^）)]{1,12}[)）])?"
        ),
        "line",
        "suicide-prevention notices under a story (…关心您：再给自己一次机会, 生命线：1995)",
    ),
    Boilerplate(
        "paywall",
        # Addressed to the reader (您) and selling a membership: a site's prompt, not the story.
        re.compile(
            r"[^。！？]{0,30}。?\s*[^。！？]{0,10}您[^。！？]{0,12}(?:加入|成为|订阅|开通|登录)[^。！？]{0,12}会员[^。！？]{0,20}[。！]?"
        ),
        "line",
        "membership prompts addressed to the reader (建议您加入…付费会员…)",
    ),
    Boilerplate(
        "endmark",
        # （完）, (中時 ): a news item's end mark or bare source tag, alone on its line. Not （一）, a numbered
        # heading.
        re.compile(r"[（(]\s*[^\s\d一二三四五六七八九十）)]{1,5}\s*[)）]"),
        "line",
        "end marks and bare source tags alone on a line: （完）, (中時 )",
    ),
    Boilerplate(
        "disclaimer-en",
        re.compile(r"Notice:\s*The content above.*", re.IGNORECASE),
        "line",
        "the English half of the NetEase Hao disclaimer",
    ),
]


def strip_boilerplate(
    lines: list[str], patterns: list[Boilerplate] | None = None
) -> tuple[list[str], list[Removed]]:
    """Remove boilerplate; return the kept lines (same count: removed lines become empty) and a record."""
    patterns = BOILERPLATE if patterns is None else patterns
    removed: list[Removed] = []
    out: list[str] = []
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        simplified: str | None = None
        for bp in patterns:
            if bp.scope == "inline":
                for m in bp.pattern.finditer(stripped):
                    removed.append(Removed(bp.name, m.group(0), n))
                    simplified = None
                stripped = bp.pattern.sub("", stripped).strip()
            elif stripped:
                # Patterns are written in simplified script; a traditional-script page's 編輯：… or
                # 特別聲明：… is the same boilerplate.
                if simplified is None:
                    simplified = to_simplified(stripped)
                if bp.pattern.fullmatch(stripped) or bp.pattern.fullmatch(simplified):
                    removed.append(Removed(bp.name, stripped, n))
                    stripped = ""
        out.append(stripped)
    return out, removed
