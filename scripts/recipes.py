"""Applies the recipes of a generated project's RECIPES.md to that project.

A project of a hand-written pattern documents in RECIPES.md how to expose the kinds
of items a real API has. Each code block of that page names its file or its place in
its info string (`recipe=...`); `apply` writes them where the page says, as a user
following it would. tests/test_recipes.py then runs the project's checks, and
scripts/bench_calls.py measures the result against the codegen pattern.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

BLOCK = re.compile(r"^```\w+ recipe=(\S+)\n(.*?)^```$", re.M | re.S)


def recipes(project: Path) -> dict[str, str]:
    """The code blocks of the project's RECIPES.md, by their `recipe=` name."""
    text = (project / "RECIPES.md").read_text(encoding="utf-8")
    return {name: code for name, code in BLOCK.findall(text)}


def registered(block: str) -> list[str]:
    """The names that the `python-register` block adds to the extension module."""
    match = re.search(r"use super::recipes::\{(.*?)\};", block, re.S)
    assert match, block
    return [name.strip() for name in match.group(1).split(",") if name.strip()]


def created_files(project: Path) -> list[Path]:
    """The files that `apply` writes: each block whose name is a path."""
    return [project / name for name in recipes(project) if "/" in name]


def edited_files(project: Path) -> list[Path]:
    """The files of the project that `apply` edits."""
    python = project / "bindings" / "python"
    (package,) = [path.parent for path in (python / "python").glob("*/__init__.py")]
    addon = project / "bindings" / "node" / "src" / "lib.rs"
    return [
        project / "core" / "src" / "lib.rs",
        python / "src" / "lib.rs",
        package / "_native.pyi",
        package / "__init__.py",
        project / "bindings" / "javascript" / "src" / "lib.rs",
        project / "bindings" / "javascript" / "js" / "api.js",
        *([addon] if addon.exists() else []),
    ]


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


def apply(project: Path) -> None:
    """Applies every recipe to `project`: a hand-written pattern with the Python and
    JavaScript targets (and node-native, if chosen), its bindings/python/.venv made
    (by `uv run`, which `make test` runs)."""
    blocks = recipes(project)
    new_files = created_files(project)
    assert not [path for path in new_files if path.exists()], new_files
    python = project / "bindings" / "python"
    (package,) = [path.parent for path in (python / "python").glob("*/__init__.py")]
    for path in new_files:
        path.write_text(blocks[str(path.relative_to(project))], encoding="utf-8")
    append(project / "core" / "src" / "lib.rs", "\npub mod recipes;\n")
    append(python / "src" / "lib.rs", "\nmod recipes;\n")
    insert_after(python / "src" / "lib.rs", "mod _native {\n", blocks["python-register"])
    stubs = package / "_native.pyi"
    imports = "from typing import ClassVar, final\n"
    insert_after(stubs, imports, "\n" + blocks["python-stub-imports"])
    append(stubs, "\n" + blocks["python-stubs"])
    names = registered(blocks["python-register"])
    add_to_all(stubs, names)
    init = package / "__init__.py"
    insert_after(init, "import (\n", "".join(f"    {name},\n" for name in names))
    add_to_all(init, names)
    # The imports in ruff's order, as `ruff check --fix` puts them.
    ruff = [str(python / ".venv" / "bin" / "ruff"), "check", "--quiet", "--fix"]
    config = ["--config", str(python / "pyproject.toml")]
    subprocess.run([*ruff, "--select", "I", *config, str(init)], cwd=project, check=True)
    append(project / "bindings" / "javascript" / "src" / "lib.rs", "\nmod recipes;\n")
    append(project / "bindings" / "javascript" / "js" / "api.js", 'export * from "./recipes.js";\n')
    if "bindings/node/src/recipes.rs" in blocks:
        append(project / "bindings" / "node" / "src" / "lib.rs", "\npub mod recipes;\n")
