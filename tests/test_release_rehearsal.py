"""Each pattern's release, rehearsed against registries running on this machine.

pypiserver stands in for PyPI and verdaccio for the npm registry, both on 127.0.0.1
(scripts/setup.sh installs them). For every pattern, the artifacts are built as the
release workflow builds them, then the workflow's own publish steps (`make publish-pypi`,
`make publish-npm`) upload them, with only the registry's address and credentials
differing: a local index has no trusted publishing, so uv gets a user and password and
npm a token. A second run shows that a re-run passes over what is there. Then a fresh
virtual environment and a fresh npm project install the packages from those registries
and call them.

Not rehearsed here (it needs GitHub and the real registries): the OpenID Connect token
exchange of trusted publishing, the environments' approval, PEP 740 and npm provenance,
the build-provenance attestations, and the GitHub release itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_PATTERN, PATTERNS, ROOT
from projects import build_env, generate, python_tool, restored, run

pytestmark = pytest.mark.build

BIN = Path(sys.executable).parent
VERDACCIO = ROOT / ".cache" / "verdaccio" / "node_modules" / ".bin" / "verdaccio"
USER, PASSWORD = "rehearsal", "rehearsal-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(command: list[str], ready_url: str, log: Path) -> Iterator[None]:
    """Runs `command` until the block ends; waits (60 s at most) until `ready_url` answers."""
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            if process.poll() is not None:
                pytest.fail(f"{command[0]} stopped:\n{log.read_text()}")
            try:
                urllib.request.urlopen(ready_url, timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        else:
            pytest.fail(f"{command[0]} did not answer at {ready_url}:\n{log.read_text()}")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Registries:
    pypi: str  # the index's upload URL; its simple index is below it
    npm: str
    npmrc: Path  # an npm user config holding the token for `npm`

    def env(self, cargo_target_dir: Path) -> dict[str, str]:
        """The environment of the publish steps here: the workflow's, with this machine's
        registries and credentials instead of trusted publishing."""
        return {
            **build_env(cargo_target_dir),
            "TRUSTED_PUBLISHING": "never",
            "UV_PUBLISH_URL": self.pypi,
            "UV_PUBLISH_CHECK_URL": f"{self.pypi}simple/",
            "UV_PUBLISH_USERNAME": USER,
            "UV_PUBLISH_PASSWORD": PASSWORD,
            "npm_config_registry": self.npm,
            "npm_config_userconfig": str(self.npmrc),
        }


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registries]:
    """pypiserver (anyone may upload, nothing is fetched from PyPI; a file is never
    overwritten) and verdaccio (no uplink: it knows only what was published to it)."""
    if not VERDACCIO.exists():
        pytest.fail("verdaccio is not installed: run `bash scripts/setup.sh`")
    root = tmp_path_factory.mktemp("registries")
    pypi_port, npm_port = free_port(), free_port()
    (root / "packages").mkdir()
    pypiserver = [
        str(BIN / "pypi-server"), "run", "--host", "127.0.0.1", "--port", str(pypi_port),
        "--authenticate", ".", "--passwords", ".", "--disable-fallback", str(root / "packages"),
    ]  # fmt: skip
    config = {
        "storage": str(root / "storage"),
        "auth": {"htpasswd": {"file": str(root / "htpasswd"), "max_users": 1}},
        "uplinks": {},
        "packages": {"**": {"access": "$all", "publish": "$authenticated"}},
        "log": {"type": "stdout", "format": "pretty", "level": "warn"},
    }
    (root / "verdaccio.yaml").write_text(yaml.safe_dump(config))
    npm = f"http://127.0.0.1:{npm_port}/"
    verdaccio = [
        str(VERDACCIO), "--config", str(root / "verdaccio.yaml"),
        "--listen", f"127.0.0.1:{npm_port}",
    ]  # fmt: skip
    pypi = f"http://127.0.0.1:{pypi_port}/"
    with (
        server(pypiserver, f"{pypi}simple/", root / "pypiserver.log"),
        server(verdaccio, f"{npm}-/ping", root / "verdaccio.log"),
    ):
        # The user that publishes to verdaccio, and its token, as `npm adduser` would.
        request = urllib.request.Request(
            f"{npm}-/user/org.couchdb.user:{USER}",
            data=json.dumps({"name": USER, "password": PASSWORD}).encode(),
            headers={"content-type": "application/json"},
            method="PUT",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            token = json.load(response)["token"]
        npmrc = root / "npmrc"
        npmrc.write_text(f"//127.0.0.1:{npm_port}/:_authToken={token}\n")
        yield Registries(pypi, npm, npmrc)


def answers(project: Path) -> dict:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


def release_workflows(project: Path) -> list[dict]:
    folder = project / ".github" / "workflows"
    return [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("release*.yml"))
    ]


def publish_job(project: Path, name: str) -> dict:
    (job,) = [w["jobs"][name] for w in release_workflows(project) if name in w["jobs"]]
    return job


def download_path(job: dict) -> str:
    """Where the job's (single) download-artifact step puts the artifacts."""
    (path,) = [s["with"]["path"] for s in job["steps"] if "download-artifact@" in s.get("uses", "")]
    return path


