"""The package's modules import one another without going round in a circle, and its folders keep
to their order: knowledge and the records first, then extraction, assembly across articles, rendering,
and the adapters last (a stage never imports a later one)."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from conftest import CORPUS, REPO, SEED

PACKAGE = REPO / "plugins" / "regional_briefs"

# Each folder's rank: a module may import from its own rank or a lower one, never a higher one.
# Top-level modules not named here (model, text, language, cache) are shared ground, rank 0.
RANKS = {"knowledge": 0, "extract": 1, "assemble": 2, "pipeline": 3, "render": 4, "outputs": 5, "live": 5, "engine_project": 7,
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


def _comments_and_strings(path: Path) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    return [(token.start[0], token.string) for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type in (tokenize.COMMENT, tokenize.STRING)]


def test_no_comment_or_docstring_quotes_an_article():
    """Examples in the code are made up: six words in a row of a development article, the seed, or a
    real article (when its text is pulled into eval/) are a quotation, and what the code was fitted to."""
    folders = [CORPUS, SEED.parent, REPO / "eval" / "real" / "text", REPO / "eval" / "real-ru" / "text"]
    articles = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())
                if p.suffix in (".txt", ".md", ".html")]
    if not articles:
        pytest.skip("no article texts here")
    size = 6
    runs: dict[str, str] = {}
    for article in articles:
        words = re.findall(r"\w+", article.read_text(encoding="utf-8", errors="replace").lower())
        for i in range(len(words) - size + 1):
            runs.setdefault(" ".join(words[i:i + size]), article.name)
    quoted = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in _comments_and_strings(path):
            words = re.findall(r"\w+", text.lower())
            found = next((" ".join(words[i:i + size]) for i in range(len(words) - size + 1)
                          if " ".join(words[i:i + size]) in runs), None)
            if found:
                quoted.append(f"{path.relative_to(PACKAGE)}:{line} quotes {runs[found]}: {found!r}")
    assert not quoted, "\n".join(quoted)


def test_only_the_adapter_imports_mkdocs():
    """The pipeline is engine-independent: MkDocs (and Material) are imported by the plugin's adapter
    (plugin.py, config.py) only; another engine's adapter (engine_project.py) reads mkdocs.yml as YAML."""
    importing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importing.append(module_name(path))
    assert sorted(set(importing)) == ["config", "plugin"]

