// Internal: when and how the WebAssembly instance comes to life, and how failures
// inside it become JavaScript errors. Not part of the public API.
//
// Rules this module keeps, in every runtime:
// - nothing happens at import time: no top-level await, no I/O, no compilation;
// - the instance is created once, lazily, on the first call (or by `init()`);
// - a failed initialisation throws an InitError that says what failed and what to do;
// - a trap (a Rust panic) replaces the instance, so the next call works again.

import * as bindings from "./wasm/bindings.js";
import {
  EmptyNameError,
  InitError,
  NotInitializedError,
  PanicError,
  StaleObjectError,
  UnsupportedLanguageError,
} from "./errors.js";

const WASM_FILE = "bindings_bg.wasm";

/** @type {null | (() => WebAssembly.Module | BufferSource)} set by the runtime's entry */
let loadModuleSync = null;
/** @type {null | (() => unknown)} the default `init()` input of the runtime */
let defaultInput = null;
let ready = false;
/** @type {Promise<void> | null} */
let pending = null;
/** Bumped whenever the instance is replaced; objects remember theirs. */
let generation = 0;

/**
 * Called once by each entry module: how this runtime obtains the module (compiled,
 * or its bytes) synchronously, or what `init()` fetches by default (browsers).
 */
export function configure({ loadSync = null, defaultInitInput = null }) {
  loadModuleSync = loadSync;
  defaultInput = defaultInitInput;
}

/** Makes sure the instance exists; called at the start of every public call. */
export function ensureReady() {
  if (ready) return;
  if (loadModuleSync === null) {
    throw new NotInitializedError(
      "the WebAssembly module is not initialised yet: call `await init()` once " +
        "before using this package (in browsers the module has to be fetched first)",
    );
  }
  let module;
  try {
    module = loadModuleSync();
  } catch (cause) {
    throw new InitError(`could not load ${WASM_FILE}: ${describe(cause)}`, { cause });
  }
  instantiate(compileSync(module));
}

/** The generation of the current instance, for objects to detect staleness. */
export function currentGeneration() {
  ensureReady();
  return generation;
}

/** Throws StaleObjectError when `objectGeneration` is not the current one. */
export function checkGeneration(objectGeneration, className) {
  if (objectGeneration !== generation) {
    throw new StaleObjectError(
      `this ${className} belonged to a WebAssembly instance that was replaced after ` +
        `a panic, and its data is gone: create a new ${className}`,
    );
  }
}

/**
 * Explicit initialisation: needed in browsers, harmless everywhere else.
 * @param {unknown} [input] URL, path string, Request, Response, bytes,
 *   WebAssembly.Module, or a promise of one of these
 */
export function init(input) {
  if (ready) return Promise.resolve();
  if (input === undefined && defaultInput === null) {
    return new Promise((resolve) => resolve(ensureReady()));
  }
  pending ??= initAsync(input ?? defaultInput()).finally(() => {
    pending = null;
  });
  return pending;
}

/** Synchronous initialisation from a compiled module or its bytes. */
export function initSync(moduleOrBytes) {
  if (ready) return;
  instantiate(compileSync(moduleOrBytes));
}

async function initAsync(input) {
  const module = await compile(await input);
  if (!ready) instantiate(module);
}

async function compile(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (typeof input === "string" || input instanceof URL || isRequest(input)) {
    let response;
    try {
      response = await fetch(input);
    } catch (cause) {
      throw new InitError(
        `could not fetch ${WASM_FILE} from ${describeInput(input)}: ${describe(cause)}; ` +
          `serve the file and pass its URL to init()`,
        { cause },
      );
    }
    return compile(response);
  }
  if (typeof Response === "function" && input instanceof Response) {
    if (!input.ok) {
      throw new InitError(
        `could not fetch ${WASM_FILE}: ${input.status} ${input.statusText} for ` +
          `${input.url || "the response given to init()"}; make sure the file is served ` +
          `next to the package's JavaScript, or pass its URL to init()`,
      );
    }
    const bytes = await input.arrayBuffer();
    return wrapCompileErrors(() => WebAssembly.compile(bytes));
  }
  return compileSync(input);
}

function compileSync(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (!(input instanceof ArrayBuffer || ArrayBuffer.isView(input))) {
    throw new InitError(
      `init() cannot load the WebAssembly module from ${describeInput(input)}: pass a ` +
        `URL, a Response, the bytes of ${WASM_FILE} or a WebAssembly.Module`,
    );
  }
  return wrapCompileErrors(() => new WebAssembly.Module(input));
}

function wrapCompileErrors(compileFn) {
  const onError = (cause) => {
    throw new InitError(
      `${WASM_FILE} could not be compiled: ${describe(cause)}; the file is damaged ` +
        `or not WebAssembly (a server answering with an HTML page does this): ` +
        `reinstall the package or check what serves the file`,
      { cause },
    );
  };
  try {
    const result = compileFn();
    return result instanceof Promise ? result.then((module) => module, onError) : result;
  } catch (cause) {
    return onError(cause);
  }
}

function instantiate(module) {
  const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
  const missing = ["__wbindgen_start", "greet"].filter((name) => !exported.has(name));
  if (missing.length > 0) {
    throw new InitError(
      `the WebAssembly module is not this package's ${WASM_FILE} (it lacks the ` +
        `export${missing.length > 1 ? "s" : ""} ${missing.join(", ")}): pass the file ` +
        `shipped in the package's wasm/ folder`,
    );
  }
  try {
    bindings.initSync({ module });
  } catch (cause) {
    throw new InitError(
      `instantiating ${WASM_FILE} failed: ${describe(cause)}; the .wasm and the ` +
        `JavaScript must come from the same build: reinstall the package`,
      { cause },
    );
  }
  ready = true;
}

/**
 * Turns what a call into the WebAssembly module threw into the error to rethrow.
 * A trap leaves the instance unusable (its stack and heap are in an unknown state),
 * so it is replaced by a fresh instance of the same compiled module.
 */
export function translateError(error) {
  if (error instanceof bindings.CoreError) {
    const { code, message } = error;
    error.free();
    return errorFromCode(code, message);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    bindings.__wbg_reset_state();
    generation += 1;
    return new PanicError(`the Rust code panicked: ${error.message}`, { cause: error });
  }
  return error;
}

/** The error classes of the codes the Rust core reports (core/src/error.rs). */
const ERRORS_BY_CODE = {
  EMPTY_NAME: EmptyNameError,
  UNSUPPORTED_LANGUAGE: UnsupportedLanguageError,
};
/** The package's base error class, the parent of every specific one. */
const BaseError = Object.getPrototypeOf(EmptyNameError);

/** The error for a code reported by the Rust core; unknown codes get the base class. */
function errorFromCode(code, message) {
  const ErrorClass = ERRORS_BY_CODE[code];
  if (ErrorClass) return new ErrorClass(message);
  return new BaseError(code, message);
}

function isRequest(value) {
  return typeof Request === "function" && value instanceof Request;
}

function describe(error) {
  if (error instanceof Error) {
    return error.code ? `${error.message} (${error.code})` : error.message;
  }
  return String(error);
}

function describeInput(input) {
  if (input === null || input === undefined) return String(input);
  if (isRequest(input)) return input.url;
  if (typeof input === "string" || input instanceof URL) return String(input);
  return `a ${Object.prototype.toString.call(input).slice(8, -1)}`;
}
