import {
  addExchange,
  createMemoryPersist,
  createReplay,
  type DoneEvent,
  getConfig,
  Live,
  type LiveClock,
  listenDoneLive,
  listenSignalLive,
  liveStateKey,
  type PersistAdapter,
  type SignalEvent,
} from "@candlewick/core";
import { registerStrategy } from "@candlewick/sdk";
import { candleCoverage, describeCoverage, isoMinute } from "../candle-coverage.js";
import type { CliIo } from "../cli-io.js";
import {
  type BrokerOptions,
  checkBrokerOptions,
  checkVenueKeys,
  createLiveBroker,
  parseRails,
} from "../live-broker.js";
import { loadDefinition } from "../load-definition.js";
import { parseParams, parseWindow } from "../parse-options.js";
import { parseReconcileEvery } from "../reconcile-every.js";
import { reportRunErrors } from "../report-run-errors.js";
import { resolveExchange } from "../resolve-exchange.js";
import { type CostOptions, parseCosts } from "../run-settings.js";
import { EXIT, RunFailure, UsageError } from "../usage-error.js";

/** Options of `candlewick live`. */
export interface LiveCommandOptions extends CostOptions, BrokerOptions {
  symbol: string;
  exchange: string;
  param: string[];
  /** Keep the state in memory: nothing persisted or resumed (a dry run). */
  memoryState?: boolean;
  stateDir: string;
  replayFrom?: string;
  replayTo?: string;
  cacheDir: string;
  offline?: boolean;
  json?: boolean;
  allowErrors?: boolean;
}

/**
 * `candlewick live <strategy-file>`: runs the strategy live on one symbol, printing every signal event. Ctrl-C once
 * stops gracefully (no new signals; an open position is followed until it closes); twice stops at once (the
 * persisted state resumes on the next start). `--replay-from/--replay-to` drive it with history at full speed.
 * Orders go to the paper broker (the default: filled at the fill model's prices), or, with `--broker <venue>
 * --live`, to the venue, with the API keys from the environment.
 */
export async function liveCommand(file: string, options: LiveCommandOptions, io: CliIo): Promise<number> {
  const params = parseParams(options.param);
  const config = parseCosts(options);
  const replay =
    options.replayFrom !== undefined || options.replayTo !== undefined
      ? parseWindow(["--replay-from", options.replayFrom], ["--replay-to", options.replayTo])
      : undefined;
  const brokerChoice = checkBrokerOptions(options, replay !== undefined);
  const rails = parseRails(options);
  const reconcileEveryMs = parseReconcileEvery(options.reconcileEvery);
  if (brokerChoice.kind === "venue") await checkVenueKeys(brokerChoice.venue, process.env);
  // --paper used to mean "state in memory"; it still does, so a dry run never starts persisting behind its back.
  const memoryState = options.memoryState === true || options.paper === true;
  if (options.paper) {
    io.stderr.write(
      "note: --paper is the default now (orders go to the paper broker); it still keeps the state in memory as it used to: pass --memory-state for that\n",
    );
  }
  const definition = await loadDefinition(file, false);
  const strategyName = registerStrategy(definition, params as never);
  let exchange = await resolveExchange(options);
  let clock: LiveClock | undefined;
  if (replay !== undefined) {
    await checkReplayHasCandles(exchange, options.symbol, replay);
    const replayed = createReplay({ source: exchange, startDate: replay.from, endDate: replay.to });
    exchange = replayed.exchange;
    clock = replayed.clock;
  }
  addExchange(exchange);
  const persist = memoryState ? createMemoryPersist() : await fsPersist(options.stateDir);
  const stateKey = liveStateKey({ strategyName, symbol: options.symbol });
  const resumed = await persist.has(stateKey);
  const runConfig = { ...getConfig(), ...config };
  const { broker, description } = await createLiveBroker(brokerChoice, {
    ...(clock === undefined ? {} : { replayClock: clock }),
    percentFee: runConfig.percentFee,
    cash: runConfig.initialCapital,
    ...(resumed && brokerChoice.kind === "paper" ? { resumedState: await persist.read(stateKey) } : {}),
    env: process.env,
  });
  let printed = 0;

  const done = new Promise<DoneEvent>((resolve) => {
    const stop = listenDoneLive((event) => {
      if (event.strategyName !== strategyName || event.symbol !== options.symbol) return;
      stop();
      resolve(event);
    });
  });
  const stopSignals = listenSignalLive((event) => {
    if (event.strategyName !== strategyName) return;
    printed++;
    io.stdout.write(`${formatEvent(event, options.json)}\n`);
  });
  const errors = reportRunErrors(io);
  const cancel = Live.background(options.symbol, {
    strategyName,
    exchangeName: exchange.exchangeName,
    persist,
    config,
    ...(clock === undefined ? {} : { clock }),
    broker,
    ...(options.orderPrefix === undefined ? {} : { orderPrefix: options.orderPrefix }),
    ...(rails === undefined ? {} : { rails }),
    ...(reconcileEveryMs === undefined ? {} : { reconcileEveryMs }),
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
    `live ${strategyName} on ${options.symbol} via ${exchange.exchangeName}: ${description}${memoryState ? "; state in memory" : `; state in ${options.stateDir}`}${clock ? " (replay)" : ""}; Ctrl-C to stop\n`,
  );
  try {
    const event = await done;
    if (event.error !== undefined) {
      errors.stop();
      io.stderr.write(`error: ${event.error.message}\n`);
      return EXIT.failure;
    }
    if (resumed && printed === 0 && replay !== undefined && errors.count() === 0) {
      io.stderr.write(
        `nothing to replay: resumed the saved state of ${strategyName} on ${options.symbol} in ${options.stateDir}, which is already past this window (${isoMinute(replay.from.getTime())} .. ${isoMinute(replay.to.getTime())})\nhint: replay a later window, pass --memory-state to start from scratch in memory, or use another --state-dir\n`,
      );
    }
    const code = errors.finish(options.allowErrors);
    return interrupts >= 2 ? EXIT.interrupted : code;
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    stopSignals();
    errors.stop();
    await persist.close?.();
  }
}

/** A replay over a window without candles would end at once, silently: refuse it, saying what the data covers. */
async function checkReplayHasCandles(
  exchange: Awaited<ReturnType<typeof resolveExchange>>,
  symbol: string,
  window: { from: Date; to: Date },
): Promise<void> {
  const [first] = await exchange.getCandles(symbol, "1m", window.from, 1);
  if (first !== undefined && first.timestamp < window.to.getTime()) return;
  const coverage = describeCoverage(await candleCoverage(exchange, symbol));
  throw new RunFailure(
    `${symbol} has no 1m candles in ${isoMinute(window.from.getTime())} .. ${isoMinute(window.to.getTime())}; ${coverage}`,
    "replay a window inside the data's range",
  );
}

async function fsPersist(baseDir: string): Promise<PersistAdapter> {
  try {
    const { createFsPersist } = await import("@candlewick/persist-fs");
    return createFsPersist({ baseDir });
  } catch (error) {
    throw new UsageError(
      `live state needs @candlewick/persist-fs (${(error as Error).message.split("\n")[0]})`,
      "npm install @candlewick/persist-fs, or pass --memory-state to keep the state in memory",
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
