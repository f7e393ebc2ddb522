// A failed initialisation says what failed and what to do: never an empty object,
// never a hang. Each test imports its own copy of the built package, so that every
// copy starts uninitialised.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { packageDir, requireBuilt } from "./support.mjs";

requireBuilt();
const scratch = mkdtempSync(join(tmpdir(), "init-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh copy of dist/, with `change` applied to its .wasm file. */
async function importCopy(name, change) {
  const dir = join(scratch, name);
  cpSync(new URL("dist", packageDir), dir, { recursive: true });
  change(join(dir, "wasm", "bindings_bg.wasm"));
  return import(pathToFileURL(join(dir, "node.js")).href);
}

test("a missing .wasm file is reported with its path", async () => {
  const api = await importCopy("missing", (wasm) => rmSync(wasm));
  const error = assertInitError(() => api.greet("Ada"));
  assert.match(error.message, /could not load bindings_bg\.wasm/);
  assert.match(error.message, /ENOENT/);
});

test("a file that is not WebAssembly is reported as such", async () => {
  const api = await importCopy("html", (wasm) => writeFileSync(wasm, "<!doctype html>"));
  const error = assertInitError(() => api.crc32(new Uint8Array(1)));
  assert.match(error.message, /could not be compiled/);
  assert.ok(error.cause instanceof WebAssembly.CompileError);
});

test("another WebAssembly module is reported as the wrong module", async () => {
  const emptyModule = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  const api = await importCopy("wrong", (wasm) => writeFileSync(wasm, emptyModule));
  const error = assertInitError(() => api.version());
  assert.match(error.message, /not this package's bindings_bg\.wasm/);
});

test("a failed initialisation is retried on the next call, not cached", async () => {
  const api = await importCopy("retry", (wasm) => rmSync(wasm));
  assertInitError(() => api.greet("Ada"));
  cpSync(
    new URL("dist/wasm/bindings_bg.wasm", packageDir),
    join(scratch, "retry", "wasm", "bindings_bg.wasm"),
  );
  assert.equal(api.greet("Ada"), "Hello, Ada!");
});

function assertInitError(fn) {
  let caught;
  assert.throws(fn, (error) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof Error, "an Error, not a plain object");
  assert.equal(caught.code, "INIT_FAILED");
  assert.equal(caught.name, "InitError");
  return caught;
}
