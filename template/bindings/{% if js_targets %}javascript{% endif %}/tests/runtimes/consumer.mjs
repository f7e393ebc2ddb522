// Runs the conformance suite in another JavaScript runtime (Deno, Bun) the way a
// user's project would see the package: a fresh folder whose node_modules holds
// the package under its own name, resolved through the exports map.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linkPackageInto, packageDir, packageJson } from "../support.mjs";

/**
 * Runs `runtime` (a command line, e.g. ["deno", "run"]) on a script that imports the
 * package by name and prints the conformance result as JSON; returns that result.
 */
export function runConformanceIn(runtime) {
  const dir = mkdtempSync(join(tmpdir(), "consumer-"));
  try {
    linkPackageInto(dir);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    copyFileSync(
      fileURLToPath(new URL("../../../../tests/vectors.json", import.meta.url)),
      join(dir, "vectors.json"),
    );
    copyFileSync(
      fileURLToPath(new URL("../conformance.mjs", import.meta.url)),
      join(dir, "conformance.mjs"),
    );
    writeFileSync(
      join(dir, "main.mjs"),
      [
        `import * as api from ${JSON.stringify(packageJson.name)};`,
        `import vectors from "./vectors.json" with { type: "json" };`,
        `import { runAll } from "./conformance.mjs";`,
        `console.log(JSON.stringify(await runAll(api, vectors)));`,
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

/** The binary of a runtime installed from npm as a dev dependency. */
export function npmBinary(name) {
  return fileURLToPath(new URL(`node_modules/.bin/${name}`, packageDir));
}
