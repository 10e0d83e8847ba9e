import { fileURLToPath } from "node:url";
import { createCsvExchange, createEngine, type Engine, getCandles, listStrategies } from "candlewick";

// Real Binance spot 1m candles shipped with the repo (see data/candles/README.md).
const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));

/** Registers the same exchange, frame and strategy names on an engine. */
function setUp(engine: Engine): void {
  engine.addExchange(createCsvExchange({ exchangeName: "binance", dir: dataDir }));
  engine.addFrame({
    frameName: "april",
    interval: "1m",
    startDate: new Date("2026-04-01T00:00:00Z"),
    endDate: new Date("2026-04-15T00:00:00Z"),
  });
  engine.addStrategy({
    strategyName: "breakout",
    interval: "15m",
    async getSignal(symbol) {
      const candles = await getCandles(symbol, "1h", 25);
      const price = candles.at(-1)!.close;
      const high = Math.max(...candles.slice(0, -1).map((candle) => candle.high));
      if (price <= high) return null;
      return {
        position: "long",
        priceTakeProfit: price * 1.02,
        priceStopLoss: price * 0.99,
        minuteEstimatedTime: 480,
      };
    },
  });
}

// A maker and a taker fee schedule: each engine has its own config, registrations, results and reports.
const maker = createEngine({ name: "maker", config: { percentFee: 0.02 } });
const taker = createEngine({ name: "taker", config: { percentFee: 0.1 } });
setUp(maker);
setUp(taker);

const run = async (engine: Engine) => {
  for await (const _ of engine.Backtest.run("BTCUSDT", {
    strategyName: "breakout",
    exchangeName: "binance",
    frameName: "april",
  })) {
    // the trades are read back with getData
  }
  return engine.Backtest.getData("breakout");
};
const [makerData, takerData] = await Promise.all([run(maker), run(taker)]);

for (const [name, data] of [
  ["maker", makerData],
  ["taker", takerData],
] as const) {
  console.log(
    `${name}: ${data.tradeCount} trades, total PnL ${data.totalPnl?.toFixed(2)}% at ${data.costs[0]!.percentFee}% fee per side`,
  );
}
// The same signals, so the same trades; the gap is the fee: about 2 sides x 0.08% per trade (13 x 0.16% = 2.08%).
if (makerData.tradeCount !== takerData.tradeCount || makerData.tradeCount === 0) {
  throw new Error("both engines should trade the same signals");
}
if (!(makerData.totalPnl! > takerData.totalPnl!)) throw new Error("lower fees should earn more");
console.log(
  `the default engine has ${listStrategies().length} strategies registered (the engines' are their own)`,
);

// The markdown reporter is wired by the candlewick package into every engine it creates.
console.log(maker.Backtest.getReport("breakout").split("\n")[0]);
await Promise.all([maker.dispose(), taker.dispose()]);
