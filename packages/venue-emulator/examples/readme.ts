import { fileURLToPath } from "node:url";
import { binanceCcxtConfig, createVenueEmulator, useBinanceSpotErrorTable } from "@candlewick/venue-emulator";
import ccxt from "ccxt";

const venue = createVenueEmulator({
  apiKey: "testKey123",
  secret: "test-secret",
  candles: { BTCUSDT: fileURLToPath(new URL("../../../data/candles/BTCUSDT-1m.csv.gz", import.meta.url)) }, // a path, Candle[], a candle table or a loader
  balances: { USDT: "10000" },
  feeRate: 0.001,
});
await venue.start(); // clock: the close of the first candle (2025-05-20 00:01 UTC)

const binance = new ccxt.binance(binanceCcxtConfig(venue));
useBinanceSpotErrorTable(binance); // see "Error classes" below
await binance
  .createOrder("BTC/USDT", "limit", "sell", 0.001, 106000, { clientOrderId: "cw-1" })
  .catch((error) => console.log(error.constructor.name)); // InsufficientFunds: no BTC yet
const buy = await binance.createOrder("BTC/USDT", "market", "buy", 0.01, undefined, {
  clientOrderId: "cw-2",
});
console.log(buy.average, buy.filled); // 105554.32 0.01 (the 00:00 close)
await binance.createOrder("BTC/USDT", "limit", "sell", 0.01, 105700, { clientOrderId: "cw-3" });
venue.advanceTo(Date.UTC(2025, 4, 20, 0, 10)); // replay ten minutes
console.log((await binance.fetchOrder("", "BTC/USDT", { clientOrderId: "cw-3" })).status); // closed

venue.faults.dropResponse({ method: "POST", path: "/api/v3/order" }); // accepted, answer lost
await binance
  .createOrder("BTC/USDT", "market", "buy", 0.001, undefined, { clientOrderId: "cw-4" })
  .catch((e) => console.log(e.constructor.name)); // NetworkError
console.log(venue.orders().at(-1)?.clientOrderId, venue.log.at(-1)?.outcome); // cw-4 dropped
await venue.stop();
