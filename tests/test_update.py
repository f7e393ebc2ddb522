"""`copier update` from real earlier versions of this template (its own git history, the
versions of CHANGELOG.md) keeps the user's code and brings in the template's changes.

Every update here runs without `--trust` (the API's default): no update of this
template needs it (README.md, "Updating a project").
"""

from __future__ import annotations

from pathlib import Path

import copier
import pytest
import yaml

from conftest import PATTERNS, QUESTIONS, jinja_environment
from projects import build_env, git, run
from template_snapshot import changelog_versions

VERSIONS = changelog_versions()
CURRENT = VERSIONS[0][0]
EARLIER = [version for version, _commit in VERSIONS[1:]]
CONFLICT_START = "<<<<<<< before updating"


def generate(template: Path, destination: Path, version: str, **answers: object) -> Path:
    """`copier copy` at `version`, committed as a user would right after generating."""
    copier.run_copy(
        str(template), destination, vcs_ref=version, data=answers, defaults=True, quiet=True
    )
    git(destination, "init", "--quiet")
    git(destination, "add", "-A")
    git(destination, "commit", "--quiet", "-m", "generated")
    return destination


def update(project: Path, version: str = CURRENT, **answers: object) -> None:
    copier.run_update(
        str(project), vcs_ref=version, data=answers, defaults=True, overwrite=True, quiet=True
    )


def answers_of(project: Path) -> dict:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


# --- Typical user edits: a new function in the core exposed in every binding, a README
# paragraph, a changed dependency version, a new test. ------------------------------------

CORE_FUNCTION = """
/// Twice `value`, saturating at `u32::MAX`. Added by the user.
#[must_use]
pub const fn double(value: u32) -> u32 {
    value.saturating_mul(2)
}
"""
PYTHON_FUNCTION = """
/// Twice `value` (the core's `double`). Added by the user.
#[pyfunction]
const fn double(value: u32) -> u32 {
    library::double(value)
}
"""
PYTHON_EXPORT = "    #[pymodule_export]\n    use super::double;\n"
PYTHON_STUB = '\ndef double(value: int) -> int:\n    """Twice `value`. Added by the user."""\n'
WASM_FUNCTION = """
/// Twice `value` (the core's `double`). Added by the user.
#[wasm_bindgen]
#[must_use]
pub fn double(value: u32) -> u32 {
    library::double(value)
}
"""
README_PARAGRAPH = "\n## Why we wrote this\n\nA paragraph the user added to the README.\n"
CORE_TEST = """//! Added by the user.

#[test]
fn double_saturates() {
    assert_eq!({crate}::double(u32::MAX), u32::MAX);
    assert_eq!({crate}::double(21), 42);
}
"""
DEPENDENCY_BEFORE = 'serde_json = "1"'
DEPENDENCY_AFTER = 'serde_json = "1.0.100"'


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def make_user_edits(project: Path) -> dict[Path, list[str]]:
    """Edits the project as its owner would, commits, and returns what each edited file
    must still contain after an update."""
    answers = answers_of(project)
    crate, package = answers["crate_name"], answers["python_package"]
    expected: dict[Path, list[str]] = {}

    def edit(relative: str, text: str, *, before: str = "", after: str = "") -> None:
        """Appends `text`, or inserts it just before or after a unique marker."""
        path = project / relative
        source = path.read_text(encoding="utf-8")
        marker = before or after
        if not marker:
            path.write_text(source + text, encoding="utf-8")
        else:
            assert source.count(marker) == 1, (relative, marker)
            new = text + marker if before else marker + text
            path.write_text(source.replace(marker, new), encoding="utf-8")
        expected.setdefault(path, []).append(text)

    # New functions go beside the sample's, not at the end of the file, where the
    # template also adds code (both appending at one place is a genuine conflict).
    edit("core/src/lib.rs", CORE_FUNCTION.lstrip("\n") + "\n", before="/// The library's version")
    (project / "core" / "tests" / "user_double.rs").write_text(
        CORE_TEST.replace("{crate}", crate), encoding="utf-8"
    )
    expected[project / "core" / "tests" / "user_double.rs"] = [CORE_TEST.replace("{crate}", crate)]
    edit("README.md", README_PARAGRAPH)
    cargo = project / "Cargo.toml"
    cargo.write_text(cargo.read_text().replace(DEPENDENCY_BEFORE, DEPENDENCY_AFTER))
    expected[cargo] = [DEPENDENCY_AFTER]
    if "python" in answers["targets"]:
        edit("bindings/python/src/lib.rs", PYTHON_FUNCTION, before="\n/// The extension module")
        edit("bindings/python/src/lib.rs", PYTHON_EXPORT, after="mod _native {\n")
        edit(f"bindings/python/python/{package}/_native.pyi", PYTHON_STUB)
        list_in_stub(project / "bindings" / "python" / "python" / package / "_native.pyi")
    if (project / "bindings" / "javascript").exists():
        edit(
            "bindings/javascript/src/lib.rs",
            WASM_FUNCTION.lstrip("\n") + "\n",
            before="/// The IEEE CRC-32 of",
        )
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "user edits")
    return expected


