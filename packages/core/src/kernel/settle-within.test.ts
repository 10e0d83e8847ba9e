import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isThenable, settleWithin as settleWithinMapped } from "./settle-within.js";

const never = new Promise<never>(() => undefined);
const settleWithin = <T>(pending: PromiseLike<T>, ms: number, timeoutError: () => Error) =>
  settleWithinMapped(
    pending,
    ms,
    timeoutError,
    (value) => value,
    (error: unknown) => {
      throw error;
    },
  );

describe("settleWithin", () => {
  it("passes a value or an error through when the call settles in time", async () => {
    await expect(settleWithin(Promise.resolve(7), 50, () => new Error("late"))).resolves.toBe(7);
    await expect(settleWithin(Promise.reject(new Error("own")), 50, () => new Error("late"))).rejects.toThrow(
      "own",
    );
  });

  it("rejects with the timeout error once the time has passed, each call on its own deadline", async () => {
    const began = performance.now();
    const short = settleWithin(never, 20, () => new Error("short"));
    const long = settleWithin(never, 80, () => new Error("long"));
    const quick = settleWithin(Promise.resolve("ok"), 40, () => new Error("never"));
    await expect(short).rejects.toThrow("short");
    const shortAt = performance.now() - began;
    await expect(long).rejects.toThrow("long");
    const longAt = performance.now() - began;
    await expect(quick).resolves.toBe("ok");
    expect(shortAt).toBeGreaterThanOrEqual(19);
    expect(longAt).toBeGreaterThanOrEqual(79);
    expect(longAt).toBeLessThan(2_000);
  });

  it("a shorter deadline added after a longer one still fires on time", async () => {
    const began = performance.now();
    const long = settleWithin(never, 5_000, () => new Error("long"));
    long.catch(() => undefined);
    await expect(settleWithin(never, 20, () => new Error("short"))).rejects.toThrow("short");
    expect(performance.now() - began).toBeLessThan(1_000);
  });

  it("does not keep the process alive once every timed call has settled", () => {
    // A child process times a call that settles at once under a 60 s limit: it must exit right away.
    const script = `
      const { settleWithin } = await import(${JSON.stringify(new URL("./settle-within.ts", import.meta.url).href)});
      await settleWithin(Promise.resolve(1), 60_000, () => new Error("late"), (v) => v, (e) => { throw e; });
    `;
    const began = Date.now();
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(Date.now() - began).toBeLessThan(15_000);
  });

  it("maps the outcome, and ignores a result that arrives after the timeout", async () => {
    let arrive: (value: string) => void = () => undefined;
    const late = new Promise<string>((resolve) => {
      arrive = resolve;
    });
    const seen: string[] = [];
    const outcome = await settleWithinMapped(
      late,
      20,
      () => new Error("timed out"),
      (value) => {
        seen.push(`value ${value}`);
        return "value";
      },
      (error) => {
        seen.push(`error ${(error as Error).message}`);
        return "error";
      },
    );
    arrive("too late");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(outcome).toBe("error");
    expect(seen).toEqual(["error timed out"]);
  });

  it("treats any object or function with a callable then as a thenable", () => {
    const withThen = <T extends object>(target: T, then: unknown): T =>
      // biome-ignore lint/suspicious/noThenProperty: hand-made thenables are what is tested
      Object.defineProperty(target, "then", { value: then, enumerable: true });
    expect(isThenable(Promise.resolve())).toBe(true);
    expect(isThenable(withThen({}, () => undefined))).toBe(true);
    expect(
      isThenable(
        withThen(
          () => undefined,
          () => undefined,
        ),
      ),
    ).toBe(true);
    expect(isThenable(withThen({}, 1))).toBe(false);
    expect(isThenable(null)).toBe(false);
    expect(isThenable({ position: "long" })).toBe(false);
    // biome-ignore lint/suspicious/noThenProperty: a then getter that throws is what is tested
    const hostile = Object.defineProperty({}, "then", {
      get() {
        throw new Error("no then for you");
      },
    });
    expect(isThenable(hostile)).toBe(false);
  });
});
