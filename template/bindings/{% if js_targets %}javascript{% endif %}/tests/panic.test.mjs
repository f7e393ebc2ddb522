// A Rust panic surfaces as a PanicError with the panic message, and the package
// keeps working. Runs against the `testing` build (build/testing/), the only one
// with a deliberate panic: greet() panics for the name below.
import assert from "node:assert/strict";
import { test } from "node:test";
import { requireBuilt } from "./support.mjs";

requireBuilt("build/testing");
const api = await import("../build/testing/node.js");
const PANIC_TRIGGER = "__panic_for_testing__";

test("a panic throws PanicError carrying the panic message", () => {
  assert.throws(
    () => api.greet(PANIC_TRIGGER),
    (error) =>
      error instanceof api.PanicError &&
      error.code === "PANIC" &&
      /deliberate panic for testing/.test(error.message) &&
      error.cause instanceof WebAssembly.RuntimeError,
  );
});

test("calls after a panic work", () => {
  assert.throws(() => api.greet(PANIC_TRIGGER), api.PanicError);
  assert.equal(api.greet("Ada"), "Hello, Ada!");
  assert.equal(api.crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  const counter = new api.WordCounter();
  counter.add("still counting");
  assert.equal(counter.total, 2);
});

test("objects from before a panic throw StaleObjectError, not garbage", () => {
  const counter = new api.WordCounter();
  counter.add("before the panic");
  assert.throws(() => api.greet(PANIC_TRIGGER), api.PanicError);
  assert.throws(() => counter.count("before"), api.StaleObjectError);
  counter.free(); // must not free memory of the new instance
  assert.equal(api.greet("Grace"), "Hello, Grace!");
});

test("repeated panics keep recovering", () => {
  for (let i = 0; i < 50; i += 1) {
    assert.throws(() => api.greet(PANIC_TRIGGER), api.PanicError);
  }
  assert.equal(api.greet("Ada", "fr"), "Bonjour, Ada !");
});
