// NEGATIVE CONTROL, not shipped: a dist/workerd.js that loads the WebAssembly the
// way a web page does, fetching and compiling it with top-level await. workerd
// forbids I/O while a Worker starts, so the Worker must fail to start.
import { configure } from "./runtime.js";

const response = await fetch("https://cdn.example.com/bindings_bg.wasm");
const wasmModule = await WebAssembly.compileStreaming(response);

configure({ loadSync: () => wasmModule });

export * from "./api.js";
export { default } from "./api.js";
