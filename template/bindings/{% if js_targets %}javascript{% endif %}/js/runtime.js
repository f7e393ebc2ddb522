// Internal: when and how the WebAssembly instance comes to life, and how failures
// inside it become JavaScript errors. Not part of the public API.
//
// Rules this module keeps, in every runtime:
// - nothing happens at import time: no top-level await, no I/O, no compilation;
// - the instance is created once, lazily, on the first call (or by `init()`);
// - a failed initialisation throws an InitError that says what failed and what to do;
// - a trap (a Rust panic) replaces the instance, so the next call works again.

import * as bindings from "./wasm/bindings.js";
import * as errors from "./errors.js";

const { InitError, NotInitializedError, PanicError, StaleObjectError } = errors;

const WASM_FILE = "bindings_bg.wasm";

/** @typedef {WebAssembly.Module | ArrayBuffer | ArrayBufferView} ModuleOrBytes */
/** @typedef {string | URL | Request | Response | ModuleOrBytes} InitInput */
/**
 * What wasm-bindgen makes of a Rust struct: a JavaScript object owning Rust memory.
 * @typedef {object} Freeable
 * @property {() => void} free releases the Rust memory
 */

/** @type {null | (() => ModuleOrBytes)} set by the runtime's entry */
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
 * or its bytes) synchronously, or what `init()` loads by default.
 * @param {object} how
 * @param {null | (() => ModuleOrBytes)} [how.loadSync]
 * @param {null | (() => unknown)} [how.defaultInitInput]
 */
export function configure({ loadSync = null, defaultInitInput = null }) {
  loadModuleSync = loadSync;
  defaultInput = defaultInitInput;
}

