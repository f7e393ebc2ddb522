"""Build tier: generated projects are built and tested for real, with their own commands.

Slow (minutes): select with `-m build`, skip with `-m "not build"`.
"""

from __future__ import annotations

import json
import os
import re
import venv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import copier
import pytest

from conftest import DEFAULT_PATTERN
from projects import build_env, install_wheel, python_tool, restored, run

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def default_project(built_project) -> Path:
    """The project of `copier copy --defaults`, after its own `make test` passed."""
    return built_project(DEFAULT_PATTERN)


def test_default_project_passes_its_own_tests(default_project: Path) -> None:
    assert (
        default_project / "bindings" / "javascript" / "dist" / "wasm" / "bindings_bg.wasm"
    ).exists()
    assert list((default_project / "dist" / "python").glob("*-abi3-*.whl"))


def test_wheel_carries_the_licence_files(default_project: Path) -> None:
    (wheel,) = (default_project / "dist" / "python").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.endswith(".dist-info/licenses/LICENSE-MIT") for name in names)
    assert any(name.endswith(".dist-info/licenses/LICENSE-APACHE") for name in names)


def test_default_project_is_formatted_and_lint_clean(
    default_project: Path, cargo_target_dir: Path
) -> None:
    run(["make", "lint"], cwd=default_project, env=build_env(cargo_target_dir))


def test_make_lint_runs_every_check_after_one_fails(
    default_project: Path, cargo_target_dir: Path
) -> None:
    """A README code block that ruff would reformat and a Rust file that rustfmt
    would: both are reported, and the checks after them still run."""
    readme = default_project / "bindings" / "python" / "README.md"
    rust = default_project / "core" / "src" / "crc32.rs"
    with restored(readme, rust):
        readme.write_text(readme.read_text(encoding="utf-8") + "\n```python\nx=1\n```\n")
        rust.write_text(rust.read_text(encoding="utf-8") + "\nconst  UNFORMATTED: u8 = 0;\n")
        result = run(
            ["make", "lint"], cwd=default_project, env=build_env(cargo_target_dir), check=False
        )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bindings/python/README.md" in output, output[-3000:]
    assert re.search(r"Diff in .*crc32.rs", output), output[-3000:]
    assert "api-parity: Python and JavaScript agree" in output, output[-3000:]


def test_make_bench_prints_every_python_ratio(
    default_project: Path, cargo_target_dir: Path
) -> None:
    result = run(["make", "bench"], cwd=default_project, env=build_env(cargo_target_dir))
    for row in ("crc32, 1 KiB", "crc32, 1 MiB", "greet('Ada')", "version()"):
        assert re.search(rf"^{re.escape(row)} .* \d+\.\d\d ", result.stdout, re.MULTILINE), row


PANIC_STORY = """
import my_library
from my_library._native import _testing

try:
    _testing.panic_for_testing("deliberate panic")
except Exception:
    raise SystemExit("a panic was caught as an Exception")
except my_library.Error:
    raise SystemExit("a panic was caught as the package's error")
except my_library.PanicError as error:
    assert "deliberate panic" in str(error), error
    assert error.code == "PANIC"
assert my_library.greet("Ada") == "Hello, Ada!"
print("panic story holds")
"""


