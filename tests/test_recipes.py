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

from conftest import PATTERNS
from projects import backend_env, build_env, restored, run

pytestmark = pytest.mark.build

# The hand-written patterns whose binding crates differ: unified-build's binding sources and
# manifests are shared-core's, byte for byte (only its xtask differs), so its recipes are
# the ones shared-core compiles and runs, and CI builds them once.
HAND_WRITTEN = [pattern for pattern in PATTERNS if pattern not in ("codegen", "unified-build")]


# Every recipe call of the JavaScript API, its results printed as JSON (bigints as
# "<n>n", a Map and bytes as arrays): run on each Node.js build of a package with
# node-native, the napi-rs twins must print what the wasm-bindgen exports print.
RECIPE_CALLS = """
import * as lib from "ENTRY";
const v = new lib.Version(1n, 2n, 3n);
const shown = (_, x) =>
  typeof x === "bigint" ? `${x}n` : x instanceof Map || x instanceof Uint8Array ? [...x] : x;
console.log(lib.backend);
console.log(JSON.stringify({
  parse: String(lib.Version.parse("1.2.3")), unparsed: lib.Version.parse("1.2") === undefined,
  bump: String(v.bump(lib.Level.Minor)), newer: v.isNewerThan(new lib.Version(1n, 0n, 0n)),
  equals: v.equals(new lib.Version(1n, 2n, 3n)), major: v.major, parts: v.parts(),
  numbers: v.numbers(), bytes: v.toBytes(), fingerprint: v.fingerprint(),
  requirements: ["*", "=1.2.3", "^1.2.3"].map(lib.parseRequirement),
  unrequired: lib.parseRequirement("~1") === undefined,
  matching: lib.matching(
    new Map([
      ["b", { major: 1n, minor: 4n, patch: 0n }],
      ["a", { major: 2n, minor: 0n, patch: 0n }],
    ]),
    { tag: "Compatible", version: { major: 1n, minor: 2n, patch: 0n } },
  ),
  oldest: lib.oldestFirst([
    { major: 2n, minor: 0n, patch: 0n },
    { major: 1n, minor: 9n, patch: 9n },
  ]),
}, shown));
"""


@pytest.mark.parametrize("pattern", HAND_WRITTEN)
def test_every_recipe_compiles_and_passes_the_projects_checks(
    pattern: str, built_project, cargo_target_dir: Path
) -> None:
    project = built_project(pattern)
    native = (project / "bindings" / "node").is_dir()
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
            entry = project / "bindings" / "javascript" / "dist" / "node.js"
            script = RECIPE_CALLS.replace("ENTRY", entry.as_uri())
            calls = {
                backend: run(
                    ["node", "--input-type=module", "-e", script],
                    cwd=project,
                    env=backend_env(project, backend),
                ).stdout.splitlines()
                for backend in (("native", "wasm") if native else ())
            }
    finally:
        for path in new_files:
            path.unlink(missing_ok=True)
    output = test.stdout + test.stderr
    assert "test_a_64_bit_result_above_2_to_the_53_is_exact PASSED" in output or re.search(
        r"test_recipes\.py \.+", output
    ), output[-3000:]
    assert "a 64-bit result above 2^53 is an exact bigint" in output, output[-3000:]
    assert "api-parity: Python and JavaScript agree" in lint.stdout
    if native:
        assert [calls["native"][0], calls["wasm"][0]] == ["native", "wasm"]
        assert calls["native"][1:] == calls["wasm"][1:]
