import { CandlewickError, Live } from "@candlewick/core";
import { describe, expect, it } from "vitest";
import { at, registerLiveMarket, takeProfitMarket } from "../live/live.test-helpers.js";

// This file's process registers no persistence (vitest runs each test file in its own process), while
// @candlewick/persist-fs is installed in the workspace: core must not pick it up from the application.
describe("live persistence with nothing configured", () => {
  it("Live.run fails with NO_PERSISTENCE naming persist, setPersist and the candlewick package", async () => {
    const market = registerLiveMarket({
      label: "no-persist",
      candles: { BTC: takeProfitMarket() },
      start: at(0),
      end: at(10),
      getSignal: () => null,
    });
    const run = Live.run("BTC", { strategyName: market.strategyName, exchangeName: market.exchangeName });
    const error = await run.next().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CandlewickError);
    expect((error as CandlewickError).code).toBe("NO_PERSISTENCE");
    const message = (error as Error).message;
    expect(message).toContain("persist");
    expect(message).toContain("setPersist(");
    expect(message).toContain('"candlewick"');
  });
});
