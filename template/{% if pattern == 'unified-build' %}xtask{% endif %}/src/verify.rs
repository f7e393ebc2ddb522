//! `cargo xtask verify`: the release check. Opens every artifact in `dist/` and
//! fails unless the version inside each one, and `version()` at run time, is the
//! workspace version, and unless dist/SHA256SUMS matches the files.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;

use crate::Result;
use crate::dist::{artifact_names, checksums, recorded_checksums};
use crate::project::{Project, output, tool};

pub fn run(project: &Project) -> Result {
    let expected = project.version.to_string();
    let mut report = Report {
        expected: &expected,
        problems: Vec::new(),
    };

    let names = artifact_names(project)?;
    if names.is_empty() {
        return Err("dist/ is empty: run `cargo xtask dist` first".to_owned());
    }
    let scratch = Scratch::new()?;
    for name in &names {
        let path = project.dist().join(name);
        if has_extension(name, "crate") {
            report.check(name, crate_version(&path));
        } else if has_extension(name, "whl") {
            report.check(name, wheel_version(&path));
            match python_runtime_version(&path, &scratch.0) {
                Ok(Some(found)) => report.check(&format!("{name}: version() in Python"), Ok(found)),
                Ok(None) => println!("xtask: skip  {name}: not installable on this machine"),
                Err(error) => report.check(&format!("{name}: version() in Python"), Err(error)),
            }
        } else if has_extension(name, "gz") {
            report.check(name, sdist_version(&path));
        } else if has_extension(name, "tgz") {
            report.check(name, npm_version(&path));
            match node_runtime_version(&path, &scratch.0) {
                Ok(Some(found)) => {
                    report.check(&format!("{name}: version() in Node.js"), Ok(found));
                }
                Ok(None) => println!("xtask: skip  {name}: the package has no entry Node.js runs"),
                Err(error) => report.check(&format!("{name}: version() in Node.js"), Err(error)),
            }
        } else {
            report.problems.push(format!(
                "dist/{name} is not an artifact of this project: remove it"
            ));
        }
    }
    match recorded_checksums(project) {
        Ok(recorded) if recorded == checksums(project)? => println!("xtask: ok    SHA256SUMS"),
        Ok(_) => report.problems.push(
            "dist/SHA256SUMS does not match the files: rebuild with `cargo xtask dist`".to_owned(),
        ),
        Err(error) => report.problems.push(error),
    }

    if report.problems.is_empty() {
        println!("xtask: every artifact in dist/ is version {expected}");
        Ok(())
    } else {
        Err(report.problems.join("\nerror: "))
    }
}

/// Whether `name` ends with `.extension`, in any case.
fn has_extension(name: &str, extension: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|found| found.eq_ignore_ascii_case(extension))
}

/// What the check found: a line per artifact, the problems collected.
struct Report<'a> {
    expected: &'a str,
    problems: Vec<String>,
}

impl Report<'_> {
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

/// The text of the first entry of a .tar.gz whose path ends with `suffix`.
fn tar_entry(archive: &Path, suffix: &str) -> Result<String> {
    let file = File::open(archive).map_err(|error| format!("cannot open: {error}"))?;
    let mut tar = tar::Archive::new(GzDecoder::new(file));
    let entries = tar
        .entries()
        .map_err(|error| format!("not a .tar.gz: {error}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|error| format!("damaged archive: {error}"))?;
        let path = entry
            .path()
            .map_err(|error| format!("damaged archive: {error}"))?;
        if path.to_string_lossy().ends_with(suffix) {
            let mut text = String::new();
            entry
                .read_to_string(&mut text)
                .map_err(|error| format!("cannot read {suffix}: {error}"))?;
            return Ok(text);
        }
    }
    Err(format!("has no {suffix}"))
}

/// `Version: X` from core metadata (PKG-INFO, METADATA).
fn metadata_version(text: &str) -> Result<String> {
    text.lines()
        .find_map(|line| line.strip_prefix("Version: "))
        .map(|version| version.trim().to_owned())
        .ok_or_else(|| "its metadata has no Version field".to_owned())
}

fn crate_version(path: &Path) -> Result<String> {
    // The .crate holds the normalised Cargo.toml, with the version written out.
    let manifest: toml_edit::DocumentMut = tar_entry(path, "/Cargo.toml")?
        .parse()
        .map_err(|error| format!("its Cargo.toml is not TOML: {error}"))?;
    manifest["package"]["version"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "its Cargo.toml has no package.version".to_owned())
}

fn sdist_version(path: &Path) -> Result<String> {
    metadata_version(&tar_entry(path, "/PKG-INFO")?)
}

fn npm_version(path: &Path) -> Result<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&tar_entry(path, "package/package.json")?)
            .map_err(|error| format!("its package.json is not JSON: {error}"))?;
    manifest["version"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "its package.json has no version".to_owned())
}

