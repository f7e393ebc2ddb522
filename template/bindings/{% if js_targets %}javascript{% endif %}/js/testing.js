// Test-only API, in the `testing` build only (`npm test` builds it into
// build/testing/ and appends `export * from "./testing.js"` to its api.js). It
// wraps the exports of the `testing` module of src/lib.rs the way api.js wraps the
// library's, so the tests of the machinery (initialisation, error translation,
// panic recovery) do not depend on the library's API. Never shipped.

import * as bindings from "./wasm/bindings.js";
import { Handle, adopt, call } from "./runtime.js";

/**
 * Makes the Rust code panic with `message`.
 * @param {string} message
 */
export function panicForTesting(message) {
  call(() => bindings.panicForTesting(message));
}

/**
 * Fails the way a library call fails with the core error `code`, whose data
 * `fields` (a plain object) the error should carry.
 * @param {string} code
 * @param {string} message
 * @param {object} [fields]
 */
export function failForTesting(code, message, fields) {
  call(() => bindings.failForTesting(code, message, fields));
}

/** An object in WebAssembly memory, to show what happens to objects after a panic. */
export class CounterForTesting {
  /** @type {Handle<bindings.CounterForTesting>} */
  #handle = new Handle("CounterForTesting", () => new bindings.CounterForTesting());

  /**
   * A counter at `count`, made by Rust's static named constructor and adopted.
   * @param {number} count
   * @returns {CounterForTesting}
   */
  static startingAt(count) {
    return adopt(CounterForTesting, () => bindings.CounterForTesting.startingAt(count));
  }

  /** @returns {number} the count after adding one */
  increment() {
    return this.#handle.call((inner) => inner.increment());
  }

  free() {
    this.#handle.free();
  }
}
