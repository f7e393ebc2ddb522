// The type declarations and the runtime agree on the public names: a function
// added to js/api.js but not to js/index.d.ts (or the other way round) fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { packageDir, requireBuilt } from "./support.mjs";

requireBuilt();
const api = await import(new URL("dist/node.js", packageDir).href);
const declarations = readFileSync(new URL("dist/index.d.ts", packageDir), "utf8");
const runtimeNames = Object.keys(api).sort();

/** The value names a declaration file exports; types and interfaces are left out. */
function declaredValueNames(text) {
  const names = new Set();
  for (const [, name] of text.matchAll(/^export declare (?:function|class|const) (\w+)/gm)) {
    names.add(name);
  }
  for (const [, list] of text.matchAll(/^export \{([^}]*)\};?$/gm)) {
    for (const item of list.split(",")) {
      const [name, alias] = item.trim().split(/\s+as\s+/);
      names.add(alias ?? name);
    }
  }
  if (/^export default /m.test(text)) names.add("default");
  return [...names].sort();
}

test("index.d.ts declares exactly the names the package exports at runtime", () => {
  assert.deepEqual(declaredValueNames(declarations), runtimeNames);
});

test("negative control: a declaration without an implementation is caught", () => {
  const drifted = `${declarations}\nexport declare function shout(text: string): string;\n`;
  assert.notDeepEqual(declaredValueNames(drifted), runtimeNames);
});
