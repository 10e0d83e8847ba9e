import { UsageError } from "./usage-error.js";

/**
 * Checks `--venue-url`: an http(s) origin (a path is kept as a prefix), without credentials in it, so it can be
 * printed. Returned without a trailing slash.
 */
export function parseVenueUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--venue-url "${value}" is not a URL`,
      "e.g. --venue-url http://127.0.0.1:8123 (the venue emulator) or --venue-url https://testnet.binance.vision",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--venue-url "${value}" is not http(s)`, "pass an http:// or https:// URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new UsageError(
      "--venue-url must not carry credentials",
      "keys come from the environment only (see candlewick live --help)",
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new UsageError(`--venue-url "${value}" has a query or fragment`, "pass the venue's base URL only");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * ccxt's REST base URLs (`urls.api`) moved onto another venue: each keeps its path (`/api/v3`, `/fapi/v1`...)
 * and loses its production host, so every call of that ccxt instance goes to `base` (a testnet, or the loopback
 * venue emulator) and none can reach the production venue.
 */
export function venueApiUrls(
  productionUrls: Readonly<Record<string, unknown>>,
  base: string,
): Record<string, string> {
  const moved: Record<string, string> = {};
  for (const [key, value] of Object.entries(productionUrls)) {
    if (typeof value !== "string") continue;
    moved[key] = `${base}${new URL(value).pathname.replace(/\/+$/, "")}`;
  }
  return moved;
}
