/// <reference lib="dom" />
import type * as Lwc from "lightweight-charts";
import type { ChartSpec } from "../chart-spec.js";

/**
 * Runs in the report's page, not in Node: it is embedded with `Function.prototype.toString`, so it must not
 * use anything from outside its own body (types excepted). It draws every chart into its
 * `[data-chart="<id>"] .chart-body` element and marks the figure `data-drawn="true"` once painted, which is
 * what the browser test waits for.
 *
 * @param lib the `LightweightCharts` global of the inlined standalone build
 * @param charts the specs embedded in `#candlewick-charts`
 */
export function drawReportCharts(lib: typeof Lwc, charts: readonly ChartSpec[]): void {
  const INK = "#24292f";
  const MUTED = "#57606a";
  const UP = "#1a7f37";
  const DOWN = "#cf222e";
  const FONT = "12px system-ui, sans-serif";

  for (const spec of charts) {
    const figure = document.querySelector<HTMLElement>(`[data-chart="${spec.id}"]`);
    const body = figure?.querySelector<HTMLElement>(".chart-body");
    if (!figure || !body) throw new Error(`no element for chart ${spec.id}`);
    if (spec.type === "time" || spec.type === "candles") drawTimeChart(spec, body);
    else drawCanvasChart(spec, body);
    // lightweight-charts paints on the next animation frame; two frames later every canvas holds its pixels.
    requestAnimationFrame(() => requestAnimationFrame(() => figure.setAttribute("data-drawn", "true")));
  }

  function drawTimeChart(spec: Extract<ChartSpec, { type: "time" | "candles" }>, body: HTMLElement): void {
    const chart = lib.createChart(body, {
      width: body.clientWidth,
      height: body.clientHeight,
      layout: { background: { color: "#ffffff" }, textColor: MUTED, fontSize: 11 },
      // No grid: the pane's pixels are then the series alone, which is what "the chart has drawn" checks.
      grid: { vertLines: { visible: false }, horzLines: { visible: false } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, timeVisible: true, secondsVisible: false },
      handleScroll: false,
      handleScale: false,
    });
    if (spec.type === "candles") {
      const series = chart.addSeries(lib.CandlestickSeries, {
        upColor: UP,
        downColor: DOWN,
        borderVisible: false,
        wickUpColor: UP,
        wickDownColor: DOWN,
      });
      series.setData(
        spec.candles.map(([time, open, high, low, close]) => ({
          time: time as Lwc.UTCTimestamp,
          open,
          high,
          low,
          close,
        })),
      );
      lib.createSeriesMarkers(
        series,
        spec.markers.map((marker) => ({ ...marker, time: marker.time as Lwc.UTCTimestamp })),
      );
    } else {
      for (const line of spec.series) {
        const options = {
          title: line.name,
          priceFormat: { type: "custom" as const, formatter: unitFormatter(line.unit) },
        };
        const series =
          line.style === "histogram"
            ? chart.addSeries(lib.HistogramSeries, { ...options, color: line.color })
            : line.style === "area"
              ? chart.addSeries(lib.AreaSeries, {
                  ...options,
                  lineColor: line.color,
                  topColor: `${line.color}55`,
                  bottomColor: `${line.color}08`,
                  lineWidth: 2,
                })
              : chart.addSeries(lib.LineSeries, { ...options, color: line.color, lineWidth: 2 });
        series.setData(line.points.map(([time, value]) => ({ time: time as Lwc.UTCTimestamp, value })));
      }
    }
    chart.timeScale().fitContent();
  }

  function unitFormatter(unit: string): (value: number) => string {
    return (value) =>
      `${value.toFixed(Math.abs(value) >= 1000 ? 0 : 2)}${unit === "%" ? "%" : unit ? ` ${unit}` : ""}`;
  }

  function drawCanvasChart(spec: Exclude<ChartSpec, { type: "time" | "candles" }>, body: HTMLElement): void {
    const canvas = document.createElement("canvas");
    const ratio = window.devicePixelRatio || 1;
    const width = body.clientWidth;
    const height = body.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    body.appendChild(canvas);
    const g = canvas.getContext("2d");
    if (!g) throw new Error(`no 2d context for chart ${spec.id}`);
    g.scale(ratio, ratio);
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, width, height);
    g.font = FONT;
    const plot = { left: 64, top: 12, right: width - 16, bottom: height - 40 };
    if (spec.type === "bars") drawBars(g, spec, plot);
    else if (spec.type === "scatter") drawScatter(g, spec, plot);
    else if (spec.type === "bands") drawBands(g, spec, plot);
    else if (spec.type === "histogram") drawHistogram(g, spec, plot);
    else drawHeatmap(g, spec, plot);
  }

  interface Plot {
    readonly left: number;
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
  }

  function extent(values: readonly number[], includeZero: boolean): [number, number] {
    let low = includeZero ? 0 : Number.POSITIVE_INFINITY;
    let high = includeZero ? 0 : Number.NEGATIVE_INFINITY;
    for (const value of values) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
    if (!Number.isFinite(low)) return [0, 1];
    if (low === high) return [low - 1, high + 1];
    const pad = (high - low) * 0.05;
    return [low - (includeZero && low === 0 ? 0 : pad), high + (includeZero && high === 0 ? 0 : pad)];
  }

  function short(value: number): string {
    const size = Math.abs(value);
    return size >= 1000 ? value.toFixed(0) : size >= 10 ? value.toFixed(1) : value.toFixed(2);
  }

  function axisY(g: CanvasRenderingContext2D, plot: Plot, low: number, high: number, unit: string): void {
    g.fillStyle = MUTED;
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (let k = 0; k <= 4; k++) {
      const value = low + ((high - low) * k) / 4;
      const y = plot.bottom - ((plot.bottom - plot.top) * k) / 4;
      g.fillText(`${short(value)}${unit}`, plot.left - 6, y);
    }
  }

  function drawBars(
    g: CanvasRenderingContext2D,
    spec: Extract<ChartSpec, { type: "bars" }>,
    plot: Plot,
  ): void {
    const [low, high] = extent(spec.values, true);
    const y = (value: number) => plot.bottom - ((value - low) / (high - low)) * (plot.bottom - plot.top);
    axisY(g, plot, low, high, spec.unit === "%" ? "%" : "");
    const slot = (plot.right - plot.left) / Math.max(spec.values.length, 1);
    g.textAlign = "center";
    g.textBaseline = "top";
    spec.values.forEach((value, index) => {
      const x = plot.left + slot * index + slot * 0.15;
      g.fillStyle = value >= 0 ? UP : DOWN;
      const top = Math.min(y(value), y(0));
      g.fillRect(x, top, slot * 0.7, Math.max(Math.abs(y(value) - y(0)), 1));
      g.fillStyle = INK;
      const label = spec.labels[index] ?? "";
      g.fillText(label.length > 18 ? `${label.slice(0, 17)}…` : label, x + slot * 0.35, plot.bottom + 6);
    });
    g.strokeStyle = MUTED;
    g.beginPath();
    g.moveTo(plot.left, y(0));
    g.lineTo(plot.right, y(0));
    g.stroke();
  }

  function drawScatter(
    g: CanvasRenderingContext2D,
    spec: Extract<ChartSpec, { type: "scatter" }>,
    plot: Plot,
  ): void {
    const [xLow, xHigh] = extent(
      spec.points.map((p) => p[0]),
      false,
    );
    const [yLow, yHigh] = extent(
      spec.points.map((p) => p[1]),
      false,
    );
    axisY(g, plot, yLow, yHigh, "");
    axisX(g, plot, xLow, xHigh, `${spec.xLabel} → ${spec.yLabel}`);
    g.fillStyle = "#0969da";
    for (const [px, py] of spec.points) {
      const x = plot.left + ((px - xLow) / (xHigh - xLow)) * (plot.right - plot.left);
      const y = plot.bottom - ((py - yLow) / (yHigh - yLow)) * (plot.bottom - plot.top);
      g.beginPath();
      g.arc(x, y, 4.5, 0, Math.PI * 2);
      g.fill();
    }
  }

  function axisX(g: CanvasRenderingContext2D, plot: Plot, low: number, high: number, label: string): void {
    g.fillStyle = MUTED;
    g.textAlign = "center";
    g.textBaseline = "top";
    for (let k = 0; k <= 4; k++) {
      g.fillText(
        short(low + ((high - low) * k) / 4),
        plot.left + ((plot.right - plot.left) * k) / 4,
        plot.bottom + 6,
      );
    }
    g.fillText(label, (plot.left + plot.right) / 2, plot.bottom + 22);
  }

  function drawBands(
    g: CanvasRenderingContext2D,
    spec: Extract<ChartSpec, { type: "bands" }>,
    plot: Plot,
  ): void {
    const all = [
      ...spec.areas.flatMap((area) => [...area.low, ...area.high]),
      ...spec.lines.flatMap((line) => line.values),
    ];
    const [low, high] = extent(all, true);
    const xLow = spec.xs[0] ?? 0;
    const xHigh = spec.xs.at(-1) ?? 1;
    const x = (value: number) =>
      plot.left + ((value - xLow) / (xHigh - xLow || 1)) * (plot.right - plot.left);
    const y = (value: number) => plot.bottom - ((value - low) / (high - low)) * (plot.bottom - plot.top);
    axisY(g, plot, low, high, spec.unit);
    axisX(g, plot, xLow, xHigh, spec.xLabel);
    for (const area of spec.areas) {
      g.fillStyle = area.color;
      g.beginPath();
      spec.xs.forEach((value, k) => {
        g.lineTo(x(value), y(area.high[k]!));
      });
      for (let k = spec.xs.length - 1; k >= 0; k--) g.lineTo(x(spec.xs[k]!), y(area.low[k]!));
      g.closePath();
      g.fill();
    }
    g.lineWidth = 2;
    for (const line of spec.lines) {
      g.strokeStyle = line.color;
      g.beginPath();
      spec.xs.forEach((value, k) => {
        g.lineTo(x(value), y(line.values[k]!));
      });
      g.stroke();
    }
    g.lineWidth = 1;
    g.strokeStyle = MUTED;
    g.beginPath();
    g.moveTo(plot.left, y(0));
    g.lineTo(plot.right, y(0));
    g.stroke();
    // legend, top left
    g.textAlign = "left";
    g.textBaseline = "middle";
    let at = plot.left + 8;
    for (const item of [...spec.areas, ...spec.lines]) {
      g.fillStyle = item.color;
      g.fillRect(at, plot.top + 2, 12, 8);
      g.fillStyle = INK;
      g.fillText(item.name, at + 16, plot.top + 6);
      at += 24 + g.measureText(item.name).width;
    }
  }

  function drawHistogram(
    g: CanvasRenderingContext2D,
    spec: Extract<ChartSpec, { type: "histogram" }>,
    plot: Plot,
  ): void {
    const [, high] = extent(spec.counts, true);
    let xLow = spec.edges[0] ?? 0;
    let xHigh = spec.edges.at(-1) ?? 1;
    // One value (a shuffle's final return): centre it in a readable range and draw its bar a few pixels wide.
    const flat = xHigh - xLow <= 1e-6 * Math.max(1, Math.abs(xHigh));
    if (flat) {
      const pad = Math.max(Math.abs(xLow) * 0.05, 1);
      xLow -= pad;
      xHigh += pad;
    }
    const x = (value: number) =>
      plot.left + ((value - xLow) / (xHigh - xLow || 1)) * (plot.right - plot.left);
    const y = (value: number) => plot.bottom - (value / high) * (plot.bottom - plot.top);
    axisY(g, plot, 0, high, "");
    axisX(g, plot, xLow, xHigh, spec.xLabel);
    g.fillStyle = "#0969da";
    spec.counts.forEach((count, k) => {
      const left = flat ? x(spec.edges[k]!) - 6 : x(spec.edges[k]!);
      const width = flat ? 12 : Math.max(x(spec.edges[k + 1]!) - left - 1, 1);
      g.fillRect(left, y(count), width, plot.bottom - y(count));
    });
    if (spec.marker !== undefined) {
      const at = x(Math.min(Math.max(spec.marker.value, xLow), xHigh));
      g.strokeStyle = DOWN;
      g.lineWidth = 2;
      g.beginPath();
      g.moveTo(at, plot.top);
      g.lineTo(at, plot.bottom);
      g.stroke();
      g.lineWidth = 1;
      g.fillStyle = DOWN;
      g.textAlign = at > (plot.left + plot.right) / 2 ? "right" : "left";
      g.textBaseline = "top";
      g.fillText(spec.marker.label, at + (g.textAlign === "right" ? -4 : 4), plot.top);
    }
  }

  function drawHeatmap(
    g: CanvasRenderingContext2D,
    spec: Extract<ChartSpec, { type: "heatmap" }>,
    plot: Plot,
  ): void {
    const values = spec.cells.flat().filter((v): v is number => v !== null);
    const [low, high] = extent(values, false);
    const columns = spec.xs.length;
    const rows = spec.ys.length;
    const cellWidth = (plot.right - plot.left) / columns;
    const cellHeight = (plot.bottom - plot.top) / rows;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const value = spec.cells[r]?.[c] ?? null;
        // red (worst) through yellow to green (best); an empty cell stays light grey
        const t = value === null ? -1 : (value - low) / (high - low);
        g.fillStyle = t < 0 ? "#eaeef2" : `hsl(${Math.round(t * 120)}, 70%, 48%)`;
        g.fillRect(
          plot.left + c * cellWidth,
          plot.bottom - (r + 1) * cellHeight,
          cellWidth - 1,
          cellHeight - 1,
        );
      }
    }
    g.fillStyle = MUTED;
    g.textAlign = "right";
    g.textBaseline = "middle";
    spec.ys.forEach((value, r) => {
      g.fillText(short(value), plot.left - 6, plot.bottom - (r + 0.5) * cellHeight);
    });
    g.textAlign = "center";
    g.textBaseline = "top";
    spec.xs.forEach((value, c) => {
      g.fillText(short(value), plot.left + (c + 0.5) * cellWidth, plot.bottom + 6);
    });
    g.fillText(
      `${spec.xLabel} (across) × ${spec.yLabel} (up)`,
      (plot.left + plot.right) / 2,
      plot.bottom + 22,
    );
  }
}
