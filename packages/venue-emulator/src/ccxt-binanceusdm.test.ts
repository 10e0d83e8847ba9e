import { afterEach, describe, expect, it } from "vitest";
import { createVenueEmulator, type VenueEmulator } from "./create-venue-emulator.js";
import { API_KEY, SECRET, signedRequest } from "./test-support/setup.js";
import { BTC_PERP, binanceUsdmOn, PERP_BTC_CSV, pat, startUsdmEmulator } from "./test-support/usdm-setup.js";

// Real BTCUSDT perpetual candles (2025-05-04): 15:33 closes 95502.7; 15:43 (index 10) has low 95412.3; 15:49
// (index 16) closes 95453.2. The venue starts at 15:34, so market orders fill at 95502.7.
let venue: VenueEmulator | undefined;
afterEach(async () => {
  await venue?.stop();
  venue = undefined;
});

const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: Error) => error,
  );

describe("USDⓈ-M (fapi) with ccxt.binanceusdm", () => {
  it("loads the linear markets from /fapi/v1/exchangeInfo only, with fapi's filters", async () => {
    venue = await startUsdmEmulator();
    const exchange = binanceUsdmOn(venue);
    await exchange.loadMarkets();
    expect(Object.keys(exchange.markets as object).sort()).toEqual(["BTC/USDT:USDT", "ETH/USDT:USDT"]);
    expect(exchange.market(BTC_PERP).limits.cost?.min).toBe(100);
    expect(exchange.market(BTC_PERP).precision).toMatchObject({ amount: 0.001, price: 0.1 });
    expect(venue.log.map((entry) => entry.path)).toEqual(["/fapi/v1/exchangeInfo"]);
  });

  it("a short opened by a market sell and closed by a reduce-only limit and market buy: PnL and wallet by hand", async () => {
    venue = await startUsdmEmulator({ leverage: 10 });
    const exchange = binanceUsdmOn(venue);
    const sell = await exchange.createOrder(BTC_PERP, "market", "sell", 0.02, undefined, {
      clientOrderId: "s-1",
    });
    expect(sell).toMatchObject({ status: "closed", average: 95502.7, filled: 0.02, clientOrderId: "s-1" });
    // 0.02 × 95502.7 = 1910.054 notional, / 10 = 191.0054 margin; taker 0.05% = 0.955027.
    expect(venue.positions()).toEqual([
      expect.objectContaining({
        symbol: "BTCUSDT",
        positionAmt: "-0.02000000",
        entryPrice: "95502.70000000",
      }),
    ]);
    await exchange.createOrder(BTC_PERP, "limit", "buy", 0.01, 95420, {
      clientOrderId: "s-2",
      reduceOnly: true,
    });
    // Index 10 (15:43) is the first candle whose low (95412.3) reaches 95420: a maker fill at the limit.
    venue.advanceTo(pat(11));
    expect(venue.orders().map((o) => [o.clientOrderId, o.status, o.reduceOnly])).toEqual([
      ["s-1", "FILLED", false],
      ["s-2", "FILLED", true],
    ]);
    const half = await exchange.fetchOrder("", BTC_PERP, { clientOrderId: "s-2" });
    expect(half).toMatchObject({ status: "closed", average: 95420, reduceOnly: true });
    venue.advanceTo(pat(17));
    // Last close 95453.2: unrealised (95502.7 − 95453.2) × 0.01 = 0.495.
    const [open] = await exchange.fetchPositions([BTC_PERP]);
    expect(open).toMatchObject({ side: "short", contracts: 0.01, entryPrice: 95502.7, markPrice: 95453.2 });
    expect(open!.unrealizedPnl).toBeCloseTo(0.495, 8);
    await exchange.createOrder(BTC_PERP, "market", "buy", 0.01, undefined, {
      clientOrderId: "s-3",
      reduceOnly: true,
    });
    expect(await exchange.fetchPositions()).toEqual([]);
    const trades = await exchange.fetchMyTrades(BTC_PERP);
    // realised: (95502.7 − 95420) × 0.01 = 0.827 and (95502.7 − 95453.2) × 0.01 = 0.495.
    expect(trades.map((t) => [t.side, t.price, t.takerOrMaker, Number(t.info.realizedPnl)])).toEqual([
      ["sell", 95502.7, "taker", 0],
      ["buy", 95420, "maker", 0.827],
      ["buy", 95453.2, "taker", 0.495],
    ]);
    // fees: 0.955027 + 954.2 × 0.0002 = 0.19084 + 954.532 × 0.0005 = 0.477266.
    expect(trades.map((t) => t.fee?.cost)).toEqual([0.955027, 0.19084, 0.477266]);
    // 10000 − 0.955027 + 0.827 − 0.19084 + 0.495 − 0.477266 = 9999.698867, all free once flat.
    expect(venue.marginAccount()).toMatchObject({
      walletBalance: "9999.69886700",
      unrealizedProfit: "0.00000000",
      initialMargin: "0.00000000",
      availableBalance: "9999.69886700",
    });
    const balance = await exchange.fetchBalance();
    expect(balance.USDT).toMatchObject({ free: 9999.698867, used: 0, total: 9999.698867 });
  });

  it("a long's margin: a resting order locks price × quantity ÷ leverage; the position's at the mark", async () => {
    venue = await startUsdmEmulator();
    const exchange = binanceUsdmOn(venue);
    await exchange.setLeverage(5, BTC_PERP);
    expect(venue.log.at(-1)).toMatchObject({ path: "/fapi/v1/leverage", status: 200 });
    await exchange.createOrder(BTC_PERP, "limit", "buy", 0.01, 90000, { clientOrderId: "l-1" });
    // 0.01 × 90000 / 5 = 180.
    expect((await exchange.fetchBalance()).USDT).toMatchObject({ used: 180, total: 10000, free: 9820 });
    await exchange.cancelOrder("", BTC_PERP, { clientOrderId: "l-1" });
    await exchange.createOrder(BTC_PERP, "market", "buy", 0.01, undefined, { clientOrderId: "l-2" });
    venue.advanceTo(pat(3));
    // 15:36: the last closed candle is index 2 (15:35), close 95457.6 → 954.576 / 5 = 190.9152 margin;
    // unrealised (95457.6 − 95502.7) × 0.01 = −0.451.
    const account = venue.marginAccount();
    expect(account).toMatchObject({ initialMargin: "190.91520000", unrealizedProfit: "-0.45100000" });
    // wallet: 10000 − the taker fee 955.027 × 0.0005 = 0.4775135.
    expect(account.walletBalance).toBe("9999.52248650");
  });

  it("answers fapi's error codes; ccxt (with the linear table) gives the classes the real fapi gets", async () => {
    venue = await startUsdmEmulator({ leverage: 1 });
    const exchange = binanceUsdmOn(venue);
    const tooSmall = await failure(
      exchange.createOrder(BTC_PERP, "market", "buy", 0.001, undefined, { clientOrderId: "e-1" }),
    );
    // 0.001 × 95502.7 = 95.5 < 100.
    expect(tooSmall.constructor.name).toBe("InvalidOrder");
    expect(tooSmall.message).toContain(
      `{"code":-4164,"msg":"Order's notional must be no smaller than 100 (unless you choose reduce only)."}`,
    );
    // 0.2 × 95502.7 = 19100.54 > 10000 at 1× leverage.
    const margin = await failure(
      exchange.createOrder(BTC_PERP, "market", "buy", 0.2, undefined, { clientOrderId: "e-2" }),
    );
    expect(margin.constructor.name).toBe("InsufficientFunds");
    expect(margin.message).toContain('"code":-2019');
    const flat = await failure(
      exchange.createOrder(BTC_PERP, "market", "sell", 0.01, undefined, {
        clientOrderId: "e-3",
        reduceOnly: true,
      }),
    );
    expect(flat.message).toContain('{"code":-2022,"msg":"ReduceOnly Order is rejected."}');
    await exchange.createOrder(BTC_PERP, "market", "buy", 0.01, undefined, { clientOrderId: "e-4" });
    // Reduce-only but larger than the 0.01 long: it would flip the position.
    const flip = await failure(
      exchange.createOrder(BTC_PERP, "market", "sell", 0.02, undefined, {
        clientOrderId: "e-5",
        reduceOnly: true,
      }),
    );
    expect(flip.message).toContain('"code":-2022');
    // A reduce-only order below the minimum notional is taken ("unless you choose reduce only").
    const small = await exchange.createOrder(BTC_PERP, "market", "sell", 0.001, undefined, {
      clientOrderId: "e-6",
      reduceOnly: true,
    });
    expect(small.status).toBe("closed");
    await exchange.createOrder(BTC_PERP, "limit", "buy", 0.002, 90000, { clientOrderId: "e-7" });
    const duplicate = await failure(
      exchange.createOrder(BTC_PERP, "limit", "buy", 0.002, 90000, { clientOrderId: "e-7" }),
    );
    expect(duplicate.message).toContain('{"code":-4116,"msg":"ClientOrderId is duplicated."}');
    // PERCENT_PRICE 1.05 × 95502.7 = 100277.835 → the cap 100277.8 on the 0.1 tick.
    const high = await failure(
      exchange.createOrder(BTC_PERP, "limit", "buy", 0.002, 100300, { clientOrderId: "e-8" }),
    );
    expect(high.message).toContain(`{"code":-4016,"msg":"Limit price can't be higher than 100277.8."}`);
    const unknown = await failure(exchange.fetchOrder("", BTC_PERP, { clientOrderId: "nope" }));
    expect([unknown.constructor.name, unknown.message]).toEqual([
      "OrderNotFound",
      expect.stringContaining('{"code":-2013,"msg":"Order does not exist."}'),
    ]);
    const cancel = await failure(exchange.cancelOrder("", BTC_PERP, { clientOrderId: "e-6" }));
    expect(cancel.message).toContain('{"code":-2011,"msg":"Unknown order sent."}');
  });

  it("checks one-way mode and refuses conditional types on /fapi/v1/order (the algo API's)", async () => {
    venue = await startUsdmEmulator();
    const base = { symbol: "BTCUSDT", side: "BUY", quantity: "0.01", newOrderRespType: "RESULT" };
    const hedge = await signedRequest(venue, "POST", "/fapi/v1/order", {
      ...base,
      type: "MARKET",
      positionSide: "LONG",
    });
    expect(hedge.body).toEqual({ code: -4061, msg: "Order's position side does not match user's setting." });
    const stop = await signedRequest(venue, "POST", "/fapi/v1/order", {
      ...base,
      type: "STOP_MARKET",
      stopPrice: "96000",
    });
    expect(stop.body.code).toBe(-4120);
    const offStep = await signedRequest(venue, "POST", "/fapi/v1/order", {
      ...base,
      type: "MARKET",
      quantity: "0.0015",
    });
    expect(offStep.body).toEqual({
      code: -1111,
      msg: "Precision is over the maximum defined for this asset.",
    });
    const offTick = await signedRequest(venue, "POST", "/fapi/v1/order", {
      ...base,
      type: "LIMIT",
      timeInForce: "GTC",
      price: "90000.05",
    });
    expect(offTick.body).toEqual({ code: -4014, msg: "Price not increased by tick size." });
    const badSignature = await signedRequest(venue, "GET", "/fapi/v3/account", {}, { secret: "wrong" });
    expect([badSignature.status, badSignature.body.code]).toEqual([400, -1022]);
    const mode = await signedRequest(venue, "GET", "/fapi/v1/positionSide/dual", {});
    expect(mode.body).toEqual({ dualSidePosition: false });
  });

  it("faults apply to fapi routes: a lost answer leaves the order placed; a 429 is -1003 and DDoSProtection", async () => {
    venue = await startUsdmEmulator();
    const exchange = binanceUsdmOn(venue);
    await exchange.loadMarkets();
    venue.faults.dropResponse({ method: "POST", path: "/fapi/v1/order" });
    const lost = await failure(
      exchange.createOrder(BTC_PERP, "market", "buy", 0.01, undefined, { clientOrderId: "f-1" }),
    );
    expect(lost.constructor.name).toBe("NetworkError");
    expect(await exchange.fetchOrder("", BTC_PERP, { clientOrderId: "f-1" })).toMatchObject({
      status: "closed",
    });
    venue.faults.rateLimit({ path: "/fapi/v3/account" });
    const limited = await failure(exchange.fetchBalance());
    expect(limited.constructor.name).toBe("DDoSProtection");
    expect(limited.message).toContain('"code":-1003');
  });

  it("refuses spot-only options and symbols outside the fapi recording, naming them", () => {
    const base = {
      market: "usdm" as const,
      apiKey: API_KEY,
      secret: SECRET,
      candles: { BTCUSDT: PERP_BTC_CSV },
    };
    expect(() => createVenueEmulator({ ...base, balances: { BTC: "1" } })).toThrow(/balances.*only USDT/);
    expect(() => createVenueEmulator({ ...base, candles: { SOLUSDT: PERP_BTC_CSV } })).toThrow(
      /candles.SOLUSDT.*USDⓈ-M symbols: BTCUSDT, ETHUSDT/,
    );
    expect(() =>
      createVenueEmulator({
        apiKey: API_KEY,
        secret: SECRET,
        candles: { BTCUSDT: PERP_BTC_CSV },
        leverage: 5,
      }),
    ).toThrow(/leverage/);
  });
});
