import {
  CandlewickError,
  type JsonValue,
  Live,
  type LiveResult,
  type LiveState,
  liveStateKey,
} from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, type LiveMarket, registerLiveMarket, takeProfitMarket } from "./live.test-helpers.js";

// Regression (issue 9, item 2): a stored live state used to be checked at the top level only. Each case below
// starts from a real state (a long opened at 10:01 at 100, take-profit 101, stop-loss 99, 60 minutes: see
// takeProfitMarket), breaks one field, and checks that the run refuses it with BAD_LIVE_STATE naming where the
// state is and which field is wrong, and that nothing ran and the stored value was left as it was.

const longOnce = (_symbol: string, when: Date) =>
  when.getTime() === at(1)
    ? { position: "long" as const, priceTakeProfit: 101, priceStopLoss: 99, minuteEstimatedTime: 60 }
    : null;

/** A market on ETH and BTC, and the state a run on `symbol` leaves after its position opened. */
async function openedState(label: string, symbol = "BTC"): Promise<{ market: LiveMarket; state: LiveState }> {
  const market = registerLiveMarket({
    label,
    candles: { BTC: takeProfitMarket(), ETH: takeProfitMarket() },
    start: at(0),
    end: at(20),
    getSignal: longOnce,
  });
  for await (const result of Live.run(symbol, { ...market, clock: market.replay.clock })) {
    expect(result.action).toBe("opened");
    break;
  }
  const key = liveStateKey({ strategyName: market.strategyName, symbol });
  const state = (await market.persist.read(key)) as unknown as LiveState;
  expect(state.runner.phase).toBe("opened");
  // The probe itself asked the strategy; the refused runs below must not.
  market.asked.clear();
  return { market, state };
}

/** Stores `value` as the BTC state, starts a run on BTC, and returns what it was refused with. */
async function refusal(market: LiveMarket, value: unknown): Promise<CandlewickError> {
  const key = liveStateKey({ strategyName: market.strategyName, symbol: "BTC" });
  await market.persist.write(key, value as JsonValue);
  const error = await Live.run("BTC", { ...market, clock: market.replay.clock })
    .next()
    .then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
  expect(CandlewickError.isInstance(error)).toBe(true);
  const refused = error as CandlewickError;
  expect(refused.code).toBe("BAD_LIVE_STATE");
  expect(refused.message).toContain(`persist-memory at signals/${market.strategyName}/BTC`);
  // Nothing ran on top of an unknown position, and the stored value is exactly what was there.
  expect(market.asked.get("BTC")).toBeUndefined();
  expect(await market.persist.read(key)).toEqual(value);
  return refused;
}

/** A deep copy of a state, open to edits. */
interface EditableState {
  [field: string]: unknown;
  runner: { [field: string]: unknown; signal: Record<string, unknown> | null };
  outbox: unknown[];
}
const clone = (state: LiveState): EditableState => JSON.parse(JSON.stringify(state));

