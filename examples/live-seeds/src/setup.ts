import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { addSeedStrategy } from "@candlewick/example-seed-strategy";
import {
  addExchange,
  createCsvExchange,
  createFsPersist,
  createReplay,
  type LiveClock,
  setPersist,
} from "candlewick";

/** The replayed session: 12 hours of real Binance 1m candles (BTC, ETH, SOL), played at full speed. */
export const SESSION_START = new Date("2026-04-01T00:00:00Z");
export const SESSION_END = new Date("2026-04-01T12:00:00Z");

/**
 * The registrations the seed samples assume, on a replay instead of the live Binance feed:
 *
 * - an exchange named "binance": the replay of the real candles shipped in data/candles, which only ever serves
 *   candles closed by the replay's virtual "now";
 * - a strategy "my-strategy" (three rising 5m closes: long; three falling: short; ±0.6%, 2 hours at most);
 * - persistence: persist-fs under `.state/<sample>/`, i.e. `.state/<sample>/signals/my-strategy/BTCUSDT.json`, the
 *   seeds' `./signals/...` layout. It is wiped first so each run of an example starts with no saved state
 *   (a real deployment keeps it: that is what makes a restart resume its open positions).
 *
 * Live runs on the replayed "binance" use the replay's virtual clock by default, so the seed code runs
 * unchanged. Returns that clock for the examples' own bookkeeping (e.g. "is the session over?").
 */
export function registerSeedComponents(sample: string, end: Date = SESSION_END): LiveClock {
  const dataDir = fileURLToPath(new URL("../../../data/candles/sets/spot-2026-03", import.meta.url));
  const replay = createReplay({
    source: createCsvExchange({ exchangeName: "binance-history", dir: dataDir }),
    exchangeName: "binance",
    startDate: SESSION_START,
    endDate: end,
  });
  addExchange(replay.exchange);
  addSeedStrategy();
  const stateDir = stateDirOf(sample);
  rmSync(stateDir, { recursive: true, force: true });
  setPersist(createFsPersist({ baseDir: stateDir }));
  return replay.clock;
}

/** Where a sample keeps its live state. */
export function stateDirOf(sample: string): string {
  return fileURLToPath(new URL(`../.state/${sample}`, import.meta.url));
}
