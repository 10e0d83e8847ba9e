import { existsSync } from "node:fs";
import type { Page } from "playwright-core";

/** Where Debian (and the CI image) installs chromium; CANDLEWICK_CHROMIUM overrides it. */
export function findChromium(): string | undefined {
  const configured = process.env.CANDLEWICK_CHROMIUM;
  const candidates = configured ? [configured] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path) => existsSync(path));
}

/** True in CI (CI set to anything but "", "0" or "false", as for redis-server), where a missing browser fails. */
export function isCi(): boolean {
  const value = (process.env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
}

/** What went wrong while a page loaded: console errors, uncaught exceptions, failed or non-file requests. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`network request: ${request.url()}`);
  });
  return problems;
}

/**
 * For each chart figure: how many pixels of its plot area are coloured (max − min channel > 60). The plot area
 * is the largest canvas (or the two stacked canvases of a lightweight-charts pane; axes are smaller canvases).
 * Background, labels and axes are white or grey, and the page draws no grid, so only series pixels count: an
 * empty chart has none.
 */
export async function drawnPixelsPerChart(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts: Record<string, number> = {};
    for (const figure of document.querySelectorAll<HTMLElement>("[data-chart]")) {
      const canvases = [...figure.querySelectorAll("canvas")];
      const largest = Math.max(0, ...canvases.map((canvas) => canvas.width * canvas.height));
      let drawn = 0;
      for (const canvas of canvases) {
        if (canvas.width * canvas.height !== largest) continue;
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < pixels.length; i += 4) {
          const [r, g, b, alpha] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
          if (alpha > 32 && Math.max(r, g, b) - Math.min(r, g, b) > 60) drawn++;
        }
      }
      counts[figure.dataset.chart!] = drawn;
    }
    return counts;
  });
}

/** The number in an element's text (`-1.23%`, `10000.00`, `7 d`), or NaN when the element has none. */
export async function shownNumber(page: Page, selector: string): Promise<number> {
  const text = await page.locator(selector).first().textContent();
  return parseShown(text ?? "");
}

/** The numbers in a column of a `data-table`, in row order. */
export async function shownColumn(page: Page, table: string, column: string): Promise<number[]> {
  const texts = await page.locator(`[data-table="${table}"] td[data-col="${column}"]`).allTextContents();
  return texts.map(parseShown);
}

/** The texts of a column of a `data-table`, in row order. */
export function shownTexts(page: Page, table: string, column: string): Promise<string[]> {
  return page.locator(`[data-table="${table}"] td[data-col="${column}"]`).allTextContents();
}

function parseShown(text: string): number {
  const match = /[-+]?\d+(\.\d+)?/.exec(text.replace(/,/g, ""));
  return match === null ? Number.NaN : Number(match[0]);
}
