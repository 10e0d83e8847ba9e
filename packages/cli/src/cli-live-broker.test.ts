import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { candleFixtureDir } from "@candlewick/sdk";
import { createSignedClockRelay, createVenueEmulator, type VenueEmulator } from "@candlewick/venue-emulator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixture, startCli } from "./__fixtures__/spawn-cli.js";
import { runCli } from "./run-cli.js";

const candles = candleFixtureDir();
const csv = `csv:${candles}`;
const replay = ["--replay-from", "2025-06-02", "--replay-to", "2025-06-03"];
// Half a day that ends with a position open: two closed trades, and an entry still in the state's journal.
const halfDay = ["--replay-from", "2025-06-02", "--replay-to", "2025-06-02T12:30:00Z"];
const base = ["live", fixture("rsi-dip-long.ts"), "--symbol", "BTCUSDT", "--exchange", csv];
// Credentials of the emulator: values no output may ever contain.
const KEY = "cwFakeKeyQ7Z3x9Lm2Pa";
const SECRET = "cw-fake-secret-8Hq1Vd4Rt6";

/** The CLI in this process, its output captured. */
async function inProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const sink = (write: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    stdout: sink((text) => {
      stdout += text;
    }),
    stderr: sink((text) => {
      stderr += text;
    }),
  });
  return { code, stdout, stderr };
}

/** The loopback Binance on the shipped candles, its clock following the timestamps the CLI signs with. */
async function startVenue(
  apiKey = KEY,
): Promise<{ venue: VenueEmulator; url: string; stop: () => Promise<void> }> {
  const relay = createSignedClockRelay();
  const venue = createVenueEmulator({
    apiKey,
    secret: SECRET,
    candles: { BTCUSDT: join(candles, "BTCUSDT-1m.csv.gz") },
    balances: { USDT: "10000" },
    clock: relay.now,
  });
  await venue.start();
  const url = await relay.start(venue.url);
  return {
    venue,
    url,
    stop: async () => {
      await relay.stop();
      await venue.stop();
    },
  };
}

/** Every file under `dir`, as text. */
async function filesUnder(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: await readFile(path, "utf8") });
  }
  return out;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("candlewick live --broker … --live: usage errors", () => {
  const usage = async (args: string[], message: RegExp) => {
    const { code, stderr } = await inProcess(...base, ...args);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\nhint: /);
    expect(code).toBe(2);
  };

  it("--live without --broker, --broker without --live, an unknown venue, --paper with either", async () => {
    await usage(["--live"], /^error: --live needs --broker: the venue to place the orders on\n/);
    await usage(["--broker", "binance"], /^error: --broker binance places real orders, which needs --live\n/);
    await usage(
      ["--broker", "kraken", "--live"],
      /^error: --broker "kraken" is not a venue the CLI trades on\nhint: pass one of: binance \(Binance spot/,
    );
    await usage(["--paper", "--broker", "binance", "--live"], /^error: --paper contradicts --live\n/);
  });

  it("--venue-url without a broker or malformed, a replay on production, rails that are not amounts", async () => {
    await usage(["--venue-url", "http://127.0.0.1:9"], /^error: --venue-url is where --broker sends orders/);
    await usage(
      ["--broker", "binance", "--live", "--venue-url", "ftp://x"],
      /^error: --venue-url "ftp:\/\/x" is not http\(s\)\n/,
    );
    await usage(
      ["--broker", "binance", "--live", "--venue-url", "http://user:pw@127.0.0.1:9"],
      /^error: --venue-url must not carry credentials\n/,
    );
    await usage(
      ["--broker", "binance", "--live", ...replay],
      /^error: --live on a replay needs --venue-url\n/,
    );
    await usage(["--max-order-notional", "-5"], /^error: --max-order-notional "-5" is not an amount\n/);
    await usage(["--max-daily-loss", "0"], /^error: --max-daily-loss "0" is not an amount\n/);
    await usage(
      ["--reconcile-every", "5"],
      /^error: --reconcile-every "5" is not a duration of at least 1s\nhint: pass a whole number with s, m, h or d/,
    );
    await usage(
      ["--reconcile-every", "0m"],
      /^error: --reconcile-every "0m" is not a duration of at least 1s\n/,
    );
  });

  it("--live with no keys in the environment names the variables it reads", async () => {
    for (const name of [
      "CANDLEWICK_BINANCE_API_KEY",
      "CANDLEWICK_API_KEY",
      "CANDLEWICK_BINANCE_API_SECRET",
      "CANDLEWICK_API_SECRET",
    ])
      vi.stubEnv(name, "");
    await usage(
      ["--broker", "binance", "--live", "--venue-url", "http://127.0.0.1:9", ...replay],
      /^error: --live on binance needs its API key and secret in the environment: CANDLEWICK_BINANCE_API_KEY or CANDLEWICK_API_KEY, and CANDLEWICK_BINANCE_API_SECRET or CANDLEWICK_API_SECRET\n/,
    );
    vi.stubEnv("CANDLEWICK_API_KEY", KEY);
    const { stderr } = await inProcess(
      ...base,
      "--broker",
      "binance",
      "--live",
      "--venue-url",
      "http://127.0.0.1:9",
      ...replay,
    );
    expect(stderr).toMatch(
      /^error: --live on binance needs its API secret in the environment: CANDLEWICK_BINANCE_API_SECRET or CANDLEWICK_API_SECRET\n/,
    );
    expect(stderr).not.toContain(KEY);
  });
});

