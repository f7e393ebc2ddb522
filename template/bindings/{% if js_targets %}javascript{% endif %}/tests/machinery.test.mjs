// The package's machinery (machinery.mjs) in Node, against the `testing` build:
// error translation, a Rust panic surfacing as a PanicError, and recovery after it.
import { test } from "node:test";
import { cases } from "./machinery.mjs";
import { loadBuild, requireBuilt } from "./support.mjs";

requireBuilt("build/testing");
const api = await loadBuild("build/testing");

for (const { name, run } of cases(api)) test(name, run);
