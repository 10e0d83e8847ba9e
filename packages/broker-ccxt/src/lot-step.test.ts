import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it } from "vitest";
import { lotStepOf } from "./lot-step.js";
import { at, brokerOn, startVenue } from "./test-support/emulator.js";

let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

describe("the market's lot step (Broker.quantityStep)", () => {
  it("is Binance's LOT_SIZE stepSize, read through ccxt.binance's markets (the recorded exchangeInfo: 0.00001 BTC)", async () => {
    venue = await startVenue({ balances: { USDT: "1000" }, startTime: at(10) });
    expect(await brokerOn(venue).quantityStep!("BTCUSDT")).toBe(0.00001);
  });

  it("reads precision.amount as the step in TICK_SIZE mode, as decimals in DECIMAL_PLACES mode, else none", () => {
    expect(lotStepOf({ precision: { amount: 0.0001 } }, 4)).toBe(0.0001);
    expect(lotStepOf({ precision: { amount: 3 } }, 2)).toBe(0.001);
    expect(lotStepOf({ precision: { amount: 4 } }, 3)).toBeNull();
    expect(lotStepOf({ precision: {} }, 4)).toBeNull();
  });
});
