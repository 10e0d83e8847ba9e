// Seed: multi-symbol-strategies.md, "Pattern: Background + Listener".
// The seed cancels every symbol on Ctrl-C (SIGINT). On the replay the example also does that when the session
// ends: the cancel is graceful, so a position still open is monitored until it closes before its run ends.
import { Live, listenDoneLive, listenPerformance, listenSignalLive } from "candlewick";
import { registerSeedComponents, SESSION_END } from "./setup.js";

// The replay goes on 2 hours past the session (the strategy's longest position), so every position can close.
const clock = registerSeedComponents("background", new Date(SESSION_END.getTime() + 2 * 60 * 60_000));

// --- seed code, only the import changed ---
const symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

// Start all symbols in background
const cancellations = await Promise.all(
  symbols.map((symbol) =>
    Live.background(symbol, {
      strategyName: "my-strategy",
      exchangeName: "binance",
    }),
  ),
);

// Single listener for all symbols
listenSignalLive((event) => {
  const symbol = event.signal?.symbol || "UNKNOWN";

  if (event.action === "opened") {
    console.log(`[${symbol}] Signal opened:`, event.signal.id);
  }

  if (event.action === "closed") {
    console.log(`[${symbol}] Signal closed:`, {
      pnl: event.pnl.pnlPercentage,
      reason: event.closeReason,
    });
  }
});

// Cancel all on exit
process.on("SIGINT", () => {
  // biome-ignore lint/suspicious/useIterableCallbackReturn: seed code, kept as written
  cancellations.forEach((cancel) => cancel());
  process.exit(0);
});
// --- end of seed code ---

// example: the end of the session does what Ctrl-C does, minus process.exit: cancel every symbol.
const stopWatch = listenPerformance(() => {
  if (clock.now() < SESSION_END.getTime()) return;
  stopWatch();
  console.log(`session over at ${new Date(clock.now()).toISOString()}: cancelling every symbol`);
  for (const cancel of cancellations) cancel();
});

// example: each run ends once its last position is closed; the process then exits by itself.
listenDoneLive((event) => {
  console.log(
    `[${event.symbol}] live run ended at ${new Date(clock.now()).toISOString()} (cancelled: ${event.cancelled})`,
  );
});
