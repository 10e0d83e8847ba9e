import { UsageError } from "./usage-error.js";

/**
 * The symbols of `--symbol A,B,C`: trimmed, in the order given, at least one, none twice.
 * @throws UsageError naming the flag and the value when one is empty or repeated.
 */
export function parseSymbols(value: string): string[] {
  const symbols = value.split(",").map((symbol) => symbol.trim());
  if (symbols.some((symbol) => symbol === "")) {
    throw new UsageError(
      `--symbol "${value}" has an empty symbol`,
      "list symbols separated by commas, e.g. --symbol BTCUSDT,ETHUSDT",
    );
  }
  const repeated = symbols.find((symbol, index) => symbols.indexOf(symbol) !== index);
  if (repeated !== undefined) {
    throw new UsageError(`--symbol "${value}" lists ${repeated} twice`, "list each symbol once");
  }
  return symbols;
}
