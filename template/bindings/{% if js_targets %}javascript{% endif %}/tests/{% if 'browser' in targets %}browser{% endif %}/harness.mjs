// Node-side helpers for browser.test.mjs: a static file server on loopback, a
// headless Chromium, and a way to open a test page and read what it reported.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  // Without this type, WebAssembly.compileStreaming refuses the file.
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

/**
 * Serves files over HTTP on 127.0.0.1 (a free port). `mounts` maps URL prefixes to
 * folders (prefix ending in "/") or single files; the longest matching prefix wins.
 * Returns { origin, close() }.
 * @param {Record<string, string>} mounts
 */
export async function startServer(mounts) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((request, response) => {
    const file = fileFor(new URL(request.url ?? "/", "http://localhost").pathname);
    if (file === null) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": MIME_TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    response.end(readFileSync(file));
  });

  /** The file a URL path names, or null; never a file outside the mounted folders. */
  function fileFor(pathname) {
    const path = decodeURIComponent(pathname);
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    if (prefix === undefined) return null;
    const root = resolve(mounts[prefix]);
    const file = prefix.endsWith("/") ? resolve(join(root, path.slice(prefix.length))) : root;
    if (file !== root && !file.startsWith(root + sep)) return null;
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }

  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done(undefined));
      }),
  };
}

/**
 * Launches the Chromium installed on this machine (playwright-core brings no
 * browser of its own). CHROMIUM_PATH overrides where it is looked for.
 */
export async function launchChromium() {
  const executablePath = findChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 20_000,
    // Playwright already gives Chromium a fresh temporary profile and, by default,
    // --no-sandbox (which Chromium requires when run as root, as in containers).
    // The rest keeps Chromium from reaching out to Google's servers: offline, it
    // would otherwise stall on them.
    args: [
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

function findChromium() {
  const candidates = process.env.CHROMIUM_PATH
    ? [process.env.CHROMIUM_PATH]
    : [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        ...windowsChromiums(),
        playwrightChromium(),
      ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `Chromium was not found (looked at ${candidates.join(", ")}): install it with ` +
        "`apt-get install chromium` (Debian/Ubuntu), `brew install --cask chromium` " +
        "(macOS) or `npx playwright install chromium`, or set CHROMIUM_PATH to its binary",
    );
  }
  return found;
}

/** Where Chrome and Edge, both Chromium, install themselves on Windows. */
function windowsChromiums() {
  const roots = ["PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA"].map(
    (name) => process.env[name],
  );
  return roots
    .filter((root) => root !== undefined)
    .flatMap((root) => [
      join(root, "Google", "Chrome", "Application", "chrome.exe"),
      join(root, "Microsoft", "Edge", "Application", "msedge.exe"),
    ]);
}

/** Where `npx playwright install chromium` puts its own build, if known here. */
function playwrightChromium() {
  try {
    return chromium.executablePath();
  } catch {
    return ""; // a platform Playwright has no build for
  }
}

/**
 * Opens `url` in a new page and waits until the page publishes `window.outcome`
 * (see scenarios.mjs). Resolves to { result, errors }: what the page's scenario
 * returned, and what the page logged as errors. Rejects, with those errors, when
 * the scenario throws or the page takes longer than `timeout` ms.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 */
export async function outcomeOf(browser, url, { timeout = 10_000 } = {}) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  page.on("requestfailed", (request) =>
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  try {
    await page.goto(url, { timeout });
    await page.waitForFunction(() => "outcome" in window, undefined, { timeout });
    const outcome = await page.evaluate(() => /** @type {any} */ (window).outcome);
    if (!outcome.ok) {
      throw new Error(`the page threw: ${outcome.error.stack ?? outcome.error.message}`);
    }
    return { result: outcome.value, errors };
  } catch (error) {
    const log = errors.length > 0 ? errors.join("\n") : "(the page logged no errors)";
    throw new Error(`${url}: ${error.message}\nPage errors:\n${log}`, { cause: error });
  } finally {
    await page.close();
  }
}
