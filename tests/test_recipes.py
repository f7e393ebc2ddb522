"""Build tier: the recipes of RECIPES.md compile and pass in every hand-written pattern.

A generated project of a hand-written pattern documents, in RECIPES.md, how to
expose the kinds of items a real API has (enums, classes passing classes, named
constructors, 64-bit integers, Display, equality) by hand. This test takes the code
blocks of that page as they are rendered (each names its file or place in its
info string, `recipe=...`), applies them to the built project the way the page
says, and runs the project's own `make test` and `make lint`: tests, stubtest,
clippy with the project's lints, tsc, prettier and the API parity check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PATTERNS
from projects import build_env, restored, run

pytestmark = pytest.mark.build

# The hand-written patterns whose binding crates differ: unified-build's binding sources and
# manifests are shared-core's, byte for byte (only its xtask differs), so its recipes are
# the ones shared-core compiles and runs, and CI builds them once.
HAND_WRITTEN = [pattern for pattern in PATTERNS if pattern not in ("codegen", "unified-build")]
BLOCK = re.compile(r"^```\w+ recipe=(\S+)\n(.*?)^```$", re.M | re.S)


def recipes(project: Path) -> dict[str, str]:
    """The code blocks of the project's RECIPES.md, by their `recipe=` name."""
    text = (project / "RECIPES.md").read_text(encoding="utf-8")
    return {name: code for name, code in BLOCK.findall(text)}


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def insert_after(path: Path, anchor: str, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert anchor in content, (path, anchor)
    path.write_text(content.replace(anchor, anchor + text, 1), encoding="utf-8")


def add_to_all(path: Path, names: list[str]) -> None:
    """Adds `names` to the one-name-a-line `__all__` of `path`, keeping it sorted."""
    content = path.read_text(encoding="utf-8")
    match = re.search(r"__all__ = \[\n(.*?)\]\n", content, re.S)
    assert match, path
    items = sorted({*re.findall(r'"(\w+)"', match.group(1)), *names})
    listed = "".join(f'    "{name}",\n' for name in items)
    path.write_text(content[: match.start(1)] + listed + content[match.end(1) :], encoding="utf-8")


@pytest.mark.parametrize("pattern", HAND_WRITTEN)
def test_every_recipe_compiles_and_passes_the_projects_checks(
    pattern: str, built_project, cargo_target_dir: Path
) -> None:
    project = built_project(pattern)
    blocks = recipes(project)
    new_files = [project / name for name in blocks if "/" in name]
    python = project / "bindings" / "python"
    (package,) = [path.parent for path in (python / "python").glob("*/__init__.py")]
    edited = [
        project / "core" / "src" / "lib.rs",
        python / "src" / "lib.rs",
        package / "_native.pyi",
        package / "__init__.py",
        project / "bindings" / "javascript" / "src" / "lib.rs",
        project / "bindings" / "javascript" / "js" / "api.js",
    ]
    assert not [path for path in new_files if path.exists()]
    try:
        with restored(*edited):
            for path in new_files:
                path.write_text(blocks[str(path.relative_to(project))], encoding="utf-8")
            append(project / "core" / "src" / "lib.rs", "\npub mod recipes;\n")
            append(python / "src" / "lib.rs", "\nmod recipes;\n")
            insert_after(python / "src" / "lib.rs", "mod _native {\n", blocks["python-register"])
            append(package / "_native.pyi", "\n" + blocks["python-stubs"])
            names = ["Level", "Version", "VersionParts"]
            add_to_all(package / "_native.pyi", names)
            init = package / "__init__.py"
            insert_after(init, "import (\n", "".join(f"    {name},\n" for name in names))
            add_to_all(init, names)
            # The imports in ruff's order, as `ruff check --fix` puts them.
            ruff = [str(project / ".venv" / "bin" / "ruff"), "check", "--quiet", "--fix"]
            run(
                [*ruff, "--select", "I", "--config", str(python / "pyproject.toml"), str(init)],
                cwd=project,
            )
            append(project / "bindings" / "javascript" / "src" / "lib.rs", "\nmod recipes;\n")
            append(
                project / "bindings" / "javascript" / "js" / "api.js",
                'export * from "./recipes.js";\n',
            )
            # Other projects of the run share the target dir and crate names.
            for source in project.glob("**/src/**/*.rs"):
                source.touch()
            env = build_env(cargo_target_dir)
            test = run(["make", "test"], cwd=project, env=env)
            lint = run(["make", "lint"], cwd=project, env=env)
    finally:
        for path in new_files:
            path.unlink(missing_ok=True)
    output = test.stdout + test.stderr
    assert "test_a_64_bit_result_above_2_to_the_53_is_exact PASSED" in output or re.search(
        r"test_recipes\.py \.+", output
    ), output[-3000:]
    assert "a 64-bit result above 2^53 is an exact bigint" in output, output[-3000:]
    assert "api-parity: Python and JavaScript agree" in lint.stdout
