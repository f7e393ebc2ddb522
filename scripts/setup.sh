#!/usr/bin/env bash
# Makes a machine ready to develop this template: to generate, build and test projects.
# Works on a contributor's Linux or macOS laptop as on a fresh CI machine, and is
# idempotent (quick when everything is there):
#   - what needs no administrator it installs: .venv/ with the Python tools
#     (pyproject.toml, group `dev`), uv (at the generated projects' pin, into .cache/),
#     the wasm32 target (rustup), the wasm-bindgen CLI at the version the template pins
#     (cargo install), actionlint (go install, into .cache/);
#   - system packages (shellcheck, Chromium) it installs with apt-get when it runs as
#     root or may use sudo without a password, with Homebrew on macOS; otherwise it
#     prints the exact command to run and stops before the tests would fail obscurely.
#
#   bash scripts/setup.sh          everything both tiers need
#   bash scripts/setup.sh --fast   the fast tier (`-m "not build"`) only: Python tools,
#                                  actionlint and shellcheck; no Rust, Node or browser
#
# Where tools live is recorded in .cache/toolchain.env, which scripts/test.sh and
# scripts/generate-default.sh source, so the tests find them on PATH as a shell would.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache="$root/.cache"
mkdir -p "$cache/bin"
tier=full
[[ "${1:-}" == --fast ]] && tier=fast
say() { printf 'setup: %s\n' "$*"; }
missing=()  # what the user has to install; reported together at the end
need() { missing+=("$*"); }

# Installs a system package: apt-get (as root, or with password-less sudo) or Homebrew.
system_install() {  # system_install <apt package> <brew formula or "--cask name">
  local apt_package=$1 brew_package=$2 sudo=""
  if command -v apt-get >/dev/null; then
    if [[ $EUID -ne 0 ]]; then
      if sudo -n true 2>/dev/null; then sudo=sudo; else
        need "sudo apt-get install $apt_package"
        return 0
      fi
    fi
    say "installing $apt_package (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$apt_package" >/dev/null
  elif [[ "$(uname -s)" == Darwin ]] && command -v brew >/dev/null; then
    say "installing $brew_package (Homebrew)"
    # shellcheck disable=SC2086  # "--cask name" is two words on purpose
    brew install $brew_package
  else
    need "$apt_package (Debian/Ubuntu: sudo apt-get install $apt_package; macOS: brew install $brew_package)"
  fi
}

# --- Python tools ----------------------------------------------------------------
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 or newer is needed as python3 (or set PYTHON=/path/to/python3.x)"
  exit 1
