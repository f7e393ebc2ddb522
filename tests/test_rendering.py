"""Every variant of copier.yml renders into a complete, well-formed project."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import JS_TARGETS, variants

JINJA_LEFTOVER = re.compile(r"{{|}}|{%|%}|{#|#}")
GITHUB_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")  # ${{ github.ref_name }} in workflows
TEXT_SUFFIXES = {
    ".rs",
    ".toml",
    ".json",
    ".yml",
    ".yaml",
    ".py",
    ".pyi",
    ".js",
    ".mjs",
    ".cjs",
    ".ts",
    ".cts",
    ".md",
    ".jsonc",
    "",
}


def rendered_files(project: Path) -> list[Path]:
    return [p for p in project.rglob("*") if p.is_file() and ".git" not in p.parts]


@pytest.fixture(params=variants())
def variant(request: pytest.FixtureRequest, copier, tmp_path: Path):
    pattern, targets = request.param
    project = copier.copy(tmp_path / "project", pattern=pattern, targets=targets)
    return project.path, set(targets)


def test_no_jinja_is_left_in_names_or_contents(variant) -> None:
    project, _ = variant
    for path in rendered_files(project):
        assert not JINJA_LEFTOVER.search(str(path.relative_to(project))), path
        if path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8")
            assert not JINJA_LEFTOVER.search(GITHUB_EXPRESSION.sub("", text)), path


def test_every_toml_json_and_yaml_file_parses(variant) -> None:
    project, _ = variant
    for path in rendered_files(project):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_python_binding_exists_exactly_when_python_is_a_target(variant) -> None:
    project, targets = variant
    assert (project / "bindings" / "python" / "pyproject.toml").exists() == ("python" in targets)


def test_the_wasm_crate_exists_exactly_when_a_javascript_target_is_chosen(variant) -> None:
    project, targets = variant
    has_js = bool(targets & set(JS_TARGETS))
    assert (project / "bindings" / "javascript" / "Cargo.toml").exists() == has_js
    members = tomllib.loads((project / "Cargo.toml").read_text())["workspace"]["members"]
    assert ("bindings/javascript" in members) == has_js


CONDITIONS = {
    "cloudflare-workers": "workerd",
    "browser": "browser",
    "deno": "deno",
    "bun": "bun",
    "node": "node",
}


def test_export_conditions_follow_the_targets(variant) -> None:
    project, targets = variant
    package = project / "bindings" / "javascript" / "package.json"
    if not targets & set(JS_TARGETS):
        pytest.skip("no JavaScript target")
    exports = json.loads(package.read_text())["exports"]["."]
    for target, condition in CONDITIONS.items():
        assert (condition in exports) == (target in targets), condition
    assert list(exports)[-1] == "default"


def test_every_export_points_at_a_shipped_entry(variant) -> None:
    project, _targets = variant
    package_dir = project / "bindings" / "javascript"
    if not package_dir.exists():
        pytest.skip("no JavaScript target")

    def leaves(node):
        if isinstance(node, str):
            yield node
        else:
            for value in node.values() if isinstance(node, dict) else node:
                yield from leaves(value)

    sources = {p.name for p in (package_dir / "js").iterdir()}
    built = {"node.cjs", "api.d.ts", "bindings_bg.wasm"}  # written by scripts/build.mjs
    manifest = json.loads((package_dir / "package.json").read_text())
    for target in leaves([manifest["exports"], manifest.get("main", ""), manifest["types"]]):
        if target.startswith("./dist/"):
            name = Path(target).name
            assert name in sources or name in built, target


def test_a_package_without_node_ships_no_node_entry(variant) -> None:
    project, targets = variant
    package_dir = project / "bindings" / "javascript"
    if not package_dir.exists():
        pytest.skip("no JavaScript target")
    node_entries = {"node.js", "node.cjs"}
    manifest = (package_dir / "package.json").read_text()
    sources = {p.name for p in (package_dir / "js").iterdir()}
    if "node" not in targets:
        assert "node.cjs" not in manifest
        assert '"main"' not in manifest
    if not targets & {"node", "bun"}:
        assert not node_entries & sources
        assert "node.js" not in manifest


def test_the_answers_file_records_the_public_answers(variant) -> None:
    project, targets = variant
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert set(answers["targets"]) == targets
    assert {"project_name", "crate_name", "python_package", "npm_package", "pattern"} <= set(
        answers
    )
    assert "python_crate" not in answers, "derived values are not recorded"


def answers(project: Path) -> dict:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


def test_versions_follow_the_pattern(variant) -> None:
    """shared-core and unified-build: one workspace version; core-library: a version per
    package, and each binding requires a core version that the core has."""
    project, _ = variant
    manifests = {
        path.parent.relative_to(project).as_posix(): tomllib.loads(path.read_text())
        for path in [project / "core" / "Cargo.toml", *project.glob("bindings/*/Cargo.toml")]
    }
    package_json = project / "bindings" / "javascript" / "package.json"
    pyproject = project / "bindings" / "python" / "pyproject.toml"
    if pyproject.exists():
        assert tomllib.loads(pyproject.read_text())["project"]["dynamic"] == ["version"]
    if answers(project)["pattern"] == "core-library":
        core = manifests.pop("core")["package"]
        assert isinstance(core["version"], str)
        for binding in manifests.values():
            assert isinstance(binding["package"]["version"], str)
            requirement = binding["dependencies"][core["name"]]
            assert requirement == {"version": core["version"], "path": "../../core"}
        if package_json.exists():
            wasm = manifests["bindings/javascript"]["package"]["version"]
            assert json.loads(package_json.read_text())["version"] == wasm
    else:
        workspace = tomllib.loads((project / "Cargo.toml").read_text())["workspace"]
        for manifest in manifests.values():
            assert manifest["package"]["version"] == {"workspace": True}
        if package_json.exists():
            version = workspace["package"]["version"]
            assert json.loads(package_json.read_text())["version"] == version


def test_maturin_is_required_in_the_same_range_for_builds_and_for_make(variant) -> None:
    """pip builds the wheel with [build-system]'s maturin, `make` with the dev group's."""
    project, targets = variant
    if "python" not in targets:
        pytest.skip("no Python target")
    pyproject = tomllib.loads((project / "bindings" / "python" / "pyproject.toml").read_text())
    assert pyproject["build-system"]["requires"] == pyproject["dependency-groups"]["build"]
