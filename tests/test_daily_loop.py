"""Build tier: each language's own commands work in a new project, without make.

In a project of each pattern that nothing has built yet (its own crate names, so
nothing of another project's build stands in for it): `cargo test --workspace` at the
root passes, `uv run pytest` in bindings/python builds the extension with Cargo's dev
profile and tests it, the next `uv run` after an edit of the core runs the edited
code, and `npm test` in bindings/javascript builds the package that it tests (and
`npm run bench` the one it measures, in the default pattern). The default pattern's
project has the default targets; the others Python and Node.js, which are enough for
every command (their other runtimes' tests are the same files in every pattern).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_PATTERN, PATTERNS
from projects import build_env, generate, run

pytestmark = pytest.mark.build

GREETING = 'format!("Hello, {name}!")'
EDITED_GREETING = 'format!("Hi there, {name}!")'


@pytest.fixture(scope="module", params=PATTERNS)
def fresh(request, copier_template: Path, tmp_path_factory) -> Path:
    pattern = request.param
    if pattern == DEFAULT_PATTERN:
        return generate(copier_template, tmp_path_factory, "daily-loop")
    return generate(
        copier_template,
        tmp_path_factory,
        f"daily-loop-{pattern}",
        pattern=pattern,
        targets=["python", "node"],
    )


@pytest.fixture(scope="module")
def answers(fresh: Path) -> dict:
    return yaml.safe_load((fresh / ".copier-answers.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package(answers: dict) -> str:
    return answers["python_package"]


@pytest.fixture(scope="module")
def uv(fresh: Path, cargo_target_dir: Path):
    """`uv ARGS` in bindings/python, as the README gives it: the uv on PATH (scripts/
    setup.sh installs the one the projects pin), with UV_PYTHON_DOWNLOADS=never (the
    machines that run these tests cannot download an interpreter)."""
    env = {**build_env(cargo_target_dir), "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("VIRTUAL_ENV", None)

    def uv_run(*args: str):
        return run(["uv", "run", *args], cwd=fresh / "bindings" / "python", env=env)

    return uv_run


def test_cargo_test_at_the_root_passes(fresh: Path, cargo_target_dir: Path) -> None:
    result = run(["cargo", "test", "--workspace"], cwd=fresh, env=build_env(cargo_target_dir))
    assert "test result: ok" in result.stdout, result.stdout[-2000:]


def test_uv_run_pytest_builds_the_extension_and_passes(uv, fresh: Path) -> None:
    result = uv("pytest", "-q")
    assert " passed" in result.stdout, result.stdout[-2000:]
    assert (fresh / "bindings" / "python" / "uv.lock").is_file()


def test_uv_builds_the_editable_install_with_the_dev_profile(uv, cargo_target_dir: Path) -> None:
    uv("python", "-c", "pass")
    # maturin names the dev build's library after the binding crate's [lib] name.
    assert (cargo_target_dir / "debug" / "lib_native.so").is_file()


def test_the_next_uv_run_after_a_core_edit_runs_the_edited_code(
    uv, fresh: Path, package: str
) -> None:
    # greet.rs, or codegen's API declaration (lib.rs)
    (greet,) = [
        path
        for path in (fresh / "core" / "src").glob("*.rs")
        if GREETING in path.read_text(encoding="utf-8")
    ]
    call = f"import {package}; print({package}.greet('Ada'))"
    assert uv("python", "-c", call).stdout.strip() == "Hello, Ada!"
    source = greet.read_text(encoding="utf-8")
    assert source.count(GREETING) == 1
    greet.write_text(source.replace(GREETING, EDITED_GREETING), encoding="utf-8")
    try:
        assert uv("python", "-c", call).stdout.strip() == "Hi there, Ada!"
    finally:
        greet.write_text(source, encoding="utf-8")


@pytest.fixture(scope="module")
def npm(fresh: Path, cargo_target_dir: Path):
    """`npm ARGS` in bindings/javascript after `npm ci`, with dist/ removed first: each
    command starts from a checkout that nothing has built."""
    javascript = fresh / "bindings" / "javascript"
    env = build_env(cargo_target_dir)
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=javascript, env=env)

    def npm_run(*args: str):
        shutil.rmtree(javascript / "dist", ignore_errors=True)
        return run(["npm", *args], cwd=javascript, env=env)

    return npm_run


def test_npm_test_builds_the_package_it_tests(npm, fresh: Path) -> None:
    result = npm("test")
    assert (fresh / "bindings" / "javascript" / "dist" / "api.d.ts").is_file()
    assert "# fail 0" in result.stdout, result.stdout[-3000:]


def test_npm_run_bench_builds_the_package_it_measures(npm, answers: dict) -> None:
    if answers["pattern"] != DEFAULT_PATTERN:
        pytest.skip("the benchmark is the same script in every pattern: measured in the default")
    result = npm("run", "bench")
    assert re.search(r"crc32\(1 KiB\) .* ratio \d+\.\d+", result.stdout), result.stdout[-3000:]


def test_the_environment_of_uv_run_is_ignored_by_git(uv, fresh: Path) -> None:
    uv("python", "-c", "pass")
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=fresh)
    untracked = [line[3:] for line in status.stdout.splitlines() if line.startswith("??")]
    assert not [name for name in untracked if ".venv" in name or name.endswith(".so")], untracked
    assert os.sep.join(["bindings", "python", "uv.lock"]) in untracked
