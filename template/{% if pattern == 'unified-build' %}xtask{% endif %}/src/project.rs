//! The project as the commands see it: where things are, the one version, and the
//! small helpers every command uses to run tools and touch files.

use std::path::{Path, PathBuf};
use std::process::Command;

use cargo_metadata::camino::Utf8PathBuf;
use cargo_metadata::semver::Version;
use cargo_metadata::{MetadataCommand, Package};

use crate::Result;

pub struct Project {
    /// The workspace root, where Cargo.toml and dist/ live.
    pub root: PathBuf,
    /// Cargo's target directory (honours `CARGO_TARGET_DIR`).
    pub target_dir: Utf8PathBuf,
    /// The one version of every artifact: `[workspace.package] version`.
    pub version: Version,
    /// The core crate (`core/`), published to crates.io.
    pub core: Package,
}

impl Project {
    pub fn load() -> Result<Self> {
        let metadata = MetadataCommand::new()
            .no_deps()
            .exec()
            .map_err(|error| format!("`cargo metadata` failed: {error}"))?;
        let core_manifest = metadata.workspace_root.join("core").join("Cargo.toml");
        let core = metadata
            .workspace_packages()
            .into_iter()
            .find(|package| package.manifest_path == core_manifest)
            .cloned()
            .ok_or_else(|| format!("no workspace package has the manifest {core_manifest}"))?;
        // Every crate inherits `version.workspace = true`; a crate that does not
        // would ship a second version, so it is refused here.
        for package in metadata.workspace_packages() {
            if package.version != core.version {
                return Err(format!(
                    "{} has version {} but the workspace version is {}: write \
                     `version.workspace = true` in {}",
                    package.name, package.version, core.version, package.manifest_path
                ));
            }
        }
        Ok(Self {
            root: metadata.workspace_root.clone().into_std_path_buf(),
            target_dir: metadata.target_directory.clone(),
            version: core.version.clone(),
            core,
        })
    }

    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }
}

/// The program named by the environment variable `variable`, or `default`.
pub fn tool(variable: &str, default: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| default.to_owned())
}

/// Runs `program` with `args` in `folder`, its output shown, failing with the command.
pub fn run_tool(folder: &Path, program: &str, args: &[&str]) -> Result {
    println!("xtask: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(folder)
        .status()
        .map_err(|error| format!("could not run {program}: {error} (is it installed?)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Runs `command` and returns what it printed, trimmed; fails with what it said.
pub fn output(mut command: Command) -> Result<String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command
        .output()
        .map_err(|error| format!("could not run {program}: {error} (is it installed?)"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    } else {
        Err(format!(
            "{program} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

pub fn write(path: &Path, contents: &[u8]) -> Result {
    std::fs::write(path, contents)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// Whether `name` ends with `.extension`, in any case.
pub fn has_extension(name: &str, extension: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|found| found.eq_ignore_ascii_case(extension))
}
