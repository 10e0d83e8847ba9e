/**
 * What the page's script draws: plain JSON, embedded next to the report data. Times are UTC seconds (what
 * lightweight-charts takes), strictly increasing within a series.
 */
export type ChartSpec =
  | TimeChartSpec
  | CandleChartSpec
  | BarChartSpec
  | ScatterChartSpec
  | HeatmapChartSpec
  | BandChartSpec
  | HistogramChartSpec;

/** One series over time. */
export interface TimeSeriesSpec {
  readonly name: string;
  readonly style: "line" | "area" | "histogram";
  readonly color: string;
  /** `[time, value]` pairs. */
  readonly points: readonly (readonly [number, number])[];
  /** Shown on the price scale (`%`, `USDT`). */
  readonly unit: string;
}

/** Lines, areas or histograms on a time axis (lightweight-charts). */
export interface TimeChartSpec {
  readonly type: "time";
  readonly id: string;
  readonly series: readonly TimeSeriesSpec[];
}

/** A marker on a candle: an entry, an exit (partial or final) or a moved level. */
export interface MarkerSpec {
  readonly time: number;
  readonly position: "aboveBar" | "belowBar" | "inBar";
  readonly shape: "arrowUp" | "arrowDown" | "circle" | "square";
  readonly color: string;
  readonly text: string;
}

/** Candlesticks with trade markers (lightweight-charts). */
export interface CandleChartSpec {
  readonly type: "candles";
  readonly id: string;
  /** `[time, open, high, low, close]`. */
  readonly candles: readonly (readonly [number, number, number, number, number])[];
  readonly markers: readonly MarkerSpec[];
}

/** Bars over categories (drawn on a plain canvas: lightweight-charts has a time axis only). */
export interface BarChartSpec {
  readonly type: "bars";
  readonly id: string;
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly unit: string;
}

/** Points of a parameter against the objective (plain canvas). */
export interface ScatterChartSpec {
  readonly type: "scatter";
  readonly id: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly points: readonly (readonly [number, number])[];
}

/** The best objective per cell of two parameters (plain canvas); null where no trial fell. */
export interface HeatmapChartSpec {
  readonly type: "heatmap";
  readonly id: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Lower edge of each column and row. */
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  /** `cells[row][column]`. */
  readonly cells: readonly (readonly (number | null)[])[];
}

/**
 * Percentile bands over a numeric axis (plain canvas: the x axis is a count, not a time), e.g. the equity of
 * Monte Carlo paths after each trade: shaded areas between `low` and `high`, then lines on top.
 */
export interface BandChartSpec {
  readonly type: "bands";
  readonly id: string;
  readonly xLabel: string;
  readonly unit: string;
  readonly xs: readonly number[];
  readonly areas: readonly {
    readonly name: string;
    readonly color: string;
    readonly low: readonly number[];
    readonly high: readonly number[];
  }[];
  readonly lines: readonly {
    readonly name: string;
    readonly color: string;
    readonly values: readonly number[];
  }[];
}

/** Counts per bin of a value (plain canvas), with an optional marked value (the real run's). */
export interface HistogramChartSpec {
  readonly type: "histogram";
  readonly id: string;
  readonly xLabel: string;
  /** `counts.length + 1` bin edges, increasing. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly marker?: { readonly value: number; readonly label: string };
}
