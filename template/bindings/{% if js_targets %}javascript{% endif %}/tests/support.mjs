// Helpers for the Node tests.
import { existsSync, readFileSync } from "node:fs";

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
