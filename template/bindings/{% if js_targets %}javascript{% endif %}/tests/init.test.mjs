// A failed initialisation says what failed and what to do: never an empty object,
// never a hang. Each test imports its own copy of the built package's runtime-neutral
// API (dist/api.js, which every entry re-exports), so that every copy starts
// uninitialised; it is given the .wasm the way `init()` and `initSync()` take it.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import { packageDir, packageJson, requireBuilt } from "./support.mjs";

requireBuilt();
const scratch = mkdtempSync(join(tmpdir(), "init-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const wasmBytes = readFileSync(new URL("dist/wasm/bindings_bg.wasm", packageDir));
const emptyModule = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

/** A fresh, uninitialised copy of dist/api.js. */
async function freshApi(name) {
  const dir = join(scratch, name);
  cpSync(new URL("dist", packageDir), dir, { recursive: true });
  return import(pathToFileURL(join(dir, "api.js")).href);
}

test("a call before initialisation throws NotInitializedError saying what to do", async () => {
  const api = await freshApi("before");
  const error = assertThrown(() => api.version(), "NotInitializedError", "NOT_INITIALIZED");
  assert.match(error.message, /call `await init\(\)`/);
});

test("bytes that are not WebAssembly are reported as such", async () => {
  const api = await freshApi("html");
  const html = new TextEncoder().encode("<!doctype html>");
  const error = assertThrown(() => api.initSync(html), "InitError", "INIT_FAILED");
  assert.match(error.message, /could not be compiled/);
  assert.ok(error.cause instanceof WebAssembly.CompileError);
});

test("another WebAssembly module is reported as the wrong module", async () => {
  const api = await freshApi("wrong");
  const error = assertThrown(() => api.initSync(emptyModule), "InitError", "INIT_FAILED");
  assert.match(error.message, /not this package's bindings_bg\.wasm/);
});

test("a module with only wasm-bindgen's own exports is reported as the wrong module", async () => {
  // What every wasm-bindgen module exports, and nothing of this library's API.
  const api = await freshApi("bare");
  const bare = wasmModule({ memory: true, functions: ["__wbindgen_start"] });
  const error = assertThrown(() => api.initSync(bare), "InitError", "INIT_FAILED");
  assert.match(error.message, /not this package's bindings_bg\.wasm \(it lacks the exports /);
});

test("init() rejects with an InitError for an input it cannot load", async () => {
  const api = await freshApi("bad-input");
  await assert.rejects(api.init(42), (error) => error instanceof api.InitError);
});

test("a failed initialisation is not cached: the next one succeeds", async () => {
  const api = await freshApi("retry");
  assert.throws(() => api.initSync(emptyModule), api.InitError);
  await api.init(new Response(wasmBytes));
  assert.equal(api.version(), packageJson.version);
});

test("init() takes a compiled WebAssembly.Module, and a second call is harmless", async () => {
  const api = await freshApi("module");
  await api.init(new WebAssembly.Module(wasmBytes));
  await api.init();
  assert.equal(api.version(), packageJson.version);
});

test("the .wasm is exported as <package>/wasm for hosting it yourself", async () => {
  const api = await freshApi("self-hosted");
  const wasmUrl = new URL(import.meta.resolve(`${packageJson.name}/wasm`));
  assert.match(wasmUrl.pathname, /\/dist\/wasm\/bindings_bg\.wasm$/);
  api.initSync(new WebAssembly.Module(readFileSync(wasmUrl)));
  assert.equal(api.version(), packageJson.version);
});

/** The error `fn` throws, checked to be an Error of `name` with `code`. */
function assertThrown(fn, name, code) {
  let caught;
  assert.throws(fn, (error) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof Error, "an Error, not a plain object");
  assert.equal(caught.name, name);
  assert.equal(caught.code, code);
  return caught;
}

/**
 * The bytes of a WebAssembly module that exports a memory (as "memory") and empty
 * functions of type () -> () under `functions`' names.
 */
function wasmModule({ memory, functions }) {
  const encoder = new TextEncoder();
  // Every section here is under 128 bytes: its size is one LEB128 byte.
  const section = (id, ...items) => [id, items.flat(2).length, ...items.flat(2)];
  const name = (text) => [encoder.encode(text).length, ...encoder.encode(text)];
  const exports = functions.map((fn, index) => [...name(fn), 0x00, index]);
  if (memory) exports.push([...name("memory"), 0x02, 0x00]);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(0x01, 1, 0x60, 0, 0), // one type: () -> ()
    ...section(
      0x03,
      functions.length,
      functions.map(() => 0),
    ), // functions of type 0
    ...(memory ? section(0x05, 1, 0x00, 1) : []), // one memory of one page
    ...section(0x07, exports.length, exports.flat()),
    ...section(
      0x0a,
      functions.length,
      functions.map(() => [2, 0, 0x0b]),
    ), // empty bodies
  ]);
}
