//! The floor for the binding layer in `bench/bench.py`: functions with the same
//! signatures as the API's, calling the core with nothing in between. Built only
//! with the `bench` feature, into the same extension module as the API, so that the
//! benchmark compares the two under the same conditions.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::library;

/// `greet`, with a plain `ValueError` instead of the API's error classes.
#[pyfunction]
#[pyo3(signature = (name, language = "en"))]
fn greet(name: &str, language: &str) -> PyResult<String> {
    library::greet(name, language).map_err(|error| PyValueError::new_err(error.to_string()))
}

/// `version`, as the API has it.
#[pyfunction]
const fn version() -> &'static str {
    library::version()
}

/// `_native._bench`: the bare functions.
#[pymodule(submodule)]
pub mod _bench {
    #[pymodule_export]
    use super::{greet, version};
}
