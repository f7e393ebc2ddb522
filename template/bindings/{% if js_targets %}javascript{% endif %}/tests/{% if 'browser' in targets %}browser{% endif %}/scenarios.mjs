// Runs in the browser, not in Node: what the test pages do with the package.
// Every page calls publish() once; the Node test waits for `window.outcome`.
// Used as plain ES modules by the HTML pages, and bundled by esbuild into page B.
import { runAll } from "../suite.mjs";

/**
 * Runs `scenario` and publishes what it returned as `window.outcome`, or what it
 * threw, so that the Node test sees the failure instead of waiting for nothing.
 * @param {() => Promise<unknown>} scenario
 */
export async function publish(scenario) {
  try {
    window.outcome = { ok: true, value: await scenario() };
  } catch (error) {
    window.outcome = { ok: false, error: describe(error) };
  }
}

/**
 * A shared suite as a browser user meets the package: calls fail until `init()` has
 * fetched the .wasm, then every case of `cases` (conformance.mjs or machinery.mjs)
 * must pass. When `init()` (or fetching the vectors) fails, that is reported as
 * `setupError`.
 * @param {any} api the package's module namespace, imported by name
 * @param {(api: any, vectors: any) => Array<{ name: string, run: () => unknown }>} cases
 */
export async function suite(api, cases) {
  const thrown = thrownBy(() => api.version());
  const beforeInit = {
    ...describe(thrown),
    isNotInitializedError: thrown instanceof api.NotInitializedError,
  };
  try {
    await api.init(); // the default export, `init`, is the same function
    const vectors = await (await fetch("/vectors.json")).json();
    return { beforeInit, suite: await runAll(cases(api, vectors)) };
  } catch (error) {
    return { beforeInit, setupError: describe(error) };
  }
}

/**
 * What `init(url)` does when `url` cannot be fetched: it must reject with an
 * InitError; `settled` tells a rejection from a resolution.
 * @param {any} api the package's module namespace
 * @param {string} url
 */
export async function initFrom(api, url) {
  try {
    await api.init(new URL(url, location.href));
    return { settled: "resolved" };
  } catch (error) {
    return {
      settled: "rejected",
      ...describe(error),
      isInitError: error instanceof api.InitError,
    };
  }
}

function thrownBy(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** An error as plain data, since Error objects do not survive the trip to Node. */
function describe(error) {
  if (!(error instanceof Error)) return { isError: false, value: String(error) };
  const { name, message, stack } = error;
  return { isError: true, name, message, stack, code: /** @type {any} */ (error).code };
}
