import type { TimeChartSpec } from "./chart-spec.js";
import { timePoints } from "./time-points.js";

/** The "equity" chart of a compounded curve: growth factors (1 = the start) drawn as a return in %. */
export function returnChart(timestamps: readonly number[], equity: readonly number[]): TimeChartSpec {
  return {
    type: "time",
    id: "equity",
    series: [
      {
        name: "return",
        style: "area",
        color: "#0969da",
        unit: "%",
        points: timePoints(timestamps, equity, (value) => (value - 1) * 100),
      },
    ],
  };
}

/** The "drawdown" chart: the fall from the peak, in %, drawn below zero. */
export function drawdownChart(
  timestamps: readonly number[],
  drawdownPercent: readonly number[],
): TimeChartSpec {
  return {
    type: "time",
    id: "drawdown",
    series: [
      {
        name: "drawdown",
        style: "area",
        color: "#cf222e",
        unit: "%",
        points: timePoints(timestamps, drawdownPercent, (fall) => -fall),
      },
    ],
  };
}
