//! The core crate, as `cargo publish` uploads it to crates.io.

use std::fs;
use std::path::Path;

use crate::project::{Project, has_extension, run_tool, tool};
use crate::{Package, Result, archive};

pub struct Core;

impl Package for Core {
    fn build(&self, project: &Project, dist: &Path) -> Result {
        // `cargo package` also builds the crate from the packaged files, which
        // catches a file missing from the package before crates.io would.
        let name = project.core.name.as_str();
        run_tool(
            &project.root,
            &tool("CARGO", "cargo"),
            &["package", "--package", name, "--allow-dirty"],
        )?;
        let file = format!("{name}-{}.crate", project.version);
        let packaged = project.target_dir.join("package").join(&file);
        fs::copy(&packaged, dist.join(&file))
            .map_err(|error| format!("cannot copy {packaged}: {error}"))?;
        Ok(())
    }

    fn owns(&self, file: &str) -> bool {
        has_extension(file, "crate")
    }

    fn version_inside(&self, artifact: &Path) -> Result<String> {
        // The .crate holds the normalised Cargo.toml, with the version written out.
        let manifest: toml_edit::DocumentMut =
            archive::text_of(artifact, "/Cargo.toml")?
                .parse()
                .map_err(|error| format!("its Cargo.toml is not TOML: {error}"))?;
        manifest["package"]["version"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "its Cargo.toml has no package.version".to_owned())
    }
}
