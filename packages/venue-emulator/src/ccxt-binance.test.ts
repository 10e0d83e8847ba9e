import ccxt from "ccxt";
import { afterEach, describe, expect, it } from "vitest";
import type { VenueEmulator } from "./create-venue-emulator.js";
import { at, binanceOn, startEmulator } from "./test-support/setup.js";

// Candle values quoted below are the real BTCUSDT 1m rows of data/candles/BTCUSDT-1m.csv.gz (2025-05-20, UTC):
//   00:00 close 105554.32 · 00:01 high 105609.89 · 00:02 high 105665.28 · 00:03 high 105664
//   00:04 high 105700.99 · 00:09 close 105970.52 · 00:10 open 105970.51 low 105939.56

let emulator: VenueEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

describe("ccxt.binance (the real class) against the emulator", () => {
  it("loads the spot markets from the venue and reads its time, without any sapi call", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(["BTC/USDT", "ETH/USDT"]);
    expect(markets["BTC/USDT"]!.limits.cost?.min).toBe(5);
    expect(await exchange.fetchTime()).toBe(at(1));
    expect(emulator.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v3/exchangeInfo",
      "GET /api/v3/time",
    ]);
  });

  it("fills a market buy at the last closed candle's close, with the commission in quote", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    const order = await exchange.createOrder("BTC/USDT", "market", "buy", 0.01, undefined, {
      clientOrderId: "cw-sig1-entry",
    });
    // 0.01 × 105554.32 = 1055.5432; commission 0.1% = 1.0555432
    expect(order).toMatchObject({
      status: "closed",
      filled: 0.01,
      average: 105554.32,
      clientOrderId: "cw-sig1-entry",
    });
    expect(order.trades[0]!.fee).toMatchObject({ cost: 1.0555432, currency: "USDT" });
    const balance = await exchange.fetchBalance();
    // 10000 − 1055.5432 − 1.0555432 = 8943.4012568
    expect(balance.USDT).toMatchObject({ free: 8943.4012568, used: 0 });
    expect(balance.BTC).toMatchObject({ free: 0.01, used: 0 });
    const byClientId = await exchange.fetchOrder("", "BTC/USDT", { clientOrderId: "cw-sig1-entry" });
    expect(byClientId).toMatchObject({ id: order.id, status: "closed", filled: 0.01 });
  });

  it("rests a limit sell, locks its base, and fills it at the limit on the first later candle that reaches it", async () => {
    emulator = await startEmulator({ balances: { USDT: "0", BTC: "0.01" } });
    const exchange = binanceOn(emulator);
    const order = await exchange.createOrder("BTC/USDT", "limit", "sell", 0.003, 105700, {
      clientOrderId: "cw-tp",
    });
    expect(order).toMatchObject({ status: "open", filled: 0 });
    expect((await exchange.fetchBalance()).BTC).toMatchObject({ free: 0.007, used: 0.003 });
    expect((await exchange.fetchOpenOrders("BTC/USDT")).map((o) => o.clientOrderId)).toEqual(["cw-tp"]);

    // Candles 00:01–00:03 top out at 105665.28; 00:04 reaches 105700.99.
    emulator.setTime(at(4));
    expect((await exchange.fetchOrder(order.id!, "BTC/USDT")).status).toBe("open");
    emulator.setTime(at(5));
    const filled = await exchange.fetchOrder(order.id!, "BTC/USDT");
    expect(filled).toMatchObject({ status: "closed", filled: 0.003, average: 105700 });
    const trades = await exchange.fetchMyTrades("BTC/USDT");
    // 0.003 × 105700 = 317.1; maker commission 0.3171; filled in the 00:04 candle (its close time).
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({
      price: 105700,
      amount: 0.003,
      cost: 317.1,
      takerOrMaker: "maker",
      timestamp: at(5) - 1,
    });
    expect(trades[0]!.fee).toMatchObject({ cost: 0.3171, currency: "USDT" });
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 316.7829, used: 0 });
    expect(await exchange.fetchOpenOrders("BTC/USDT")).toEqual([]);
  });

  it("maps ccxt's stop-limit sell to STOP_LOSS_LIMIT, triggers it on the stop and fills it as a limit", async () => {
    emulator = await startEmulator({ balances: { BTC: "0.01" }, startTime: at(10) });
    const exchange = binanceOn(emulator);
    const stop = await exchange.createOrder("BTC/USDT", "limit", "sell", 0.01, 105940, {
      triggerPrice: 105950,
      clientOrderId: "cw-sl",
    });
    expect(stop.info).toMatchObject({ type: "STOP_LOSS_LIMIT", stopPrice: "105950.00000000" });
    expect(stop).toMatchObject({ status: "open", triggerPrice: 105950 });
    // The 00:10 candle opens at 105970.51 and falls to 105939.56: triggered at 105950, marketable for a limit of
    // 105940, so it takes at 105950.
    emulator.setTime(at(11));
    const done = await exchange.fetchOrder("", "BTC/USDT", { clientOrderId: "cw-sl" });
    expect(done).toMatchObject({ status: "closed", filled: 0.01, average: 105950 });
    // 0.01 × 105950 = 1059.5; taker commission 1.0595 → 1058.4405
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 1058.4405 });
  });

  it("takes a stop-market sell (STOP_LOSS), valuing it at its stop for NOTIONAL, and fills it there", async () => {
    emulator = await startEmulator({ balances: { BTC: "0.01" }, startTime: at(10) });
    const exchange = binanceOn(emulator);
    // 0.00004 × 105950 = 4.238 USDT, below the 5 USDT NOTIONAL at the stop price.
    await expect(
      exchange.createOrder("BTC/USDT", "market", "sell", 0.00004, undefined, { stopLossPrice: 105950 }),
    ).rejects.toThrow(/-1013.*Filter failure: NOTIONAL/);
    const stop = await exchange.createOrder("BTC/USDT", "market", "sell", 0.01, undefined, {
      stopLossPrice: 105950,
      clientOrderId: "cw-slm",
    });
    expect(stop.info).toMatchObject({ type: "STOP_LOSS" });
    // The 00:10 candle falls from 105970.51 through 105950: filled whole at the stop.
    emulator.setTime(at(11));
    expect(await exchange.fetchOrder("", "BTC/USDT", { clientOrderId: "cw-slm" })).toMatchObject({
      status: "closed",
      filled: 0.01,
      average: 105950,
    });
  });

  it("refuses a stop that would trigger immediately, as Binance does", async () => {
    emulator = await startEmulator({ balances: { BTC: "0.01" }, startTime: at(10) });
    const exchange = binanceOn(emulator);
    // Last close 105970.52 is already below a sell stop at 106000.
    await expect(
      exchange.createOrder("BTC/USDT", "limit", "sell", 0.01, 105990, { triggerPrice: 106000 }),
    ).rejects.toThrow(ccxt.OrderImmediatelyFillable);
  });

  it("cancels an open order by client id, releases its lock, and reports unknown orders", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.createOrder("BTC/USDT", "limit", "buy", 0.01, 100000, { clientOrderId: "cw-entry" });
    // 0.01 × 100000 = 1000, plus the 0.1% commission reserved: 1001 locked.
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 8999, used: 1001 });
    const canceled = await exchange.cancelOrder("", "BTC/USDT", { clientOrderId: "cw-entry" });
    expect(canceled).toMatchObject({ status: "canceled" });
    expect(canceled.info).toMatchObject({ origClientOrderId: "cw-entry" });
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ free: 10000, used: 0 });
    await expect(exchange.cancelOrder("", "BTC/USDT", { clientOrderId: "cw-entry" })).rejects.toThrow(
      ccxt.OrderNotFound,
    );
    await expect(exchange.fetchOrder("", "BTC/USDT", { clientOrderId: "never-sent" })).rejects.toThrow(
      ccxt.OrderNotFound,
    );
  });

  it("rejects a duplicate client order id while the first order is open, and accepts it again once it is not", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    await exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, { clientOrderId: "cw-dup" });
    const duplicate = exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, {
      clientOrderId: "cw-dup",
    });
    await expect(duplicate).rejects.toThrow(ccxt.InvalidOrder);
    await expect(duplicate).rejects.toThrow(/-2010.*Duplicate order sent/);
    await exchange.cancelOrder("", "BTC/USDT", { clientOrderId: "cw-dup" });
    // Binance only refuses a client id that an open order carries: a broker cannot rely on it for idempotency.
    await expect(
      exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, 100000, { clientOrderId: "cw-dup" }),
    ).resolves.toMatchObject({ status: "open" });
  });

  it("classifies rejections as ccxt does for the real venue", async () => {
    emulator = await startEmulator();
    const exchange = binanceOn(emulator);
    // 1 BTC at 105554.32 is more than 10,000 USDT.
    await expect(exchange.createOrder("BTC/USDT", "market", "buy", 1)).rejects.toThrow(
      ccxt.InsufficientFunds,
    );
    // 0.00004 × 100000 = 4 USDT, below the 5 USDT NOTIONAL filter: Binance answers -1013, which ccxt maps to
    // BadRequest (not InvalidOrder): a broker has to read "Filter failure" itself.
    const small = exchange.createOrder("BTC/USDT", "limit", "buy", 0.00004, 100000);
    await expect(small).rejects.toThrow(ccxt.BadRequest);
    await expect(small).rejects.toThrow(/-1013.*Filter failure: NOTIONAL/);
    expect(emulator.orders()).toEqual([]);
    expect(emulator.balances().USDT).toEqual({ free: "10000.00000000", locked: "0.00000000" });
  });

  it("rejects a wrong secret, a wrong key and a stale timestamp with ccxt's authentication and nonce errors", async () => {
    emulator = await startEmulator();
    const venue = emulator;
    await expect(binanceOn(venue, { secret: "not-the-secret" }).fetchBalance()).rejects.toThrow(
      ccxt.AuthenticationError,
    );
    await expect(binanceOn(venue, { apiKey: "someoneElsesKey" }).fetchBalance()).rejects.toThrow(
      ccxt.AuthenticationError,
    );
    // 10 s behind the venue's clock with ccxt's 10 s recvWindow is still accepted; 11 s is not.
    await expect(
      binanceOn(venue, { milliseconds: () => venue.now() - 10_000 }).fetchBalance(),
    ).resolves.toBeDefined();
    await expect(
      binanceOn(venue, { milliseconds: () => venue.now() - 11_000 }).fetchBalance(),
    ).rejects.toThrow(ccxt.InvalidNonce);
    const accountCalls = venue.log.filter((r) => r.path === "/api/v3/account");
    expect(accountCalls.map((r) => [r.status, r.binanceCode])).toEqual([
      [400, -1022],
      [401, -2015],
      [200, undefined],
      [400, -1021],
    ]);
  });

  it("fills a resting order partially over several candles under a per-candle cap", async () => {
    emulator = await startEmulator({
      balances: { BTC: "0.003" },
      partialFills: { maxQuantityPerCandle: { BTCUSDT: "0.001" } },
    });
    const exchange = binanceOn(emulator);
    const order = await exchange.createOrder("BTC/USDT", "limit", "sell", 0.003, 105600);
    // Candles 00:01 (high 105609.89), 00:02 and 00:03 each reach 105600: 0.001 each.
    emulator.setTime(at(2));
    expect(await exchange.fetchOrder(order.id!, "BTC/USDT")).toMatchObject({
      status: "open",
      filled: 0.001,
      remaining: 0.002,
    });
    expect(emulator.orders()[0]!.status).toBe("PARTIALLY_FILLED");
    emulator.setTime(at(4));
    expect(await exchange.fetchOrder(order.id!, "BTC/USDT")).toMatchObject({
      status: "closed",
      filled: 0.003,
    });
    const trades = await exchange.fetchMyTrades("BTC/USDT");
    expect(trades.map((t) => [t.amount, t.timestamp])).toEqual([
      [0.001, at(2) - 1],
      [0.001, at(3) - 1],
      [0.001, at(4) - 1],
    ]);
  });
});
