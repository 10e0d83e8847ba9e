import type { ClosedResult } from "../spec/index.js";

/**
 * A deliberately naive second implementation of the documented definitions, used only by the tests to
 * check `computeStatistics` on data too large to work out by hand. It shares no code with the module and
 * takes different routes where it can: calendar days come from `Date#toISOString`, exposure from a set of
 * covered minutes (fixtures are minute-aligned), the drawdown from a list of visited equity points.
 * It assumes a rich sample: wins, losses, at least two days, positive period.
 */
export function referenceStatistics(
  trades: readonly ClosedResult[],
  options: { periodStart?: number; periodEnd?: number; periodsPerYear?: number } = {},
): Record<string, number> {
  const periodsPerYear = options.periodsPerYear ?? 365;
  const rs = trades.map((t) => t.pnl.pnlPercentage);
  const n = rs.length;
  const sum = (xs: number[]) => xs.reduce((acc, x) => acc + x, 0);
  const avg = (xs: number[]) => sum(xs) / xs.length;
  const sampleSd = (xs: number[]) => {
    const m = avg(xs);
    return Math.sqrt(sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1));
  };
  const wins = rs.filter((r) => r > 0);
  const losses = rs.filter((r) => r < 0);
  const sortedPnl = [...rs].sort((a, b) => a - b);
  const medianPnl = n % 2 === 1 ? sortedPnl[(n - 1) / 2]! : (sortedPnl[n / 2 - 1]! + sortedPnl[n / 2]!) / 2;

  const byClose = [...trades].sort((a, b) => {
    if (a.closeTimestamp !== b.closeTimestamp) return a.closeTimestamp - b.closeTimestamp;
    if (a.signal.pendingAt !== b.signal.pendingAt) return a.signal.pendingAt - b.signal.pendingAt;
    if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
    return a.signal.id < b.signal.id ? -1 : a.signal.id > b.signal.id ? 1 : 0;
  });

  // Equity points in visiting order: the trough of a trade, then its close.
  const points: { value: number; canBePeak: boolean }[] = [{ value: 1, canBePeak: true }];
  let equity = 1;
  for (const t of byClose) {
    points.push({ value: Math.max(0, equity * (1 + t.pnl.troughPercentage / 100)), canBePeak: false });
    equity = Math.max(0, equity * (1 + t.pnl.pnlPercentage / 100));
    points.push({ value: equity, canBePeak: true });
  }
  let peak = 1;
  let maxDrawdown = 0;
  for (const p of points) {
    maxDrawdown = Math.max(maxDrawdown, ((peak - p.value) / peak) * 100);
    if (p.canBePeak) peak = Math.max(peak, p.value);
  }
  let streakWins = 0;
  let streakLosses = 0;
  let maxConsecutiveWins = 0;
  let maxConsecutiveLosses = 0;
  for (const t of byClose) {
    const r = t.pnl.pnlPercentage;
    streakWins = r > 0 ? streakWins + 1 : 0;
    streakLosses = r < 0 ? streakLosses + 1 : 0;
    maxConsecutiveWins = Math.max(maxConsecutiveWins, streakWins);
    maxConsecutiveLosses = Math.max(maxConsecutiveLosses, streakLosses);
  }

  const periodStart = Math.min(options.periodStart ?? Infinity, ...trades.map((t) => t.signal.pendingAt));
  const periodEnd = Math.max(options.periodEnd ?? -Infinity, ...trades.map((t) => t.closeTimestamp));
  const spanDays = (periodEnd - periodStart) / 86_400_000;

  // Calendar days by ISO date string; the last day is the one holding the last millisecond of the period.
  const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const firstKey = dayKey(periodStart);
  const lastKey = dayKey(Math.max(periodStart, periodEnd - 1));
  const days: string[] = [];
  for (const d = new Date(`${firstKey}T00:00:00Z`); ; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(dayKey(d.getTime()));
    if (days[days.length - 1] === lastKey) break;
  }
  const closesByDay = new Map<string, number[]>();
  for (const t of byClose) {
    // A close at or after the midnight that ends the period is booked on the last day.
    let key = dayKey(t.closeTimestamp);
    if (key > lastKey) key = lastKey;
    closesByDay.set(key, [...(closesByDay.get(key) ?? []), t.pnl.pnlPercentage]);
  }
  // Equity at the end of each day, then day-over-day returns.
  const dayEnds: number[] = [];
  let dayEquity = 1;
  for (const key of days) {
    for (const r of closesByDay.get(key) ?? []) dayEquity = Math.max(0, dayEquity * (1 + r / 100));
    dayEnds.push(dayEquity);
  }
  const daily = dayEnds.map((e, i) => {
    const before = i === 0 ? 1 : dayEnds[i - 1]!;
    return before === 0 ? 0 : e / before - 1;
  });
  const dailyMean = avg(daily);
  const downside = Math.sqrt(sum(daily.map((d) => Math.min(d, 0) ** 2)) / daily.length);

  // Exposure: every covered minute of every symbol, as a set.
  const covered = new Set<string>();
  for (const t of trades) {
    for (let m = t.signal.pendingAt; m < t.closeTimestamp; m += 60_000) covered.add(`${t.symbol}@${m}`);
  }
  const symbolCount = new Set(trades.map((t) => t.symbol)).size;

  const avgWin = avg(wins);
  const avgLoss = avg(losses);
  const sd = sampleSd(rs);
  const cagr = equity === 0 ? -100 : (equity ** (365 / spanDays) - 1) * 100;
  return {
    tradeCount: n,
    winCount: wins.length,
    lossCount: losses.length,
    breakevenCount: n - wins.length - losses.length,
    winRate: (wins.length / (wins.length + losses.length)) * 100,
    totalPnl: sum(rs),
    avgPnl: avg(rs),
    medianPnl,
    compoundedReturn: (equity - 1) * 100,
    stdDev: sd,
    bestTrade: Math.max(...rs),
    worstTrade: Math.min(...rs),
    avgWin,
    avgLoss,
    avgPeakPnl: avg(trades.map((t) => t.pnl.peakPercentage)),
    avgTroughPnl: avg(trades.map((t) => t.pnl.troughPercentage)),
    sharpeRatio: avg(rs) / sd,
    annualizedSharpeRatio: (dailyMean / sampleSd(daily)) * Math.sqrt(periodsPerYear),
    sortinoRatio: (dailyMean / downside) * Math.sqrt(periodsPerYear),
    maxDrawdown,
    calmarRatio: cagr / maxDrawdown,
    expectedYearlyReturns: cagr,
    certaintyRatio: avgWin / Math.abs(avgLoss),
    profitFactor: sum(wins) / Math.abs(sum(losses)),
    expectancy: (wins.length / n) * avgWin + (losses.length / n) * avgLoss,
    sqn: (Math.sqrt(n) * avg(rs)) / sd,
    exposure: ((covered.size * 60_000) / ((periodEnd - periodStart) * symbolCount)) * 100,
    avgDurationMinutes: avg(trades.map((t) => (t.closeTimestamp - t.signal.pendingAt) / 60_000)),
    tradesPerYear: (n / spanDays) * 365,
    maxConsecutiveWins,
    maxConsecutiveLosses,
    periodStart,
    periodEnd,
    periodDays: spanDays,
    periodsPerYear,
  };
}
