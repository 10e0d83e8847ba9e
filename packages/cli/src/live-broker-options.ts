import type { Command } from "commander";

/** The options of `candlewick live` that choose where its orders go and what limits them. */
export function brokerOptions(command: Command): Command {
  return command
    .option(
      "--broker <venue>",
      "the venue of real orders, with --live: binance (Binance spot, keys from CANDLEWICK_BINANCE_API_KEY/_SECRET)",
    )
    .option("--live", "place real orders on --broker (without it the run is paper trading, the default)")
    .option(
      "--venue-url <url>",
      "send --broker's orders to this endpoint instead of production: a testnet, or the venue emulator",
    )
    .option(
      "--order-prefix <prefix>",
      "client order id prefix of this deployment, 1-8 letters or digits (default cw)",
    )
    .option("--max-order-notional <amount>", "safety rail: largest entry or add, in quote currency")
    .option(
      "--max-open-notional <amount>",
      "safety rail: largest notional in open positions, in quote currency",
    )
    .option(
      "--max-daily-loss <amount>",
      "kill switch: no new entries once the day's realised loss reaches this",
    )
    .option(
      "--reconcile-every <duration>",
      "reconcile with the venue every this much of the run's clock (30s, 5m, 1h), or off: at start only (default 5m)",
    )
    .option("--memory-state", "keep the state in memory (nothing persisted or resumed)")
    .option("--paper", "paper trading, the default; as it used to, it also keeps the state in memory");
}
