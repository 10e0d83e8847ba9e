/** Open time of the 1m candle that closes one hour after `when`: what the cheating fixtures peek at. */
export function futureOpenTime(when: Date): number {
  return when.getTime() + 59 * 60_000;
}

/** Open time of the last 1m candle closed at `when`: the one an honest strategy may see. */
export function lastClosedOpenTime(when: Date): number {
  return when.getTime() - 60_000;
}
