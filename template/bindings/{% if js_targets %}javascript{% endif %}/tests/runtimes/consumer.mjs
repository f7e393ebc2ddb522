// Runs a shared suite in another JavaScript runtime (Deno, Bun) the way a user's
// project would see the package: a fresh folder whose node_modules holds the
// package under its own name, resolved through the exports map.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linkPackageInto, packageDir, packageJson, testingPackage } from "../support.mjs";

const SUITES = {
  // The library's API against the package as built for users (dist/).
  conformance: { file: "../conformance.mjs", packageRoot: () => fileURLToPath(packageDir) },
  // The machinery against the `testing` build.
  machinery: { file: "../machinery.mjs", packageRoot: (scratch) => testingPackage(scratch) },
};

/**
 * Runs `runtime` (a command line, e.g. ["deno", "run"]) on a script that imports the
 * package by name, runs `suite` ("conformance" or "machinery") and prints the result
 * as JSON; returns that result, { passed, failed, failures }.
 */
export function runSuiteIn(runtime, suite) {
  const { file, packageRoot } = SUITES[suite];
  const dir = mkdtempSync(join(tmpdir(), "consumer-"));
  try {
    linkPackageInto(dir, packageRoot(dir));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    const url = (path) => JSON.stringify(new URL(path, import.meta.url).href);
    writeFileSync(
      join(dir, "main.mjs"),
      [
        `import * as api from ${JSON.stringify(packageJson.name)};`,
        `import vectors from ${url("../../../../tests/vectors.json")} with { type: "json" };`,
        `import { cases } from ${url(file)};`,
        `import { runAll } from ${url("../suite.mjs")};`,
        `await api.init();`,
        `console.log(JSON.stringify(await runAll(cases(api, vectors))));`,
      ].join("\n"),
    );
    const [command, ...args] = runtime;
    const output = execFileSync(command, [...args, "main.mjs"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    });
    return JSON.parse(output.trim().split("\n").at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The command of a runtime installed from npm as a dev dependency: its package's
 * `bin`, run with this very Node.js when it is a script. Not node_modules/.bin,
 * which holds shell scripts and .cmd shims on Windows that no shell-less spawn runs.
 */
export function npmBinary(name) {
  const manifest = new URL(`node_modules/${name}/package.json`, packageDir);
  const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
  const file = fileURLToPath(new URL(typeof bin === "string" ? bin : bin[name], manifest));
  return /\.[cm]?js$/.test(file) ? [process.execPath, file] : [file];
}
