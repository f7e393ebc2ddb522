"""Shared fixtures: the template as pytest-copier sees it, and the variant matrix.

The matrix is derived from copier.yml, never kept by hand: a new pattern or target
there is rendered (and, in the build tier, built) by the suite without any edit here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS: dict[str, Any] = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))


def choices(question: str) -> list[str]:
    """The answer values a choice question offers, in the order copier.yml lists them."""
    options = QUESTIONS[question]["choices"]
    return list(options.values()) if isinstance(options, dict) else list(options)


PATTERNS = choices("pattern")
DEFAULT_PATTERN: str = QUESTIONS["pattern"]["default"]
TARGETS = choices("targets")
JS_TARGETS = [target for target in TARGETS if target != "python"]


def variants() -> list[pytest.param]:
    """Every pattern with every target on its own, and with all targets together."""
    params = []
    for pattern in PATTERNS:
        params.append(pytest.param((pattern, TARGETS), id=f"{pattern}-all"))
        params.extend(pytest.param((pattern, [t]), id=f"{pattern}-{t}") for t in TARGETS)
    return params


TEMPLATE_PATHS = ["copier.yml", "includes", "template"]


def make_template_repository(repository: Path, tag: str) -> Path:
    """A git repository holding a copy of the template, tagged `tag`. Symbolic links
    stay links: the template ships some, such as bindings/python/LICENSE-*."""
    repository.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE_PATHS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repository / name, symlinks=True)
        else:
            shutil.copy2(source, repository / name)
    for command in (["init"], ["add", "-A"], ["commit", "-m", f"template {tag}"], ["tag", tag]):
        subprocess.run(["git", *command], cwd=repository, check=True, capture_output=True)
    return repository


@pytest.fixture(scope="session")
def copier_template_paths() -> list[str]:
    """What pytest-copier copies into its tagged scratch repository of the template."""
    return TEMPLATE_PATHS


@pytest.fixture(scope="session")
def copier_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest-copier's tagged scratch repository of the template, links kept."""
    return make_template_repository(tmp_path_factory.mktemp("template-src"), "99.99.99")


@pytest.fixture(scope="session")
def cargo_target_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cargo target dir for every project of the run (scripts/test.sh sets it)."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    return Path(configured) if configured else tmp_path_factory.mktemp("cargo-target")


@pytest.fixture(scope="session")
def built_project(copier_template: Path, tmp_path_factory, cargo_target_dir: Path):
    """`built_project(pattern)`: the project of `pattern` with every target, after its own
    `make test` passed; built once per run and shared by the tests that read it. The
    default pattern's is the project of a plain `copier copy --defaults`."""
    from projects import build_env, generate, run

    built: dict[str, Path] = {}

    def get(pattern: str) -> Path:
        if pattern not in built:
            if pattern == DEFAULT_PATTERN:
                project = generate(
                    copier_template,
                    tmp_path_factory,
                    "my-library",
                    project_name=QUESTIONS["project_name"]["default"],
                )
            else:
                project = generate(copier_template, tmp_path_factory, pattern, pattern=pattern)
            run(["make", "test"], cwd=project, env=build_env(cargo_target_dir))
            built[pattern] = project
        return built[pattern]

    return get