describe("Live: a stored state is validated in full before it is trusted", () => {
  it("an opened phase with a null signal is refused (not a TypeError)", async () => {
    const { market, state } = await openedState("state-null-signal");
    const bad = clone(state);
    bad.runner.signal = null;
    const error = await refusal(market, bad);
    expect(error.details).toMatchObject({ field: "runner.signal", value: null });
    expect(error.message).toContain('"runner.signal" is null');
    expect(error.message).toContain("opened");
  });

  it('an outbox of [1, "x"] is refused instead of being delivered as results', async () => {
    const { market, state } = await openedState("state-outbox-junk");
    const bad = { ...clone(state), outbox: [1, "x"] };
    const error = await refusal(market, bad);
    expect(error.details).toMatchObject({ field: "outbox.0", value: 1 });
    expect(error.message).toContain('"outbox.0" is 1');
  });

  it("a negative stop-loss is refused with the rule a new signal is held to", async () => {
    const { market, state } = await openedState("state-negative-sl");
    const bad = clone(state);
    bad.runner.signal!.priceStopLoss = -5;
    const error = await refusal(market, bad);
    expect(error.details).toMatchObject({ field: "runner.signal.priceStopLoss", value: -5 });
    expect(error.message).toContain('"runner.signal.priceStopLoss" is -5');
    expect(error.message).toContain("expected a finite price > 0");
  });

  it("a stop-loss on the wrong side of the entry is refused", async () => {
    const { market, state } = await openedState("state-sl-side");
    const bad = clone(state);
    // A long opened at 100 with its stop above the entry would be "stopped" at a profit.
    bad.runner.signal!.priceStopLoss = 100.5;
    const error = await refusal(market, bad);
    expect(error.details).toMatchObject({ field: "runner.signal.priceStopLoss", value: 100.5 });
    expect(error.message).toContain("must be below");
  });

  it("a stop a trailing stop moved above a long's entry is resumed, not refused", async () => {
    // Regression: a trailing stop in profit is past the entry by design; the state check held it to the sides of
    // a new signal and refused the restart.
    const { market, state } = await openedState("state-sl-trailed");
    const trailed = clone(state);
    const signal = trailed.runner.signal as unknown as Record<string, unknown>;
    signal.priceStopLoss = 100.5;
    signal.levelChanges = [
      { timestamp: at(2), level: "stop_loss", from: 99, to: 100.5, cause: "trailing_stop" },
    ];
    await market.persist.write(
      liveStateKey({ strategyName: market.strategyName, symbol: "BTC" }),
      trailed as unknown as JsonValue,
    );
    const resumed: LiveResult[] = [];
    for await (const result of Live.run("BTC", { ...market, clock: market.replay.clock }))
      resumed.push(result);
    // The flat 100 candles are under the moved stop: the first one after the resume gaps through it at its open.
    expect(
      resumed.map((result) => [result.action, result.action === "closed" && result.closeReason]),
    ).toEqual([["closed", "stop_loss"]]);
  });

  it("a state written for ETH is refused on BTC (it would close ETH's position on BTC's prices)", async () => {
    const { market, state } = await openedState("state-other-symbol", "ETH");
    const error = await refusal(market, clone(state));
    expect(error.details).toMatchObject({ field: "runner.signal.symbol", value: "ETH" });
    expect(error.message).toContain('expected "BTC"');
  });

  it("a state of another strategy is refused", async () => {
    const { market, state } = await openedState("state-other-strategy");
    const bad = clone(state);
    bad.runner.signal!.strategyName = "someone-else";
    const error = await refusal(market, bad);
    expect(error.details).toMatchObject({ field: "runner.signal.strategyName", value: "someone-else" });
    expect(error.message).toContain(`expected "${market.strategyName}"`);
  });

  it("an outbox result with a bad signal or of another symbol is refused", async () => {
    const { market, state } = await openedState("state-outbox-result");
    const opened: LiveResult = {
      action: "opened",
      symbol: "BTC",
      strategyName: market.strategyName,
      exchangeName: market.exchangeName,
      frameName: "",
      backtest: false,
      timestamp: at(1),
      currentPrice: 100,
      signal: state.runner.signal!,
    };
    const wrongSymbol = { ...clone(state), outbox: [{ ...opened, symbol: "ETH" }] };
    const first = await refusal(market, wrongSymbol);
    expect(first.details).toMatchObject({ field: "outbox.0.symbol", value: "ETH" });

    const badTakeProfit = {
      ...clone(state),
      outbox: [{ ...opened, signal: { ...opened.signal, priceTakeProfit: 0 } }],
    };
    const second = await refusal(market, badTakeProfit);
    expect(second.details).toMatchObject({ field: "outbox.0.signal.priceTakeProfit", value: 0 });
  });

  it("a stored JSON null is refused, not taken as 'no state' and overwritten", async () => {
    const { market } = await openedState("state-json-null");
    const error = await refusal(market, null);
    expect(error.details).toMatchObject({ field: "(state)", value: null });
    expect(error.message).toContain("is null; expected a live state object");
  });

  it("the state it refuses is still there after the refusal, and a valid one resumes as before", async () => {
    const { market, state } = await openedState("state-valid-resumes");
    const resumed: LiveResult[] = [];
    for await (const result of Live.run("BTC", { ...market, clock: market.replay.clock })) {
      resumed.push(result);
    }
    expect(resumed.map((result) => [result.action, result.timestamp, result.signal.id])).toEqual([
      ["closed", at(6), state.runner.signal!.id],
    ]);
  });
});