def list_in_stub(stub: Path) -> bool:
    """Adds `double` to the stub's `__all__` (there since 0.2.0, checked by stubtest);
    False when the stub has no `__all__` yet."""
    source = stub.read_text(encoding="utf-8")
    if "__all__ = [\n" not in source or '    "double",\n' in source:
        return False
    stub.write_text(source.replace("__all__ = [\n", '__all__ = [\n    "double",\n'), "utf-8")
    return True


def tracked_files(project: Path) -> dict[str, bytes]:
    names = git(project, "ls-files", "-z").split("\0")
    return {name: (project / name).read_bytes() for name in names if name}


@pytest.fixture(scope="module", params=EARLIER)
def updated(request, template_repository: Path, tmp_path_factory) -> tuple[Path, dict, Path]:
    """A project generated at an earlier version, edited, committed, updated to now;
    with the edits it must keep and a fresh copy of the current version to compare."""
    version = request.param
    base = tmp_path_factory.mktemp(f"from-{version}")
    project = generate(template_repository, base / "project", version)
    expected = make_user_edits(project)
    update(project)
    fresh = base / "fresh"
    copier.run_copy(
        str(template_repository),
        fresh,
        vcs_ref=CURRENT,
        data={k: v for k, v in answers_of(project).items() if not k.startswith("_")},
        defaults=True,
        quiet=True,
    )
    return project, expected, fresh


def test_the_earlier_versions_are_real_commits_of_this_repository() -> None:
    assert len(EARLIER) >= 2
    assert all(commit for _version, commit in VERSIONS[1:])


def test_an_update_keeps_every_user_edit(updated) -> None:
    _project, expected, _fresh = updated
    for path, texts in expected.items():
        content = path.read_text(encoding="utf-8")
        for text in texts:
            assert text in content, (path, text)


def test_an_update_brings_template_changes_into_untouched_files(updated) -> None:
    project, expected, fresh = updated
    touched = {str(path.relative_to(project)) for path in expected}
    now, wanted = files_of(project), files_of(fresh)
    untouched = set(wanted) - touched
    assert untouched, "nothing to compare"
    different = sorted(name for name in untouched if now.get(name) != wanted[name])
    assert not different, different


def files_of(copy: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(copy)): path.read_bytes()
        for path in copy.rglob("*")
        if path.is_file() and ".git" not in path.parts
    }


def test_an_update_without_overlapping_edits_leaves_no_conflict(updated) -> None:
    project, _expected, _fresh = updated
    assert not git(project, "diff", "--name-only", "--diff-filter=U")
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert not path.name.endswith(".rej"), path
            assert CONFLICT_START not in path.read_text(errors="replace"), path


def test_an_update_records_the_new_version(updated) -> None:
    project, _expected, _fresh = updated
    assert answers_of(project)["_commit"] == CURRENT


