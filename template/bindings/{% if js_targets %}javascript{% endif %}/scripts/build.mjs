#!/usr/bin/env node
// Builds the npm package into dist/ (or --out-dir), ready for `npm pack`:
//
//   1. cargo compiles the wasm crate (this folder) for wasm32-unknown-unknown;
//   2. the wasm-bindgen CLI writes the low-level JavaScript glue (`--target web`,
//      whose `initSync` works in every runtime);
//   3. wasm-opt, from the `binaryen` dev dependency, shrinks the .wasm;
//   4. the package's own modules (js/) and the workspace's licences are copied
//      beside it, tsc emits the type declarations from their JSDoc, and esbuild
//      bundles node.cjs for `require` when package.json offers it.
//
// Crate names, versions and the wasm-bindgen pin come from `cargo metadata`, the
// entry files to check from package.json: nothing here repeats them.
//
// Options: --testing builds with the `testing` cargo feature and adds js/testing.js
// to the API (test-only exports for the package's own tests), --out-dir DIR writes
// somewhere else than dist/.
// Environment: WASM_CARGO (the cargo to build the .wasm with, default `cargo`),
// WASM_BINDGEN (the wasm-bindgen CLI to use, default `wasm-bindgen`).

import { execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    testing: { type: "boolean", default: false },
    "out-dir": { type: "string", default: "dist" },
  },
});
const outDir = resolve(packageDir, options["out-dir"]);
const cargoCommand = process.env.WASM_CARGO ?? "cargo";
const wasmBindgen = process.env.WASM_BINDGEN ?? "wasm-bindgen";

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

// --- Checks that fail fast, before anything is compiled ------------------------
const metadata = JSON.parse(
  run(cargoCommand, ["metadata", "--format-version", "1", "--no-deps"], {
    stdio: ["inherit", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  }).stdout.toString(),
);
const crate = metadata.packages.find(
  (candidate) => resolve(dirname(candidate.manifest_path)) === packageDir,
);
if (!crate) fail(`cargo metadata lists no crate in ${packageDir}`);
const wasmTarget = crate.targets.find((target) => target.kind.includes("cdylib"));
if (!wasmTarget) fail(`${crate.name} has no cdylib target: set crate-type in Cargo.toml`);

const packageJson = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
if (packageJson.version !== crate.version) {
  fail(
    `version drift: package.json says ${packageJson.version} but the Cargo workspace says ` +
      `${crate.version}; set "version" in package.json to "${crate.version}"`,
  );
}

// The crate and the CLI must be the very same version: the workspace pins it with `=`.
const bindgenRequirement = crate.dependencies.find((dep) => dep.name === "wasm-bindgen")?.req;
const bindgenVersion = /^=(\d+\.\d+\.\d+)$/.exec(bindgenRequirement ?? "")?.[1];
if (!bindgenVersion) {
  fail(
    `wasm-bindgen must be pinned to one version with "=X.Y.Z" in the workspace ` +
      `Cargo.toml, found ${JSON.stringify(bindgenRequirement)}`,
  );
}
let cliVersion;
try {
  cliVersion = execFileSync(wasmBindgen, ["--version"], { encoding: "utf8" }).trim().split(" ")[1];
} catch (error) {
  fail(
    `the wasm-bindgen CLI is not installed (${error.message}); install the version that ` +
      `matches the crate: cargo install wasm-bindgen-cli --version =${bindgenVersion}`,
  );
}
if (cliVersion !== bindgenVersion) {
  fail(
    `wasm-bindgen CLI ${cliVersion} does not match the wasm-bindgen crate ${bindgenVersion} ` +
      `pinned in Cargo.toml; install the matching CLI: ` +
      `cargo install wasm-bindgen-cli --version =${bindgenVersion}`,
  );
}

// A missing `npm install` is reported before compiling.
const [esbuild, ts] = await Promise.all([import("esbuild"), import("typescript")]).catch(() =>
  fail("esbuild or typescript is not installed: run `npm install` in this folder first"),
);

// --- 1. Rust to WebAssembly ---------------------------------------------------
const cargoArgs = [
  "build",
  "--package",
  crate.name,
  "--lib",
  "--target",
  "wasm32-unknown-unknown",
  "--profile",
  "wasm-release",
  "--message-format",
  "json-render-diagnostics",
];
if (options.testing) cargoArgs.push("--features", "testing");
const cargo = run(cargoCommand, cargoArgs, {
  stdio: ["inherit", "pipe", "inherit"],
  maxBuffer: 64 * 1024 * 1024,
});
const wasmFile = cargo.stdout
  .toString()
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map((line) => JSON.parse(line))
  .filter((message) => message.reason === "compiler-artifact" && message.package_id === crate.id)
  .flatMap((message) => message.filenames)
  .find((file) => file.endsWith(".wasm"));
if (!wasmFile) fail(`cargo did not report a .wasm file for ${crate.name}`);

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
  // No `import.meta.url` default inside the glue (not every runtime has one): the
  // package's own entries decide where the .wasm comes from.
  "--omit-default-module-path",
  // `__wbg_reset_state()`: a fresh instance after a trap, without recompiling.
  "--experimental-reset-state-function",
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
  if (file === "testing.js" && !options.testing) continue;
  copyFileSync(join(sourceDir, file), join(outDir, file));
}
if (options.testing) {
  appendFileSync(
    join(outDir, "api.js"),
    '\n// Added by `build.mjs --testing`: the test-only exports.\nexport * from "./testing.js";\n',
  );
}
// npm ships only what is inside the package folder: bring the workspace's licences.
for (const file of readdirSync(metadata.workspace_root).filter((name) => /^LICENSE/.test(name))) {
  copyFileSync(join(metadata.workspace_root, file), join(outDir, file));
}
emitDeclarations(join(outDir, "api.js"));

