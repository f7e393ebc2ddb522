#!/usr/bin/env node
// Prints the package's numbers (run `npm run build` first; `npm run bench`):
//   - per-call time of crc32 on 1 KiB and of greet, through the public API and
//     through the raw wasm-bindgen export, measured in the same run (the ratio is
//     the wrapper's overhead: typed errors, lazy init, panic recovery);
//   - cold initialisation in Node (fresh process: import + first call), and in the
//     other runtimes whose test harness measures it;
//   - the .wasm size, raw and compressed (gzip and brotli, as servers send it).
// A benchmark, not a test: it prints, it never fails on a number.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url);
if (!existsSync(new URL("wasm/bindings_bg.wasm", dist))) {
  console.error("bench: dist/ is missing: run `npm run build` first");
  process.exit(1);
}
const api = await import(new URL("node.js", dist).href);
const raw = await import(new URL("wasm/bindings.js", dist).href);
api.version(); // instantiates the module that both api and raw use

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median nanoseconds per call of each function. Rounds are interleaved, and every
 * other round runs them in reverse order, so that drift and JIT warm-up hit both.
 */
function compare(functions, iterations, rounds = 15) {
  const samples = Object.fromEntries(Object.keys(functions).map((name) => [name, []]));
  for (const fn of Object.values(functions)) for (let i = 0; i < iterations; i += 1) fn(); // warm-up
  for (let round = 0; round < rounds; round += 1) {
    const order = Object.entries(functions);
    if (round % 2 === 1) order.reverse();
    for (const [name, fn] of order) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i += 1) fn();
      samples[name].push(Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, median(values)]),
  );
}

function report(label, result) {
  const ratio = result.api / result.raw;
  console.log(
    `${label.padEnd(22)} api ${result.api.toFixed(1).padStart(8)} ns/call   raw export ` +
      `${result.raw.toFixed(1).padStart(8)} ns/call   ratio ${ratio.toFixed(3)} ` +
      `(${((ratio - 1) * 100).toFixed(1)}% overhead)`,
  );
}

const kib = new Uint8Array(1024).map((_, i) => (i * 31) & 0xff);
report("crc32(1 KiB)", compare({ api: () => api.crc32(kib), raw: () => raw.crc32(kib) }, 50_000));
report(
  "greet('Ada', 'en')",
  compare({ api: () => api.greet("Ada"), raw: () => raw.greet("Ada", "en") }, 100_000),
);

const coldRuns = [];
for (let i = 0; i < 7; i += 1) {
  const script =
    "const t0 = performance.now();" +
    `const m = await import(${JSON.stringify(new URL("node.js", dist).href)});` +
    "m.greet('Ada'); console.log(performance.now() - t0);";
  coldRuns.push(
    Number(
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }),
    ),
  );
}
console.log(
  `cold init, Node          ${median(coldRuns).toFixed(2)} ms (import + first call, median of 7 fresh processes)`,
);

// The other runtimes whose test harness (tests/<runtime>/harness.mjs) can measure it.
const testsDir = new URL("../tests/", import.meta.url);
for (const entry of readdirSync(testsDir, { withFileTypes: true })) {
  const harnessFile = new URL(`${entry.name}/harness.mjs`, testsDir);
  if (!entry.isDirectory() || !existsSync(harnessFile)) continue;
  const harness = await import(harnessFile.href);
  if (typeof harness.measureColdInit === "function") {
    const { firstMs, secondMs } = await harness.measureColdInit();
    console.log(
      `cold init, ${entry.name.padEnd(12)} first request ${firstMs.toFixed(1)} ms, second ${secondMs.toFixed(1)} ms`,
    );
  }
}

const wasm = readFileSync(new URL("wasm/bindings_bg.wasm", dist));
const brotli = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
console.log(
  `.wasm size               ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} ` +
    `gzip -9 (Node's zlib), ${brotli.length} brotli -11`,
);