@pytest.mark.parametrize("version", EARLIER)
def test_a_line_changed_on_both_sides_ends_as_a_visible_conflict(
    template_repository: Path, tmp_path: Path, version: str
) -> None:
    """The user rewrites a line the template has changed since `version`: the update must
    show both sides with conflict markers, never silently keep one."""
    project = generate(template_repository, tmp_path / "project", version)
    fresh = tmp_path / "fresh"
    copier.run_copy(
        str(template_repository), fresh, vcs_ref=CURRENT, data={}, defaults=True, quiet=True
    )
    path, line = changed_line(project, fresh)
    user_line = "# The user's own version of this line."
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace(line, user_line, 1), encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "user rewrites a line")

    update(project)

    content = path.read_text(encoding="utf-8")
    assert CONFLICT_START in content, content
    assert user_line in content, content
    relative = str(path.relative_to(project))
    assert relative in git(project, "diff", "--name-only", "--diff-filter=U")


def changed_line(project: Path, fresh: Path) -> tuple[Path, str]:
    """A line that the template changed since the project was generated (present in the
    project, absent from a fresh copy of now)."""
    for name in ("Makefile", "README.md", "Cargo.toml", "bindings/python/pyproject.toml"):
        new_lines = set((fresh / name).read_text(encoding="utf-8").splitlines())
        for line in (project / name).read_text(encoding="utf-8").splitlines():
            if len(line.strip()) > 10 and line not in new_lines:
                return project / name, line
    pytest.fail("the template changed none of the lines looked at")


def test_python_min_3_9_is_moved_to_3_10_without_trust(
    template_repository: Path, tmp_path: Path
) -> None:
    """0.2.0 offered (and defaulted to) Python 3.9; it is no longer a choice."""
    project = generate(template_repository, tmp_path / "project", "0.2.0", targets=["python"])
    assert answers_of(project)["python_min"] == "3.9"
    update(project)
    assert answers_of(project)["python_min"] == "3.10"
    pyproject = (project / "bindings" / "python" / "pyproject.toml").read_text()
    assert 'requires-python = ">=3.10"' in pyproject
    assert '"abi3-py310"' in (project / "bindings" / "python" / "Cargo.toml").read_text()


# --- Changing answers during an update ------------------------------------------------------


def test_an_update_can_add_a_target(template_repository: Path, tmp_path: Path) -> None:
    project = generate(template_repository, tmp_path / "project", CURRENT, targets=["python"])
    assert not (project / "bindings" / "javascript").exists()

    update(project, targets=["python", "node"])

    assert (project / "bindings" / "javascript" / "package.json").is_file()
    assert (project / "bindings" / "javascript" / "tests" / "import.test.mjs").is_file()
    assert '"bindings/javascript"' in (project / "Cargo.toml").read_text()
    assert answers_of(project)["targets"] == ["python", "node"]


def test_an_update_can_remove_a_target(template_repository: Path, tmp_path: Path) -> None:
    project = generate(
        template_repository, tmp_path / "project", CURRENT, targets=["python", "node"]
    )
    update(project, targets=["node"])

    # Copier removes the files a target no longer renders, but keeps symbolic links
    # (bindings/python/LICENSE-* point at the workspace's licences); the message after
    # the update says to delete what is left of the folder.
    left = [p for p in (project / "bindings" / "python").rglob("*") if not p.is_symlink()]
    assert not left, left
    assert '"bindings/python"' not in (project / "Cargo.toml").read_text()
    assert (project / "bindings" / "javascript" / "package.json").is_file()
    assert answers_of(project)["targets"] == ["node"]


def test_an_update_can_add_the_native_addon(template_repository: Path, tmp_path: Path) -> None:
    project = generate(template_repository, tmp_path / "project", CURRENT, targets=["node"])
    update(project, targets=["node", "node-native"])

    assert (project / "bindings" / "node" / "src" / "lib.rs").is_file()
    assert (project / "bindings" / "javascript" / "js" / "native.js").is_file()
    assert '"bindings/node"' in (project / "Cargo.toml").read_text()
    assert 'name = "napi"' in (project / "Cargo.lock").read_text()
    assert answers_of(project)["targets"] == ["node", "node-native"]


def refused_pattern_update(project: Path, **answers: object) -> str:
    before = git(project, "rev-parse", "HEAD"), tracked_files(project)
    with pytest.raises(ValueError, match="question 'pattern'") as caught:
        update(project, **answers)
    assert (git(project, "rev-parse", "HEAD"), tracked_files(project)) == before
    assert not git(project, "status", "--porcelain"), "a refused update changes nothing"
    return str(caught.value)


