// The package's machinery, the same in every runtime: error translation, panic
// recovery, objects that outlive a panic. It uses only what every build of the
// package has (`init`, `version`, the error classes) and the test-only exports of
// the `testing` build (js/testing.js), never the library's own API, so it holds
// whatever functions the library exports.
//
// cases(api) returns [{ name, run }], where `api` is the `testing` build of the
// package, imported the runtime's way and initialised.
import { assertEqual, assertTrue, expectThrow } from "./suite.mjs";

export function cases(api) {
  const list = [];
  const test = (name, run) => list.push({ name, run });
  const BaseError = Object.getPrototypeOf(api.InitError);

  test("version() is a semantic version", () => {
    assertTrue(/^\d+\.\d+\.\d+/.test(api.version()), api.version());
  });

  test("coreVersion() is a semantic version", () => {
    assertTrue(/^\d+\.\d+\.\d+/.test(api.coreVersion()), api.coreVersion());
  });

  test("the error classes but PanicError share the package's base class, an Error", () => {
    const errorClasses = Object.values(api).filter(
      (value) => value?.prototype instanceof Error && value !== api.PanicError,
    );
    assertTrue(errorClasses.length > 1, "the package exports error classes");
    for (const ErrorClass of errorClasses) {
      assertTrue(
        ErrorClass === BaseError || ErrorClass.prototype instanceof BaseError,
        ErrorClass.name,
      );
    }
  });

  test("a core error becomes the error class of its code", () => {
    for (const ErrorClass of Object.values(api).filter(
      (value) => value?.prototype instanceof BaseError,
    )) {
      const error = expectThrow(() => api.failForTesting(ErrorClass.code, "it failed"));
      assertTrue(error instanceof ErrorClass, `${ErrorClass.name} for ${ErrorClass.code}`);
      assertEqual(error.name, ErrorClass.name, "name");
      assertEqual(error.code, ErrorClass.code, "code");
      assertEqual(error.message, "it failed", "message");
    }
  });

  test("a core error's data fields become properties of the error", () => {
    for (const ErrorClass of [BaseError, api.InitError]) {
      const error = expectThrow(() =>
        api.failForTesting(ErrorClass.code ?? "NO_SUCH_CODE", "it failed", { position: 7 }),
      );
      assertTrue(error instanceof ErrorClass, ErrorClass.name);
      assertTrue(Object.hasOwn(error, "position"), "an own property");
      assertEqual(error.position, 7, "position");
      assertEqual(error.message, "it failed", "message");
    }
  });

  test("a core error without data fields has none", () => {
    const error = expectThrow(() => api.failForTesting("NO_SUCH_CODE", "it failed"));
    assertEqual(Object.keys(error).sort(), ["code", "name"], "own properties");
  });

  test("a core error of a code without a class is the base class, code kept", () => {
    const error = expectThrow(() => api.failForTesting("NO_SUCH_CODE", "it failed"));
    assertEqual(Object.getPrototypeOf(error), BaseError.prototype, "class");
    assertEqual(error.code, "NO_SUCH_CODE", "code");
    assertEqual(error.message, "it failed", "message");
  });

  test("a panic throws PanicError carrying the panic message", () => {
    const error = expectThrow(() => api.panicForTesting("deliberate panic"));
    assertTrue(error instanceof api.PanicError, `a PanicError, got ${error}`);
    assertEqual(error.code, "PANIC", "code");
    assertEqual(error.name, "PanicError", "name");
    assertTrue(/deliberate panic/.test(error.message), error.message);
    assertTrue(error.cause instanceof WebAssembly.RuntimeError, "cause is the trap");
  });

  test("a panic is a bug, not an error of the package: PanicError is no base error", () => {
    const error = expectThrow(() => api.panicForTesting("deliberate panic"));
    assertTrue(error instanceof Error, "an Error");
    assertTrue(!(error instanceof BaseError), "not the package's base error");
  });

  test("calls after a panic work", () => {
    expectThrow(() => api.panicForTesting("deliberate panic"));
    assertTrue(/^\d+\.\d+\.\d+/.test(api.version()), "version()");
    const counter = new api.CounterForTesting();
    assertEqual([counter.increment(), counter.increment()], [1, 2], "a new object");
    counter.free();
  });

  test("objects from before a panic throw StaleObjectError, not garbage", () => {
    const counter = new api.CounterForTesting();
    counter.increment();
    expectThrow(() => api.panicForTesting("deliberate panic"));
    assertTrue(expectThrow(() => counter.increment()) instanceof api.StaleObjectError, "stale");
    counter.free(); // must not free memory of the new instance
    const fresh = new api.CounterForTesting();
    assertEqual(fresh.increment(), 1, "an object of the new instance");
    fresh.free();
  });

  test("repeated panics keep recovering", () => {
    for (let i = 0; i < 50; i += 1) {
      assertTrue(expectThrow(() => api.panicForTesting("again")) instanceof api.PanicError, i);
    }
    assertTrue(/^\d+\.\d+\.\d+/.test(api.version()), "version()");
  });

  test("a public class adopts an object that Rust made (a static named constructor)", () => {
    const counter = api.CounterForTesting.startingAt(41);
    assertTrue(counter instanceof api.CounterForTesting, "instanceof");
    assertEqual(counter.increment(), 42, "the adopted object's state");
    const fresh = new api.CounterForTesting();
    assertEqual(fresh.increment(), 1, "the next object is a new one");
    counter.free();
    fresh.free();
  });

  test("an adopted object from before a panic throws StaleObjectError", () => {
    const counter = api.CounterForTesting.startingAt(1);
    expectThrow(() => api.panicForTesting("deliberate panic"));
    assertTrue(expectThrow(() => counter.increment()) instanceof api.StaleObjectError, "stale");
    counter.free();
  });

  test("a freed object refuses further use", () => {
    const counter = new api.CounterForTesting();
    counter.free();
    assertTrue(expectThrow(() => counter.increment()) instanceof TypeError, "after free");
  });
  return list;
}
