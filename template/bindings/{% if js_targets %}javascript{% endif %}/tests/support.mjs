// Helpers for the Node tests.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = new URL("../", import.meta.url);
export const vectors = JSON.parse(
  readFileSync(new URL("../../../tests/vectors.json", import.meta.url), "utf8"),
);
export const packageJson = JSON.parse(readFileSync(new URL("package.json", packageDir), "utf8"));

/** Fails with a clear message when `npm run build` has not been run. */
export function requireBuilt(dir = "dist") {
  if (!existsSync(new URL(`${dir}/wasm/bindings_bg.wasm`, packageDir))) {
    throw new Error(`${dir}/ is missing or incomplete: run \`npm run build\` first`);
  }
}

/**
 * The runtime-neutral API of a build (`dir`, a URL or a path relative to the
 * package), initialised from its .wasm bytes: what every entry of the package
 * exports, whichever runtimes the package was generated for.
 */
export async function loadBuild(dir = "dist") {
  const root = new URL(`${dir}/`, packageDir);
  const api = await import(new URL("api.js", root).href);
  api.initSync(readFileSync(new URL("wasm/bindings_bg.wasm", root)));
  return api;
}

/**
 * A copy of the package in `scratch` whose dist/ is the `testing` build
 * (build/testing, made by `npm test`), for runtimes that import the package by name.
 */
export function testingPackage(scratch) {
  requireBuilt("build/testing");
  const root = mkdtempSync(join(scratch, "package-testing-"));
  cpSync(new URL("package.json", packageDir), join(root, "package.json"));
  cpSync(new URL("build/testing", packageDir), join(root, "dist"), { recursive: true });
  return root;
}

/**
 * Makes the package importable by its npm name from `folder`, as `npm install` of a
 * file: dependency would (node_modules/<name> links to `packageRoot`), minus the install.
 */
export function linkPackageInto(folder, packageRoot = fileURLToPath(packageDir)) {
  const link = join(folder, "node_modules", ...packageJson.name.split("/"));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(packageRoot, link, "dir");
}
