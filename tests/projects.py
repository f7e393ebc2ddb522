"""Generating projects and running their own commands, for the build-tier tests."""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import copier
import pytest


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True):
    """Runs `command` in `cwd`; a failure fails the test with the command's output."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed in {cwd} ({result.returncode}):\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
        )
    return result


@contextmanager
def restored(*paths: Path) -> Iterator[None]:
    """Puts the files at `paths` back as they were, byte for byte, when the block ends:
    for a test that edits a project other tests share."""
    originals = {path: path.read_bytes() for path in paths}
    try:
        yield
    finally:
        for path, content in originals.items():
            path.write_bytes(content)


def git(cwd: Path, *args: str) -> str:
    """`git ARGS` in `cwd`, as a user with a name and an e-mail (for commits); its output."""
    return subprocess.run(
        ["git", "-c", "user.name=User", "-c", "user.email=user@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def python_tool(project: Path, name: str) -> str:
    """A program of the project's Python environment, bindings/python/.venv/, which
    `uv run` keeps (the project's `make test` made it): its `python`, with the package
    installed in editable mode, and the tools of the `dev` group."""
    return str(project / "bindings" / "python" / ".venv" / "bin" / name)


def install_wheel(project: Path, wheel: Path, site: Path) -> None:
    """Unpacks `wheel` into the folder `site` (for PYTHONPATH), for the project's Python."""
    python = python_tool(project, "python")
    command = ["uv", "pip", "install", "--quiet", "--no-deps", "--python", python]
    run([*command, "--target", str(site), str(wheel)], cwd=project)


def build_env(cargo_target_dir: Path) -> dict[str, str]:
    return {**os.environ, "CARGO_TARGET_DIR": str(cargo_target_dir)}


def generate(template: Path, tmp_path_factory, name: str, **answers) -> Path:
    """`copier copy --defaults` of the (tagged) template repository, plus `git init`.

    Unless the test names the project itself, its crates are named after `name`:
    cargo hashes path crates by their path inside the workspace, so two projects with
    the same crate names would overwrite each other's artifacts in the shared target
    dir and could test each other's code.
    """
    project = tmp_path_factory.mktemp(name) / name
    answers.setdefault("project_name", f"Test {name.replace('-', ' ')}")
    copier.run_copy(str(template), project, data=answers, defaults=True, quiet=True)
    run(["git", "init", "--quiet"], cwd=project)
    return project


@functools.cache
def backend_variable(project: Path) -> str:
    """The environment variable that picks the Node.js build of the npm package of
    `project` (built, with node-native), as the package's own loader (dist/native.js)
    names it; asked once per project."""
    package = project / "bindings" / "javascript"
    name = json.loads((package / "package.json").read_text(encoding="utf-8"))["name"]
    loader = (package / "dist" / "native.js").as_uri()
    script = (
        f"import {{ backendVariable }} from {json.dumps(loader)};"
        f"console.log(backendVariable({json.dumps(name)}));"
    )
    return run(["node", "--input-type=module", "-e", script], cwd=project).stdout.strip()


def backend_env(project: Path, backend: str) -> dict[str, str]:
    """The environment in which the npm package of `project` loads `backend` in Node.js
    ("native" or "wasm")."""
    return {**os.environ, backend_variable(project): backend}
