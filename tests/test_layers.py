"""The import graph of ``toolkit/``, read from the import lines (module level, ``TYPE_CHECKING`` blocks and
function bodies alike): no cycle anywhere, no import from a later layer, the brief reaching translation only
through its front door, and a reason beside every import that waits inside a function.

The layer order is the one ``docs/architecture.md`` documents; a module may import from its own layer or an
earlier one, never a later one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "toolkit"

LAYERS: list[set[str]] = [
    # Helpers every stage may use; among themselves they may import each other (no cycle, see below).
    {"cjk", "errors", "paths", "fsutil", "markdown", "script", "dictionary", "outputs", "spans"},
    {"article"},
    # "" is the package itself (toolkit/__init__.py): it re-exports reading (read_article, parse_text).
    {"ingest", ""},
    {"segment"},
    {"glossary"},
    {"quantities"},
    {"annotate"},
    {"mining"},
    {"engines"},
    {"checks"},
    {"compose"},
    {"translation"},
    {"brief"},
    {"batch"},
    {"commands", "cli", "__main__"},
]
LAYER = {unit: i for i, units in enumerate(LAYERS) for unit in units}
LAZY = "# lazy:"


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    path: Path
    line: int
    local: bool
    """Inside a function body (runs when the function does, not when the module loads)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _targets(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool, modules: dict) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        mod = ".".join([*base, *([node.module] if node.module else [])])
    else:
        mod = node.module or ""
    # `from toolkit.annotate import cedict` imports the module toolkit.annotate.cedict.
    subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in modules]
    return subs if len(subs) == len(node.names) else [mod, *subs]


def _visit(node: ast.AST, local: bool, found: list[tuple[ast.Import | ast.ImportFrom, bool]]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            found.append((child, local))
        _visit(child, local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda), found)


def imports() -> list[Import]:
    modules = all_modules()
    out: list[Import] = []
    for name, path in modules.items():
        found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []
        _visit(ast.parse(path.read_text(encoding="utf-8")), False, found)
        for node, local in found:
            for t in _targets(node, name, path.name == "__init__.py", modules):
                if t == "toolkit" or t.startswith("toolkit."):
                    out.append(Import(name, t, path, node.lineno, local))
    return out


def unit(module: str) -> str:
    """The top-level piece of toolkit a module belongs to: ``toolkit.batch.runner`` → ``batch``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def _where(imp: Import) -> str:
    return f"{imp.path.relative_to(ROOT)}:{imp.line} {imp.importer} → {imp.target}"


ALL = imports()


def test_the_graph_is_read() -> None:
    """A sanity check on the reader: known edges of each kind are found."""
    seen = {(i.importer, i.target, i.local) for i in ALL}
    assert ("toolkit.translation.translator", "toolkit.compose.repair", False) in seen
    assert any(i.local for i in ALL)


def test_no_module_imports_itself_in_a_circle() -> None:
    """Module by module, function-level and TYPE_CHECKING imports included: a cycle hidden inside a
    function is still a cycle (it only moves the failure to run time)."""
    edges = {(i.importer, i.target) for i in ALL if i.importer != i.target}
    assert cycles(edges) == []


@pytest.mark.parametrize("depth", [1, 2])
def test_no_package_imports_another_in_a_circle(depth: int) -> None:
    """The same at the level of packages: ``batch.runner`` ↔ ``batch.executors`` or ``glossary`` ↔
    ``annotate`` is a circle even when no single module pair is."""

    def group(module: str) -> str:
        return ".".join(module.split(".")[: depth + 1])

    edges = set()
    for i in ALL:
        a, b = group(i.importer), group(i.target)
        # Within one package, its own __init__ (which re-exports its modules) is not a separate piece.
        parent = ".".join(i.importer.split(".")[:depth])
        if a != b and parent not in (a, b) and a.startswith(parent) and b.startswith(parent):
            edges.add((a, b))
    assert cycles(edges) == []


def test_every_piece_of_toolkit_has_a_layer() -> None:
    assert {unit(m) for m in all_modules()} - set(LAYER) == set()


def test_nothing_imports_from_a_later_layer() -> None:
    later = [
        f"{_where(i)} (layer {LAYER[unit(i.importer)]} imports layer {LAYER[unit(i.target)]})"
        for i in ALL
        if LAYER[unit(i.target)] > LAYER[unit(i.importer)]
    ]
    assert later == []


def test_brief_and_translation_share_only_what_lies_below_both() -> None:
    """Pins, prompts' pin lines, repairs and numbered-answer parsing are ``toolkit.compose``. The brief's
    fallback (a failing summary sentence is replaced by its translation) uses the translation stage's front
    door, ``toolkit.translation``, and nothing inside it; translation never imports the brief."""
    reach = [
        _where(i)
        for i in ALL
        if (
            (unit(i.importer), unit(i.target)) == ("brief", "translation")
            and i.target != "toolkit.translation"
        )
        or (unit(i.importer), unit(i.target)) == ("translation", "brief")
    ]
    assert reach == []


def test_the_glossary_model_and_matcher_read_no_articles() -> None:
    """The glossary's model, matcher and formats sit below reading and annotating: normalizing a key uses
    ``toolkit.script`` (shared with ``ingest``), and mining a corpus is ``toolkit.mining``."""
    reach = [
        _where(i)
        for i in ALL
        if unit(i.importer) == "glossary"
        and unit(i.target) in ("ingest", "annotate", "mining")
        and i.importer in ("toolkit.glossary.model", "toolkit.glossary.match")
    ]
    assert reach == []


def test_a_function_level_import_says_why() -> None:
    """An import of toolkit inside a function is there to keep start-up light; a ``# lazy: …`` comment on
    its line or just above it (or above the block of imports it belongs to) says what it saves."""
    lines_of: dict[Path, list[str]] = {}
    silent = []
    for i in ALL:
        if not i.local:
            continue
        lines = lines_of.setdefault(i.path, i.path.read_text(encoding="utf-8").splitlines())
        k = i.line - 1
        ok = LAZY in lines[k]
        while not ok and k > 0:
            k -= 1
            above = lines[k].strip()
            if not above.startswith(("from ", "import ", "#", ")")) and not above.endswith(","):
                break
            ok = LAZY in above
        if not ok:
            silent.append(_where(i))
    assert silent == []
