//! `cargo xtask verify`: the release check. Opens every artifact in `dist/` and
//! fails unless the version inside each one, and `version()` at run time, is the
//! workspace version, and unless dist/SHA256SUMS matches the files.

use std::fs;
use std::path::PathBuf;

use crate::dist::{CHECKSUMS, artifact_names, checksums};
use crate::project::{Project, read};
use crate::{Package, Result};

pub fn run(project: &Project, packages: &[Box<dyn Package>]) -> Result {
    let mut report = Report {
        expected: project.version.to_string(),
        problems: Vec::new(),
    };
    let names = artifact_names(project)?;
    if names.is_empty() {
        return Err("dist/ is empty: run `cargo xtask dist` first".to_owned());
    }
    for name in &names {
        let path = project.dist().join(name);
        let Some(package) = packages.iter().find(|package| package.owns(name)) else {
            report.problems.push(format!(
                "dist/{name} is not an artifact of this project: remove it"
            ));
            continue;
        };
        report.check(name, package.version_inside(&path));
        let scratch = Scratch::new()?;
        match package.version_at_run_time(&path, &scratch.0) {
            Ok(Some(found)) => report.check(&format!("{name}: version() at run time"), Ok(found)),
            Ok(None) => {}
            Err(error) => report.check(&format!("{name}: version() at run time"), Err(error)),
        }
    }
    match read(&project.dist().join(CHECKSUMS)) {
        Ok(recorded) if recorded == checksums(project)? => println!("xtask: ok    {CHECKSUMS}"),
        Ok(_) => report.problems.push(format!(
            "dist/{CHECKSUMS} does not match the files: rebuild with `cargo xtask dist`"
        )),
        Err(error) => report.problems.push(error),
    }
    if report.problems.is_empty() {
        println!(
            "xtask: every artifact in dist/ is version {}",
            report.expected
        );
        Ok(())
    } else {
        Err(report.problems.join("\nerror: "))
    }
}

/// What the check found: a line per artifact, the problems collected.
struct Report {
    expected: String,
    problems: Vec<String>,
}

impl Report {
    fn check(&mut self, what: &str, found: Result<String>) {
        match found {
            Ok(found) if found == self.expected => println!("xtask: ok    {what}: {found}"),
            Ok(found) => self
                .problems
                .push(format!("{what} has version {found}, not {}", self.expected)),
            Err(error) => self.problems.push(format!("{what}: {error}")),
        }
    }
}

/// A temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self> {
        let path = std::env::temp_dir().join(format!("xtask-verify-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path)
            .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
        Ok(Self(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
