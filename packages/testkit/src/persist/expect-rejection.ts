import { CandlewickError } from "@candlewick/core";
import { assert, expect } from "vitest";

/**
 * Awaits `promise`, expects it to reject with a Candlewick error of `code` (e.g. `"INVALID_ARGUMENT"`) and
 * returns that error. Checks the error's marker rather than `instanceof`, so an adapter built against another
 * installed copy of @candlewick/core still passes.
 */
export async function expectRejection(
  promise: Promise<unknown>,
  code: string,
  what: string,
): Promise<CandlewickError> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) assert.fail(`${what}: expected a rejection with ${code}, but it resolved`);
  const { error } = outcome;
  if (!CandlewickError.isInstance(error)) {
    assert.fail(`${what}: expected a CandlewickError with code ${code}, got ${String(error)}`);
  }
  expect(error.code, `${what}: error code`).toBe(code);
  return error;
}
