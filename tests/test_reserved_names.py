"""includes/reserved-names.jinja stays in step with the Python running the tests."""

from __future__ import annotations

import keyword
import re
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import PATTERNS, ROOT, TARGETS

TEXT = (ROOT / "includes" / "reserved-names.jinja").read_text(encoding="utf-8")


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
    project = copier.copy(tmp_path / "p", pattern=pattern, targets=TARGETS).path
    ours = {"my_library", "my_library_py", "my_library_wasm", "my_library_macros", "xtask"}
    used = set()
    for manifest in project.rglob("Cargo.toml"):
        used |= dependencies(tomllib.loads(manifest.read_text(encoding="utf-8")))
    missing = used - ours - jinja_list("workspace_crates")
    assert not missing, sorted(missing)
