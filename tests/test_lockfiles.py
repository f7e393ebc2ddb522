"""The lockfiles a generated project ships are current: Cargo and npm accept them as
they are (`--locked`, `npm ci`) and would write them byte for byte the same.

They are rendered from includes/lockfiles/, which `python scripts/update_lockfiles.py`
writes; a template change to a manifest without running it fails here.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DEFAULT_PATTERN, JS_TARGETS, TARGETS, tool, variants

# Crate names that sort elsewhere among the dependencies than the names the data was
# resolved with ("pyo3" < "pyo3_odd" < "pyo3-build-config" is not Cargo's order:
# "-" sorts before "_"), and an npm name with a scope and dots.
ODD_NAMES = {
    "project_name": "Odd Lock Names",
    "crate_name": "pyo3_odd",
    "npm_package": "@odd-org/lock.names",
    "license": "MIT",
}


def cargo_problem(workspace: Path) -> str | None:
    """Why Cargo does not take `workspace`'s Cargo.lock as it is, or None when it does:
    `cargo metadata --locked` must accept it, and a plain `cargo metadata` (which
    rewrites a lockfile that is stale or not in Cargo's order) must leave it alone."""
    lockfile = workspace / "Cargo.lock"
    shipped = lockfile.read_bytes()
    cargo = tool("cargo")
    locked = subprocess.run(
        [cargo, "metadata", "--locked", "--format-version", "1"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
    )
    if locked.returncode:
        return f"cargo metadata --locked failed in {workspace}:\n{locked.stderr[-2000:]}"
    subprocess.run(
        [cargo, "metadata", "--format-version", "1"], cwd=workspace, capture_output=True, check=True
    )
    if lockfile.read_bytes() != shipped:
        lockfile.write_bytes(shipped)
        return f"Cargo rewrites {lockfile} (not in Cargo's own order or form)"
    return None


def npm_problem(package: Path) -> str | None:
    """Why npm does not take `package`'s package-lock.json as it is, or None: `npm ci`
    must accept it (here as a dry run, which checks it against package.json), and npm
    must write the very same lock for package.json (`npm install --package-lock-only`
    keeps what a current lock records and changes what it does not)."""
    npm = tool("npm")
    checked = subprocess.run(
        [npm, "ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    if checked.returncode:
        return f"npm ci refuses {package / 'package-lock.json'}:\n{checked.stderr[-2000:]}"
    copy = package.parent / (package.name + "-npm-lock")
    copy.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(package / name, copy / name)
    if (package / "test-tools").is_dir():  # the workspaces that package.json names
        shutil.copytree(package / "test-tools", copy / "test-tools")
    subprocess.run(
        [
            npm,
            "install",
            "--package-lock-only",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--omit-lockfile-registry-resolved",
        ],
        cwd=copy,
        capture_output=True,
        check=True,
    )
    rewritten = (copy / "package-lock.json").read_bytes()
    shutil.rmtree(copy)
    if rewritten != (package / "package-lock.json").read_bytes():
        return f"npm writes another lock than {package / 'package-lock.json'} for its package.json"
    return None


@pytest.mark.parametrize("variant", variants())
def test_cargo_takes_every_shipped_cargo_lock_as_it_is(variant, copier, tmp_path: Path) -> None:
    pattern, targets = variant
    project = copier.copy(tmp_path / "project", pattern=pattern, targets=targets, **ODD_NAMES).path
    workspaces = [project] + ([project / "xtask"] if (project / "xtask").is_dir() else [])
    for workspace in workspaces:
        assert (workspace / "Cargo.lock").is_file(), workspace
        assert cargo_problem(workspace) is None


@pytest.mark.parametrize(
    "targets",
    [[target] for target in JS_TARGETS] + [TARGETS],
    ids=[*JS_TARGETS, "all"],
)
def test_npm_takes_every_shipped_package_lock_as_it_is(targets, copier, tmp_path: Path) -> None:
    project = copier.copy(tmp_path / "project", targets=targets, **ODD_NAMES).path
    assert npm_problem(project / "bindings" / "javascript") is None


def test_a_python_only_project_has_no_package_lock(copier, tmp_path: Path) -> None:
    project = copier.copy(tmp_path / "project", targets=["python"]).path
    assert not list(project.rglob("package-lock.json"))


# --- The checks catch what they guard against ----------------------------------


@pytest.fixture
def default_project(copier, tmp_path: Path) -> Path:
    return copier.copy(tmp_path / "project", pattern=DEFAULT_PATTERN, **ODD_NAMES).path


def test_a_cargo_lock_missing_a_dependency_is_caught(default_project: Path) -> None:
    lockfile = default_project / "Cargo.lock"
    entry = '\n[[package]]\nname = "crc32fast"\n'
    text = lockfile.read_text()
    start = text.index(entry)
    end = text.find("\n[[package]]", start + 1)
    lockfile.write_text(text[:start] + text[end:])
    assert "--locked" in cargo_problem(default_project)


def test_a_cargo_lock_out_of_cargo_order_is_caught(default_project: Path) -> None:
    lockfile = default_project / "Cargo.lock"
    head, *packages = lockfile.read_text().split("\n[[package]]")
    lockfile.write_text(head + "".join("\n[[package]]" + p for p in reversed(packages)))
    assert "Cargo's own order" in cargo_problem(default_project)


def test_a_package_json_the_lock_does_not_satisfy_is_caught(default_project: Path) -> None:
    package = default_project / "bindings" / "javascript"
    manifest = json.loads((package / "package.json").read_text())
    manifest["devDependencies"]["prettier"] = "3.10.0"  # the lock has 3.10.1
    (package / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    assert "npm ci refuses" in npm_problem(package)


def test_a_package_lock_npm_would_write_otherwise_is_caught(default_project: Path) -> None:
    """`npm ci` accepts a lock whose root entry omits a dev dependency that the lock
    installs anyway; only the comparison with npm's own lock sees it."""
    package = default_project / "bindings" / "javascript"
    lock = json.loads((package / "package-lock.json").read_text())
    del lock["packages"][""]["devDependencies"]["typescript"]
    (package / "package-lock.json").write_text(json.dumps(lock, indent=2) + "\n")
    assert "npm writes another lock" in npm_problem(package)
