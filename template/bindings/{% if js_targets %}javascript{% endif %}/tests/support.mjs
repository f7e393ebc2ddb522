// Helpers for the Node tests.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
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
 * Makes the package importable by its npm name from `folder`, as `npm install` of a
 * file: dependency would (node_modules/<name> links to `packageRoot`), minus the install.
 */
export function linkPackageInto(folder, packageRoot = fileURLToPath(packageDir)) {
  const link = join(folder, "node_modules", ...packageJson.name.split("/"));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(packageRoot, link, "dir");
}
