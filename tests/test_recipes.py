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
from recipes import apply, created_files, edited_files

from conftest import PATTERNS, QUESTIONS
from projects import build_env, restored, run

pytestmark = pytest.mark.build

# The hand-written patterns whose binding crates differ: unified-build's binding sources and
# manifests are shared-core's, byte for byte (only its xtask differs), so its recipes are
# the ones shared-core compiles and runs, and CI builds them once.
HAND_WRITTEN = [pattern for pattern in PATTERNS if pattern not in ("codegen", "unified-build")]


# The recipes bind by hand in the Python and wasm crates; node-native's crate
# (bindings/node) has no twin of them yet, so they are applied to the default targets.
DEFAULT_TARGETS = QUESTIONS["targets"]["default"]


@pytest.mark.parametrize("pattern", HAND_WRITTEN)
def test_every_recipe_compiles_and_passes_the_projects_checks(
    pattern: str, built_project, cargo_target_dir: Path
) -> None:
    project = built_project(pattern, DEFAULT_TARGETS)
    new_files = created_files(project)
    try:
        with restored(*edited_files(project)):
            apply(project)
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
