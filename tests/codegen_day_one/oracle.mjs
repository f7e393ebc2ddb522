// The day-one API called from JavaScript, for differential.py: one call per line
// of standard input, one result per line of standard output, both in the tagged JSON
// that differential.py describes. Python makes the same calls and compares.
import { createInterface } from "node:readline";
import * as lib from "PACKAGE";

// The negative control: what the package would give if it converted a u64 through
// `number`, as codegen did before bigint (rounded above 2^53).
const roundU64 = process.env.DIFFERENTIAL_NEGATIVE_CONTROL === "round-u64";

const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
const snake = (name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function decode(value) {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value !== "object") return value;
  if ("u64" in value) return BigInt(value.u64);
  if ("bytes" in value) return Uint8Array.from(Buffer.from(value.bytes, "hex"));
  if ("level" in value) return lib.Level[value.level];
  if ("record" in value) {
    const entries = Object.entries(value.fields).map(([key, field]) => [camel(key), decode(field)]);
    return Object.fromEntries(entries);
  }
  throw new Error(`cannot decode ${JSON.stringify(value)}`);
}

function encode(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return { int: (roundU64 ? BigInt(Number(value)) : value).toString() };
  if (typeof value === "number") return Number.isInteger(value) ? { int: String(value) } : { float: value };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString("hex") };
  if (Array.isArray(value)) return value.map(encode);
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [key, encode(item)]);
    return { map: entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  if (typeof value === "object") {
    const fields = Object.entries(value).map(([key, field]) => [snake(key), encode(field)]);
    return { record: Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
  return value;
}

function call({ function: name, args }) {
  try {
    return { ok: encode(lib[camel(name)](...args.map(decode))) };
  } catch (error) {
    // The package's errors carry a `code`; anything else is a difference.
    if (typeof error?.code !== "string") return { unexpected: `${error.name}: ${error.message}` };
    const fields = Object.entries(error)
      .filter(([key]) => key !== "code" && key !== "name")
      .map(([key, field]) => [snake(key), encode(field)]);
    return {
      error: error.constructor.name,
      code: error.code,
      message: error.message,
      fields: Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  process.stdout.write(`${JSON.stringify(call(JSON.parse(line)))}\n`);
}
