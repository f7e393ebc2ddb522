// The recipes' API in Node (RECIPES.md), against the built package.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadBuild, requireBuilt } from "./support.mjs";

requireBuilt();
const { Level, Version, matching, oldestFirst, parseRequirement } = await loadBuild();

/** The fingerprint, computed in JavaScript with bigints. */
function fnv1a64(text) {
  let value = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    value = BigInt.asUintN(64, (value ^ BigInt(byte)) * 0x100000001b3n);
  }
  return value;
}

test("a named constructor returns an instance or undefined", () => {
  const version = Version.parse("1.2.3");
  assert.ok(version instanceof Version);
  assert.ok(version.equals(new Version(1, 2, 3)));
  assert.equal(Version.parse("1.2"), undefined);
});

test("a method returns a new instance", () => {
  const version = new Version(1, 2, 3);
  const next = version.bump(Level.Minor);
  assert.ok(next instanceof Version);
  assert.equal(next.toString(), "1.3.0");
  assert.equal(version.toString(), "1.2.3");
});

test("a method takes another instance", () => {
  assert.ok(new Version(2, 0, 0).isNewerThan(new Version(1, 9, 9)));
  assert.throws(() => new Version(2, 0, 0).isNewerThan("1.9.9"), TypeError);
});

test("an enum is a frozen object of numbers, checked as an argument", () => {
  assert.ok(Object.isFrozen(Level));
  assert.equal(typeof Level.Major, "number");
  assert.throws(() => new Version(1, 0, 0).bump(7), RangeError);
});

test("toString is Display, equals is ==", () => {
  assert.equal(`${new Version(1, 2, 3)}`, "1.2.3");
  assert.ok(new Version(1, 2, 3).equals(new Version(1, 2, 3)));
  assert.ok(!new Version(1, 2, 3).equals(new Version(1, 2, 4)));
});

test("a 64-bit result above 2^53 is an exact bigint", () => {
  const fingerprint = new Version(1, 2, 3).fingerprint();
  assert.equal(typeof fingerprint, "bigint");
  assert.ok(fingerprint > 2n ** 53n);
  assert.equal(fingerprint, fnv1a64("1.2.3"));
});

test("a u64 argument out of range throws RangeError, not wraps", () => {
  assert.throws(() => new Version(-1, 0, 0), RangeError);
  assert.throws(() => new Version(2n ** 64n, 0, 0), RangeError);
  assert.equal(new Version(2n ** 64n - 1n, 0, 0).major, 2n ** 64n - 1n);
});

test("a record is a plain object of bigints, and object literals are accepted", () => {
  const parts = new Version(1, 2, 3).parts();
  assert.deepEqual(parts, { major: 1n, minor: 2n, patch: 3n });
  assert.equal(Object.getPrototypeOf(parts), Object.prototype);
  assert.equal(Version.fromParts({ major: 1, minor: 2, patch: 3 }).toString(), "1.2.3");
  assert.equal(Version.fromParts(parts).toString(), "1.2.3");
  assert.throws(() => Version.fromParts(null), TypeError);
  assert.throws(() => Version.fromParts({ major: 1, minor: 2 }), RangeError);
});

test("an enum with data is an object whose tag names the variant", () => {
  const oldest = { major: 1n, minor: 2n, patch: 0n };
  assert.deepEqual(parseRequirement("^1.2.0"), { tag: "Compatible", version: oldest });
  assert.deepEqual(parseRequirement("*"), { tag: "Any" });
  assert.equal(parseRequirement("1.2.0"), undefined);
});

test("a map goes in and comes out as a Map", () => {
  const versions = new Map([
    ["beta", { major: 2n, minor: 0n, patch: 0n }],
    ["alpha", { major: 1n, minor: 4n, patch: 0n }],
  ]);
  const compatible = { tag: "Compatible", version: { major: 1, minor: 2, patch: 0 } };
  assert.deepEqual(matching(versions, compatible), new Map([["alpha", versions.get("alpha")]]));
  assert.deepEqual([...matching(versions, { tag: "Any" }).keys()], ["alpha", "beta"]);
});

test("a tagged argument is checked: its tag, then the variant's fields", () => {
  const versions = new Map([["alpha", { major: 1n, minor: 4n, patch: 0n }]]);
  assert.throws(() => matching(versions, { tag: "Newest" }), /requirement.tag must be/);
  assert.throws(() => matching(versions, { tag: "Exact" }), TypeError);
  assert.throws(() => matching(new Map([["alpha", { major: -1 }]]), { tag: "Any" }), RangeError);
  assert.throws(() => matching({ alpha: versions.get("alpha") }, { tag: "Any" }), TypeError);
});

test("a list is an array, a tuple an array, bytes a Uint8Array", () => {
  const newer = { major: 2n, minor: 0n, patch: 0n };
  const older = { major: 1n, minor: 9n, patch: 9n };
  assert.deepEqual(oldestFirst([newer, older]), [older, newer]);
  assert.throws(() => oldestFirst(new Set([newer])), TypeError);
  assert.deepEqual(new Version(1, 2, 3).numbers(), [1n, 2n, 3n]);
  const bytes = new Version(1, 2, 3).toBytes();
  assert.ok(bytes instanceof Uint8Array);
  assert.equal(new TextDecoder().decode(bytes), "1.2.3");
});
