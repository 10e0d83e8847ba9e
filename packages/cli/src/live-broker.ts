import { type Broker, createPaperBroker, type LiveClock, type SafetyRailOptions } from "@candlewick/core";
import { replayJournalOnPaper } from "./paper-broker-resume.js";
import { UsageError } from "./usage-error.js";
import { parseVenueUrl, venueApiUrls } from "./venue-url.js";

/** The options of `candlewick live` that choose where orders go. */
export interface BrokerOptions {
  /** The venue of real orders: `binance` (Binance spot, through @candlewick/broker-ccxt). Only with `live`. */
  readonly broker?: string;
  /** Place real orders on `broker`. Without it the run is paper trading. */
  readonly live?: boolean;
  /** Paper trading, said explicitly (the default); for compatibility it also keeps the state in memory. */
  readonly paper?: boolean;
  /** A non-production endpoint of `broker` (a testnet, the venue emulator). Default: production. */
  readonly venueUrl?: string;
  readonly orderPrefix?: string;
  readonly maxOrderNotional?: string;
  readonly maxOpenNotional?: string;
  readonly maxDailyLoss?: string;
  /** Time between periodic reconciliation passes (`5m`, `1h`), or `off` (see `parseReconcileEvery`). */
  readonly reconcileEvery?: string;
}

/** Venues `--broker` accepts, with what each is. */
const BROKERS: Readonly<Record<string, string>> = {
  binance: "Binance spot, through @candlewick/broker-ccxt",
};

/** Where a run's orders go, as `checkBrokerOptions` read it from the command line. */
export type BrokerChoice =
  | { readonly kind: "paper" }
  | { readonly kind: "venue"; readonly venue: "binance"; readonly venueUrl?: string };

/**
 * Checks the broker options before anything is loaded, so a contradiction fails in one line: real orders need both
 * `--broker <venue>` and `--live`; `--paper` contradicts them; `--venue-url` only means something with a broker;
 * a replay's clock is in the past, so a replay trades live only on a venue that follows it (`--venue-url`).
 */
export function checkBrokerOptions(options: BrokerOptions, replaying: boolean): BrokerChoice {
  const { broker, live, paper, venueUrl } = options;
  if (paper && (live || broker !== undefined)) {
    throw new UsageError(
      `--paper contradicts ${live ? "--live" : "--broker"}`,
      "--paper trades on paper (the default); --broker <venue> --live places real orders: pass one or the other",
    );
  }
  if (live && broker === undefined) {
    throw new UsageError(
      "--live needs --broker: the venue to place the orders on",
      `e.g. --broker binance --live; without --live the run is paper trading (the default)`,
    );
  }
  if (broker !== undefined && !Object.hasOwn(BROKERS, broker)) {
    throw new UsageError(
      `--broker "${broker}" is not a venue the CLI trades on`,
      `pass one of: ${Object.entries(BROKERS)
        .map(([name, what]) => `${name} (${what})`)
        .join(", ")}`,
    );
  }
  if (broker !== undefined && !live) {
    throw new UsageError(
      `--broker ${broker} places real orders, which needs --live`,
      `add --live to trade on ${broker} with the API keys in the environment, or drop --broker to paper trade (the default)`,
    );
  }
  if (venueUrl !== undefined && broker === undefined) {
    throw new UsageError(
      "--venue-url is where --broker sends orders, and there is no --broker",
      "paper trading has no venue; pass --broker binance --live --venue-url <url>",
    );
  }
  const url = venueUrl === undefined ? undefined : parseVenueUrl(venueUrl);
  if (broker !== undefined && replaying && url === undefined) {
    throw new UsageError(
      "--live on a replay needs --venue-url",
      "a replay's clock is in the past: only a venue that follows it (the venue emulator) can fill its orders; production trades on the wall clock",
    );
  }
  if (broker === undefined) return { kind: "paper" };
  return { kind: "venue", venue: broker as "binance", ...(url === undefined ? {} : { venueUrl: url }) };
}

/** The safety rails of `--max-order-notional`, `--max-open-notional` and `--max-daily-loss`. */
export function parseRails(options: BrokerOptions): SafetyRailOptions | undefined {
  const rails: { -readonly [K in keyof SafetyRailOptions]: SafetyRailOptions[K] } = {};
  const amount = (option: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(value) || !(Number(value) > 0)) {
      throw new UsageError(
        `${option} "${value}" is not an amount`,
        `pass a number > 0 in the quote currency: ${option} 500 means 500 USDT on BTCUSDT`,
      );
    }
    return Number(value);
  };
  const maxOrderNotional = amount("--max-order-notional", options.maxOrderNotional);
  const maxOpenNotional = amount("--max-open-notional", options.maxOpenNotional);
  const maxDailyLoss = amount("--max-daily-loss", options.maxDailyLoss);
  if (maxOrderNotional !== undefined) rails.maxOrderNotional = maxOrderNotional;
  if (maxOpenNotional !== undefined) rails.maxOpenNotional = maxOpenNotional;
  if (maxDailyLoss !== undefined) rails.maxDailyLoss = maxDailyLoss;
  return Object.keys(rails).length === 0 ? undefined : rails;
}

