"""Only what the user chose: a single-target project carries no word of the ecosystems
it left out, in any file name, any file or the message printed after `copier copy`; a
project without node-native, no word of the native addon."""

from __future__ import annotations

import re
from pathlib import Path

import copier
import pytest

from conftest import JS_TARGETS, variants

# Case-insensitive; a word boundary where the bare letters also occur in other words.
FOREIGN_WORDS = {
    "JavaScript": re.compile(
        r"javascript|typescript|\bnpm\b|wasm|webassembly|\bnode(?:\.?js)?\b|\bdeno\b|\bbun\b",
        re.IGNORECASE,
    ),
    "Python": re.compile(
        r"python|pyo3|maturin|\bwheels?\b|\bpip\b|\bpypi\b|pytest|\bruff\b|mypy", re.IGNORECASE
    ),
    "Cloudflare Workers": re.compile(
        r"\bworkers?\b|workerd|wrangler|miniflare|cloudflare", re.IGNORECASE
    ),
    "the native addon": re.compile(
        r"napi|node-native|native addon|bindings/node|_BACKEND\b|\bbackend\b(?! *=)",
        re.IGNORECASE,
    ),
}


# Not checked: .copier-answers.yml records every question Copier asked, by its key
# (python_package, npm_package, ...), whatever the targets; the lockfiles list every
# package the dependencies need on any platform, named by their authors (a date
# library of the Python stub generator depends on wasm-bindgen for wasm32).
NOT_CHECKED = {".git", ".copier-answers.yml", "Cargo.lock", "package-lock.json"}


def left_out(targets: set[str]) -> list[str]:
    """The ecosystems of FOREIGN_WORDS that `targets` does not include."""
    return [
        name
        for name, chosen in (
            ("JavaScript", bool(targets & set(JS_TARGETS))),
            ("Python", "python" in targets),
            ("Cloudflare Workers", "cloudflare-workers" in targets),
            ("the native addon", "node-native" in targets),
        )
        if not chosen
    ]


def mentions(project: Path, message: str, ecosystems: list[str]) -> list[str]:
    """Every mention of `ecosystems` in the project's file names and text files and in
    the after-copy `message`, as "where: word" lines."""
    texts = {"after-copy message": message} if message else {}
    for path in sorted(project.rglob("*")):
        if not path.is_file() or NOT_CHECKED & set(path.relative_to(project).parts):
            continue
        name = str(path.relative_to(project))
        texts[f"{name} (file name)"] = name
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
    found = []
    for where, text in texts.items():
        for ecosystem in ecosystems:
            for number, line in enumerate(text.splitlines(), start=1):
                for match in FOREIGN_WORDS[ecosystem].finditer(line):
                    found.append(f"{where}:{number}: {match.group()!r} ({ecosystem})")
    return found


def generate(template: Path, destination: Path, capfd, **answers) -> tuple[Path, str]:
    """`copier copy --defaults` with `answers`; returns the project and what Copier printed
    after copying."""
    capfd.readouterr()
    copier.run_copy(str(template), destination, data=answers, defaults=True, quiet=False)
    printed = capfd.readouterr()
    # The destination is pytest's temporary folder, whose name is no word of the project.
    return destination, (printed.out + printed.err).replace(str(destination), "DESTINATION")


SINGLE_TARGET_VARIANTS = [param for param in variants() if len(param.values[0][1]) == 1]
# The description is the user's own sentence, repeated wherever a manifest wants one.
NEUTRAL_DESCRIPTION = "Greets people and counts words."


@pytest.mark.parametrize("variant", SINGLE_TARGET_VARIANTS)
def test_a_single_target_project_never_mentions_the_ecosystems_left_out(
    variant: tuple[str, list[str]], copier_template: Path, tmp_path: Path, capfd
) -> None:
    pattern, targets = variant
    project, message = generate(
        copier_template,
        tmp_path / "project",
        capfd,
        pattern=pattern,
        targets=targets,
        description=NEUTRAL_DESCRIPTION,
    )
    found = mentions(project, message, left_out(set(targets)))
    assert not found, "\n".join(found)


def test_the_word_check_finds_a_planted_word(copier_template: Path, tmp_path: Path, capfd) -> None:
    """Negative control: a JavaScript word planted in a Python-only project is found."""
    project, message = generate(copier_template, tmp_path / "project", capfd, targets=["python"])
    with (project / "core" / "src" / "lib.rs").open("a", encoding="utf-8") as source:
        source.write("// Also available as an npm package.\n")
    found = mentions(project, message, left_out({"python"}))
    assert any(line.startswith("core/src/lib.rs:") and "'npm'" in line for line in found), found


def test_a_project_without_node_native_never_mentions_the_native_addon(
    copier_template: Path, tmp_path: Path, capfd
) -> None:
    """The default targets: every runtime of the npm package, but not its native addon."""
    project, message = generate(
        copier_template, tmp_path / "project", capfd, description=NEUTRAL_DESCRIPTION
    )
    found = mentions(project, message, ["the native addon"])
    assert not found, "\n".join(found)


def test_the_native_addon_check_finds_the_addon(copier_template: Path, tmp_path: Path, capfd):
    """Negative control: a project with node-native mentions it."""
    targets = ["node", "node-native"]
    project, message = generate(copier_template, tmp_path / "project", capfd, targets=targets)
    assert mentions(project, message, ["the native addon"])
