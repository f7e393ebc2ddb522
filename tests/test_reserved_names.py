"""includes/reserved-names.jinja stays in step with the Python running the tests."""

from __future__ import annotations

import json
import keyword
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import PATTERNS, QUESTIONS, ROOT, all_targets, jinja_environment

TEXT = (ROOT / "includes" / "reserved-names.jinja").read_text(encoding="utf-8")


def reserved_names():
    """includes/reserved-names.jinja as Copier renders it: its variables."""
    return jinja_environment().get_template("includes/reserved-names.jinja").module


def jinja_list(name: str) -> set[str]:
    body = re.search(rf"set {name} = \[(.*?)\]", TEXT, re.S)
    assert body, name
    return set(re.findall(r'"([^"]+)"', body.group(1)))


def test_every_public_stdlib_module_is_reserved() -> None:
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public <= jinja_list("python_stdlib")


def test_every_python_keyword_is_reserved() -> None:
    assert set(keyword.kwlist) <= jinja_list("python_keywords")


def test_rust_strict_keywords_are_reserved() -> None:
    strict = {"as", "break", "const", "crate", "fn", "impl", "mod", "self", "super", "type"}
    assert strict <= jinja_list("rust_reserved")


def dependencies(manifest: dict) -> set[str]:
    """Crate names (as `use` spells them) a Cargo.toml depends on, in any table."""
    tables = [manifest.get("workspace", {}).get("dependencies", {})]
    for section in ("dependencies", "dev-dependencies", "build-dependencies"):
        tables.append(manifest.get(section, {}))
    tables.extend(t.get("dependencies", {}) for t in manifest.get("target", {}).values())
    return {name.replace("-", "_") for table in tables for name in table}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_crate_the_workspace_depends_on_is_a_reserved_crate_name(
    copier, tmp_path: Path, pattern: str
) -> None:
    """The crate_name check refuses these names: the list must cover every variant."""
    project = copier.copy(tmp_path / "p", pattern=pattern, targets=all_targets(pattern)).path
    ours = {"my_library", "my_library_py", "my_library_wasm", "my_library_node"}
    ours |= {"my_library_macros", "xtask"}
    used = set()
    for manifest in project.rglob("Cargo.toml"):
        used |= dependencies(tomllib.loads(manifest.read_text(encoding="utf-8")))
    missing = used - ours - set(reserved_names().workspace_crates)
    assert not missing, sorted(missing)


def node_json(script: str) -> object:
    """What a Node.js script prints as JSON (the Node on PATH, as the projects use)."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed (bash scripts/setup.sh installs it)")
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_every_node_builtin_module_is_a_refused_npm_name() -> None:
    builtins = node_json(
        'console.log(JSON.stringify(require("module").builtinModules'
        '.filter((m) => !m.startsWith("_") && !m.includes("/") && !m.startsWith("node:"))))'
    )
    assert set(builtins) <= jinja_list("node_builtins")


NPM_NAMES = [
    "my-library", "@acme/fast-hash", "example.com", "under_score", "123numeric",
    "my~lib", "crazy!", "it's", "(paren)", "star*", "@scope/bang!",
    "crypto", "http", "stream", "node_modules", "favicon.ico",
    ".hidden", "_private", "MyLib", "my lib", "a" * 214, "a" * 215, "caf\u00e9", "a/b",
]  # fmt: skip


def npm_validator_message(name: str) -> str:
    """What the npm_package question says of `name`: empty when it is accepted."""
    validator = QUESTIONS["npm_package"]["validator"]
    return jinja_environment().from_string(validator).render(npm_package=name).strip()


def test_the_npm_name_rules_agree_with_npms_own_validator() -> None:
    """npm's CLI checks names with validate-npm-package-name: accept exactly what it accepts
    for a new package (Windows device names aside, which npm lets through)."""
    verdicts = node_json(
        "const path = require('path');"
        "const { execSync } = require('child_process');"
        "const root = execSync('npm root -g').toString().trim();"
        "const validate = require(path.join(root, 'npm/node_modules/validate-npm-package-name'));"
        f"const names = {json.dumps(NPM_NAMES)};"
        "console.log(JSON.stringify(names.map((n) => validate(n).validForNewPackages)));"
    )
    ours = [not npm_validator_message(name) for name in NPM_NAMES]
    disagreements = [
        (name, npm, mine)
        for name, npm, mine in zip(NPM_NAMES, verdicts, ours, strict=True)
        if npm != mine
    ]
    assert not disagreements, disagreements


def test_every_name_cargo_calls_a_windows_device_is_refused(tmp_path: Path) -> None:
    candidates = [f"{base}{n}" for base in ("com", "lpt") for n in range(10)]
    candidates += ["con", "prn", "aux", "nul", "conx", "console"]
    warned = set()
    for name in candidates:
        result = subprocess.run(
            ["cargo", "new", "--vcs", "none", "--lib", "--name", name, str(tmp_path / name)],
            capture_output=True,
            text=True,
            check=True,
        )
        if "reserved Windows filename" in result.stderr:
            warned.add(name)
    assert warned, "cargo no longer warns about any name: the check below would be empty"
    assert warned <= jinja_list("windows_devices")
    assert {"conx", "console"}.isdisjoint(jinja_list("windows_devices"))


def test_every_crate_of_the_shipped_lockfiles_is_a_reserved_crate_name() -> None:
    """Not a hand-kept list: the lockfile data decides (once_cell, wasm_bindgen_macro)."""
    reserved = set(reserved_names().workspace_crates)
    for lockfile in ("workspace.json", "xtask.json"):
        data = json.loads((ROOT / "includes" / "lockfiles" / lockfile).read_text("utf-8"))
        names = {p["name"].replace("-", "_") for p in data["packages"]}
        assert {n for n in names if not n.startswith("@")} <= reserved
    assert {"once_cell", "wasm_bindgen_macro", "pyo3", "serde_json"} <= reserved


def test_every_npm_dev_dependency_of_any_variant_is_a_refused_npm_name() -> None:
    """Read from the lockfile data, so a new build tool is refused without editing a list."""
    data = json.loads((ROOT / "includes" / "lockfiles" / "package-lock.json").read_text("utf-8"))
    tools = {
        name
        for package in data["packages"]
        if package["path"] == "" or package["path"].startswith("test-tools/")
        for name in package["entry"].get("devDependencies", {})
    }
    workspaces = {
        package["entry"]["name"]
        for package in data["packages"]
        if package["path"].startswith("test-tools/")
    }
    assert {"esbuild", "typescript", "prettier", "wrangler", "deno", "bun"} <= tools
    assert {"deno-test-tools", "workerd-test-tools"} <= workspaces
    assert tools | workspaces <= set(reserved_names().npm_dev_dependencies)
    assert tools <= set(reserved_names().npm_dev_dependencies)
