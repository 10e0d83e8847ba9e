import ccxt from "ccxt";
import { afterEach, describe, expect, it } from "vitest";
import { binanceCcxtConfig } from "./binance-ccxt-config.js";
import type { VenueEmulator } from "./create-venue-emulator.js";
import { binanceOn, signedRequest, startEmulator } from "./test-support/setup.js";

let emulator: VenueEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

const ORDER = { method: "POST", path: "/api/v3/order" } as const;

describe("fault injection, seen through ccxt.binance", () => {
  it("drops the answer of an accepted order: ccxt sees a NetworkError, the venue has the order, fetchOrder finds it", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.loadMarkets();
    emulator.faults.dropResponse(ORDER);
    await expect(
      exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, { clientOrderId: "cw-lost-ack" }),
    ).rejects.toThrow(ccxt.NetworkError);
    expect(emulator.orders().map((o) => [o.clientOrderId, o.status])).toEqual([["cw-lost-ack", "NEW"]]);
    const found = await exchange.fetchOrder("", "BTC/USDT", { clientOrderId: "cw-lost-ack" });
    expect(found).toMatchObject({ status: "open", amount: 0.001, price: 100000 });
    expect(emulator.log.find((r) => r.path === ORDER.path)).toMatchObject({
      outcome: "dropped",
      applied: true,
      status: 200,
    });
  });

  it("holds an accepted order's answer until ccxt times out (RequestTimeout)", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator, { timeout: 300 });
    await exchange.loadMarkets();
    emulator.faults.hang(ORDER);
    await expect(
      exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, { clientOrderId: "cw-timeout" }),
    ).rejects.toThrow(ccxt.RequestTimeout);
    expect(emulator.orders().map((o) => o.clientOrderId)).toEqual(["cw-timeout"]);
  });

  it("answers 429 with Retry-After for the next N requests, executing none of them", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.loadMarkets();
    emulator.faults.rateLimit({ ...ORDER, times: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      await expect(exchange.createOrder("BTC/USDT", "market", "buy", 0.001)).rejects.toThrow(
        ccxt.DDoSProtection,
      );
    }
    await expect(exchange.createOrder("BTC/USDT", "market", "buy", 0.001)).resolves.toMatchObject({
      status: "closed",
    });
    expect(emulator.orders()).toHaveLength(1);
    emulator.faults.rateLimit({ status: 418 });
    const raw = await signedRequest(emulator, "GET", "/api/v3/account", {});
    expect(raw.status).toBe(418);
    expect(raw.body.code).toBe(-1003);
    emulator.faults.rateLimit({ retryAfterSeconds: 7 });
    const limited = await signedRequest(emulator, "GET", "/api/v3/account", {});
    expect([limited.status, limited.headers.get("retry-after"), limited.body.code]).toEqual([
      429,
      "7",
      -1003,
    ]);
  });

  it("answers 5xx: 503 (Binance's -1008) is OperationFailed, a 502 gateway page ExchangeNotAvailable", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.loadMarkets();
    emulator.faults.serverError({ ...ORDER, status: 503 });
    await expect(exchange.createOrder("BTC/USDT", "market", "buy", 0.001)).rejects.toThrow(
      ccxt.OperationFailed,
    );
    // Without the spot error table, ccxt on a loopback URL would not know -1008 and throw a plain ExchangeError.
    const plain = new ccxt.binance(binanceCcxtConfig(emulator, { enableRateLimit: false }) as never);
    emulator.faults.serverError({ path: "/api/v3/account", status: 503 });
    const untabled = plain.fetchBalance();
    await expect(untabled).rejects.toThrow(ccxt.ExchangeError);
    await expect(untabled).rejects.not.toThrow(ccxt.OperationFailed);
    emulator.faults.serverError({ status: 502 });
    await expect(exchange.fetchBalance()).rejects.toThrow(ccxt.ExchangeNotAvailable);
    expect(emulator.orders()).toEqual([]);
    // "Execution status unknown": the order is placed and the answer is a 500.
    emulator.faults.serverError({ ...ORDER, status: 500, apply: true });
    await expect(
      exchange.createOrder("BTC/USDT", "market", "buy", 0.001, undefined, { clientOrderId: "cw-500" }),
    ).rejects.toThrow(ccxt.OperationFailed);
    expect(emulator.orders().map((o) => [o.clientOrderId, o.status])).toEqual([["cw-500", "FILLED"]]);
  });

  it("resets every connection during a network drop, then serves again", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.loadMarkets();
    emulator.faults.networkDown({ forMs: 300 });
    await expect(exchange.fetchTime()).rejects.toThrow(ccxt.NetworkError);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await expect(exchange.fetchTime()).resolves.toBe(emulator.now());
  });

  it("ends a network drop on the venue's clock when given untilVenueTime (a replayed minute)", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    const start = emulator.now();
    emulator.faults.networkDown({ untilVenueTime: start + 60_000 });
    await expect(exchange.fetchTime()).rejects.toThrow(ccxt.NetworkError);
    emulator.setTime(start + 60_000);
    await expect(exchange.fetchTime()).resolves.toBe(start + 60_000);
  });

  it("restarts: listen keys are forgotten, orders and balances kept", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, { clientOrderId: "cw-survivor" });
    const created = await fetch(`${emulator.url}/api/v3/userDataStream`, {
      method: "POST",
      headers: { "X-MBX-APIKEY": emulator.apiKey },
    });
    const { listenKey } = (await created.json()) as { listenKey: string };
    expect(emulator.sessionCount()).toBe(1);
    const before = emulator.balances();
    emulator.restart({ dropConnections: true });
    expect(emulator.sessionCount()).toBe(0);
    const keepAlive = await fetch(`${emulator.url}/api/v3/userDataStream?listenKey=${listenKey}`, {
      method: "PUT",
      headers: { "X-MBX-APIKEY": emulator.apiKey },
    });
    expect([keepAlive.status, await keepAlive.json()]).toEqual([
      400,
      { code: -1125, msg: "This listenKey does not exist." },
    ]);
    expect(emulator.balances()).toEqual(before);
    const open = await exchange.fetchOpenOrders("BTC/USDT");
    expect(open.map((o) => o.clientOrderId)).toEqual(["cw-survivor"]);
  });
});
