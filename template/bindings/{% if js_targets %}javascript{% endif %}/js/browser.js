// Entry for browsers and bundlers: call `await init()` once before anything else.
// By default it fetches the .wasm next to this file; pass a URL, a Response, the
// bytes or a WebAssembly.Module to load it from elsewhere.

import { configure } from "./runtime.js";

configure({
  defaultInitInput: () => new URL("./wasm/bindings_bg.wasm", import.meta.url),
});

export * from "./api.js";
export { default } from "./api.js";
