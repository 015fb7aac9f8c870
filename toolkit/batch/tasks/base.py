"""What every batch task provides; ``BriefTask`` and ``TranslateTask`` fill it in."""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from toolkit.article import Article

Step = Callable[[str, int, int], None]


class InvalidResult(ValueError):
    """A stored result that cannot be rebuilt (hand-edited, truncated, from other code): a cache miss."""


def pick(cls: type, d: Mapping[str, Any]) -> dict[str, Any]:
    """The keys of ``d`` that are fields of ``cls`` (the schema only ever adds keys; old code ignores new
    ones, new code fills defaults for old ones)."""
    if not isinstance(d, Mapping):
        raise InvalidResult(f"expected an object for {cls.__name__}, found {type(d).__name__}")
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def rebuild(name: str, build: Callable[[], Any]) -> Any:
    """Run ``build`` and turn every way a malformed dict breaks it into one ``InvalidResult``."""
    try:
        return build()
    except InvalidResult:
        raise
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise InvalidResult(f"not a valid stored {name} ({type(e).__name__}: {e})") from None


class Task(ABC):
    """One kind of batch work. A result is the task's JSON dict (what the cache stores); ``from_dict``
    rebuilds the object the renderers take, so a stored result renders any format with no model work."""

    name: ClassVar[str]
    formats: ClassVar[tuple[str, ...]]

    @abstractmethod
    def settings(self, sentences: int, method: str) -> dict[str, Any]:
        """The settings that change a result (part of the cache key); output formats are not among them."""

    @abstractmethod
    def compute(
        self, article: Article, engine: Any, glossary: Any, *, sentences: int, method: str, step: Step | None
    ) -> tuple[dict[str, Any], int]:
        """Run the model: (the result as a JSON-able dict, model calls made)."""

    @abstractmethod
    def from_dict(self, result: Mapping[str, Any]) -> Any:
        """The result object from its stored dict; ``InvalidResult`` when the dict is not one."""

    @abstractmethod
    def render(self, obj: Any, article: Article, fmt: str) -> str:
        """Render a rebuilt result for ``article`` (read afresh, so its path, encoding and original script
        are this run's even when the result was cached from an identical article elsewhere)."""

    @abstractmethod
    def figures(self, result: Mapping[str, Any]) -> dict[str, Any]:
        """The per-article quality figures the manifest and the report carry."""

    @abstractmethod
    def problems(self, result: Mapping[str, Any]) -> list[str]:
        """One line per thing a reviewer should look at (missed term, wrong amount, Chinese left, …)."""

    @abstractmethod
    def terms(self, result: Mapping[str, Any]) -> list[tuple[str, str, int]]:
        """(zh, en, count) of the glossary terms the article contains, for corpus coverage."""

    def load_and_render(
        self, result: Mapping[str, Any], article: Article, formats: tuple[str, ...]
    ) -> list[str]:
        """Every format rendered from one rebuilt result, in memory (nothing is written unless all render)."""
        obj = self.from_dict(result)
        return [self.render(obj, article, fmt) for fmt in formats]


def limited(lines: list[str], limit: int = 12) -> list[str]:
    return lines[:limit] + ([f"… and {len(lines) - limit} more"] if len(lines) > limit else [])
