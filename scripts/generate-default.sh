#!/usr/bin/env bash
# The main job: generate the default project into DEST (default: ./my-library),
# then build it and run all of its tests and lints, exactly as its README says.
# DEST may be inside this clone: the template is copied from a clean snapshot
# (scripts/template_snapshot.py), so nothing else in the working tree gets in, and
# the template's own tests never look at DEST.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=$(python3 -c 'import os, sys; print(os.path.abspath(sys.argv[1]))' "${1:-my-library}")
if [[ -e "$dest" ]]; then
  echo "generate-default: $dest already exists; pass another folder" >&2
  exit 1
fi
bash "$root/scripts/setup.sh"
# shellcheck disable=SC1091
source "$root/.cache/toolchain.env"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/.cache/target}"
snapshot=$(mktemp -d)
trap 'rm -rf "$snapshot"' EXIT
"$root/.venv/bin/python" "$root/scripts/template_snapshot.py" "$snapshot/template" >/dev/null
"$root/.venv/bin/copier" copy --quiet --defaults --vcs-ref HEAD "$snapshot/template" "$dest"
cd "$dest"
git init --quiet
make test
make lint
echo "generate-default: $dest generated, built and tested"