def test_a_panic_in_python_is_panic_error_not_an_error_and_the_package_keeps_working(
    default_project: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    """The Python half of the panic story (the JavaScript half is in the project's
    own machinery tests): the wheel with the `testing` feature panics on demand."""
    python = default_project / "bindings" / "python"
    # Other projects of the run share the target dir and crate names: rebuild ours.
    for source in [
        *(python / "src").glob("*.rs"),
        *(default_project / "core" / "src").rglob("*.rs"),
    ]:
        source.touch()
    run(
        [
            python_tool(default_project, "maturin"),
            "build",
            "--release",
            "--features",
            "testing",
            "--manifest-path",
            str(python / "Cargo.toml"),
            "--out",
            str(tmp_path / "wheel"),
        ],
        cwd=default_project,
        env=build_env(cargo_target_dir),
    )
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    site = tmp_path / "site"
    install_wheel(default_project, wheel, site)
    result = run(
        [python_tool(default_project, "python"), "-c", PANIC_STORY],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert "panic story holds" in result.stdout


def test_python_binding_folder_installs_with_plain_pip(
    default_project: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    """PEP 517 through maturin: `pip install bindings/python` into a fresh venv."""
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            str(default_project / "bindings" / "python"),
        ],
        cwd=tmp_path,
        env=build_env(cargo_target_dir),
    )
    check = (
        "import my_library, zlib\n"
        "assert my_library.crc32(b'abc') == zlib.crc32(b'abc')\n"
        "print(my_library.greet('Ada'))"
    )
    assert run([str(python), "-c", check], cwd=tmp_path).stdout.strip() == "Hello, Ada!"


def test_npm_tarball_works_through_import_and_require(
    default_project: Path, tmp_path: Path
) -> None:
    package_dir = default_project / "bindings" / "javascript"
    tarball = run(["npm", "pack", "--silent", "--pack-destination", str(tmp_path)], cwd=package_dir)
    consumer = tmp_path / "consumer"
    consumer.mkdir()
    (consumer / "package.json").write_text(json.dumps({"name": "consumer", "private": True}))
    run(
        [
            "npm",
            "install",
            "--silent",
            "--no-audit",
            str(tmp_path / tarball.stdout.strip().splitlines()[-1]),
        ],
        cwd=consumer,
    )
    use = "console.log(greet('Ada'), crc32(new Uint8Array([97])));"
    esm = f"import {{ greet, crc32 }} from 'my-library'; {use}"
    cjs = f"const {{ greet, crc32 }} = require('my-library'); {use}"
    expected = "Hello, Ada! 3904355907"
    assert run(["node", "--input-type=module", "-e", esm], cwd=consumer).stdout.strip() == expected
    assert run(["node", "-e", cjs], cwd=consumer).stdout.strip() == expected
    # The .wasm, exported for users who host it themselves, instantiates the package.
    self_hosted = (
        "import { readFileSync } from 'node:fs';"
        "import { initSync, greet } from 'my-library';"
        "const bytes = readFileSync(new URL(import.meta.resolve('my-library/wasm')));"
        "initSync(new WebAssembly.Module(bytes)); console.log(greet('Ada'));"
    )
    assert run(["node", "--input-type=module", "-e", self_hosted], cwd=consumer).stdout.strip() == (
        "Hello, Ada!"
    )
    resolved = "console.log(require.resolve('my-library/wasm'))"
    assert (
        run(["node", "-e", resolved], cwd=consumer)
        .stdout.strip()
        .endswith("/node_modules/my-library/dist/wasm/bindings_bg.wasm")
    )


def test_npm_tarball_ships_only_the_built_package(default_project: Path) -> None:
    listing = run(
        ["npm", "pack", "--dry-run", "--json"], cwd=default_project / "bindings" / "javascript"
    )
    files = {entry["path"] for entry in json.loads(listing.stdout)[0]["files"]}
    assert {"dist/wasm/bindings_bg.wasm", "dist/node.cjs", "dist/api.d.ts", "README.md"} <= files
    assert "dist/api.d.cts" in files  # the declarations for `require()`
    assert {"dist/wasm.d.ts", "dist/wasm.d.cts"} <= files  # the types of the "./wasm" export
    assert "dist/testing.js" not in files
    assert {"dist/LICENSE-MIT", "dist/LICENSE-APACHE"} <= files
    assert not {path for path in files if path.startswith(("src/", "tests/", "build/"))}


# --- negative controls: the guards of the build bite -----------------------------------


def test_build_refuses_version_drift(default_project: Path, tmp_path: Path) -> None:
    package_dir = default_project / "bindings" / "javascript"
    manifest = package_dir / "package.json"
    with restored(manifest):
        text = manifest.read_text()
        manifest.write_text(text.replace('"version": "0.1.0"', '"version": "0.2.0"'))
        result = run(["npm", "run", "build"], cwd=package_dir, check=False)
    assert result.returncode != 0
    assert (
        "version drift: package.json says 0.2.0 but the Cargo workspace says 0.1.0" in result.stderr
    )


def test_build_refuses_a_mismatched_wasm_bindgen_cli(default_project: Path, tmp_path: Path) -> None:
    fake = tmp_path / "wasm-bindgen"
    fake.write_text("#!/bin/sh\necho 'wasm-bindgen 0.2.99'\n")
    fake.chmod(0o755)
    env = {**os.environ, "WASM_BINDGEN": str(fake)}
    result = run(
        ["npm", "run", "build"],
        cwd=default_project / "bindings" / "javascript",
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "wasm-bindgen CLI 0.2.99 does not match the wasm-bindgen crate" in result.stderr
    assert "cargo install wasm-bindgen-cli --version =" in result.stderr


def test_build_reads_crlf_manifests(default_project: Path, cargo_target_dir: Path) -> None:
    """A checkout with CRLF line endings (git's autocrlf on Windows) builds the same."""
    manifests = [
        default_project / "Cargo.toml",
        default_project / "bindings" / "javascript" / "Cargo.toml",
        default_project / "bindings" / "javascript" / "package.json",
    ]
    originals = {path: path.read_bytes() for path in manifests}
    for path, content in originals.items():
        path.write_bytes(content.replace(b"\n", b"\r\n"))
    try:
        result = run(
            ["npm", "run", "build"],
            cwd=default_project / "bindings" / "javascript",
            env=build_env(cargo_target_dir),
        )
    finally:
        for path, content in originals.items():
            path.write_bytes(content)
    assert "build: my_library_wasm 0.1.0 -> dist" in result.stdout


def test_build_runs_every_cargo_command_with_wasm_cargo(
    default_project: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    """The fallback wasm toolchain is a cargo wrapper in WASM_CARGO (scripts/setup.sh
    writes it): `cargo metadata` and the wasm build both go through it."""
    log = tmp_path / "calls"
    wrapper = tmp_path / "wasm-cargo"
    cargo = os.environ.get("WASM_CARGO", "cargo")  # the fallback's wrapper, if in use
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> {log}\nexec {cargo} "$@"\n')
    wrapper.chmod(0o755)
    env = {**build_env(cargo_target_dir), "WASM_CARGO": str(wrapper)}
    run(["npm", "run", "build"], cwd=default_project / "bindings" / "javascript", env=env)
    assert log.read_text().split() == ["metadata", "build"]


# --- other variants ---------------------------------------------------------------------


def test_long_names_stay_prettier_formatted(
    default_project: Path, copier_template: Path, tmp_path: Path
) -> None:
    project = tmp_path / "long"
    answers = {"project_name": "A Forty Character Project Name For Lint"}
    copier.run_copy(str(copier_template), project, data=answers, defaults=True, quiet=True)
    prettier = default_project / "bindings" / "javascript" / "node_modules" / ".bin" / "prettier"
    run([str(prettier), "--check", ".", "--ignore-path", ".prettierignore"], cwd=project)


def test_example_worker_type_checks(default_project: Path) -> None:
    example = default_project / "examples" / "cloudflare-worker"
    run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=example)
    run(["npm", "run", "check"], cwd=example)


def test_make_fmt_formats_what_make_lint_checks(
    default_project: Path, cargo_target_dir: Path
) -> None:
    """A badly formatted file in each language: `make fmt` rewrites all three, after which
    the formatters' checks of `make lint` pass."""
    rust = default_project / "core" / "src" / "lib.rs"
    python = default_project / "bindings" / "python" / "tests" / "test_api.py"
    javascript = default_project / "bindings" / "javascript" / "js" / "runtime.js"
    env = build_env(cargo_target_dir)
    with restored(rust, python, javascript):
        rust.write_text(rust.read_text(encoding="utf-8") + "\npub   fn  spaced( )->u8{1}\n")
        python.write_text(python.read_text(encoding="utf-8") + "\nx  =  [1,2 ,3]\n")
        javascript.write_text(javascript.read_text(encoding="utf-8") + "\nconst  y  = [1,2 ,3]\n")
        assert run(["cargo", "fmt", "--all", "--check"], default_project, check=False).returncode
        run(["make", "fmt"], cwd=default_project, env=env)
        run(["cargo", "fmt", "--all", "--check"], cwd=default_project, env=env)
        run(
            [python_tool(default_project, "ruff"), "format", "--check", "bindings/python"],
            cwd=default_project,
        )
        run(["npm", "run", "--silent", "format:check"], cwd=default_project / "bindings/javascript")
        assert "[1, 2, 3]" in python.read_text(encoding="utf-8")


def test_without_its_check_a_lone_surrogate_becomes_u_fffd_negative_control(
    default_project: Path, tmp_path: Path
) -> None:
    """The TypeError for a lone surrogate (conformance.mjs, properties.test.mjs) guards
    against a real failure: without the check in js/api.js, wasm-bindgen hands Rust
    the string with U+FFFD in place of the surrogate, and nothing tells the caller."""
    package = default_project / "bindings" / "javascript"
    api = (package / "dist" / "api.js").read_text(encoding="utf-8")
    check = re.search(r"\n  if \(!value\.isWellFormed\(\)\) \{\n.*?\n  \}\n", api, re.S)
    assert check, "dist/api.js has no isWellFormed check"
    with restored(package / "dist" / "api.js"):
        (package / "dist" / "api.js").write_text(api.replace(check.group(0), "\n"))
        script = (
            'import { greet } from "./dist/node.js";console.log(JSON.stringify(greet("\\uD800")));'
        )
        result = run(["node", "--input-type=module", "-e", script], cwd=package)
    assert json.loads(result.stdout) == "Hello, \ufffd!"


def test_without_the_lib_reference_the_declarations_need_esnext_disposable_negative_control(
    default_project: Path,
) -> None:
    """The declarations name the esnext.disposable lib themselves, so the strict
    consumer (tests/tsconfig.json, `lib` ES2022) compiles them; without the reference
    it does not."""
    package = default_project / "bindings" / "javascript"
    # The ES module declarations and their CommonJS twins (a reference in either one
    # brings the lib into the whole program).
    declarations = [package / "dist" / "api.d.ts", package / "dist" / "api.d.cts"]
    reference = '/// <reference lib="esnext.disposable" />\n'
    for file in declarations:
        assert file.read_text(encoding="utf-8").startswith(reference), file
    tsc = [str(package / "node_modules" / ".bin" / "tsc"), "-p", "tests/tsconfig.json"]
    run(tsc, cwd=package)
    with restored(*declarations):
        for file in declarations:
            text = file.read_text(encoding="utf-8")
            file.write_text(text.removeprefix(reference), encoding="utf-8")
        result = run(tsc, cwd=package, check=False)
    assert result.returncode != 0
    assert "dispose" in result.stdout, result.stdout


@contextmanager
def exports_changed(package: Path, export: str, *, types: str | None) -> Iterator[None]:
    """package.json with the `types` condition of `exports[export]` set to `types` (None:
    the export without types, its `default` target alone) for the block, then put back."""
    manifest = package / "package.json"
    with restored(manifest):
        content = json.loads(manifest.read_text(encoding="utf-8"))
        exports = content["exports"]
        if types is None:
            exports[export] = exports[export]["default"]
        else:
            exports[export]["types"] = types
        manifest.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
        yield


def test_without_the_cts_declarations_a_require_user_cannot_compile_negative_control(
    default_project: Path,
) -> None:
    """Under `module: node16`, TypeScript refuses to `require()` an ES module: the
    CommonJS consumer (tests/types-require.check.cts) compiles only because the
    `types` condition gives `require` the .d.cts twins of the declarations."""
    package = default_project / "bindings" / "javascript"
    tsc = [str(package / "node_modules" / ".bin" / "tsc"), "-p", "tests/tsconfig.json"]
    run(tsc, cwd=package)
    with exports_changed(package, ".", types="./dist/api.d.ts"):
        result = run(tsc, cwd=package, check=False)
    assert result.returncode != 0
    assert "types-require.check.cts" in result.stdout, result.stdout
    assert "TS1471" in result.stdout, result.stdout  # only resolves to an ES module


# --- the npm package as its users' tools resolve it ------------------------------------


def check_package(package: Path, check: bool = True):
    """`npm run check-package` (part of `make lint`): Are the Types Wrong? and publint
    on the tarball that `npm pack` writes."""
    return run(["npm", "run", "--silent", "check-package"], cwd=package, check=check)


def test_every_export_resolves_to_its_types_in_every_typescript_mode(
    default_project: Path,
) -> None:
    result = check_package(default_project / "bindings" / "javascript")
    assert "No problems found" in result.stdout, result.stdout
    for entry in ('"my-library"', '"my-library/wasm"'):
        assert entry in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("export", "types", "problem"),
    [
        # One ES module declaration for both conditions: require() users get ESM types.
        (".", "./dist/api.d.ts", "Masquerading as ESM"),
        # The .wasm alone, as the package exported it before: no types in any mode.
        ("./wasm", None, "Resolution failed"),
    ],
    ids=["esm-types-for-require", "wasm-without-types"],
)
def test_a_package_whose_types_do_not_resolve_fails_the_check_negative_control(
    default_project: Path, export: str, types: str | None, problem: str
) -> None:
    package = default_project / "bindings" / "javascript"
    with exports_changed(package, export, types=types):
        result = check_package(package, check=False)
    assert result.returncode != 0
    assert problem in result.stdout, result.stdout