def publish_commands(job: dict) -> list[str]:
    commands = [s["run"] for s in job["steps"] if "run" in s]
    assert all(command.startswith("make publish-") for command in commands), commands
    return commands


def stage_artifacts(project: Path, cargo_target_dir: Path) -> None:
    """The artifacts where the publish jobs download them, built as the release
    workflow builds them: the wheel of `make build-python` (which built_project ran; the
    wheels job gives maturin-action its arguments), the sdist of maturin-action's `sdist`
    command, and the tarballs of the npm-package job (after `make test-js`): `npm pack`, or
    with node-native scripts/pack.mjs with this machine's addon (which `make test` built)
    for the platform addons that CI's native job uploads."""
    env = build_env(cargo_target_dir)
    pypi = project / download_path(publish_job(project, "publish-pypi"))
    npm = project / download_path(publish_job(project, "publish-npm"))
    pypi.mkdir(parents=True, exist_ok=True)
    npm.mkdir(parents=True, exist_ok=True)
    built = project / "dist" / "python"
    if pypi != built:
        for wheel in built.glob("*.whl"):
            shutil.copy(wheel, pypi)
    maturin = python_tool(project, "maturin")
    manifest = "bindings/python/Cargo.toml"
    run([str(maturin), "sdist", "--out", str(pypi), "--manifest-path", manifest], project, env)
    javascript = project / "bindings" / "javascript"
    if native(project):
        pack = javascript / "scripts" / "pack.mjs"
        run(["node", str(pack), str(javascript / "dist" / "native")], npm, env)
    else:
        run(["npm", "pack", "--pack-destination", str(npm)], javascript, env)


def native(project: Path) -> bool:
    return "node-native" in answers(project)["targets"]


def platform_package(project: Path) -> str:
    """The npm name of this machine's addon package (js/native.js's `platform()`)."""
    script = "import('./js/native.js').then((m) => console.log(m.platform()))"
    platform = run(["node", "-e", script], project / "bindings" / "javascript").stdout.strip()
    return f"{answers(project)['npm_package']}-{platform}"


@dataclass
class Release:
    project: Path
    first: list[str]  # what each publish step printed, the first time
    again: list[str]  # and when the release is re-run


# codegen releases with shared-core's workflow file and publish steps (one template), so
# rehearsing shared-core covers it; CI builds its release artifacts once.
RELEASED_PATTERNS = [pattern for pattern in PATTERNS if pattern != "codegen"]


@pytest.fixture(scope="module", params=RELEASED_PATTERNS)
def release(request, built_project, registries: Registries, cargo_target_dir: Path) -> Release:
    """The project of the pattern (built, its tests passed), published twice by the
    release workflow's publish steps."""
    project = built_project(request.param)
    stage_artifacts(project, cargo_target_dir)
    env = registries.env(cargo_target_dir)
    commands = [
        command
        for job in ("publish-pypi", "publish-npm")
        for command in publish_commands(publish_job(project, job))
    ]

    def publish() -> list[str]:
        outputs = []
        for command in commands:
            result = run(["bash", "-e", "-c", command], project, env)
            outputs.append(result.stdout + result.stderr)
        return outputs

    return Release(project, publish(), publish())


