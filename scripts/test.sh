#!/usr/bin/env bash
# The template's whole test suite: sets the machine up, then runs pytest.
# Extra arguments go to pytest: `-m "not build"` runs the fast tier only, and then the
# set-up installs only what that tier needs (scripts/setup.sh --fast).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tier=
previous=
for argument in "$@"; do
  [[ "$previous" == -m && "$argument" == "not build" ]] && tier=--fast
  previous=$argument
done
bash "$root/scripts/setup.sh" $tier
# shellcheck disable=SC1091
source "$root/.cache/toolchain.env"
# One cargo target dir for every project a run builds: pyo3, wasm-bindgen and std
# compile once per machine, not once per variant.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/.cache/target}"
cd "$root"
status=0
if (($# == 0)); then
  # The whole suite: the fast tier (rendering, one Python process) runs beside the
  # build tier (cargo, which waits on the linker and on npm and pip much of the time),
  # so the two share the machine instead of taking turns. The fast tier's report is
  # printed when both are done.
  fast_status=0
  .venv/bin/pytest -m "not build" --junitxml=.cache/junit-fast.xml >.cache/fast-tier.log 2>&1 &
  fast=$!
  trap 'kill "$fast" 2>/dev/null || true' INT TERM
  .venv/bin/pytest -m build --junitxml=.cache/junit.xml 2>&1 | tee .cache/build-tier.log ||
    status=$?
  wait "$fast" || fast_status=$?
  echo "=== the fast tier (-m \"not build\"), run beside the build tier ==="
  cat .cache/fast-tier.log
  # Both tiers' failures and counts together, last, where a truncated log still shows them.
  echo "=== both tiers ==="
  grep -hE '^(FAILED|ERROR) |^=+ .*(passed|failed|error|no tests ran).* =+$' \
    .cache/build-tier.log .cache/fast-tier.log || true
  # Exit code 5 (no tests collected) is a failure too.
  if ((status == 0)); then status=$fast_status; fi
else
  .venv/bin/pytest --junitxml=.cache/junit.xml "$@" || status=$?
fi
# A run of the build tier measures the compatibility matrix: write it from this run's
# results into .cache/compatibility.md (docs/compatibility.md is a published copy).
if grep -q 'name="runtime"' .cache/junit.xml 2>/dev/null; then
  .venv/bin/python scripts/compatibility.py .cache/junit.xml --out .cache/compatibility.md
fi
exit "$status"
