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

/** Compares as JSON, so that arrays and plain objects compare by value. */
export function assertEqual(actual, expected, label) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${label}: expected ${e}, got ${a}`);
}
