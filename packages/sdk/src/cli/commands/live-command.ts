import {
  addExchange,
  createMemoryPersist,
  createReplay,
  type DoneEvent,
  Live,
  type LiveClock,
  listenDoneLive,
  listenSignalLive,
  type PersistAdapter,
  type SignalEvent,
} from "@candlewick/core";
import { registerStrategy } from "../../define/register-strategy.js";
import type { CliIo } from "../cli-io.js";
import { loadDefinition } from "../load-definition.js";
import { parseDate, parseParams } from "../parse-options.js";
import { reportRunErrors } from "../report-run-errors.js";
import { resolveExchange } from "../resolve-exchange.js";
import { EXIT, UsageError } from "../usage-error.js";

/** Options of `candlewick live`. */
export interface LiveCommandOptions {
  symbol: string;
  exchange: string;
  param: string[];
  paper?: boolean;
  stateDir: string;
  replayFrom?: string;
  replayTo?: string;
  cacheDir: string;
  offline?: boolean;
  json?: boolean;
}

/**
 * `candlewick live <strategy-file>`: runs the strategy live on one symbol, printing every signal event. Ctrl-C once
 * stops gracefully (no new signals; an open position is followed until it closes); twice stops at once (the
 * persisted state resumes on the next start). `--replay-from/--replay-to` drive it with history at full speed.
 */
export async function liveCommand(file: string, options: LiveCommandOptions, io: CliIo): Promise<number> {
  const params = parseParams(options.param);
  const replay = options.replayFrom !== undefined || options.replayTo !== undefined;
  const replayFrom = replay ? parseDate("--replay-from", options.replayFrom) : undefined;
  const replayTo = replay ? parseDate("--replay-to", options.replayTo) : undefined;
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, params as never);
  let exchange = await resolveExchange(options);
  let clock: LiveClock | undefined;
  if (replayFrom !== undefined && replayTo !== undefined) {
    const replayed = createReplay({ source: exchange, startDate: replayFrom, endDate: replayTo });
    exchange = replayed.exchange;
    clock = replayed.clock;
  }
  addExchange(exchange);
  const persist = options.paper ? createMemoryPersist() : await fsPersist(options.stateDir);

  const done = new Promise<DoneEvent>((resolve) => {
    const stop = listenDoneLive((event) => {
      if (event.strategyName !== strategyName || event.symbol !== options.symbol) return;
      stop();
      resolve(event);
    });
  });
  const stopSignals = listenSignalLive((event) => {
    if (event.strategyName === strategyName) io.stdout.write(`${formatEvent(event, options.json)}\n`);
  });
  const errors = reportRunErrors(io);
  const cancel = Live.background(options.symbol, {
    strategyName,
    exchangeName: exchange.exchangeName,
    persist,
    ...(clock === undefined ? {} : { clock }),
  });
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write(
        "stopping: no new signals; an open position is followed until it closes (Ctrl-C again: stop now)\n",
      );
      cancel();
    } else {
      io.stderr.write("stopping now; the saved state resumes on the next start\n");
      cancel({ immediately: true });
    }
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  io.stderr.write(
    `live ${strategyName} on ${options.symbol} via ${exchange.exchangeName}${options.paper ? " (paper: state in memory)" : ` (state in ${options.stateDir})`}${clock ? " (replay)" : ""}; Ctrl-C to stop\n`,
  );
  try {
    const event = await done;
    if (event.error !== undefined) {
      io.stderr.write(`error: ${event.error.message}\n`);
      return EXIT.failure;
    }
    return interrupts >= 2 ? EXIT.interrupted : EXIT.ok;
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    stopSignals();
    errors.stop();
    await persist.close?.();
  }
}

async function fsPersist(baseDir: string): Promise<PersistAdapter> {
  try {
    const { createFsPersist } = await import("@candlewick/persist-fs");
    return createFsPersist({ baseDir });
  } catch (error) {
    throw new UsageError(
      `live state needs @candlewick/persist-fs (${(error as Error).message.split("\n")[0]})`,
      "npm install @candlewick/persist-fs, or pass --paper to keep the state in memory",
    );
  }
}

function formatEvent(event: SignalEvent, json: boolean | undefined): string {
  if (json) return JSON.stringify(event);
  const time = new Date(event.timestamp).toISOString().replace(".000Z", "Z");
  const { signal } = event;
  const base = `${time} ${event.action.padEnd(9)} ${signal.position.padEnd(5)} ${event.symbol} @ ${price(event.currentPrice)}`;
  if (event.action === "closed")
    return `${base} ${event.closeReason} pnl ${event.pnl.pnlPercentage.toFixed(2)}%`;
  if (event.action === "cancelled") return `${base} ${event.cancelReason}`;
  return `${base} tp ${price(signal.priceTakeProfit)} sl ${price(signal.priceStopLoss)}`;
}

/** Ten significant digits: enough for any market, without float noise. */
function price(value: number): string {
  return String(Number(value.toPrecision(10)));
}
