"""The warm edit-to-test loop of the Python tests: `make test-python` (which is `uv run
pytest`) against the loop it replaced, a release wheel per run, in the same run.

Generates a Python-only project of the default pattern, warms both loops once, then
times, for each, an edit of the core (a new line in `core/src/lib.rs`) followed by the
Python tests:

- release wheel (what `make test-python` ran before): `maturin build --release` (LTO),
  the wheel unpacked into dist/site/, then pytest with dist/site/ first on the path;
- `make test-python`: `uv run pytest` in bindings/python, the editable install rebuilt
  with Cargo's dev profile because a Rust source changed (`tool.uv.cache-keys`).

Prints the median seconds of each and the ratio make / release wheel. Usage (from the
template repository, after scripts/setup.sh, which puts uv on PATH; commit first: the
project is copied from HEAD):

    .venv/bin/python scripts/bench_edit_loop.py [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import copier
from bench_build import timed

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed edits per loop")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    options = parser.parse_args()
    uv = shutil.which("uv") or str(ROOT / ".cache" / "bin" / "uv")
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-edit-loop-"))
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    try:
        copier.run_copy(
            str(ROOT),
            project,
            data={"project_name": "Bench edit loop", "targets": ["python"]},
            defaults=True,
            quiet=True,
            vcs_ref="HEAD",
        )
        env = {**os.environ, "CARGO_TARGET_DIR": str(project / "target")}
        env["UV_PYTHON_DOWNLOADS"] = "never"
        env["UV_PYTHON"] = sys.executable  # every uv command below, make's included
        env.pop("VIRTUAL_ENV", None)
        python = project / "bindings" / "python"
        uv_run = f"{uv} run --project bindings/python"
        release_wheel = (
            f"rm -rf dist/python dist/site && {uv_run} --only-group build maturin build"
            " --release --manifest-path bindings/python/Cargo.toml --out dist/python"
            f" && {uv} pip install --quiet --no-deps --python {python / '.venv'}"
            " --target dist/site dist/python/*.whl"
            f" && PYTHONPATH=dist/site {uv_run} --only-group dev pytest -q bindings/python/tests"
        )
        loops = {
            "release wheel": (["bash", "-c", release_wheel], project),
            "make test-python": (["make", "test-python", f"UV={uv}"], project),
        }
        lib = project / "core" / "src" / "lib.rs"
        times: dict[str, list[float]] = {name: [] for name in loops}
        for name, (command, cwd) in loops.items():
            timed(command, cwd, env)  # warm: dependencies built, tools installed
            for round_number in range(options.rounds):
                with lib.open("a", encoding="utf-8") as source:
                    source.write(f"// edit {name} {round_number}\n")
                times[name].append(timed(command, cwd, env))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, values in times.items():
            rounds = ", ".join(f"{value:.1f}" for value in values)
            print(f"{name:17} median {medians[name]:6.1f} s  (rounds: {rounds})")
        ratio = medians["make test-python"] / medians["release wheel"]
        print(f"make test-python / release wheel: {ratio:.2f}")
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
