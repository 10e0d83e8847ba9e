import { runBrokerConformance } from "@candlewick/testkit";
import type { VenueEmulator } from "@candlewick/venue-emulator";
import { afterAll, beforeAll, vi } from "vitest";
import type { CcxtBroker } from "./ccxt-broker.js";
import { API_KEY, at, brokerOn, SECRET, startVenue } from "./test-support/emulator.js";

// One venue and one broker for every case, as a real account is. The venue replays 2025-05-20; the suite's
// `since` is taken from Date.now(), so the process's Date follows the venue's clock (timers stay real).
let venue: VenueEmulator;
let broker: CcxtBroker;
let minute = 1;

beforeAll(async () => {
  venue = await startVenue();
  broker = brokerOn(venue);
  vi.useFakeTimers({ toFake: ["Date"], now: venue.now() });
});
afterAll(async () => {
  vi.useRealTimers();
  await venue.stop();
});

runBrokerConformance("ccxt.binance on the venue emulator", () => broker, {
  symbol: "BTCUSDT",
  quoteCurrency: "USDT",
  // 0.001 BTC ≈ 105 USDT: above the 5 USDT NOTIONAL and the 0.00001 lot.
  quantity: 0.001,
  // BTCUSDT stays above 100,000 in the first hours of the data; 90,000 never fills and passes PERCENT_PRICE.
  restingBuyPrice: 90_000,
  // 1 BTC at 90,000 is far more than 10,000 USDT.
  unaffordableQuantity: 1,
  secrets: [API_KEY, SECRET],
  // Replay one more minute: the venue applies the candle that closed, as time passes on a real one.
  async settle() {
    venue.advanceTo(at(++minute));
    vi.setSystemTime(venue.now());
  },
});
