"""Generated code is formatted and lint-clean as generated, whatever the names.

The build tier runs clippy and the TypeScript compiler; this fast tier runs the
formatters and linters that need no compilation.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import copier
import pytest

from conftest import TARGETS, tool

NAMES = {
    "default": {},
    "long-names": {"project_name": "A Forty Character Project Name For Lint"},
    "late-in-alphabet": {"project_name": "Zeta Hash"},
    "non-ascii-and-quotes": {
        "project_name": "Zoë's Café",
        "description": 'Parses "quoted" C:\\paths, <Vec<u8>> & [links] *fast*.',
        "author_name": 'Zoë O\'Brien "ZB"',
    },
}


@pytest.fixture(params=list(NAMES), scope="module")
def project(request: pytest.FixtureRequest, copier_template: Path, tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp(request.param) / "project"
    data = {"targets": TARGETS, **NAMES[request.param]}
    copier.run_copy(str(copier_template), destination, data=data, defaults=True, quiet=True)
    return destination


def check(command: list[str | Path], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"


def test_rust_is_rustfmt_clean(project: Path) -> None:
    check(["cargo", "fmt", "--all", "--check"], project)


def test_python_passes_ruff_check(project: Path) -> None:
    check([tool("ruff"), "check", "bindings/python"], project)


def test_python_is_ruff_formatted(project: Path) -> None:
    check([tool("ruff"), "format", "--check", "bindings/python"], project)


def test_javascript_parses(project: Path) -> None:
    package = project / "bindings" / "javascript"
    for path in [
        *package.glob("js/*.js"),
        *package.glob("scripts/*.mjs"),
        *package.glob("tests/*.mjs"),
    ]:
        if path.name == "deno.js":
            continue  # source-phase import syntax: Node 20 cannot parse it, Deno runs it
        check(["node", "--check", path], package)


def test_pre_commit_hooks_pass_on_the_generated_project(project: Path, tmp_path: Path) -> None:
    check(["git", "init", "--quiet"], project)
    check(["git", "add", "-A"], project)
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    result = subprocess.run(
        [tool("pre-commit"), "run", "--all-files"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env_home},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def crlf_files(project: Path, autocrlf_clone: Path) -> list[str]:
    """Commits `project`, clones it as git for Windows would (core.autocrlf=true) and
    lists the files that came out with CRLF line endings."""
    git = ["git", "-c", "user.name=User", "-c", "user.email=user@example.com"]
    for command in (["init", "--quiet"], ["add", "-A"], ["commit", "--quiet", "-m", "Generated"]):
        check([*git, *command], cwd=project)
    check(
        ["git", "-c", "core.autocrlf=true", "clone", "--quiet", str(project), str(autocrlf_clone)],
        cwd=project,
    )
    return sorted(
        str(path.relative_to(autocrlf_clone))
        for path in autocrlf_clone.rglob("*")
        if ".git" not in path.parts and path.is_file() and b"\r\n" in path.read_bytes()
    )


def test_a_windows_checkout_keeps_lf_line_endings(copier_template: Path, tmp_path: Path) -> None:
    """rustfmt, ruff and prettier check LF files: .gitattributes overrides core.autocrlf."""
    project = tmp_path / "project"
    copier.run_copy(str(copier_template), project, data={"targets": TARGETS}, defaults=True)
    assert crlf_files(project, tmp_path / "clone") == []


def test_without_gitattributes_a_windows_checkout_gets_crlf_negative_control(
    copier_template: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    copier.run_copy(str(copier_template), project, data={"targets": TARGETS}, defaults=True)
    (project / ".gitattributes").unlink()
    assert "Cargo.toml" in crlf_files(project, tmp_path / "clone")
