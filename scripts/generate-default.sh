#!/usr/bin/env bash
# The main job: generate the default project into DEST (default: ./my-library),
# then build it and run all of its tests and lints, exactly as its README says.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=$(realpath -m "${1:-my-library}")
if [[ -e "$dest" ]]; then
  echo "generate-default: $dest already exists; pass another folder" >&2
  exit 1
fi
bash "$root/scripts/setup.sh"
# shellcheck disable=SC1091
source "$root/.cache/toolchain.env"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/.cache/target}"
"$root/.venv/bin/copier" copy --defaults --vcs-ref HEAD "$root" "$dest"
cd "$dest"
git init --quiet
make test
make lint
echo "generate-default: $dest generated, built and tested"
