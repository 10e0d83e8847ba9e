/**
 * `[seconds, value]` pairs from epoch-ms columns, strictly increasing in time as lightweight-charts requires:
 * points in the same second keep the last value (the state after everything that happened then).
 */
export function timePoints(
  timestamps: readonly number[],
  values: readonly number[],
  map: (value: number) => number = (value) => value,
): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const time = Math.floor(timestamps[i]! / 1000);
    const value = map(values[i]!);
    const last = points.at(-1);
    if (last !== undefined && last[0] >= time) last[1] = value;
    else points.push([time, value]);
  }
  return points;
}
