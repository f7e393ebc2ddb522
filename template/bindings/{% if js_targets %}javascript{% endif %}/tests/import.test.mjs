// The package as Node's `import` sees it: resolved by name through the exports map.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import zlib from "node:zlib";
import { cases } from "./conformance.mjs";
import { packageJson, requireBuilt, vectors } from "./support.mjs";

requireBuilt();
const api = await import(packageJson.name);

for (const { name, run } of cases(api, vectors)) test(name, run);

test("crc32 equals node:zlib for random data", () => {
  for (const size of [0, 1, 3, 1024, 100_000]) {
    const data = randomBytes(size);
    assert.equal(api.crc32(data), zlib.crc32(data));
  }
});

test("version() is the version in package.json", () => {
  assert.equal(api.version(), packageJson.version);
});

test("no init() call is needed in Node, and init() is harmless", async () => {
  await api.init();
  assert.equal(api.greet("Ada"), "Hello, Ada!");
});
