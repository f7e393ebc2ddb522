#!/usr/bin/env bash
# Makes this machine ready to generate, build and test projects of the template.
# Idempotent, and quick when everything is already there. Installs:
#   - .venv/ with the template's Python tools (pyproject.toml, group `dev`);
#   - Rust's wasm32-unknown-unknown target (rustup, or Debian's rust-web fallback);
#   - the wasm-bindgen CLI at exactly the version the template pins;
#   - Chromium (Debian package) for the browser tests.
# npm tools (wrangler, Deno, Bun, playwright-core, ...) are dev dependencies of each
# generated package and come with its `npm install`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache="$root/.cache"
mkdir -p "$cache"
say() { printf 'setup: %s\n' "$*"; }

# --- Python tools ----------------------------------------------------------------
venv="$root/.venv"
stamp="$venv/.dev-group.sha256"
want=$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  say "installing Python tools into .venv"
  python3 -m venv "$venv"
  mapfile -t requirements < <("$venv/bin/python" - "$root/pyproject.toml" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["dependency-groups"]["dev"]))
PY
)
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet "${requirements[@]}"
  echo "$want" > "$stamp"
fi

# --- Rust: the wasm32 target -------------------------------------------------------
command -v cargo >/dev/null || { say "cargo is missing: install Rust with rustup first"; exit 1; }
env_file="$cache/toolchain.env"
# POLYBIND_WASM_TOOLCHAIN=debian forces the fallback (to test it where rustup works).
if [[ "${POLYBIND_WASM_TOOLCHAIN:-}" != debian ]] &&
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  : > "$env_file"
elif [[ "${POLYBIND_WASM_TOOLCHAIN:-}" != debian ]] &&
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  say "added the wasm32-unknown-unknown target with rustup"
  : > "$env_file"
else
  # rustup cannot download here: build std for wasm32 from source with Debian's
  # toolchain instead, through a cargo wrapper that only the wasm build uses.
  say "rustup cannot add wasm32-unknown-unknown; using Debian's rust-web toolchain"
  if [[ ! -x /usr/bin/cargo || ! -d /usr/lib/rustlib/src/rust/library ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc-web cargo-web rust-web-src rust-web-llvm lld-22 >/dev/null
  fi
  wrapper="$cache/wasm-cargo"
  cat > "$wrapper" <<'SH'
#!/bin/sh
# cargo for the wasm32 build only: Debian's toolchain, std built from source, and a
# target directory of its own (cargo fingerprints include the compiler version).
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort RUSTC=/usr/bin/rustc
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/debian-wasm"
exec /usr/bin/cargo "$@"
SH
  chmod +x "$wrapper"
  echo "export WASM_CARGO=$wrapper" > "$env_file"
fi

# --- wasm-bindgen CLI, at the version the template pins -----------------------------
version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$root/template/Cargo.toml.jinja")
[[ -n "$version" ]] || { say "could not read the pinned wasm-bindgen version"; exit 1; }
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]]; then
  say "installing wasm-bindgen-cli $version (compiles for a few minutes)"
  # --locked first; a registry mirror without some locked version needs the fallback.
  cargo install wasm-bindgen-cli --version "=$version" --locked --quiet ||
    cargo install wasm-bindgen-cli --version "=$version" --quiet
fi

# --- Chromium, for the browser tests ------------------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# --- Linters for the generated GitHub workflows --------------------------------------
# actionlint through the Go module proxy (its PyPI wrapper downloads a binary, which
# fails here), with shellcheck from Debian for the `run:` scripts.
actionlint_version=v1.7.12
if [[ "$("$cache/go/bin/actionlint" --version 2>/dev/null | head -1)" != "$actionlint_version" ]]; then
  say "installing actionlint $actionlint_version"
  command -v go >/dev/null || { say "go is missing: install Go to build actionlint"; exit 1; }
  GOBIN="$cache/go/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
fi
if ! command -v shellcheck >/dev/null; then
  say "installing Debian's shellcheck"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }
fi

command -v node >/dev/null || { say "node is missing: install Node.js 20 or newer"; exit 1; }
say "ready (wasm-bindgen $version, $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -1))"
