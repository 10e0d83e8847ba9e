import { describe, expect, it } from "vitest";
import { isMarketable, isTriggeredAt, limitReachedIn, slippedPrice, triggerPriceIn } from "./fill-rule.js";

const p = (value: number) => BigInt(value) * 100_000_000n;

describe("fill rule", () => {
  it("triggers stop-losses on the adverse move and take-profits on the favourable one (Binance spot)", () => {
    // A sell stop-loss at 100 triggers when the price falls to 100; a buy one when it rises to 100.
    expect(isTriggeredAt("STOP_LOSS_LIMIT", "SELL", p(100), p(99))).toBe(true);
    expect(isTriggeredAt("STOP_LOSS_LIMIT", "SELL", p(100), p(101))).toBe(false);
    expect(isTriggeredAt("STOP_LOSS", "BUY", p(100), p(101))).toBe(true);
    expect(isTriggeredAt("TAKE_PROFIT_LIMIT", "SELL", p(100), p(101))).toBe(true);
    expect(isTriggeredAt("TAKE_PROFIT", "BUY", p(100), p(101))).toBe(false);
  });

  it("triggers inside a candle at the stop, or at the open when the candle gaps through it", () => {
    // open 105, high 106, low 99: a sell stop at 100 is reached on the way down, at 100.
    expect(triggerPriceIn("STOP_LOSS_LIMIT", "SELL", p(100), p(105), p(106), p(99))).toBe(p(100));
    // open 98 (gap below the stop): triggered at the open.
    expect(triggerPriceIn("STOP_LOSS_LIMIT", "SELL", p(100), p(98), p(99), p(97))).toBe(p(98));
    // low 101 never reaches it.
    expect(triggerPriceIn("STOP_LOSS_LIMIT", "SELL", p(100), p(105), p(106), p(101))).toBeUndefined();
    expect(triggerPriceIn("TAKE_PROFIT_LIMIT", "SELL", p(110), p(105), p(111), p(104))).toBe(p(110));
  });

  it("fills resting limits when the candle touches the limit, and tells marketable orders apart", () => {
    expect(limitReachedIn("BUY", p(100), p(105), p(100))).toBe(true);
    expect(limitReachedIn("BUY", p(100), p(105), p(101))).toBe(false);
    expect(limitReachedIn("SELL", p(105), p(105), p(100))).toBe(true);
    expect(isMarketable("BUY", p(101), p(100))).toBe(true);
    expect(isMarketable("SELL", p(101), p(100))).toBe(false);
  });

  it("slips market prices against the taker, rounded to the tick away from it", () => {
    const tick = 1_000_000n; // 0.01
    // 10 bps of 105554.32 = 105.55432: buy 105659.87432 → 105659.88; sell 105448.76568 → 105448.76
    expect(slippedPrice("BUY", 10_555_432_000_000n, 10, tick)).toBe(10_565_988_000_000n);
    expect(slippedPrice("SELL", 10_555_432_000_000n, 10, tick)).toBe(10_544_876_000_000n);
    expect(slippedPrice("BUY", p(100), 0, tick)).toBe(p(100));
  });
});
