"""Reading a model's numbered answer: both stages ask for "one line per input, numbered like the input"."""

from __future__ import annotations

import re

# "1." "2)" "3、" "4:" with optional Markdown bold around the number ("**1.**", "**1**.").
_NUMBERED = re.compile(r"^\s*(?:\*\*)?(\d{1,3})\s*(?:\*\*)?\s*[.)、:：]\s*(?:\*\*)?\s*(.*)$")


def parse_numbered(text: str, n: int) -> list[str | None]:
    """The answers to items 1..n of a numbered answer; ``None`` for an item the answer does not give.

    A line numbered k (1..n, the first such line) starts item k; a line without a number continues the item
    before it (a model sometimes wraps). A line before the first number that ends in a colon ("Here is the
    translation:") is a preamble and dropped; any other unnumbered start means the numbering cannot be
    trusted, and every item is ``None``. For a single item an unnumbered answer is the item as it is. The
    caller decides what a ``None`` costs: a translation re-translates its chunk line by line, a summary
    retries that sentence.
    """
    items: dict[int, list[str]] = {}
    current: int | None = None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        m = _NUMBERED.match(line)
        if m and 1 <= int(m.group(1)) <= n and int(m.group(1)) not in items:
            current = int(m.group(1))
            items[current] = [m.group(2).strip()]
        elif current is not None:
            items[current].append(line)
        elif line.endswith((":", "：")):
            continue  # "Here is the translation:" before the first number
        elif n == 1:
            current = 1
            items[1] = [line]
        else:
            return [None] * n
    joined = {k: " ".join(p for p in parts if p).strip() for k, parts in items.items()}
    return [joined.get(k) for k in range(1, n + 1)]
