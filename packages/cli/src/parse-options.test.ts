import { describe, expect, it } from "vitest";
import { parseDate, parseParams } from "./parse-options.js";
import { UsageError } from "./usage-error.js";

// Epoch values computed by hand: 2025-06-01T00:00:00Z is 1748736000000 (the first candle of the sdk fixtures).
const JUNE_1 = 1_748_736_000_000;
const HOUR = 3_600_000;

describe("parseDate", () => {
  it.each([
    ["2025-06-01", JUNE_1],
    ["2025-06-01T00:00Z", JUNE_1],
    ["2025-06-01T12:30:00Z", JUNE_1 + 12.5 * HOUR],
    ["2025-06-01T12:30:00+02:00", JUNE_1 + 10.5 * HOUR],
    ["2025-06-01T00:00:00-05:30", JUNE_1 + 5.5 * HOUR],
    ["2025-06-01T00:00:00.5Z", JUNE_1 + 500],
    // 366 days from 2024-02-29 to 2025-03-01, then March, April, May (31 + 30 + 31).
    ["2024-02-29", JUNE_1 - (366 + 92) * 24 * HOUR],
  ])("reads %s", (value, expected) => {
    expect(parseDate("--from", value).getTime()).toBe(expected);
  });

  it.each([
    "2026-02-30",
    "2025-02-29",
    "2025-13-01",
    "2025-06-31",
    "2025-06-01T24:00:00Z",
    "2025-06-01T12:60:00Z",
    "2025-06-01T12:00:00+24:00",
    "1",
    "2025",
    "2025-6-1",
    "June 1, 2025",
    "2025-06-01T12:00",
    "",
  ])("rejects %j with a usage error naming the option", (value) => {
    expect(() => parseDate("--from", value)).toThrow(UsageError);
    expect(() => parseDate("--from", value)).toThrow(/^--from "/);
  });
});

describe("parseParams", () => {
  it("reads JSON values and plain strings", () => {
    expect(parseParams(["fast=10", "name=abc", "on=true", "list=[1,2]"])).toEqual({
      fast: 10,
      name: "abc",
      on: true,
      list: [1, 2],
    });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses %s as a key", (key) => {
    expect(() => parseParams([`${key}={"polluted":true}`])).toThrow(
      `--param "${key}" is not a parameter name`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
