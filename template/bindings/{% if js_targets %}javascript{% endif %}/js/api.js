// The public API, the same in every runtime, and the source of the package's type
// declarations (`npm run build` emits them from these JSDoc comments with tsc).
// Each function checks its arguments and hands the wasm-bindgen export to `call`,
// which makes sure the WebAssembly instance exists and translates errors;
// everything else happens in Rust.

import * as bindings from "./wasm/bindings.js";
import { Handle, call, init, initSync } from "./runtime.js";

export * from "./errors.js";
export { init, initSync };
export default init;

/**
 * Greets `name` in `language` (an ISO 639-1 code: "en", "de", "es", "fr", "pt").
 * @param {string} name
 * @param {string} [language]
 * @returns {string}
 * @throws {import("./errors.js").EmptyNameError} when `name` is empty or only whitespace
 * @throws {import("./errors.js").UnsupportedLanguageError} when no greeting is known for `language`
 */
export function greet(name, language = "en") {
  expectString(name, "name");
  expectString(language, "language");
  return call(() => bindings.greet(name, language));
}

/**
 * The IEEE CRC-32 of `data`, equal to `zlib.crc32(data)` in Node.
 * @param {Uint8Array | ArrayBufferView | ArrayBuffer} data
 * @returns {number}
 */
export function crc32(data) {
  const bytes = asBytes(data);
  return call(() => bindings.crc32(bytes));
}

/**
 * The version of this npm package.
 * @returns {string}
 */
export function version() {
  return call(() => bindings.version());
}

/**
 * The version of the Rust core that this package was built with.
 * @returns {string}
 */
export function coreVersion() {
  return call(() => bindings.coreVersion());
}

/** Counts words across any number of texts, case-insensitively. */
export class WordCounter {
  /** @type {Handle<bindings.WordCounter>} */
  #handle = new Handle("WordCounter", () => new bindings.WordCounter());

  /**
   * Adds every word of `text`.
   * @param {string} text
   */
  add(text) {
    expectString(text, "text");
    this.#handle.call((inner) => inner.add(text));
  }

  /**
   * How often `word` was seen; 0 for an unknown word.
   * @param {string} word
   * @returns {number}
   */
  count(word) {
    expectString(word, "word");
    return this.#handle.call((inner) => inner.count(word));
  }

  /**
   * How many words were added in all.
   * @returns {number}
   */
  get total() {
    return this.#handle.call((inner) => inner.total);
  }

  /**
   * The `n` most frequent words with their counts, most frequent first.
   * @param {number} n
   * @returns {Array<[word: string, count: number]>}
   */
  mostCommon(n) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`n must be a non-negative integer, got ${n}`);
    }
    return this.#handle.call((inner) =>
      inner.mostCommon(n).map((entry) => {
        /** @type {[string, number]} */
        const pair = [entry.word, entry.count];
        entry.free();
        return pair;
      }),
    );
  }

  /** Releases the Rust memory now instead of when the object is garbage-collected. */
  free() {
    this.#handle.free();
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {asserts value is string}
 */
function expectString(value, name) {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be a string, got ${typeof value}`);
  }
}

/**
 * @param {unknown} data
 * @returns {Uint8Array}
 */
function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError(`data must be a Uint8Array, got ${Object.prototype.toString.call(data)}`);
}
