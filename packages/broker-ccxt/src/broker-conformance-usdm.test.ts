import { runBrokerConformance } from "@candlewick/testkit";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterAll, beforeAll, vi } from "vitest";
import type { CcxtBroker } from "./ccxt-broker.js";
import { API_KEY, SECRET } from "./test-support/emulator.js";
import { pat, startUsdmVenue, usdmBrokerOn } from "./test-support/usdm-emulator.js";

// One USDⓈ-M venue and broker for every case. Leverage 1, so a resting buy locks its whole notional as margin
// (TC-B09's "a resting buy locks quote"). The process's Date follows the venue's replayed clock.
let venue: VenueEmulator;
let broker: CcxtBroker;
let minute = 1;

beforeAll(async () => {
  venue = await startUsdmVenue({ leverage: 1 });
  broker = usdmBrokerOn(venue);
  vi.useFakeTimers({ toFake: ["Date"], now: venue.now() });
});
afterAll(async () => {
  vi.useRealTimers();
  await venue.stop();
});

runBrokerConformance("ccxt.binanceusdm on the venue emulator (USDⓈ-M)", () => broker, {
  symbol: "BTCUSDT",
  quoteCurrency: "USDT",
  // 0.002 BTC ≈ 191 USDT: above the 100 USDT minimum notional and the 0.001 lot.
  quantity: 0.002,
  // BTCUSDT perpetual trades near 95,500 on 2025-05-04: 90,000 rests (PERCENT_PRICE caps only buys above).
  restingBuyPrice: 90_000,
  // 1 BTC at 90,000 needs 90,000 USDT of margin at 1×: far more than 10,000.
  unaffordableQuantity: 1,
  secrets: [API_KEY, SECRET],
  async settle() {
    venue.advanceTo(pat(++minute));
    vi.setSystemTime(venue.now());
  },
});
