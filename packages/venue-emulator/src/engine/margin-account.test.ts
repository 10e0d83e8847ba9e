import { describe, expect, it } from "vitest";
import { formatAtoms, parseAtoms } from "./decimal.js";
import { MarginAccount } from "./margin-account.js";
import type { NewOrder, VenueOrder } from "./venue-order.js";

const a = (text: string) => parseAtoms(text)!;
const rejects = {
  insufficientMargin: () => new Error("-2019"),
  reduceOnlyRejected: () => new Error("-2022"),
};
const filters = {} as never;

function account(mark: string, wallet = "1000", leverage = 10) {
  let price = a(mark);
  const ledger = new MarginAccount(
    "USDT",
    a(wallet),
    { takerFee: 0n, makerFee: 0n, leverage, maintMarginRate: a("0.004") },
    () => price,
    () => 0,
    rejects,
  );
  return { ledger, setMark: (text: string) => (price = a(text)) };
}

function order(side: "BUY" | "SELL", quantity: string, reduceOnly = false): VenueOrder {
  const request: NewOrder = {
    symbol: "BTCUSDT",
    side,
    type: "MARKET",
    timeInForce: undefined,
    quantity: a(quantity),
    quoteOrderQty: 0n,
    price: 0n,
    stopPrice: 0n,
    clientOrderId: "x",
    reduceOnly,
  };
  return { ...request, origQty: a(quantity), executedQty: 0n, locked: 0n } as unknown as VenueOrder;
}

/** Reserves and settles a whole market order at `price`, as the engine does. */
function trade(
  ledger: MarginAccount,
  side: "BUY" | "SELL",
  quantity: string,
  price: string,
  reduceOnly = false,
) {
  const o = order(side, quantity, reduceOnly);
  o.locked = ledger.reserve(o, a(quantity), a(price), filters).locked;
  return ledger.settle(o, a(quantity), a(price), false);
}

describe("MarginAccount (one-way, cross, fees 0 here)", () => {
  it("averages the entry when a position grows and keeps it when it shrinks, realising PnL into the wallet", () => {
    const { ledger } = account("100");
    trade(ledger, "BUY", "1", "100");
    trade(ledger, "BUY", "3", "120");
    // (1 × 100 + 3 × 120) / 4 = 115.
    expect(formatAtoms(ledger.position("BTCUSDT").entryPrice)).toBe("115.00000000");
    const sold = trade(ledger, "SELL", "1", "130");
    // (130 − 115) × 1 = 15, entry unchanged.
    expect(formatAtoms(sold!.realizedPnl)).toBe("15.00000000");
    expect(formatAtoms(ledger.position("BTCUSDT").entryPrice)).toBe("115.00000000");
    expect(formatAtoms(ledger.totals().walletBalance)).toBe("1015.00000000");
  });

  it("a fill larger than the position closes it and opens the other side at the fill price", () => {
    const { ledger, setMark } = account("100");
    trade(ledger, "SELL", "2", "100");
    const flipped = trade(ledger, "BUY", "5", "90");
    // Short 2 closed at 90: (100 − 90) × 2 = 20; long 3 opened at 90.
    expect(formatAtoms(flipped!.realizedPnl)).toBe("20.00000000");
    expect(ledger.position("BTCUSDT")).toMatchObject({ amount: a("3"), entryPrice: a("90") });
    setMark("95");
    // Unrealised (95 − 90) × 3 = 15; margin 3 × 95 / 10 = 28.5; available 1020 + 15 − 28.5 = 1006.5.
    expect(formatAtoms(ledger.totals().unrealizedProfit)).toBe("15.00000000");
    expect(formatAtoms(ledger.totals().availableBalance)).toBe("1006.50000000");
  });

  it("refuses an order whose opening margin exceeds the available balance, and reduce-only orders that would grow or flip", () => {
    const { ledger } = account("100", "100", 2);
    // 3 × 100 / 2 = 150 > 100.
    expect(() => trade(ledger, "BUY", "3", "100")).toThrow("-2019");
    expect(() => trade(ledger, "SELL", "1", "100", true)).toThrow("-2022");
    trade(ledger, "BUY", "1", "100");
    expect(() => trade(ledger, "SELL", "2", "100", true)).toThrow("-2022");
    expect(() => trade(ledger, "BUY", "1", "100", true)).toThrow("-2022");
    // Closing needs no margin: the opposite side up to the position's size opens nothing.
    expect(trade(ledger, "SELL", "1", "100", true)).toBeDefined();
  });
});
