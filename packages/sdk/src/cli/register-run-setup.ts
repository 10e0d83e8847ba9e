import { addExchange, addFrame, type CandleInterval } from "@candlewick/core";
import { type ExchangeOptions, resolveExchange } from "./resolve-exchange.js";

/** Registers the exchange and the frame a backtest or walker command runs on; returns their names. */
export async function registerRunSetup(
  options: ExchangeOptions & { from: Date; to: Date; interval: CandleInterval },
): Promise<{ exchangeName: string; frameName: string }> {
  const exchange = await resolveExchange(options);
  addExchange(exchange);
  const frameName = `cli:${options.from.toISOString()}..${options.to.toISOString()}@${options.interval}`;
  addFrame({ frameName, interval: options.interval, startDate: options.from, endDate: options.to });
  return { exchangeName: exchange.exchangeName, frameName };
}
