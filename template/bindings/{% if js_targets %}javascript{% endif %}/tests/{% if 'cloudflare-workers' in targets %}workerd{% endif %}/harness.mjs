// Runs the package in workerd, the runtime of Cloudflare Workers, the way a user
// ships it: Wrangler bundles a Worker that imports the package by name (exactly as
// `wrangler deploy` does), and Miniflare serves that bundle with the real workerd.
// Used by tests/workerd.test.mjs and tests/example-worker.test.mjs, and reusable by
// benchmarks.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { linkPackageInto, packageDir } from "../support.mjs";

const packagePath = fileURLToPath(packageDir);
const examplePath = fileURLToPath(new URL("../../examples/cloudflare-worker/", packageDir));
const compatibilityDate = "2025-09-01";

/** A fresh scratch folder for bundles; remove it with `rmSync(dir, { recursive: true })`. */
export function makeScratch(prefix = "workerd-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Bundles the example Worker (examples/cloudflare-worker) against the package at
 * `packageRoot` and returns the bundle. `conditions` overrides Wrangler's export
 * conditions (WRANGLER_BUILD_CONDITIONS), e.g. "browser".
 */
export function bundleExample(scratch, { packageRoot = packagePath, conditions } = {}) {
  const project = mkdtempSync(join(scratch, "example-"));
  cpSync(examplePath, project, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.wrangler|dist)$/.test(source),
  });
  return bundleProject(project, { packageRoot, conditions });
}

/**
 * Bundles tests/workerd/suite-worker.js, which imports the package at `packageRoot`
 * by name and runs the shared suites (machinery.mjs, conformance.mjs) on request.
 */
export function bundleSuiteWorker(scratch, { packageRoot = packagePath, conditions } = {}) {
  const project = mkdtempSync(join(scratch, "suite-"));
  // The same layout as in the package, so that the worker's relative imports hold.
  mkdirSync(join(project, "tests", "workerd"), { recursive: true });
  for (const file of ["conformance.mjs", "machinery.mjs", "suite.mjs"]) {
    cpSync(new URL(`../${file}`, import.meta.url), join(project, "tests", file));
  }
  cpSync(
    new URL("suite-worker.js", import.meta.url),
    join(project, "tests", "workerd", "suite-worker.js"),
  );
  writeFileSync(
    join(project, "wrangler.jsonc"),
    JSON.stringify({
      name: "suite",
      main: "tests/workerd/suite-worker.js",
      compatibility_date: compatibilityDate,
    }),
  );
  return bundleProject(project, { packageRoot, conditions });
}

/**
 * Runs `wrangler deploy --dry-run` in `project`, with the package linked into its
 * node_modules under its npm name (what `npm install` of a file: dependency does,
 * minus the install). Returns { dir, main } of the bundle; throws with Wrangler's
 * output when the build fails.
 */
