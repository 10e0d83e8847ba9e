import { addExchange, addFrame, type CandleInterval, type ExchangeSchema } from "@candlewick/core";
import { type ExchangeOptions, resolveExchange } from "./resolve-exchange.js";

/** Registers the exchange and the frame a backtest or walker command runs on; returns them and their names. */
export async function registerRunSetup(
  options: ExchangeOptions & { from: Date; to: Date; interval: CandleInterval },
): Promise<{ exchange: ExchangeSchema; exchangeName: string; frameName: string }> {
  const exchange = await resolveExchange(options);
  addExchange(exchange);
  const frameName = `cli:${options.from.toISOString()}..${options.to.toISOString()}@${options.interval}`;
  addFrame({ frameName, interval: options.interval, startDate: options.from, endDate: options.to });
  return { exchange, exchangeName: exchange.exchangeName, frameName };
}
