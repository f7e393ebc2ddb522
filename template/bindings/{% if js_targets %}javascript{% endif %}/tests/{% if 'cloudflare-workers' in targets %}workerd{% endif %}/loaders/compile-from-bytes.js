// NEGATIVE CONTROL, not shipped: a dist/workerd.js that bundles the raw bytes of the
// .wasm (Wrangler imports .bin files as an ArrayBuffer) and compiles them on the
// first call. workerd forbids compiling WebAssembly at run time, so calls must fail.
import wasmBytes from "./wasm/bindings_bg.bin";
import { configure } from "./runtime.js";

configure({ loadSync: () => new WebAssembly.Module(wasmBytes) });

export * from "./api.js";
export { default } from "./api.js";
