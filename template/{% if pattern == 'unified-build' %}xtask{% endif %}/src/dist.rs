//! `cargo xtask dist`: every artifact of a release, built once, into `dist/`.

use std::fmt::Write as _;
use std::fs;

use sha2::{Digest, Sha256};

use crate::Result;
use crate::project::{Project, read, run_tool, tool, write};

pub fn run(project: &Project) -> Result {
    crate::bump::check_stamped(project)?;
    let dist = project.dist();
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|error| format!("cannot empty dist/: {error}"))?;
    }
    fs::create_dir_all(&dist).map_err(|error| format!("cannot create dist/: {error}"))?;
    let dist_arg = dist.to_string_lossy();

    // The core crate, exactly as `cargo publish` would upload it (and built from
    // the packaged sources, which catches files missing from the package).
    let cargo = tool("CARGO", "cargo");
    run_tool(
        &project.root,
        &cargo,
        &["package", "--package", &project.core.name, "--allow-dirty"],
    )?;
    let crate_file = format!("{}-{}.crate", project.core.name, project.version);
    let packaged = project.target_dir.join("package").join(&crate_file);
    fs::copy(&packaged, dist.join(&crate_file))
        .map_err(|error| format!("cannot copy {packaged}: {error}"))?;

    if let Some(python) = &project.python {
        let maturin = tool("MATURIN", "maturin");
        let manifest = python.join("Cargo.toml");
        let manifest = manifest.to_string_lossy();
        run_tool(
            &project.root,
            &maturin,
            &[
                "build",
                "--release",
                "--manifest-path",
                &manifest,
                "--out",
                &dist_arg,
            ],
        )?;
        run_tool(
            &project.root,
            &maturin,
            &["sdist", "--manifest-path", &manifest, "--out", &dist_arg],
        )?;
    }

    if let Some(javascript) = &project.javascript {
        let npm = tool("NPM", "npm");
        run_tool(javascript, &npm, &["run", "build"])?;
        run_tool(javascript, &npm, &["pack", "--pack-destination", &dist_arg])?;
    }

    let sums = checksums(project)?;
    write(&dist.join("SHA256SUMS"), sums.as_bytes())?;
    println!("xtask: dist/ holds version {}:\n{sums}", project.version);
    Ok(())
}

/// `sha256sum`-compatible lines for every artifact in dist/, sorted by name.
pub fn checksums(project: &Project) -> Result<String> {
    let mut names = artifact_names(project)?;
    names.sort();
    let mut sums = String::new();
    for name in names {
        let bytes = fs::read(project.dist().join(&name))
            .map_err(|error| format!("cannot read dist/{name}: {error}"))?;
        let digest = Sha256::digest(&bytes);
        let hex = digest.iter().fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        });
        let _ = writeln!(sums, "{hex}  {name}");
    }
    Ok(sums)
}

/// The file names in dist/, without the checksums file.
pub fn artifact_names(project: &Project) -> Result<Vec<String>> {
    let entries = fs::read_dir(project.dist())
        .map_err(|error| format!("cannot read dist/ ({error}): run `cargo xtask dist` first"))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot read dist/: {error}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "SHA256SUMS" {
            names.push(name);
        }
    }
    Ok(names)
}

/// The checksums file as written by `dist`.
pub fn recorded_checksums(project: &Project) -> Result<String> {
    read(&project.dist().join("SHA256SUMS"))
}
