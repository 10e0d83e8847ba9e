/** The component name that prefixes this package's option errors: `[broker-ccxt] ...`. */
export const COMPONENT = "broker-ccxt";
