// Entry for Cloudflare Workers (workerd). Wrangler and workerd import a .wasm file
// as an already compiled WebAssembly.Module: compiling from bytes is forbidden
// there, and so is I/O at startup. The module is instantiated on the first call.

import wasmModule from "./wasm/bindings_bg.wasm";
import { configure } from "./runtime.js";

configure({ loadSync: () => wasmModule });

export * from "./api.js";
export { default } from "./api.js";
