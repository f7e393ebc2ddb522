"""Build tier: the compatibility matrix, measured.

For every pattern of copier.yml, the project generated with every target is built
once (`built_project`), then each runtime's own tests run on their own, one test case
per pattern and runtime. Each case records its pattern and runtime in pytest's JUnit
XML, and the run records the tool versions; `scripts/compatibility.py` turns that XML
into docs/compatibility.md. A runtime that fails here is a failed cell there.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import PATTERNS
from projects import build_env, python_tool, run

pytestmark = pytest.mark.build

JS_PACKAGE = Path("bindings") / "javascript"


def available_pythons() -> dict[str, Path]:
    """CPython interpreters on this machine by minor version: pyenv's, then PATH's."""
    found: dict[str, Path] = {}
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
    candidates = sorted(Path(root.stdout.strip()).glob("versions/3.*/bin/python3"))
    candidates += [Path(p) for p in os.environ.get("PATH", "").split(os.pathsep)]
    for candidate in candidates:
        if candidate.is_dir():
            candidate = candidate / "python3"
        if not candidate.is_file():
            continue
        version = subprocess.run(
            [str(candidate), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if version:
            found.setdefault(version, candidate)
    return found


def python_range(project: Path) -> list[str]:
    """The lowest and highest CPython this machine has that the wheel supports."""
    pyproject = tomllib.loads((project / "bindings/python/pyproject.toml").read_text())
    floor = tuple(int(part) for part in re.findall(r"\d+", pyproject["project"]["requires-python"]))
    supported = sorted(
        (v for v in available_pythons() if tuple(map(int, v.split("."))) >= floor),
        key=lambda v: tuple(map(int, v.split("."))),
    )
    return [supported[0], supported[-1]] if supported else []


def run_python_tests(project: Path, version: str, scratch: Path) -> None:
    """The Python binding's tests, against the built wheel, in a fresh venv of `version`."""
    interpreter = available_pythons()[version]
    environment = scratch / f"py{version}"
    run([str(interpreter), "-m", "venv", str(environment)], cwd=scratch)
    python = environment / "bin" / "python"
    pyproject = tomllib.loads((project / "bindings/python/pyproject.toml").read_text())
    groups = pyproject["dependency-groups"]
    test_group = groups["test"] + groups["typing"]
    (wheel,) = (project / "dist" / "python").glob("*.whl")
    run([str(python), "-m", "pip", "install", "--quiet", str(wheel), *test_group], cwd=scratch)
    run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "bindings/python/tests"],
        cwd=project,
    )


# runtime id -> (column label, the command that runs that runtime's tests alone)
JS_RUNTIMES = {
    "node-import": ("Node.js import", ["node", "--test", "tests/import.test.mjs"]),
    "node-require": ("Node.js require", ["node", "--test", "tests/require.test.cjs"]),
    "deno": ("Deno", ["node", "--test", "tests/deno.test.mjs"]),
    "bun": ("Bun", ["node", "--test", "tests/bun.test.mjs"]),
    "workerd": (
        "workerd",
        ["node", "--test", "tests/workerd.test.mjs", "tests/example-worker.soak.mjs"],
    ),
    "chromium-plain": (
        "Chromium, ES modules",
        ["node", "--test", "--test-name-pattern=page A", "tests/browser.test.mjs"],
    ),
    "chromium-bundled": (
        "Chromium, esbuild bundle",
        ["node", "--test", "--test-name-pattern=page B", "tests/browser.test.mjs"],
    ),
}


@pytest.fixture(scope="session")
def tool_versions(record_testsuite_property, built_project) -> None:
    """The versions of every tool the matrix ran with, into the JUnit XML."""
    project = built_project(PATTERNS[0])
    package = project / JS_PACKAGE

    def first_line(command: list[str], cwd: Path = project) -> str:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return "not found"
        return (result.stdout or result.stderr).strip().splitlines()[0]

    def npm_version(name: str) -> str:
        manifest = package / "node_modules" / name / "package.json"
        return json.loads(manifest.read_text())["version"] if manifest.exists() else "not found"

    versions = {
        "rustc": first_line(["rustc", "--version"]),
        "wasm-bindgen": first_line(["wasm-bindgen", "--version"]),
        "maturin": first_line([python_tool(project, "maturin"), "--version"]),
        "Node.js": first_line(["node", "--version"]),
        "Deno": first_line(["node_modules/.bin/deno", "--version"], cwd=package),
        "Bun": first_line(["node_modules/.bin/bun", "--version"], cwd=package),
        "workerd (npm)": npm_version("workerd"),
        "miniflare": npm_version("miniflare"),
        "Chromium": first_line([os.environ.get("CHROMIUM_PATH", "chromium"), "--version"]),
    }
    for version in python_range(project):
        interpreter = available_pythons()[version]
        versions[f"CPython {version}"] = first_line([str(interpreter), "--version"])
    for name, version in versions.items():
        record_testsuite_property(f"tool:{name}", version)


def runtime_cases() -> list[pytest.param]:
    cases = []
    for pattern in PATTERNS:
        cases += [
            pytest.param(pattern, "python-lowest", id=f"{pattern}-python-lowest"),
            pytest.param(pattern, "python-highest", id=f"{pattern}-python-highest"),
        ]
        cases += [
            pytest.param(pattern, runtime, id=f"{pattern}-{runtime}") for runtime in JS_RUNTIMES
        ]
    return cases


@pytest.mark.parametrize(("pattern", "runtime"), runtime_cases())
def test_runtime_passes_its_tests(
    pattern: str,
    runtime: str,
    built_project,
    tool_versions,
    record_property,
    tmp_path: Path,
    cargo_target_dir: Path,
) -> None:
    project = built_project(pattern)
    record_property("pattern", pattern)
    if runtime.startswith("python-"):
        versions = python_range(project)
        assert versions, "no CPython on this machine satisfies the wheel's requires-python"
        version = versions[0] if runtime == "python-lowest" else versions[-1]
        record_property("runtime", f"CPython {version} ({runtime.removeprefix('python-')})")
        run_python_tests(project, version, tmp_path)
    else:
        label, command = JS_RUNTIMES[runtime]
        record_property("runtime", label)
        run(command, cwd=project / JS_PACKAGE, env=build_env(cargo_target_dir))
