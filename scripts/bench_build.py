"""Build time of the codegen pattern against shared-core's, in the same run.

Generates a project of each pattern with the same targets, then times, for each:

- a clean `make build` (an empty cargo target dir; crates, npm packages and pip
  wheels come from the machine's caches, the same for both);
- a rebuild after touching the core (`core/src/lib.rs`), the edit-build loop.

Prints the seconds and the ratio codegen / shared-core. Usage (from the template
repository, after scripts/setup.sh):

    .venv/bin/python scripts/bench_build.py [--targets python,node] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import copier

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ("shared-core", "codegen")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(
            f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", default="python,node", help="comma-separated targets")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    options = parser.parse_args()
    targets = options.targets.split(",")
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    results: dict[str, tuple[float, float]] = {}
    try:
        for pattern in PATTERNS:
            project = work / pattern
            shutil.rmtree(project, ignore_errors=True)
            copier.run_copy(
                str(ROOT),
                project,
                data={
                    "project_name": f"Bench {pattern.replace('-', ' ')}",
                    "pattern": pattern,
                    "targets": targets,
                },
                defaults=True,
                quiet=True,
                vcs_ref="HEAD",
            )
            env = {**os.environ, "CARGO_TARGET_DIR": str(project / "target")}
            clean = timed(["make", "build"], project, env)
            (project / "core" / "src" / "lib.rs").touch()
            rebuild = timed(["make", "build"], project, env)
            results[pattern] = (clean, rebuild)
            print(f"{pattern:12} clean make build {clean:7.1f} s,", end=" ")
            print(f"after touching the core {rebuild:6.1f} s")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    (base_clean, base_rebuild), (gen_clean, gen_rebuild) = (
        results["shared-core"],
        results["codegen"],
    )
    print(f"codegen / shared-core: clean {gen_clean / base_clean:.2f},", end=" ")
    print(f"after touching the core {gen_rebuild / base_rebuild:.2f}")


if __name__ == "__main__":
    main()
