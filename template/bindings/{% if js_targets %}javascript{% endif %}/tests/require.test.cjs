// The package as Node's `require` sees it: the CommonJS build (dist/node.cjs).
const assert = require("node:assert/strict");
const { test } = require("node:test");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

const packageJson = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
const vectors = JSON.parse(readFileSync(join(__dirname, "../../../tests/vectors.json"), "utf8"));
const api = require(packageJson.name);

test("require() gives the same API as import", async () => {
  const esm = await import(packageJson.name);
  const publicNames = (module) => Object.keys(module).filter((name) => name !== "__esModule").sort();
  assert.deepEqual(publicNames(api), publicNames(esm));
});

test("the shared vectors pass through require()", async () => {
  const { runAll } = await import("./conformance.mjs");
  const result = await runAll(api, vectors);
  assert.deepEqual(result.failures, []);
  assert.ok(result.passed > 0);
});