def test_publishing_uploads_every_python_file_and_the_npm_tarball(release: Release) -> None:
    pypi, npm = release.first
    chosen = answers(release.project)
    assert re.search(r"^Uploading \S+\.whl", pypi, re.MULTILINE), pypi
    assert re.search(r"^Uploading \S+\.tar\.gz", pypi, re.MULTILINE), pypi
    assert f'publish: {chosen["npm_package"]}@0.1.0 under the dist-tag "latest"' in npm, npm
    if native(release.project):
        platform = f'publish: {platform_package(release.project)}@0.1.0 under the dist-tag "latest"'
        assert platform in npm, npm
        assert npm.index(platform) < npm.index(f"publish: {chosen['npm_package']}@"), npm


def test_a_re_run_passes_over_what_the_registries_have(release: Release) -> None:
    pypi, npm = release.again
    assert "Uploading" not in pypi, pypi
    assert pypi.count("already exists, skipping") == 2, pypi
    chosen = answers(release.project)
    assert f"publish: {chosen['npm_package']}@0.1.0 is on the registry already: skipped" in npm
    if native(release.project):
        platform = platform_package(release.project)
        assert f"publish: {platform}@0.1.0 is on the registry already: skipped" in npm, npm


def test_the_python_package_installs_from_the_index_and_works(
    release: Release, registries: Registries, tmp_path: Path
) -> None:
    chosen = answers(release.project)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = str(venv / "bin" / "python")
    index = ["--index-url", f"{registries.pypi}simple/", "--no-cache-dir"]
    run(
        [python, "-m", "pip", "install", *index, f"{chosen['python_distribution']}==0.1.0"],
        tmp_path,
    )
    package = chosen["python_package"]
    script = f"import {package} as p; print(p.version(), p.greet('Ada'))"
    assert run([python, "-c", script], tmp_path).stdout.strip() == "0.1.0 Hello, Ada!"


def test_the_npm_package_installs_from_the_registry_and_works(
    release: Release, registries: Registries, cargo_target_dir: Path, tmp_path: Path
) -> None:
    chosen = answers(release.project)
    env = registries.env(cargo_target_dir)
    (tmp_path / "package.json").write_text(
        '{"name": "consumer", "private": true, "type": "module"}'
    )
    run(
        ["npm", "install", "--no-audit", "--no-fund", f"{chosen['npm_package']}@0.1.0"],
        tmp_path,
        env,
    )
    script = f"import * as api from {json.dumps(chosen['npm_package'])};"
    script += "console.log(api.version(), api.greet('Ada'), api.backend ?? '');"
    result = run(["node", "--input-type=module", "-e", script], tmp_path, env)
    # With node-native, npm installed this machine's platform package, and it loads.
    backend = "native" if native(release.project) else ""
    assert result.stdout.strip() == f"0.1.0 Hello, Ada! {backend}".strip()


# --- negative control: the publisher the workflows used before ---------------------------


def test_twine_5_0_0_rejects_maturin_s_wheels(
    release: Release, registries: Registries, tmp_path: Path
) -> None:
    """What pypa/gh-action-pypi-publish v1.8.14 ran (twine 5.0.0, pkginfo 1.10) cannot read
    the Metadata-Version 2.4 of maturin's wheels: the first release would fail."""
    pypi = release.project / download_path(publish_job(release.project, "publish-pypi"))
    (wheel, *_) = pypi.glob("*.whl")
    result = subprocess.run(
        [BIN / "twine", "upload", "--non-interactive", "--repository-url", registries.pypi,
         "--username", USER, "--password", PASSWORD, wheel],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "InvalidDistribution: Metadata is missing required fields: Name, Version" in output


# --- npm dist-tags ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def publish_version(
    built_project, registries: Registries, cargo_target_dir: Path, tmp_path_factory
):
    """`publish_version(name, version)`: the default project's npm tarball, repacked
    (`npm pack`) as the package `name` at `version`, published by the project's publish
    script; returns what it printed and the registry's dist-tags of `name` afterwards."""
    project = built_project(DEFAULT_PATTERN)
    javascript = project / "bindings" / "javascript"
    folder = tmp_path_factory.mktemp("repack")
    run(["npm", "pack", "--pack-destination", str(folder)], javascript)
    (tarball,) = folder.glob("*.tgz")
    env = registries.env(cargo_target_dir)

    def publish(name: str, version: str) -> tuple[str, dict[str, str]]:
        work = folder / f"{name}-{version}"
        with tarfile.open(tarball) as archive:
            archive.extractall(work, filter="data")
        manifest = work / "package" / "package.json"
        package = json.loads(manifest.read_text(encoding="utf-8"))
        package.update(name=name, version=version)
        manifest.write_text(json.dumps(package, indent=2))
        run(["npm", "pack", "--pack-destination", str(work)], work / "package")
        script = javascript / "scripts" / "publish.mjs"
        printed = run(["node", str(script), f"{name}-{version}.tgz"], work, env).stdout
        view = run(["npm", "view", name, "dist-tags", "--json"], work, env).stdout
        return printed, json.loads(view)

    return publish


