"""docs/workshop.md works as written: its facts match the template, its steps run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DEFAULT_PATTERN, QUESTIONS, ROOT
from projects import build_env, restored, run

WORKSHOP = (ROOT / "docs" / "workshop.md").read_text(encoding="utf-8")
CARGO = (ROOT / "template" / "Cargo.toml.jinja").read_text(encoding="utf-8")
PACKAGE_JSON = next((ROOT / "template" / "bindings").glob("*javascript*/package.json.jinja"))


def test_the_workshop_asks_for_the_rust_the_projects_declare() -> None:
    (rust,) = re.findall(r'^rust-version = "([0-9.]+)"', CARGO, re.MULTILINE)
    assert f"Rust {rust} or newer" in WORKSHOP


def test_the_workshop_installs_the_pinned_wasm_bindgen_cli() -> None:
    (pin,) = re.findall(r'^wasm-bindgen = "=([0-9.]+)"', CARGO, re.MULTILINE)
    assert f"cargo install wasm-bindgen-cli --version ={pin}" in WORKSHOP


def test_the_workshop_asks_for_the_oldest_python_the_projects_offer() -> None:
    oldest = min(QUESTIONS["python_min"]["choices"], key=lambda v: tuple(map(int, v.split("."))))
    assert f"Python {oldest} or newer" in WORKSHOP


def test_the_workshop_asks_for_the_node_the_package_declares() -> None:
    (node,) = re.findall(r'"node": ">=([0-9.]+)"', PACKAGE_JSON.read_text(encoding="utf-8"))
    assert f"Node.js {node} or newer" in WORKSHOP


def test_the_workshop_asks_for_the_copier_the_template_requires() -> None:
    minimum = ".".join(QUESTIONS["_min_copier_version"].split(".")[:2])
    assert f"Copier {minimum} or newer" in WORKSHOP


def test_the_workshop_commits_before_anything_else() -> None:
    """`copier update` needs the generated project committed."""
    generate = WORKSHOP.index("copier copy gh:")
    commit = WORKSHOP.index("git init && git add -A && git commit")
    first_build = WORKSHOP.index("make test", generate)
    assert generate < commit < first_build


def test_the_workshop_names_the_pattern_its_steps_follow() -> None:
    assert f"`{DEFAULT_PATTERN}`" in WORKSHOP


@pytest.mark.build
def test_step_2_a_broken_translation_fails_in_every_language(
    built_project, cargo_target_dir: Path
) -> None:
    """ "Break a translation in the core ... `make -k test`": the Rust, Python and
    JavaScript tests all fail on the shared vector, and make goes on after the first."""
    project = built_project(DEFAULT_PATTERN)
    greet = project / "core" / "src" / "greet.rs"
    with restored(greet):
        source = greet.read_text(encoding="utf-8")
        assert '"Bonjour, {name} !"' in source, "the workshop's step 2 names this line"
        greet.write_text(source.replace('"Bonjour, {name} !"', '"Salut, {name} !"'))
        result = run(
            ["make", "-k", "test"], cwd=project, env=build_env(cargo_target_dir), check=False
        )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Salut, Ada !" in output
    assert re.search(r"make: \*\*\* \[Makefile:\d+: test-rust\]", output), output[-3000:]
    assert re.search(r"make: \*\*\* \[Makefile:\d+: test-python\]", output), output[-3000:]
    assert re.search(r"make: \*\*\* \[Makefile:\d+: test-js\]", output), output[-3000:]
