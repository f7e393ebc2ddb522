// The type declarations and the runtime agree on the public names. The declarations
// are emitted by tsc from js/'s JSDoc, so they cannot lose a function; this test
// reads them with the TypeScript compiler, the way a TypeScript user's editor does,
// and fails when a runtime export has no declaration or a declaration no export.
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { packageDir, packageJson, requireBuilt } from "./support.mjs";

requireBuilt();
requireBuilt("build/testing");
const scratch = mkdtempSync(join(tmpdir(), "api-surface-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
const typesFile = fileURLToPath(new URL(packageJson.types, packageDir));

/** The names a module exports at runtime, `default` included. */
async function runtimeNames(file) {
  return Object.keys(await import(new URL(file, packageDir).href)).sort();
}

/** The value names (not types) that a declaration file exports, as tsc resolves them. */
function declaredValueNames(declarationFile) {
  const program = ts.createProgram([declarationFile], {
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(declarationFile));
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

test("the declarations name exactly the values the package exports at runtime", async () => {
  assert.deepEqual(declaredValueNames(typesFile), await runtimeNames("dist/api.js"));
});

test("negative control: a declaration without an implementation is caught", async () => {
  const copy = join(scratch, "drifted");
  cpSync(new URL("dist", packageDir), copy, { recursive: true });
  const planted = "plantedByTheNegativeControl";
  appendFileSync(join(copy, "api.d.ts"), `export declare function ${planted}(): void;\n`);
  const declared = declaredValueNames(join(copy, "api.d.ts"));
  assert.ok(declared.includes(planted));
  assert.notDeepEqual(declared, await runtimeNames("dist/api.js"));
});

test("negative control: an export without a declaration is caught", async () => {
  // The testing build exports more (panicForTesting, ...) than dist's declarations say.
  assert.notDeepEqual(declaredValueNames(typesFile), await runtimeNames("build/testing/api.js"));
});

/** Names that tsc's declaration emit makes of private members it cannot express. */
const LEAKED_PRIVATE = /__#private@|"#\w+"/;

test("the declarations name no private member", () => {
  for (const dir of ["dist", "build/testing"]) {
    const emitted = new URL(`${dir}/`, packageDir);
    for (const file of ["api.d.ts", "runtime.d.ts", "errors.d.ts"]) {
      const text = readFileSync(new URL(file, emitted), "utf8");
      assert.doesNotMatch(text, LEAKED_PRIVATE, `${dir}/${file}`);
    }
  }
});

test("negative control: a private static method leaks into the declarations", () => {
  const source = join(scratch, "private-static.js");
  writeFileSync(
    source,
    "export class A {\n  static #adopt() {}\n  static make() {\n    return A.#adopt();\n  }\n}\n",
  );
  const program = ts.createProgram([source], {
    allowJs: true,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: join(scratch, "private-static-out"),
    target: ts.ScriptTarget.ES2022,
  });
  program.emit();
  const emitted = readFileSync(join(scratch, "private-static-out", "private-static.d.ts"), "utf8");
  assert.match(emitted, LEAKED_PRIVATE);
});