describe("candlewick live --broker binance --live on the venue emulator", () => {
  it("half a day's replay: the venue holds exactly the orders of the trades the CLI printed; no key in any output or state file", async () => {
    const { venue, url, stop } = await startVenue();
    const stateDir = await mkdtemp(join(tmpdir(), "candlewick-live-broker-"));
    try {
      const { done } = startCli(
        [
          ...base,
          "--broker",
          "binance",
          "--live",
          "--venue-url",
          url,
          ...halfDay,
          "--state-dir",
          stateDir,
          "--json",
        ],
        { env: { CANDLEWICK_BINANCE_API_KEY: KEY, CANDLEWICK_BINANCE_API_SECRET: SECRET } },
      );
      const { code, stdout, stderr } = await done;
      expect(stderr).toContain(`LIVE: real orders on binance (${url})`);
      expect(code).toBe(0);

      // What the printed trades imply, worked out from the documented client id scheme (sha256 of the signal id),
      // Binance's BTCUSDT lot step (0.00001) and the protective-order rules (architecture/live.md: on Binance spot
      // the stop rests as a STOP_LOSS sell of the entry's quantity from the entry's tick, `s1` for a stop never
      // moved; cancelled before a market close; filled when the close is the stop-loss, which then has no order of
      // its own), not with Candlewick's code.
      const events = stdout
        .trim()
        .split("\n")
        .map(
          (line) =>
            JSON.parse(line) as {
              action: string;
              timestamp: number;
              closeReason?: string;
              signal: {
                id: string;
                priceStopLoss: number;
                entries: { quantity: number }[];
                exits: { quantity: number }[];
              };
            },
        );
      const lots = (quantity: number) => (Math.floor(quantity / 0.00001 + 1e-9) * 0.00001).toFixed(8);
      const id = (signalId: string) =>
        `cw${createHash("sha256").update(signalId).digest("hex").slice(0, 20)}`;
      type Expected = {
        clientOrderId: string;
        side: string;
        executedQty: string;
        time: number;
        status: string;
        stopPrice: string;
      };
      const expected: Expected[] = [];
      const stops = new Map<string, Expected>();
      for (const event of events) {
        if (event.action === "opened") {
          const entry = event.signal.entries[0]!;
          const order = {
            side: "BUY",
            executedQty: lots(entry.quantity),
            time: event.timestamp,
            status: "FILLED",
          };
          expected.push({ clientOrderId: `${id(event.signal.id)}-e`, ...order, stopPrice: "0.00000000" });
          const stop = {
            clientOrderId: `${id(event.signal.id)}-s1`,
            side: "SELL",
            executedQty: lots(0),
            time: event.timestamp,
            status: "NEW",
            stopPrice: (Math.round(event.signal.priceStopLoss * 100) / 100).toFixed(8),
          };
          expected.push(stop);
          stops.set(event.signal.id, stop);
        }
        if (event.action === "closed") {
          const exit = event.signal.exits.at(-1)!;
          const stop = stops.get(event.signal.id)!;
          if (event.closeReason === "stop_loss") {
            Object.assign(stop, { status: "FILLED", executedQty: lots(exit.quantity) });
            continue;
          }
          stop.status = "CANCELED";
          expected.push({
            clientOrderId: `${id(event.signal.id)}-c`,
            side: "SELL",
            executedQty: lots(exit.quantity),
            time: event.timestamp,
            status: "FILLED",
            stopPrice: "0.00000000",
          });
        }
      }
      // Trades to compare: two closed (one of them by its stop on the venue), and the last one still open (its
      // entry is in the state's journal, its stop resting).
      expect(events.filter((event) => event.action === "closed").length).toBe(2);
      expect(events.filter((event) => event.closeReason === "stop_loss").length).toBe(1);
      expect(events.at(-1)?.action).toBe("opened");
      const orders = venue.orders();
      expect(
        orders.map(({ clientOrderId, side, executedQty, time, status, stopPrice }) => ({
          clientOrderId,
          side,
          executedQty,
          time,
          status,
          stopPrice,
        })),
      ).toEqual(expected);

      // The keys were used (every order is signed) and are nowhere: not in stdout, stderr or the state files,
      // which do hold the run's orders.
      const files = await filesUnder(stateDir);
      expect(files.some((file) => file.text.includes(expected.at(-2)!.clientOrderId))).toBe(true);
      for (const text of [stdout, stderr, ...files.map((file) => file.text)]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(SECRET);
      }
    } finally {
      await stop();
    }
  }, 60_000);

  it("--reconcile-every 20m: one pass (an open-orders read) at 00:20, 00:40 and 01:00 of the replay; off: only at start", async () => {
    // A one-hour replay from 2025-06-02 00:00. Passes sit on a grid of the period from the epoch (architecture/live.md,
    // "Reconciliation"): each the first tick at or after 00:20, 00:40 and 01:00. The start-up reconciliation reads
    // the open orders once too, at 00:00.
    const hour = ["--replay-from", "2025-06-02", "--replay-to", "2025-06-02T01:00:00Z", "--memory-state"];
    const start = Date.UTC(2025, 5, 2);
    const reads = async (every: string) => {
      const { venue, url, stop } = await startVenue();
      try {
        const { done } = startCli(
          [...base, "--broker", "binance", "--live", "--venue-url", url, ...hour, "--reconcile-every", every],
          { env: { CANDLEWICK_BINANCE_API_KEY: KEY, CANDLEWICK_BINANCE_API_SECRET: SECRET } },
        );
        const { code, stderr } = await done;
        expect(code, stderr).toBe(0);
        return venue.log
          .filter((request) => request.method === "GET" && request.path === "/api/v3/openOrders")
          .map((request) => (request.venueTime - start) / 60_000);
      } finally {
        await stop();
      }
    };
    expect(await reads("20m")).toEqual([0, 20, 40, 60]);
    expect(await reads("off")).toEqual([0]);
  }, 60_000);

  it("a key the venue refuses: the run fails with the venue's reason, and the key is not in its output", async () => {
    const { venue, url, stop } = await startVenue("cwOtherKey55");
    try {
      const { done } = startCli(
        [...base, "--broker", "binance", "--live", "--venue-url", url, ...halfDay, "--memory-state"],
        { env: { CANDLEWICK_BINANCE_API_KEY: KEY, CANDLEWICK_BINANCE_API_SECRET: SECRET } },
      );
      const { code, stdout, stderr } = await done;
      expect(code).toBe(1);
      expect(stderr).toMatch(/-2015|API-key|authentication/i);
      expect(venue.orders()).toEqual([]);
      for (const text of [stdout, stderr]) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(SECRET);
      }
    } finally {
      await stop();
    }
  }, 60_000);
});

