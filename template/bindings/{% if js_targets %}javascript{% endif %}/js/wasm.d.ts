// The types of the package's "./wasm" export: the compiled WebAssembly file itself,
// a file to locate, not a module to import. `import.meta.resolve()` (or
// `require.resolve()`) gives its location: read or fetch it there, and pass the URL,
// the bytes or a compiled `WebAssembly.Module` to `init()` or `initSync()`.
export {};
