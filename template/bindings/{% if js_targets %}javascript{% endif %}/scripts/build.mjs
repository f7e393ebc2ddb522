#!/usr/bin/env node
// Builds the npm package into dist/ (or --out-dir), ready for `npm pack`:
//
//   1. cargo compiles the wasm crate (this folder) for wasm32-unknown-unknown;
//   2. the wasm-bindgen CLI writes the low-level JavaScript glue (`--target web`,
//      whose `initSync` works in every runtime);
//   3. wasm-opt, from the `binaryen` dev dependency, shrinks the .wasm;
//   4. the package's own modules (js/) and the workspace's licences are copied
//      beside it, and node.cjs is bundled from node.js for `require`.
//
// Options: --testing builds with the `testing` cargo feature (a deliberate panic for
// the tests), --out-dir DIR writes somewhere else than dist/.
// Environment: WASM_CARGO (the cargo to build the .wasm with, default `cargo`),
// WASM_BINDGEN (the wasm-bindgen CLI to use, default `wasm-bindgen`).

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const workspaceDir = resolve(packageDir, "../..");
const { values: options } = parseArgs({
  options: {
    testing: { type: "boolean", default: false },
    "out-dir": { type: "string", default: "dist" },
  },
});
const outDir = resolve(packageDir, options["out-dir"]);

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

function run(command, args, extra = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: packageDir, ...extra });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited with ${result.status}`);
  return result;
}

/** The version of a `[package]` or `[workspace.package]` table, or of a lock entry. */
function tomlValue(text, pattern, what) {
  const match = text.match(pattern);
  if (!match) fail(`could not find ${what}`);
  return match[1];
}

// --- Checks that fail fast, before anything is compiled ------------------------
const cargoToml = readFileSync(join(packageDir, "Cargo.toml"), "utf8");
const crateName = tomlValue(cargoToml, /^name = "([^"]+)"/m, "the crate name in Cargo.toml");
const workspaceVersion = tomlValue(
  readFileSync(join(workspaceDir, "Cargo.toml"), "utf8"),
  /\[workspace\.package\][^[]*?^version = "([^"]+)"/ms,
  "[workspace.package] version in the workspace Cargo.toml",
);
const packageVersion = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
if (packageVersion !== workspaceVersion) {
  fail(
    `version drift: package.json says ${packageVersion} but the Cargo workspace says ` +
      `${workspaceVersion}; set "version" in package.json to "${workspaceVersion}"`,
  );
}

const wasmBindgen = process.env.WASM_BINDGEN ?? "wasm-bindgen";
const lockFile = join(workspaceDir, "Cargo.lock");
if (!existsSync(lockFile)) run("cargo", ["generate-lockfile"]);
const crateVersion = tomlValue(
  readFileSync(lockFile, "utf8"),
  /^name = "wasm-bindgen"\nversion = "([^"]+)"/m,
  "wasm-bindgen in Cargo.lock",
);
let cliVersion;
try {
  cliVersion = execFileSync(wasmBindgen, ["--version"], { encoding: "utf8" }).trim().split(" ")[1];
} catch (error) {
  fail(
    `the wasm-bindgen CLI is not installed (${error.message}); install the version that ` +
      `matches the crate: cargo install wasm-bindgen-cli --version =${crateVersion}`,
  );
}
if (cliVersion !== crateVersion) {
  fail(
    `wasm-bindgen CLI ${cliVersion} does not match the wasm-bindgen crate ${crateVersion} ` +
      `in Cargo.lock; install the matching CLI: ` +
      `cargo install wasm-bindgen-cli --version =${crateVersion}`,
  );
}

// esbuild bundles node.cjs: a missing `npm install` is reported before compiling.
const esbuild = await import("esbuild").catch(() =>
  fail("esbuild is not installed: run `npm install` in this folder first"),
);

// --- 1. Rust to WebAssembly ---------------------------------------------------
const cargoArgs = [
  "build",
  "--package",
  crateName,
  "--target",
  "wasm32-unknown-unknown",
  "--profile",
  "wasm-release",
  "--message-format",
  "json-render-diagnostics",
];
if (options.testing) cargoArgs.push("--features", "testing");
const cargo = run(process.env.WASM_CARGO ?? "cargo", cargoArgs, {
  stdio: ["inherit", "pipe", "inherit"],
  maxBuffer: 64 * 1024 * 1024,
});
const wasmFile = cargo.stdout
  .toString()
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map((line) => JSON.parse(line))
  .filter((message) => message.reason === "compiler-artifact" && message.target.name === crateName)
  .flatMap((message) => message.filenames)
  .find((file) => file.endsWith(".wasm"));
if (!wasmFile) fail(`cargo did not report a .wasm file for ${crateName}`);

// --- 2. JavaScript glue -------------------------------------------------------
rmSync(outDir, { recursive: true, force: true });
const wasmDir = join(outDir, "wasm");
run(wasmBindgen, [
  wasmFile,
  "--out-dir",
  wasmDir,
  "--out-name",
  "bindings",
  "--target",
  "web",
  // No `import.meta.url` default inside the glue: not every runtime has one, and
  // the package's own entries decide where the .wasm comes from.
  "--omit-default-module-path",
  // `__wbg_reset_state()`: a fresh instance after a trap, without recompiling.
  "--experimental-reset-state-function",
  "--no-typescript",
]);

// --- 3. Smaller .wasm ---------------------------------------------------------
const wasmOpt = join(packageDir, "node_modules", ".bin", "wasm-opt");
const shippedWasm = join(wasmDir, "bindings_bg.wasm");
if (existsSync(wasmOpt)) {
  run(wasmOpt, ["-Os", "--strip-debug", "--strip-producers", shippedWasm, "-o", shippedWasm]);
} else {
  console.warn("build: wasm-opt not found (run `npm install`); the .wasm is not size-optimised");
}

// --- 4. The package's own modules ---------------------------------------------
const sourceDir = join(packageDir, "js");
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(sourceDir)) {
  copyFileSync(join(sourceDir, file), join(outDir, file));
}
copyFileSync(join(sourceDir, "index.d.ts"), join(outDir, "index.d.cts"));
// npm ships only what is inside the package folder: bring the workspace's licences.
for (const file of readdirSync(workspaceDir).filter((name) => name.startsWith("LICENSE"))) {
  copyFileSync(join(workspaceDir, file), join(outDir, file));
}
if (existsSync(join(sourceDir, "node.js"))) {
  await esbuild.build({
    entryPoints: [join(outDir, "node.js")],
    outfile: join(outDir, "node.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // `import.meta.url` does not exist in CommonJS: derive it from __filename.
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "importMetaUrl" },
  });
}
console.log(
  `build: ${crateName} ${packageVersion}${options.testing ? " (testing)" : ""} -> ${outDir}`,
);