fn wheel_entries(path: &Path) -> Result<zip::ZipArchive<File>> {
    let file = File::open(path).map_err(|error| format!("cannot open: {error}"))?;
    zip::ZipArchive::new(file).map_err(|error| format!("not a wheel (zip): {error}"))
}

fn wheel_version(path: &Path) -> Result<String> {
    let mut wheel = wheel_entries(path)?;
    let name = wheel
        .file_names()
        .filter_map(std::result::Result::ok)
        .find(|name| name.ends_with(".dist-info/METADATA"))
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| "has no .dist-info/METADATA".to_owned())?;
    let mut text = String::new();
    wheel
        .by_name(&name)
        .map_err(|error| format!("cannot read {name}: {error}"))?
        .read_to_string(&mut text)
        .map_err(|error| format!("cannot read {name}: {error}"))?;
    metadata_version(&text)
}

/// Installs the wheel into a fresh virtual environment and asks it for `version()`.
/// `None` when the wheel is for another platform.
fn python_runtime_version(wheel: &Path, scratch: &Path) -> Result<Option<String>> {
    let package = wheel_entries(wheel)?
        .file_names()
        .filter_map(std::result::Result::ok)
        .filter_map(|name| name.split('/').next().map(str::to_owned))
        .find(|top| !has_extension(top, "dist-info") && !has_extension(top, "data"))
        .ok_or_else(|| "the wheel has no importable package".to_owned())?;
    let venv = scratch.join("venv");
    output(
        scratch,
        &tool("PYTHON", "python3"),
        &["-m", "venv", &venv.to_string_lossy()],
    )?;
    let python = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let python = python.to_string_lossy();
    let wheel = wheel.to_string_lossy();
    if let Err(error) = output(
        scratch,
        &python,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            &wheel,
        ],
    ) {
        return if error.contains("is not a supported wheel") {
            Ok(None)
        } else {
            Err(error)
        };
    }
    let script = format!("import {package}; print({package}.version())");
    output(scratch, &python, &["-c", &script]).map(Some)
}

/// Unpacks the npm tarball as an installed dependency and asks it for `version()`
/// in Node.js, initialised from the package's own .wasm. `None` when the package
/// has no entry that Node.js can load (a Deno- or Workers-only package).
fn node_runtime_version(tarball: &Path, scratch: &Path) -> Result<Option<String>> {
    let manifest: serde_json::Value =
        serde_json::from_str(&tar_entry(tarball, "package/package.json")?)
            .map_err(|error| format!("its package.json is not JSON: {error}"))?;
    let name = manifest["name"]
        .as_str()
        .ok_or("its package.json has no name")?;
    let conditions = &manifest["exports"]["."];
    let condition = if conditions.get("node").is_some() {
        "node"
    } else if conditions.get("browser").is_some() {
        "browser"
    } else {
        return Ok(None);
    };

    let installed = scratch.join("node_modules").join(name);
    let file = File::open(tarball).map_err(|error| format!("cannot open: {error}"))?;
    let mut archive = tar::Archive::new(GzDecoder::new(file));
    let entries = archive
        .entries()
        .map_err(|error| format!("not a .tgz: {error}"))?;
    let mut wasm = None;
    for entry in entries {
        let mut entry = entry.map_err(|error| format!("damaged archive: {error}"))?;
        let path = entry
            .path()
            .map_err(|error| format!("damaged archive: {error}"))?
            .into_owned();
        let Ok(relative) = path.strip_prefix("package") else {
            continue;
        };
        let target = installed.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|error| format!("cannot unpack: {error}"))?;
        }
        entry
            .unpack(&target)
            .map_err(|error| format!("cannot unpack: {error}"))?;
        if target
            .extension()
            .is_some_and(|extension| extension == "wasm")
        {
            wasm = Some(target);
        }
    }
    let wasm = wasm.ok_or("the package ships no .wasm file")?;
    let script = "const { readFileSync } = await import('node:fs');\n\
                  const library = await import(process.env.XTASK_PACKAGE);\n\
                  if (typeof library.init === 'function') await library.init(readFileSync(process.env.XTASK_WASM));\n\
                  console.log(library.version());";
    let node = tool("NODE", "node");
    let found = std::process::Command::new(&node)
        .args([
            "--input-type=module",
            &format!("--conditions={condition}"),
            "-e",
            script,
        ])
        .env("XTASK_PACKAGE", name)
        .env("XTASK_WASM", &wasm)
        .current_dir(scratch)
        .output()
        .map_err(|error| format!("could not run {node}: {error} (is it installed?)"))?;
    if found.status.success() {
        Ok(Some(
            String::from_utf8_lossy(&found.stdout).trim().to_owned(),
        ))
    } else {
        Err(format!(
            "node failed: {}",
            String::from_utf8_lossy(&found.stderr).trim()
        ))
    }
}
