import { fileURLToPath } from "node:url";
import { createCcxtBroker } from "@candlewick/broker-ccxt";
import { binanceCcxtConfig, createVenueEmulator } from "@candlewick/venue-emulator";

const candles = (symbol: string) =>
  fileURLToPath(new URL(`../../../data/candles/${symbol}-1m.csv.gz`, import.meta.url));

// A loopback Binance spot venue replaying real candles from 2025-05-20 00:00 UTC.
const venue = createVenueEmulator({
  apiKey: "exampleKey123",
  secret: "example-secret",
  candles: { BTCUSDT: candles("BTCUSDT") },
  balances: { USDT: "10000" },
});
await venue.start();

// In production: createCcxtBroker({ exchangeId: "binance" }) with the keys in CANDLEWICK_BINANCE_API_KEY and
// CANDLEWICK_BINANCE_API_SECRET. Here the same, with ccxt's URLs and clock pointed at the emulator.
const { apiKey, secret, ...ccxtOptions } = binanceCcxtConfig(venue);
const broker = createCcxtBroker({
  exchangeId: "binance",
  ccxtOptions,
  env: { CANDLEWICK_BINANCE_API_KEY: String(apiKey), CANDLEWICK_BINANCE_API_SECRET: String(secret) },
});

const entry = await broker.createOrder({
  clientOrderId: "cw-demo-e",
  symbol: "BTCUSDT",
  side: "buy",
  type: "market",
  quantity: 0.01,
});
console.log(entry.status, entry.averagePrice); // filled 105554.32 (the 00:00 close)

const stop = await broker.createOrder({
  clientOrderId: "cw-demo-s1",
  symbol: "BTCUSDT",
  side: "sell",
  type: "stop_market", // Binance spot: STOP_LOSS
  quantity: 0.01,
  triggerPrice: 105_000,
});
console.log(stop.type, stop.status); // stop_market open

// The venue takes the next order and the answer is lost: transient; the order is found by its client id.
venue.faults.dropResponse({ method: "POST", path: "/api/v3/order" });
const lost = await broker
  .createOrder({
    clientOrderId: "cw-demo-a1",
    symbol: "BTCUSDT",
    side: "buy",
    type: "limit",
    quantity: 0.01,
    price: 100_000,
  })
  .catch((error) => error);
console.log(lost.kind, lost.reason); // transient network
console.log((await broker.fetchOrder("BTCUSDT", "cw-demo-a1"))?.status); // open

const tooBig = await broker
  .createOrder({ clientOrderId: "cw-demo-x", symbol: "BTCUSDT", side: "buy", type: "market", quantity: 1 })
  .catch((error) => error);
console.log(tooBig.kind, tooBig.reason); // rejected insufficient_balance

console.log((await broker.fetchFills("BTCUSDT", 0)).map((fill) => [fill.clientOrderId, fill.price]));
// [ [ 'cw-demo-e', 105554.32 ] ]
await venue.stop();
