import { describe, expect, it } from "vitest";
import { parseReconcileEvery } from "./reconcile-every.js";
import { UsageError } from "./usage-error.js";

describe("--reconcile-every", () => {
  it("reads s, m, h and d as milliseconds, off as false, absent as undefined", () => {
    expect(parseReconcileEvery("30s")).toBe(30_000);
    expect(parseReconcileEvery("5m")).toBe(300_000);
    expect(parseReconcileEvery("2h")).toBe(7_200_000);
    expect(parseReconcileEvery("1d")).toBe(86_400_000);
    expect(parseReconcileEvery("1s")).toBe(1_000);
    expect(parseReconcileEvery("off")).toBe(false);
    expect(parseReconcileEvery(undefined)).toBeUndefined();
  });

  it("refuses what is not a whole duration of at least 1s, naming the value", () => {
    for (const bad of ["0s", "0m", "5", "5 m", "1.5m", "-5m", "5min", "", "OFF", "300000"]) {
      expect(() => parseReconcileEvery(bad), bad).toThrow(UsageError);
      expect(() => parseReconcileEvery(bad), bad).toThrow(
        `--reconcile-every "${bad}" is not a duration of at least 1s`,
      );
    }
  });
});
