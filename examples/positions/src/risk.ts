// Risk: limits a strategy's entries and DCA adds must pass before anything opens. A refused signal is published
// on listenRisk and kept for Risk.getData / getReport; the run goes on as if the strategy had asked for nothing.
import { addRisk, commitAverageBuy, getPosition, listenRisk, Risk, type RiskRejection } from "candlewick";
import { check, quote, time, totalPnl } from "./check.js";
import { backtest, momentumSignal, movedAgainst, registerMarket } from "./setup.js";

registerMarket();

// "desk": at most 250 quote held at once, and one position open or scheduled over every strategy and symbol
// sharing the risk. (A single-symbol backtest holds one position at a time, so here the exposure limit is the
// one that bites: a third 100-quote entry would hold 300. The count bites in a Portfolio.run.)
addRisk({ riskName: "desk", maxConcurrentPositions: 1, maxExposure: 250 });
// "weekdays-only": a custom validation; returning a string refuses, with it as the reason.
const isWeekend = (timestamp: number) => [0, 6].includes(new Date(timestamp).getUTCDay());
addRisk({
  riskName: "weekdays-only",
  validations: [
    {
      name: "no-new-positions-at-weekends",
      validate: ({ candidate, timestamp }) =>
        candidate.kind === "open" && isWeekend(timestamp)
          ? "no new positions on Saturday and Sunday (UTC)"
          : undefined,
    },
  ],
});

const seen: RiskRejection[] = [];
const stopListening = listenRisk((rejection) => {
  seen.push(rejection);
});

const trades = await backtest({
  strategyName: "momentum-dca-with-risk",
  interval: "1h",
  sizing: { kind: "fixed-cost", cost: 100 },
  riskName: "desk",
  riskList: ["weekdays-only"],
  getSignal: (symbol) =>
    momentumSignal(symbol, { takeProfitPercent: 1, stopLossPercent: 3, minuteEstimatedTime: 1440 }),
  // Add 100 at every hourly look while the price is 0.3% against the average entry: the risk stops it at 250.
  onOpenInterval(symbol, _when, signal) {
    const position = getPosition(symbol);
    if (position === null) return;
    if (movedAgainst(signal.position, position.markPrice, position.averagePrice, 0.3)) {
      commitAverageBuy(symbol); // false when a risk refuses it
    }
  },
});
stopListening();

const data = Risk.getData();
const byRule = new Map(data.byRule.map((tally) => [tally.name, tally.count]));
console.log(
  `\n${trades.length} trades, PnL ${quote(totalPnl(trades))} quote; ${data.totalRejections} refused:`,
);
for (const tally of data.byRule) console.log(`  ${tally.name}: ${tally.count}`);
for (const rule of byRule.keys()) {
  const first = seen.find((rejection) => rejection.rule === rule)!;
  console.log(
    `  e.g. ${time(first.timestamp)} ${first.riskName}/${first.rule} (${first.candidate.kind}): ${first.reason}`,
  );
}
const report = Risk.getReport("desk").split("\n");
console.log(
  `\nRisk.getReport("desk"), first lines:\n${report.slice(0, 14).join("\n")}\n  … ${report.length - 14} more lines\n`,
);

check(
  seen.length === data.totalRejections && seen.length > 0,
  `listenRisk saw every rejection Risk.getData holds (${seen.length})`,
);
check((byRule.get("maxExposure") ?? 0) > 0, `maxExposure refused DCA adds (${byRule.get("maxExposure")})`);
check(
  seen
    .filter((rejection) => rejection.rule === "maxExposure")
    .every(
      (rejection) =>
        rejection.candidate.kind === "average_buy" && rejection.reason.endsWith("maxExposure is 250"),
    ),
  "every maxExposure refusal was a DCA add past 250",
);
check(
  trades.every((trade) => trade.pnl.invested <= 250 + 0.001) &&
    trades.some((trade) => trade.signal.entries.length === 2),
  "no position ever held more than 250 (positions did average in, up to 200)",
);
const weekend = byRule.get("no-new-positions-at-weekends") ?? 0;
check(weekend > 0, `the custom validation refused weekend entries (${weekend})`);
check(
  trades.every((trade) => !isWeekend(trade.signal.pendingAt)),
  "no position opened on a Saturday or Sunday",
);
check(
  Risk.getData("weekdays-only").totalRejections === weekend &&
    Risk.getData("desk").totalRejections === (byRule.get("maxExposure") ?? 0),
  "Risk.getData per risk splits the same rejections",
);
