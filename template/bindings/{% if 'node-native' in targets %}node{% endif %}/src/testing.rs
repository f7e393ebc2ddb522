// napi-rs converts a JavaScript string argument into a `String` (it has no `&str`
// conversion), so the exports take strings by value.
#![allow(clippy::needless_pass_by_value)]

use napi::bindgen_prelude::{Env, Object};
use napi_derive::napi;

/// Panics with `message`.
///
/// # Panics
///
/// Always: that is its purpose.
#[napi(catch_unwind)]
pub fn panic_for_testing(message: String) {
    panic!("{message}");
}

/// Fails with a core error of `code`, as a failing library call would, with
/// `fields` as its data.
///
/// # Errors
///
/// Always: that is its purpose.
#[napi(catch_unwind)]
pub fn fail_for_testing(
    env: Env,
    code: String,
    message: String,
    fields: Option<Object>,
) -> napi::Result<()> {
    Err(super::throw_core_error(env, &code, message, fields))
}

/// An object, for the tests of objects that the JavaScript wrapper adopts.
#[napi]
#[derive(Default)]
pub struct CounterForTesting {
    count: u32,
}

#[napi]
impl CounterForTesting {
    /// A counter at zero.
    #[napi(constructor)]
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// A counter at `count`: a static named constructor.
    #[napi(factory)]
    #[must_use]
    pub fn starting_at(count: u32) -> Self {
        Self { count }
    }

    /// Adds one and returns the new count.
    #[napi]
    pub fn increment(&mut self) -> u32 {
        self.count += 1;
        self.count
    }

    /// Nothing to release.
    #[napi]
    pub fn free(&self) {}
}
