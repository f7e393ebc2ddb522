// The recipes' API (RECIPES.md): the wasm-bindgen exports of src/recipes.rs,
// wrapped the way api.js wraps the sample's.

import * as bindings from "./wasm/bindings.js";
import { Level } from "./wasm/bindings.js";
import { Handle, adopt, call } from "./runtime.js";

// wasm-bindgen's enum as it is: a frozen object of numbers, and a TypeScript enum
// type that a user imports by name from the package.
export { Level };

/**
 * The numbers of a version: a record, passed by value as a plain object. Results
 * are fresh objects; arguments may be object literals (numbers or bigints).
 * @typedef {object} VersionParts
 * @property {bigint} major the major number
 * @property {bigint} minor the minor number
 * @property {bigint} patch the patch number
 */

/**
 * Which versions a dependency accepts: an enum with data, as a plain object whose
 * `tag` names the variant, beside the variant's fields. Arguments may give the
 * version's numbers as numbers or bigints.
 * @typedef {(
 *   | { tag: "Any" }
 *   | { tag: "Exact", version: VersionParts }
 *   | { tag: "Compatible", version: VersionParts }
 * )} Requirement
 */

/** A semantic version, `major.minor.patch`. */
export class Version {
  /** @type {Handle<bindings.Version>} */
  #handle;

  /**
   * @param {number | bigint} major
   * @param {number | bigint} minor
   * @param {number | bigint} patch
   */
  constructor(major, minor, patch) {
    // The checks run inside `create`: `adopt` skips it for an object Rust made.
    this.#handle = new Handle("Version", () => {
      const parts = [major, minor, patch].map((part, index) => toU64(part, `part ${index}`));
      return new bindings.Version(parts[0], parts[1], parts[2]);
    });
  }

  /**
   * Parses "1.2.3"; undefined for anything else.
   * @param {string} text
   * @returns {Version | undefined}
   */
  static parse(text) {
    if (typeof text !== "string") throw new TypeError(`text must be a string, got ${typeof text}`);
    const parsed = call(() => bindings.Version.parse(text));
    return parsed === undefined ? undefined : adopt(Version, () => parsed);
  }

  /**
   * The version of `parts`.
   * @param {object} parts a record: an object literal with numbers or bigints
   * @param {number | bigint} parts.major the major number
   * @param {number | bigint} parts.minor the minor number
   * @param {number | bigint} parts.patch the patch number
   * @returns {Version}
   */
  static fromParts(parts) {
    return new Version(...toParts(parts, "parts"));
  }

  /**
   * The next version at `level`.
   * @param {Level} level
   * @returns {Version}
   */
  bump(level) {
    if (!Object.values(Level).includes(level)) {
      throw new RangeError(`level must be one of Level's members, got ${String(level)}`);
    }
    return adopt(Version, () => this.#handle.call((inner) => inner.bump(level)));
  }

  /**
   * Whether this version comes after `other`.
   * @param {Version} other
   * @returns {boolean}
   */
  isNewerThan(other) {
    return this.#with(other, (inner, theirs) => inner.isNewerThan(theirs));
  }

  /**
   * Whether both are the same version (JavaScript has no `==` to overload).
   * @param {Version} other
   * @returns {boolean}
   */
  equals(other) {
    return this.#with(other, (inner, theirs) => inner.equals(theirs));
  }

  /**
   * Runs `operation` on the Rust objects of this version and of `other`.
   * @template R
   * @param {unknown} other
   * @param {(inner: bindings.Version, theirs: bindings.Version) => R} operation
   * @returns {R}
   */
  #with(other, operation) {
    if (!(other instanceof Version)) {
      throw new TypeError(`other must be a Version, got ${Object.prototype.toString.call(other)}`);
    }
    return this.#handle.call((inner) => other.#handle.call((theirs) => operation(inner, theirs)));
  }

  /**
   * The major number.
   * @returns {bigint}
   */
  get major() {
    return this.#handle.call((inner) => inner.major);
  }

  /**
   * The version's numbers, as a record.
   * @returns {VersionParts}
   */
  parts() {
    // wasm-bindgen types a JavaScript object as `object`: the record's shape is ours.
    return /** @type {VersionParts} */ (this.#handle.call((inner) => inner.parts()));
  }

  /**
   * The version's numbers, as an array: JavaScript has no tuples.
   * @returns {[bigint, bigint, bigint]}
   */
  numbers() {
    const numbers = this.#handle.call((inner) => inner.numbers());
    return /** @type {[bigint, bigint, bigint]} */ (numbers);
  }

  /**
   * The version's text as bytes.
   * @returns {Uint8Array}
   */
  toBytes() {
    return this.#handle.call((inner) => inner.toBytes());
  }

  /**
   * A stable 64-bit hash of the version's text, exact as a bigint.
   * @returns {bigint}
   */
  fingerprint() {
    return this.#handle.call((inner) => inner.fingerprint());
  }

  /** @returns {string} the version as text, "1.2.3" */
  toString() {
    return this.#handle.call((inner) => inner.toString());
  }

  /** Releases the Rust memory now instead of when the object is garbage-collected. */
  free() {
    this.#handle.free();
  }
}

