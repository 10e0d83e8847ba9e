import { describe, expect, it } from "vitest";
import { chunkNameOf, chunkNamesIn, chunkRangeOf, chunkSpanOf } from "./cache-chunk-span.js";

describe("cache chunks", () => {
  it("keeps sub-hour intervals per UTC month and the others per UTC year", () => {
    expect(["1m", "3m", "5m", "15m", "30m"].map((interval) => chunkSpanOf(interval as "1m"))).toEqual(
      Array(5).fill("month"),
    );
    expect(
      ["1h", "2h", "4h", "6h", "8h", "12h", "1d"].map((interval) => chunkSpanOf(interval as "1h")),
    ).toEqual(Array(7).fill("year"));
  });

  it("names and bounds chunks in UTC", () => {
    expect(chunkNameOf(Date.UTC(2025, 4, 31, 23, 59), "month")).toBe("2025-05");
    expect(chunkNameOf(Date.UTC(2025, 5, 1), "month")).toBe("2025-06");
    expect(chunkNameOf(Date.UTC(2024, 11, 31, 23), "year")).toBe("2024");
    expect(chunkRangeOf("2024-02", "month")).toEqual({
      from: Date.UTC(2024, 1, 1),
      to: Date.UTC(2024, 2, 1),
    });
    expect(chunkRangeOf("2024-12", "month")).toEqual({
      from: Date.UTC(2024, 11, 1),
      to: Date.UTC(2025, 0, 1),
    });
    expect(chunkRangeOf("2024", "year")).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) });
    expect(chunkRangeOf("2024-13", "month")).toBeUndefined();
    expect(chunkRangeOf("2024-01.csv.gz", "month")).toBeUndefined();
    expect(chunkRangeOf("2024-01", "year")).toBeUndefined();
  });

  it("lists the chunks a range touches", () => {
    expect(chunkNamesIn({ from: Date.UTC(2024, 10, 30), to: Date.UTC(2025, 1, 1) }, "month")).toEqual([
      "2024-11",
      "2024-12",
      "2025-01",
    ]);
    expect(chunkNamesIn({ from: Date.UTC(2024, 5, 1), to: Date.UTC(2024, 5, 1) }, "month")).toEqual([]);
  });
});
