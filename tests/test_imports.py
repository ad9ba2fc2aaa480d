"""The package's modules import one another without going round in a circle, and its folders keep
to their order: knowledge and the records first, then extraction, assembly across articles, rendering,
and the adapters last (a stage never imports a later one)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "plugins" / "regional_briefs"

# Each folder's rank: a module may import from its own rank or a lower one, never a higher one.
# Top-level modules not named here (model, text, language, cache) are shared ground, rank 0.
RANKS = {"knowledge": 0, "extract": 1, "assemble": 2, "pipeline": 3, "render": 4, "outputs": 5, "engine_project": 7,
         "evaluation": 6, "plugin": 7, "cli": 7, "config": 7}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def package_imports(path: Path) -> set[str]:
    """The package's modules (dotted, relative to the package) that a module imports, deferred
    imports inside functions included; ``from . import x`` names module ``x`` when there is one."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    if name == "":
        package = []
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if target else alias.name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: package_imports(path) & modules.keys() for name, path in modules.items()}


def test_no_import_circle(graph):
    done: set[str] = set()
    trail: list[str] = []

    def visit(module: str) -> None:
        if module in trail:
            pytest.fail("import circle: " + " -> ".join(trail[trail.index(module):] + [module]))
        if module not in done:
            trail.append(module)
            for imported in sorted(graph[module]):
                # a package's __init__ runs before its modules: importing it is no step back
                if not module.startswith(imported + "."):
                    visit(imported)
            trail.pop()
            done.add(module)

    for module in sorted(graph):
        visit(module)


def test_no_stage_imports_a_later_one(graph):
    def rank(module: str) -> int:
        return RANKS.get(module.split(".")[0], 0)

    backwards = sorted(f"{module} imports {imported}" for module, imports in graph.items()
                       for imported in imports if rank(imported) > rank(module))
    assert not backwards, backwards


def test_the_folders_are_what_the_architecture_page_says():
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == ["assemble", "evaluation", "extract", "knowledge", "render"]
