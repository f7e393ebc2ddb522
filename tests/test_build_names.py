"""Build tier: a project whose names and metadata hold quotes, apostrophes, backslashes
and non-ASCII letters builds, documents without warnings, and its wheel carries the
metadata exactly as typed."""

from __future__ import annotations

import email.parser
import email.policy
import email.utils
import os
import subprocess
import zipfile
from pathlib import Path

import copier
import pytest

from conftest import tool

pytestmark = pytest.mark.build

ANSWERS = {
    "project_name": "Zoë's Café",
    "description": 'Parses "quoted" C:\\paths, <Vec<u8>> & [links] *fast* — ünïcode',
    "author_name": 'Zoë O\'Brien "ZB" \\ Ørsted',
    "targets": ["python"],
}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"


@pytest.fixture(scope="module")
def project(template_repository: Path, tmp_path_factory, cargo_target_dir: Path):
    destination = tmp_path_factory.mktemp("names") / "project"
    copier.run_copy(str(template_repository), destination, data=ANSWERS, defaults=True, quiet=True)
    return destination, {**os.environ, "CARGO_TARGET_DIR": str(cargo_target_dir)}


def test_the_rust_docs_build_without_warnings(project) -> None:
    path, env = project
    run(["cargo", "doc", "--workspace", "--no-deps"], path, {**env, "RUSTDOCFLAGS": "-D warnings"})


def test_the_wheel_metadata_is_as_typed(project) -> None:
    path, env = project
    run(
        [tool("maturin"), "build", "--manifest-path", "bindings/python/Cargo.toml", "-o", "dist"],
        path,
        env,
    )
    (wheel,) = (path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.BytesParser(policy=email.policy.default).parsebytes(
            archive.read(name)
        )
    assert metadata["Summary"] == ANSWERS["description"]
    authors = email.utils.getaddresses([str(metadata["Author-email"])])
    assert authors == [(ANSWERS["author_name"], "you@example.com")]