export function bundleProject(project, { packageRoot = packagePath, conditions } = {}) {
  linkPackageInto(project, packageRoot);

  const outDir = join(project, "bundle");
  const env = {
    ...process.env,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_LOG_PATH: join(project, ".wrangler", "logs"),
    ...(conditions === undefined ? {} : { WRANGLER_BUILD_CONDITIONS: conditions }),
  };
  const args = [wranglerScript(), "deploy", "--dry-run", "--outdir", outDir];
  const result = spawnSync(process.execPath, args, {
    cwd: project,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim();
    throw Object.assign(new Error(`wrangler deploy --dry-run failed:\n${output}`), { output });
  }
  // The bundle is named after the Worker's main module, e.g. index.js.
  const main = readdirSync(outDir).find((file) => file.endsWith(".js"));
  return { dir: outDir, main: join(outDir, main) };
}

/**
 * A copy of the package (package.json and dist/) in `scratch` whose dist/workerd.js
 * is replaced by `loader` (a file URL), for negative controls. The copy also holds
 * the .wasm as dist/wasm/bindings_bg.bin, which Wrangler bundles as raw bytes.
 */
export function packageWithLoader(scratch, loader) {
  const root = mkdtempSync(join(scratch, `package-${basename(fileURLToPath(loader), ".js")}-`));
  cpSync(new URL("package.json", packageDir), join(root, "package.json"));
  cpSync(new URL("dist", packageDir), join(root, "dist"), { recursive: true });
  cpSync(loader, join(root, "dist", "workerd.js"));
  cpSync(
    join(root, "dist", "wasm", "bindings_bg.wasm"),
    join(root, "dist", "wasm", "bindings_bg.bin"),
  );
  return root;
}

/**
 * Starts workerd serving `bundle`. Returns { miniflare, output, dispose }, where
 * `output()` is what workerd has printed so far (uncaught errors, console output).
 * When the Worker fails to start, the error thrown includes that output.
 */
export async function startWorker(bundle, { date = compatibilityDate } = {}) {
  let printed = "";
  const miniflare = new Miniflare({
    cf: false,
    compatibilityDate: date,
    modules: true,
    scriptPath: bundle.main,
    modulesRoot: bundle.dir,
    // How Wrangler's bundle refers to its extra files: .wasm as a compiled
    // WebAssembly.Module, .bin as an ArrayBuffer.
    modulesRules: [
      { type: "CompiledWasm", include: ["**/*.wasm"] },
      { type: "Data", include: ["**/*.bin"] },
    ],
    handleRuntimeStdio(stdout, stderr) {
      for (const stream of [stdout, stderr]) {
        stream.setEncoding("utf8").on("data", (chunk) => (printed += chunk));
      }
    },
  });
  try {
    await miniflare.ready;
  } catch (error) {
    // workerd has exited (dispose() only repeats the error). What it printed may
    // still be in the pipe: give it up to a second to arrive.
    await miniflare.dispose().catch(() => {});
    for (let waited = 0; !printed && waited < 1000; waited += 20) await setTimeout(20);
    await setTimeout(20);
    throw new Error(`workerd failed to start the Worker: ${error.message}\n${printed}`, {
      cause: error,
    });
  }
  return { miniflare, output: () => printed, dispose: () => miniflare.dispose() };
}

/**
 * Starts workerd serving `bundle` (at the compatibility date `options.date`, by
 * default the example Worker's), calls `use(worker)`, and always shuts it down.
 */
export async function withWorker(bundle, use, options) {
  const worker = await startWorker(bundle, options);
  try {
    return await use(worker);
  } finally {
    await worker.dispose();
  }
}

/**
 * The resident memory of the workerd processes this test process started (Miniflare
 * runs the Worker's isolate in one), in bytes: what the operating system sees the
 * runtime use, JavaScript heap and WebAssembly memory included.
 */
export function workerdMemoryBytes() {
  const table = execFileSync("ps", ["-A", "-o", "pid=,ppid=,rss=,comm="], { encoding: "utf8" });
  const rows = table
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/));
  const workerd = rows.filter(([, ppid, , command]) => {
    return Number(ppid) === process.pid && command.includes("workerd");
  });
  if (workerd.length === 0) throw new Error("no workerd process started by this test");
  return workerd.reduce((sum, [, , rss]) => sum + Number(rss) * 1024, 0);
}

/** Sends one request to the Worker; returns { status, body }, with JSON parsed. */
export async function request(worker, path, init) {
  const response = await worker.miniflare.dispatchFetch(new URL(path, "http://worker.test"), init);
  const text = await response.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. the stack trace of an uncaught error): keep the text.
  }
  return { status: response.status, body };
}

/**
 * Cold initialisation in workerd: a fresh workerd serves the suite Worker, and the
 * wall time of its first GET /version (which instantiates the WebAssembly) is
 * compared with the second (warm). Starting workerd itself is not counted.
 * Without `bundle`, bundles the suite Worker first (in a scratch folder it removes).
 * Returns { firstMs, secondMs }.
 */
export async function measureColdInit(bundle) {
  if (bundle === undefined) {
    const scratch = makeScratch();
    try {
      return await measureColdInit(bundleSuiteWorker(scratch));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return withWorker(bundle, async (worker) => {
    const timeVersion = async () => {
      const start = performance.now();
      const { status } = await request(worker, "/version");
      const ms = performance.now() - start;
      if (status !== 200) throw new Error(`GET /version answered ${status}`);
      return ms;
    };
    const firstMs = await timeVersion();
    const secondMs = await timeVersion();
    return { firstMs, secondMs };
  });
}

/** The Wrangler CLI installed as a dev dependency of the package (run with node). */
function wranglerScript() {
  return join(packagePath, "node_modules", "wrangler", "bin", "wrangler.js");
}
