"""The cost of a call through the codegen pattern's generated bindings against
hand-written PyO3 and wasm-bindgen bindings of the same Rust, in the same run.

Generates two projects with the Python and Node.js targets:

- shared-core, with the recipes of its RECIPES.md applied (scripts/recipes.py): the
  hand-written bindings of a record `VersionParts` and a class `Version`, as a user
  following that page writes them;
- codegen, with the same record and class declared in its `pub mod api`.

Both are built for release (`make build-python build-js`). Then, in CPython and in
Node.js, it times the same calls against each: a record round trip
(`Version.from_parts(parts).parts()`), a class method taking another instance
(`a.is_newer_than(b)`), and a function: the sample's `crc32` of one byte, which
each pattern binds its own way. Prints nanoseconds per call and the ratio
codegen / hand-written. Usage (from the template repository, after
scripts/setup.sh):

    .venv/bin/python scripts/bench_calls.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import copier
from bench_build import timed
from recipes import apply

ROOT = Path(__file__).resolve().parent.parent

# The recipes' record and class, declared for the codegen macro: the same fields and
# the same Rust in each method as includes/recipes/core.rs.
CODEGEN_API = """
    /// The numbers of a version: a record.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct VersionParts {
        /// The major number.
        pub major: u64,
        /// The minor number.
        pub minor: u64,
        /// The patch number.
        pub patch: u64,
    }

    /// A semantic version.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub struct Version {
        major: u64,
        minor: u64,
        patch: u64,
    }

    impl Version {
        /// The version `major.minor.patch`.
        #[must_use]
        pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
            Self { major, minor, patch }
        }

        /// The version of `parts`.
        #[must_use]
        pub const fn from_parts(parts: VersionParts) -> Self {
            Self::new(parts.major, parts.minor, parts.patch)
        }

        /// The version's numbers, as a record.
        #[must_use]
        pub const fn parts(&self) -> VersionParts {
            VersionParts { major: self.major, minor: self.minor, patch: self.patch }
        }

        /// Whether this version comes after `other`.
        #[must_use]
        pub fn is_newer_than(&self, other: &Version) -> bool {
            self > other
        }
    }
"""

PYTHON_TIMING = """
import importlib, json, sys, timeit

lib = importlib.import_module(sys.argv[1])
parts = lib.VersionParts(major=1, minor=2, patch=3)
a, b = lib.Version(2, 0, 0), lib.Version(1, 9, 9)
assert lib.Version.from_parts(parts).parts() == parts and a.is_newer_than(b)
calls = {
    "record round trip": lambda: lib.Version.from_parts(parts).parts(),
    "class method": lambda: a.is_newer_than(b),
    "crc32 of 1 byte": lambda: lib.crc32(b"x"),
}
timings = {}
for name, call in calls.items():
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    timings[name] = min(timer.repeat(repeat=7, number=number)) / number * 1e9
print(json.dumps(timings))
"""

NODE_TIMING = """
import { pathToFileURL } from "node:url";

const lib = await import(pathToFileURL(process.argv[1]).href);
const parts = { major: 1n, minor: 2n, patch: 3n };
const [a, b] = [new lib.Version(2n, 0n, 0n), new lib.Version(1n, 9n, 9n)];
const byte = new Uint8Array([120]);
if (lib.Version.fromParts(parts).parts().minor !== 2n || !a.isNewerThan(b)) {
  throw new Error("the API does not answer as the benchmark expects");
}
const calls = {
  "record round trip": () => lib.Version.fromParts(parts).parts(),
  "class method": () => a.isNewerThan(b),
  "crc32 of 1 byte": () => lib.crc32(byte),
};
const timings = {};
for (const [name, call] of Object.entries(calls)) {
  let number = 1000;
  const run = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < number; i++) call();
    return Number(process.hrtime.bigint() - start);
  };
  while (run() < 2e8) number *= 2;
  timings[name] = Math.min(...Array.from({ length: 7 }, run)) / number;
}
console.log(JSON.stringify(timings));
"""


def generate(pattern: str, project: Path, env: dict[str, str]) -> str:
    """Generates and builds the project of `pattern`; returns its Python package."""
    shutil.rmtree(project, ignore_errors=True)
    slug = pattern.replace("-", "_")
    copier.run_copy(
        str(ROOT),
        project,
        data={
            "project_name": f"Calls {pattern.replace('-', ' ')}",
            "pattern": pattern,
            "targets": ["python", "node"],
        },
        defaults=True,
        quiet=True,
        vcs_ref="HEAD",
    )
    if pattern == "codegen":
        lib = project / "core" / "src" / "lib.rs"
        anchor = "pub mod api {\n    use std::collections::HashMap;\n"
        text = lib.read_text(encoding="utf-8")
        assert anchor in text, lib
        lib.write_text(text.replace(anchor, anchor + CODEGEN_API, 1), encoding="utf-8")
    else:
        apply(project)
    timed(["make", "build-python", "build-js"], project, env)
    # The release wheel, unpacked into dist/site/ for PYTHONPATH (see measure).
    (wheel,) = (project / "dist" / "python").glob("*.whl")
    venv = project / "bindings" / "python" / ".venv"
    install = ["uv", "pip", "install", "--quiet", "--no-deps", "--python", str(venv)]
    timed([*install, "--target", str(project / "dist" / "site"), str(wheel)], project, env)
    return f"calls_{slug}"


def measure(project: Path, package: str) -> dict[str, dict[str, float]]:
    """Nanoseconds per call of each timed call, in CPython and in Node.js."""
    python = subprocess.run(
        ["uv", "run", "--only-group", "build", "python", "-c", PYTHON_TIMING, package],
        cwd=project / "bindings" / "python",
        env={**os.environ, "PYTHONPATH": str(project / "dist" / "site")},
        capture_output=True,
        text=True,
        check=True,
    )
    entry = project / "bindings" / "javascript" / "dist" / "node.js"
    node = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_TIMING, str(entry)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {"CPython": json.loads(python.stdout), "Node.js": json.loads(node.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-calls-"))
    env = {**os.environ, "CARGO_TARGET_DIR": str(work / "target")}
    results = {}
    try:
        for pattern in ("shared-core", "codegen"):
            project = work / pattern
            package = generate(pattern, project, env)
            results[pattern] = measure(project, package)
    except subprocess.CalledProcessError as error:
        sys.exit(f"{' '.join(error.cmd[:2])} failed:\n{error.stdout}{error.stderr}")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'':10} {'call':18} {'hand-written':>13} {'codegen':>10} {'ratio':>6}")
    for runtime, timings in results["shared-core"].items():
        for name, base in timings.items():
            generated = results["codegen"][runtime][name]
            print(
                f"{runtime:10} {name:18} {base:10.0f} ns {generated:7.0f} ns "
                f"{generated / base:6.2f}"
            )


if __name__ == "__main__":
    main()