def test_a_prerelease_goes_out_under_next_and_leaves_latest(publish_version) -> None:
    publish_version("rehearsal-next", "1.0.0")
    printed, tags = publish_version("rehearsal-next", "2.0.0-rc.1")
    assert 'under the dist-tag "next"' in printed
    assert tags == {"latest": "1.0.0", "next": "2.0.0-rc.1"}


def test_a_version_below_latest_goes_out_under_maintenance(publish_version) -> None:
    """A fix of an older line (1.0.1 after 2.0.0) must not become what `npm install` gets."""
    publish_version("rehearsal-maintenance", "1.0.0")
    publish_version("rehearsal-maintenance", "2.0.0")
    printed, tags = publish_version("rehearsal-maintenance", "1.0.1")
    assert 'under the dist-tag "maintenance"' in printed
    assert tags == {"latest": "2.0.0", "maintenance": "1.0.1"}


def test_a_version_above_latest_becomes_latest(publish_version) -> None:
    """Negative control of the two above: an ordinary release moves `latest`."""
    publish_version("rehearsal-latest", "1.0.0")
    printed, tags = publish_version("rehearsal-latest", "1.1.0")
    assert 'under the dist-tag "latest"' in printed
    assert tags == {"latest": "1.1.0"}


# --- crates.io: whether a version is there already, asked of crates.io itself -------------

# crates.io has a crate named my_library (not ours) at 0.1.0, the version a new project
# starts at: a project named "My Library" finds its version there, as a re-run would.
CRATE = "my_library"


@pytest.fixture(scope="module", params=PATTERNS)
def crate_project(request, copier_template: Path, tmp_path_factory) -> Path:
    project = generate(
        copier_template, tmp_path_factory, f"crate-{request.param}",
        pattern=request.param, project_name="My Library",
    )  # fmt: skip
    if "\npublish-crate:" not in (project / "Makefile").read_text(encoding="utf-8"):
        pytest.skip(f"{request.param} keeps its core off crates.io")
    return project


def publish_crate(project: Path, tmp_path: Path) -> tuple[str, str]:
    """`make publish-crate`, with a cargo that runs every command but `cargo publish`,
    which it records instead; returns what make printed and the recorded publishes."""
    log = tmp_path / "publishes"
    log.touch()
    cargo = tmp_path / "cargo"
    cargo.write_text(
        '#!/bin/sh\nif [ "$1" = publish ]; then echo "cargo $*" >> "$PUBLISH_LOG"; exit 0; fi\n'
        'exec cargo "$@"\n'
    )
    cargo.chmod(0o755)
    env = {**os.environ, "PUBLISH_LOG": str(log), "CARGO_TARGET_DIR": str(tmp_path / "target")}
    result = run(["make", "publish-crate", f"CARGO={cargo}"], project, env)
    return result.stdout + result.stderr, log.read_text()


def test_a_crate_version_crates_io_has_is_not_published_again(
    crate_project: Path, tmp_path: Path
) -> None:
    printed, publishes = publish_crate(crate_project, tmp_path)
    assert f"{CRATE} 0.1.0 is on crates.io already: skipped" in printed
    assert publishes == ""


def test_a_crate_version_crates_io_lacks_is_published_without_building(
    crate_project: Path, tmp_path: Path
) -> None:
    """Negative control of the one above: a version crates.io has not seen is uploaded,
    with `--no-verify` (the crate job built it; nothing here runs a build script)."""
    manifest = crate_project / (
        "core/Cargo.toml" if answers(crate_project)["pattern"] == "core-library" else "Cargo.toml"
    )
    with restored(manifest):
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(
            text.replace('\nversion = "0.1.0"', '\nversion = "0.0.1-rehearsal.1"', 1)
        )
        printed, publishes = publish_crate(crate_project, tmp_path)
    assert publishes == f"cargo publish --no-verify --package {CRATE}\n", printed
