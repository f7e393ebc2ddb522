//! `cargo xtask bump VERSION`: the one version, stamped into every manifest.
//!
//! The version lives in `[workspace.package]` of Cargo.toml; every crate inherits
//! it, and each package that cannot inherit it gets a copy (`Package::stamp`).

use cargo_metadata::semver::Version;
use toml_edit::{DocumentMut, value};

use crate::project::{Project, read, run_tool, tool, write};
use crate::{Package, Result};

pub fn run(project: &Project, packages: &[Box<dyn Package>], version: &str) -> Result {
    let version = Version::parse(version.trim_start_matches('v')).map_err(|error| {
        format!("\"{version}\" is not a semantic version ({error}): type one such as 1.2.3")
    })?;
    let manifest = project.root.join("Cargo.toml");
    let mut document: DocumentMut = read(&manifest)?
        .parse()
        .map_err(|error| format!("Cargo.toml is not valid TOML: {error}"))?;
    document["workspace"]["package"]["version"] = value(version.to_string());
    write(&manifest, document.to_string().as_bytes())?;
    println!("xtask: Cargo.toml [workspace.package] version = \"{version}\"");
    for package in packages {
        package.stamp(project, &version)?;
    }
    // Cargo.lock records each crate's version too: bring the workspace's own entries
    // in line (nothing else changes), so that a `--locked` build of the commit passes.
    run_tool(
        &project.root,
        &tool("CARGO", "cargo"),
        &["update", "--workspace"],
    )?;
    println!("xtask: now {version} everywhere; `cargo xtask dist` builds it");
    Ok(())
}
