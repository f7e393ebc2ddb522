// Entry for Node.js (`import` and, built into node.cjs, `require`). The .wasm file
// is read and compiled on the first call, so no `init()` is needed.

import { readFileSync } from "node:fs";
import { configure } from "./runtime.js";

configure({
  loadSync: () => readFileSync(new URL("./wasm/bindings_bg.wasm", import.meta.url)),
});

export * from "./api.js";
export { default } from "./api.js";
