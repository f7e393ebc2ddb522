//! The build orchestrator of a unified-build project: `cargo xtask <command>`.
//!
//! One version, held in `[workspace.package]` of the workspace's Cargo.toml, is
//! stamped into every manifest; one command builds every artifact into `dist/`;
//! one check opens each artifact and refuses a release whose versions disagree.
//! Nothing here knows the library's names: they come from `cargo metadata` and
//! from the manifests of the bindings that exist.

mod bump;
mod dist;
mod project;
mod verify;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  dist             build every artifact into dist/ (the core .crate, the wheel and
                   sdist, the npm tarball) and write dist/SHA256SUMS
  verify           open each artifact in dist/ and fail unless every version inside
                   (and `version()` at run time) is the workspace version
  bump VERSION     stamp VERSION into Cargo.toml and bindings/javascript/package.json

environment: MATURIN, PYTHON, NPM, NODE name the tools (default: found on PATH)";

/// What a command reports when it fails: a message for the user, never a panic.
type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["dist"] => project::Project::load().and_then(|project| dist::run(&project)),
        ["verify"] => project::Project::load().and_then(|project| verify::run(&project)),
        ["bump", version] => {
            project::Project::load().and_then(|project| bump::run(&project, version))
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::FAILURE
        }
    }
}
