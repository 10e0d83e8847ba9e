/** What `candlewick new` writes into a new strategy package. */
export interface ScaffoldInput {
  /** npm package name, e.g. `my-strategy` or `@me/my-strategy`. */
  readonly packageName: string;
  /** The strategy's `name`: the package name without its scope. */
  readonly strategyName: string;
  /** Version spec of @candlewick/sdk and @candlewick/cli, e.g. `^0.1.0`. */
  readonly candlewickVersion: string;
}

/** The files of a new strategy package, by relative path. */
export function strategyScaffold(input: ScaffoldInput): Record<string, string> {
  return {
    "package.json": packageJson(input),
    "tsconfig.json": `${JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ["src"],
      },
      null,
      2,
    )}\n`,
    "src/strategy.ts": strategySource(input),
    "src/strategy.test.ts": testSource(input),
    "README.md": readme(input),
  };
}

function packageJson({ packageName, candlewickVersion }: ScaffoldInput): string {
  const manifest = {
    name: packageName,
    version: "0.1.0",
    private: true,
    type: "module",
    scripts: {
      test: "vitest run",
      typecheck: "tsc -p tsconfig.json",
      backtest:
        "candlewick backtest src/strategy.ts --exchange csv:./data --symbol BTCUSDT --from 2025-06-01 --to 2025-06-11",
      "lookahead-analysis":
        "candlewick lookahead-analysis src/strategy.ts --exchange csv:./data --symbol BTCUSDT --from 2025-06-05 --to 2025-06-11",
    },
    dependencies: { "@candlewick/sdk": candlewickVersion, zod: "^4.0.0" },
    devDependencies: { "@candlewick/cli": candlewickVersion, typescript: "^5.9.0", vitest: "^3.2.0" },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function strategySource({ strategyName }: ScaffoldInput): string {
  return `import { bracket, crossDirection, defineStrategy } from "@candlewick/sdk";
import { z } from "zod";

/**
 * Long when the fast simple average of 15m closes crosses above the slow one, with a take-profit, a stop-loss
 * and a lifetime. Edit freely: the test next to this file checks what you keep.
 */
export default defineStrategy({
  name: "${strategyName}",
  interval: "15m",
  params: z
    .object({
      fast: z.number().int().min(2).max(200),
      slow: z.number().int().min(3).max(500),
      takeProfitPct: z.number().positive().max(20),
      stopLossPct: z.number().positive().max(20),
    })
    .refine((p) => p.fast < p.slow, { message: "fast shorter than slow", path: ["fast"] }),
  defaults: { fast: 10, slow: 30, takeProfitPct: 1, stopLossPct: 0.7 },
  async getSignal(ctx, params) {
    const fast = await ctx.indicators.sma(params.fast);
    const fastBefore = await ctx.indicators.sma(params.fast, { offset: 1 });
    const slow = await ctx.indicators.sma(params.slow);
    const slowBefore = await ctx.indicators.sma(params.slow, { offset: 1 });
    if (crossDirection(fastBefore, fast, slowBefore, slow) !== "up") return null;
    return bracket({
      position: "long",
      price: await ctx.marketPrice(),
      takeProfitPct: params.takeProfitPct,
      stopLossPct: params.stopLossPct,
      minuteEstimatedTime: 12 * 60,
    });
  },
});
`;
}

function testSource({ strategyName }: ScaffoldInput): string {
  return `import { createStrategySchema, loadCandleFixture, runStrategyOnCandles } from "@candlewick/sdk";
import { describe, expect, it } from "vitest";
import strategy from "./strategy.js";

describe("${strategyName}", () => {
  it("trades long only on ten days of real BTCUSDT candles, each closed by a level, its lifetime or the end", async () => {
    const candles = await loadCandleFixture("BTCUSDT");
    const { trades, stats } = await runStrategyOnCandles(strategy, candles);
    expect(stats.tradeCount).toBeGreaterThan(0);
    for (const trade of trades) {
      expect(trade.signal.position).toBe("long");
      expect(["take_profit", "stop_loss", "time_expired", "end_of_data"]).toContain(trade.closeReason);
    }
  });

  it("refuses a fast average that is not shorter than the slow one", () => {
    expect(() => createStrategySchema(strategy, { fast: 30, slow: 10 })).toThrow(/fast/);
  });
});
`;
}

function readme({ packageName }: ScaffoldInput): string {
  return `# ${packageName}

A Candlewick strategy package, made by \`candlewick new\`.

\`\`\`
src/strategy.ts        the strategy: the default export of defineStrategy(...)
src/strategy.test.ts   its tests, on real candles shipped with @candlewick/sdk
\`\`\`

## Test

\`\`\`sh
npm install
npm test
\`\`\`

\`runStrategyOnCandles\` backtests the strategy on the candles you give it, on an engine of its own, and returns
the trades with their statistics; \`loadCandleFixture("BTCUSDT")\` is ten days of real Binance 1m candles.

## Backtest and check it

Put candle files (\`BTCUSDT-1m.csv.gz\`, layout \`timestamp,open,high,low,close,volume\`) in \`./data\`, or
download some with \`candlewick download\`, then:

\`\`\`sh
npm run backtest             # candlewick backtest src/strategy.ts --exchange csv:./data ...
npm run lookahead-analysis   # re-makes decisions with the later data removed: none may change
candlewick warmup-analysis src/strategy.ts --exchange csv:./data --symbol BTCUSDT --from 2025-06-05 --to 2025-06-11
\`\`\`
`;
}
