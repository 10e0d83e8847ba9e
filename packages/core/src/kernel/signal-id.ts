import { createHash } from "node:crypto";

/**
 * A deterministic signal id: the same run (mode, strategy, exchange, frame, symbol) creating a signal at the same
 * time gets the same id, so two identical backtests produce identical output; live ids differ by creation time.
 */
export function createSignalId(
  backtest: boolean,
  strategyName: string,
  exchangeName: string,
  frameName: string,
  symbol: string,
  createdAt: number,
): string {
  const digest = createHash("sha256")
    .update(
      `${backtest ? "bt" : "live"}\0${strategyName}\0${exchangeName}\0${frameName}\0${symbol}\0${createdAt}`,
    )
    .digest("hex");
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
}
