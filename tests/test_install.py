"""The install the README promises is the one CI proves, and the code imports only what pyproject declares.

A dependency that arrives by accident (through another package, or an extra only a newer pip resolves) works
on the machine it was written on and fails on a fresh one; these tests fail as soon as code and pyproject
drift apart, on any machine.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "toolkit"
tomllib = pytest.importorskip("tomllib")  # 3.11+; the install tests run on CI's 3.11


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _code_block_after(text: str, heading: str) -> list[str]:
    section = text.split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, f"no ```sh block under {heading!r}"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


def _name(req: str) -> str:
    return re.split(r"[\[<>=!~;\s]", req, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def _norm(dist: str) -> str:
    return dist.lower().replace("_", "-").replace(".", "-")


# --- the README's two commands are what CI runs ---------------------------------------------------------


def test_ci_runs_the_readme_install_and_test_commands_word_for_word_in_a_new_venv():
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    (install,) = _code_block_after(readme, "## Install")
    (test,) = _code_block_after(readme, "## Test")
    # The environment comes first: PEP 668 systems refuse a pip install outside one.
    assert install.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
    assert install in ci and test in ci
    assert ci.index(install) < ci.index(test)
    # A new environment every run: the old one is removed before the install line, and git ignores it.
    fresh = [i for i, ln in enumerate(ci) if ln.strip() == "rm -rf .venv"]
    assert fresh and fresh[0] < ci.index(install)
    assert ".venv/" in (ROOT / ".gitignore").read_text("utf-8").split()
    # pytest's "no tests collected" (exit 5) must fail CI: errexit is on and the test line is not masked.
    assert any(ln.startswith("set -e") for ln in ci)
    assert "||" not in test


def test_the_supported_pythons_are_said_once_in_the_readme_and_in_pyproject():
    readme = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"Python (3\.\d+) to (3\.\d+)", readme)
    assert m, "the README does not say which Python versions are supported"
    low, high = m.groups()
    nxt = f"3.{int(high.split('.')[1]) + 1}"
    assert _pyproject()["project"]["requires-python"] == f">={low},<{nxt}"


# --- every third-party import is declared, in the base install or in the extra that needs it -----------


def _imports() -> dict[str, list[tuple[str, bool]]]:
    """Top-level module → [(file, lazy)]: lazy when imported inside a function or under try/except ImportError."""
    found: dict[str, list[tuple[str, bool]]] = {}

    def visit(node: ast.AST, path: str, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            child_lazy = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in {"ImportError", "ModuleNotFoundError"}
                for h in child.handlers
            ):
                child_lazy = True
            if isinstance(child, ast.Import):
                for a in child.names:
                    found.setdefault(a.name.split(".")[0], []).append((path, child_lazy))
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.setdefault(child.module.split(".")[0], []).append((path, child_lazy))
            visit(child, path, child_lazy)

    for f in sorted(PACKAGE.rglob("*.py")):
        rel = str(f.relative_to(ROOT))
        visit(ast.parse(f.read_text("utf-8")), rel, False)
    return {
        m: uses
        for m, uses in found.items()
        if m not in sys.stdlib_module_names and m not in {"toolkit", "__future__"}
    }


def test_every_third_party_module_under_toolkit_comes_from_a_declared_distribution():
    project = _pyproject()["project"]
    base = {_name(r) for r in project["dependencies"]}
    extras = {k: {_name(r) for r in v} for k, v in project["optional-dependencies"].items()}
    runtime_extras = {k: v for k, v in extras.items() if k not in {"dev", "build"}}
    providers = md.packages_distributions()
    problems = []
    for module, uses in sorted(_imports().items()):
        dists = {_norm(d) for d in providers.get(module, [])}
        if not dists:
            problems.append(f"{module}: imported by {uses[0][0]} but no installed distribution provides it")
            continue
        if dists & base:
            continue
        needing = sorted(k for k, names in runtime_extras.items() if dists & names)
        if not needing:
            where = sorted(k for k, names in extras.items() if dists & names)
            problems.append(
                f"{module} ({', '.join(sorted(dists))}): imported by {uses[0][0]} but declared "
                + (f"only in {where} (not a runtime extra)" if where else "nowhere in pyproject")
            )
            continue
        eager = [path for path, lazy in uses if not lazy]
        if eager:
            problems.append(
                f"{module} comes from the extra {needing} but {eager[0]} imports it at module level: "
                "the base install could not import that module"
            )
    assert not problems, "\n".join(problems)


def test_the_base_install_imports_every_toolkit_module():
    """With every extra's modules made unimportable, the whole package still imports (extras load lazily)."""
    project = _pyproject()["project"]
    base = {_name(r) for r in project["dependencies"]}
    extra_only = set()
    for names in project["optional-dependencies"].values():
        extra_only |= {_name(r) for r in names} - base
    blocked = sorted(
        module
        for module, dists in md.packages_distributions().items()
        if {_norm(d) for d in dists} & extra_only and not {_norm(d) for d in dists} & base
    )
    assert "torch" in blocked and "ray" in blocked, blocked  # the blocker really blocks the extras
    script = f"""
import importlib, importlib.abc, pkgutil, sys
BLOCKED = set({blocked!r})
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: an extra)", name=name)
        return None
sys.meta_path.insert(0, Block())
import toolkit
for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
    if info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
print("imported", len(sys.modules))
"""
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "imported" in r.stdout


def test_pip_check_is_clean():
    r = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_html_cleaner_that_web_pages_need_is_installed_as_its_own_distribution():
    # trafilatura → jusText → lxml.html.clean, split out of lxml in 5.2. Asked for as lxml's extra, pip 23.2
    # installs nothing (it does not normalise `html_clean`), so pyproject names the distribution itself.
    names = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    assert "lxml-html-clean" in names
    md.distribution("lxml_html_clean")
    from lxml.html.clean import Cleaner  # noqa: F401  (the import jusText makes at the first web page)


def test_the_version_is_written_once():
    """pyproject reads the version from toolkit/__init__.py; no second copy can drift from it."""
    project = _pyproject()["project"]
    assert "version" not in project and "version" in project.get("dynamic", [])
    assert _pyproject()["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "toolkit.__version__"}
    written = re.findall(r'__version__ = "([^"]+)"', (PACKAGE / "__init__.py").read_text("utf-8"))
    assert len(written) == 1
