//! `cargo xtask bump VERSION`: the one version, stamped into every manifest.
//!
//! The version lives in `[workspace.package]` of Cargo.toml; every crate inherits
//! it and maturin reads it for the wheel (`dynamic = ["version"]` in pyproject.toml).
//! package.json cannot inherit, so it gets a copy, and `check_stamped` refuses to
//! build while the copy differs.

use cargo_metadata::semver::Version;
use toml_edit::{DocumentMut, value};

use crate::Result;
use crate::project::{Project, read, write};

pub fn run(project: &Project, version: &str) -> Result {
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

    if let Some((path, mut package)) = project.npm_manifest()? {
        package["version"] = serde_json::Value::String(version.to_string());
        // The layout npm itself writes (JSON.stringify with two spaces).
        let mut text = serde_json::to_string_pretty(&package)
            .map_err(|error| format!("cannot write package.json: {error}"))?;
        text.push('\n');
        write(&path, text.as_bytes())?;
        println!("xtask: bindings/javascript/package.json \"version\": \"{version}\"");
    }
    if project.python.is_some() {
        println!("xtask: bindings/python/pyproject.toml reads the version from Cargo.toml");
    }
    println!("xtask: now {version} everywhere; `cargo xtask dist` builds it");
    Ok(())
}

/// Fails when a manifest that holds a copy of the version disagrees with Cargo.toml.
pub fn check_stamped(project: &Project) -> Result {
    if let Some((path, package)) = project.npm_manifest()? {
        let stamped = package["version"].as_str().unwrap_or_default();
        if stamped != project.version.to_string() {
            return Err(format!(
                "{} says version \"{stamped}\" but Cargo.toml says \"{}\": run \
                 `cargo xtask bump {}` to stamp one version everywhere",
                path.display(),
                project.version,
                project.version
            ));
        }
    }
    Ok(())
}
