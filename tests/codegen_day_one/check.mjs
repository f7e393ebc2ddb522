// @ts-check
// Uses every form of the day-one API from JavaScript; prints the lines check.py
// prints. tsc --strict checks this file against the generated declarations.
import * as lib from "PACKAGE";

/** @param {lib.Version} version */
function showVersion(version) {
  return `${version.major} ${version.minor} ${version.patch} ${version.pre ?? "None"}`;
}

/** @param {boolean} flag */
const py = (flag) => (flag ? "True" : "False");

/** @param {unknown} error @returns {never} */
function unexpected(error) {
  throw error;
}

const version = lib.parse("1.2.3-rc.1");
console.log("parse:", showVersion(version));
console.log("str:", `${version.major}.${version.minor}.${version.patch}-${version.pre}`);
console.log("bump:", showVersion(lib.bump(version, lib.Level.Minor)));
console.log("bump by:", showVersion(lib.bump(version, lib.Level.Major, 2n)));
/** @type {lib.Version} */
const literal = { major: 1n, minor: 2n, patch: 3n, pre: "rc.1" };
console.log("record ==:", py(JSON.stringify(literal, (_, v) => (typeof v === "bigint" ? `${v}` : v)) === JSON.stringify(version, (_, v) => (typeof v === "bigint" ? `${v}` : v))));
const bytes = new TextEncoder().encode("polybind");
console.log("fingerprint:", String(lib.fingerprint(bytes)));
console.log("fingerprint > 2^53:", py(lib.fingerprint(bytes) > 2n ** 53n));
console.log("fingerprint bytearray:", String(lib.fingerprint(bytes.buffer)));
console.log("fingerprint memoryview:", String(lib.fingerprint(new DataView(bytes.buffer))));
console.log("encode:", `[${[...lib.encode(version)].join(", ")}]`);
console.log("area circle:", String(Math.round(lib.area({ tag: "Circle", radius: 1 }) * 1e6) / 1e6));
console.log("area rect:", lib.area({ tag: "Rect", width: 2, height: 3 }).toFixed(1));
console.log("area empty:", lib.area({ tag: "Empty" }).toFixed(1));
const tally = lib.tally([lib.Level.Major, lib.Level.Patch, lib.Level.Major]);
console.log("tally:", `[${[...tally].sort().map(([k, v]) => `('${k}', ${v})`).join(", ")}]`);
console.log("level ==:", py(lib.Level.Major === "Major"), py(/** @type {string} */ (lib.Level.Major) === lib.Level.Minor));
console.log("level hash:", String(new Set([lib.Level.Major, lib.Level.Major, lib.Level.Minor]).size));
try {
  lib.parse("1.x");
} catch (error) {
  if (!(error instanceof lib.ParseError)) unexpected(error);
  console.log("parse error:", error.code, String(error.position), error.expected, error.message);
}
try {
  lib.bump({ major: 2n ** 64n - 1n, minor: 0n, patch: 0n, pre: undefined }, lib.Level.Major);
} catch (error) {
  if (!(error instanceof lib.OverflowError)) unexpected(error);
  // The package's base error, named after the project: the class InitError extends.
  const BaseError = /** @type {typeof Error} */ (Object.getPrototypeOf(lib.InitError));
  console.log("overflow:", error.code, py(error instanceof BaseError));
}
try {
  lib.checkName("Type");
} catch (error) {
  if (!(error instanceof lib.TypeError)) unexpected(error);
  console.log("type error:", error.code, error.value);
}
console.log(
  "describe:",
  lib.describe("demo", version, lib.Level.Patch, [{ tag: "Empty" }], new Map([["b", 2], ["a", 1.5]]), [7, "seven"], new TextEncoder().encode("xyz")),
);
console.log(
  "describe keywords:",
  lib.describe("demo", version, lib.Level.Patch, [], new Map(), [0, ""], new Uint8Array(), "given", 2n ** 60n),
);
const registry = lib.Registry.fromList([["alpha", lib.parse("1.0.0")], ["beta", version]]);
const other = new lib.Registry();
other.add("gamma", lib.parse("3.0.0"));
registry.merge(other);
console.log("size:", String(registry.size));
const entry = lib.Registry.parseEntry("zeta@1.0.0");
console.log("parse entry:", String(entry?.size ?? "None"), String(lib.Registry.parseEntry("zeta") ?? "None"));
console.log("str registry:", registry.toString());
const newer = registry.atLeast(lib.parse("1.2.0"));
console.log("at least:", `[${[...newer.entries().keys()].sort().map((k) => `'${k}'`).join(", ")}]`);
console.log("isinstance:", py(newer instanceof lib.Registry));
const found = registry.get("gamma");
console.log("get:", found ? showVersion(found) : "None", registry.get("zeta") ?? "None");
console.log("delete:", py(registry.delete("alpha")), py(registry.delete("alpha")));
console.log("class ==:", py(registry.equals(registry.atLeast(lib.parse("0.0.0")))));
const decoder = new TextDecoder();
/** @type {Uint8Array[]} */
const pieces = lib.chunks(new TextEncoder().encode("polybind"), 3);
console.log("chunks:", `[${pieces.map((piece) => `'${decoder.decode(piece)}'`).join(", ")}]`);
console.log("join:", decoder.decode(lib.join([new TextEncoder().encode("poly"), new TextEncoder().encode("bind")])));
const record = lib.pieces(new TextEncoder().encode("polybind"), 5);
console.log("pieces:", String(record.size), `[${record.parts.map((part) => `'${decoder.decode(part)}'`).join(", ")}]`);
const same = lib.join(record.parts).join() === new TextEncoder().encode("polybind").join() && record.size === 5;
console.log("pieces ==:", py(same));
console.log("total size:", String(lib.totalSize([registry, other, registry])));
console.log("size or zero:", String(lib.sizeOrZero(registry)), String(lib.sizeOrZero(undefined)), String(lib.sizeOrZero()));
const sizes = lib.sizes(new Map([["main", registry], ["other", other]]));
console.log("sizes:", `[${[...sizes].sort().map(([k, v]) => `('${k}', ${v})`).join(", ")}]`);
const biggest = lib.largest([other, registry]);
console.log("largest:", biggest ? String(biggest.size) : "None", lib.largest([]) ?? "None");
const extra = lib.Registry.fromList([["delta", lib.parse("4.0.0")]]);
registry.mergeAll([extra, other]);
console.log("merge all:", String(registry.size), String(extra.size), String(other.size));
const parts = registry.split();
console.log(
  "split:",
  `[${[...parts.keys()].sort().map((k) => `'${k}'`).join(", ")}]`,
  `[${[...parts.values()].map((part) => part.size).sort().join(", ")}]`,
);
const crew = lib.team("ops", registry);
console.log(
  "team:",
  crew.owner,
  String(crew.registry.size),
  py(crew.registry instanceof lib.Registry),
  crew.previous ? String(crew.previous.size) : "None",
);
console.log("team size:", String(lib.teamSize([crew, { owner: "dev", registry: other, previous: undefined }])));
/** @type {any[]} */
const wrong = [registry, 1];
try {
  lib.totalSize(wrong);
} catch (error) {
  if (!(error instanceof TypeError)) unexpected(error);
  console.log("not a class:", py(error.message.includes("registries")));
}
// A freed instance inside a list is refused as any freed instance is, and the
// others stay usable.
const freed = lib.Registry.fromList([]);
freed.free();
let refused = false;
try {
  lib.totalSize([registry, freed]);
} catch (error) {
  if (!(error instanceof TypeError) || !error.message.includes("freed")) unexpected(error);
  refused = true;
}
if (!refused || registry.size !== 3) unexpected(new Error("a freed Registry inside a list was not refused"));
