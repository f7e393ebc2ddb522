// What the shared suites (machinery.mjs, conformance.mjs) are made of: a list of
// { name, run } cases, a runner that works outside any test framework (in every
// runtime the package targets), and assertions that use no runtime-specific API.

/** Runs the cases in order; returns { passed, failed, failures }. */
export async function runAll(cases) {
  const failures = [];
  let passed = 0;
  for (const { name, run } of cases) {
    try {
      await run();
      passed += 1;
    } catch (error) {
      failures.push({ name, message: String(error?.stack ?? error) });
    }
  }
  return { passed, failed: failures.length, failures };
}

/** What `fn` throws; fails when it throws nothing. */
export function expectThrow(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}

export function assertTrue(condition, label) {
  if (!condition) throw new Error(`assertion failed: ${label}`);
}

/**
 * Compares by value: arrays and plain objects element by element, everything else
 * with Object.is, so that 1n and 1 differ (a 64-bit integer must be a bigint).
 */
export function assertEqual(actual, expected, label) {
  if (!equal(actual, expected)) {
    throw new Error(`${label}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function equal(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => equal(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]))
    );
  }
  return Object.is(a, b);
}

function isPlainObject(value) {
  return value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** JSON, with bigints written as JavaScript writes them (`4n`). */
function show(value) {
  return JSON.stringify(value, (_, item) => (typeof item === "bigint" ? `${item}n` : item));
}