/** Makes sure the instance exists; called at the start of every public call. */
function ensureReady() {
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

/**
 * Runs `operation` (a call into the wasm-bindgen glue) the way every public function
 * of the package does: makes sure the instance exists, then turns what the call
 * throws into this package's errors.
 * @template T
 * @param {() => T} operation
 * @returns {T}
 */
export function call(operation) {
  ensureReady();
  try {
    return operation();
  } catch (error) {
    throw translateError(error);
  }
}

/** The Rust object that `adopt` hands to the next Handle, or null. */
/** @type {Freeable | null} */
let adopting = null;

/**
 * An instance of the public class `PublicClass` around a Rust object that already
 * exists, such as the result of a static named constructor or of a method that
 * returns a new object: `adopt(Registry, () => bindings.Registry.fromList(list))`.
 * `create` runs as `call` runs it; then `new PublicClass()` runs with no
 * arguments, and the first Handle its construction makes takes the object instead
 * of calling its own `create`. So a constructor with parameters checks them inside
 * the `create` it gives its Handle, not before.
 * @template {object} C
 * @param {new (...args: never[]) => C} PublicClass
 * @param {() => Freeable} create
 * @returns {C}
 */
export function adopt(PublicClass, create) {
  adopting = call(create);
  try {
    return new /** @type {new () => C} */ (PublicClass)();
  } finally {
    adopting?.free(); // a class that made no Handle: release the object
    adopting = null;
  }
}

/**
 * The Rust object behind a public class (what `new bindings.SomeClass()` returns),
 * tied to the instance that created it. After a panic replaces the instance, the
 * object's memory is gone: calls throw StaleObjectError instead of reading garbage.
 * @template {Freeable} T
 */
export class Handle {
  /** @type {T | undefined} */
  #inner;
  #generation;
  #className;

  /**
   * @param {string} className the public class, for error messages
   * @param {() => T} create calls the glue's constructor
   */
  constructor(className, create) {
    this.#className = className;
    if (adopting === null) {
      this.#inner = call(create);
    } else {
      this.#inner = /** @type {T} */ (adopting);
      adopting = null;
    }
    this.#generation = generation;
  }

  /**
   * Runs `operation` on the Rust object, as `call` does.
   * @template R
   * @param {(inner: T) => R} operation
   * @returns {R}
   */
  call(operation) {
    const inner = this.#inner;
    if (inner === undefined) {
      throw new TypeError(`this ${this.#className} was freed; create a new one`);
    }
    if (this.#generation !== generation) {
      throw new StaleObjectError(
        `this ${this.#className} belonged to a WebAssembly instance that was replaced ` +
          `after a panic, and its data is gone: create a new ${this.#className}`,
      );
    }
    return call(() => operation(inner));
  }

  /** Releases the Rust object; a no-op when it is already freed or stale. */
  free() {
    if (this.#inner !== undefined && this.#generation === generation) this.#inner.free();
    this.#inner = undefined;
  }
}

/**
 * Loads and instantiates the WebAssembly module. Needed once where the package
 * cannot load the module by itself (in browsers it fetches the `.wasm` next to the
 * package's JavaScript by default), harmless everywhere else.
 * @param {InitInput | Promise<InitInput>} [input] where to load the module from
 * @returns {Promise<void>}
 */
export function init(input) {
  if (ready) return Promise.resolve();
  if (input === undefined && defaultInput === null) {
    return new Promise((resolve) => resolve(ensureReady()));
  }
  pending ??= initAsync(input ?? defaultInput?.()).finally(() => {
    pending = null;
  });
  return pending;
}

/**
 * Synchronous initialisation from a compiled module or its bytes.
 * @param {ModuleOrBytes} moduleOrBytes
 */
export function initSync(moduleOrBytes) {
  if (ready) return;
  instantiate(compileSync(moduleOrBytes));
}

/** @param {unknown} input */
async function initAsync(input) {
  const module = await compile(await input);
  if (!ready) instantiate(module);
}

/**
 * @param {unknown} input
 * @returns {Promise<WebAssembly.Module>}
 */
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

/**
 * @param {unknown} input
 * @returns {WebAssembly.Module}
 */
function compileSync(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (!(input instanceof ArrayBuffer || ArrayBuffer.isView(input))) {
    throw new InitError(
      `init() cannot load the WebAssembly module from ${describeInput(input)}: pass a ` +
        `URL, a Response, the bytes of ${WASM_FILE} or a WebAssembly.Module`,
    );
  }
  const bytes = /** @type {BufferSource} */ (input);
  return wrapCompileErrors(() => new WebAssembly.Module(bytes));
}

/**
 * Runs `compileFn`, turning a compile error (thrown or rejected) into an InitError.
 * @template {WebAssembly.Module | Promise<WebAssembly.Module>} T
 * @param {() => T} compileFn
 * @returns {T}
 */
function wrapCompileErrors(compileFn) {
  /** @param {unknown} cause @returns {never} */
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
    return /** @type {T} */ (result instanceof Promise ? result.catch(onError) : result);
  } catch (cause) {
    return onError(cause);
  }
}

/**
 * Exports that this package's module has whatever the library's API: its memory and
 * the start function that wasm-bindgen makes of `start` in `src/lib.rs` (the panic
 * hook). A module from another build of the package fails later, when instantiating.
 */
const WASM_BINDGEN_EXPORTS = ["memory", "__wbindgen_start"];

/** @param {WebAssembly.Module} module */
function instantiate(module) {
  const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
  const missing = WASM_BINDGEN_EXPORTS.filter((name) => !exported.has(name));
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
 * @param {unknown} error
 */
function translateError(error) {
  if (error instanceof bindings.CoreError) {
    const { code, message, fields } = error;
    error.free();
    return errorFromCode(code, message, fields);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    bindings.__wbg_reset_state();
    generation += 1;
    return new PanicError(`the Rust code panicked: ${error.message}`, { cause: error });
  }
  return error;
}

/**
 * What the error classes of errors.js take: the message, and the error's data
 * `fields` (a plain object) that become properties of the error.
 * @typedef {new (message: string, options?: ErrorOptions & { code?: string, fields?: object }) => Error} ErrorClass
 */
/**
 * The error class of each code: the classes of errors.js, by their `static code`.
 * @type {Map<string, ErrorClass>}
 */
const ERRORS_BY_CODE = new Map();
for (const value of Object.values(errors)) {
  if (typeof value.code === "string") ERRORS_BY_CODE.set(value.code, value);
}
/**
 * The package's base error class, the parent of every specific one.
 * @type {ErrorClass}
 */
const BaseError = Object.getPrototypeOf(InitError);

/**
 * The error for a code reported by the Rust core, its data `fields` as properties;
 * unknown codes get the base class.
 * @param {string} code
 * @param {string} message
 * @param {object | undefined} fields
 */
function errorFromCode(code, message, fields) {
  const ErrorClass = ERRORS_BY_CODE.get(code);
  if (ErrorClass) return new ErrorClass(message, { fields });
  return new BaseError(message, { code, fields });
}

/**
 * @param {unknown} value
 * @returns {value is Request}
 */
function isRequest(value) {
  return typeof Request === "function" && value instanceof Request;
}

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) {
    const { code } = /** @type {Error & { code?: unknown } } */ (error);
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** @param {unknown} input */
function describeInput(input) {
  if (input === null || input === undefined) return String(input);
  if (isRequest(input)) return input.url;
  if (typeof input === "string" || input instanceof URL) return String(input);
  return `a ${Object.prototype.toString.call(input).slice(8, -1)}`;
}