/**
 * A `u64` argument: a non-negative integer, as a bigint.
 * @param {unknown} value
 * @param {string} name
 * @returns {bigint}
 */
function toU64(value, name) {
  const ok = typeof value === "bigint" || Number.isSafeInteger(value);
  const big = ok ? BigInt(/** @type {number | bigint} */ (value)) : -1n;
  if (big < 0n || big >= 2n ** 64n) {
    throw new RangeError(`${name} must be an integer from 0 to 2^64 - 1, got ${String(value)}`);
  }
  return big;
}

/**
 * Parses "*", "=1.2.3" or "^1.2.3"; undefined for anything else.
 * @param {string} text
 * @returns {Requirement | undefined}
 */
export function parseRequirement(text) {
  if (typeof text !== "string") throw new TypeError(`text must be a string, got ${typeof text}`);
  // wasm-bindgen types a JavaScript object as `object`: the union's shape is ours.
  return /** @type {Requirement | undefined} */ (call(() => bindings.parseRequirement(text)));
}

/**
 * The entries of `versions` (versions by package name) that `requirement`
 * accepts, in the order of their names.
 * @param {Map<string, VersionParts>} versions
 * @param {Requirement} requirement
 * @returns {Map<string, VersionParts>}
 */
export function matching(versions, requirement) {
  if (!(versions instanceof Map)) {
    throw new TypeError(`versions must be a Map, got ${Object.prototype.toString.call(versions)}`);
  }
  // The map crosses flattened: its names, and three numbers per version.
  const names = [...versions.keys()];
  for (const name of names) {
    if (typeof name !== "string") {
      throw new TypeError(`versions' keys must be strings, got ${typeof name}`);
    }
  }
  const numbers = flattened([...versions.values()], (index) => {
    return `versions.get(${JSON.stringify(names[index])})`;
  });
  // It comes back as its entries, `[name, record]` pairs.
  const accepted = call(() =>
    withRequirement(requirement, (value) => bindings.matching(names, numbers, value)),
  );
  return new Map(/** @type {[string, VersionParts][]} */ (accepted));
}

/**
 * `versions` from the oldest to the newest.
 * @param {VersionParts[]} versions
 * @returns {VersionParts[]}
 */
export function oldestFirst(versions) {
  if (!Array.isArray(versions)) {
    throw new TypeError(
      `versions must be an array, got ${Object.prototype.toString.call(versions)}`,
    );
  }
  const numbers = flattened(versions, (index) => `versions[${index}]`);
  return /** @type {VersionParts[]} */ (call(() => bindings.oldestFirst(numbers)));
}

/**
 * Records as three numbers each: the form in which a list or a map of them
 * crosses into Rust.
 * @param {unknown[]} records
 * @param {(index: number) => string} name the name of a record, for errors
 * @returns {BigUint64Array}
 */
function flattened(records, name) {
  const numbers = new BigUint64Array(records.length * 3);
  records.forEach((parts, index) => numbers.set(toParts(parts, name(index)), index * 3));
  return numbers;
}

/**
 * Runs `operation` with the Rust value of `requirement`, a tagged object, then
 * frees it.
 * @template R
 * @param {unknown} requirement
 * @param {(value: bindings.RequirementValue) => R} operation
 * @returns {R}
 */
function withRequirement(requirement, operation) {
  if (typeof requirement !== "object" || requirement === null) {
    throw new TypeError(`requirement must be an object, got ${String(requirement)}`);
  }
  const { tag, version } = /** @type {Partial<Record<"tag" | "version", unknown>>} */ (requirement);
  /** @type {bindings.RequirementValue} */
  let value;
  if (tag === "Any") {
    value = bindings.RequirementValue.any();
  } else if (tag === "Exact") {
    value = bindings.RequirementValue.exact(...toParts(version, "requirement.version"));
  } else if (tag === "Compatible") {
    value = bindings.RequirementValue.compatible(...toParts(version, "requirement.version"));
  } else {
    throw new TypeError(
      `requirement.tag must be "Any", "Exact" or "Compatible", got ${String(tag)}`,
    );
  }
  try {
    return operation(value);
  } finally {
    value.free();
  }
}

/**
 * A record argument: an object with the version's three numbers, as bigints.
 * @param {unknown} parts
 * @param {string} name
 * @returns {[bigint, bigint, bigint]}
 */
function toParts(parts, name) {
  if (typeof parts !== "object" || parts === null) {
    throw new TypeError(`${name} must be an object, got ${String(parts)}`);
  }
  const { major, minor, patch } = /** @type {Record<string, unknown>} */ (parts);
  return [
    toU64(major, `${name}.major`),
    toU64(minor, `${name}.minor`),
    toU64(patch, `${name}.patch`),
  ];
}
