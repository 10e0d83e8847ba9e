/** The component name that prefixes this package's error messages: `[exchange-ccxt] ...`. */
export const COMPONENT = "exchange-ccxt";
