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


class MkDocsLoader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: `!!python/name:module.function` names a
    function (of a Markdown extension), kept here as its name; nothing is imported."""


MkDocsLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda _loader, suffix, _node: suffix
)


def rendered_files(project: Path) -> list[Path]:
    return [p for p in project.rglob("*") if p.is_file() and ".git" not in p.parts]


@pytest.fixture(params=variants())
def variant(request: pytest.FixtureRequest, rendered_variant):
    """The variant's project (shared: read it, do not edit it) and its targets."""
    pattern, targets = request.param
    return rendered_variant(pattern, targets), set(targets)


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
            yaml.load(path.read_text(encoding="utf-8"), Loader=MkDocsLoader)


def headings_run_into_text(markdown: str) -> list[str]:
    """The Markdown headings (outside code fences) that the next line touches: a
    heading is set off by a blank line, or renderers fold the text into it."""
    lines = markdown.splitlines()
    fenced = False
    problems = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line) and following.strip():
            problems.append(line)
    return problems


def test_headings_run_into_text_catches_a_heading_without_its_blank_line() -> None:
    """Negative control: a Jinja tag that strips the blank line after a heading."""
    assert headings_run_into_text("# Title\nText\n") == ["# Title"]
    assert headings_run_into_text("# Title\n\nText\n```sh\n# comment\nls\n```\n") == []


def test_every_markdown_heading_is_set_off_by_a_blank_line(variant) -> None:
    project, _ = variant
    problems = {
        str(path.relative_to(project)): found
        for path in rendered_files(project)
        if path.suffix == ".md"
        and (found := headings_run_into_text(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_python_binding_exists_exactly_when_python_is_a_target(variant) -> None:
    project, targets = variant
    assert (project / "bindings" / "python" / "pyproject.toml").exists() == ("python" in targets)


def test_the_wasm_crate_exists_exactly_when_a_javascript_target_is_chosen(variant) -> None:
    project, targets = variant
    has_js = bool(targets & set(JS_TARGETS))
    assert (project / "bindings" / "javascript" / "Cargo.toml").exists() == has_js
    members = tomllib.loads((project / "Cargo.toml").read_text())["workspace"]["members"]
    assert ("bindings/javascript" in members) == has_js


def test_the_api_parity_check_exists_exactly_when_python_and_javascript_are_chosen(
    variant,
) -> None:
    project, targets = variant
    both = "python" in targets and bool(targets & set(JS_TARGETS))
    assert (project / "api-parity.toml").exists() == both
    assert (project / "scripts" / "check_api_parity.py").exists() == both
    assert ("check-api:" in (project / "Makefile").read_text(encoding="utf-8")) == both


def test_only_codegen_declares_the_api_once_and_writes_no_binding_by_hand(variant) -> None:
    """codegen: the macro crate, and no hand-written API in the bindings (no
    `#[pyfunction]`, no `#[wasm_bindgen]` export of the sample, no js/api.js); the
    other patterns: hand-written bindings and no macro crate."""
    project, targets = variant
    codegen = answers(project)["pattern"] == "codegen"
    members = tomllib.loads((project / "Cargo.toml").read_text())["workspace"]["members"]
    assert ("macros" in members) == codegen
    assert (project / "macros").exists() == codegen
    lib = (project / "core" / "src" / "lib.rs").read_text(encoding="utf-8")
    assert ("pub mod api {" in lib) == codegen
    if "python" in targets:
        binding = (project / "bindings" / "python" / "src" / "lib.rs").read_text(encoding="utf-8")
        assert ("#[pyfunction]" not in binding) == codegen
        stubs = next((project / "bindings" / "python" / "python").glob("*/_native.pyi"))
        generated = "generated by pyo3_stub_gen" in stubs.read_text(encoding="utf-8")
        assert generated == codegen
    if targets & set(JS_TARGETS):
        javascript = project / "bindings" / "javascript"
        assert (javascript / "js" / "api.js").exists() != codegen
        assert (javascript / "scripts" / "generate-api.mjs").exists() == codegen
        binding = (javascript / "src" / "lib.rs").read_text(encoding="utf-8")
        assert ("pub fn greet" not in binding) == codegen


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
    built = {"node.cjs", "api.d.ts", "bindings_bg.wasm"}  # by build.mjs, with a .d.cts per .d.ts
    manifest = json.loads((package_dir / "package.json").read_text())
    for target in leaves([manifest["exports"], manifest.get("main", ""), manifest["types"]]):
        if target.startswith("./dist/"):
            name = Path(target).name.replace(".d.cts", ".d.ts")
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
    """shared-core, unified-build and codegen: one workspace version; core-library: a version per
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


def test_the_docs_site_is_built_with_the_tools_of_the_chosen_languages_only(variant) -> None:
    """MkDocs (and mkdocstrings) where Python is chosen, TypeDoc where a JavaScript
    target is; without Python, TypeDoc renders the guide itself. The guide links to
    the reference of each chosen language and to no other."""
    project, targets = variant
    python = "python" in targets
    javascript = bool(targets & set(JS_TARGETS))
    assert (project / "mkdocs.yml").exists() == python
    assert (project / "docs" / "python.md").exists() == python
    typedoc = project / "bindings" / "javascript" / "typedoc.json"
    assert typedoc.exists() == javascript
    guide = (project / "docs" / "index.md").read_text(encoding="utf-8")
    crate = answers(project)["crate_name"]
    assert f"(rust/{crate}/index.html)" in guide
    assert ("(python.md)" in guide) == python
    if python:
        groups = tomllib.loads((project / "bindings" / "python" / "pyproject.toml").read_text())
        assert "docs" in groups["dependency-groups"]
        nav = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=MkDocsLoader)[
            "nav"
        ]
        (reference,) = [entry["API reference"] for entry in nav if "API reference" in entry]
        references = {name for entry in reference for name in entry}
        assert references == {"Rust", "Python"} | ({"JavaScript"} if javascript else set())
        assert guide.startswith('--8<-- "README.md"')
    if javascript:
        config = json.loads(typedoc.read_text(encoding="utf-8"))
        # The node entry's declarations add `backend` to the API with node-native.
        entry = "node" if "node-native" in targets else "api"
        assert config["entryPoints"] == [f"dist/{entry}.d.ts"]
        assert config["out"] == ("../../site/javascript" if python else "../../site")
        assert ("[JavaScript](javascript/index.html)" in guide) == python
        assert ("[JavaScript](modules.html)" in guide) == (not python)
        if not python:
            assert config["readme"] == "../../docs/index.md"
            assert guide.startswith("{@include ../README.md}")
    else:
        assert "JavaScript" not in guide