describe("candlewick live: paper trading is the default", () => {
  it("a paper run stopped with a position open resumes it from its state (the paper broker rebuilt from the journal)", async () => {
    const stateDir = await mkdtemp(join(tmpdir(), "candlewick-paper-"));
    const first = await startCli([...base, ...halfDay, "--state-dir", stateDir, "--json"]).done;
    expect(first.stderr).toContain("paper trading (orders filled by the paper broker");
    expect(first.code).toBe(0);
    const firstEvents = first.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string; signal: { id: string } });
    const open = firstEvents.at(-1)!;
    // The window ends with a position open (checked, so the resume below has something to resume).
    expect(open.action).toBe("opened");

    const second = await startCli([
      ...base,
      "--replay-from",
      "2025-06-02T12:30:00Z",
      "--replay-to",
      "2025-06-03",
      "--state-dir",
      stateDir,
      "--json",
    ]).done;
    expect(second.stderr).not.toContain("RECONCILIATION_FAILED");
    expect(second.code).toBe(0);
    const closed = second.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string; signal: { id: string } });
    expect(closed[0]).toMatchObject({ action: "closed", signal: { id: open.signal.id } });
  }, 60_000);

  it("--paper is still accepted: paper broker, state in memory as before, and a note saying so", async () => {
    const { code, stderr } = await startCli([...base, ...halfDay, "--paper"]).done;
    expect(code).toBe(0);
    expect(stderr).toContain("note: --paper is the default now");
    expect(stderr).toContain("; state in memory");
  }, 60_000);
});
