/** ccxt.binance's REST base URL keys and the path each maps to on the venue. */
const API_PATHS: Readonly<Record<string, string>> = {
  public: "/api/v3",
  private: "/api/v3",
  v1: "/api/v1",
  sapi: "/sapi/v1",
  sapiV2: "/sapi/v2",
  sapiV3: "/sapi/v3",
  sapiV4: "/sapi/v4",
  fapiPublic: "/fapi/v1",
  fapiPublicV2: "/fapi/v2",
  fapiPublicV3: "/fapi/v3",
  fapiPrivate: "/fapi/v1",
  fapiPrivateV2: "/fapi/v2",
  fapiPrivateV3: "/fapi/v3",
  fapiData: "/futures/data",
  dapiPublic: "/dapi/v1",
  dapiPrivate: "/dapi/v1",
  dapiPrivateV2: "/dapi/v2",
  dapiData: "/futures/data",
  eapiPublic: "/eapi/v1",
  eapiPrivate: "/eapi/v1",
  papi: "/papi/v1",
  papiV2: "/papi/v2",
};

/** What `binanceCcxtConfig` needs from the emulator. */
export interface CcxtConfigSource {
  readonly url: string;
  readonly apiKey: string;
  readonly secret: string;
  now(): number;
}

/**
 * The constructor config that points `new ccxt.binance(config)` at the emulator: every REST base URL on the
 * loopback (so nothing can reach binance.com), the emulator's credentials, and ccxt's clock replaced by the
 * venue's (ccxt signs `timestamp` with `milliseconds()`; a replayed venue is not on the wall clock). The
 * options are the ones a spot broker must set on a real Binance too: no sapi calls it does not need
 * (`fetchCurrencies`, `fetchMargins` off) and spot markets only.
 */
export function binanceCcxtConfig(
  emulator: CcxtConfigSource,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const api = Object.fromEntries(
    Object.entries(API_PATHS).map(([key, path]) => [key, `${emulator.url}${path}`]),
  );
  const overrideOptions = (overrides.options as Record<string, unknown> | undefined) ?? {};
  return {
    apiKey: emulator.apiKey,
    secret: emulator.secret,
    urls: { api },
    milliseconds: () => emulator.now(),
    ...overrides,
    options: {
      defaultType: "spot",
      fetchMarkets: { types: ["spot"] },
      fetchCurrencies: false,
      fetchMargins: false,
      adjustForTimeDifference: false,
      ...overrideOptions,
    },
  };
}

/**
 * The constructor config that points `new ccxt.binanceusdm(config)` at an emulator created with
 * `market: "usdm"`: every base URL on the loopback, the emulator's credentials and clock, and the options a
 * USDⓈ-M broker sets on the real venue too: linear markets only (no spot or dapi exchangeInfo) and no sapi
 * currency calls. ccxt then uses `/fapi/v3/account` for `fetchBalance` and `/fapi/v3/positionRisk` (after
 * `/fapi/v1/leverageBracket`, once) for `fetchPositions`.
 */
export function binanceUsdmCcxtConfig(
  emulator: CcxtConfigSource,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const overrideOptions = (overrides.options as Record<string, unknown> | undefined) ?? {};
  return binanceCcxtConfig(emulator, {
    ...overrides,
    options: {
      defaultType: "future",
      fetchMarkets: { types: ["linear"] },
      ...overrideOptions,
    },
  });
}

/** The part of a ccxt exchange `useBinanceSpotErrorTable` touches. */
export interface CcxtErrorTables {
  exceptions: Record<string, unknown>;
}

/**
 * ccxt.binance picks its spot-only error overrides by URL (`https://api.binance.com/…`), so on a loopback URL
 * it would use only its common table: Binance's -1008 "server busy" would surface as a plain ExchangeError
 * instead of OperationFailed. This folds the spot overrides into the common table of one instance, so the
 * instance classifies the emulator's answers exactly as it classifies the real spot API's. Test setups only.
 */
export function useBinanceSpotErrorTable(exchange: CcxtErrorTables): void {
  foldErrorTable(exchange, "spot");
}

/**
 * The USDⓈ-M counterpart of `useBinanceSpotErrorTable`: ccxt's linear overrides (chosen by the
 * `https://fapi.binance.com/` URL) folded into the instance's common table, so -2019 "Margin is insufficient."
 * is `InsufficientFunds` and -2022 / -4164 are `InvalidOrder`, as on the real fapi. Test setups only.
 */
export function useBinanceLinearErrorTable(exchange: CcxtErrorTables): void {
  foldErrorTable(exchange, "linear");
}

function foldErrorTable(exchange: CcxtErrorTables, marketType: "spot" | "linear"): void {
  const tables = exchange.exceptions as Record<string, Record<string, Record<string, unknown>> | undefined>;
  const table = (tables[marketType] ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const common = exchange.exceptions as Record<string, Record<string, unknown> | undefined>;
  common.exact = { ...common.exact, ...table.exact };
  common.broad = { ...common.broad, ...table.broad };
}
