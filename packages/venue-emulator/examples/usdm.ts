import { fileURLToPath } from "node:url";
import {
  binanceUsdmCcxtConfig,
  createVenueEmulator,
  useBinanceLinearErrorTable,
} from "@candlewick/venue-emulator";
import ccxt from "ccxt";

const perp = (symbol: string) =>
  fileURLToPath(new URL(`../../../data/candles/sets/perp-2025-05/${symbol}-1m.csv.gz`, import.meta.url));

const venue = createVenueEmulator({
  market: "usdm",
  apiKey: "testKey123",
  secret: "test-secret",
  candles: { BTCUSDT: perp("BTCUSDT") }, // real perpetual candles from 2025-05-04 15:33 UTC
  balances: { USDT: "10000" }, // the wallet: USDT only
  leverage: 10,
});
await venue.start(); // 15:34: the 15:33 candle closed at 95502.7

const usdm = new ccxt.binanceusdm(binanceUsdmCcxtConfig(venue));
useBinanceLinearErrorTable(usdm);
await usdm.createOrder("BTC/USDT:USDT", "market", "sell", 0.02, undefined, { clientOrderId: "s-1" });
const [short] = venue.positions();
console.log(short?.positionAmt, short?.entryPrice); // -0.02000000 95502.70000000
await usdm
  .createOrder("BTC/USDT:USDT", "market", "buy", 0.03, undefined, { clientOrderId: "s-2", reduceOnly: true })
  .catch((error) => console.log(error.constructor.name)); // InvalidOrder: -2022, it would flip the short
venue.advanceTo(Date.UTC(2025, 4, 4, 15, 50)); // the 15:49 candle closes 95453.2
await usdm.createOrder("BTC/USDT:USDT", "market", "buy", 0.02, undefined, {
  clientOrderId: "s-3",
  reduceOnly: true,
});
// (95502.7 − 95453.2) × 0.02 = 0.99 realised; fees 1910.054 × 0.0005 + 1909.064 × 0.0005 = 1.909559
console.log(venue.marginAccount().walletBalance); // 9999.08044100
await venue.stop();
