import { describe, expect, it } from "vitest";
import { decodeChunkFile, encodeChunkFile } from "./chunk-file.js";

const identity = { exchange: "binance", symbol: "BTC/USDT", interval: "1m", chunk: "2025-05" };
const problem = (message: string) => new Error(message);

describe("cache chunk files", () => {
  it("round-trips candles exactly, awkward doubles included, with the covered ranges", () => {
    const candles = [
      { timestamp: 1748649600000, open: 0.1 + 0.2, high: 1e21, low: 1e-8, close: 5e-324 * 1e300, volume: 0 },
      {
        timestamp: 1748649660000,
        open: 103985.47,
        high: 104136.76,
        low: 103929.72,
        close: 104102.09,
        volume: 61.86434,
      },
    ];
    const covered = [
      { from: 1748649600000, to: 1748649720000 },
      { from: 1748650000000, to: 1748660000000 },
    ];
    const text = encodeChunkFile(identity, { candles, covered });
    expect(decodeChunkFile(text, "f", identity, problem)).toEqual({ candles, covered });
  });

  it("refuses a file of another series, or one that is not a cache file", () => {
    const text = encodeChunkFile(identity, { candles: [], covered: [] });
    expect(() => decodeChunkFile(text, "f", { ...identity, symbol: "ETH/USDT" }, problem)).toThrow(
      'f: symbol is "BTC/USDT"; expected "ETH/USDT"',
    );
    expect(() => decodeChunkFile("timestamp,open,high,low,close,volume\n", "f", identity, problem)).toThrow(
      'f: not a "candlewick candle cache v1" file',
    );
    expect(() =>
      decodeChunkFile(text.replace("# covered: ", "# covered: 5-x"), "f", identity, problem),
    ).toThrow('f: bad covered range "5-x"');
  });
});
