import { z } from "zod";
import { defineStrategy } from "@candlewick/sdk";

/** A strategy whose every signal is rejected by validation (a long with its take-profit below the entry). */
export default defineStrategy({
  name: "always-rejected",
  interval: "1h",
  params: z.object({}),
  defaults: {},
  async getSignal(ctx) {
    const price = await ctx.averagePrice();
    return { position: "long", priceTakeProfit: price * 0.98, priceStopLoss: price * 0.97, minuteEstimatedTime: 60 };
  },
});
