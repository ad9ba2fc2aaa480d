"""The package's modules import one another without going round in a circle."""

from __future__ import annotations

import ast

import pytest

from conftest import REPO

PACKAGE = REPO / "plugins" / "regional_briefs"


def package_imports(source: str) -> set[str]:
    """The names of the sibling modules a module imports, deferred imports inside functions included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {alias.name for alias in node.names}
    return found


def test_no_import_circle():
    graph = {path.stem: package_imports(path.read_text(encoding="utf-8")) for path in PACKAGE.glob("*.py")}
    done: set[str] = set()
    trail: list[str] = []

    def visit(module: str) -> None:
        if module in trail:
            pytest.fail("import circle: " + " -> ".join(trail[trail.index(module):] + [module]))
        if module not in done:
            trail.append(module)
            for imported in sorted(graph[module] & graph.keys()):
                visit(imported)
            trail.pop()
            done.add(module)

    for module in sorted(graph):
        visit(module)
