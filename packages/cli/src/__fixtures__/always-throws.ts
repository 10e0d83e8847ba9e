import { z } from "zod";
import { defineStrategy } from "@candlewick/sdk";

/** A strategy whose getSignal always throws, for the CLI's exit code on run errors. */
export default defineStrategy({
  name: "always-throws",
  interval: "15m",
  params: z.object({}),
  defaults: {},
  getSignal() {
    throw new Error("the indicator service is down");
  },
});