fi
venv="$root/.venv"
stamp="$venv/.dev-group.sha256"
want=$("$python" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$root/pyproject.toml")
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  say "installing Python tools into .venv"
  "$python" -m venv "$venv" || {
    say "python3 -m venv failed: install the venv module (Debian/Ubuntu: sudo apt-get install python3-venv)"
    exit 1
  }
  "$venv/bin/python" - "$root/pyproject.toml" > "$cache/dev-requirements.txt" <<'PY'
import sys, tomllib
with open(sys.argv[1], "rb") as f:
    print("\n".join(tomllib.load(f)["dependency-groups"]["dev"]))
PY
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet -r "$cache/dev-requirements.txt"
  echo "$want" > "$stamp"
fi

env_file="$cache/toolchain.env"
{
  echo "# Written by scripts/setup.sh: where this machine's tools for the template live."
  echo "export PATH=\"$cache/bin:\$PATH\""
  echo "# uv uses this machine's Pythons: it never downloads one for the tests."
  echo "export UV_PYTHON_DOWNLOADS=never"
} > "$env_file"
export PATH="$cache/bin:$PATH"

# --- uv, at the version the generated projects pin (their `uv` dependency group) ---
# The projects' Makefiles run their Python tools through uv; it goes to .cache/uv/
# (pip's --target) and onto PATH through .cache/bin/.
uv_version=$(sed -n 's/^uv = \["uv==\(.*\)"\]$/\1/p' "$root"/template/bindings/*python*/pyproject.toml.jinja)
[[ -n "$uv_version" ]] || { say "could not read the pinned uv version"; exit 1; }
if [[ "$("$cache/bin/uv" --version 2>/dev/null)" != "uv $uv_version"* ]]; then
  say "installing uv $uv_version into .cache/uv"
  rm -rf "$cache/uv"
  "$venv/bin/pip" install --quiet --target "$cache/uv" "uv==$uv_version"
  ln -sf "$cache/uv/bin/uv" "$cache/bin/uv"
fi

# --- Linters of the generated GitHub workflows ---------------------------------------
# actionlint from its Go module (built from source), shellcheck for the `run:` scripts.
actionlint_version=v1.7.12
if [[ "$(actionlint --version 2>/dev/null | head -1)" != "$actionlint_version" ]]; then
  if command -v go >/dev/null; then
    say "installing actionlint $actionlint_version (go install)"
    GOBIN="$cache/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"
  else
    need "Go, to build actionlint (https://go.dev/dl; or brew install go / sudo apt-get install golang)"
  fi
fi
command -v shellcheck >/dev/null || system_install shellcheck shellcheck

if [[ "$tier" == full ]]; then
  # --- Rust: the wasm32 target ---------------------------------------------------
  if ! command -v cargo >/dev/null; then
    need "Rust (https://rustup.rs), then run this script again"
  elif [[ "${POLYBIND_WASM_TOOLCHAIN:-}" != debian ]] &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    :
  elif [[ "${POLYBIND_WASM_TOOLCHAIN:-}" != debian ]] &&
    rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    say "added the wasm32-unknown-unknown target with rustup"
  elif command -v apt-get >/dev/null; then
    # Without rustup (or where it cannot download), Debian's rust-web toolchain builds
    # std for wasm32 from source, through a cargo wrapper that only the wasm build uses.
    # POLYBIND_WASM_TOOLCHAIN=debian forces this path, to test it where rustup works.
    say "rustup cannot add wasm32-unknown-unknown; using Debian's rust-web toolchain"
    if [[ ! -x /usr/bin/cargo || ! -d /usr/lib/rustlib/src/rust/library ]]; then
      for package in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do
        system_install "$package" "$package"
      done
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
    echo "export WASM_CARGO=$wrapper" >> "$env_file"
  else
    need "the wasm32 target: rustup target add wasm32-unknown-unknown"
  fi

  # --- wasm-bindgen CLI, at the version the template pins -------------------------
  version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$root/template/Cargo.toml.jinja")
  [[ -n "$version" ]] || { say "could not read the pinned wasm-bindgen version"; exit 1; }
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]] &&
    command -v cargo >/dev/null; then
    say "installing wasm-bindgen-cli $version (compiles for a few minutes)"
    # --locked first; a registry mirror without some locked version needs the fallback.
    cargo install wasm-bindgen-cli --version "=$version" --locked --quiet ||
      cargo install wasm-bindgen-cli --version "=$version" --quiet
  fi

  # --- Node.js and Chromium (the browser tests) -----------------------------------
  command -v node >/dev/null || need "Node.js 20.15 or newer (https://nodejs.org, or brew install node)"

  # --- verdaccio: the local npm registry of the release rehearsal -----------------
  # 6.8.0 runs on Node.js 20 (newer majors want 22); into .cache/verdaccio/.
  verdaccio_version=6.8.0
  verdaccio="$cache/verdaccio"
  if command -v npm >/dev/null &&
    [[ "$(cat "$verdaccio/node_modules/verdaccio/package.json" 2>/dev/null | sed -n 's/^  "version": "\(.*\)",$/\1/p')" != "$verdaccio_version" ]]; then
    say "installing verdaccio $verdaccio_version (npm) into .cache/verdaccio"
    mkdir -p "$verdaccio"
    npm install --prefix "$verdaccio" --no-audit --no-fund --silent "verdaccio@$verdaccio_version"
  fi
  chromium=${CHROMIUM_PATH:-}
  for candidate in chromium chromium-browser google-chrome google-chrome-stable \
    "/Applications/Chromium.app/Contents/MacOS/Chromium" \
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; do
    [[ -n "$chromium" ]] && break
    chromium=$(command -v "$candidate" 2>/dev/null || true)
  done
  if [[ -z "$chromium" ]]; then
    system_install chromium "--cask chromium"
    chromium=$(command -v chromium 2>/dev/null || true)
  fi
  [[ -n "$chromium" ]] && printf 'export CHROMIUM_PATH=%q\n' "$chromium" >> "$env_file"
fi

if (( ${#missing[@]} )); then
  say "please install what is missing, then run this script again:"
  printf '  - %s\n' "${missing[@]}"
  exit 1
fi
if [[ "$tier" == full ]]; then
  say "ready (wasm-bindgen $version, node $(node --version), ${chromium:-no Chromium})"
else
  say "ready for the fast tier"
fi