/** What the broker of a run needs from the command. */
export interface BrokerContext {
  /** The run's clock on a replay (ccxt then signs with the replayed time), else undefined (the wall clock). */
  readonly replayClock?: LiveClock;
  /** The run's fee (percent per side) and starting cash: the paper broker's. */
  readonly percentFee: number;
  readonly cash: number;
  /** The saved state of a resumed run, whose journal the paper broker replays. */
  readonly resumedState?: unknown;
  /** Where API keys are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The broker a run trades through, and how it is described on stderr (never with a key). */
export async function createLiveBroker(
  choice: BrokerChoice,
  context: BrokerContext,
): Promise<{ broker: Broker; description: string }> {
  if (choice.kind === "paper") {
    const now = context.replayClock;
    const paper = createPaperBroker({
      cash: context.cash,
      percentFee: context.percentFee,
      ...(now === undefined ? {} : { now: () => now.now() }),
    });
    if (context.resumedState !== undefined) await replayJournalOnPaper(paper, context.resumedState);
    return {
      broker: paper,
      description: "paper trading (orders filled by the paper broker at the fill model's prices)",
    };
  }
  const { createCcxtBroker } = await importBrokerCcxt();
  await checkVenueKeys(choice.venue, context.env);
  const ccxtOptions: Record<string, unknown> = {};
  if (choice.venueUrl !== undefined) {
    ccxtOptions.urls = { api: venueApiUrls(await productionUrlsOf(choice.venue), choice.venueUrl) };
    const clock = context.replayClock;
    // A replay signs with its own time: the emulator follows it, so orders fill at the replayed minute.
    if (clock !== undefined) {
      ccxtOptions.milliseconds = () => clock.now();
      // ccxt's own throttle waits in wall time (about 3 s for a periodic reconciliation pass's five requests)
      // while a replayed minute passes in milliseconds: a day's replay took minutes of sleeping. The venue's limits,
      // counted on its replayed clock, still answer 429, and the broker honours their Retry-After.
      ccxtOptions.enableRateLimit = false;
    }
  }
  const broker = createCcxtBroker({ exchangeId: choice.venue, ccxtOptions, env: { ...context.env } });
  const where = choice.venueUrl === undefined ? "production" : choice.venueUrl;
  return { broker, description: `LIVE: real orders on ${choice.venue} (${where})` };
}

/**
 * A usage error naming the environment variables `--live` reads when the key or the secret is missing, so it fails
 * before anything is loaded. Names only: a value is never shown.
 */
export async function checkVenueKeys(
  venue: "binance",
  env: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const { VENUE_PROFILES } = await importBrokerCcxt();
  const { apiKey, secret } = VENUE_PROFILES[venue].env;
  const unset = (names: readonly string[]) => names.every((name) => !env[name]);
  const missing = [
    ...(unset(apiKey) ? [{ what: "key", names: apiKey }] : []),
    ...(unset(secret) ? [{ what: "secret", names: secret }] : []),
  ];
  if (missing.length === 0) return;
  throw new UsageError(
    `--live on ${venue} needs its API ${missing.map((entry) => entry.what).join(" and ")} in the environment: ${missing.map((entry) => entry.names.join(" or ")).join(", and ")}`,
    "export them before starting; they are read once, never printed and never written to the state",
  );
}

/** The broker adapter, loaded only when `--broker` is used: it brings ccxt, a large library paper runs never need. */
async function importBrokerCcxt(): Promise<typeof import("@candlewick/broker-ccxt")> {
  try {
    return await import("@candlewick/broker-ccxt");
  } catch (error) {
    throw new UsageError(
      `--broker needs @candlewick/broker-ccxt and ccxt (${(error as Error).message.split("\n")[0]})`,
      "npm install ccxt (and @candlewick/broker-ccxt if it is missing)",
    );
  }
}

/** ccxt's production REST URLs of the venue, so `--venue-url` moves every one of them. */
async function productionUrlsOf(venue: "binance"): Promise<Readonly<Record<string, unknown>>> {
  const ccxt = (await import("ccxt")).default as unknown as Record<
    string,
    new () => { urls: { api: Record<string, unknown> } }
  >;
  const Venue = ccxt[venue]!;
  return new Venue().urls.api;
}
