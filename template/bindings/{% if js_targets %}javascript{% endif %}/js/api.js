// The public API, the same in every runtime. Each function makes sure the
// WebAssembly instance exists, calls the wasm-bindgen export and turns what it
// throws into this package's errors; everything else happens in Rust.

import * as bindings from "./wasm/bindings.js";
import {
  checkGeneration,
  currentGeneration,
  ensureReady,
  init,
  initSync,
  translateError,
} from "./runtime.js";

export * from "./errors.js";
export { init, initSync };
export default init;

/**
 * Greets `name` in `language` (an ISO 639-1 code such as "en" or "fr").
 * @param {string} name
 * @param {string} [language]
 * @returns {string}
 */
export function greet(name, language = "en") {
  expectString(name, "name");
  expectString(language, "language");
  ensureReady();
  try {
    return bindings.greet(name, language);
  } catch (error) {
    throw translateError(error);
  }
}

/**
 * The IEEE CRC-32 of `data`, equal to `zlib.crc32(data)` in Node.
 * @param {Uint8Array | ArrayBufferView | ArrayBuffer} data
 * @returns {number}
 */
export function crc32(data) {
  const bytes = asBytes(data);
  ensureReady();
  try {
    return bindings.crc32(bytes);
  } catch (error) {
    throw translateError(error);
  }
}

/**
 * The version of the library, the same string in every binding.
 * @returns {string}
 */
export function version() {
  ensureReady();
  try {
    return bindings.version();
  } catch (error) {
    throw translateError(error);
  }
}

/** Counts words across any number of texts, case-insensitively. */
export class WordCounter {
  #inner;
  #generation;

  constructor() {
    this.#generation = currentGeneration();
    try {
      this.#inner = new bindings.WordCounter();
    } catch (error) {
      throw translateError(error);
    }
  }

  /**
   * Adds every word of `text`.
   * @param {string} text
   */
  add(text) {
    expectString(text, "text");
    this.#call((inner) => inner.add(text));
  }

  /**
   * How often `word` was seen; 0 for an unknown word.
   * @param {string} word
   * @returns {number}
   */
  count(word) {
    expectString(word, "word");
    return this.#call((inner) => inner.count(word));
  }

  /** How many words were added in all. */
  get total() {
    return this.#call((inner) => inner.total);
  }

  /**
   * The `n` most frequent words with their counts, most frequent first.
   * @param {number} n
   * @returns {Array<[string, number]>}
   */
  mostCommon(n) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`n must be a non-negative integer, got ${n}`);
    }
    return this.#call((inner) =>
      inner.mostCommon(n).map((entry) => {
        const pair = [entry.word, entry.count];
        entry.free();
        return pair;
      }),
    );
  }

  /** Releases the Rust memory now instead of when the object is garbage-collected. */
  free() {
    if (this.#inner === undefined) return;
    if (this.#generation === currentGeneration()) this.#inner.free();
    this.#inner = undefined;
  }

  [Symbol.dispose]() {
    this.free();
  }

  #call(operation) {
    if (this.#inner === undefined) {
      throw new TypeError("this WordCounter was freed; create a new one");
    }
    checkGeneration(this.#generation, "WordCounter");
    try {
      return operation(this.#inner);
    } catch (error) {
      throw translateError(error);
    }
  }
}

function expectString(value, name) {
  if (typeof value !== "string") {
    throw new TypeError(`${name} must be a string, got ${typeof value}`);
  }
}

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new TypeError(`data must be a Uint8Array, got ${Object.prototype.toString.call(data)}`);
}
