#!/usr/bin/env bash
# The template's whole test suite: sets the machine up, then runs pytest.
# Extra arguments go to pytest (e.g. `-m "not build"` for the fast tier only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
# shellcheck disable=SC1091
source "$root/.cache/toolchain.env"
# One cargo target dir for every project a run builds: pyo3, wasm-bindgen and std
# compile once per machine, not once per variant.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/.cache/target}"
cd "$root"
exec .venv/bin/pytest "$@"
