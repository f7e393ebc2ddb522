//! `cargo xtask dist`: every artifact of a release, built once, into `dist/`, and
//! `cargo xtask checksums`: dist/SHA256SUMS for the files there (CI assembles dist/
//! from the artifacts of several machines, then writes the checksums).

use std::fmt::Write as _;
use std::fs;

use sha2::{Digest, Sha256};

use crate::project::{Project, read, write};
use crate::{Package, Result};

pub const CHECKSUMS: &str = "SHA256SUMS";

pub fn run(project: &Project, packages: &[Box<dyn Package>]) -> Result {
    for package in packages {
        package.check_stamped(project)?;
    }
    let dist = project.dist();
    if dist.exists() {
        fs::remove_dir_all(&dist).map_err(|error| format!("cannot empty dist/: {error}"))?;
    }
    fs::create_dir_all(&dist).map_err(|error| format!("cannot create dist/: {error}"))?;
    for package in packages {
        package.build(project, &dist)?;
    }
    write_checksums(project)?;
    println!(
        "xtask: dist/ holds version {}:\n{}",
        project.version,
        read(&dist.join(CHECKSUMS))?
    );
    Ok(())
}

pub fn write_checksums(project: &Project) -> Result {
    write(
        &project.dist().join(CHECKSUMS),
        checksums(project)?.as_bytes(),
    )
}

/// `sha256sum`-compatible lines for every artifact in dist/, sorted by name.
pub fn checksums(project: &Project) -> Result<String> {
    let mut names = artifact_names(project)?;
    names.sort();
    let mut sums = String::new();
    for name in names {
        let bytes = fs::read(project.dist().join(&name))
            .map_err(|error| format!("cannot read dist/{name}: {error}"))?;
        let hex = Sha256::digest(&bytes)
            .iter()
            .fold(String::new(), |mut hex, byte| {
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
        let name = entry
            .map_err(|error| format!("cannot read dist/: {error}"))?
            .file_name();
        let name = name.to_string_lossy().into_owned();
        if name != CHECKSUMS {
            names.push(name);
        }
    }
    Ok(names)
}
