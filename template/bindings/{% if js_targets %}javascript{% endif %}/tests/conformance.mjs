// The library's API, checked in every runtime: the shared vectors of
// tests/vectors.json and what only JavaScript has (argument types, `free`). Each
// runtime's runner imports the package its own way and runs these cases; they use
// no runtime-specific API. This file tests the sample library: when you replace
// the sample with your own API, replace these cases with yours (README.md).
//
// cases(api, vectors) returns [{ name, run }], where `api` is the imported package
// and `vectors` the parsed tests/vectors.json of the workspace. 64-bit integers
// are decimal strings there (JSON numbers lose precision above 2^53) and bigints
// here: `BigInt(vector.total)`.
import { assertEqual, assertTrue, expectThrow } from "./suite.mjs";

export function cases(api, vectors) {
  const list = [];
  const test = (name, run) => list.push({ name, run });

  for (const vector of vectors.greet) {
    test(`greet ${JSON.stringify(vector)}`, () => {
      const args = "language" in vector ? [vector.name, vector.language] : [vector.name];
      if ("error" in vector) {
        const error = expectThrow(() => api.greet(...args));
        assertEqual(error.code, vector.error, "error code");
        assertTrue(error instanceof api[`${pascal(vector.error)}Error`], "error class");
        for (const [field, value] of Object.entries(vector.fields ?? {})) {
          assertEqual(error[field], value, `error field ${field}`);
        }
      } else {
        assertEqual(api.greet(...args), vector.expected, "greeting");
      }
    });
  }
  for (const vector of vectors.crc32) {
    test(`crc32 of ${vector.hex.length / 2} bytes`, () => {
      assertEqual(api.crc32(fromHex(vector.hex)), vector.expected, "crc32");
    });
  }
  vectors.word_counter.forEach((vector, index) => {
    test(`WordCounter vector ${index}`, () => {
      const counter = new api.WordCounter();
      for (const text of vector.texts) counter.add(text);
      for (const [word, count] of Object.entries(vector.counts)) {
        assertEqual(counter.count(word), BigInt(count), `count(${word})`);
      }
      assertEqual(counter.total, BigInt(vector.total), "total");
      assertEqual(
        counter.mostCommon(vector.most_common.n),
        vector.most_common.expected.map(([word, count]) => [word, BigInt(count)]),
        "mostCommon",
      );
      counter.free();
    });
  });

  test("errors share the package's base class and a stable code", () => {
    const error = expectThrow(() => api.greet(""));
    const base = Object.getPrototypeOf(api.EmptyNameError);
    assertTrue(error instanceof base && error instanceof Error, "instanceof base and Error");
    assertEqual(error.name, "EmptyNameError", "name");
    assertTrue(error.message.length > 0, "message is not empty");
  });
  test("crc32 accepts ArrayBuffer and other views", () => {
    const bytes = new TextEncoder().encode("123456789");
    assertEqual(api.crc32(bytes.buffer), 0xcbf43926, "ArrayBuffer");
    assertEqual(api.crc32(new DataView(bytes.buffer)), 0xcbf43926, "DataView");
  });
  test("wrong argument types throw TypeError", () => {
    assertTrue(expectThrow(() => api.greet(42)) instanceof TypeError, "greet(42)");
    assertTrue(expectThrow(() => api.crc32("text")) instanceof TypeError, "crc32('text')");
  });
  test("a string with a lone surrogate throws TypeError, never becomes U+FFFD", () => {
    for (const text of ["\uD800", "a\uDC00b", "\uDBFF"]) {
      assertTrue(expectThrow(() => api.greet(text)) instanceof TypeError, "greet");
      const counter = new api.WordCounter();
      assertTrue(expectThrow(() => counter.add(text)) instanceof TypeError, "add");
      counter.free();
    }
    assertEqual(api.greet("\u{1F600}"), "Hello, \u{1F600}!", "a surrogate pair is one character");
  });
  test("an integer argument out of its Rust type's range throws RangeError, not wraps", () => {
    const counter = new api.WordCounter();
    for (const n of [-1, 2 ** 32, 1.5, Number.NaN]) {
      assertTrue(expectThrow(() => counter.mostCommon(n)) instanceof RangeError, `${n}`);
    }
    counter.free();
  });
  test("a freed WordCounter refuses further use", () => {
    const counter = new api.WordCounter();
    counter.free();
    assertTrue(expectThrow(() => counter.add("x")) instanceof TypeError, "add after free");
  });
  return list;
}

function pascal(code) {
  return code
    .toLowerCase()
    .split("_")
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join("");
}

function fromHex(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}
