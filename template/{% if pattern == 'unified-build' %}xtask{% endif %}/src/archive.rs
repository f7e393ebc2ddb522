//! Reading files inside the gzipped tar archives that packages ship as.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use flate2::read::GzDecoder;

use crate::Result;

/// The entries of a `.tar.gz` (or `.tgz`, or `.crate`).
pub fn open(archive: &Path) -> Result<tar::Archive<GzDecoder<File>>> {
    let file = File::open(archive).map_err(|error| format!("cannot open: {error}"))?;
    Ok(tar::Archive::new(GzDecoder::new(file)))
}

/// The text of the first entry whose path ends with `suffix`.
pub fn text_of(archive: &Path, suffix: &str) -> Result<String> {
    let mut tar = open(archive)?;
    let entries = tar
        .entries()
        .map_err(|error| format!("not a gzipped tar: {error}"))?;
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
