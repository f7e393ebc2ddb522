//! `cargo xtask check-versions`: the version rule of a core-library project.
//!
//! The core (`core/`) is a library with its own version, published to crates.io
//! first; each binding has its own version and depends on the core by version,
//! with a path for local work. A binding whose requirement does not accept the
//! core's current version would build here against one core and be published
//! against another, so this check fails before anything is built.

use std::process::ExitCode;

use cargo_metadata::{Metadata, MetadataCommand, Package};

const USAGE: &str = "usage: cargo xtask check-versions

  check-versions   fail unless every binding's requirement on the core accepts
                   the core's version (core/Cargo.toml)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args != ["check-versions"] {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    match check_versions() {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn check_versions() -> Result<String, String> {
    // `--no-deps` reads the manifests without resolving them, so this still works
    // when a requirement is broken (that is when cargo itself cannot resolve).
    let metadata = MetadataCommand::new()
        .no_deps()
        .exec()
        .map_err(|error| format!("`cargo metadata` failed: {error}"))?;
    let core = core_package(&metadata)?;
    let core_manifest = relative(&metadata, core);

    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for package in metadata.workspace_packages() {
        let Some(dependency) = package.dependencies.iter().find(|d| d.name == *core.name) else {
            continue;
        };
        let manifest = relative(&metadata, package);
        if dependency.path.is_none() {
            problems.push(format!(
                "{manifest} depends on {name} by version only: add the path of \
                 core/ beside the version (`version = \"{version}\", path = \"...\"`), \
                 so that local builds use core/ and published ones the released core",
                name = core.name,
                version = core.version,
            ));
        } else if !dependency.req.matches(&core.version) {
            problems.push(format!(
                "{manifest} requires {name} {req}, which does not accept the core's \
                 version {version} ({core_manifest}): set the requirement in {manifest} \
                 to \"{version}\" (and bump that binding's own version), or keep the \
                 core at a version the requirement accepts",
                name = core.name,
                req = dependency.req,
                version = core.version,
            ));
        } else {
            checked.push(format!(
                "{} {} ({})",
                package.name, package.version, dependency.req
            ));
        }
    }
    if problems.is_empty() {
        Ok(format!(
            "check-versions: {} {} is accepted by {}",
            core.name,
            core.version,
            if checked.is_empty() {
                "no binding".to_owned()
            } else {
                checked.join(", ")
            }
        ))
    } else {
        Err(problems.join("\nerror: "))
    }
}

/// The core is the workspace package whose manifest is `core/Cargo.toml`.
fn core_package(metadata: &Metadata) -> Result<&Package, String> {
    let manifest = metadata.workspace_root.join("core").join("Cargo.toml");
    metadata
        .workspace_packages()
        .into_iter()
        .find(|package| package.manifest_path == manifest)
        .ok_or_else(|| format!("no workspace package has the manifest {manifest}"))
}

/// A manifest's path relative to the workspace root, as people write it.
fn relative(metadata: &Metadata, package: &Package) -> String {
    package
        .manifest_path
        .strip_prefix(&metadata.workspace_root)
        .map_or_else(
            |_| package.manifest_path.to_string(),
            |path| path.as_str().replace('\\', "/"),
        )
}
