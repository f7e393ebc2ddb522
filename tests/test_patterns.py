"""Build tier: each architecture pattern is a real, distinct project, and its own
version rule bites.

The patterns come from copier.yml. Every pattern is built with all targets; a
pairwise cover adds, per pattern, the Python target alone and one JavaScript target
alone (rotating through the JavaScript targets), so that every target is built alone
under more than one pattern without building all pattern x target combinations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DEFAULT_PATTERN, JS_TARGETS, PATTERNS
from projects import build_env, generate, restored, run

pytestmark = pytest.mark.build


def pairwise_variants() -> list[pytest.param]:
    """Per pattern: Python alone and two JavaScript targets alone, rotating, so that every
    target is built alone and Python alone under every pattern."""
    params = []
    for index, pattern in enumerate(PATTERNS):
        js_alone = [JS_TARGETS[(2 * index + k) % len(JS_TARGETS)] for k in (0, 1)]
        params += [
            pytest.param(pattern, target, id=f"{pattern}-{target}")
            for target in ["python", *js_alone]
        ]
    return params


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p != DEFAULT_PATTERN])
def test_pattern_with_every_target_passes_its_own_tests_and_lints(
    pattern: str, built_project, cargo_target_dir
) -> None:
    project = built_project(pattern)  # `make test` passed
    run(["make", "lint"], cwd=project, env=build_env(cargo_target_dir))


@pytest.mark.parametrize(("pattern", "target"), pairwise_variants())
def test_pattern_with_one_target_passes_its_own_tests_and_lints(
    pattern: str, target: str, copier_template: Path, tmp_path_factory, cargo_target_dir
) -> None:
    project = generate(
        copier_template, tmp_path_factory, f"{pattern}-{target}", pattern=pattern, targets=[target]
    )
    env = build_env(cargo_target_dir)
    run(["make", "test"], cwd=project, env=env)
    run(["make", "lint"], cwd=project, env=env)
    assert (project / "bindings" / "javascript").exists() == (target != "python")
    assert (project / "bindings" / "python").exists() == (target == "python")
    if target != "python":
        dist = project / "bindings" / "javascript" / "dist"
        node_entries = {"node.js", "node.cjs"} & {path.name for path in dist.iterdir()}
        assert bool(node_entries) == (target in ("node", "bun")), node_entries


def xtask(project: Path, cargo_target_dir: Path, command: str, check: bool = True):
    """`cargo xtask COMMAND` in `project`, the way its Makefile runs it."""
    return run(
        ["cargo", "xtask", command], cwd=project, env=build_env(cargo_target_dir), check=check
    )


# --- core-library ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def core_library(built_project) -> Path:
    return built_project("core-library")


def set_version(manifest: Path, version: str) -> None:
    text = manifest.read_text(encoding="utf-8")
    updated = re.sub(r'(?m)^version = "[^"]+"', f'version = "{version}"', text, count=1)
    assert updated != text, manifest
    manifest.write_text(updated, encoding="utf-8")


def test_core_library_versions_pass_the_rule(core_library: Path, cargo_target_dir) -> None:
    result = xtask(core_library, cargo_target_dir, "check-versions")
    assert "is accepted by" in result.stdout


def test_core_library_refuses_a_binding_that_does_not_accept_the_core(
    core_library: Path, cargo_target_dir
) -> None:
    manifest = core_library / "core" / "Cargo.toml"
    with restored(manifest):
        set_version(manifest, "0.2.0")
        result = run(
            ["make", "lint"], cwd=core_library, env=build_env(cargo_target_dir), check=False
        )
    assert result.returncode != 0
    assert "bindings/python/Cargo.toml requires" in result.stderr
    assert "bindings/javascript/Cargo.toml requires" in result.stderr
    assert 'set the requirement in bindings/python/Cargo.toml to "0.2.0"' in result.stderr


# --- unified-build -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def unified_dist(built_project, cargo_target_dir) -> Path:
    """The unified-build project after `make dist`."""
    project = built_project("unified-build")
    run(["make", "dist"], cwd=project, env=build_env(cargo_target_dir))
    return project


def test_unified_build_dist_holds_every_artifact(unified_dist: Path) -> None:
    names = sorted(path.name for path in (unified_dist / "dist").iterdir())
    assert any(name.endswith(".crate") for name in names), names
    assert any(name.endswith(".whl") for name in names), names
    assert any(name.endswith(".tar.gz") for name in names), names
    assert any(name.endswith(".tgz") for name in names), names
    assert "SHA256SUMS" in names


def test_unified_build_release_check_passes(unified_dist: Path, cargo_target_dir) -> None:
    result = run(["make", "verify-dist"], cwd=unified_dist, env=build_env(cargo_target_dir))
    assert re.search(r"\.whl: version\(\) at run time: 0\.1\.0", result.stdout)
    assert re.search(r"\.tgz: version\(\) at run time: 0\.1\.0", result.stdout)
    assert "every artifact in dist/ is version 0.1.0" in result.stdout


def test_unified_build_bump_stamps_every_manifest(
    unified_dist: Path, cargo_target_dir, tmp_path: Path
) -> None:
    manifests = [unified_dist / "Cargo.toml", unified_dist / "bindings/javascript/package.json"]
    lockfiles = [
        unified_dist / "Cargo.lock",
        unified_dist / "bindings/javascript/package-lock.json",
    ]
    changelog = unified_dist / "CHANGELOG.md"
    with restored(*manifests, *lockfiles, changelog):
        run(["make", "bump", "VERSION=1.2.3"], cwd=unified_dist, env=build_env(cargo_target_dir))
        assert 'version = "1.2.3"' in manifests[0].read_text(encoding="utf-8")
        assert json.loads(manifests[1].read_text(encoding="utf-8"))["version"] == "1.2.3"
        assert "\n## [1.2.3] - " in changelog.read_text(encoding="utf-8")
        # The lockfiles follow, so that CI's locked builds of the bumped commit pass.
        run(["cargo", "metadata", "--locked", "--format-version", "1"], cwd=unified_dist)
        lock = json.loads(lockfiles[1].read_text(encoding="utf-8"))
        assert lock["version"] == lock["packages"][""]["version"] == "1.2.3"
        # The release check now refuses the artifacts built at the old version.
        stale = xtask(unified_dist, cargo_target_dir, "verify", check=False)
        assert stale.returncode != 0
        assert re.search(r"\.crate has version 0\.1\.0, not 1\.2\.3", stale.stderr)
        assert re.search(r"\.whl: version\(\) at run time has version 0\.1\.0", stale.stderr)


def test_unified_build_refuses_a_package_json_that_drifted(
    unified_dist: Path, cargo_target_dir
) -> None:
    manifest = unified_dist / "bindings" / "javascript" / "package.json"
    with restored(manifest):
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(text.replace('"version": "0.1.0"', '"version": "0.1.1"'))
        result = xtask(unified_dist, cargo_target_dir, "dist", check=False)
    assert result.returncode != 0
    assert 'package.json says version "0.1.1"' in result.stderr
    assert "cargo xtask bump 0.1.0" in result.stderr


def test_unified_build_release_check_catches_a_tampered_artifact(
    unified_dist: Path, cargo_target_dir, tmp_path: Path
) -> None:
    (crate,) = (unified_dist / "dist").glob("*.crate")
    original = crate.read_bytes()
    crate.write_bytes(original + b"\0")
    try:
        result = xtask(unified_dist, cargo_target_dir, "verify", check=False)
    finally:
        crate.write_bytes(original)
    assert result.returncode != 0
    assert "SHA256SUMS does not match" in result.stderr