// Every file that package.json names must exist; node.cjs is bundled when named.
const shipped = packageFiles(packageJson);
if (shipped.has("node.cjs")) bundleCommonJs();
for (const file of shipped) {
  if (!existsSync(join(outDir, file))) {
    fail(`package.json names dist/${file}, which the build did not write`);
  }
}
console.log(
  `build: ${crate.name} ${crate.version}${options.testing ? " (testing)" : ""} -> ` +
    relative(packageDir, outDir),
);

/**
 * Emits .d.ts files next to the package's modules from their JSDoc, with the
 * TypeScript compiler (tsc's API). Type errors in the JSDoc fail the build.
 */
function emitDeclarations(entry) {
  const program = ts.createProgram([entry], {
    allowJs: true,
    checkJs: true,
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    skipLibCheck: true,
    stripInternal: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts", "lib.dom.d.ts"],
    types: [],
  });
  const { diagnostics } = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...diagnostics];
  if (problems.length > 0) {
    const host = {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => packageDir,
      getNewLine: () => "\n",
    };
    fail(`type errors in js/:\n${ts.formatDiagnostics(problems, host)}`);
  }
}

/** Bundles node.cjs from node.js for `require`. */
function bundleCommonJs() {
  esbuild.buildSync({
    entryPoints: [join(outDir, "node.js")],
    outfile: join(outDir, "node.cjs"),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    keepNames: true, // error classes are named after themselves (`error.name`)
    // `import.meta.url` does not exist in CommonJS: derive it from __filename.
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "importMetaUrl" },
  });
}

/** The files of dist/ that package.json names (`exports`, `main`, `types`), relative to it. */
function packageFiles({ exports, main, types }) {
  const files = new Set();
  const visit = (node) => {
    if (typeof node === "string") {
      if (node.startsWith("./dist/")) files.add(node.slice("./dist/".length));
    } else if (node) {
      Object.values(node).forEach(visit);
    }
  };
  visit([exports, main, types]);
  return files;
}