@pytest.mark.parametrize("other", PATTERNS[1:])
def test_switching_pattern_on_update_is_refused_clearly(
    template_repository: Path, tmp_path: Path, other: str
) -> None:
    project = generate(template_repository, tmp_path / "project", CURRENT, pattern=PATTERNS[0])
    message = refused_pattern_update(project, pattern=other)
    assert f'generated with the "{PATTERNS[0]}" pattern' in message
    assert f'generate a new project with "{other}"' in message


def test_the_pattern_check_compares_with_the_answers_file_during_updates_only() -> None:
    """The validator on `pattern`, rendered as Copier renders it: in the real project
    during an update (overwrite on), in a fresh copy, in Copier's temporary copies."""
    validator = jinja_environment().from_string(QUESTIONS["pattern"]["validator"])

    def message(overwrite: bool, destination: str, before: str | None) -> str:
        previous = {"pattern": before} if before else {}
        return validator.render(
            pattern="shared-core",
            _copier_conf={"overwrite": overwrite, "dst_path": destination},
            _external_data={"previous": previous},
        ).strip()

    assert 'generated with the "core-library" pattern' in message(True, "/p", "core-library")
    assert not message(True, "/p", "shared-core")
    assert not message(True, "/p", None)
    assert not message(False, "/p", "core-library"), "a copy has no previous answer"
    assert not message(True, "/tmp/copier._main.old_copy.x", "core-library")


def test_keeping_the_pattern_updates_without_warnings(
    template_repository: Path, tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    project = generate(template_repository, tmp_path / "project", "0.2.0")
    update(project)
    assert answers_of(project)["pattern"] == PATTERNS[0]
    assert not [w for w in recwarn if "File not found" in str(w.message)]


def test_a_fresh_copy_does_not_read_a_previous_answers_file(
    template_repository: Path, tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    copier.run_copy(str(template_repository), tmp_path / "p", defaults=True, quiet=True)
    assert not [w for w in recwarn if "File not found" in str(w.message)]


# --- Build tier: the updated project still works ------------------------------------------


@pytest.mark.build
def test_a_project_updated_from_the_oldest_version_passes_make_test(
    template_repository: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    # A crate name of its own: cargo gives crates of the same name and version the same
    # artifact names in a shared target dir, and other projects there are called my_library.
    project = generate(
        template_repository,
        tmp_path / "project",
        EARLIER[-1],
        project_name="Long Run",
        targets=["python", "node"],
    )
    make_user_edits(project)
    update(project)
    assert not git(project, "diff", "--name-only", "--diff-filter=U")
    # 0.2.0 added `__all__` to the stub and stubtest to the tests: the new check asks the
    # user to list their function there, the one follow-up edit this update needs.
    stub = project / "bindings" / "python" / "python" / "long_run" / "_native.pyi"
    assert list_in_stub(stub)
    result = run(["make", "test"], cwd=project, env=build_env(cargo_target_dir))
    assert "double_saturates" in result.stdout + result.stderr


@pytest.mark.build
def test_a_project_still_builds_after_adding_then_removing_a_target(
    template_repository: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    project = generate(
        template_repository,
        tmp_path / "project",
        CURRENT,
        project_name="Target Swap",  # a crate name of its own in the shared target dir
        targets=["python"],
    )
    env = build_env(cargo_target_dir)

    def cargo_build() -> None:
        run(["cargo", "build", "--workspace", "--all-targets"], cwd=project, env=env)

    update(project, targets=["python", "node"])
    cargo_build()
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "node added")
    update(project, targets=["node"])
    cargo_build()
    metadata = run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=project, env=env
    ).stdout
    assert '"name":"target_swap_wasm"' in metadata.replace(" ", "")
    assert '"name":"target_swap_py"' not in metadata.replace(" ", "")


def test_the_answers_file_records_what_an_update_needs(
    template_repository: Path, tmp_path: Path
) -> None:
    project = generate(template_repository, tmp_path / "project", CURRENT)
    answers = answers_of(project)
    assert answers["_commit"] == CURRENT
    assert answers["_src_path"] == str(template_repository)
