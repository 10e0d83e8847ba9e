// Needs a network connection (not run in CI): a live paper run against Binance through ccxt. Candlewick places
// no orders: signals are printed; state survives restarts in ./state (persist-fs). Ctrl-C stops gracefully.
import { addExchange, addStrategy, getCandles, Live, listenError } from "@candlewick/core";
import { createCcxtExchange } from "@candlewick/exchange-ccxt";
import { createFsPersist } from "@candlewick/persist-fs";

addExchange(createCcxtExchange({ exchange: "binance", cache: { dir: "./.candles" } }));
addStrategy({
  strategyName: "breakout",
  interval: "15m",
  async getSignal(symbol) {
    const candles = await getCandles(symbol, "1h", 24);
    const high = Math.max(...candles.slice(0, -1).map((candle) => candle.high));
    const price = candles.at(-1)!.close;
    return price > high
      ? {
          position: "long",
          priceTakeProfit: price * 1.02,
          priceStopLoss: price * 0.99,
          minuteEstimatedTime: 480,
        }
      : null;
  },
});
listenError((error) => console.error(error.message));

const cancel = Live.background("BTCUSDT", {
  strategyName: "breakout",
  exchangeName: "binance",
  persist: createFsPersist({ baseDir: "./state" }),
});
process.once("SIGINT", () => {
  console.log("stopping: no new signals; an open position is followed to its close (Ctrl-C again: now)");
  cancel();
  process.once("SIGINT", () => cancel({ immediately: true }));
});
